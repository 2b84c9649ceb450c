//! The board and the workflow as the API sends them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::domain::{Board, CardOverview, Gate, Stage, Workflow};

/// A stage's gate: what a card needs to enter it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GateWire {
    /// The card has at least `count` solutions.
    MinSolutions { count: u32 },
    /// At least `count` adoptions are recorded on the card's solutions.
    MinAdoptions { count: u32 },
    /// At least one solution has a public link.
    PublicSolution,
    /// One solution is adopted by at least `count` distinct companies.
    CompaniesOnOneSolution { count: u32 },
}

impl From<&Gate> for GateWire {
    fn from(gate: &Gate) -> Self {
        match *gate {
            Gate::MinSolutions { count } => Self::MinSolutions { count },
            Gate::MinAdoptions { count } => Self::MinAdoptions { count },
            Gate::PublicSolution => Self::PublicSolution,
            Gate::CompaniesOnOneSolution { count } => Self::CompaniesOnOneSolution { count },
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
}

impl From<&Workflow> for WorkflowWire {
    fn from(workflow: &Workflow) -> Self {
        Self {
            version: workflow.version,
            stages: workflow.stages().iter().map(StageWire::from).collect(),
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
}

impl From<&CardOverview> for BoardCardWire {
    fn from(card: &CardOverview) -> Self {
        Self {
            id: card.id,
            title: card.title.clone(),
            stage: card.stage.to_string(),
            tags: card.tags.clone(),
            version: card.version,
            solutions: card.solutions,
            adoptions: card.adoptions,
            companies: card.companies,
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
        Self {
            workflow: WorkflowWire::from(&board.workflow),
            cards: board.cards.iter().map(BoardCardWire::from).collect(),
        }
    }
}
