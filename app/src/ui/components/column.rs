//! One column of the board: a stage's name, its card count (and WIP limit), what its gate
//! asks for, and the cards that pass the current filter. A change redraws only the cards
//! it touched (they are keyed by id and version). Cards dropped on it move here;
//! while a card is dragged over it, it says whether the card may enter and what is missing.

use leptos::ev;
use leptos::prelude::*;

use super::card_tile::CardTile;
use super::mover::Mover;
use crate::domain::{Board, BoardFilter, Stage};

#[component]
pub fn Column(
    stage: Stage,
    board: RwSignal<Board>,
    filter: Memo<BoardFilter>,
    mover: Mover,
) -> impl IntoView {
    let key = stage.key.as_str().to_owned();
    let heading_id = format!("column-{key}");
    let labelled_by = heading_id.clone();
    let total = Memo::new({
        let key = key.clone();
        move |_| board.with(|b| b.cards.iter().filter(|c| c.stage == key).count())
    });
    let cards = Memo::new({
        let key = key.clone();
        move |_| {
            let filter = filter.get();
            board.with(|b| b.column(&key, &filter).cloned().collect::<Vec<_>>())
        }
    });
    let count = move || {
        let (shown, total) = (cards.with(Vec::len), total.get());
        if shown == total {
            total.to_string()
        } else {
            format!("{shown} of {total}")
        }
    };
    let limit = stage.wip_limit.map(|l| format!(" / {l}"));
    let wip_limit = stage.wip_limit;
    let full = move || wip_limit.is_some_and(|l| total.get() >= l as usize);
    let gate = stage
        .gate
        .as_ref()
        .map(|g| format!("To enter: {}", g.describe()));

    // While a card is dragged over this column: None (not over), Ok or the refusal.
    let over = RwSignal::new(false);
    let verdict = Memo::new({
        let key = key.clone();
        move |_| {
            let card = mover.dragging.get()?;
            if !over.get() || card.stage == key {
                return None;
            }
            Some(
                mover
                    .check(&card, &key)
                    .map_err(|refusal| refusal.to_string()),
            )
        }
    });
    let class = move || match verdict.get() {
        Some(Ok(())) => "column drop-ok",
        Some(Err(_)) => "column drop-refused",
        None => "column",
    };
    let on_drag_over = move |event: ev::DragEvent| {
        event.prevent_default();
        over.set(true);
    };
    let on_drag_leave = move |_: ev::DragEvent| over.set(false);
    let on_drop = {
        let key = key.clone();
        move |event: ev::DragEvent| {
            event.prevent_default();
            over.set(false);
            if let Some(card) = mover.dragging.get_untracked() {
                mover.dragging.set(None);
                mover.try_move(&card, &key);
            }
        }
    };
    view! {
        <section
            class=class
            data-stage=key
            aria-labelledby=labelled_by
            on:dragover=on_drag_over
            on:dragleave=on_drag_leave
            on:drop=on_drop
        >
            <header class="column-header">
                <h2 id=heading_id>
                    <span class="column-name">{stage.name}</span>
                    " "
                    <span class="count" class:full=full aria-label="cards">
                        {count}
                        {limit}
                    </span>
                </h2>
                {gate.map(|text| view! { <p class="gate">{text}</p> })}
            </header>
            {move || {
                verdict
                    .get()
                    .map(|v| match v {
                        Ok(()) => view! { <p class="drop-hint ok">"Drop to move here"</p> }.into_any(),
                        Err(why) => view! { <p class="drop-hint refused">{why}</p> }.into_any(),
                    })
            }}
            <ul class="cards">
                <For each=move || cards.get() key=|card| (card.id, card.version) let:card>
                    <CardTile card mover />
                </For>
            </ul>
        </section>
    }
}
