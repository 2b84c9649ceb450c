//! The server action of a page's plain form. Pages are rendered on the server: a form
//! posts, and the browser comes back to the page (or where the form sends it) rendered
//! anew; a refused form comes back with its error (`__err`), which the action made here
//! shows beside the form on the server as in the browser.

use leptos::prelude::*;
use server_fn::ServerFn;

use crate::contract::AppError;

/// A server action for one of the page's forms.
pub fn page_action<S>() -> ServerAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    ServerAction::<S>::new()
}
