//! The script of followed documents (`follow.js`): a card's page, a meeting's page, an
//! agenda card and a demo are documents rendered on the server, with no WebAssembly; this
//! small script keeps them current from the change feed and fills a refused form in again,
//! and runs the walk's timer and drafts, the presenter's keys and the workflow editor's
//! drag to reorder (see its own comments).
//! The server serves it at [`script_path`], whose `v` changes with its text, so browsers
//! may keep it for good.

/// The script's text.
pub const SCRIPT: &str = include_str!("follow.js");

/// A hash of the script's text (FNV-1a), for its address.
pub const VERSION: u64 = fnv1a(SCRIPT.as_bytes());

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// Where pages load the script from.
pub fn script_path() -> String {
    format!("/follow.js?v={VERSION:016x}")
}

/// Whether `query` (of a request for the script) names the current version.
pub fn is_current(query: Option<&str>) -> bool {
    query.is_some_and(|q| q.split('&').any(|p| p == format!("v={VERSION:016x}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_names_the_text() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let path = script_path();
        let query = path.split_once('?').map(|(_, q)| q);
        assert!(is_current(query));
        assert!(!is_current(Some("v=0")));
        assert!(!is_current(None));
    }
}
