//! The fixed vocabularies of the domain: kinds of solution and statuses of an adoption.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// What form a proposed solution takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolutionKind {
    Article,
    Video,
    Tool,
    Training,
    Pattern,
    Talk,
    Template,
    Other,
}

impl SolutionKind {
    pub const ALL: [SolutionKind; 8] = [
        Self::Article,
        Self::Video,
        Self::Tool,
        Self::Training,
        Self::Pattern,
        Self::Talk,
        Self::Template,
        Self::Other,
    ];

    /// The stable key used in storage, URLs and the JSON API.
    pub fn key(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Video => "video",
            Self::Tool => "tool",
            Self::Training => "training",
            Self::Pattern => "pattern",
            Self::Talk => "talk",
            Self::Template => "template",
            Self::Other => "other",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Article => "Article",
            Self::Video => "Video",
            Self::Tool => "Tool / code",
            Self::Training => "Training",
            Self::Pattern => "Pattern",
            Self::Talk => "Talk",
            Self::Template => "Template",
            Self::Other => "Other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let wanted = raw.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|kind| kind.key() == wanted)
            .ok_or_else(|| DomainError::NotOneOf {
                field: "kind".into(),
                allowed: Self::ALL.map(Self::key).join(", "),
            })
    }
}

impl fmt::Display for SolutionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// How far a company has taken a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdoptionStatus {
    /// Tried in a pilot inside the company.
    Pilot,
    /// In regular use inside the company.
    InUse,
}

impl AdoptionStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Pilot => "pilot",
            Self::InUse => "in_use",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pilot => "Pilot",
            Self::InUse => "In use",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim() {
            "pilot" => Ok(Self::Pilot),
            "in_use" => Ok(Self::InUse),
            _ => Err(DomainError::NotOneOf {
                field: "status".into(),
                allowed: "pilot, in_use".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_keys() {
        for kind in SolutionKind::ALL {
            assert_eq!(SolutionKind::parse(kind.key()).unwrap(), kind);
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.key())
            );
        }
        assert!(SolutionKind::parse("podcast").is_err());
    }

    #[test]
    fn statuses_round_trip_through_their_keys() {
        for status in [AdoptionStatus::Pilot, AdoptionStatus::InUse] {
            assert_eq!(AdoptionStatus::parse(status.key()).unwrap(), status);
        }
        assert!(AdoptionStatus::parse("production").is_err());
    }
}
