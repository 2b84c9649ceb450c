//! Parked and stale cards. A member parks a card that cannot move for now — blocked,
//! waiting, or out of the group's scope — with a note; a parked card stays on the board
//! (the filter can hide it) but off the meeting agenda and the stale list until it is
//! taken up again. A card that is neither parked nor finished and has seen no activity
//! for the configured number of days is stale: marked on the board and walked last.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::vocabulary::Vocabulary;

/// Days without activity after which a card is stale, unless configured otherwise.
pub const STALE_DAYS_DEFAULT: u32 = 30;
/// The most days that can be configured (about ten years).
pub const STALE_DAYS_MAX: u32 = 3_650;
/// The longest note on a parked card.
pub const PARK_NOTE_MAX: usize = 500;

/// Why a card is parked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParkReason {
    /// Something outside the card stops it.
    Blocked,
    /// Waiting for someone (an answer, a company, an event).
    Waiting,
    /// Not for this group to solve.
    OutOfScope,
}

impl Vocabulary for ParkReason {
    const FIELD: &'static str = "reason";
    const ALL: &'static [Self] = &[Self::Blocked, Self::Waiting, Self::OutOfScope];

    fn key(self) -> &'static str {
        match self {
            Self::Blocked => "blocked",
            Self::Waiting => "waiting",
            Self::OutOfScope => "out_of_scope",
        }
    }
}

impl ParkReason {
    /// Every reason, in the order they are offered.
    pub const ALL: &'static [Self] = <Self as Vocabulary>::ALL;

    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Blocked => "Blocked",
            Self::Waiting => "Waiting",
            Self::OutOfScope => "Out of scope",
        }
    }
}

/// A parked card's reason, note and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parking {
    pub reason: ParkReason,
    pub note: String,
    pub since: DateTime<Utc>,
}

impl Parking {
    /// "Blocked: waiting for legal" — the reason, and the note when there is one.
    pub fn describe(&self) -> String {
        if self.note.is_empty() {
            self.reason.label().to_owned()
        } else {
            format!("{}: {}", self.reason.label(), self.note)
        }
    }
}

/// Whether a card is stale at `now`: not parked, not finished, and no activity for
/// `days` days or more.
pub fn is_stale(
    last_activity: DateTime<Utc>,
    parked: bool,
    finished: bool,
    now: DateTime<Utc>,
    days: u32,
) -> bool {
    !parked && !finished && now - last_activity >= Duration::days(i64::from(days))
}

/// Reads a number of days for the stale mark.
pub fn parse_stale_days(raw: &str) -> Result<u32, DomainError> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=STALE_DAYS_MAX).contains(d))
        .ok_or_else(|| DomainError::OutOfRange {
            field: "days without activity".into(),
            min: 1,
            max: STALE_DAYS_MAX,
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn stale_after_the_days_unless_parked_or_finished() {
        let now = DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let days_ago = |d: i64| now - Duration::days(d);
        assert!(!is_stale(days_ago(29), false, false, now, 30));
        assert!(is_stale(days_ago(30), false, false, now, 30));
        assert!(!is_stale(days_ago(90), true, false, now, 30));
        assert!(!is_stale(days_ago(90), false, true, now, 30));
        assert!(is_stale(days_ago(8), false, false, now, 7));
    }

    #[test]
    fn reasons_and_days_are_read_as_typed() {
        assert_eq!(
            ParkReason::parse("Out of scope").unwrap(),
            ParkReason::OutOfScope
        );
        assert!(ParkReason::parse("bored").is_err());
        assert_eq!(parse_stale_days(" 30 ").unwrap(), 30);
        assert!(parse_stale_days("0").is_err());
        assert!(parse_stale_days("thirty").is_err());
        let parked = Parking {
            reason: ParkReason::Waiting,
            note: "for the legal review".into(),
            since: Utc::now(),
        };
        assert_eq!(parked.describe(), "Waiting: for the legal review");
    }
}
