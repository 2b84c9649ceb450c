//! One module per page of the application.

pub mod account;
pub mod board;
pub mod card;
pub mod catalog;
pub mod meetings;
pub mod not_found;
pub mod workflow;
