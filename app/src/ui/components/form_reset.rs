//! Forms of an island that start afresh after a successful save (the board's "Add a
//! challenge"): the island stays on the page after its action, and a field someone typed
//! in would keep its text for the next card. Resetting the form after success drops what
//! was typed; after a failure nothing is reset: what was typed stays, to be corrected.

use leptos::html::Form;
use leptos::prelude::*;
use server_fn::ServerFn;

/// A reference to put on the `ActionForm` of `action`; the form is reset each time the
/// action succeeds.
pub fn reset_on_success<S>(action: ServerAction<S>) -> NodeRef<Form>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let form = NodeRef::<Form>::new();
    on_success(action, move || {
        if let Some(form) = form.get_untracked() {
            form.reset();
        }
    });
    form
}

/// Runs `then` (in the browser) each time `action` completes successfully from now on.
fn on_success<S>(action: ServerAction<S>, then: impl Fn() + 'static)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    // Only completions after this point count.
    let seen = StoredValue::new(action.version().get_untracked());
    Effect::new(move |_| {
        let version = action.version().get();
        if version == seen.get_value() {
            return;
        }
        seen.set_value(version);
        if action
            .value()
            .with_untracked(|value| matches!(value, Some(Ok(_))))
        {
            then();
        }
    });
}
