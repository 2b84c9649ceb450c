//! One card on the board, as the server renders it: its title (a link to its page),
//! badges for solutions, companies and tags, and a plain form that moves it (the
//! "Move…" menu, which works without WebAssembly). What the board's island needs to move
//! it by mouse or keyboard rides on the card itself (`data-…`: stage, version, adoptions,
//! whether it is parked, and its gate evidence), so the page carries each card's data once.

use std::sync::Arc;

use leptos::prelude::*;
use server_fn::ServerFn;

use crate::api::cards::MoveCard;
use crate::domain::{Board, CardOverview};

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The name of a stage of the board's workflow (its key when it has none).
pub fn stage_name(board: &Board, key: &str) -> String {
    board
        .workflow
        .stage(key)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| key.to_owned())
}

#[component]
pub fn CardTile(card: CardOverview, board: Arc<Board>, can_edit: bool) -> impl IntoView {
    let solutions = plural(card.solutions, "solution", "solutions");
    let companies = plural(card.companies, "company", "companies");
    let has_adoptions = card.companies > 0;
    let href = format!("/cards/{}", card.id);
    // Where the card stands: short of its own stage's gate (after a workflow change),
    // ready for the next one, stale, parked.
    let standing = board.workflow.standing(&card.stage, &card.evidence);
    let stale = board.is_stale(&card, board.read_at);
    let ready_for = standing.ready_for.map(|key| stage_name(&board, &key));
    let short_of_gate = !standing.meets_stage_gate;
    let parked = card.parked.as_ref().map(|p| p.describe());
    let stage = stage_name(&board, &card.stage);
    // A title that ends a sentence itself ("…?") takes no full stop.
    let stop = if card.title.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    let label = if can_edit {
        format!(
            "{}{stop} In {stage}. Shift+Right Arrow or Shift+Left Arrow moves it.",
            card.title
        )
    } else {
        format!("{}{stop} In {stage}.", card.title)
    };
    let targets: Vec<(String, String)> = board
        .workflow
        .stages()
        .iter()
        .filter(|s| s.key.as_str() != card.stage)
        .map(|s| (s.key.as_str().to_owned(), s.name.clone()))
        .collect();
    view! {
        <li
            class="card"
            data-card-id=card.id.to_string()
            data-stage=card.stage.to_string()
            data-version=card.version.to_string()
            data-adoptions=card.adoptions.to_string()
            data-parked=card.parked.is_some().then_some("")
            data-evidence=card.evidence.to_attr()
            tabindex="0"
            draggable=if can_edit { "true" } else { "false" }
            aria-label=label
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
                    .map(|tag| view! { <li class="badge badge-tag" data-tag=tag.clone()>"#" {tag.clone()}</li> })
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
                <form method="post" action=MoveCard::url() class="move-form">
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
                </form>
            </details>
            })}
        </li>
    }
}
