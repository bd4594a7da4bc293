//! The demo's static files: `/` and `/<file>` from `--www`, `/pkg/*` from `--pkg`. HTML
//! answers carry Canvas-like cookies: the CSRF token and the session user.

use crate::http::{bytes, error, path_decode, url_encode, Req, Resp};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};

pub struct Site {
    pub www: PathBuf,
    pub pkg: PathBuf,
    /// This run's CSRF token (the `_csrf_token` cookie, URL-decoded).
    pub csrf_token: String,
}

impl Site {
    pub fn new(www: PathBuf, pkg: PathBuf) -> Site {
        Site { www, pkg, csrf_token: csrf_token() }
    }

    pub fn serve(&self, req: &Req) -> Resp {
        if !req.is_read() {
            return error(405, "Static files answer GET and HEAD only.").header("Allow", "GET, HEAD");
        }
        let decoded = path_decode(&req.path);
        let rel = decoded.trim_start_matches('/');
        let (dir, rel) = match rel.strip_prefix("pkg/") {
            Some(r) => (&self.pkg, r.to_owned()),
            None => (&self.www, rel.to_owned()),
        };
        let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel };
        // No way out of the directory: no `..`, no hidden files, no absolute or odd paths.
        let bad = rel.split('/').any(|p| p.is_empty() || p.starts_with('.')) || rel.contains(['\\', '\0', ':']);
        if bad {
            return error(404, "Not found.");
        }
        let path = dir.join(&rel);
        let Ok(data) = std::fs::read(&path) else { return error(404, "Not found.") };
        let ct = content_type(&path);
        let mut r = bytes(200, ct, data);
        if ct.starts_with("text/html") {
            r = r.header("Set-Cookie", &format!("_csrf_token={}; Path=/; SameSite=Lax", url_encode(&self.csrf_token)));
            if req.cookie("sim_user").is_none() {
                r = r.header("Set-Cookie", "sim_user=1; Path=/; SameSite=Lax; HttpOnly");
            }
        }
        r
    }
}

/// A random base64 token, like Canvas's masked one, with `+`, `/` and `=` in it so the
/// cookie must be URL-decoded before it is sent back in `X-CSRF-Token`.
fn csrf_token() -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let state = std::collections::hash_map::RandomState::new();
    let mut out = String::new();
    for i in 0..4u64 {
        let mut h = state.build_hasher();
        h.write_u64(i ^ crate::http::epoch_ms());
        h.write_u32(std::process::id());
        let mut v = h.finish();
        for _ in 0..10 {
            out.push(B64[(v % 64) as usize] as char);
            v /= 64;
        }
    }
    out.replace_range(3..4, "+");
    out.replace_range(9..10, "/");
    out.push_str("==");
    out
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_csrf_token_needs_url_encoding() {
        let t = super::csrf_token();
        assert!(t.contains('+') && t.contains('/') && t.ends_with('='), "{t}");
        assert_ne!(crate::http::url_encode(&t), t);
    }
}
