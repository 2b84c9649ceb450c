//! Errors raised by the domain rules: each says which rule was broken and what is missing.

use serde::{Deserialize, Serialize};

/// A rule of the domain that an input or a requested change breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum DomainError {
    /// Something named by id that does not exist (or text that is no id at all).
    #[error("{0} not found")]
    NotFound(String),
    /// A required text field was empty.
    #[error("{field} must not be empty")]
    Empty { field: String },
    /// A text field was longer than its limit.
    #[error("{field} must be at most {max} characters (got {actual})")]
    TooLong {
        field: String,
        max: u32,
        actual: u32,
    },
    /// A text field was shorter than its minimum.
    #[error("{field} must be at least {min} characters")]
    TooShort { field: String, min: u32 },
    /// Not an email address.
    #[error("that is not an email address")]
    BadEmail,
    /// A value was not one of the accepted words.
    #[error("{field} must be one of: {allowed}")]
    NotOneOf { field: String, allowed: String },
    /// A link that is not an absolute http(s) URL.
    #[error("{field} must be a link starting with http:// or https://")]
    BadLink { field: String },
    /// A date that is not written as YYYY-MM-DD.
    #[error("{field} must be a date written as YYYY-MM-DD")]
    BadDate { field: String },
    /// A number that is not a whole number within its range.
    #[error("{field} must be a whole number from {min} to {max}")]
    OutOfRange { field: String, min: u32, max: u32 },
    /// A stage key that the workflow does not have.
    #[error("the workflow has no stage \"{0}\"")]
    UnknownStage(String),
    /// A workflow that cannot work: no stages, or two stages with one key.
    #[error("invalid workflow: {0}")]
    InvalidWorkflow(String),
}
