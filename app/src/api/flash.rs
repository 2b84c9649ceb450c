//! What a plain form made, said on the page it comes back to. A form post without
//! WebAssembly is answered with a redirect back to its page, which cannot otherwise know
//! what the form made: the server function leaves a [`Flash`] in a short-lived cookie
//! (`ispo_flash`: HttpOnly, SameSite=Strict, two minutes, `Secure` over https) and the next
//! page rendered for that browser shows it once and clears it. A new API token's secret
//! and a new invitation's link travel this way, to the browser that asked for them only.

use serde::{Deserialize, Serialize};

/// What the page says after a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flash {
    /// A sentence saying what was done ("Umbrella Works was added.").
    Done(String),
    /// A new API token's secret, shown once.
    NewToken(String),
    /// A new invitation's path (`/invitations/…`).
    Invitation(String),
}

/// The cookie's name.
pub const COOKIE: &str = "ispo_flash";
/// How long a flash waits for its page, in seconds.
const MAX_AGE: u32 = 120;

/// The cookie value holding `flash`: its JSON, hex-encoded (nothing a cookie may not hold).
pub fn encode(flash: &Flash) -> String {
    serde_json::to_string(flash)
        .unwrap_or_default()
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads what [`encode`] wrote; `None` for anything else.
pub fn decode(value: &str) -> Option<Flash> {
    if !value.len().is_multiple_of(2) || !value.is_ascii() {
        return None;
    }
    let bytes = (0..value.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&value[i..i + 2], 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    serde_json::from_slice(&bytes).ok()
}

/// The flash in a `Cookie` header, if any.
pub fn from_cookie_header(header: &str) -> Option<Flash> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| decode(value))
}

/// The `Set-Cookie` value that leaves `flash` (`None`: that clears it).
pub fn set_cookie(flash: Option<&Flash>, secure: bool) -> String {
    let (value, max_age) = match flash {
        Some(flash) => (encode(flash), MAX_AGE),
        None => (String::new(), 0),
    };
    format!(
        "{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Leaves `flash` for the page the browser goes to next (in a server function).
#[cfg(feature = "ssr")]
pub fn leave(flash: &Flash) {
    let secure = crate::state::app_state().is_ok_and(|s| s.sessions.secure_cookies);
    append_cookie(&set_cookie(Some(flash), secure));
}

/// The flash the browser brought with this request, cleared as it is read (in a page).
#[cfg(feature = "ssr")]
pub fn take() -> Option<Flash> {
    use leptos::prelude::use_context;
    let parts = use_context::<axum::http::request::Parts>()?;
    let flash = parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .find_map(from_cookie_header)?;
    let secure = crate::state::app_state().is_ok_and(|s| s.sessions.secure_cookies);
    append_cookie(&set_cookie(None, secure));
    Some(flash)
}

#[cfg(feature = "ssr")]
fn append_cookie(value: &str) {
    use axum::http::{HeaderValue, header};
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_flash_survives_its_cookie() {
        for flash in [
            Flash::Done("\u{201c}Umbrella; Works\u{201d} was added.".into()),
            Flash::NewToken("isb_0123abc".into()),
            Flash::Invitation("/invitations/ab12".into()),
        ] {
            let cookie = set_cookie(Some(&flash), false);
            assert!(cookie.contains("HttpOnly; SameSite=Strict; Max-Age=120"));
            let value = cookie
                .split(';')
                .next()
                .unwrap()
                .strip_prefix("ispo_flash=")
                .unwrap();
            assert!(value.chars().all(|c| c.is_ascii_hexdigit()));
            let header = format!("ispo_session=abc; ispo_flash={value}; other=1");
            assert_eq!(from_cookie_header(&header), Some(flash));
        }
    }

    #[test]
    fn a_cleared_or_forged_flash_says_nothing() {
        assert!(set_cookie(None, true).ends_with("Max-Age=0; Secure"));
        assert_eq!(from_cookie_header("ispo_flash="), None);
        assert_eq!(from_cookie_header("ispo_flash=zz"), None);
        assert_eq!(from_cookie_header("ispo_flash=7b"), None);
        assert_eq!(from_cookie_header("ispo_session=abc"), None);
    }
}
