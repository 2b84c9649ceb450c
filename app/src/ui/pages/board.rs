//! The board page at `/`: every stage of the workflow as a column, with its cards, the
//! filter bar, the form that adds a challenge, and moves by mouse, keyboard or form.
//! The server renders all of it, every card once; the island around it ([`BoardIsland`])
//! hydrates only the form with its hints and the live region, and works the board that
//! the server rendered as its children: it reads each card's data from the page
//! ([`crate::ui::board_dom`]), explains and makes moves, filters as one types, and takes
//! in newer renderings of the page, redrawing only the cards a change touched.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_query_map;

use crate::api::cards::{CreateCard, MoveCard};
use crate::domain::{Board, BoardFilter, Permission};
use crate::ui::board_dom::{self, BoardDom};
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_meta::PageMeta;
use crate::ui::components::{board_filter::BoardFilterBar, column::Column, new_card::NewCardForm};

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
    let board = Resource::new(|| (), |_| crate::api::board::get_board());
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
                let can_edit = viewer.may(Permission::EditBoard);
                let filter = filter.clone();
                let board = Arc::new(board);
                view! {
                    <BoardIsland can_edit>
                        <BoardContent board filter can_edit />
                    </BoardIsland>
                }
            }
        />
    }
}

/// The filter bar, the summary and the columns, rendered on the server only.
#[component]
fn BoardContent(board: Arc<Board>, filter: BoardFilter, can_edit: bool) -> impl IntoView {
    let shown = board.cards.iter().filter(|c| filter.matches(c)).count();
    let summary = board_dom::summary_text(shown, board.cards.len());
    let workflow = serde_json::to_string(&board.workflow).unwrap_or_default();
    let columns = board
        .workflow
        .stages()
        .iter()
        .cloned()
        .map(|stage| {
            view! {
                <div role="listitem" class="column-slot">
                    <Column stage board=board.clone() filter=filter.clone() can_edit />
                </div>
            }
        })
        .collect_view();
    view! {
        <BoardFilterBar filter=filter.clone() tags=board.tags() />
        <p class="board-summary">{summary}</p>
        <div
            class="board"
            role="list"
            aria-label="Stages"
            data-workflow=workflow
            data-last-event=board.last_event.to_string()
        >
            {columns}
        </div>
    }
}

