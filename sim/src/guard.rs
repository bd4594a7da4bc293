//! Who may use this server. It listens on loopback, but any page the browser opens can send
//! requests there: the scripting API must refuse what the browser marks as cross-site, and in
//! proxy mode (where the server holds a Canvas token) a page served under another name that
//! resolves to 127.0.0.1 (DNS rebinding) must be refused by its `Host`.

use axum::http::header::{HOST, ORIGIN};
use axum::http::HeaderMap;

/// Whether a browser says the request comes from another site: `Sec-Fetch-Site` other than
/// `same-origin` or `none` (typed by the user), or an `Origin` that is not this server. A
/// request with neither header is not from a web page (curl, scripts, tests) and passes; a
/// browser always sends `Origin` on a cross-origin POST, even a `text/plain` one that needs
/// no preflight.
pub fn cross_site(headers: &HeaderMap, port: u16) -> bool {
    let site = headers.get("sec-fetch-site").map(|v| v.as_bytes());
    if site.is_some_and(|s| s != b"same-origin" && s != b"none") {
        return true;
    }
    let own = |o: &str| o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}");
    headers.get(ORIGIN).is_some_and(|o| !o.to_str().is_ok_and(own))
}

/// Whether `Host` names this server: `127.0.0.1` or `localhost`, with this port or none. A
/// rebinding attack always sends the attacker's name, so the name is what must match.
pub fn own_host(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else { return false };
    let (name, p) = match host.rsplit_once(':') {
        Some((name, p)) => (name, Some(p)),
        None => (host, None),
    };
    (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost")) && p.is_none_or(|p| p == port.to_string())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap())).collect()
    }

    #[test]
    fn cross_site_follows_the_browser_marks() {
        let cases: [(&[(&str, &str)], bool); 8] = [
            (&[], false),
            (&[("sec-fetch-site", "same-origin"), ("origin", "http://127.0.0.1:8787")], false),
            (&[("origin", "http://localhost:8787")], false),
            (&[("sec-fetch-site", "none")], false),
            (&[("sec-fetch-site", "same-site")], true),
            (&[("origin", "http://127.0.0.1:8788")], true),
            (&[("origin", "null")], true),
            (&[("sec-fetch-site", "same-origin"), ("origin", "http://evil.example:8787")], true),
        ];
        for (h, want) in cases {
            assert_eq!(super::cross_site(&headers(h), 8787), want, "{h:?}");
        }
    }

    #[test]
    fn own_host_is_a_loopback_name_with_this_port() {
        for (host, want) in [
            ("127.0.0.1:8787", true),
            ("localhost:8787", true),
            ("127.0.0.1", true),
            ("127.0.0.1:8788", false),
            ("evil.example:8787", false),
            ("127.0.0.1.evil.example:8787", false),
            ("[::1]:8787", false),
        ] {
            assert_eq!(super::own_host(&headers(&[("host", host)]), 8787), want, "{host}");
        }
        assert!(!super::own_host(&HeaderMap::new(), 8787), "no Host at all");
    }
}
