//! The WebAssembly entry point. Pages are rendered on the server; this marks the page as
//! started and hydrates its islands (the `#[island]` components of the `app` crate, which
//! the islands loader finds among this module's exports).

// Leptos view types nest deeply; release builds (without type erasure) need the room.
#![recursion_limit = "512"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::ui::live::mark_started();
    leptos::mount::hydrate_islands();
}
