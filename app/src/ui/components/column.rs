//! One column of the board: a stage's name, its card count, what its gate asks for, and
//! the cards that pass the current filter.

use leptos::prelude::*;

use super::card_tile::CardTile;
use crate::domain::{Board, BoardFilter, Stage};

#[component]
pub fn Column(stage: Stage, board: StoredValue<Board>, filter: Memo<BoardFilter>) -> impl IntoView {
    let key = stage.key.as_str().to_owned();
    let heading_id = format!("column-{key}");
    let labelled_by = heading_id.clone();
    let total = board.with_value(|b| b.cards.iter().filter(|c| c.stage == key).count());
    let cards = Memo::new({
        let key = key.clone();
        move |_| {
            let filter = filter.get();
            board.with_value(|b| b.column(&key, &filter).cloned().collect::<Vec<_>>())
        }
    });
    let count = move || {
        let shown = cards.with(Vec::len);
        if shown == total {
            total.to_string()
        } else {
            format!("{shown} of {total}")
        }
    };
    let limit = stage.wip_limit.map(|l| format!(" / {l}"));
    let gate = stage
        .gate
        .as_ref()
        .map(|g| format!("To enter: {}", g.describe()));
    view! {
        <section class="column" data-stage=key aria-labelledby=labelled_by>
            <header class="column-header">
                <h2 id=heading_id>
                    <span class="column-name">{stage.name}</span>
                    " "
                    <span class="count" aria-label="cards">
                        {count}
                        {limit}
                    </span>
                </h2>
                {gate.map(|text| view! { <p class="gate">{text}</p> })}
            </header>
            <ul class="cards">
                <For each=move || cards.get() key=|card| (card.id, card.version) let:card>
                    <CardTile card />
                </For>
            </ul>
        </section>
    }
}
