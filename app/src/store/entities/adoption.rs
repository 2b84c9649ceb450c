//! Table `adoptions`: a company's use of a solution, with the evidence for it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "adoptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub solution_id: Uuid,
    pub company_id: Uuid,
    pub status: String,
    pub since: Option<Date>,
    pub evidence_url: Option<String>,
    pub notes: String,
    pub created_at: DateTimeUtc,
    /// Raised by every edit; an edit based on an older version is refused.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
