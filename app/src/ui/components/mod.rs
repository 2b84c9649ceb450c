//! Reusable pieces of the pages.

pub mod board_filter;
pub mod card_tile;
pub mod column;
