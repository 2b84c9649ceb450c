//! Configuration from defaults and environment variables. Secrets never appear in `Debug`.

use std::fmt;
use std::net::SocketAddr;

/// The database used when `DATABASE_URL` is not set: a SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/ispo-board.db?mode=rwc";
/// Where the server listens when `ISPO_ADDR` is not set.
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";

#[derive(Clone)]
pub struct Config {
    /// `sqlite:` or `postgres://` URL.
    pub database_url: String,
    pub addr: SocketAddr,
    /// Folder with the compiled front end (`pkg/`), `LEPTOS_SITE_ROOT`.
    pub site_root: String,
    /// Base name of the front-end files, `LEPTOS_OUTPUT_NAME`.
    pub output_name: String,
    /// Session cookie settings; `ISPO_SECURE_COOKIES=true` behind https.
    pub sessions: app::auth::session::SessionSettings,
    /// `ISPO_PUBLIC_URL`: where people reach the site, e.g. `https://board.example.org`.
    pub public_url: Option<String>,
    /// `ISPO_TRUSTED_PROXIES`: reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: app::auth::client::TrustedProxies,
    /// How long one live-update stream lives before the browser reconnects
    /// (`ISPO_LIVE_STREAM_SECONDS`, default 600).
    pub stream_lifetime: std::time::Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("ISPO_ADDR \"{value}\" is not an address like 127.0.0.1:3000 ({reason})")]
    Addr { value: String, reason: String },
    #[error("ISPO_PUBLIC_URL \"{0}\" is not a URL like https://board.example.org")]
    PublicUrl(String),
    #[error("ISPO_TRUSTED_PROXIES: {0}")]
    TrustedProxies(String),
    #[error("ISPO_LIVE_STREAM_SECONDS \"{0}\" is not a whole number of seconds from 1 to 86400")]
    StreamLifetime(String),
}

impl Config {
    /// Reads the configuration from the environment, falling back to the defaults.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let addr_text = non_empty("ISPO_ADDR").unwrap_or_else(|| DEFAULT_ADDR.to_owned());
        let addr = addr_text
            .parse()
            .map_err(|e: std::net::AddrParseError| ConfigError::Addr {
                value: addr_text.clone(),
                reason: e.to_string(),
            })?;
        let public_url = match non_empty("ISPO_PUBLIC_URL") {
            None => None,
            Some(url) => {
                let url = url.trim().trim_end_matches('/').to_owned();
                let rest = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"))
                    .unwrap_or("");
                if rest.is_empty() || rest.contains(char::is_whitespace) {
                    return Err(ConfigError::PublicUrl(url));
                }
                Some(url)
            }
        };
        let trusted_proxies = app::auth::client::TrustedProxies::parse(
            &non_empty("ISPO_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(ConfigError::TrustedProxies)?;
        // Behind https (said by the public URL, or by ISPO_SECURE_COOKIES) the session
        // cookie is `Secure` with the `__Host-` prefix, and browsers are told to stay on
        // https (HSTS).
        let https = public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
            || non_empty("ISPO_SECURE_COOKIES")
                .is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes"));
        let stream_lifetime = match non_empty("ISPO_LIVE_STREAM_SECONDS") {
            None => std::time::Duration::from_secs(600),
            Some(text) => text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| (1..=86_400).contains(s))
                .map(std::time::Duration::from_secs)
                .ok_or(ConfigError::StreamLifetime(text))?,
        };
        Ok(Self {
            stream_lifetime,
            trusted_proxies,
            public_url,
            database_url: non_empty("DATABASE_URL")
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            addr,
            site_root: non_empty("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            output_name: non_empty("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "ispo-board".to_owned()),
            sessions: app::auth::session::SessionSettings {
                secure_cookies: https,
                ..Default::default()
            },
        })
    }
}

/// The URL with any password replaced, safe to print.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("addr", &self.addr)
            .field("site_root", &self.site_root)
            .field("output_name", &self.output_name)
            .field("secure_cookies", &self.sessions.secure_cookies)
            .field("public_url", &self.public_url)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("stream_lifetime", &self.stream_lifetime)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::HashMap;

    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_apply() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
    }

    #[test]
    fn bad_address_is_explained() {
        let err = config(&[("ISPO_ADDR", "localhost")]).unwrap_err();
        assert!(err.to_string().contains("ISPO_ADDR \"localhost\""));
    }

    #[test]
    fn https_public_urls_make_cookies_secure() {
        assert!(!config(&[]).unwrap().sessions.secure_cookies);
        let https = config(&[("ISPO_PUBLIC_URL", "https://board.example.org")]).unwrap();
        assert!(https.sessions.secure_cookies);
        let http = config(&[("ISPO_PUBLIC_URL", "http://board.example.org")]).unwrap();
        assert!(!http.sessions.secure_cookies);
        let forced = config(&[("ISPO_SECURE_COOKIES", "true")]).unwrap();
        assert!(forced.sessions.secure_cookies);
    }

    #[test]
    fn trusted_proxies_are_read() {
        let c = config(&[("ISPO_TRUSTED_PROXIES", "10.0.0.0/8, ::1")]).unwrap();
        assert!(c.trusted_proxies.contains("10.1.2.3".parse().unwrap()));
        let err = config(&[("ISPO_TRUSTED_PROXIES", "nonsense")]).unwrap_err();
        assert!(err.to_string().contains("nonsense"), "{err}");
    }

    #[test]
    fn passwords_never_show() {
        let c = config(&[("DATABASE_URL", "postgres://ispo:s3cret@db:5432/ispo")]).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://ispo:***@db:5432/ispo"));
    }
}
