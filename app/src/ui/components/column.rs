//! One column of the board, as the server renders it: a stage's name, its card count (and
//! WIP limit), what its gate asks for, and the cards that pass the filter. The board's
//! island keeps the count and the cards current as one filters, drags and moves.

use std::sync::Arc;

use leptos::prelude::*;

use super::card_tile::card_html;
use crate::domain::{Board, BoardFilter, Stage};

/// A column's count: "shown of total" while a filter hides some of its cards, then the WIP
/// limit (" / 4") if the stage has one. The browser writes it the same way.
pub fn count_text(shown: usize, total: usize, limit: Option<u32>) -> String {
    let count = if shown == total {
        total.to_string()
    } else {
        format!("{shown} of {total}")
    };
    match limit {
        Some(limit) => format!("{count} / {limit}"),
        None => count,
    }
}

/// Whether a column with `total` cards is at its WIP limit.
pub fn is_full(total: usize, limit: Option<u32>) -> bool {
    limit.is_some_and(|l| total >= l as usize)
}

#[component]
pub fn Column(
    stage: Stage,
    board: Arc<Board>,
    filter: BoardFilter,
    can_edit: bool,
) -> impl IntoView {
    let key = stage.key.as_str().to_owned();
    let heading_id = format!("column-{key}");
    let labelled_by = heading_id.clone();
    let total = board.cards.iter().filter(|c| c.stage == key).count();
    let cards: Vec<_> = board.column(&key, &filter).collect();
    let count = count_text(cards.len(), total, stage.wip_limit);
    let full = is_full(total, stage.wip_limit);
    let gate = stage
        .gate
        .as_ref()
        .map(|g| format!("To enter: {}", g.describe()));
    let tiles: String = cards
        .iter()
        .map(|card| card_html(card, &board, can_edit))
        .collect();
    view! {
        <section class="column" data-stage=key aria-labelledby=labelled_by>
            <header class="column-header">
                <h2 id=heading_id>
                    <span class="column-name">{stage.name}</span>
                    " "
                    <span class="count" class:full=full aria-label="cards">{count}</span>
                </h2>
                {gate.map(|text| view! { <p class="gate">{text}</p> })}
            </header>
            <ul class="cards" inner_html=tiles></ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{count_text, is_full};

    #[test]
    fn counts_say_what_the_filter_hides_and_the_limit() {
        assert_eq!(count_text(3, 3, None), "3");
        assert_eq!(count_text(1, 3, None), "1 of 3");
        assert_eq!(count_text(2, 2, Some(4)), "2 / 4");
        assert_eq!(count_text(0, 4, Some(4)), "0 of 4 / 4");
        assert!(is_full(4, Some(4)));
        assert!(!is_full(3, Some(4)));
        assert!(!is_full(40, None));
    }
}
