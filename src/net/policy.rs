//! Where a request goes and what goes with it: the one rule for URLs and credentials.
//!
//! Pure (the URL parser comes in as an argument: the browser's `URL` in the widget, the
//! `url` crate in native tests, both WHATWG), so every case is tested natively.
//!
//! # The rule
//! - **Where.** A path (`/api/v1/progress/1`, `api/v1/…`) resolves under the base URL as a
//!   *prefix*: under `https://tool.example.edu/canvas-proxy/` it becomes
//!   `https://tool.example.edu/canvas-proxy/api/v1/progress/1`. Every URL on the base's
//!   origin is kept under the prefix, so an absolute URL Canvas put in a body
//!   (`https://tool.example.edu/api/v1/progress/1`) or a `..` is moved back under it.
//!   Without a base URL, URLs resolve against the page as a link would.
//! - **The API origin** is the origin of [`Client::base_url`], which only code sets (Rust,
//!   or the `baseUrl` JS option); without it, the page's origin. The `base-url` *attribute*
//!   ([`Client::base_url_attribute`]) moves where paths go, never where credentials go.
//! - **CSRF.** `X-CSRF-Token` (session auth, methods other than GET/HEAD) goes only to the
//!   page's own origin, as does `X-Requested-With`; the session cookie too
//!   (`credentials: 'same-origin'`).
//! - **Token and custom headers** go only to the API origin. A client that carries either
//!   refuses a URL on any other origin with a clear error, rather than sending it bare
//!   (which would fail with a confusing 401, or leak the URL's answer to nobody's benefit).
//! - **Other origins.** A client with session auth and no custom headers fetches a URL on
//!   another origin (a public Cloudreve server, say) with no credentials at all.
//! - **Redirects.** A request that carries any credential header is sent with
//!   `redirect: 'manual'`, and a redirect answer becomes [`Error::Redirected`]: a header
//!   never follows a redirect to wherever it points.
//! - URLs must be `http:`/`https:` and must not embed a user name or password.

use crate::Error;
use core::fmt;

/// How requests authenticate.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Same-origin session cookie; non-GET requests to the page's origin carry
    /// `X-CSRF-Token` from the `_csrf_token` cookie, as Canvas's own front end does.
    #[default]
    Session,
    /// `Authorization: Bearer …`, sent only to the API origin.
    Bearer(String),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Session => f.write_str("Session"),
            // Debug output ends up in logs, panic messages and error reports: never the token.
            Auth::Bearer(_) => f.write_str("Bearer(<redacted>)"),
        }
    }
}

/// A configured HTTP client. Cheap to clone.
///
/// `Debug` shows header names but never a token or a header value (custom headers carry
/// secrets too).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Client {
    /// Base URL that paths resolve under (as a prefix), set by code (Rust, or the `baseUrl`
    /// JS option). Its origin is the API origin: the only one a token and custom headers go
    /// to. Defaults to the page (and the page's origin).
    pub base_url: Option<String>,
    /// Base URL from an HTML attribute (`base-url`), used when `base_url` is unset. It moves
    /// where paths go but never where credentials go. Defaults to none.
    pub base_url_attribute: Option<String>,
    /// Authentication. Defaults to the session.
    pub auth: Auth,
    /// Extra headers (e.g. for an LTI tool's own backend proxy), sent only to the API
    /// origin. Defaults to none.
    pub headers: Vec<(String, String)>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("base_url_attribute", &self.base_url_attribute)
            .field("auth", &self.auth)
            .field("headers", &names)
            .finish()
    }
}

/// Where one request goes and which credentials it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The absolute URL to fetch.
    pub url: String,
    /// On the page's own origin: `X-Requested-With` is sent (as Canvas's front end does).
    pub same_origin: bool,
    /// Send `X-CSRF-Token` (when the page has the cookie).
    pub csrf: bool,
    /// Send `Authorization: Bearer …`.
    pub token: bool,
    /// Send the client's custom headers.
    pub custom_headers: bool,
}

impl Route {
    /// Whether the request carries a credential header: then it must not follow redirects.
    pub fn carries_credentials(&self) -> bool {
        self.csrf || self.token || self.custom_headers
    }
}

/// A WHATWG URL parser: `parse(input, base)` is the absolute, normalised `href` of `input`
/// resolved against `base`, or `None` if it is not a URL.
pub type Parse<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

