//! A page's title, description and link-preview (OpenGraph) tags, so that a shared link
//! shows what it leads to.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The site's base URL as people reach it: on the server the configured public URL or the
/// request's host, in the browser the page's origin.
pub fn site_base() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let state = use_context::<crate::state::AppState>()?;
        let host = use_context::<axum::http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        });
        Some(state.base_url(host.as_deref()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().ok()
    }
}

/// Title, description and OpenGraph tags of a page at `path` (e.g. `/catalog`).
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
    /// OpenGraph type: "website" or "article".
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let description: String = crate::domain::catalog::excerpt(&description, &[], 200);
    let url = site_base().map(|base| format!("{base}{path}"));
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:site_name" content="ispo-board" />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Meta property="og:type" content=kind />
        {url.map(|url| view! { <Meta property="og:url" content=url /> })}
        <Meta name="twitter:card" content="summary" />
    }
}
