//! Repository of the activity log: one row per change to a card, naming the workflow
//! version it was judged under. Written only by the service layer's after-change step.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::StoreError;
use super::entities::activity;
use crate::domain::ChangeKind;

/// One entry to write into the activity log.
#[derive(Debug, Clone)]
pub struct ActivityEntry<'a> {
    pub card_id: Uuid,
    pub actor: Option<&'a str>,
    pub kind: ChangeKind,
    pub from_stage: Option<&'a str>,
    pub to_stage: Option<&'a str>,
    pub note: &'a str,
    /// For an override: what the gates lacked.
    pub missing: Option<&'a str>,
}

/// Appends an entry under the given workflow version.
pub async fn append(
    db: &impl ConnectionTrait,
    workflow_version_id: Uuid,
    entry: &ActivityEntry<'_>,
) -> Result<(), StoreError> {
    activity::Entity::insert(activity::ActiveModel {
        id: Set(Uuid::new_v4()),
        card_id: Set(entry.card_id),
        actor: Set(entry.actor.map(str::to_owned)),
        kind: Set(entry.kind.key().to_owned()),
        from_stage: Set(entry.from_stage.map(str::to_owned)),
        to_stage: Set(entry.to_stage.map(str::to_owned)),
        note: Set(entry.note.to_owned()),
        workflow_version_id: Set(workflow_version_id),
        created_at: Set(Utc::now()),
        missing: Set(entry.missing.map(str::to_owned)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
