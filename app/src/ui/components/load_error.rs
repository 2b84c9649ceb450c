//! The alert a page shows when what it reads could not be loaded. The page gets a title
//! and, on the server, the status that goes with the error (404 for something that does
//! not exist), so a missing meeting or demo is not a blank "200 OK" page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::contract::AppError;

/// "`what` could not be loaded: …" as an alert, under a heading naming the problem.
pub fn load_error(what: &str, err: &AppError) -> AnyView {
    explained_load_error(what, err, None)
}

/// [`load_error`], with `missing` said when the thing does not exist (where it may have
/// gone, what to do instead).
pub fn explained_load_error(what: &str, err: &AppError, missing: Option<&str>) -> AnyView {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(err.status()),
    ) {
        response.set_status(status);
    }
    let heading = match err {
        AppError::NotFound(_) => format!("{what} was not found"),
        AppError::Unauthorized => "Please sign in".to_owned(),
        AppError::Forbidden(_) => "Not allowed".to_owned(),
        _ => format!("{what} could not be loaded"),
    };
    let explanation = matches!(err, AppError::NotFound(_))
        .then_some(missing)
        .flatten()
        .map(|text| view! { <p>{text.to_owned()}</p> });
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <p class="error" role="alert">{format!("{what} could not be loaded: {err}")}</p>
        {explanation}
        <p><a href="/">"Back to the board"</a></p>
    }
    .into_any()
}
