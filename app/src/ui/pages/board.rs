//! The board page at `/`: every stage of the workflow as a column, with its cards, the
//! filter bar, the form that adds a challenge, and moves by mouse, keyboard or form.
//! The server renders it; the board itself is an island ([`BoardIsland`]) whose props
//! are the board as rendered. After that, newer boards are taken in place: a move shows at
//! once and only the cards a change touched are redrawn.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::board::get_board;
use crate::api::cards::{CreateCard, MoveCard};
use crate::domain::{Board, BoardFilter, CardOverview, Permission};
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::{
    board_filter::BoardFilterBar, column::Column, mover::Mover, new_card::NewCardForm,
};

/// The page, rendered on the server: the filter of the address, the board as it stands,
/// and the island that makes it move.
#[component]
pub fn BoardPage() -> impl IntoView {
    let query = use_query_map();
    let filter = query.with_untracked(|q| BoardFilter {
        text: q.get("q").unwrap_or_default(),
        tag: q.get("tag").filter(|t| !t.is_empty()),
        adopted_only: q.get("adopted").is_some_and(|v| v == "1" || v == "on"),
        hide_parked: q.get("parked").is_some_and(|v| v == "hide"),
    });
    let board = Resource::new(|| (), |_| get_board());
    view! {
        <PageMeta
            title="Board"
            description="The Kanban board of the InnerSource Commons ISPO working group: challenges ISPOs meet and the solutions that answer them, from first proposal to adoption by several companies."
            path="/"
        />
        <Loaded
            resource=board
            what="The board"
            loading="Loading the board\u{2026}"
            ready=move |board, viewer| {
                view! {
                    <BoardIsland board filter=filter.clone() can_edit=viewer.may(Permission::EditBoard) />
                }
            }
        />
    }
}

