//! Which pages have islands, and so load the front end. Every page is rendered on the
//! server; only the board — drag and drop, keyboard moves, live redraw, filter as you
//! type, similar-challenge hints — loads the WebAssembly. All others are documents: the
//! catalogue, solution pages, minutes, the workflow's versions, the ready report, the
//! meeting list, sign-in and invitations are served with no script and no preload, so a
//! visitor who opens one downloads only the HTML and the style sheet; their forms are
//! plain forms and their links plain links (what a form made comes back as a flash,
//! `api/flash.rs`).
//! A card's page, a meeting's page, an agenda card of the walk and a demo of the presenter
//! are documents too, but followed: they load the small script of [`super::follow`],
//! which keeps them current from the change feed (and runs the walk's timer and drafts and
//! the presenter's keys). The workflow editor loads the same script for its drag to
//! reorder, and one's account and the users and companies pages for filling a refused
//! form in again.
//!
//! The rule lives here, pure, so the shell and its tests read the same list.

/// Whether the page at `path` (the URL path, without query) has islands.
pub fn has_islands(path: &str) -> bool {
    segments(path).as_slice() == [""]
}

/// Whether the page at `path` is a followed document (a card's or a meeting's page, an
/// agenda card, a demo).
pub fn is_followed(path: &str) -> bool {
    match segments(path).as_slice() {
        ["cards" | "meetings", id] => !id.is_empty(),
        ["meetings", id, "agenda" | "demos", n] => !id.is_empty() && !n.is_empty(),
        _ => false,
    }
}

/// Whether the page at `path` loads the script of [`super::follow`]: the followed
/// documents, the workflow editor (drag to reorder), and one's account and the users and
/// companies pages (a refused form comes back filled in as it was sent).
pub fn has_script(path: &str) -> bool {
    is_followed(path)
        || matches!(
            segments(path).as_slice(),
            ["account"] | ["admin", "workflow" | "users" | "companies"]
        )
}

/// The segments of `path`, without its leading and trailing slashes.
fn segments(path: &str) -> Vec<&str> {
    path.trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .collect()
}

/// Whether the page at `path` is a document (see the module's text).
pub fn is_document(path: &str) -> bool {
    !has_islands(path)
}

/// The value of the document element's `data-app` attribute on a document page that is
/// not followed: the style sheet's "the interactive part did not start" notice waits for
/// `started` everywhere else.
pub const DOCUMENT_MARK: &str = "document";

#[cfg(test)]
mod tests {
    use super::{has_islands, has_script, is_document, is_followed};

    #[test]
    fn reading_pages_are_documents() {
        for path in [
            "/catalog",
            "/catalog/",
            "/solutions/introduction-to-innersource-video",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/minutes",
            "/workflow",
            "/reports/ready",
            "/meetings",
            "/login",
            "/invitations/abc",
            "/meetings//minutes",
            "/solutions/",
            "/catalog/extra",
            "/no-such-page",
            "/cards/",
            "/meetings/x/agenda/",
        ] {
            assert!(is_document(path), "{path}");
            assert!(!is_followed(path), "{path}");
            assert!(!has_script(path), "{path}");
        }
    }

    #[test]
    fn cards_and_meetings_are_followed_documents() {
        for path in [
            "/cards/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c",
            "/cards/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/agenda/1",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/demos/2",
        ] {
            assert!(is_document(path), "{path}");
            assert!(is_followed(path), "{path}");
            assert!(has_script(path), "{path}");
        }
        assert!(!is_followed("/"));
        assert!(!has_script("/"));
        for path in [
            "/admin/workflow",
            "/account",
            "/admin/users",
            "/admin/companies",
        ] {
            assert!(!is_followed(path), "{path}");
            assert!(has_script(path), "{path}");
            assert!(is_document(path), "{path}");
        }
    }

    #[test]
    fn only_the_board_has_islands() {
        for path in ["/", ""] {
            assert!(has_islands(path), "{path}");
        }
    }
}
