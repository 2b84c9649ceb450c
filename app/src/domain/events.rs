//! Changes as open pages hear of them: one event per change, numbered, naming its kind and
//! what it happened to (a card, a meeting, or everything). Sent by the server over
//! server-sent events and read by the browser. [`ChangeKind`] is the one vocabulary of
//! changes, shared by the activity log and the change feed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::DomainError;
use super::vocabulary::Vocabulary;

/// What happened. Stored and sent as its key (`moved`, `adoption_added`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Created,
    Moved,
    /// A move an admin made past gates the card did not meet.
    GateOverridden,
    /// A card set aside (blocked, waiting, out of scope), or taken up again.
    Parked,
    Unparked,
    Edited,
    Archived,
    SolutionAdded,
    SolutionEdited,
    AdoptionAdded,
    AdoptionEdited,
    Commented,
    /// A company's name, naming or descriptor (shows on every card it adopted for).
    CompanyEdited,
    /// A new workflow version (a WIP limit, a stage, a gate).
    WorkflowChanged,
    /// Anything in a meeting: attendance, an agenda item, a next step, the demo queue.
    MeetingChanged,
}

impl Vocabulary for ChangeKind {
    const FIELD: &'static str = "kind";
    const ALL: &'static [Self] = &[
        Self::Created,
        Self::Moved,
        Self::GateOverridden,
        Self::Parked,
        Self::Unparked,
        Self::Edited,
        Self::Archived,
        Self::SolutionAdded,
        Self::SolutionEdited,
        Self::AdoptionAdded,
        Self::AdoptionEdited,
        Self::Commented,
        Self::CompanyEdited,
        Self::WorkflowChanged,
        Self::MeetingChanged,
    ];

    /// The stable key, as stored and sent.
    fn key(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Moved => "moved",
            Self::GateOverridden => "gate_overridden",
            Self::Parked => "parked",
            Self::Unparked => "unparked",
            Self::Edited => "edited",
            Self::Archived => "archived",
            Self::SolutionAdded => "solution_added",
            Self::SolutionEdited => "solution_edited",
            Self::AdoptionAdded => "adoption_added",
            Self::AdoptionEdited => "adoption_edited",
            Self::Commented => "commented",
            Self::CompanyEdited => "company_edited",
            Self::WorkflowChanged => "workflow_changed",
            Self::MeetingChanged => "meeting_changed",
        }
    }
}

impl ChangeKind {
    /// The stable key, as stored and sent.
    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    /// The kind `raw` names ([`Vocabulary::parse`]).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }

    /// Whether it records a company's adoption (whose note names the company).
    pub fn is_adoption(self) -> bool {
        matches!(self, Self::AdoptionAdded | Self::AdoptionEdited)
    }
}

/// One change to the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEvent {
    /// Increases with every change; a client resumes after the last one it saw.
    pub id: i64,
    /// What happened.
    pub kind: ChangeKind,
    /// The card it happened to, if any.
    pub card_id: Option<Uuid>,
    /// The meeting it happened in, if any.
    #[serde(default)]
    pub meeting_id: Option<Uuid>,
    /// Who did it.
    pub actor: Option<String>,
    pub at: DateTime<Utc>,
}

impl BoardEvent {
    /// Whether the event concerns the given card (or every card, like a company rename or
    /// a new workflow version). Meeting changes concern no card.
    pub fn touches(&self, card: Uuid) -> bool {
        match self.card_id {
            Some(id) => id == card,
            None => self.meeting_id.is_none(),
        }
    }

    /// Whether the event concerns the given meeting: a change in it, or to any card or the
    /// workflow (its agenda shows cards and their gates). Changes in other meetings do not.
    pub fn touches_meeting(&self, meeting: Uuid) -> bool {
        self.meeting_id.is_none_or(|id| id == meeting)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn events_name_their_card() {
        let card = Uuid::new_v4();
        let event = BoardEvent {
            id: 7,
            kind: ChangeKind::Moved,
            card_id: Some(card),
            meeting_id: None,
            actor: None,
            at: Utc::now(),
        };
        assert!(event.touches(card));
        assert!(!event.touches(Uuid::new_v4()));
        let everyone = BoardEvent {
            card_id: None,
            ..event.clone()
        };
        assert!(everyone.touches(card));
        let json = serde_json::to_string(&event).unwrap();
        assert!(json.contains("\"kind\":\"moved\""));
        assert_eq!(serde_json::from_str::<BoardEvent>(&json).unwrap(), event);
        let meeting = Uuid::new_v4();
        let in_meeting = BoardEvent {
            kind: ChangeKind::MeetingChanged,
            card_id: None,
            meeting_id: Some(meeting),
            ..event.clone()
        };
        assert!(!in_meeting.touches(card));
        assert!(in_meeting.touches_meeting(meeting));
        assert!(!in_meeting.touches_meeting(Uuid::new_v4()));
        assert!(event.touches_meeting(meeting));
    }

    #[test]
    fn change_kinds_round_trip_through_their_keys() {
        for &kind in <ChangeKind as Vocabulary>::ALL {
            assert_eq!(ChangeKind::parse(kind.key()), Ok(kind));
            assert_eq!(ChangeKind::parse(&kind.key().to_uppercase()), Ok(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.key())
            );
        }
        assert!(ChangeKind::parse("exploded").is_err());
    }
}
