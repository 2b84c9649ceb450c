//! Which pages have islands, and so load the front end. Every page is rendered on the
//! server; only a page with something that must react in the browser — the board (drag
//! and drop, keyboard moves, live redraw, filter as you type, similar-challenge hints),
//! the agenda timer, the presenter's keys, the forms that show what they made (a new
//! token, an invitation link) and the workflow editor's drag to reorder — loads the
//! WebAssembly. All others are documents: the catalogue, solution pages, minutes, the
//! workflow's versions, the ready report, the meeting list, sign-in and invitations are
//! served with no script and no preload, so a visitor who opens one downloads only the
//! HTML and the style sheet; their forms are plain forms and their links plain links.
//! A card's page and a meeting's page are documents too, but followed: they load the small
//! script of [`super::follow`], which keeps them current from the change feed.
//!
//! The rule lives here, pure, so the shell and its tests read the same list.

/// Whether the page at `path` (the URL path, without query) has islands.
pub fn has_islands(path: &str) -> bool {
    match segments(path).as_slice() {
        [""] | ["account"] => true,
        ["admin", "users" | "companies" | "workflow"] => true,
        ["meetings", id, "agenda" | "demos", n] => !id.is_empty() && !n.is_empty(),
        _ => false,
    }
}

/// Whether the page at `path` is a followed document (a card's or a meeting's page).
pub fn is_followed(path: &str) -> bool {
    matches!(segments(path).as_slice(), ["cards" | "meetings", id] if !id.is_empty())
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
    use super::{has_islands, is_document, is_followed};

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
        }
    }

    #[test]
    fn cards_and_meetings_are_followed_documents() {
        for path in [
            "/cards/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c",
            "/cards/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c",
        ] {
            assert!(is_document(path), "{path}");
            assert!(is_followed(path), "{path}");
        }
        assert!(!is_followed("/"));
        assert!(!is_followed(
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/agenda/1"
        ));
    }

    #[test]
    fn interactive_pages_have_islands() {
        for path in [
            "/",
            "",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/agenda/1",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/demos/1",
            "/account",
            "/admin/users",
            "/admin/companies",
            "/admin/workflow",
        ] {
            assert!(has_islands(path), "{path}");
        }
    }
}
