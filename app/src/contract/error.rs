//! The one error type server functions and the JSON API return: a message a user can
//! read, a stable machine-readable code, and the HTTP status that goes with it. The
//! database's own text stays in the server log.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

use crate::domain::{CardState, GateCheck};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A card, stage, solution or company that does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// Input that breaks a rule (too long, empty, not a link…).
    #[error("{0}")]
    Validation(String),
    /// A request that cannot be read at all (malformed JSON).
    #[error("{0}")]
    BadRequest(String),
    /// A body larger than the server accepts.
    #[error("{0}")]
    TooLarge(String),
    /// A move whose gates are not met; `unmet` lists what is missing, stage by stage.
    #[error("{message}")]
    GateNotMet {
        message: String,
        unmet: Vec<GateCheck>,
    },
    /// A move into a stage that is at its WIP limit.
    #[error("{0}")]
    WipLimitReached(String),
    #[error("please sign in to do this")]
    Unauthorized,
    /// A failed sign-in: the same words whether the email or the password was wrong.
    #[error("the email address or the password is not right")]
    LoginFailed,
    /// Too many failed sign-ins: wait before trying again.
    #[error("Too many failed sign-ins: wait {} and try again.", seconds(*.0))]
    TooManyAttempts(u64),
    #[error("{0}")]
    Forbidden(String),
    /// The change collides with another (a duplicate name, or a card changed since it was
    /// read; then `current` is its state now).
    #[error("{message}")]
    Conflict {
        message: String,
        current: Option<CardState>,
    },
    /// A workflow edit based on a version that is no longer in force (`current` is).
    #[error("{message}")]
    WorkflowChanged {
        message: String,
        current: crate::domain::Workflow,
    },
    #[error("something went wrong on the server; the problem has been logged")]
    Internal,
    /// The server is too busy for this request right now; trying again later may work.
    #[error("{0}")]
    Busy(String),
    /// The request did not reach the server function or its answer could not be read.
    #[error("the request failed: {0}")]
    ServerFn(ServerFnErrorErr),
}

/// "1 second", "2 seconds", "15 minutes"…
fn seconds(n: u64) -> String {
    match n {
        1 => "1 second".to_owned(),
        n if n >= 120 && n % 60 == 0 => format!("{} minutes", n / 60),
        n => format!("{n} seconds"),
    }
}

impl AppError {
    /// The stable code used in JSON error bodies.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::Validation(_) => "invalid",
            Self::BadRequest(_) => "bad_request",
            Self::TooLarge(_) => "too_large",
            Self::GateNotMet { .. } => "gate_not_met",
            Self::WipLimitReached(_) => "wip_limit_reached",
            Self::Unauthorized => "unauthorized",
            Self::LoginFailed => "login_failed",
            Self::TooManyAttempts(_) => "too_many_attempts",
            Self::Forbidden(_) => "forbidden",
            Self::Conflict { .. } | Self::WorkflowChanged { .. } => "conflict",
            Self::Internal => "internal",
            Self::Busy(_) => "busy",
            Self::ServerFn(_) => "request_failed",
        }
    }

    /// The HTTP status that goes with the error.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound(_) => 404,
            Self::Validation(_) | Self::GateNotMet { .. } | Self::WipLimitReached(_) => 422,
            Self::BadRequest(_) | Self::ServerFn(_) => 400,
            Self::TooLarge(_) => 413,
            Self::Unauthorized | Self::LoginFailed => 401,
            Self::TooManyAttempts(_) => 429,
            Self::Forbidden(_) => 403,
            Self::Conflict { .. } | Self::WorkflowChanged { .. } => 409,
            Self::Internal => 500,
            Self::Busy(_) => 503,
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
            current: None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::ServerFn(value)
    }
}

impl From<crate::domain::DomainError> for AppError {
    fn from(err: crate::domain::DomainError) -> Self {
        match err {
            crate::domain::DomainError::NotFound(what) => Self::NotFound(what),
            other => Self::Validation(other.to_string()),
        }
    }
}

impl From<crate::domain::MoveRefusal> for AppError {
    fn from(refusal: crate::domain::MoveRefusal) -> Self {
        use crate::domain::MoveRefusal;
        let message = refusal.to_string();
        match refusal {
            MoveRefusal::UnknownStage(key) => Self::NotFound(format!("stage \"{key}\"")),
            MoveRefusal::GatesNotMet(unmet) => Self::GateNotMet {
                message: format!("Cannot move there yet. {message}"),
                unmet,
            },
            MoveRefusal::WipLimitReached { .. } => Self::WipLimitReached(message),
            MoveRefusal::SameStage(_)
            | MoveRefusal::NoteRequired
            | MoveRefusal::ReasonRequired
            | MoveRefusal::NotForward => Self::Validation(message),
        }
    }
}
