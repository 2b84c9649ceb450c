//! Live updates in the browser: an `EventSource` on `/api/v1/events` for as long as a page
//! is open. The browser reconnects by itself after a lost connection and resumes from the
//! last event it saw (`Last-Event-ID`); a `resync` event asks the page to reload what it
//! shows. On the server this does nothing: pages are rendered once.

#[cfg(feature = "hydrate")]
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
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-live", "connecting");
        }
        let on_open = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-live", "open");
            }
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        // Kept alive with the page; closed when it goes.
        let handlers = StoredValue::new_local((source, on_change, on_resync, on_open));
        on_cleanup(move || {
            handlers.with_value(|(source, ..)| source.close());
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = on_heard;
    }
}
