//! Live updates in the browser: an `EventSource` on `/api/v1/events` for as long as a page
//! is open. The browser reconnects by itself after a lost connection and resumes from the
//! last event it saw (`Last-Event-ID`); a `resync` event asks the page to reload what it
//! shows. On the server this does nothing: pages are rendered once.
//!
//! A page must not look alive when it is not: [`Notices`] says so when the feed has been
//! down for a few seconds, and when the front end never started (no WebAssembly, a failed
//! load): the server renders that notice, and only a started front end keeps it hidden.

use leptos::prelude::*;

/// The number of an event of the change feed (the rest of it is left unread).
#[cfg(feature = "hydrate")]
#[derive(serde::Deserialize)]
struct EventNumber {
    id: i64,
}

/// What a page hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// One change, by its number (a [`crate::domain::BoardEvent`]'s `id`: the page reads
    /// only that, so the browser need not parse the rest).
    Change(i64),
    /// Events were missed: reload everything.
    Resync,
}

/// How long the feed may be down before the page says so.
#[cfg(feature = "hydrate")]
const PAUSED_AFTER_MS: u64 = 4_000;

/// Records the feed's state on the document (`data-live`); the style sheet shows the
/// "paused" notice from it.
#[cfg(feature = "hydrate")]
fn set_live_state(state: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-live", state);
    }
}

/// Marks the document once the front end runs (`data-app="started"`), which hides the
/// notice that it did not start. Called by the WebAssembly entry point before the islands
/// hydrate.
pub fn mark_started() {
    #[cfg(feature = "hydrate")]
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-app", "started");
    }
}

/// The page's notices about being live, shown by the style sheet: the front end did not
/// start (visible after a few seconds unless it did), or live updates are paused.
#[component]
pub fn Notices() -> impl IntoView {
    view! {
        <div class="app-notices">
            <p class="app-notice startup-notice" role="status">
                "The interactive part of this page did not start, so it will not update by itself "
                "and drag and drop is off. Links and forms still work; reload to try again."
            </p>
            <p class="app-notice paused-notice" role="status">
                "Live updates paused \u{2014} reload to reconnect."
            </p>
        </div>
    }
}

/// Calls `on_heard` for every change while the calling component is mounted.
pub fn listen(on_heard: impl Fn(Heard) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;

        let Ok(source) = web_sys::EventSource::new("/api/v1/events") else {
            return;
        };
        let on_heard = std::rc::Rc::new(on_heard);
        let on_change = {
            let on_heard = on_heard.clone();
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
                let Some(text) = message.data().as_string() else {
                    return;
                };
                if let Ok(event) = serde_json::from_str::<EventNumber>(&text) {
                    on_heard(Heard::Change(event.id));
                }
            })
        };
        let on_resync =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| on_heard(Heard::Resync));
        source.set_onmessage(Some(on_change.as_ref().unchecked_ref()));
        let _ =
            source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
        // Marks the page as connected, for tests and for people.
        set_live_state("connecting");
        let on_open = Closure::<dyn Fn(web_sys::Event)>::new(move |_| set_live_state("open"));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        // A lost connection is retried by the browser; if it is still not back after a
        // few seconds (or the browser gave up), say that the page is no longer live.
        let closed_here = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_error = {
            let source = source.clone();
            let closed_here = closed_here.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
                let source = source.clone();
                let closed_here = closed_here.clone();
                set_timeout(
                    move || {
                        if !closed_here.get() && source.ready_state() != web_sys::EventSource::OPEN
                        {
                            set_live_state("paused");
                        }
                    },
                    std::time::Duration::from_millis(PAUSED_AFTER_MS),
                );
            })
        };
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Kept alive with the page; closed when it goes.
        let handlers =
            StoredValue::new_local((source, on_change, on_resync, on_open, on_error, closed_here));
        on_cleanup(move || {
            handlers.with_value(|(source, _, _, _, _, closed_here)| {
                closed_here.set(true);
                source.close();
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = on_heard;
    }
}