/// The board in the browser: moves by drag and drop, keyboard or the cards' forms, live
/// redraw, the filter as one types, the new-card form's hints. Its children are the board
/// as the server rendered it; whether the viewer may change the board is its one prop.
#[island]
fn BoardIsland(can_edit: bool, children: Children) -> impl IntoView {
    crate::ui::island::start();
    let move_action = ServerAction::<MoveCard>::new();
    let create_action = ServerAction::<CreateCard>::new();
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
    // The card being dragged (the column it is over is kept by `board_dom`).
    let dragging = RwSignal::new(None::<String>);
    // A newer page waits while a card is dragged (it is taken in at the drop).
    let waiting = RwSignal::new(false);
    // Fetches are numbered: only the newest one is taken in.
    let fetches = StoredValue::new(0_u32);

    let lay_out = || board_dom::with(|d| d.map(|d| d.lay_out(&board_dom::current_filter())));
    let reload = move || {
        fetches.update_value(|n| *n += 1);
        let number = fetches.get_value();
        leptos::task::spawn_local(async move {
            let Some(page) = board_dom::fetch_board_page().await else {
                return;
            };
            // The island may be gone by then, or a newer fetch under way.
            if fetches.try_get_value() != Some(number) {
                return;
            }
            if dragging.get_untracked().is_some() {
                waiting.set(true);
                return;
            }
            let Some(fresh) = BoardDom::read(&page) else {
                return;
            };
            let focus = board_dom::Focus::now();
            board_dom::update(|d| match d {
                Some(d) => d.take(fresh, &page),
                None => *d = Some(fresh),
            });
            lay_out();
            focus.restore();
        });
    };
    // Once running: a page filtered by its address holds only the cards that pass; take
    // in the whole board, so a changed filter can show the rest. (The board of the page is
    // read on first use.)
    Effect::new(move |_| {
        if !board_dom::current_filter().is_empty() {
            reload();
        }
    });
    // One's own moves and new cards reload the board once the server has answered.
    Effect::new(move |first: Option<()>| {
        move_action.version().track();
        create_action.version().track();
        if first.is_some() {
            reload();
        }
    });
    crate::ui::live::listen(move |heard| {
        let event_id = match heard {
            crate::ui::live::Heard::Change(id) => Some(id),
            crate::ui::live::Heard::Resync => None,
        };
        // One's own moves reload the board already: give that a moment, then reload only
        // for what the board does not show yet.
        set_timeout(
            move || {
                // The page may be gone by then: nothing to redraw.
                if dragging.try_get_untracked().is_none() {
                    return;
                }
                let shown = board_dom::with(|d| d.map_or(0, |d| d.last_event));
                if event_id.is_some_and(|id| id <= shown) {
                    return;
                }
                if dragging.try_get_untracked().flatten().is_some() {
                    waiting.set(true);
                } else {
                    reload();
                }
            },
            std::time::Duration::from_millis(120),
        );
    });
    Effect::new(move |_| {
        if dragging.get().is_none() && waiting.get_untracked() {
            waiting.set(false);
            reload();
        }
    });

    // Say how each move ended.
    Effect::new(move |_| {
        if let Some(result) = move_action.value().get() {
            let outcome = match result {
                Ok(card) => format!(
                    "Moved \u{201c}{}\u{201d} to {}.",
                    card.title,
                    board_dom::with(|d| d
                        .map(|d| d.stage_name(&card.stage))
                        .unwrap_or_else(|| card.stage.to_string()))
                ),
                Err(err) => refused(&err),
            };
            announcement.update(|said| *said = after_answer(said, outcome));
        }
    });

    // Explains a move and, if the rules allow it, shows it at once and sends it.
    let try_move = move |id: String, to: String| {
        let Some((title, from, version)) = board_dom::with(|d| {
            d.and_then(|d| d.tile(&id))
                .map(|t| (t.title.clone(), t.stage.clone(), t.version))
        }) else {
            return;
        };
        if from == to {
            return;
        }
        let (name, check, backward) = board_dom::with(|d| match d {
            Some(d) => (
                d.stage_name(&to),
                d.check(&id, &to),
                d.is_backward(&id, &to),
            ),
            None => (to.clone(), Ok(()), false),
        });
        if let Err(refusal) = check {
            announcement.set(format!(
                "Cannot move \u{201c}{title}\u{201d} to {name}. {refusal}"
            ));
            return;
        }
        let mut note = None;
        if backward {
            match board_dom::ask_note(&title, &name) {
                Some(text) => note = Some(text),
                None => {
                    announcement.set(format!(
                        "Move of \u{201c}{title}\u{201d} cancelled: moving a card back needs a note."
                    ));
                    return;
                }
            }
        }
        announcement.set(format!("{MOVING}{title}\u{201d} to {name}\u{2026}"));
        board_dom::update(|d| {
            if let Some(d) = d {
                d.show_moved(&id, &to);
            }
        });
        lay_out();
        board_dom::focus_card(&id);
        move_action.dispatch(MoveCard {
            id,
            to,
            version,
            note,
            override_gates: None,
            reason: None,
        });
    };

    // The board's events, all heard here as they bubble up from the server's markup.
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let Some(card) = board_dom::closest(&event, "li.card") else {
            return;
        };
        // Only on the card itself, not in its menu's fields.
        let on_card = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|target| target == card);
        if !can_edit || !event.shift_key() || !on_card {
            return;
        }
        let forward = match event.key().as_str() {
            "ArrowRight" => true,
            "ArrowLeft" => false,
            _ => return,
        };
        event.prevent_default();
        let Some(id) = card.get_attribute("data-card-id") else {
            return;
        };
        match board_dom::with(|d| d.and_then(|d| d.neighbour(&id, forward))) {
            Some(to) => try_move(id, to),
            None => {
                let title =
                    board_dom::with(|d| d.and_then(|d| d.tile(&id)).map(|t| t.title.clone()))
                        .unwrap_or_default();
                announcement.set(format!(
                    "\u{201c}{title}\u{201d} is already in the {} stage.",
                    if forward { "last" } else { "first" }
                ));
            }
        }
    };
    let on_drag_start = move |event: leptos::ev::DragEvent| {
        let Some(card) = board_dom::closest(&event, "li.card") else {
            return;
        };
        if !can_edit {
            return;
        }
        let Some(id) = card.get_attribute("data-card-id") else {
            return;
        };
        if let Some(transfer) = event.data_transfer() {
            let _ = transfer.set_data("text/plain", &id);
            transfer.set_effect_allowed("move");
        }
        dragging.set(Some(id));
    };
    let leave_column = || board_dom::set_over(None);
    let on_drag_end = move |_: leptos::ev::DragEvent| {
        leave_column();
        dragging.set(None);
    };
    let on_drag_over = move |event: leptos::ev::DragEvent| {
        let Some(id) = dragging.get_untracked() else {
            return;
        };
        let Some(column) = board_dom::closest(&event, "section.column") else {
            return;
        };
        event.prevent_default();
        if board_dom::is_over(&column) {
            return;
        }
        leave_column();
        let Some(key) = column.get_attribute("data-stage") else {
            return;
        };
        let verdict = board_dom::with(|d| match d {
            Some(d) if d.tile(&id).is_some_and(|t| t.stage != key) => {
                Some(d.check(&id, &key).map_err(|refusal| refusal.to_string()))
            }
            _ => None,
        });
        if let Some(verdict) = verdict {
            board_dom::mark_drop(&column, verdict);
        }
        board_dom::set_over(Some(column));
    };
    let on_drag_leave = move |event: leptos::ev::DragEvent| {
        let inside = event
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|node| board_dom::inside_over(&node));
        if !inside {
            leave_column();
        }
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        let Some(column) = board_dom::closest(&event, "section.column") else {
            return;
        };
        event.prevent_default();
        leave_column();
        if let (Some(id), Some(key)) =
            (dragging.get_untracked(), column.get_attribute("data-stage"))
        {
            dragging.set(None);
            try_move(id, key);
        }
    };
    // The filter bar filters as one types; the cards' "Move…" forms send their move from
    // here (without WebAssembly they are plain forms).
    let on_input = move |event: leptos::ev::Event| {
        if board_dom::closest(&event, ".board-filter").is_some() {
            lay_out();
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        let Some(form) = board_dom::closest(&event, "form.move-form") else {
            return;
        };
        event.prevent_default();
        let field = |name: &str| {
            form.query_selector(&format!("[name=\"{name}\"]"))
                .ok()
                .flatten()
                .and_then(|e| {
                    e.dyn_ref::<web_sys::HtmlInputElement>()
                        .map(|i| i.value())
                        .or_else(|| e.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value()))
                })
                .unwrap_or_default()
        };
        let (id, to, note) = (field("id"), field("to"), field("note"));
        // What was said before (another card's refusal, say) is not this move's: the answer
        // replaces what is said now.
        let (title, name) = board_dom::with(|d| {
            d.map(|d| {
                (
                    d.tile(&id).map(|t| t.title.clone()).unwrap_or_default(),
                    d.stage_name(&to),
                )
            })
        })
        .unwrap_or_default();
        announcement.set(format!("{MOVING}{title}\u{201d} to {name}\u{2026}"));
        move_action.dispatch(MoveCard {
            id,
            to,
            version: field("version").parse().unwrap_or_default(),
            note: (!note.trim().is_empty()).then_some(note),
            override_gates: None,
            reason: None,
        });
    };

    // Marks the page once WebAssembly has taken over, for tests and styling.
    let hydrated = crate::ui::island::hydrated();

    view! {
        <section
            class="board-page"
            data-hydrated=move || hydrated.get().to_string()
            on:keydown=on_key
            on:dragstart=on_drag_start
            on:dragend=on_drag_end
            on:dragover=on_drag_over
            on:dragleave=on_drag_leave
            on:drop=on_drop
            on:input=on_input
            on:change=on_input
            on:submit=on_submit
        >
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
            {children()}
            <p class="keyboard-help">
                "Keyboard: focus a card with Tab, then press Shift+Right Arrow to move it to the "
                "next stage or Shift+Left Arrow to move it back (you will be asked why). "
                "Each card's \u{201c}Move\u{2026}\u{201d} menu does the same with a form."
            </p>
        </section>
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
