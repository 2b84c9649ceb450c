//! Shows the error of a server action, if its last run failed, and opens the folded
//! panel around its form then.

/// Renders the error message of `$action`'s last result as an alert, or nothing.
#[macro_export]
macro_rules! action_error {
    ($action:expr) => {{
        let action = $action;
        move || {
            action
                .value()
                .get()
                .and_then(|result| result.err())
                .map(|err| {
                    leptos::view! {
                        <p class="form-error" role="alert">
                            {err.to_string()}
                        </p>
                    }
                })
        }
    }};
}

/// Whether `action`'s last run failed: a folded panel opens on it, so that its error (and,
/// without WebAssembly, the refused form the page comes back with) is in view.
pub fn failed<S>(
    action: leptos::prelude::ServerAction<S>,
) -> impl Fn() -> bool + Send + Sync + Copy + 'static
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    use leptos::prelude::*;
    move || action.value().with(|value| matches!(value, Some(Err(_))))
}
