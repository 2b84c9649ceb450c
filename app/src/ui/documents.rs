//! Which pages are documents: read-only pages with nothing that must react in the browser
//! (the catalogue and its search, a solution's public page, a meeting's minutes, the
//! workflow's versions and the ready report). They are
//! served without the WebAssembly front end — no script, no preload — so a visitor who
//! opens one from a search engine or a shared link downloads only the HTML and the style
//! sheet. Their search form is a plain GET form; links work as links.
//!
//! The rule lives here, pure, so the shell and its tests read the same list.

/// Whether the page at `path` (the URL path, without query) is a document page.
pub fn is_document(path: &str) -> bool {
    let segments: Vec<&str> = path
        .trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .collect();
    match segments.as_slice() {
        ["catalog"] | ["workflow"] => true,
        ["reports", "ready"] => true,
        ["solutions", slug] => !slug.is_empty(),
        ["meetings", id, "minutes"] => !id.is_empty(),
        _ => false,
    }
}

/// The value of the document element's `data-app` attribute on a document page: the style
/// sheet's "the interactive part did not start" notice waits for `started` everywhere else.
pub const DOCUMENT_MARK: &str = "document";

#[cfg(test)]
mod tests {
    use super::is_document;

    #[test]
    fn the_catalogue_solutions_and_minutes_are_documents() {
        for path in [
            "/catalog",
            "/catalog/",
            "/solutions/introduction-to-innersource-video",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/minutes",
            "/workflow",
            "/reports/ready",
        ] {
            assert!(is_document(path), "{path}");
        }
    }

    #[test]
    fn interactive_pages_are_not_documents() {
        for path in [
            "/",
            "",
            "/cards/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c",
            "/meetings",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/agenda/1",
            "/meetings/5f0e7c1e-1b7a-4a53-9a3c-0d1f2e3a4b5c/demos/1",
            "/meetings//minutes",
            "/solutions/",
            "/login",
            "/account",
            "/admin/users",
            "/catalog/extra",
            "/no-such-page",
        ] {
            assert!(!is_document(path), "{path}");
        }
    }
}
