//! Table `stages`: the ordered stages of one workflow version, with gate (JSON) and WIP limit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workflow_version_id: Uuid,
    pub key: String,
    pub name: String,
    pub position: i32,
    pub gate: Option<String>,
    pub wip_limit: Option<i32>,
    pub description: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
