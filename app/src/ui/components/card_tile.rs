//! One card on the board, as the server renders it: its title (a link to its page),
//! badges for solutions, companies and tags, and a plain form that moves it (the
//! "Move…" menu, which works without WebAssembly). What the board's island needs to move
//! it by mouse or keyboard rides on the card itself (`data-…`: stage, version, adoptions,
//! whether it is parked, and its gate evidence), so the page carries each card's data once.
//!
//! A board holds up to thousands of cards and no card is hydrated: each is written as
//! plain HTML ([`card_html`], every text escaped by `ui::escape`), without the markers a
//! hydrated view would need — fewer bytes and fewer nodes for the browser to parse.

use std::fmt::Write as _;

use leptos::server_fn::ServerFn;

use crate::api::cards::MoveCard;
use crate::domain::{Board, CardOverview};
use crate::ui::escape::escape_markup as escape;

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

/// The card as an `li.card`, for the viewer (`can_edit`: with its "Move…" menu).
pub fn card_html(card: &CardOverview, board: &Board, can_edit: bool) -> String {
    // Where the card stands: short of its own stage's gate (after a workflow change),
    // ready for the next one, stale, parked.
    let standing = board.workflow.standing(&card.stage, &card.evidence);
    let stale = board.is_stale(card, board.read_at);
    let stage = stage_name(board, &card.stage);
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
    let id = card.id;
    let mut html = String::with_capacity(600);
    let _ = write!(
        html,
        "<li class=\"card\" data-card-id=\"{id}\" data-stage=\"{}\" data-version=\"{}\" \
         data-adoptions=\"{}\"{} data-evidence=\"{}\" tabindex=\"0\" draggable=\"{can_edit}\" \
         aria-label=\"{}\"><h3 class=\"card-title\"><a href=\"/cards/{id}\" \
         draggable=\"false\">{}</a></h3><ul class=\"badges\" aria-label=\"Summary\">\
         <li class=\"badge badge-solutions\">{}</li>",
        escape(&card.stage),
        card.version,
        card.adoptions,
        if card.parked.is_some() {
            " data-parked=\"\""
        } else {
            ""
        },
        escape(&card.evidence.to_attr()),
        escape(&label),
        escape(&card.title),
        plural(card.solutions, "solution", "solutions"),
    );
    if card.companies > 0 {
        let _ = write!(
            html,
            "<li class=\"badge badge-companies\" title=\"Distinct adopting companies\">{}</li>",
            plural(card.companies, "company", "companies")
        );
    }
    for tag in &card.tags {
        let tag = escape(tag);
        let _ = write!(
            html,
            "<li class=\"badge badge-tag\" data-tag=\"{tag}\">#{tag}</li>"
        );
    }
    if let Some(next) = standing.ready_for {
        let _ = write!(
            html,
            "<li class=\"badge badge-ready\" title=\"Its evidence meets the next stage's gate\">\
             Ready for {}</li>",
            escape(&stage_name(board, &next))
        );
    }
    if !standing.meets_stage_gate {
        html.push_str(
            "<li class=\"badge badge-unmet\" title=\"The workflow changed: the card no longer \
             meets its stage's gate\">Below its gate</li>",
        );
    }
    if stale {
        html.push_str(
            "<li class=\"badge badge-stale\" title=\"No activity for a while\">Stale</li>",
        );
    }
    if let Some(parked) = &card.parked {
        let why = escape(&parked.describe());
        let _ = write!(
            html,
            "<li class=\"badge badge-parked\" title=\"{why}\">Parked: {why}</li>"
        );
    }
    html.push_str("</ul>");
    if can_edit {
        let _ = write!(
            html,
            "<details class=\"move-menu\"><summary>Move\u{2026}</summary>\
             <form method=\"post\" action=\"{}\" class=\"move-form\">\
             <input type=\"hidden\" name=\"id\" value=\"{id}\">\
             <input type=\"hidden\" name=\"version\" value=\"{}\">\
             <label>To <select name=\"to\">",
            escape(MoveCard::url()),
            card.version
        );
        for stage in board
            .workflow
            .stages()
            .iter()
            .filter(|s| s.key.as_str() != card.stage)
        {
            let _ = write!(
                html,
                "<option value=\"{}\">{}</option>",
                escape(stage.key.as_str()),
                escape(&stage.name)
            );
        }
        html.push_str(
            "</select></label><label>Note <input type=\"text\" name=\"note\" \
             placeholder=\"needed when moving back\"></label>\
             <button type=\"submit\">Move</button></form></details>",
        );
    }
    html.push_str("</li>");
    html
}
