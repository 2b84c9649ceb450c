//! ispo-board's application crate, shared by the server and the WebAssembly front end.
//! Layers point one way — `ui → api → service → store → domain` — with `contract` (the
//! inputs, page payloads and `AppError` that cross between browser and server) beside the
//! domain; `service`, `store`, `auth` and `state` exist on the server only.

// Leptos view types nest deeply; release builds (without type erasure) need the room.
#![recursion_limit = "512"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod contract;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

pub use ui::{App, shell};
