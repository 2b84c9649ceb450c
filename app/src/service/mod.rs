//! Operations shared by the server functions and the JSON API: parse input into domain
//! types, run the store inside one transaction, and map failures to [`AppError`].
//! Server only.

pub mod accounts;
pub mod cards;
pub mod catalog;
pub mod companies;
pub mod maintenance;
pub mod markdown;
pub mod meetings;
