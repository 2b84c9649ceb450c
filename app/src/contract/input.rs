//! The inputs of changes (shared by server functions and the JSON API) and the card page's
//! payload: what crosses the wire besides domain types. On the server the inputs also
//! describe themselves for the JSON API's OpenAPI document.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{CardDetail, Company, Workflow};

/// A new challenge card.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewCardInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Changes to a card; absent fields stay as they are. `version` is the version the
/// change is based on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CardPatchInput {
    pub version: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// `true` archives the card.
    #[serde(default)]
    pub archived: Option<bool>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A move of a card to another stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MoveInput {
    pub to: String,
    pub version: i64,
    #[serde(default)]
    pub note: String,
    /// Admins: move forward past gates the card does not meet; needs `reason`. The move
    /// is recorded as an override, with who, why and what was missing.
    #[serde(default, rename = "override")]
    pub override_gates: bool,
    /// Why the gates are overridden (with `override`).
    #[serde(default)]
    pub reason: String,
}

/// A card to park (or, for `unpark`, only `version`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ParkInput {
    /// The card's version as read.
    pub version: i64,
    /// `blocked`, `waiting` or `out_of_scope`.
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// A solution to add or the new values of one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SolutionInput {
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub landed_in: Option<String>,
    /// For an edit: the version it is based on. An edit of an older version is refused
    /// (409); without one, the edit applies to whatever is current.
    #[serde(default)]
    pub version: Option<i64>,
}

/// A company to record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompanyInput {
    pub name: String,
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub descriptor: String,
    /// For an edit: the version it is based on. An edit of an older version is refused
    /// (409); without one, the edit applies to whatever is current.
    #[serde(default)]
    pub version: Option<i64>,
}

/// An adoption to record or the new values of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdoptionInput {
    pub company_id: Uuid,
    pub status: String,
    #[serde(default)]
    pub since: Option<String>,
    #[serde(default)]
    pub evidence_url: Option<String>,
    #[serde(default)]
    pub notes: String,
    /// For an edit: the version it is based on. An edit of an older version is refused
    /// (409); without one, the edit applies to whatever is current.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Everything the card page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPage {
    pub card: CardDetail,
    /// The description rendered from Markdown and sanitised on the server.
    pub description_html: String,
    pub workflow: Workflow,
    pub companies: Vec<Company>,
    /// Each of `card.comments` rendered from Markdown and sanitised, in the same order.
    pub comments_html: Vec<String>,
    /// How the card entered its stage: under which workflow version, and what that
    /// version's gate asked for then.
    pub entered_under: Option<EnteredUnder>,
}

/// The move that put a card in its stage, as the card page tells it: "validated under
/// version 3 (one solution adopted by at least two distinct companies)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnteredUnder {
    pub version: i32,
    pub stage_name: String,
    /// The gate in words under that version (none: the stage had none).
    pub gate: Option<String>,
    /// An admin moved the card past the gate.
    pub overridden: bool,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// A comment on a card.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommentInput {
    pub body: String,
}

/// Splits "a, b  c" style tag input into tags.
pub fn split_tags(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}
