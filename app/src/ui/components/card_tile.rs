//! One card on the board: its title (a link to its page), badges for solutions, companies
//! and tags, and three ways to move it — drag and drop, the keyboard (Shift+→ and
//! Shift+←), and a plain form that works before WebAssembly has loaded.

use leptos::ev;
use leptos::prelude::*;

use super::mover::Mover;
use crate::domain::CardOverview;

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[component]
pub fn CardTile(card: CardOverview, mover: Mover) -> impl IntoView {
    let solutions = plural(card.solutions, "solution", "solutions");
    let companies = plural(card.companies, "company", "companies");
    let has_adoptions = card.companies > 0;
    let href = format!("/cards/{}", card.id);
    // Where the card stands: short of its own stage's gate (after a workflow change),
    // ready for the next one, stale, parked.
    let (standing, stale) = mover.board.with_untracked(|board| {
        (
            board.workflow.standing(&card.stage, &card.evidence),
            board.is_stale(&card, board.read_at),
        )
    });
    let ready_for = standing.ready_for.map(|key| mover.stage_name(&key));
    let short_of_gate = !standing.meets_stage_gate;
    let parked = card.parked.as_ref().map(|p| p.describe());
    let stage_name = mover.stage_name(&card.stage);
    let can_edit = mover.can_edit;
    let label = if can_edit {
        format!(
            "{}. In {stage_name}. Shift+Right Arrow or Shift+Left Arrow moves it.",
            card.title
        )
    } else {
        format!("{}. In {stage_name}.", card.title)
    };
    let targets: Vec<(String, String)> = mover.workflow.with_value(|wf| {
        wf.stages()
            .iter()
            .filter(|s| s.key.as_str() != card.stage)
            .map(|s| (s.key.as_str().to_owned(), s.name.clone()))
            .collect()
    });
    let on_drag_start = {
        let card = card.clone();
        move |event: ev::DragEvent| {
            if !can_edit {
                return;
            }
            if let Some(transfer) = event.data_transfer() {
                let _ = transfer.set_data("text/plain", &card.id.to_string());
                transfer.set_effect_allowed("move");
            }
            mover.dragging.set(Some(card.clone()));
        }
    };
    let on_drag_end = move |_: ev::DragEvent| mover.dragging.set(None);
    let on_key = {
        let card = card.clone();
        move |event: ev::KeyboardEvent| {
            if !can_edit || !event.shift_key() || event.target() != event.current_target() {
                return;
            }
            let forward = match event.key().as_str() {
                "ArrowRight" => true,
                "ArrowLeft" => false,
                _ => return,
            };
            event.prevent_default();
            match mover.neighbour(&card, forward) {
                Some(to) => mover.try_move(&card, &to),
                None => mover.announcement.set(format!(
                    "\u{201c}{}\u{201d} is already in the {} stage.",
                    card.title,
                    if forward { "last" } else { "first" }
                )),
            }
        }
    };
    view! {
        <li
            class="card"
            data-card-id=card.id.to_string()
            data-stage=card.stage.to_string()
            tabindex="0"
            draggable=if can_edit { "true" } else { "false" }
            aria-label=label
            on:dragstart=on_drag_start
            on:dragend=on_drag_end
            on:keydown=on_key
        >
            <h3 class="card-title">
                <a href=href draggable="false">
                    {card.title.clone()}
                </a>
            </h3>
            <ul class="badges" aria-label="Summary">
                <li class="badge badge-solutions">{solutions}</li>
                {has_adoptions
                    .then(|| {
                        view! {
                            <li class="badge badge-companies" title="Distinct adopting companies">
                                {companies}
                            </li>
                        }
                    })}
                {card
                    .tags
                    .iter()
                    .map(|tag| view! { <li class="badge badge-tag">"#" {tag.clone()}</li> })
                    .collect_view()}
                {ready_for.map(|next| view! {
                    <li class="badge badge-ready" title="Its evidence meets the next stage's gate">
                        {format!("Ready for {next}")}
                    </li>
                })}
                {short_of_gate.then(|| view! {
                    <li class="badge badge-unmet" title="The workflow changed: the card no longer meets its stage's gate">
                        "Below its gate"
                    </li>
                })}
                {stale.then(|| view! {
                    <li class="badge badge-stale" title="No activity for a while">"Stale"</li>
                })}
                {parked.map(|why| view! {
                    <li class="badge badge-parked" title=why.clone()>{format!("Parked: {why}")}</li>
                })}
            </ul>
            {can_edit.then(|| view! {
            <details class="move-menu">
                <summary>"Move\u{2026}"</summary>
                <ActionForm action=mover.action attr:class="move-form">
                    <input type="hidden" name="id" value=card.id.to_string() />
                    <input type="hidden" name="version" value=card.version.to_string() />
                    <label>
                        "To "
                        <select name="to">
                            {targets
                                .into_iter()
                                .map(|(key, name)| view! { <option value=key>{name}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        "Note " <input type="text" name="note" placeholder="needed when moving back" />
                    </label>
                    <button type="submit">"Move"</button>
                </ActionForm>
            </details>
            })}
        </li>
    }
}
