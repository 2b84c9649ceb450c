//! The board's filter bar: a plain GET form, rendered on the server, that works before
//! WebAssembly loads; once it has, the board's island filters as one types (it listens to
//! the bar's fields) and keeps the tag list current as the board changes.

use leptos::prelude::*;

use crate::domain::BoardFilter;

#[component]
pub fn BoardFilterBar(filter: BoardFilter, tags: Vec<String>) -> impl IntoView {
    let chosen = filter.tag.clone().unwrap_or_default();
    view! {
        <form class="board-filter" method="get" action="/" role="search">
            <label>
                "Filter by title "
                <input
                    id="board-filter-text"
                    type="search"
                    name="q"
                    placeholder="e.g. KPIs"
                    value=filter.text.clone()
                />
            </label>
            <label>
                "Tag "
                <select id="board-filter-tag" name="tag">
                    <option value="">"All tags"</option>
                    {tags
                        .into_iter()
                        .map(|tag| {
                            let selected = tag == chosen;
                            view! { <option value=tag.clone() selected=selected>{tag.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="checkbox">
                <input
                    id="board-filter-adopted"
                    type="checkbox"
                    name="adopted"
                    value="1"
                    checked=filter.adopted_only
                />
                " Has adoptions"
            </label>
            <label class="checkbox">
                <input
                    id="board-filter-parked"
                    type="checkbox"
                    name="parked"
                    value="hide"
                    checked=filter.hide_parked
                />
                " Hide parked cards"
            </label>
            <noscript>
                <button type="submit">"Apply"</button>
            </noscript>
        </form>
    }
}
