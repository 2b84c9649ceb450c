//! Operations shared by the server functions and the JSON API: check the caller, parse
//! input into domain types, run the store inside one transaction ([`changes::Write`]) whose
//! after-change step logs, indexes and announces every change, and map failures to
//! [`AppError`](crate::contract::AppError). Server only.

pub mod accounts;
pub mod board_cache;
pub mod cards;
pub mod catalog;
pub mod changes;
pub mod companies;
pub mod demo;
pub mod github;
pub mod learning_path;
pub mod live;
pub mod maintenance;
pub mod markdown;
pub mod meetings;
pub mod patterns;
pub mod progress;
pub mod startup;
mod store_errors;
pub mod transfer;
pub mod workflow;
