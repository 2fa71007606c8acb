//! `/pkg`: the WASM, JS and CSS of the app, served from the files
//! `scripts/precompress.sh` compressed at build time (`.br`, `.gz` beside
//! each), so the 2.8 MB WASM goes out as ~0.5 MB of brotli without the
//! server compressing it per request.
//!
//! The names carry no hash yet, so browsers must ask again each time
//! (`no-cache`); the answer is a 304 by `Last-Modified` when nothing changed.

use axum::http::header::{HeaderValue, CACHE_CONTROL};
use leptos::prelude::LeptosOptions;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// The service for the site's `pkg` folder.
pub fn pkg_service(options: &LeptosOptions) -> SetResponseHeader<ServeDir, HeaderValue> {
    let dir = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let stale = stale_copies(&dir);
    let serve = if stale.is_empty() {
        ServeDir::new(&dir).precompressed_br().precompressed_gzip()
    } else {
        // A copy older than its file would serve the old code: compress on
        // the fly instead (the compression layer does) until rebuilt.
        tracing::warn!(
            "precompressed files older than their originals, not used: {}; run scripts/precompress.sh",
            stale.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        ServeDir::new(&dir)
    };
    SetResponseHeader::overriding(serve, CACHE_CONTROL, HeaderValue::from_static("no-cache"))
}

/// The `.br` and `.gz` files in `dir` written before the file they copy
/// (or without it).
pub fn stale_copies(dir: &Path) -> Vec<PathBuf> {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("br" | "gz")))
        .filter(|copy| {
            let original = copy.with_extension("");
            match (modified(copy), modified(&original)) {
                (Some(c), Some(o)) => c < o,
                // No original: nothing can ask for it, but say so.
                (_, None) => true,
                (None, Some(_)) => false,
            }
        })
        .collect();
    stale.sort();
    stale
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn copies_older_than_their_file_are_stale() {
        let dir = std::env::temp_dir().join(format!("slaboard-stale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let at = |name: &str, secs: u64| {
            let path = dir.join(name);
            std::fs::write(&path, name).unwrap();
            let when = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(when).unwrap();
        };
        at("app.wasm", 2_000);
        at("app.wasm.br", 3_000);
        at("app.wasm.gz", 1_000);
        at("app.css", 2_000);
        at("gone.js.br", 2_000);
        let names: Vec<String> = stale_copies(&dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["app.wasm.gz", "gone.js.br"]);
        assert!(stale_copies(&dir.join("missing")).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
