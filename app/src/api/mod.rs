//! Server functions, one module per area. Each is thin: take the state, check the caller,
//! parse input into domain types, call the domain and the store, map errors to
//! [`AppError`].

pub mod auth;
pub mod board;
pub mod cards;
pub mod catalog;
pub mod dto;
pub mod error;
pub mod meetings;

pub use error::AppError;
