//! Cards, solutions, adoptions, comments, activity and companies as the API sends them.
//! What a visitor (not signed in) may not see is left out of the answer, not sent empty:
//! the company's public flag and the gate evidence appear for members only, and
//! anonymised adoptions come without notes or evidence link (see
//! [`app::domain::CardDetail::for_public`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use app::domain::{
    ActivityItem, Adoption, CardDetail, CardEvidence, Comment, Company, Solution, SolutionEvidence,
};

/// A solution proposed for a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SolutionWire {
    pub id: Uuid,
    pub title: String,
    /// `article`, `video`, `tool`, `training`, `pattern`, `talk`, `template` or `other`.
    pub kind: String,
    pub summary: String,
    /// A public link to the materials.
    pub url: Option<String>,
    /// Where it landed, e.g. "Patterns working group".
    pub landed_in: Option<String>,
    /// The version an edit names; an edit of an older one is refused with 409.
    pub version: i64,
}

impl From<&Solution> for SolutionWire {
    fn from(s: &Solution) -> Self {
        Self {
            id: s.id,
            title: s.title.clone(),
            kind: s.kind.key().to_owned(),
            summary: s.summary.clone(),
            url: s.url.clone(),
            landed_in: s.landed_in.clone(),
            version: s.version,
        }
    }
}

/// One company's use of one solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdoptionWire {
    pub id: Uuid,
    pub solution_id: Uuid,
    /// For visitors, an anonymised company's id holds for this card only.
    pub company_id: Uuid,
    /// For visitors, an anonymised company's public descriptor.
    pub company_name: String,
    /// Whether the company may be named publicly (members only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_public: Option<bool>,
    /// `pilot` or `in_use`.
    pub status: String,
    pub since: Option<NaiveDate>,
    /// A link to evidence of the adoption (hidden from visitors for anonymised companies).
    pub evidence_url: Option<String>,
    pub notes: String,
    pub version: i64,
}

impl AdoptionWire {
    pub fn new(a: &Adoption, member: bool) -> Self {
        Self {
            id: a.id,
            solution_id: a.solution_id,
            company_id: a.company_id,
            company_name: a.company_name.clone(),
            company_public: member.then_some(a.company_public),
            status: a.status.key().to_owned(),
            since: a.since,
            evidence_url: a.evidence_url.clone(),
            notes: a.notes.clone(),
            version: a.version,
        }
    }
}

/// A comment on a card (Markdown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentWire {
    pub id: Uuid,
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

impl From<&Comment> for CommentWire {
    fn from(c: &Comment) -> Self {
        Self {
            id: c.id,
            author: c.author.clone(),
            body: c.body.clone(),
            at: c.at,
        }
    }
}

/// One line of a card's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityWire {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    /// `created`, `moved`, `gate_overridden` (an admin moved it past gates it did not
    /// meet; `note` says why, `missing` what was lacking), `parked`, `unparked`, `edited`,
    /// `archived`, `solution_added`, `solution_edited`, `adoption_added`,
    /// `adoption_edited` or `commented`.
    pub kind: String,
    /// The stage key it left.
    pub from: Option<String>,
    /// The stage key it entered.
    pub to: Option<String>,
    pub note: String,
    /// The number of the workflow version the change was judged under.
    pub workflow_version: i32,
    /// For `gate_overridden`: what the gates lacked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

impl From<&ActivityItem> for ActivityWire {
    fn from(e: &ActivityItem) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor: e.actor.clone(),
            kind: e.kind.key().to_owned(),
            from: e.from_stage.as_ref().map(ToString::to_string),
            to: e.to_stage.as_ref().map(ToString::to_string),
            note: e.note.clone(),
            workflow_version: e.workflow_version,
            missing: e.missing.clone(),
        }
    }
}

/// What a gate sees of one solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SolutionEvidenceWire {
    pub public_link: bool,
    pub adopting_companies: Vec<Uuid>,
    /// Those of them whose adoption is in regular use (not a pilot).
    pub in_use_companies: Vec<Uuid>,
}

