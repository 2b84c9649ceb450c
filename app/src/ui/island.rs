//! What every island of a page shares. Pages are rendered on the server only; the parts
//! that must react in the browser are `#[island]` components, hydrated from their props.
//! An island has no router and no context from the page around it, so:
//!
//! - [`start`] gives it, in the browser, what the server's router gave the page: the error
//!   a plain form post came back with (`?__err=…&__path=…`), so a server action shows the
//!   same refusal on both sides.

use leptos::prelude::*;

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

/// Marks an island once it runs in the browser (`data-hydrated="true"` on its root), for
/// tests and styling.
pub fn hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}
