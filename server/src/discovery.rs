//! What lets people and machines find the catalogue: the Atom feed of newly validated
//! solutions (`/feed.atom`), the sitemap (`/sitemap.xml`) and `robots.txt`. Absolute
//! links use `ISPO_PUBLIC_URL`, or the request's host when it is not set.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{SecondsFormat, Utc};

use app::domain::CatalogHit;
// Escapes text for XML content and attribute values (one escaper for HTML and XML).
use app::state::AppState;
use app::ui::escape::escape_markup as xml_escape;

/// How many solutions the feed carries.
const FEED_ENTRIES: u64 = 50;

fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    state.base_url(host)
}

fn xml(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

fn unavailable(error: app::contract::AppError) -> Response {
    tracing::warn!(%error, "discovery document unavailable");
    (StatusCode::SERVICE_UNAVAILABLE, "try again in a moment\n").into_response()
}

fn feed_entry(base: &str, hit: &CatalogHit) -> String {
    let url = format!("{base}/solutions/{}", hit.slug);
    let adopters = if hit.adopters.is_empty() {
        String::new()
    } else {
        format!(" Adopted by {}.", hit.adopters.join(", "))
    };
    let summary = format!(
        "{} (Answers: {}.){adopters}",
        hit.summary.trim(),
        hit.challenge.trim().trim_end_matches(['.', '?'])
    );
    let categories: String = hit
        .tags
        .iter()
        .map(|t| format!("<category term=\"{}\"/>", xml_escape(t)))
        .collect();
    format!(
        "<entry><title>{title}</title><id>{url}</id><link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\
         <updated>{updated}</updated><summary>{summary}</summary>{categories}</entry>",
        title = xml_escape(&hit.title),
        url = xml_escape(&url),
        updated = hit.stage_since.to_rfc3339_opts(SecondsFormat::Secs, true),
        summary = xml_escape(&summary),
    )
}

/// `GET /feed.atom`: the most recently validated solutions, newest first.
pub async fn feed(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (hits, stage_name) =
        match app::service::catalog::newly_validated(&state.db, FEED_ENTRIES).await {
            Ok(found) => found,
            Err(error) => return unavailable(error),
        };
    let base = base_url(&state, &headers);
    let updated = hits
        .first()
        .map_or_else(Utc::now, |h| h.stage_since)
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    let entries: String = hits.iter().map(|h| feed_entry(&base, h)).collect();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>ispo-board: newly {stage} solutions</title>\
         <subtitle>InnerSource solutions proven by the companies that adopted them</subtitle>\
         <id>{base}/feed.atom</id>\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/feed.atom\"/>\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}/catalog\"/>\
         <updated>{updated}</updated>\
         <author><name>InnerSource Commons ISPO working group</name></author>\
         {entries}</feed>\n",
        stage = xml_escape(&stage_name.to_lowercase()),
        base = xml_escape(&base),
    );
    xml("application/atom+xml; charset=utf-8", body)
}

/// `GET /sitemap.xml`: the board, the catalogue and every solution page.
pub async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let slugs = match app::service::catalog::slugs(&state.db).await {
        Ok(slugs) => slugs,
        Err(error) => return unavailable(error),
    };
    let base = xml_escape(&base_url(&state, &headers));
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    body.push_str(&format!(
        "<url><loc>{base}/catalog</loc></url><url><loc>{base}/</loc></url>"
    ));
    for (slug, changed) in slugs {
        body.push_str(&format!(
            "<url><loc>{base}/solutions/{}</loc><lastmod>{}</lastmod></url>",
            xml_escape(&slug),
            changed.format("%Y-%m-%d")
        ));
    }
    body.push_str("</urlset>\n");
    xml("application/xml; charset=utf-8", body)
}

/// `GET /robots.txt`: everything may be crawled; points at the sitemap.
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = base_url(&state, &headers);
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            xml_escape("<a href='x'>Tom & \"Jerry\"</a>\u{1}"),
            "&lt;a href=&apos;x&apos;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_left_out() {
        assert_eq!(
            xml_escape("KPI\u{FFFF} board\u{FFFE}\u{0}\u{1F}"),
            "KPI board"
        );
        // Everything XML allows stays, including astral characters and U+FFFD.
        assert_eq!(xml_escape("\u{FFFD}\u{1F680}\t\n"), "\u{FFFD}\u{1F680}\t\n");
    }
}