/// Decides where `url` goes and what it carries, for `method` sent by `client` from the
/// page at `page` (`location.href`).
///
/// ## Usage
/// ```
/// use lms_widgets::net::{route, Auth, Client};
/// # fn parse(input: &str, base: &str) -> Option<String> {
/// #     Some(url::Url::parse(base).ok()?.join(input).ok()?.to_string())
/// # }
/// let client = Client {
///     base_url: Some("https://tool.example.edu/canvas-proxy/".into()),
///     auth: Auth::Bearer("secret".into()),
///     ..Client::default()
/// };
/// let r = route(&client, "https://tool.example.edu/lti/launch", "GET", "/api/v1/progress/1", &parse).unwrap();
/// assert_eq!(r.url, "https://tool.example.edu/canvas-proxy/api/v1/progress/1");
/// assert!(r.token && !r.csrf);
/// // The token never goes anywhere else.
/// assert!(route(&client, "https://tool.example.edu/", "GET", "https://evil.example/x", &parse).is_err());
/// ```
pub fn route(client: &Client, page: &str, method: &str, url: &str, parse: Parse<'_>) -> Result<Route, Error> {
    let target = locate(client, page, url, parse)?;
    let page_origin = origin(page);
    let target_origin = origin(&target);
    let api_base = match client.base_url.as_deref().filter(|b| !b.trim().is_empty()) {
        Some(b) => Some(base(b, "baseUrl", page, parse)?),
        None => None,
    };
    let api_origin = match &api_base {
        Some(b) => origin(b),
        None => page_origin,
    };
    let same_origin = page_origin.is_some() && target_origin == page_origin;
    let on_api = api_origin.is_some() && target_origin == api_origin;
    let bearer = matches!(client.auth, Auth::Bearer(_));
    let custom = !client.headers.is_empty();
    if (bearer || custom) && !on_api {
        let what = match (bearer, custom) {
            (true, true) => "the token and custom headers are",
            (true, false) => "the token is",
            _ => "custom headers are",
        };
        return Err(Error::InvalidOption {
            name: "url",
            reason: format!(
                "{target} is not on {}, the only origin {what} sent to (set by the `baseUrl` option)",
                api_origin.unwrap_or("the page's origin")
            ),
        });
    }
    let unsafe_method = !matches!(method.to_ascii_uppercase().as_str(), "GET" | "HEAD");
    Ok(Route {
        csrf: client.auth == Auth::Session && unsafe_method && same_origin,
        token: bearer,
        custom_headers: custom,
        same_origin,
        url: target,
    })
}

/// Resolves `url` as [`route`] does (prefix joining, the prefix kept on the base's origin,
/// http(s) only), without the credential rule: for links the browser follows itself,
/// such as a finished report's download.
pub fn locate(client: &Client, page: &str, url: &str, parse: Parse<'_>) -> Result<String, Error> {
    let input = clean(url);
    if input.is_empty() {
        return Err(invalid("url", "no URL was given".into()));
    }
    let base = match (client.base_url.as_deref(), client.base_url_attribute.as_deref()) {
        (Some(b), _) if !b.trim().is_empty() => Some(base(b, "baseUrl", page, parse)?),
        (_, Some(b)) if !b.trim().is_empty() => Some(base(b, "base-url", page, parse)?),
        _ => None,
    };
    let not_a_url = || invalid("url", format!("{url:?} is not a URL"));
    let resolved = match &base {
        // A path under the prefix: `/api/x` → `<prefix>api/x`. "./" keeps a path that looks
        // like a scheme (`/javascript:…`) a path.
        Some(b) if is_path_absolute(&input) => parse(&format!("./{}", &input[1..]), b).ok_or_else(not_a_url)?,
        Some(b) => parse(&input, b).ok_or_else(not_a_url)?,
        None => parse(&input, page).ok_or_else(not_a_url)?,
    };
    check_web_url(&resolved, "url", url)?;
    Ok(match &base {
        Some(b) => under_prefix(&resolved, b),
        None => resolved,
    })
}

/// A base URL resolved against the page, checked, and ending in `/`.
fn base(b: &str, name: &'static str, page: &str, parse: Parse<'_>) -> Result<String, Error> {
    let href = parse(&clean(b), page).ok_or_else(|| invalid(name, format!("{b:?} is not a URL")))?;
    check_web_url(&href, name, b)?;
    if href.contains(['?', '#']) {
        return Err(invalid(name, format!("{b:?} has a query or fragment; give the path prefix only")));
    }
    Ok(if href.ends_with('/') { href } else { format!("{href}/") })
}

/// `http:`/`https:` with no user name or password.
fn check_web_url(href: &str, name: &'static str, given: &str) -> Result<(), Error> {
    if !(href.starts_with("https://") || href.starts_with("http://")) {
        return Err(invalid(name, format!("{given:?} is not an http(s) URL")));
    }
    if authority(href).is_some_and(|a| a.contains('@')) {
        return Err(invalid(name, format!("{given:?} contains a user name or password")));
    }
    Ok(())
}

/// `href` moved under `base`'s path when it is on `base`'s origin but outside the prefix.
fn under_prefix(href: &str, base: &str) -> String {
    match (origin(href), origin(base)) {
        (Some(o), Some(bo)) if o == bo => {
            let rest = &href[o.len()..];
            let prefix = &base[bo.len()..];
            if rest.starts_with(prefix) || format!("{rest}/") == prefix {
                href.to_owned()
            } else {
                format!("{bo}{}{}", prefix.trim_end_matches('/'), rest)
            }
        }
        _ => href.to_owned(),
    }
}

/// What the URL parser ignores: leading/trailing C0 controls and spaces, and every tab or
/// newline. Removed first so that `/\t/evil.example` is seen as the `//evil.example` it is.
fn clean(s: &str) -> String {
    s.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// `/path` but not `//host` (for http(s), `\` counts as `/`).
fn is_path_absolute(s: &str) -> bool {
    let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
    let mut chars = s.chars();
    slash(chars.next()) && !slash(chars.next())
}

/// `scheme://authority` of a normalised http(s) href.
fn origin(href: &str) -> Option<&str> {
    let a = authority(href)?;
    let start = href.find("://")? + 3;
    let end = start + a.len();
    // Userinfo is not part of an origin; such URLs are refused before this matters.
    Some(&href[..end])
}

fn authority(href: &str) -> Option<&str> {
    let rest = href.strip_prefix("https://").or_else(|| href.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn invalid(name: &'static str, reason: String) -> Error {
    Error::InvalidOption { name, reason }
}