/// The board in the browser: moves, live redraw, the filter as one types, the new-card
/// form's hints. Its props are the board as the server rendered it, the address's filter
/// and whether the viewer may change the board.
#[island]
fn BoardIsland(board: Board, filter: BoardFilter, can_edit: bool) -> impl IntoView {
    crate::ui::island::start();
    let filter = RwSignal::new(filter);
    let move_action = ServerAction::<MoveCard>::new();
    let create_action = ServerAction::<CreateCard>::new();
    // The board with its workflow: a new workflow (stages, gates, limits) rebuilds the
    // columns from it.
    let base = RwSignal::new(board);
    // Boards fetched since, after every move, new card and change heard: the board on the
    // page takes them in place, redrawing only the cards that changed.
    let latest = RwSignal::new(None::<Board>);
    // The newest change the page shows.
    let shown_event = RwSignal::new(0_i64);
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = get_board().await {
                let same_workflow = base
                    .try_with_untracked(|b| b.workflow == fresh.workflow)
                    .unwrap_or(true);
                if same_workflow {
                    let _ = latest.try_set(Some(fresh));
                } else if latest.try_set(None).is_none() {
                    base.set(fresh);
                }
            }
        });
    };
    // One's own moves and new cards reload the board once the server has answered.
    Effect::new(move |first: Option<()>| {
        move_action.version().track();
        create_action.version().track();
        if first.is_some() {
            reload();
        }
    });
    let dragging = RwSignal::new(None::<CardOverview>);
    // Without WebAssembly a refused form move comes back as a redirect carrying the error,
    // which the action picks up: say it on the page.
    let announcement = RwSignal::new(
        move_action
            .value()
            .get_untracked()
            .and_then(Result::err)
            .map(|err| refused(&err))
            .unwrap_or_default(),
    );
    let focus_after = RwSignal::new(None::<String>);

    // Changes by others redraw the board, but never under a card being dragged (they wait
    // for the drop), and the keyboard stays on the card it was on.
    let waiting = RwSignal::new(false);
    let refocus = RwSignal::new(None::<String>);
    let refresh = move || {
        if let Some(id) = focused_card() {
            focus_after.set(Some(id));
        } else if let Some(id) = focused_element_id() {
            refocus.set(Some(id));
        }
        reload();
    };
    crate::ui::live::listen(move |heard| {
        let event_id = match heard {
            crate::ui::live::Heard::Change(event) => Some(event.id),
            crate::ui::live::Heard::Resync => None,
        };
        // One's own moves reload the board already: give that a moment, then reload only
        // for what the board does not show yet.
        set_timeout(
            move || {
                // The page may be gone by then (someone opened a card): nothing to redraw.
                let Some(shown) = shown_event.try_get_untracked() else {
                    return;
                };
                if dragging.try_get_untracked().is_none() {
                    return;
                }
                if event_id.is_some_and(|id| id <= shown) {
                    return;
                }
                if dragging.get_untracked().is_some() {
                    waiting.set(true);
                } else {
                    refresh();
                }
            },
            std::time::Duration::from_millis(120),
        );
    });
    Effect::new(move |_| {
        if dragging.get().is_none() && waiting.get_untracked() {
            waiting.set(false);
            refresh();
        }
    });

    // Say how each move ended.
    Effect::new(move |_| {
        if let Some(result) = move_action.value().get() {
            let outcome = match result {
                Ok(card) => format!(
                    "Moved \u{201c}{}\u{201d} to {}.",
                    card.title,
                    base.with_untracked(|b| b
                        .workflow
                        .stage(&card.stage)
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| card.stage.to_string()))
                ),
                Err(err) => refused(&err),
            };
            announcement.update(|said| *said = after_answer(said, outcome));
        }
    });

    // Marks the page once WebAssembly has taken over, for tests and styling.
    let hydrated = crate::ui::island::hydrated();

    view! {
        <section class="board-page" data-hydrated=move || hydrated.get().to_string()>
            <div class="board-intro">
                <h1>"Working group board"</h1>
                <p class="lede">
                    "Challenges ISPOs meet, and the solutions that answer them, from first "
                    "proposal to adoption by several companies."
                </p>
                {if can_edit {
                    view! { <NewCardForm action=create_action /> }.into_any()
                } else {
                    view! {
                        <p class="muted sign-in-hint">
                            <a href="/login">"Sign in"</a>
                            " to add challenges and move cards."
                        </p>
                    }
                        .into_any()
                }}
            </div>
            <p class="announcer" class:is-empty=move || announcement.get().is_empty() role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            {move || {
                let board = base.get();
                view! {
                    <BoardView board latest shown_event filter move_action announcement focus_after refocus dragging can_edit />
                }
            }}
            <p class="keyboard-help">
                "Keyboard: focus a card with Tab, then press Shift+Right Arrow to move it to the "
                "next stage or Shift+Left Arrow to move it back (you will be asked why). "
                "Each card's \u{201c}Move\u{2026}\u{201d} menu does the same with a form."
            </p>
        </section>
    }
}

