//! Table `companies`: organisations that adopt solutions; `name_key` keeps names unique
//! regardless of case, `descriptor` is what anonymised pages show instead of the name.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "companies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub name_key: String,
    pub public: bool,
    pub descriptor: String,
    pub created_at: DateTimeUtc,
    /// Raised by every edit; an edit based on an older version is refused.
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
