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
/// another failure keeps what is shown (the page says when live updates pause). While a
/// form of the island waits for its answer, newer data waits too: a redraw would drop the
/// form before it could show the answer.
pub fn kept<T, F, Fut>(initial: T, reload: Reload, follow: Option<Follow>, read: F) -> RwSignal<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    kept_with(
        initial,
        move || {
            reload.track();
            if let Some(follow) = follow {
                follow.changes.track();
            }
        },
        Some(reload),
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
    kept_with(initial, track, None, read)
}

fn kept_with<T, F, Fut>(
    initial: T,
    track: impl Fn() + 'static,
    forms: Option<Reload>,
    read: F,
) -> RwSignal<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let data = RwSignal::new(initial);
    // What was read and is not shown yet.
    let fresh = RwSignal::new(None::<T>);
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_some() {
            let reading = read();
            leptos::task::spawn_local(async move {
                match reading.await {
                    // The island may be gone by then.
                    Ok(read) => {
                        let _ = fresh.try_set(Some(read));
                    }
                    Err(AppError::NotFound(_)) => reload_page(),
                    Err(_) => {}
                }
            });
        }
    });
    Effect::new(move |_| {
        let waiting = forms.is_some_and(Reload::busy);
        if waiting || fresh.with(Option::is_none) {
            return;
        }
        if let Some(Some(read)) = fresh.try_update_untracked(Option::take) {
            data.set(read);
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
