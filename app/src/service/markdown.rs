//! Markdown to safe HTML: rendered with pulldown-cmark, then sanitised with ammonia so no
//! script, style or event handler survives.

use pulldown_cmark::{Options, Parser, html};

/// Renders user-written Markdown as sanitised HTML.
pub fn render(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(source.len() * 2);
    html::push_html(&mut raw, Parser::new_ext(source, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_markdown() {
        let html = render("**KPIs** for [leaders](https://example.org)");
        assert!(html.contains("<strong>KPIs</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("<a"), "the link text should stay: {html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
    }
}
