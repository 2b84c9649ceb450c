//! Read models of a card and what hangs off it, as the card page and the JSON API show
//! them. Plain data: built by the store, rendered by the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{AdoptionStatus, CardEvidence, ChangeKind, SolutionKind, StageKey};

/// A company that adopts solutions. `public` says whether it may be named publicly;
/// otherwise pages show `descriptor` ("a large financial services company").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub id: Uuid,
    pub name: String,
    pub public: bool,
    pub descriptor: String,
    /// The version an edit must name (see [`Solution::version`]).
    #[serde(default)]
    pub version: i64,
}

impl Company {
    /// The company as the public may see it: unnamed companies by their descriptor.
    /// The company as visitors see it: one that may not be named shows its descriptor and
    /// no id (an id would tie its adoptions together across cards).
    pub fn for_public(self) -> Self {
        if self.public {
            self
        } else {
            Self {
                id: Uuid::nil(),
                name: super::company_label(false, &self.name, &self.descriptor),
                ..self
            }
        }
    }
}

/// One company's use of one solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    pub id: Uuid,
    pub solution_id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub company_public: bool,
    /// How the company is described when it may not be named.
    pub company_descriptor: String,
    pub status: AdoptionStatus,
    pub since: Option<NaiveDate>,
    pub evidence_url: Option<String>,
    pub notes: String,
    /// The version an edit must name (see [`Solution::version`]).
    #[serde(default)]
    pub version: i64,
}

/// A proposed answer to a card's challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    pub id: Uuid,
    pub title: String,
    pub kind: SolutionKind,
    pub summary: String,
    /// Public link to the materials.
    pub url: Option<String>,
    /// Where it landed, e.g. "Patterns working group".
    pub landed_in: Option<String>,
    /// Raised by every edit: an edit that names an older version is refused (409) rather
    /// than overwriting someone else's.
    #[serde(default)]
    pub version: i64,
}

/// A member's comment on a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: Uuid,
    pub author: String,
    /// Markdown source as written.
    pub body: String,
    pub at: DateTime<Utc>,
}

/// One line of a card's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub kind: ChangeKind,
    pub from_stage: Option<StageKey>,
    pub to_stage: Option<StageKey>,
    pub note: String,
    /// The number of the workflow version the change was judged under.
    pub workflow_version: i32,
    /// For an override: what the gates lacked when the admin moved the card past them.
    #[serde(default)]
    pub missing: Option<String>,
}

impl ActivityItem {
    /// A sentence for people: "moved from Challenge to Proposed".
    pub fn summary(&self, stage_name: impl Fn(&str) -> String) -> String {
        let stage = |s: &Option<StageKey>| s.as_deref().map(&stage_name).unwrap_or_default();
        match self.kind {
            ChangeKind::Created => format!("created the card in {}", stage(&self.to_stage)),
            ChangeKind::Moved => format!(
                "moved it from {} to {}",
                stage(&self.from_stage),
                stage(&self.to_stage)
            ),
            ChangeKind::GateOverridden => format!(
                "moved it from {} to {} past its gates (override)",
                stage(&self.from_stage),
                stage(&self.to_stage)
            ),
            ChangeKind::Parked => format!("parked the card: {}", self.note),
            ChangeKind::Unparked => "took the card up again".to_owned(),
            ChangeKind::Edited => "edited the card".to_owned(),
            ChangeKind::Archived => "archived the card".to_owned(),
            ChangeKind::SolutionAdded => {
                format!("added the solution \u{201c}{}\u{201d}", self.note)
            }
            ChangeKind::SolutionEdited => {
                format!("edited the solution \u{201c}{}\u{201d}", self.note)
            }
            ChangeKind::AdoptionAdded => format!("recorded an adoption: {}", self.note),
            ChangeKind::AdoptionEdited => format!("updated an adoption: {}", self.note),
            ChangeKind::Commented => "commented".to_owned(),
            ChangeKind::CompanyEdited => "edited a company".to_owned(),
            ChangeKind::WorkflowChanged => "changed the workflow".to_owned(),
            ChangeKind::MeetingChanged => "changed a meeting".to_owned(),
        }
    }
}