/// What the gates see of a card: per solution, whether it has a public link and which
/// companies adopted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceWire {
    pub solutions: Vec<SolutionEvidenceWire>,
}

impl From<&CardEvidence> for EvidenceWire {
    fn from(e: &CardEvidence) -> Self {
        Self {
            solutions: e
                .solutions
                .iter()
                .map(|s: &SolutionEvidence| SolutionEvidenceWire {
                    public_link: s.public_link,
                    adopting_companies: s.adopting_companies.iter().copied().collect(),
                    in_use_companies: s.in_use_companies.iter().copied().collect(),
                })
                .collect(),
        }
    }
}

/// A challenge card with everything on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardWire {
    pub id: Uuid,
    pub title: String,
    /// Markdown as written.
    pub description: String,
    pub tags: Vec<String>,
    /// The key of its stage.
    pub stage: String,
    /// The version a move or an edit names; a stale one is refused with 409.
    pub version: i64,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub solutions: Vec<SolutionWire>,
    pub adoptions: Vec<AdoptionWire>,
    /// Oldest first (none for visitors): the newest 50, or all with `?history=all`.
    pub comments: Vec<CommentWire>,
    /// How many comments the card has in all (0 for visitors).
    pub comments_total: u64,
    /// Newest first: the newest 50 entries, or all with `?history=all`.
    pub activity: Vec<ActivityWire>,
    /// How many activity entries the card has in all.
    pub activity_total: u64,
    /// What the gates see (members only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceWire>,
    /// Set aside, with why (none: not parked).
    pub parked: Option<ParkedWire>,
}

/// Why and since when a card is parked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParkedWire {
    /// `blocked`, `waiting` or `out_of_scope`.
    pub reason: String,
    pub note: String,
    pub since: DateTime<Utc>,
}

impl CardWire {
    /// The card for a member (`member`) or a visitor; `card` is already as that viewer may
    /// see it.
    pub fn new(card: &CardDetail, member: bool) -> Self {
        Self {
            id: card.id,
            title: card.title.clone(),
            description: card.description.clone(),
            tags: card.tags.clone(),
            stage: card.stage.to_string(),
            version: card.version,
            archived: card.archived,
            created_at: card.created_at,
            updated_at: card.updated_at,
            solutions: card.solutions.iter().map(SolutionWire::from).collect(),
            adoptions: card
                .adoptions
                .iter()
                .map(|a| AdoptionWire::new(a, member))
                .collect(),
            comments: card.comments.iter().map(CommentWire::from).collect(),
            comments_total: card.comments_total,
            activity: card.activity.iter().map(ActivityWire::from).collect(),
            activity_total: card.activity_total,
            evidence: member.then(|| EvidenceWire::from(&card.evidence)),
            parked: card.parked.as_ref().map(|p| ParkedWire {
                reason: p.reason.key().to_owned(),
                note: p.note.clone(),
                since: p.since,
            }),
        }
    }
}

/// The answer to archiving a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchivedWire {
    pub id: Uuid,
    pub archived: bool,
}

/// The answer to a card's edit: the card, or that it was archived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum CardOrArchived {
    Card(Box<CardWire>),
    Archived(ArchivedWire),
}

/// A company that adopts solutions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyWire {
    /// Nil for visitors when the company may not be named.
    pub id: Uuid,
    /// For visitors, the public descriptor of a company that may not be named.
    pub name: String,
    /// Whether it may be named publicly.
    pub public: bool,
    /// What anonymised pages call it, e.g. "a large bank".
    pub descriptor: String,
    pub version: i64,
}

impl From<&Company> for CompanyWire {
    fn from(c: &Company) -> Self {
        Self {
            id: c.id,
            name: c.name.clone(),
            public: c.public,
            descriptor: c.descriptor.clone(),
            version: c.version,
        }
    }
}
