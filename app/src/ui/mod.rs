//! The user interface: the HTML shell, the router and its pages. Components call only
//! [`crate::api`].

pub mod components;
pub mod pages;
pub mod rcdata;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use pages::{board::BoardPage, card::CardPage, not_found::NotFound};

/// The HTML document around every page, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta
                    name="description"
                    content="The Kanban tracker of the InnerSource Commons ISPO working group"
                />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: header, navigation and the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/ispo-board.css" />
        <Title formatter=|page: String| rcdata::rcdata(&format!("{page} · ispo-board")) />
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="site-header">
            <a class="brand" href="/">
                "ispo-board"
            </a>
            <span class="tagline">"InnerSource Commons · ISPO working group"</span>
        </header>
        <Router>
            <main id="main">
                <Routes fallback=NotFound>
                    // Async rendering: pages arrive complete, so they work before (or without)
                    // WebAssembly.
                    <Route path=StaticSegment("") view=BoardPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("cards"), ParamSegment("id"))
                        view=CardPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
        </Router>
    }
}