/// How much of a card's history (activity and comments) is read: a card's page and its
/// API answer show the newest [`RECENT_HISTORY`] of each unless the whole history is
/// asked for, so that a long-discussed card stays quick to open and costs the server the
/// same memory whatever its age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum History {
    /// The newest [`RECENT_HISTORY`] activity entries and comments.
    #[default]
    Recent,
    /// All of them.
    Full,
}

/// How many activity entries, and how many comments, a card shows unless all are asked for.
pub const RECENT_HISTORY: u64 = 50;

impl History {
    /// The most entries of each list to read (none: no limit).
    pub fn limit(self) -> Option<u64> {
        match self {
            Self::Recent => Some(RECENT_HISTORY),
            Self::Full => None,
        }
    }

    /// `all` asks for the whole history; anything else (or nothing) for the recent part.
    pub fn parse(value: Option<&str>) -> Self {
        if value.is_some_and(|v| v.trim().eq_ignore_ascii_case("all")) {
            Self::Full
        } else {
            Self::Recent
        }
    }
}

/// Everything the card page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardDetail {
    pub id: Uuid,
    pub title: String,
    /// Markdown source as written.
    pub description: String,
    pub tags: Vec<String>,
    pub stage: StageKey,
    pub version: i64,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub solutions: Vec<Solution>,
    pub adoptions: Vec<Adoption>,
    /// Newest first: all, or the newest [`RECENT_HISTORY`] (see [`History`]).
    pub activity: Vec<ActivityItem>,
    /// How many activity entries the card has in all.
    #[serde(default)]
    pub activity_total: u64,
    pub evidence: CardEvidence,
    /// Oldest first: all, or the newest [`RECENT_HISTORY`] (see [`History`]).
    pub comments: Vec<Comment>,
    /// How many comments the card has in all.
    #[serde(default)]
    pub comments_total: u64,
    /// Set aside, with why.
    #[serde(default)]
    pub parked: Option<super::Parking>,
}

impl CardDetail {
    /// The card as visitors who are not signed in see it: a company that has not agreed to
    /// be named appears by its descriptor, under an id that holds for this card only, and
    /// the notes and evidence link of its adoptions, which could identify it, are left out; so are company names in the activity log, and
    /// the comments (free text that may name anyone).
    pub fn for_public(mut self) -> Self {
        let mut labels: Vec<(String, String)> = Vec::new();
        for adoption in &mut self.adoptions {
            let label = super::company_label(
                adoption.company_public,
                &adoption.company_name,
                &adoption.company_descriptor,
            );
            labels.push((adoption.company_name.clone(), label.clone()));
            if !adoption.company_public {
                adoption.company_name = label;
                adoption.evidence_url = None;
                adoption.notes = String::new();
                // An id of its own on this card only: adoptions of one company on one card
                // still count as one company, and nothing links them to other cards.
                adoption.company_id = super::evidence::card_scoped_id(self.id, adoption.company_id);
            }
        }
        self.evidence = self.evidence.for_card(self.id);
        // Comments are the working group's discussion: free text that may name anyone.
        self.comments.clear();
        self.comments_total = 0;
        for item in &mut self.activity {
            if item.kind.is_adoption() {
                item.note = labels
                    .iter()
                    .find(|(name, _)| *name == item.note)
                    .map_or_else(|| "a company".to_owned(), |(_, label)| label.clone());
            }
        }
        self
    }
}

/// A card's identity and position, sent with a conflict so the user sees what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardState {
    pub id: Uuid,
    pub title: String,
    pub stage: StageKey,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::{History, RECENT_HISTORY};

    #[test]
    fn only_all_asks_for_the_whole_history() {
        assert_eq!(History::parse(Some("all")), History::Full);
        assert_eq!(History::parse(Some(" ALL ")), History::Full);
        for other in [None, Some(""), Some("recent"), Some("1"), Some("alll")] {
            assert_eq!(History::parse(other), History::Recent, "{other:?}");
        }
        assert_eq!(History::Recent.limit(), Some(RECENT_HISTORY));
        assert_eq!(History::Full.limit(), None);
    }
}
