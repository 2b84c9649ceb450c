//! How a page's forms reload what the page shows. The page's island provides a [`Reload`]
//! and reads its data again on it; each form owns its server action, made with
//! [`page_action`], which asks for a reload each time it succeeds. A failed action changed
//! nothing: nothing reloads, and its error stays in view beside what was typed. A change
//! refused because someone else changed the same thing first is also kept by the
//! [`Reload`] ([`Reload::refused`]): the island shows it above what it redraws, since the
//! other person's change arrives and redraws the form (and its error) right after.

use leptos::prelude::*;
use server_fn::ServerFn;

use super::form_reset::on_success;
use crate::contract::AppError;

/// A page's request to read its data again.
#[derive(Clone, Copy)]
pub struct Reload {
    asked: RwSignal<u64>,
    conflict: RwSignal<Option<String>>,
}

impl Reload {
    /// A reload signal for the page and the forms below it.
    pub fn provide() -> Self {
        let reload = Self {
            asked: RwSignal::new(0),
            conflict: RwSignal::new(None),
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
        // Each completion says whether it was refused for someone else's change.
        let seen = StoredValue::new(action.version().get_untracked());
        Effect::new(move |_| {
            let version = action.version().get();
            if version == seen.get_value() {
                return;
            }
            seen.set_value(version);
            let conflict = action.value().with_untracked(|value| match value {
                Some(Err(err @ (AppError::Conflict { .. } | AppError::WorkflowChanged { .. }))) => {
                    Some(err.to_string())
                }
                _ => None,
            });
            reload.conflict.set(conflict);
        });
    }
    action
}
