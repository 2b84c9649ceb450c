//! Repository of workflow versions and their stages. Versions are only ever added: the
//! one with the highest number is in force, and every earlier one stays as it was.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::StoreError;
use super::entities::{stage, workflow_version};
use crate::domain::{DomainError, Gate, Stage, StageKey, Workflow};

/// The workflow in force, with the id of its stored version (recorded on every change).
#[derive(Debug, Clone)]
pub struct CurrentWorkflow {
    pub id: Uuid,
    pub workflow: Workflow,
}

/// One stored version with who made it, when and why.
#[derive(Debug, Clone)]
pub struct StoredVersion {
    pub id: Uuid,
    pub workflow: Workflow,
    pub note: String,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Whether any workflow version is stored.
pub async fn exists(db: &impl ConnectionTrait) -> Result<bool, StoreError> {
    Ok(workflow_version::Entity::find().count(db).await? > 0)
}

/// Stores a workflow as a new version by `author` (none: the system) and returns its id.
pub async fn insert_version(
    db: &impl ConnectionTrait,
    workflow: &Workflow,
    note: &str,
    author: Option<&str>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    workflow_version::Entity::insert(workflow_version::ActiveModel {
        id: Set(id),
        number: Set(workflow.version),
        note: Set(note.to_owned()),
        created_at: Set(Utc::now()),
        author: Set(author.map(str::to_owned)),
        stale_after_days: Set(i32::try_from(workflow.stale_after_days).unwrap_or(30)),
    })
    .exec_without_returning(db)
    .await?;
    for (position, stage) in workflow.stages().iter().enumerate() {
        let gate = stage
            .gate
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| DomainError::InvalidWorkflow(e.to_string()))?;
        stage::Entity::insert(stage::ActiveModel {
            id: Set(Uuid::new_v4()),
            workflow_version_id: Set(id),
            key: Set(stage.key.as_str().to_owned()),
            name: Set(stage.name.clone()),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            gate: Set(gate),
            wip_limit: Set(stage
                .wip_limit
                .map(|l| i32::try_from(l).unwrap_or(i32::MAX))),
            description: Set(stage.description.clone()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(id)
}

fn stage_of(row: stage::Model) -> Result<Stage, DomainError> {
    let gate = row
        .gate
        .as_deref()
        .map(serde_json::from_str::<Gate>)
        .transpose()
        .map_err(|e| {
            DomainError::InvalidWorkflow(format!(
                "stage \"{}\" has an unreadable gate: {e}",
                row.key
            ))
        })?;
    Ok(Stage {
        key: StageKey::parse(&row.key)?,
        name: row.name,
        description: row.description,
        gate,
        wip_limit: row.wip_limit.and_then(|l| u32::try_from(l).ok()),
    })
}

/// The newest workflow version.
pub async fn current(db: &impl ConnectionTrait) -> Result<CurrentWorkflow, StoreError> {
    let version = workflow_version::Entity::find()
        .order_by_desc(workflow_version::Column::Number)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("workflow".into()))?;
    let rows = stage::Entity::find()
        .filter(stage::Column::WorkflowVersionId.eq(version.id))
        .order_by_asc(stage::Column::Position)
        .all(db)
        .await?;
    let stages = rows
        .into_iter()
        .map(stage_of)
        .collect::<Result<Vec<_>, DomainError>>()?;
    Ok(CurrentWorkflow {
        id: version.id,
        workflow: Workflow::new(version.number, stages)?
            .with_stale_days(u32::try_from(version.stale_after_days).unwrap_or(30)),
    })
}

/// Every version, oldest first, each with its stages.
pub async fn versions(db: &impl ConnectionTrait) -> Result<Vec<StoredVersion>, StoreError> {
    let versions = workflow_version::Entity::find()
        .order_by_asc(workflow_version::Column::Number)
        .all(db)
        .await?;
    let mut stages: HashMap<Uuid, Vec<Stage>> = HashMap::new();
    for row in stage::Entity::find()
        .order_by_asc(stage::Column::WorkflowVersionId)
        .order_by_asc(stage::Column::Position)
        .all(db)
        .await?
    {
        let version = row.workflow_version_id;
        stages.entry(version).or_default().push(stage_of(row)?);
    }
    versions
        .into_iter()
        .map(|v| {
            Ok(StoredVersion {
                workflow: Workflow::new(v.number, stages.remove(&v.id).unwrap_or_default())?
                    .with_stale_days(u32::try_from(v.stale_after_days).unwrap_or(30)),
                id: v.id,
                note: v.note,
                author: v.author,
                created_at: v.created_at,
            })
        })
        .collect()
}
