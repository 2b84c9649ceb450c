//! What every island of a page shares. Pages are rendered on the server only; the parts
//! that must react in the browser are `#[island]` components, hydrated from their props.
//! An island has no router and no context from the page around it, so:
//!
//! - [`start`] gives it, in the browser, what the server's router gave the page: the error
//!   a plain form post came back with (`?__err=…&__path=…`), so a server action shows the
//!   same refusal on both sides.
//! - [`kept`] holds the data the island was rendered with (its props) and reads it again
//!   in the browser after each successful form of the island ([`Reload`]) and each
//!   relevant change heard ([`Follow`]) — the island's version of a page resource.

use std::future::Future;

use leptos::prelude::*;

use crate::contract::AppError;
use crate::ui::components::reload::Reload;
use crate::ui::live::Follow;

/// To call first in every island (see the module's text).
pub fn start() {
    #[cfg(feature = "hydrate")]
    {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        if let Ok(url) = BrowserUrl::current() {
            url.provide_server_action_error();
        }
    }
}

/// `initial`, read again by `read` each time `reload` is asked for or `follow` hears a
/// change (in the browser; the server renders `initial`). A read that finds the thing gone
/// (someone archived the card) reloads the page, whose server-rendered answer says so;
/// another failure keeps what is shown (the page says when live updates pause).
pub fn kept<T, F, Fut>(initial: T, reload: Reload, follow: Option<Follow>, read: F) -> RwSignal<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    kept_by(
        initial,
        move || {
            reload.track();
            if let Some(follow) = follow {
                follow.changes.track();
            }
        },
        read,
    )
}

/// `initial`, read again by `read` each time a signal that `track` reads changes (an
/// action's version, say), as [`kept`] does.
pub fn kept_by<T, F, Fut>(initial: T, track: impl Fn() + 'static, read: F) -> RwSignal<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let data = RwSignal::new(initial);
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_some() {
            let reading = read();
            leptos::task::spawn_local(async move {
                match reading.await {
                    Ok(fresh) => {
                        // The island may be gone by then.
                        let _ = data.try_set(fresh);
                    }
                    Err(AppError::NotFound(_)) => reload_page(),
                    Err(_) => {}
                }
            });
        }
    });
    data
}

/// Loads the page again from the server.
pub fn reload_page() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().reload();
    }
}

/// Opens `path` (as a link would).
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Marks an island once it runs in the browser (`data-hydrated="true"` on its root), for
/// tests and styling.
pub fn hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}
