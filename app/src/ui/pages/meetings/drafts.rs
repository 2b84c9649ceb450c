//! What was typed into the agenda walk's forms and not saved yet, per card and field. Each
//! card of the walk is a page of its own, and a field would start with its card's saved
//! value: so what is typed is kept in the tab's session storage as it is typed, every
//! field shows its own card's draft (or else the card's saved value) when its page opens,
//! and a successful save ends that card's drafts. Moving on by a link and coming back
//! loses nothing; another tab has drafts of its own.

use leptos::prelude::*;

/// The agenda walk's unsaved drafts, per card and field (in the browser only; the server
/// renders saved values).
#[derive(Clone, Copy)]
pub struct Drafts {
    /// Bumped when drafts end, so fields show their saved values again.
    ended: RwSignal<u32>,
}

impl Drafts {
    pub fn new() -> Self {
        Self {
            ended: RwSignal::new(0),
        }
    }

    /// The value a field of `card` shows: its draft, or else `saved`. Typing does not
    /// re-set it (the field already holds what was typed).
    pub fn value(
        self,
        card: uuid::Uuid,
        field: &'static str,
        saved: String,
    ) -> impl Fn() -> String + Send + Sync + 'static {
        move || {
            self.ended.track();
            read(card, field).unwrap_or_else(|| saved.clone())
        }
    }

    /// Keeps what is typed into a field of `card`.
    pub fn keep(
        self,
        card: uuid::Uuid,
        field: &'static str,
    ) -> impl Fn(leptos::ev::Event) + 'static {
        move |ev| write(card, field, Some(&event_target_value(&ev)))
    }

    /// Keeps, as drafts, what was typed into the walk's forms before the island started
    /// (the page is usable before its WebAssembly has arrived): the island shows each
    /// field's draft, so starting never wipes what is already typed. Call it first, in
    /// the island.
    pub fn keep_typed_before_start(self) {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let forms = document().forms();
            for i in 0..forms.length() {
                let Some(form) = forms.item(i) else { continue };
                let Some(card) = form
                    .query_selector("input[name=item_id]")
                    .ok()
                    .flatten()
                    .and_then(|input| input.get_attribute("value"))
                    .and_then(|id| id.parse::<uuid::Uuid>().ok())
                else {
                    continue;
                };
                for field in FIELDS {
                    let Some(element) = form
                        .query_selector(&format!("[name={field}]"))
                        .ok()
                        .flatten()
                    else {
                        continue;
                    };
                    let typed = if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>()
                    {
                        (input.value() != input.default_value()).then(|| input.value())
                    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                        (Ok(area.value()) != area.default_value()).then(|| area.value())
                    } else {
                        None
                    };
                    if let Some(text) = typed {
                        write(card, field, Some(&text));
                    }
                }
            }
        }
    }

    /// Ends the drafts of `fields` of `card` each time `action` succeeds.
    pub fn end_on_success<S>(
        self,
        action: ServerAction<S>,
        card: uuid::Uuid,
        fields: &'static [&'static str],
    ) where
        S: server_fn::ServerFn + Clone + Send + Sync + 'static,
        S::Output: Send + Sync + 'static,
        S::Error: Send + Sync + 'static,
    {
        crate::ui::components::form_reset::on_success(action, move || {
            for field in fields {
                write(card, field, None);
            }
            self.ended.update(|n| *n += 1);
        });
    }
}

/// The fields of the walk's forms that keep drafts.
#[cfg(feature = "hydrate")]
const FIELDS: [&str; 4] = ["key_points", "text", "owner", "due"];

/// Where a draft is kept.
fn key(card: uuid::Uuid, field: &str) -> String {
    format!("ispo-board:draft:{card}:{field}")
}

/// The draft of `field` of `card`, if one was typed in this tab.
fn read(card: uuid::Uuid, field: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        window()
            .session_storage()
            .ok()
            .flatten()
            .and_then(|storage| storage.get_item(&key(card, field)).ok().flatten())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key(card, field);
        None
    }
}

/// Keeps `text` as the draft of `field` of `card`, or ends it (`None`). Storage that is
/// full or switched off keeps nothing, and the field simply holds what it holds.
fn write(card: uuid::Uuid, field: &str, text: Option<&str>) {
    #[cfg(feature = "hydrate")]
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = match text {
            Some(text) => storage.set_item(&key(card, field), text),
            None => storage.remove_item(&key(card, field)),
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key(card, field), text);
}
