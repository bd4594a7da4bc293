//! The demo's static files: `/` and `/<file>` from `--www`, `/pkg/*` from `--pkg`, served by
//! tower-http (HEAD, ranges, conditional requests; gzip or brotli by the router's layer).
//! HTML answers carry Canvas-like cookies: the CSRF token and the session user.

use crate::http::{cookie, error, path_decode, url_encode};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, SET_COOKIE};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// The strict policy the widgets must work under (issue 12 §2): no inline script or style,
/// WebAssembly allowed.
macro_rules! strict_csp {
    () => {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
    };
}

/// Pages served with a `Content-Security-Policy` header: (request path, file in `--www`,
/// policy). The same page four times: strict; also requiring Trusted Types; requiring them
/// with an allow-list that names the widgets' policy (`lms-widgets`); and with one that does
/// not (the widgets must then say what to add).
const CSP_PAGES: &[(&str, &str, &str)] = &[
    ("/csp.html", "/csp.html", strict_csp!()),
    ("/csp-trusted-types.html", "/csp.html", concat!(strict_csp!(), "; require-trusted-types-for 'script'")),
    (
        "/csp-trusted-types-allowlist.html",
        "/csp.html",
        concat!(strict_csp!(), "; require-trusted-types-for 'script'; trusted-types lms-widgets"),
    ),
    (
        "/csp-trusted-types-other.html",
        "/csp.html",
        concat!(strict_csp!(), "; require-trusted-types-for 'script'; trusted-types other-library"),
    ),
];

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

    pub async fn serve(&self, req: Request) -> Response {
        self.serve_with(req, true).await
    }

    /// A file with no cookies (the LTI host page, which plays another site).
    pub async fn serve_without_cookies(&self, req: Request) -> Response {
        self.serve_with(req, false).await
    }

    async fn serve_with(&self, req: Request, cookies: bool) -> Response {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return error(405, "Static files answer GET and HEAD only.").header("Allow", "GET, HEAD").into_response();
        }
        let policy = CSP_PAGES.iter().find(|(p, _, _)| *p == req.uri().path());
        let file = self.file(policy.map_or(req.uri().path(), |(_, f, _)| f));
        let Some(path) = file else { return error(404, "Not found.").into_response() };
        if !tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_file()) {
            return error(404, "Not found.").into_response();
        }
        let new_session = cookie(req.headers(), "sim_user").is_none();
        let mut res = ServeFile::new(&path).oneshot(req).await.unwrap_or_else(|e| match e {}).map(Body::new);
        let ct = content_type(&path);
        let headers = res.headers_mut();
        if headers.contains_key(CONTENT_TYPE) {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some((_, _, csp)) = policy {
            headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
        }
        if cookies && ct.starts_with("text/html") {
            let csrf = Cookie::build(("_csrf_token", url_encode(&self.csrf_token))).path("/").same_site(SameSite::Lax);
            let mut cookies = vec![csrf.build()];
            if new_session {
                cookies
                    .push(Cookie::build(("sim_user", "1")).path("/").same_site(SameSite::Lax).http_only(true).build());
            }
            for c in cookies {
                if let Ok(v) = HeaderValue::try_from(c.to_string()) {
                    headers.append(SET_COOKIE, v);
                }
            }
        }
        res
    }

    /// The file a (still percent-encoded) path names, or `None` for a path that would leave
    /// the directories: any `..`, hidden file, backslash, NUL or colon.
    fn file(&self, raw: &str) -> Option<PathBuf> {
        let decoded = path_decode(raw);
        let rel = decoded.trim_start_matches('/');
        let (dir, rel) = match rel.strip_prefix("pkg/") {
            Some(r) => (&self.pkg, r),
            None => (&self.www, rel),
        };
        let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() };
        let bad = rel.split('/').any(|p| p.is_empty() || p.starts_with('.')) || rel.contains(['\\', '\0', ':']);
        (!bad).then(|| dir.join(rel))
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

/// The Content-Type of a served file (text types say their charset; wasm must be exactly
/// `application/wasm` for `WebAssembly.instantiateStreaming`).
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
