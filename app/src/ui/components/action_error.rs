//! Shows the error of a server action, if its last run failed.

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
