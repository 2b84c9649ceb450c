//! The fixed vocabularies of the domain — kinds of solution, statuses of an adoption, and
//! (in their own modules) roles, agenda statuses and kinds of change — and the one rule
//! by which each is read from text: [`Vocabulary::parse`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// A closed set of words with a stable key each (as stored, sent and written in forms).
pub trait Vocabulary: Copy + Sized + 'static {
    /// What a value is called in error messages ("role", "status").
    const FIELD: &'static str;
    /// Every value, in the order they are offered.
    const ALL: &'static [Self];

    /// The stable key.
    fn key(self) -> &'static str;

    /// The value `raw` names. One rule for every vocabulary: surrounding blanks, case, and
    /// whether words are joined by spaces, hyphens or underscores do not matter ("In use",
    /// "in-use", "IN_USE" all read as `in_use`); anything else is refused with the list of
    /// keys.
    fn parse(raw: &str) -> Result<Self, DomainError> {
        let wanted = folded(raw);
        Self::ALL
            .iter()
            .copied()
            .find(|v| folded(v.key()) == wanted)
            .ok_or_else(|| DomainError::NotOneOf {
                field: Self::FIELD.into(),
                allowed: Self::ALL
                    .iter()
                    .map(|v| v.key())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// `raw` compared by [`Vocabulary::parse`]'s rule.
fn folded(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

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

impl Vocabulary for SolutionKind {
    const FIELD: &'static str = "kind";
    const ALL: &'static [Self] = &[
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
    fn key(self) -> &'static str {
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
}

impl SolutionKind {
    /// Every kind, in the order they are offered.
    pub const ALL: &'static [Self] = <Self as Vocabulary>::ALL;

    /// The stable key used in storage, URLs and the JSON API.
    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
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

impl Vocabulary for AdoptionStatus {
    const FIELD: &'static str = "status";
    const ALL: &'static [Self] = &[Self::Pilot, Self::InUse];

    fn key(self) -> &'static str {
        match self {
            Self::Pilot => "pilot",
            Self::InUse => "in_use",
        }
    }
}

impl AdoptionStatus {
    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pilot => "Pilot",
            Self::InUse => "In use",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_keys() {
        for &kind in SolutionKind::ALL {
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

    #[test]
    fn every_vocabulary_reads_by_one_rule() {
        use crate::domain::meetings::AgendaStatus;
        use crate::domain::{ChangeKind, Role};
        assert_eq!(Role::parse("Admin").unwrap(), Role::Admin);
        assert_eq!(Role::parse(" FACILITATOR ").unwrap(), Role::Facilitator);
        assert_eq!(AgendaStatus::parse("Parked").unwrap(), AgendaStatus::Parked);
        assert_eq!(
            AdoptionStatus::parse("In use").unwrap(),
            AdoptionStatus::InUse
        );
        assert_eq!(
            AdoptionStatus::parse("in-use").unwrap(),
            AdoptionStatus::InUse
        );
        assert_eq!(SolutionKind::parse("Video").unwrap(), SolutionKind::Video);
        assert_eq!(
            ChangeKind::parse("Solution added").unwrap(),
            ChangeKind::SolutionAdded
        );
        let refused = Role::parse("owner").unwrap_err().to_string();
        assert_eq!(refused, "role must be one of: member, facilitator, admin");
    }
}
