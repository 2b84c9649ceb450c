//! The board's filter bar: a plain GET form that works before WebAssembly loads, and
//! filters as one types once it has. Its tags follow the board as it changes.

use leptos::prelude::*;

use crate::domain::BoardFilter;

#[component]
pub fn BoardFilterBar(filter: RwSignal<BoardFilter>, tags: Memo<Vec<String>>) -> impl IntoView {
    let on_text = move |ev| filter.update(|f| f.text = event_target_value(&ev));
    let on_tag = move |ev| {
        let value = event_target_value(&ev);
        filter.update(|f| f.tag = (!value.is_empty()).then_some(value));
    };
    let on_adopted = move |ev| filter.update(|f| f.adopted_only = event_target_checked(&ev));
    let on_parked = move |ev| filter.update(|f| f.hide_parked = event_target_checked(&ev));
    let selected_tag = move || filter.with(|f| f.tag.clone().unwrap_or_default());
    view! {
        <form class="board-filter" method="get" action="/" role="search">
            <label>
                "Filter by title "
                <input
                    id="board-filter-text"
                    type="search"
                    name="q"
                    placeholder="e.g. KPIs"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=on_text
                />
            </label>
            <label>
                "Tag "
                <select id="board-filter-tag" name="tag" on:change=on_tag prop:value=selected_tag>
                    <option value="">"All tags"</option>
                    <For each=move || tags.get() key=|tag| tag.clone() let:tag>
                        <option
                            value=tag.clone()
                            selected=filter.with_untracked(|f| f.tag.as_deref() == Some(&tag))
                        >
                            {tag.clone()}
                        </option>
                    </For>
                </select>
            </label>
            <label class="checkbox">
                <input
                    id="board-filter-adopted"
                    type="checkbox"
                    name="adopted"
                    value="1"
                    checked=filter.with_untracked(|f| f.adopted_only)
                    prop:checked=move || filter.with(|f| f.adopted_only)
                    on:change=on_adopted
                />
                " Has adoptions"
            </label>
            <label class="checkbox">
                <input
                    id="board-filter-parked"
                    type="checkbox"
                    name="parked"
                    value="hide"
                    checked=filter.with_untracked(|f| f.hide_parked)
                    prop:checked=move || filter.with(|f| f.hide_parked)
                    on:change=on_parked
                />
                " Hide parked cards"
            </label>
            <noscript>
                <button type="submit">"Apply"</button>
            </noscript>
        </form>
    }
}
