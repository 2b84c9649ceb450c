//! Text for elements whose content the HTML parser reads raw (`<title>`, `<textarea>`).
//! Leptos writes such content unescaped on the server, so a title like
//! `</textarea><script>…` would break out of the element. On the server we escape it
//! ourselves; in the browser the text is set as a DOM value and needs no escaping.

/// `text` made safe as the content of a `<title>` or `<textarea>` in server-rendered HTML.
pub fn rcdata(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_owned()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::rcdata;

    #[test]
    fn escapes_markup_on_the_server() {
        assert_eq!(
            rcdata("</textarea><script>a && b</script>"),
            "&lt;/textarea&gt;&lt;script&gt;a &amp;&amp; b&lt;/script&gt;"
        );
    }
}
