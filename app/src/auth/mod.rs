//! Who is calling and what they may do: the client address, password hashing, secrets,
//! sessions, login throttling, and the [`Actor`] every change is checked against. Server only.

pub mod client;
pub mod password;
pub mod secret;
pub mod session;
pub mod throttle;

use serde::{Deserialize, Serialize};

use crate::contract::AppError;
use crate::domain::{Account, Permission};

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Via {
    Anonymous,
    /// A session cookie; the SHA-256 of its secret.
    Session(String),
    Bearer,
    /// The command line, run by whoever runs the server.
    CommandLine,
}

/// The caller of a request, resolved once per request by the server's middleware.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account: Option<Account>,
    pub via: Via,
}

impl Actor {
    pub fn anonymous() -> Self {
        Self {
            account: None,
            via: Via::Anonymous,
        }
    }

    /// The account, if it may do `permission`: 401 for anonymous callers, 403 for a role
    /// that lacks it.
    pub fn require(&self, permission: Permission) -> Result<&Account, AppError> {
        let Some(account) = self.account.as_ref() else {
            tracing::info!(
                event = "refused",
                reason = "not signed in",
                ?permission,
                "security"
            );
            return Err(AppError::Unauthorized);
        };
        if account.role.allows(permission) {
            Ok(account)
        } else {
            tracing::warn!(
                event = "refused",
                account = %account.id,
                role = account.role.key(),
                ?permission,
                "security"
            );
            Err(AppError::Forbidden(match permission {
                Permission::EditBoard => "your account may not change the board".into(),
                Permission::RunMeetings => "only facilitators and admins may do this".into(),
                Permission::Administer => "only admins may do this".into(),
            }))
        }
    }

    /// The name written into the activity log.
    pub fn display_name(&self) -> Option<&str> {
        self.account.as_ref().map(|a| a.name.as_str())
    }
}

/// The caller of the current server function, as the middleware resolved it.
pub fn current_actor() -> Actor {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Actor>().cloned())
        .unwrap_or_else(Actor::anonymous)
}
