//! How failures of the store reach callers: every [`StoreError`] becomes the [`AppError`]
//! a user can read; the database's own text stays in the server log.

use crate::contract::AppError;
use crate::store::StoreError;

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound(what) => Self::NotFound(what),
            StoreError::Conflict(message) => Self::conflict(message),
            StoreError::Stale(current) => Self::Conflict {
                message: format!(
                    "Someone else changed this card first; nothing was overwritten. It is now \
                     at version {}: look at it as it is now, then try again.",
                    current.version
                ),
                current: Some(current),
            },
            StoreError::Domain(rule) => rule.into(),
            StoreError::Move(refusal) => refusal.into(),
            // A path or URL the operator gave that cannot be used: say which and why.
            StoreError::Config(message) => Self::Validation(message),
            slow @ (StoreError::TimedOut(_) | StoreError::Unavailable(_)) => {
                tracing::error!(error = %slow, "database too slow or unreachable");
                Self::Busy("the database is not answering in time; try again in a moment".into())
            }
            other => {
                tracing::error!(error = %other, "store failure");
                Self::Internal
            }
        }
    }
}
