//! Text with the words a search matched wrapped in `<mark>`.

use leptos::prelude::*;

use crate::domain::catalog::highlight;

/// `text`, marking each word that matches one of `terms`.
#[component]
pub fn Marked(#[prop(into)] text: String, terms: Vec<String>) -> impl IntoView {
    highlight(&text, &terms)
        .into_iter()
        .map(|fragment| {
            if fragment.hit {
                view! { <mark>{fragment.text}</mark> }.into_any()
            } else {
                fragment.text.into_any()
            }
        })
        .collect_view()
}
