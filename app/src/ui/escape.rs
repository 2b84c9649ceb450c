//! Text made safe inside markup written by hand: the board's cards (HTML) and the feed and
//! sitemap (XML), as element content or as a quoted attribute value. The five characters
//! that mean markup become entities, and characters XML 1.0 does not allow (controls but
//! tab and line breaks, U+FFFE, U+FFFF), which HTML also reads as errors, are dropped.

/// `text` safe as content or a quoted attribute value in HTML or XML.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A Rust string holds no surrogates.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_markup;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(
            escape_markup("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;"
        );
        assert_eq!(escape_markup("How do we\u{7}…?\u{FFFF}"), "How do we…?");
        assert_eq!(escape_markup("a\tb\nc"), "a\tb\nc");
    }
}
