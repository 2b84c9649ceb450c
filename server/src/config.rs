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
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("ISPO_ADDR \"{value}\" is not an address like 127.0.0.1:3000 ({reason})")]
    Addr { value: String, reason: String },
    #[error("ISPO_PUBLIC_URL \"{0}\" is not a URL like https://board.example.org")]
    PublicUrl(String),
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
        Ok(Self {
            public_url,
            database_url: non_empty("DATABASE_URL")
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            addr,
            site_root: non_empty("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            output_name: non_empty("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "ispo-board".to_owned()),
            sessions: app::auth::session::SessionSettings {
                secure_cookies: non_empty("ISPO_SECURE_COOKIES")
                    .is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes")),
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
    fn passwords_never_show() {
        let c = config(&[("DATABASE_URL", "postgres://ispo:s3cret@db:5432/ispo")]).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://ispo:***@db:5432/ispo"));
    }
}
