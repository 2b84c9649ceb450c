//! How a page's forms reload what the page shows. The page's island provides a [`Reload`]
//! and reads its data again on it; each form owns its server action, made with
//! [`page_action`], which asks for a reload each time it succeeds. A failed action changed
//! nothing: nothing reloads, and its error stays in view beside what was typed. A change
//! refused because someone else changed the same thing first is also kept by the
//! [`Reload`] ([`Reload::refused`]): the island shows it above what it redraws, since the
//! other person's change arrives and redraws the form (and its error) right after. While a
//! form waits for its answer, the island holds newer data back ([`Reload::busy`]), so the
//! form is still there when the answer comes.

use leptos::prelude::*;
use server_fn::ServerFn;

use super::form_reset::on_success;
use crate::contract::AppError;

/// A page's request to read its data again.
#[derive(Clone, Copy)]
pub struct Reload {
    asked: RwSignal<u64>,
    conflict: RwSignal<Option<String>>,
    /// How many of the island's forms wait for their answer.
    waiting: RwSignal<u32>,
}

impl Reload {
    /// A reload signal for the page and the forms below it.
    pub fn provide() -> Self {
        let reload = Self {
            asked: RwSignal::new(0),
            conflict: RwSignal::new(None),
            waiting: RwSignal::new(0),
        };
        provide_context(reload);
        reload
    }

    /// For a resource's source: it reads again after each successful form.
    pub fn track(self) -> u64 {
        self.asked.get()
    }

    /// Asks the page to read its data again.
    pub fn request(self) {
        self.asked.update(|n| *n += 1);
    }

    /// Whether a form of the island waits for its answer (the island then holds newer
    /// data back, so the form is still there to show the answer).
    pub fn busy(self) -> bool {
        self.waiting.get() > 0
    }

    /// Why the last form was refused, when it was refused because someone else changed
    /// the same thing first (until the next form completes).
    pub fn refused(self) -> Option<String> {
        self.conflict.get()
    }
}

/// "Your change was not saved: …" while the last form of the island was refused for a
/// change made by someone else first.
#[component]
pub fn ConflictNotice(reload: Reload) -> impl IntoView {
    move || {
        reload.refused().map(|why| {
            view! { <p class="form-error conflict-notice" role="alert">{format!("Your change was not saved: {why}")}</p> }
        })
    }
}

/// A server action for one of the page's forms; each success reloads the page's data.
pub fn page_action<S>() -> ServerAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    if let Some(reload) = use_context::<Reload>() {
        on_success(action, move || reload.request());
        // While the form waits for its answer the island holds newer data back; the
        // answer then says whether someone else's change came first.
        let pending = action.pending();
        let was_pending = StoredValue::new(false);
        Effect::new(move |_| {
            let now = pending.get();
            if now == was_pending.get_value() {
                return;
            }
            was_pending.set_value(now);
            if now {
                reload.waiting.update(|n| *n += 1);
                return;
            }
            let conflict = action.value().with_untracked(|value| match value {
                Some(Err(err @ (AppError::Conflict { .. } | AppError::WorkflowChanged { .. }))) => {
                    Some(err.to_string())
                }
                _ => None,
            });
            reload.conflict.set(conflict);
            reload.waiting.update(|n| *n = n.saturating_sub(1));
        });
        on_cleanup(move || {
            if was_pending.try_get_value() == Some(true) {
                reload.waiting.try_update(|n| *n = n.saturating_sub(1));
            }
        });
    }
    action
}
