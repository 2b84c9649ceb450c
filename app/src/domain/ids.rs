//! Typed ids: a card's id cannot be passed where a solution's is expected. Each parses from
//! the text of a path or a form, and text that is not an id of that kind is "not found"
//! (there is no such thing), never a server error. On the wire an id is its UUID.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::DomainError;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// What the id names, as error messages say it.
            pub const WHAT: &'static str = $what;

            /// The id written in `raw` (surrounding blanks ignored); anything else is not
            /// found.
            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                Uuid::parse_str(raw.trim())
                    .map(Self)
                    .map_err(|_| DomainError::NotFound($what.into()))
            }

            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl FromStr for $name {
            type Err = DomainError;

            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Self::parse(raw)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// A challenge card.
    CardId,
    "card"
);
typed_id!(
    /// A solution proposed for a card.
    SolutionId,
    "solution"
);
typed_id!(
    /// A company that adopts solutions.
    CompanyId,
    "company"
);
typed_id!(
    /// One company's adoption of one solution.
    AdoptionId,
    "adoption"
);
typed_id!(
    /// A meeting of the working group.
    MeetingId,
    "meeting"
);
typed_id!(
    /// An item of a meeting's agenda.
    AgendaItemId,
    "agenda item"
);
typed_id!(
    /// A next step agreed in a meeting.
    NextStepId,
    "next step"
);
typed_id!(
    /// A demo in a meeting's queue.
    DemoId,
    "demo"
);
typed_id!(
    /// A member's account.
    UserId,
    "user"
);
typed_id!(
    /// An API token.
    TokenId,
    "token"
);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_parse_or_are_not_found() {
        let id = Uuid::new_v4();
        assert_eq!(CardId::parse(&format!(" {id} ")).unwrap(), CardId(id));
        assert_eq!(
            SolutionId::parse("not-an-id"),
            Err(DomainError::NotFound("solution".into()))
        );
        assert_eq!(
            serde_json::to_string(&CardId(id)).unwrap(),
            format!("\"{id}\"")
        );
        assert_eq!(
            serde_json::from_str::<MeetingId>(&format!("\"{id}\"")).unwrap(),
            MeetingId(id)
        );
        assert_eq!(CompanyId(id).to_string(), id.to_string());
    }
}
