//! How a page's forms reload what the page shows. The page provides a [`Reload`] and keys
//! its resource on it; each form owns its server action, made with [`page_action`], which
//! asks for a reload each time it succeeds. A failed action changed nothing: nothing
//! reloads, and its error stays in view beside what was typed.

use leptos::prelude::*;
use server_fn::ServerFn;

use super::form_reset::on_success;

/// A page's request to read its data again.
#[derive(Clone, Copy)]
pub struct Reload(RwSignal<u64>);

impl Reload {
    /// A reload signal for the page and the forms below it.
    pub fn provide() -> Self {
        let reload = Self(RwSignal::new(0));
        provide_context(reload);
        reload
    }

    /// For a resource's source: it reads again after each successful form.
    pub fn track(self) -> u64 {
        self.0.get()
    }

    /// Asks the page to read its data again.
    pub fn request(self) {
        self.0.update(|n| *n += 1);
    }
}

/// A server action for one of the page's forms; each success reloads the page's data.
pub fn page_action<S>() -> ServerAction<S>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    if let Some(reload) = use_context::<Reload>() {
        on_success(action, move || reload.request());
    }
    action
}
