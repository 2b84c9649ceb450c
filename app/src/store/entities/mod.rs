//! sea-orm entities, one per table, mirroring the migrations. Hand-written logic lives in
//! the repository modules beside this folder, never here.

pub mod activity;
pub mod adoption;
pub mod agenda_item;
pub mod api_token;
pub mod card;
pub mod card_source;
pub mod card_tag;
pub mod catalog_entry;
pub mod comment;
pub mod company;
pub mod company_alias;
pub mod demo;
pub mod event;
pub mod invitation;
pub mod meeting;
pub mod meeting_attendee;
pub mod next_step;
pub mod session;
pub mod solution;
pub mod stage;
pub mod tag;
pub mod user;
pub mod workflow_version;
