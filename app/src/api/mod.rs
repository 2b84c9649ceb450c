//! Server functions, one module per area. Each is thin: take the state, check the caller,
//! parse input into domain types, call the service layer. Errors are [`AppError`], from
//! [`crate::contract`].

pub mod auth;
pub mod board;
pub mod cards;
pub mod catalog;
pub mod flash;
pub mod imports;
pub mod meetings;
pub mod workflow;

pub use crate::contract::AppError;