#[component]
fn BoardView(
    board: Board,
    latest: RwSignal<Option<Board>>,
    shown_event: RwSignal<i64>,
    filter: RwSignal<BoardFilter>,
    move_action: ServerAction<MoveCard>,
    announcement: RwSignal<String>,
    focus_after: RwSignal<Option<String>>,
    refocus: RwSignal<Option<String>>,
    dragging: RwSignal<Option<CardOverview>>,
    can_edit: bool,
) -> impl IntoView {
    let stages = board.workflow.stages().to_vec();
    let workflow = StoredValue::new(board.workflow.clone());
    shown_event.set(board.last_event);
    let board = RwSignal::new(board);
    // A board fetched later replaces this one in place (the columns stay; the cards that
    // changed are redrawn).
    Effect::new(move |_| {
        if let Some(fresh) = latest.get() {
            // A changed card is drawn anew: keep the keyboard on it.
            let focused = focused_card();
            shown_event.set(fresh.last_event);
            board.set(fresh);
            if focused.is_some() {
                focus_after.set(focused);
            }
        }
    });
    let tags = Memo::new(move |_| board.with(Board::tags));
    let mover = Mover {
        workflow,
        action: move_action,
        announcement,
        dragging,
        focus_after,
        board,
        can_edit,
    };
    let current = Memo::new(move |_| filter.get());
    let total = Memo::new(move |_| board.with(|b| b.cards.len()));
    let shown = Memo::new(move |_| {
        let f = current.get();
        board.with(|b| b.cards.iter().filter(|c| f.matches(c)).count())
    });
    let summary = move || {
        let (shown, total) = (shown.get(), total.get());
        if shown == total {
            format!("{total} cards")
        } else {
            format!("Showing {shown} of {total} cards")
        }
    };
    // After a move or a redraw, keep the keyboard where it was: on the card.
    Effect::new(move |_| {
        if let Some(id) = focus_after.get() {
            focus_after.set(None);
            // The new columns are mounted after this runs: try again shortly after.
            for delay in [0, 50, 250] {
                let id = id.clone();
                set_timeout(
                    move || focus_card(&id),
                    std::time::Duration::from_millis(delay),
                );
            }
        }
    });
    // After a redraw for someone else's change, keep the keyboard in the field it was in.
    Effect::new(move |_| {
        if let Some(id) = refocus.get() {
            refocus.set(None);
            focus_element(&id);
        }
    });
    view! {
        <BoardFilterBar filter tags />
        <p class="board-summary">{summary}</p>
        <div class="board" role="list" aria-label="Stages">
            {stages
                .into_iter()
                .map(|stage| {
                    view! {
                        <div role="listitem" class="column-slot">
                            <Column stage board filter=current mover />
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// What the live region says once the server has answered a move: the outcome replaces
/// what was said of moves ("Moving …", an earlier outcome), but never an explanation given
/// since (a quick second key press refused in the browser before the first move's answer
/// came): that stays, after the outcome, so both are read in the order they happened.
fn after_answer(said: &str, outcome: String) -> String {
    let of_a_move = said.is_empty()
        || [MOVING, MOVED, REFUSED]
            .iter()
            .any(|start| said.starts_with(start));
    if of_a_move {
        outcome
    } else {
        format!("{outcome} {said}")
    }
}

/// How the live region starts while a move waits for the server's answer.
const MOVING: &str = "Moving \u{201c}";
/// How it starts once a move is made, or refused by the server.
const MOVED: &str = "Moved \u{201c}";
const REFUSED: &str = "The move was refused.";

/// "The move was refused." and the reason, as a sentence.
fn refused(err: &crate::contract::AppError) -> String {
    let reason = err.to_string();
    let mut chars = reason.trim().chars();
    let sentence = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
        None => String::new(),
    };
    let end = if sentence.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    format!("{REFUSED} {sentence}{end}")
}

/// The id of the board card that has keyboard focus, if any.
fn focused_card() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .active_element()
            .and_then(|e| e.closest("li.card").ok().flatten())
            .and_then(|card| card.get_attribute("data-card-id"))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// The id of the element that has keyboard focus, if it has one.
fn focused_element_id() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .active_element()
            .map(|e| e.id())
            .filter(|id| !id.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Gives keyboard focus to the element with this id, if it is on the page.
fn focus_element(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Moves keyboard focus to a card of the board, if it is on the page.
fn focus_card(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    let selector = format!("li.card[data-card-id=\"{id}\"]");
    if let Some(element) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::after_answer;

    #[test]
    fn an_answer_replaces_what_was_said_of_moves() {
        for said in [
            "",
            "Moving \u{201c}A\u{201d} to Proposed\u{2026}",
            "Moved \u{201c}B\u{201d} to Challenge.",
            "The move was refused. Cannot move there yet.",
        ] {
            assert_eq!(
                after_answer(said, "Moved \u{201c}A\u{201d}.".into()),
                "Moved \u{201c}A\u{201d}."
            );
        }
    }

    #[test]
    fn an_answer_keeps_an_explanation_given_since() {
        let said = "Cannot move \u{201c}A\u{201d} to Internal. Internal: needs a company.";
        assert_eq!(
            after_answer(said, "Moved \u{201c}A\u{201d} to Proposed.".into()),
            format!("Moved \u{201c}A\u{201d} to Proposed. {said}")
        );
    }
}
