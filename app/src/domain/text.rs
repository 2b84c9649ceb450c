//! Newtypes for user-entered text that can only be built from valid input.

use serde::{Deserialize, Serialize};

use super::DomainError;

/// The longest card title accepted, in characters.
pub const TITLE_MAX: usize = 200;
/// The longest card description accepted, in characters.
pub const DESCRIPTION_MAX: usize = 20_000;
/// The longest tag accepted, in characters.
pub const TAG_MAX: usize = 40;

fn too_long(field: &str, max: usize, actual: usize) -> DomainError {
    DomainError::TooLong {
        field: field.to_owned(),
        max: u32::try_from(max).unwrap_or(u32::MAX),
        actual: u32::try_from(actual).unwrap_or(u32::MAX),
    }
}

/// A challenge title: trimmed, not empty, at most [`TITLE_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardTitle(String);

impl CardTitle {
    /// Checks and normalises a title typed by a user.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(DomainError::Empty {
                field: "title".into(),
            });
        }
        let length = trimmed.chars().count();
        if length > TITLE_MAX {
            return Err(too_long("title", TITLE_MAX, length));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A company's name: trimmed, not empty, at most 200 characters. Names are unique
/// regardless of case, compared by [`CompanyName::key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyName(String);

impl CompanyName {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(DomainError::Empty {
                field: "name".into(),
            });
        }
        let length = name.chars().count();
        if length > TITLE_MAX {
            return Err(too_long("name", TITLE_MAX, length));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two names are compared in: "ACME  Bank" and "acme bank" are one company.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// A link to materials or evidence: an absolute `http://` or `https://` URL with a host,
/// no spaces, at most 2,000 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebLink(String);

/// The longest link accepted, in characters.
pub const LINK_MAX: usize = 2_000;

impl WebLink {
    pub fn parse(field: &str, raw: &str) -> Result<Self, DomainError> {
        let link = raw.trim();
        let length = link.chars().count();
        if length > LINK_MAX {
            return Err(too_long(field, LINK_MAX, length));
        }
        let rest = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        let valid = host.is_some_and(|h| !h.is_empty() && !h.starts_with(':'))
            && !link.chars().any(|c| c.is_whitespace() || c.is_control());
        if valid {
            Ok(Self(link.to_owned()))
        } else {
            Err(DomainError::BadLink {
                field: field.to_owned(),
            })
        }
    }

    /// An optional link: empty input means none.
    pub fn parse_optional(field: &str, raw: Option<&str>) -> Result<Option<Self>, DomainError> {
        match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(link) => Self::parse(field, link).map(Some),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Short free text such as a solution summary or adoption notes: trimmed, at most
/// `max` characters.
pub fn bounded(field: &str, raw: &str, max: usize) -> Result<String, DomainError> {
    let text = raw.trim();
    let length = text.chars().count();
    if length > max {
        return Err(too_long(field, max, length));
    }
    Ok(text.to_owned())
}

/// A card description (Markdown source), possibly empty, at most [`DESCRIPTION_MAX`]
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description(String);

impl Description {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        let length = trimmed.chars().count();
        if length > DESCRIPTION_MAX {
            return Err(too_long("description", DESCRIPTION_MAX, length));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A tag: lower case, words joined by single hyphens, at most [`TAG_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TagName(String);

impl TagName {
    /// Normalises "Senior Leaders " to "senior-leaders".
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let words: Vec<String> = raw
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let normalised = words.join("-");
        if normalised.is_empty() {
            return Err(DomainError::Empty {
                field: "tag".into(),
            });
        }
        let length = normalised.chars().count();
        if length > TAG_MAX {
            return Err(too_long("tag", TAG_MAX, length));
        }
        Ok(Self(normalised))
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
    fn title_is_trimmed_and_bounded() {
        assert_eq!(
            CardTitle::parse("  How do I present InnerSource KPIs?  ")
                .unwrap()
                .as_str(),
            "How do I present InnerSource KPIs?"
        );
        assert!(matches!(
            CardTitle::parse("   "),
            Err(DomainError::Empty { .. })
        ));
        assert!(CardTitle::parse(&"x".repeat(200)).is_ok());
        assert_eq!(
            CardTitle::parse(&"é".repeat(201)),
            Err(DomainError::TooLong {
                field: "title".into(),
                max: 200,
                actual: 201
            })
        );
    }

    #[test]
    fn company_names_compare_without_case() {
        let a = CompanyName::parse("  ACME   Bank ").unwrap();
        assert_eq!(a.as_str(), "ACME Bank");
        assert_eq!(a.key(), CompanyName::parse("acme bank").unwrap().key());
        assert!(CompanyName::parse(" ").is_err());
    }

    #[test]
    fn description_may_be_empty_but_not_huge() {
        assert_eq!(Description::parse("").unwrap().as_str(), "");
        assert!(Description::parse(&"a".repeat(20_000)).is_ok());
        assert!(matches!(
            Description::parse(&"a".repeat(20_001)),
            Err(DomainError::TooLong { .. })
        ));
    }

    #[test]
    fn links_must_be_http() {
        assert!(WebLink::parse("url", "https://innersourcecommons.org/learn/").is_ok());
        assert!(WebLink::parse("url", " http://example.com ").is_ok());
        for bad in [
            "ftp://x.org",
            "javascript:alert(1)",
            "https://",
            "https:// x",
            "example.com",
        ] {
            assert_eq!(
                WebLink::parse("url", bad),
                Err(DomainError::BadLink {
                    field: "url".into()
                }),
                "{bad}"
            );
        }
        assert_eq!(WebLink::parse_optional("url", Some("  ")), Ok(None));
        assert!(WebLink::parse("url", &format!("https://x.org/{}", "a".repeat(2000))).is_err());
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            TagName::parse(" Senior  Leaders ").unwrap().as_str(),
            "senior-leaders"
        );
        assert_eq!(
            TagName::parse("KPI_metrics").unwrap().as_str(),
            "kpi-metrics"
        );
        assert!(TagName::parse(" - ").is_err());
        assert!(TagName::parse(&"a".repeat(41)).is_err());
    }
}
