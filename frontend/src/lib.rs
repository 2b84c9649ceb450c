//! The WebAssembly entry point: hydrates the server-rendered page so it becomes
//! interactive.

// Leptos view types nest deeply; release builds (without type erasure) need the room.
#![recursion_limit = "512"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
