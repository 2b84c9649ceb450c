//! The names of the front end's files under `/pkg/`. `cargo leptos build` writes them with
//! a content hash in the name (`hash-files`: `ispo-board.<hash>.css`), and the hashes to
//! `hash.txt` beside the server's binary; the server then names them so in every page and
//! lets browsers keep them for good (see the server's `static_cache`). Without that file
//! (a server run from elsewhere, the tests) the plain names are used.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The base name of the front end's files.
const OUTPUT_NAME: &str = "ispo-board";

/// The hashes cargo-leptos wrote (`js`, `wasm`, `css`), read once; `None` without the file.
pub fn hashes() -> Option<&'static HashMap<String, String>> {
    static HASHES: OnceLock<Option<HashMap<String, String>>> = OnceLock::new();
    HASHES
        .get_or_init(|| {
            let path = std::env::current_exe().ok()?.parent()?.join("hash.txt");
            let text = std::fs::read_to_string(path).ok()?;
            Some(parse(&text)).filter(|h| h.contains_key("js") && h.contains_key("wasm"))
        })
        .as_ref()
}

/// Reads `hash.txt`: one `kind: hash` per line.
fn parse(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(kind, hash)| (kind.trim().to_owned(), hash.trim().to_owned()))
        .filter(|(kind, hash)| !kind.is_empty() && !hash.is_empty())
        .collect()
}

/// The style sheet's address.
pub fn stylesheet_href() -> String {
    href(hashes().and_then(|h| h.get("css")).map(String::as_str))
}

fn href(hash: Option<&str>) -> String {
    match hash {
        Some(hash) => format!("/pkg/{OUTPUT_NAME}.{hash}.css"),
        None => format!("/pkg/{OUTPUT_NAME}.css"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_file_names_the_style_sheet() {
        let hashes = parse("js: AbC-12_x\nwasm: QrS\ncss: Zz9\n\nnonsense\n");
        assert_eq!(hashes["js"], "AbC-12_x");
        assert_eq!(hashes["wasm"], "QrS");
        assert_eq!(hashes.len(), 3);
        assert_eq!(href(Some("Zz9")), "/pkg/ispo-board.Zz9.css");
        assert_eq!(href(None), "/pkg/ispo-board.css");
    }
}
