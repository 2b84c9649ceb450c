//! The workflow's versions and edits as the API sends and takes them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::domain::workflow_edit::{Relocation, UnmetStage};
use app::domain::{StageChange, VersionView};
use app::service::workflow::EditOutcome;

use super::board::{GateWire, StageWire, WorkflowWire};

/// A stage as an edit gives it: what `GET /api/v1/workflow` sends, edited. A stage keeps
/// its `key` across renames; a new stage brings a new key (lower-case letters, digits
/// and `_`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageInputWire {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub gate: Option<GateWire>,
    /// Sent by `GET`; ignored here (the gate says it).
    #[serde(default)]
    pub gate_description: Option<String>,
    #[serde(default)]
    pub wip_limit: Option<u32>,
}

/// An edit of the workflow: the document `GET /api/v1/workflow` sends, edited, with a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkflowPutWire {
    /// The version the edit starts from; if another version took its place since, the
    /// answer is 409 with the workflow in force.
    pub version: i32,
    /// Every stage, in board order.
    pub stages: Vec<StageInputWire>,
    /// Why (shown with the version); empty: the changes are listed instead.
    #[serde(default)]
    pub note: String,
    /// For each removed stage that holds cards: the key of the stage they move to.
    #[serde(default)]
    pub relocate: BTreeMap<String, String>,
    /// Days without activity after which a card is stale; absent: unchanged.
    #[serde(default)]
    pub stale_after_days: Option<u32>,
}

/// One difference between a version and the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageChangeWire {
    /// `added`, `removed`, `renamed`, `moved`, `gate_changed`, `wip_limit_changed`,
    /// `description_changed` or `stale_days_changed`.
    pub change: String,
    /// The stage's key (none for `stale_days_changed`).
    pub key: Option<String>,
    /// The change in a sentence.
    pub summary: String,
}

impl From<&StageChange> for StageChangeWire {
    fn from(change: &StageChange) -> Self {
        let (kind, key) = match change {
            StageChange::Added { key, .. } => ("added", Some(key)),
            StageChange::Removed { key, .. } => ("removed", Some(key)),
            StageChange::Renamed { key, .. } => ("renamed", Some(key)),
            StageChange::Moved { key, .. } => ("moved", Some(key)),
            StageChange::GateChanged { key, .. } => ("gate_changed", Some(key)),
            StageChange::WipLimitChanged { key, .. } => ("wip_limit_changed", Some(key)),
            StageChange::DescriptionChanged { key, .. } => ("description_changed", Some(key)),
            StageChange::StaleDaysChanged { .. } => ("stale_days_changed", None),
        };
        Self {
            change: kind.to_owned(),
            key: key.map(ToString::to_string),
            summary: change.describe(),
        }
    }
}

/// A card moved out of a removed stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RelocationWire {
    pub card: Uuid,
    pub title: String,
    pub from: String,
    pub to: String,
}

impl From<&Relocation> for RelocationWire {
    fn from(r: &Relocation) -> Self {
        Self {
            card: r.card,
            title: r.title.clone(),
            from: r.from.to_string(),
            to: r.to.to_string(),
        }
    }
}

/// A card in a stage whose gate it does not meet (it stays, marked on the board).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnmetWire {
    pub card: Uuid,
    pub title: String,
    pub stage: String,
    /// What the gate lacks, in words.
    pub missing: Vec<String>,
}

impl From<&UnmetStage> for UnmetWire {
    fn from(u: &UnmetStage) -> Self {
        Self {
            card: u.card,
            title: u.title.clone(),
            stage: u.stage.to_string(),
            missing: u.missing.iter().map(|m| m.message.clone()).collect(),
        }
    }
}

/// A saved edit: the new version, how it differs from the one before, and what it did to
/// the cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkflowSavedWire {
    pub workflow: WorkflowWire,
    pub changes: Vec<StageChangeWire>,
    pub relocated: Vec<RelocationWire>,
    pub unmet: Vec<UnmetWire>,
}

impl From<&EditOutcome> for WorkflowSavedWire {
    fn from(o: &EditOutcome) -> Self {
        Self {
            workflow: WorkflowWire::from(&o.workflow),
            changes: o.changes.iter().map(StageChangeWire::from).collect(),
            relocated: o
                .impact
                .relocated
                .iter()
                .map(RelocationWire::from)
                .collect(),
            unmet: o.impact.unmet.iter().map(UnmetWire::from).collect(),
        }
    }
}

/// One stored version of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkflowVersionWire {
    pub version: i32,
    pub note: String,
    /// Who saved it (none: the system, as for the charter's version).
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub stages: Vec<StageWire>,
    /// Against the version before (empty for the first).
    pub changes: Vec<StageChangeWire>,
}

impl From<&VersionView> for WorkflowVersionWire {
    fn from(v: &VersionView) -> Self {
        Self {
            version: v.workflow.version,
            note: v.note.clone(),
            author: v.author.clone(),
            created_at: v.created_at,
            stages: v.workflow.stages().iter().map(StageWire::from).collect(),
            changes: v.changes.iter().map(StageChangeWire::from).collect(),
        }
    }
}
