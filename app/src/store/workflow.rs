//! Repository of workflow versions and their stages.

use chrono::Utc;
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

/// Whether any workflow version is stored.
pub async fn exists(db: &impl ConnectionTrait) -> Result<bool, StoreError> {
    Ok(workflow_version::Entity::find().count(db).await? > 0)
}

/// Stores a workflow as a new version and returns its id.
pub async fn insert_version(
    db: &impl ConnectionTrait,
    workflow: &Workflow,
    note: &str,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    workflow_version::Entity::insert(workflow_version::ActiveModel {
        id: Set(id),
        number: Set(workflow.version),
        note: Set(note.to_owned()),
        created_at: Set(Utc::now()),
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
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(id)
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
        .map(|row| {
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
                gate,
                wip_limit: row.wip_limit.and_then(|l| u32::try_from(l).ok()),
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    Ok(CurrentWorkflow {
        id: version.id,
        workflow: Workflow::new(version.number, stages)?,
    })
}

/// Sets or clears one stage's WIP limit by storing a new workflow version.
pub async fn set_wip_limit(
    db: &impl ConnectionTrait,
    key: &str,
    limit: Option<u32>,
) -> Result<CurrentWorkflow, StoreError> {
    let current = current(db).await?;
    let next = current.workflow.with_wip_limit(key, limit)?;
    let note = match limit {
        Some(n) => format!("WIP limit of {key} set to {n}"),
        None => format!("WIP limit of {key} removed"),
    };
    let id = insert_version(db, &next, &note).await?;
    Ok(CurrentWorkflow { id, workflow: next })
}
