//! Reusable pieces of the pages.

pub mod action_error;
pub mod board_filter;
pub mod card_tile;
pub mod column;
pub mod company_forms;
pub mod followed;
pub mod form_reset;
pub mod highlight;
pub mod import_admin;
pub mod load_error;
pub mod loaded;
pub mod new_card;
pub mod page_meta;
pub mod reload;
