//! Session cookies: a random secret in an HttpOnly, SameSite=Lax cookie (over https
//! `Secure`, named with the `__Host-` prefix so no other site or path can set it); the
//! database keeps only its hash, with an idle and an absolute expiry.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use super::secret;
use crate::contract::AppError;
use crate::domain::Account;
use crate::store::{self, accounts};

/// The session cookie's name over http.
pub const COOKIE: &str = "ispo_session";
/// The session cookie's name over https: browsers accept it only `Secure`, for the whole
/// site and from the site itself.
pub const SECURE_COOKIE: &str = "__Host-ispo_session";

/// How sessions behave; part of the application state.
#[derive(Debug, Clone)]
pub struct SessionSettings {
    /// Mark cookies `Secure` (the site is served over https).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub absolute: Duration,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            idle: Duration::hours(12),
            absolute: Duration::days(14),
        }
    }
}

impl SessionSettings {
    /// The cookie's name with these settings.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            SECURE_COOKIE
        } else {
            COOKIE
        }
    }
}

/// The `Set-Cookie` value that stores a new session secret.
pub fn set_cookie(settings: &SessionSettings, secret: &str) -> String {
    format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        settings.cookie_name(),
        settings.absolute.num_seconds(),
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(settings: &SessionSettings) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        settings.cookie_name(),
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// The session secret in a `Cookie` header, if any (under the cookie name `settings` use).
pub fn secret_from_cookie_header<'h>(
    settings: &SessionSettings,
    header: &'h str,
) -> Option<&'h str> {
    let wanted = settings.cookie_name();
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.trim())
        .filter(|v| !v.is_empty())
}

/// Starts a session for `account`; returns the secret for the cookie. A new secret every
/// time: the session id changes at each sign-in.
pub async fn start(
    db: &impl ConnectionTrait,
    settings: &SessionSettings,
    account: &Account,
) -> Result<String, AppError> {
    let secret = secret::random_secret().map_err(|_| AppError::Internal)?;
    let expires = Utc::now() + settings.absolute;
    accounts::create_session(db, &secret::digest(&secret), account.id, expires)
        .await
        .map_err(AppError::from)?;
    Ok(secret)
}

/// The account behind a session secret, if the session is live.
pub async fn resolve(
    db: &impl ConnectionTrait,
    settings: &SessionSettings,
    secret: &str,
) -> Result<Option<Account>, store::StoreError> {
    accounts::session_account(db, &secret::digest(secret), settings.idle).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_and_lax() {
        let settings = SessionSettings::default();
        let cookie = set_cookie(&settings, "abc");
        assert!(cookie.starts_with("ispo_session=abc; "));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"));
        let secure = SessionSettings {
            secure_cookies: true,
            ..settings
        };
        assert!(set_cookie(&secure, "abc").ends_with("; Secure"));
        assert!(set_cookie(&secure, "abc").starts_with("__Host-ispo_session=abc; Path=/;"));
        assert!(clear_cookie(&secure).starts_with("__Host-ispo_session=;"));
        assert!(clear_cookie(&secure).contains("Max-Age=0"));
    }

    #[test]
    fn finds_the_session_in_a_cookie_header() {
        assert_eq!(
            secret_from_cookie_header(&SessionSettings::default(), "a=1; ispo_session=s3cr3t; b=2"),
            Some("s3cr3t")
        );
        let plain = SessionSettings::default();
        assert_eq!(secret_from_cookie_header(&plain, "ispo_session="), None);
        assert_eq!(secret_from_cookie_header(&plain, "other=1"), None);
        // Over https only the `__Host-` cookie counts: a plain one could have been set by
        // a sibling site or over http.
        let secure = SessionSettings {
            secure_cookies: true,
            ..Default::default()
        };
        assert_eq!(
            secret_from_cookie_header(&secure, "ispo_session=forged"),
            None
        );
        assert_eq!(
            secret_from_cookie_header(&secure, "__Host-ispo_session=real"),
            Some("real")
        );
    }
}
