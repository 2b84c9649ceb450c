//! The board and the workflow as the API sends them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::domain::{Board, CardOverview, Gate, Stage, Workflow};

/// One condition of a gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConditionWire {
    /// The card has at least `count` solutions.
    MinSolutions { count: u32 },
    /// At least `count` adoptions are recorded on the card's solutions; with
    /// `in_use_only`, adoptions in regular use (pilots do not count).
    MinAdoptions {
        count: u32,
        #[serde(default)]
        in_use_only: bool,
    },
    /// At least one solution has a public link.
    PublicSolution,
    /// One solution is adopted by at least `count` distinct companies.
    CompaniesOnOneSolution { count: u32 },
}

/// A stage's gate: what a card needs to enter it — one condition, or `all` of several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum GateWire {
    /// The card has at least `count` solutions.
    MinSolutions { count: u32 },
    /// At least `count` adoptions are recorded on the card's solutions; with
    /// `in_use_only`, adoptions in regular use (pilots do not count).
    MinAdoptions {
        count: u32,
        #[serde(default)]
        in_use_only: bool,
    },
    /// At least one solution has a public link.
    PublicSolution,
    /// One solution is adopted by at least `count` distinct companies.
    CompaniesOnOneSolution { count: u32 },
    /// Every one of these conditions.
    All { gates: Vec<ConditionWire> },
}

/// A simple gate as a condition (`None` for a combination, which `Gate::parts` unfolds).
fn condition(gate: &Gate) -> Option<ConditionWire> {
    Some(match gate {
        Gate::MinSolutions { count } => ConditionWire::MinSolutions { count: *count },
        Gate::MinAdoptions { count, in_use_only } => ConditionWire::MinAdoptions {
            count: *count,
            in_use_only: *in_use_only,
        },
        Gate::PublicSolution => ConditionWire::PublicSolution,
        Gate::CompaniesOnOneSolution { count } => {
            ConditionWire::CompaniesOnOneSolution { count: *count }
        }
        Gate::All { .. } => return None,
    })
}

impl From<&ConditionWire> for Gate {
    fn from(wire: &ConditionWire) -> Self {
        match *wire {
            ConditionWire::MinSolutions { count } => Gate::MinSolutions { count },
            ConditionWire::MinAdoptions { count, in_use_only } => {
                Gate::MinAdoptions { count, in_use_only }
            }
            ConditionWire::PublicSolution => Gate::PublicSolution,
            ConditionWire::CompaniesOnOneSolution { count } => {
                Gate::CompaniesOnOneSolution { count }
            }
        }
    }
}

impl From<&Gate> for GateWire {
    fn from(gate: &Gate) -> Self {
        match gate {
            Gate::MinSolutions { count } => Self::MinSolutions { count: *count },
            Gate::MinAdoptions { count, in_use_only } => Self::MinAdoptions {
                count: *count,
                in_use_only: *in_use_only,
            },
            Gate::PublicSolution => Self::PublicSolution,
            Gate::CompaniesOnOneSolution { count } => {
                Self::CompaniesOnOneSolution { count: *count }
            }
            Gate::All { .. } => Self::All {
                gates: gate.parts().into_iter().filter_map(condition).collect(),
            },
        }
    }
}

impl From<&GateWire> for Gate {
    fn from(wire: &GateWire) -> Self {
        match wire {
            GateWire::MinSolutions { count } => Gate::MinSolutions { count: *count },
            GateWire::MinAdoptions { count, in_use_only } => Gate::MinAdoptions {
                count: *count,
                in_use_only: *in_use_only,
            },
            GateWire::PublicSolution => Gate::PublicSolution,
            GateWire::CompaniesOnOneSolution { count } => {
                Gate::CompaniesOnOneSolution { count: *count }
            }
            GateWire::All { gates } => Gate::All {
                gates: gates.iter().map(Gate::from).collect(),
            },
        }
    }
}

/// One column of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageWire {
    /// Stable across renames; moves name it.
    pub key: String,
    pub name: String,
    /// What the stage means (may be empty).
    pub description: String,
    pub gate: Option<GateWire>,
    /// The gate in words, e.g. "at least one solution".
    pub gate_description: Option<String>,
    pub wip_limit: Option<u32>,
}

impl From<&Stage> for StageWire {
    fn from(stage: &Stage) -> Self {
        Self {
            key: stage.key.as_str().to_owned(),
            name: stage.name.clone(),
            description: stage.description.clone(),
            gate: stage.gate.as_ref().map(GateWire::from),
            gate_description: stage.gate.as_ref().map(Gate::describe),
            wip_limit: stage.wip_limit,
        }
    }
}

/// The workflow in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkflowWire {
    pub version: i32,
    pub stages: Vec<StageWire>,
    /// Days without activity after which an open, unparked card is marked stale.
    pub stale_after_days: u32,
}

impl From<&Workflow> for WorkflowWire {
    fn from(workflow: &Workflow) -> Self {
        Self {
            version: workflow.version,
            stages: workflow.stages().iter().map(StageWire::from).collect(),
            stale_after_days: workflow.stale_after_days,
        }
    }
}

/// A card as the board shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardCardWire {
    pub id: Uuid,
    pub title: String,
    /// The key of its stage.
    pub stage: String,
    pub tags: Vec<String>,
    pub version: i64,
    pub solutions: u32,
    pub adoptions: u32,
    /// Distinct adopting companies.
    pub companies: u32,
    /// Whether the card meets the gate of its stage (a workflow change can leave it short).
    pub meets_stage_gate: bool,
    /// The next stage, when the card's evidence already meets its gate: ready to move.
    pub ready_for: Option<String>,
    /// When anything last happened to the card.
    pub last_activity: DateTime<Utc>,
    /// No activity for the workflow's `stale_after_days`, and not parked or finished.
    pub stale: bool,
    /// Why the card is parked (`blocked`, `waiting`, `out_of_scope`); none: not parked.
    pub parked: Option<String>,
}

impl BoardCardWire {
    fn new(card: &CardOverview, board: &Board, now: DateTime<Utc>) -> Self {
        let standing = board.workflow.standing(&card.stage, &card.evidence);
        Self {
            id: card.id,
            title: card.title.clone(),
            stage: card.stage.to_string(),
            tags: card.tags.clone(),
            version: card.version,
            solutions: card.solutions,
            adoptions: card.adoptions,
            companies: card.companies,
            meets_stage_gate: standing.meets_stage_gate,
            ready_for: standing.ready_for.map(String::from),
            last_activity: card.last_activity,
            stale: board.is_stale(card, now),
            parked: card.parked.as_ref().map(|p| p.reason.key().to_owned()),
        }
    }
}

/// The whole board: the workflow and every open card in board order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardWire {
    pub workflow: WorkflowWire,
    pub cards: Vec<BoardCardWire>,
}

impl From<&Board> for BoardWire {
    fn from(board: &Board) -> Self {
        let now = Utc::now();
        Self {
            workflow: WorkflowWire::from(&board.workflow),
            cards: board
                .cards
                .iter()
                .map(|c| BoardCardWire::new(c, board, now))
                .collect(),
        }
    }
}
