//! ispo-board's application crate: the domain rules, the store (server only), the server
//! functions and the user interface, shared by the server and the WebAssembly front end.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
pub mod ui;

pub use ui::{App, shell};
