//! The API's error body: `{"error": {"code", "message", …}}`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::contract::AppError;

/// One unmet condition of a refused move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MissingWire {
    pub stage: String,
    pub stage_name: String,
    pub code: String,
    pub needed: u32,
    pub have: u32,
    pub message: String,
}

/// A card as it is now, sent with a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CurrentCardWire {
    pub id: Uuid,
    pub title: String,
    pub stage: String,
    pub version: i64,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorWire {
    /// Stable and machine-readable, e.g. `not_found`, `gate_not_met`, `conflict`.
    pub code: String,
    /// For people.
    pub message: String,
    /// A refused move: each unmet condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<MissingWire>>,
    /// A conflict over a card: its version now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// A conflict over a card: the card now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<CurrentCardWire>,
    /// A workflow edit made from an older version: the workflow in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_workflow: Option<super::WorkflowWire>,
}

/// Every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorWire,
}

impl From<&AppError> for ErrorBody {
    fn from(err: &AppError) -> Self {
        let mut error = ErrorWire {
            code: err.code().to_owned(),
            message: err.to_string(),
            missing: None,
            current_version: None,
            current: None,
            current_workflow: None,
        };
        match err {
            AppError::GateNotMet { unmet, .. } => {
                error.missing = Some(
                    unmet
                        .iter()
                        .flat_map(|check| {
                            check.missing.iter().map(move |m| MissingWire {
                                stage: check.stage.to_string(),
                                stage_name: check.stage_name.clone(),
                                code: m.code.clone(),
                                needed: m.needed,
                                have: m.have,
                                message: m.message.clone(),
                            })
                        })
                        .collect(),
                );
            }
            AppError::Conflict {
                current: Some(card),
                ..
            } => {
                error.current_version = Some(card.version);
                error.current = Some(CurrentCardWire {
                    id: card.id,
                    title: card.title.clone(),
                    stage: card.stage.to_string(),
                    version: card.version,
                });
            }
            AppError::WorkflowChanged { current, .. } => {
                error.current_version = Some(i64::from(current.version));
                error.current_workflow = Some(super::WorkflowWire::from(current));
            }
            _ => {}
        }
        Self { error }
    }
}
