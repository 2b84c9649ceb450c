//! The user interface: the HTML shell, the router and its pages. Components call only
//! [`crate::api`].

#[cfg(feature = "ssr")]
pub mod assets;
pub mod board_dom;
pub mod components;
pub mod documents;
pub mod escape;
#[cfg(feature = "ssr")]
pub mod follow;
pub mod island;
pub mod live;
pub mod pages;
pub mod rcdata;
pub mod session;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use pages::{
    account::{AccountPage, CompaniesPage, InvitationPage, LoginPage, UsersPage},
    board::BoardPage,
    card::CardPage,
    catalog::{CatalogPage, PublicSolutionPage},
    meetings::{AgendaWalkPage, MeetingPageView, MeetingsPage, MinutesPage, PresenterPage},
    not_found::NotFound,
    workflow::{ReadyPage, WorkflowEditorPage, WorkflowPage},
};

/// The HTML document around every page, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // A fresh nonce per page: the only inline scripts allowed are Leptos's own.
    #[cfg(feature = "ssr")]
    leptos::nonce::provide_nonce();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
             frame-src https://www.youtube-nocookie.com https://player.vimeo.com; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    // Only pages with islands load the front end (see [`documents`]).
    // Followed documents (a card, a meeting, an agenda card, a demo) and the workflow
    // editor load only the small script that keeps them current (and reorders stages).
    #[cfg(feature = "ssr")]
    let (document, followed) =
        use_context::<axum::http::request::Parts>().map_or((false, false), |parts| {
            let path = parts.uri.path();
            (documents::is_document(path), documents::has_script(path))
        });
    #[cfg(feature = "ssr")]
    let follow_script =
        followed.then(|| view! { <script type="module" src=follow::script_path()></script> });
    #[cfg(not(feature = "ssr"))]
    let (document, followed, follow_script) = (false, false, None::<()>);
    // Outside islands nothing hydrates: resources need not travel as data too (islands
    // turn it on for themselves).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="en" data-app=(document && !followed).then_some(documents::DOCUMENT_MARK)>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <AutoReload options=options.clone() />
                {(!document).then(|| view! { <HydrationScripts options islands=true /> })}
                {follow_script}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The style sheet's address (with its content hash when the build wrote one).
fn stylesheet_href() -> String {
    #[cfg(feature = "ssr")]
    {
        assets::stylesheet_href()
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/pkg/ispo-board.css".to_owned()
    }
}

/// What the last plain form of this browser made, said once on the page it came back to
/// (see [`crate::api::flash`]); rendered on the server.
#[component]
fn FlashNotice() -> impl IntoView {
    use crate::api::flash::Flash;
    #[cfg(feature = "ssr")]
    let flash = crate::api::flash::take();
    #[cfg(not(feature = "ssr"))]
    let flash = None::<Flash>;
    flash.map(|flash| match flash {
        Flash::Done(text) => view! { <p class="ok flash" role="status">{text}</p> }.into_any(),
        Flash::NewToken(secret) => view! {
            <p class="ok flash" role="status">
                "Copy this token now; it will not be shown again: "
                <code class="secret">{secret}</code>
            </p>
        }
        .into_any(),
        Flash::Invitation(path) => {
            let link = format!(
                "{}{path}",
                components::page_meta::site_base().unwrap_or_default()
            );
            view! {
                <p class="ok flash" role="status">
                    "Send this single-use link (valid 7 days): "
                    <a class="invitation-link" href=path>{link}</a>
                </p>
            }
            .into_any()
        }
    })
}

/// The application: header, navigation and the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    session::provide_me();
    view! {
        <Stylesheet id="leptos" href=stylesheet_href() />
        <Title formatter=|page: String| rcdata::rcdata(&format!("{page} · ispo-board")) />
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="site-header">
            <a class="brand" href="/">
                "ispo-board"
            </a>
            <span class="tagline">"InnerSource Commons · ISPO working group"</span>
            <nav class="site-nav" aria-label="Sections">
                <a href="/">"Board"</a>
                <a href="/catalog">"Catalogue"</a>
                <a href="/meetings">"Meetings"</a>
                <a href="/workflow">"Workflow"</a>
            </nav>
            <session::SessionControls />
        </header>
        <live::Notices />
        <Router>
            <main id="main">
                <FlashNotice />
                <Routes fallback=NotFound>
                    // Async rendering: pages arrive complete, so they work before (or without)
                    // WebAssembly.
                    <Route path=StaticSegment("") view=BoardPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("cards"), ParamSegment("id"))
                        view=CardPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("catalog") view=CatalogPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("solutions"), ParamSegment("slug"))
                        view=PublicSolutionPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("meetings") view=MeetingsPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("meetings"), ParamSegment("id"))
                        view=MeetingPageView
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("meetings"), ParamSegment("id"), StaticSegment("minutes"))
                        view=MinutesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("meetings"), ParamSegment("id"), StaticSegment("agenda"), ParamSegment("n"))
                        view=AgendaWalkPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("meetings"), ParamSegment("id"), StaticSegment("demos"), ParamSegment("n"))
                        view=PresenterPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("account") view=AccountPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("users"))
                        view=UsersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("companies"))
                        view=CompaniesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("workflow") view=WorkflowPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("workflow"))
                        view=WorkflowEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("reports"), StaticSegment("ready"))
                        view=ReadyPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("invitations"), ParamSegment("token"))
                        view=InvitationPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
        </Router>
    }
}
