//! sea-orm entities, one per table, mirroring the migrations. Hand-written logic lives in
//! the repository modules beside this folder, never here.

pub mod activity;
pub mod adoption;
pub mod api_token;
pub mod card;
pub mod card_tag;
pub mod catalog_entry;
pub mod comment;
pub mod company;
pub mod event;
pub mod invitation;
pub mod session;
pub mod solution;
pub mod stage;
pub mod tag;
pub mod user;
pub mod workflow_version;
