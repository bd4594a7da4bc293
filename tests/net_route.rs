//! `net::route`: where each request goes and which credentials go with it (issue 12 §1,
//! "Credentials to the wrong place"). The URL parser is the `url` crate, which implements
//! the same WHATWG rules as the browser's `URL`.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::net::{locate, route, Auth, Client, Route};
use lms_widgets::Error;

const TOOL_PAGE: &str = "https://tool.example.edu/lti/launch?x=1";
const CANVAS_PAGE: &str = "https://school.instructure.com/courses/1/pages/home";
const PROXY: &str = "https://tool.example.edu/canvas-proxy/";

fn parse(input: &str, base: &str) -> Option<String> {
    Some(url::Url::parse(base).ok()?.join(input).ok()?.to_string())
}

fn go(client: &Client, page: &str, method: &str, url: &str) -> Result<Route, Error> {
    route(client, page, method, url, &parse)
}

fn bearer(base_url: Option<&str>) -> Client {
    Client { base_url: base_url.map(Into::into), auth: Auth::Bearer("s3cret".into()), ..Client::default() }
}

fn refused(r: Result<Route, Error>) -> String {
    match r {
        Err(Error::InvalidOption { name, reason }) => format!("{name}: {reason}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_base_url_with_a_path_is_a_prefix_for_paths() {
    // (base URL, requested URL, expected)
    let cases = [
        (PROXY, "/api/v1/progress/1", "https://tool.example.edu/canvas-proxy/api/v1/progress/1"),
        (
            "https://tool.example.edu/canvas-proxy",
            "/api/v1/progress/1",
            "https://tool.example.edu/canvas-proxy/api/v1/progress/1",
        ),
        (PROXY, "api/v1/progress/1", "https://tool.example.edu/canvas-proxy/api/v1/progress/1"),
        (PROXY, "/api/v1/progress/1?x=1#y", "https://tool.example.edu/canvas-proxy/api/v1/progress/1?x=1#y"),
        // A base relative to the page.
        ("/canvas-proxy/", "/api/v1/progress/1", "https://tool.example.edu/canvas-proxy/api/v1/progress/1"),
        // A path that looks like a scheme stays a path.
        (PROXY, "/javascript:alert(1)", "https://tool.example.edu/canvas-proxy/javascript:alert(1)"),
        // No prefix: the origin's root.
        ("https://tool.example.edu", "/api/v1/progress/1", "https://tool.example.edu/api/v1/progress/1"),
    ];
    for (base, url, expected) in cases {
        let r = go(&bearer(Some(base)), TOOL_PAGE, "GET", url).unwrap();
        assert_eq!(r.url, expected, "{base} + {url}");
        assert!(r.token, "{base} + {url}: the token goes to the API origin");
    }
}

#[test]
fn an_absolute_url_on_the_api_origin_is_kept_under_the_prefix() {
    // (Canvas's absolute `url` in a body, or a path escaping the prefix, → where it goes)
    let cases = [
        ("https://tool.example.edu/api/v1/progress/9", "https://tool.example.edu/canvas-proxy/api/v1/progress/9"),
        (
            "https://tool.example.edu/canvas-proxy/api/v1/progress/9",
            "https://tool.example.edu/canvas-proxy/api/v1/progress/9",
        ),
        ("//tool.example.edu/api/v1/progress/9", "https://tool.example.edu/canvas-proxy/api/v1/progress/9"),
        ("/../api/v1/progress/9", "https://tool.example.edu/canvas-proxy/api/v1/progress/9"),
        ("../../admin", "https://tool.example.edu/canvas-proxy/admin"),
        ("https://tool.example.edu/canvas-proxyx/a", "https://tool.example.edu/canvas-proxy/canvas-proxyx/a"),
        ("https://tool.example.edu/canvas-proxy", "https://tool.example.edu/canvas-proxy"),
    ];
    for (url, expected) in cases {
        assert_eq!(go(&bearer(Some(PROXY)), TOOL_PAGE, "GET", url).unwrap().url, expected, "{url}");
    }
}

#[test]
fn without_a_base_url_urls_resolve_against_the_page_like_links() {
    let c = Client::default();
    assert_eq!(
        go(&c, CANVAS_PAGE, "GET", "/api/v1/progress/1").unwrap().url,
        "https://school.instructure.com/api/v1/progress/1"
    );
    assert_eq!(
        go(&c, CANVAS_PAGE, "GET", "progress").unwrap().url,
        "https://school.instructure.com/courses/1/pages/progress"
    );
}

#[test]
fn csrf_goes_only_to_the_page_s_origin_and_only_for_writes() {
    let session = Client::default();
    let post = go(&session, CANVAS_PAGE, "POST", "/api/v1/progress/1/cancel").unwrap();
    assert!(post.csrf && post.same_origin && !post.token && !post.custom_headers);
    assert!(post.carries_credentials(), "so it is sent with redirect: 'manual'");
    let put = go(&session, CANVAS_PAGE, "put", "/api/v1/courses/1/course_pacing/2").unwrap();
    assert!(put.csrf);
    let get = go(&session, CANVAS_PAGE, "GET", "/api/v1/progress/1").unwrap();
    assert!(!get.csrf && get.same_origin && !get.carries_credentials(), "GET carries only the cookie");
    // Another origin, however it was reached, never gets the CSRF header.
    for url in ["https://evil.example/api/v1/progress/1/cancel", "//evil.example/x", "/\\evil.example/x"] {
        let r = go(&session, CANVAS_PAGE, "POST", url).unwrap();
        assert!(r.url.starts_with("https://evil.example/"), "{url} → {}", r.url);
        assert!(!r.csrf && !r.same_origin && !r.carries_credentials(), "{url}: sent bare");
    }
    // A session client whose base URL is another origin (a tool's proxy) sends no CSRF there.
    let lti = Client { base_url: Some(PROXY.into()), ..Client::default() };
    let r = go(&lti, "https://school.instructure.com/x", "POST", "/api/v1/progress/1/cancel").unwrap();
    assert!(!r.csrf && !r.same_origin);
}

#[test]
fn a_token_goes_only_to_the_api_origin_set_by_js_options() {
    let c = bearer(Some(PROXY));
    let r = go(&c, TOOL_PAGE, "POST", "/api/v1/progress/1/cancel").unwrap();
    assert!(r.token && !r.csrf, "the token replaces the session: no CSRF header with it");
    assert!(r.carries_credentials());
    let why = refused(go(&c, TOOL_PAGE, "GET", "https://evil.example/api/v1/progress/1"));
    assert!(why.contains("https://evil.example/api/v1/progress/1"), "{why}");
    assert!(why.contains("https://tool.example.edu") && why.contains("token"), "{why}");
    // Without `baseUrl`, the API origin is the page's.
    let page_only = bearer(None);
    assert!(go(&page_only, TOOL_PAGE, "GET", "/api/v1/progress/1").unwrap().token);
    refused(go(&page_only, TOOL_PAGE, "GET", "https://school.instructure.com/api/v1/progress/1"));
}

#[test]
fn the_base_url_attribute_moves_paths_but_never_the_token() {
    // Whoever can write `base-url="https://evil.example/"` cannot receive the token.
    let attacked = Client { base_url_attribute: Some("https://evil.example/".into()), ..bearer(None) };
    let why = refused(go(&attacked, TOOL_PAGE, "GET", "/api/v1/progress/1"));
    assert!(why.contains("https://evil.example/api/v1/progress/1") && why.contains("baseUrl"), "{why}");
    // With a JS `baseUrl`, the attribute is ignored.
    let both = Client { base_url_attribute: Some("https://evil.example/".into()), ..bearer(Some(PROXY)) };
    assert_eq!(
        go(&both, TOOL_PAGE, "GET", "/api/v1/progress/1").unwrap().url,
        "https://tool.example.edu/canvas-proxy/api/v1/progress/1"
    );
    // An attribute on the API origin is only a prefix: the token may go there.
    let prefixed = Client { base_url_attribute: Some("/canvas-proxy/".into()), ..bearer(None) };
    let r = go(&prefixed, TOOL_PAGE, "GET", "/api/v1/progress/1").unwrap();
    assert_eq!(r.url, "https://tool.example.edu/canvas-proxy/api/v1/progress/1");
    assert!(r.token);
    // A session client with the attribute elsewhere sends nothing secret there.
    let session = Client { base_url_attribute: Some("https://evil.example/".into()), ..Client::default() };
    let r = go(&session, CANVAS_PAGE, "POST", "/api/v1/progress/1/cancel").unwrap();
    assert!(r.url.starts_with("https://evil.example/") && !r.carries_credentials());
}

#[test]
fn custom_headers_go_only_to_the_api_origin() {
    let c =
        Client { base_url: Some(PROXY.into()), headers: vec![("X-Tool-Key".into(), "k".into())], ..Client::default() };
    let r = go(&c, TOOL_PAGE, "GET", "/api/v1/progress/1").unwrap();
    assert!(r.custom_headers && r.carries_credentials());
    let why = refused(go(&c, TOOL_PAGE, "GET", "https://files.example.com/x"));
    assert!(why.contains("custom headers"), "{why}");
    let attr = Client { base_url_attribute: Some("https://evil.example/".into()), ..c.clone() };
    let attr = Client { base_url: None, ..attr };
    refused(go(&attr, TOOL_PAGE, "GET", "/x"));
}

#[test]
fn what_the_url_parser_ignores_cannot_smuggle_another_origin() {
    let c = bearer(Some(PROXY));
    // Tabs and newlines are dropped by the parser, leading/trailing controls trimmed:
    // these are all `//evil.example/…`.
    for url in
        ["/\t/evil.example/x", "/\n/evil.example/x", " //evil.example/x", "\\\\evil.example/x", "/\\evil.example/x"]
    {
        let why = refused(go(&c, TOOL_PAGE, "GET", url));
        assert!(why.contains("evil.example"), "{url:?}: {why}");
    }
    // Leading and trailing spaces around a path are not part of it.
    assert_eq!(
        go(&c, TOOL_PAGE, "GET", "  /api/v1/progress/1\n").unwrap().url,
        "https://tool.example.edu/canvas-proxy/api/v1/progress/1"
    );
}

#[test]
fn only_web_urls_without_user_info_are_accepted() {
    let c = Client::default();
    for url in ["javascript:alert(1)", "data:text/plain,x", "file:///etc/passwd", "ftp://tool.example.edu/x"] {
        let why = refused(go(&c, TOOL_PAGE, "GET", url));
        assert!(why.starts_with("url: ") && why.contains("http(s)"), "{url}: {why}");
    }
    let why = refused(go(&c, TOOL_PAGE, "GET", "https://user:pw@tool.example.edu/x"));
    assert!(why.contains("user name or password"), "{why}");
    assert!(refused(go(&c, TOOL_PAGE, "GET", "   ")).contains("no URL"));
}

#[test]
fn a_bad_base_url_is_named_in_the_error() {
    // (base URL, words the reason must contain)
    let cases = [
        ("javascript:alert(1)//", "http(s)"),
        ("https://tool.example.edu/p/?q=1", "query or fragment"),
        ("https://tool.example.edu/p/#x", "query or fragment"),
        ("https://u:p@tool.example.edu/p/", "user name or password"),
        ("http://[::1", "not a URL"),
    ];
    for (base, words) in cases {
        let c = Client { base_url: Some(base.into()), ..Client::default() };
        match go(&c, TOOL_PAGE, "GET", "/x") {
            Err(Error::InvalidOption { name: "baseUrl", reason }) => {
                assert!(reason.contains(words), "{base}: {reason}")
            }
            other => panic!("{base}: {other:?}"),
        }
        let c = Client { base_url_attribute: Some(base.into()), ..Client::default() };
        assert!(matches!(go(&c, TOOL_PAGE, "GET", "/x"), Err(Error::InvalidOption { name: "base-url", .. })), "{base}");
    }
}

#[test]
fn locate_resolves_like_requests_without_the_credential_rule() {
    // A report's download link on another origin is fine to show even with a token.
    let c = bearer(Some(PROXY));
    assert_eq!(
        locate(&c, TOOL_PAGE, "https://files.example.com/f.docx", &parse).unwrap(),
        "https://files.example.com/f.docx"
    );
    assert_eq!(
        locate(&c, TOOL_PAGE, "/files/1/download", &parse).unwrap(),
        "https://tool.example.edu/canvas-proxy/files/1/download"
    );
    assert!(locate(&c, TOOL_PAGE, "javascript:alert(1)", &parse).is_err());
}

#[test]
fn redirect_answers_are_a_fault_that_names_the_base_url() {
    assert_eq!(Error::Redirected.kind(), "redirected");
    assert!(!Error::Redirected.is_retryable());
    assert!(Error::Redirected.to_string().contains("baseUrl"));
}

/// Issue 12 §1 (small traps): `Debug` output (logs, panic messages, bug reports) used to
/// print the bearer token and every header value.
#[test]
fn debug_output_never_shows_the_token_or_a_header_value() {
    let c = Client {
        base_url: Some(PROXY.into()),
        auth: Auth::Bearer("s3cret-token".into()),
        headers: vec![("X-Tool-Key".into(), "header-secret".into())],
        ..Client::default()
    };
    for shown in [format!("{c:?}"), format!("{c:#?}"), format!("{:?}", c.auth), format!("{:?}", Some(&c))] {
        assert!(!shown.contains("s3cret-token") && !shown.contains("header-secret"), "{shown}");
        assert!(shown.contains("redacted") || shown.contains("X-Tool-Key"), "still useful: {shown}");
    }
    let shown = format!("{c:?}");
    assert!(shown.contains(PROXY) && shown.contains("X-Tool-Key") && shown.contains("Bearer(<redacted>)"), "{shown}");
    // Clients still compare by value, token included (the shared poller's key).
    let other = Client { auth: Auth::Bearer("another".into()), ..c.clone() };
    assert_ne!(c, other);
    assert_eq!(format!("{c:?}"), format!("{other:?}"));
    // A refused URL's message names origins, never the token.
    let why = refused(go(&c, TOOL_PAGE, "GET", "https://evil.example/x"));
    assert!(!why.contains("s3cret-token"), "{why}");
}
