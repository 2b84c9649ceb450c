//! The model of the board and its rules: stages, gates, workflow versions and the
//! validation of user input. Pure Rust with no I/O, compiled for the server and the
//! browser so that both judge a move by the same function.

pub mod access;
pub mod board;
pub mod catalog;
pub mod error;
pub mod events;
pub mod evidence;
pub mod gate;
pub mod ids;
pub mod meetings;
pub mod parking;
#[cfg(test)]
mod properties;
pub mod text;
pub mod views;
pub mod vocabulary;
pub mod workflow;
pub mod workflow_edit;

pub use access::{Account, Email, Permission, Role, check_password};
pub use board::{Attention, Board, BoardFilter, CardOverview};
pub use catalog::{
    Audience, CatalogHit, CatalogQuery, CatalogResults, CatalogSort, PublicAdoption,
    SimilarChallenge, SolutionPage, StageScope, company_label,
};
pub use error::DomainError;
pub use events::{BoardEvent, ChangeKind};
pub use evidence::{CardEvidence, SolutionEvidence};
pub use gate::{Gate, GateCheck, Missing};
pub use ids::{
    AdoptionId, AgendaItemId, CardId, CompanyId, DemoId, MeetingId, NextStepId, SolutionId,
    TokenId, UserId,
};
pub use parking::{ParkReason, Parking};
pub use text::{CardTitle, CompanyName, Description, TagName, WebLink, bounded};
pub use views::{
    ActivityItem, Adoption, CardDetail, CardState, Comment, Company, History, RECENT_HISTORY,
    Solution,
};
pub use vocabulary::{AdoptionStatus, SolutionKind, Vocabulary};
pub use workflow::{Direction, MoveRefusal, Stage, StageKey, Standing, Workflow};
pub use workflow_edit::{Impact, PlacedCard, StageChange, VersionView};
