//! Table `activity`: the audit trail of every change to a card.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub card_id: Uuid,
    pub actor: Option<String>,
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    pub note: String,
    pub workflow_version_id: Uuid,
    pub created_at: DateTimeUtc,
    /// What the gates lacked when an admin moved the card past them (an override).
    pub missing: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
