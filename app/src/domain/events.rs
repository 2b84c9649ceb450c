//! Changes as open pages hear of them: one event per change, numbered, naming its kind and
//! its card. Sent by the server over server-sent events and read by the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One change to the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEvent {
    /// Increases with every change; a client resumes after the last one it saw.
    pub id: i64,
    /// What happened: `created`, `moved`, `edited`, `archived`, `solution_added`,
    /// `solution_edited`, `adoption_added`, `adoption_edited`, `commented`,
    /// `company_edited`.
    pub kind: String,
    /// The card it happened to, if any.
    pub card_id: Option<Uuid>,
    /// Who did it.
    pub actor: Option<String>,
    pub at: DateTime<Utc>,
}

impl BoardEvent {
    /// Whether the event concerns the given card (or every card, like a company rename).
    pub fn touches(&self, card: Uuid) -> bool {
        self.card_id.is_none_or(|id| id == card)
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
            kind: "moved".into(),
            card_id: Some(card),
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
        assert_eq!(serde_json::from_str::<BoardEvent>(&json).unwrap(), event);
    }
}
