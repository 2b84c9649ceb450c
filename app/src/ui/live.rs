//! Live updates in the browser: an `EventSource` on `/api/v1/events` for as long as a page
//! is open. The browser reconnects by itself after a lost connection and resumes from the
//! last event it saw (`Last-Event-ID`); a `resync` event asks the page to reload what it
//! shows. On the server this does nothing: pages are rendered once.
//!
//! A page must not look alive when it is not: [`Notices`] says so when the feed has been
//! down for a few seconds, and when the front end never started (no WebAssembly, a failed
//! load): the server renders that notice, and only a started front end keeps it hidden.

use leptos::prelude::*;

use crate::domain::BoardEvent;

/// What a page hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// One change.
    Change(BoardEvent),
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
                if let Ok(event) = serde_json::from_str::<BoardEvent>(&text) {
                    on_heard(Heard::Change(event));
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

/// A page that follows the change feed without disturbing anyone typing: `changes` counts
/// the relevant changes heard (key a resource on it to reload); a change heard while the
/// keyboard is in one of the page's fields waits (`waiting`) until the field is left
/// (`on_focus_out`, set on the page's root element).
#[derive(Clone, Copy)]
pub struct Follow {
    pub changes: RwSignal<u64>,
    pub waiting: RwSignal<bool>,
}

impl Follow {
    /// Follows the changes for which `relevant` holds (a resync always is).
    pub fn new(relevant: impl Fn(&BoardEvent) -> bool + 'static) -> Self {
        let follow = Self {
            changes: RwSignal::new(0),
            waiting: RwSignal::new(false),
        };
        listen(move |heard| {
            let wanted = match &heard {
                Heard::Change(event) => relevant(event),
                Heard::Resync => true,
            };
            if !wanted {
                return;
            }
            if editing_a_field() {
                follow.waiting.set(true);
            } else {
                follow.changes.update(|n| *n += 1);
            }
        });
        follow
    }

    /// For the page's `on:focusout`: a change that waited is shown once no field has the
    /// keyboard.
    pub fn on_focus_out(self) -> impl Fn(leptos::ev::FocusEvent) + Copy + 'static {
        move |_| {
            if self.waiting.get_untracked() {
                set_timeout(
                    move || {
                        // Nothing to do if the page is gone by then.
                        if self.waiting.try_get_untracked() == Some(true) && !editing_a_field() {
                            self.waiting.set(false);
                            self.changes.update(|n| *n += 1);
                        }
                    },
                    std::time::Duration::from_millis(0),
                );
            }
        }
    }
}

/// Whether the keyboard is in a text field or menu of the page (someone is typing).
pub fn editing_a_field() -> bool {
    #[cfg(feature = "hydrate")]
    {
        document().active_element().is_some_and(|element| {
            matches!(
                element.tag_name().to_ascii_uppercase().as_str(),
                "INPUT" | "TEXTAREA" | "SELECT"
            )
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// Says that a change someone else made to `what` ("this card") waits until the field
/// being edited is left.
#[component]
pub fn WaitingNotice(follow: Follow, what: &'static str) -> impl IntoView {
    view! {
        <p class="live-notice" class:is-empty=move || !follow.waiting.get() role="status">
            {move || {
                follow.waiting.get().then(|| {
                    format!(
                        "Someone changed {what}: it will refresh when you leave the field you are editing."
                    )
                })
            }}
        </p>
    }
}
