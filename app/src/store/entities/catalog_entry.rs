//! Table `catalog_entries`: what the public catalogue shows and searches, one row per
//! solution of an open card (one row with no solution for a card without one). Derived
//! data, rewritten by `store::catalog` whenever its card changes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalog_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub card_id: Uuid,
    pub solution_id: Option<Uuid>,
    pub slug: Option<String>,
    pub solution_title: Option<String>,
    pub summary: Option<String>,
    pub kind: Option<String>,
    pub url: Option<String>,
    pub challenge_title: String,
    pub challenge_description: String,
    pub stage_key: String,
    /// Tags separated and surrounded by spaces.
    pub tags: String,
    /// Names of the adopters that may be named, for searching.
    pub companies: String,
    /// Every adopter as the public may see it, one per line.
    pub adopters: String,
    pub adopter_count: i32,
    pub created_at: DateTimeUtc,
    pub stage_since: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
