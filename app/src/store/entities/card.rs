//! Table `cards`: one challenge each, with its stage and optimistic-concurrency version.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cards")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub stage_key: String,
    pub position: i64,
    pub version: i64,
    pub archived: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Why the card is parked (`blocked`, `waiting`, `out_of_scope`); none: not parked.
    pub parked_reason: Option<String>,
    pub parked_note: Option<String>,
    pub parked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
