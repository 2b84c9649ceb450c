//! What was typed into the agenda walk's forms and not saved yet, per card and field. The
//! walk re-draws its view in place when it moves to another card (by a save or by a link),
//! and a field would keep whatever it holds: so every field shows its own card's draft, or
//! else the card's saved value, and a successful save ends that card's drafts.

use leptos::prelude::*;

/// What was typed into the agenda walk's forms and not saved yet, per card and field.
#[derive(Clone, Copy)]
pub struct Drafts {
    typed: StoredValue<std::collections::HashMap<(uuid::Uuid, &'static str), String>>,
    /// Bumped when drafts end, so fields show their saved values again.
    ended: RwSignal<u32>,
}

impl Drafts {
    pub fn new() -> Self {
        Self {
            typed: StoredValue::new(Default::default()),
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
            self.typed
                .with_value(|typed| typed.get(&(card, field)).cloned())
                .unwrap_or_else(|| saved.clone())
        }
    }

    /// Keeps what is typed into a field of `card`.
    pub fn keep(
        self,
        card: uuid::Uuid,
        field: &'static str,
    ) -> impl Fn(leptos::ev::Event) + 'static {
        move |ev| {
            let text = event_target_value(&ev);
            self.typed.update_value(|typed| {
                typed.insert((card, field), text);
            });
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
            self.typed.update_value(|typed| {
                for field in fields {
                    typed.remove(&(card, *field));
                }
            });
            self.ended.update(|n| *n += 1);
        });
    }
}
