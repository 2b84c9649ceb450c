//! ispo-board's application crate: the domain rules, the store (server only), the server
//! functions and the user interface, shared by the server and the WebAssembly front end.

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
