//! One module per page of the application.

pub mod board;
pub mod not_found;
