//! The JSON API's answers: one struct per resource, deriving `Serialize` for the wire and
//! `ToSchema` for the OpenAPI document, each built from the domain read model it shows.
//! Nothing is typed twice: a field the domain adds reaches the API by adding it here, and
//! the document describes exactly what is sent. They read back too (strictly: an unknown
//! field is an error), so tests check answers against them.

mod board;
mod cards;
mod catalog;
mod errors;
mod workflow;

pub use board::{BoardCardWire, BoardWire, ConditionWire, GateWire, StageWire, WorkflowWire};
pub use cards::{
    ActivityWire, AdoptionWire, ArchivedWire, CardOrArchived, CardWire, CommentWire, CompanyWire,
    EvidenceWire, ParkedWire, SolutionEvidenceWire, SolutionWire,
};
pub use catalog::{ChallengeWire, HitWire, SearchWire, SessionWire, StageMatchesWire};
pub use errors::{CurrentCardWire, ErrorBody, ErrorWire, MissingWire};
pub use workflow::{
    RelocationWire, StageChangeWire, StageInputWire, UnmetWire, WorkflowPutWire, WorkflowSavedWire,
    WorkflowVersionWire,
};
