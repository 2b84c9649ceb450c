//! The board page, rendered once per change and viewer. Rendering the board's HTML costs
//! far more than serving it, and the page changes only when the board does (every write
//! publishes an event) or with who is looking (a visitor, or a member with a role and a
//! name, sees different controls). So a rendered page is kept under the newest event's
//! number, the viewer and the address (filters are in the query), and served again until
//! the next change; every change empties the cache. At most 64 pages and 32 MiB are kept.
//!
//! Each answer still gets a nonce of its own: the kept page's nonce is replaced, in the
//! body and in the `Content-Security-Policy` header, by a fresh one. Only whole, plain
//! 200 answers that set no cookie are kept; the other headers (security headers, cookies)
//! are added around this layer on every answer as before.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};

use app::auth::Actor;
use app::state::AppState;

/// How many renderings are kept for one board state (viewers × filters).
const CAPACITY: usize = 64;
/// The most bytes kept in all: past it, the kept pages are dropped and kept afresh.
const CAPACITY_BYTES: usize = 32 * 1024 * 1024;
/// The largest page read whole to be kept (a board of tens of thousands of cards).
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// A rendered page and the nonce it was rendered with.
struct Kept {
    body: Bytes,
    headers: HeaderMap,
    nonce: String,
}

/// Pages of one board state.
#[derive(Default)]
struct Held {
    event: i64,
    pages: HashMap<String, Arc<Kept>>,
    bytes: usize,
}

/// The kept board pages, shared by every request.
#[derive(Default, Clone)]
pub struct PageCache {
    held: Arc<Mutex<Held>>,
}

impl PageCache {
    fn get(&self, event: i64, key: &str) -> Option<Arc<Kept>> {
        let held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        (held.event == event)
            .then(|| held.pages.get(key).cloned())
            .flatten()
    }

    fn keep(&self, event: i64, key: String, kept: Kept) {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if held.event != event {
            if held.event > event {
                return;
            }
            *held = Held {
                event,
                ..Held::default()
            };
        }
        if held.pages.len() >= CAPACITY || held.bytes + kept.body.len() > CAPACITY_BYTES {
            held.pages.clear();
            held.bytes = 0;
        }
        held.bytes += kept.body.len();
        if let Some(old) = held.pages.insert(key, Arc::new(kept)) {
            held.bytes = held.bytes.saturating_sub(old.body.len());
        }
    }
}

/// Who is looking, as far as the page can tell: anyone signed out looks the same.
fn viewer_key(actor: Option<&Actor>) -> String {
    match actor.and_then(|a| a.account.as_ref()) {
        Some(account) => format!("{}:{}:{}", account.id, account.role.key(), account.name),
        None => "visitor".to_owned(),
    }
}

/// The nonce of a `Content-Security-Policy` value (`'nonce-…'`).
fn nonce_of(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(&policy[start..start + len]).filter(|n| n.len() >= 16)
}

/// Replaces every `old` in `bytes` by `new`.
fn replace_all(bytes: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.windows(old.len()).position(|w| w == old) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(new);
        rest = &rest[at + old.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// The kept page, with a fresh nonce.
fn serve(kept: &Kept) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    let body = replace_all(&kept.body, kept.nonce.as_bytes(), nonce.as_bytes());
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = kept.headers.clone();
    // The fresh nonce need not be as long as the kept one.
    response.headers_mut().remove(header::CONTENT_LENGTH);
    let policy = kept
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(|p| p.replace(&kept.nonce, &nonce))
        .and_then(|p| HeaderValue::from_str(&p).ok());
    if let Some(policy) = policy {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// Serves `GET /` from the cache when the board has not changed since it was rendered
/// for this viewer, and keeps fresh renderings.
pub async fn board_page(
    State((state, cache)): State<(AppState, PageCache)>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() != Method::GET || req.uri().path() != "/" {
        return next.run(req).await;
    }
    // Without the newest event's number there is nothing to key on: render as usual.
    let Ok(event) = app::service::board_cache::newest_event(&state.db).await else {
        return next.run(req).await;
    };
    let key = format!(
        "{}|{}",
        viewer_key(req.extensions().get::<Actor>()),
        req.uri()
    );
    if let Some(kept) = cache.get(event, &key) {
        return serve(&kept);
    }
    let response = next.run(req).await;
    let keepable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CONTENT_ENCODING);
    let nonce = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of)
        .map(str::to_owned);
    let (true, Some(nonce)) = (keepable, nonce) else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BYTES).await {
        Ok(body) => body,
        Err(err) => {
            tracing::warn!(error = %err, "the board page could not be read whole");
            let mut failed = Response::new(Body::from("The board could not be shown."));
            *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return failed;
        }
    };
    cache.keep(
        event,
        key,
        Kept {
            body: body.clone(),
            headers: parts.headers.clone(),
            nonce,
        },
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_found_and_replaced() {
        let policy =
            "default-src 'self'; script-src 'self' 'nonce-AbCdEfGh12345678' 'wasm-unsafe-eval'";
        assert_eq!(nonce_of(policy), Some("AbCdEfGh12345678"));
        assert_eq!(nonce_of("default-src 'self'"), None);
        assert_eq!(nonce_of("script-src 'nonce-short'"), None);
        let body = b"<script nonce=\"N0\">a</script><script nonce=\"N0\">b</script>";
        assert_eq!(
            replace_all(body, b"N0", b"fresh"),
            b"<script nonce=\"fresh\">a</script><script nonce=\"fresh\">b</script>"
        );
    }

    #[test]
    fn a_newer_board_replaces_older_pages_and_never_the_reverse() {
        let cache = PageCache::default();
        let kept = |text: &'static str| Kept {
            body: Bytes::from_static(text.as_bytes()),
            headers: HeaderMap::new(),
            nonce: "n".repeat(16),
        };
        cache.keep(5, "visitor|/".into(), kept("five"));
        assert!(cache.get(5, "visitor|/").is_some());
        assert!(cache.get(6, "visitor|/").is_none(), "a newer change misses");
        cache.keep(6, "visitor|/".into(), kept("six"));
        cache.keep(5, "member|/".into(), kept("late five"));
        assert!(
            cache.get(5, "member|/").is_none(),
            "an older rendering is not kept"
        );
        assert_eq!(
            &cache.get(6, "visitor|/").map(|k| k.body.clone()).unwrap()[..],
            b"six"
        );
    }
}
