//! Cache headers for the front end's files under `/pkg/`. A file whose name carries a
//! content hash (`ispo-board.<hash>.wasm`, as `cargo leptos` writes them with
//! `hash-files`) never changes under that name: browsers keep it for a year without
//! asking. Any other file there is revalidated on each use (`no-cache`: the server answers
//! 304 while its modification time is unchanged), so a new build is never hidden behind
//! an old copy. The files are served by [`pkg_files`]: the `.br` or `.gz` copy `make release`
//! wrote when the browser accepts it, and 304 to a browser whose copy is current (Leptos's
//! own file handler drops the request's conditional headers, so a browser revalidating a
//! file got all of it again, the WebAssembly included, on every page).

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use tower_http::services::ServeDir;

/// The front end's files under `site_root/pkg`.
pub fn pkg_files(site_root: &str, pkg_dir: &str) -> ServeDir {
    ServeDir::new(std::path::Path::new(site_root).join(pkg_dir))
        .precompressed_br()
        .precompressed_gzip()
}

/// Whether a file name has a content-hash part: `name.<hash>.ext` with a hash of 16 or
/// more letters, digits, `-` or `_` (cargo-leptos writes URL-safe Base64).
pub fn is_hashed(file_name: &str) -> bool {
    let file_name = file_name
        .strip_suffix(".br")
        .or_else(|| file_name.strip_suffix(".gz"))
        .unwrap_or(file_name);
    let mut parts = file_name.rsplit('.');
    let (Some(_ext), Some(hash), Some(_name)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() >= 16
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Sets `Cache-Control` on successful answers for `/pkg/` files.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let policy = req.uri().path().strip_prefix("/pkg/").map(|file| {
        if is_hashed(file) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    });
    let mut response = next.run(req).await;
    if let Some(policy) = policy
        && (response.status().is_success() || response.status().as_u16() == 304)
    {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(is_hashed("ispo-board.Xq3vLk9mP0aZ_-Tr4yUiOp.wasm"));
        assert!(is_hashed("ispo-board.Xq3vLk9mP0aZ_-Tr4yUiOp.wasm.br"));
        assert!(!is_hashed("ispo-board.wasm"));
        assert!(!is_hashed("ispo-board_bg.wasm"));
        assert!(!is_hashed("ispo-board.css"));
        assert!(!is_hashed("ispo-board.js.gz"));
        assert!(!is_hashed("a.short.js"));
    }
}
