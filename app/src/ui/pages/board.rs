//! The board page at `/`: every stage of the workflow as a column, with its cards.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::board::get_board;
use crate::domain::{Board, BoardFilter};
use crate::ui::components::{board_filter::BoardFilterBar, column::Column};

#[component]
pub fn BoardPage() -> impl IntoView {
    let query = use_query_map();
    let initial = query.with_untracked(|q| BoardFilter {
        text: q.get("q").unwrap_or_default(),
        tag: q.get("tag").filter(|t| !t.is_empty()),
        adopted_only: q.get("adopted").is_some_and(|v| v == "1" || v == "on"),
    });
    let filter = RwSignal::new(initial);
    let board = Resource::new(|| (), |_| get_board());
    // Marks the page once WebAssembly has taken over, for tests and styling.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Title text="Board" />
        <section class="board-page" data-hydrated=move || hydrated.get().to_string()>
            <div class="board-intro">
                <h1>"Working group board"</h1>
                <p class="lede">
                    "Challenges ISPOs meet, and the solutions that answer them, from first "
                    "proposal to adoption by several companies."
                </p>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Loading the board…"</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(board) => view! { <BoardView board filter /> }.into_any(),
                        Err(err) => {
                            view! {
                                <p class="error" role="alert">
                                    "The board could not be loaded: "
                                    {err.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BoardView(board: Board, filter: RwSignal<BoardFilter>) -> impl IntoView {
    let tags = board.tags();
    let stages = board.workflow.stages().to_vec();
    let total = board.cards.len();
    let board = StoredValue::new(board);
    let current = Memo::new(move |_| filter.get());
    let shown = Memo::new(move |_| {
        let f = current.get();
        board.with_value(|b| b.cards.iter().filter(|c| f.matches(c)).count())
    });
    let summary = move || {
        let shown = shown.get();
        if shown == total {
            format!("{total} cards")
        } else {
            format!("Showing {shown} of {total} cards")
        }
    };
    view! {
        <BoardFilterBar filter tags />
        <p class="board-summary" aria-live="polite">
            {summary}
        </p>
        <div class="board" role="list" aria-label="Stages">
            {stages
                .into_iter()
                .map(|stage| {
                    view! {
                        <div role="listitem" class="column-slot">
                            <Column stage board filter=current />
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
