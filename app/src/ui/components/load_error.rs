//! The alert a page shows when what it reads could not be loaded.

use leptos::prelude::*;

use crate::api::AppError;

/// "`what` could not be loaded: …" as an alert.
pub fn load_error(what: &str, err: &AppError) -> AnyView {
    view! { <p class="error" role="alert">{format!("{what} could not be loaded: {err}")}</p> }
        .into_any()
}
