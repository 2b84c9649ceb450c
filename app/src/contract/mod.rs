//! What the server and its callers exchange, compiled for both: the inputs of changes
//! (shared by server functions and the JSON API), the page payloads, and [`AppError`], the
//! one error every operation returns. Depends on the domain only, so every layer above it
//! (service, api, ui) may use it without pointing back up.

pub mod error;
pub mod imports;
pub mod input;
pub mod workflow;

pub use error::AppError;
