//! Who may do what: roles, the permissions they carry, and the rules for account input
//! (email addresses, password length).

use serde::{Deserialize, Serialize};

use super::DomainError;
use super::vocabulary::Vocabulary;

/// A signed-in user's role. Anonymous visitors have none and may only read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Facilitator,
    Admin,
}

/// Something a request may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Permission {
    /// Create, edit, archive and move cards; add solutions and adoptions; comment.
    EditBoard,
    /// Run meetings.
    RunMeetings,
    /// Manage users, companies and the workflow; override gates.
    Administer,
}

impl Vocabulary for Role {
    const FIELD: &'static str = "role";
    const ALL: &'static [Self] = &[Role::Member, Role::Facilitator, Role::Admin];

    fn key(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Facilitator => "facilitator",
            Self::Admin => "admin",
        }
    }
}

impl Role {
    pub const ALL: &'static [Role] = <Self as Vocabulary>::ALL;

    pub fn key(self) -> &'static str {
        Vocabulary::key(self)
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Vocabulary::parse(raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Member => "Member",
            Self::Facilitator => "Facilitator",
            Self::Admin => "Admin",
        }
    }

    /// Whether this role grants `permission`.
    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::EditBoard => true,
            Permission::RunMeetings => self >= Role::Facilitator,
            Permission::Administer => self == Role::Admin,
        }
    }
}

/// A user account as the rest of the application sees it (never with its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: uuid::Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
}

/// The shortest password accepted.
pub const PASSWORD_MIN: usize = 12;
/// The longest password accepted (long enough for passphrases, short enough to hash).
pub const PASSWORD_MAX: usize = 128;

/// Checks a new password's length, counted in characters.
pub fn check_password(password: &str) -> Result<(), DomainError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err(DomainError::TooShort {
            field: "password".into(),
            min: PASSWORD_MIN as u32,
        });
    }
    if length > PASSWORD_MAX {
        return Err(DomainError::TooLong {
            field: "password".into(),
            max: PASSWORD_MAX as u32,
            actual: u32::try_from(length).unwrap_or(u32::MAX),
        });
    }
    Ok(())
}

/// An email address, trimmed and lower-cased: one `@`, something on each side, a dot in
/// the domain, no spaces, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && !email.chars().any(char::is_whitespace)
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid {
            Ok(Self(email))
        } else {
            Err(DomainError::BadEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn roles_grant_in_order() {
        assert!(Role::Member.allows(Permission::EditBoard));
        assert!(!Role::Member.allows(Permission::RunMeetings));
        assert!(!Role::Member.allows(Permission::Administer));
        assert!(Role::Facilitator.allows(Permission::RunMeetings));
        assert!(!Role::Facilitator.allows(Permission::Administer));
        assert!(Role::Admin.allows(Permission::Administer));
        for &role in Role::ALL {
            assert_eq!(Role::parse(role.key()).unwrap(), role);
        }
        assert!(Role::parse("owner").is_err());
    }

    #[test]
    fn passwords_between_12_and_128_characters() {
        assert!(check_password("short").is_err());
        assert!(check_password("elevenchars").is_err());
        assert!(check_password("twelve chars").is_ok());
        assert!(check_password(&"é".repeat(128)).is_ok());
        assert!(check_password(&"a".repeat(129)).is_err());
    }

    #[test]
    fn emails_are_normalised() {
        assert_eq!(
            Email::parse(" Ada@Example.ORG ").unwrap().as_str(),
            "ada@example.org"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@example.org",
            "a@b@c.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
