//! The crate's one public error type: one variant per fault a widget can meet, with the
//! pace engine's ([`PaceError`]) and a report link's ([`DownloadLinkError`]) as variant
//! families that `?` converts into it.
//!
//! Every fault becomes a UI state with a human sentence ([`Error`]'s `Display`), never a
//! panic: with `panic = "abort"` one panic would take down every widget on the page.

use core::fmt;

mod link;
mod pace;
pub use link::DownloadLinkError;
pub use pace::PaceError;

/// Everything that can go wrong talking to Canvas or Cloudreve, or in a widget's options.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// The request never got an HTTP answer (DNS, connection refused or dropped, CORS).
    Network(String),
    /// The browser reports it is offline.
    Offline,
    /// 401: not signed in, or signed in but not allowed (Canvas's `errors[0].message`).
    Unauthorized {
        /// Canvas's own message, when it sent one.
        message: Option<String>,
    },
    /// 403 that is not throttling (e.g. an LTI tool asking for a non-assignment Progress).
    Forbidden {
        /// The server's message, when it sent one.
        message: Option<String>,
    },
    /// Throttled: Canvas's 403 "Rate Limit Exceeded", or 429.
    Throttled {
        /// `Retry-After`, in milliseconds, when the server sent one.
        retry_after_ms: Option<u64>,
    },
    /// 404: the Progress (or report, or pace) does not exist.
    NotFound,
    /// 400 or 422 with the server's message (invalid report type, bad CSRF token, …).
    Rejected {
        /// HTTP status.
        status: u16,
        /// The server's message, when it sent one.
        message: Option<String>,
    },
    /// 5xx.
    Server {
        /// HTTP status.
        status: u16,
    },
    /// Any other unexpected status.
    Http {
        /// HTTP status.
        status: u16,
    },
    /// A 2xx answer whose body was not the JSON we expected.
    BadResponse(String),
    /// Canvas answered with its HTML login page: the session has ended.
    LoginPage,
    /// A request carrying credentials was answered with a redirect, which is not followed
    /// (the headers would go wherever it points).
    Redirected,
    /// Cloudreve answered `code != 0`.
    Cloudreve {
        /// Cloudreve's error code.
        code: i64,
        /// Cloudreve's `msg`.
        msg: String,
    },
    /// A widget option or attribute has a value we cannot use.
    InvalidOption {
        /// The option or attribute name.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A pace request the engine cannot plan (no start date, every day skipped, …).
    Pace(PaceError),
    /// A complete report's download link that is missing or refused.
    DownloadLink(DownloadLinkError),
}

impl From<PaceError> for Error {
    fn from(e: PaceError) -> Self {
        Error::Pace(e)
    }
}

impl From<DownloadLinkError> for Error {
    fn from(e: DownloadLinkError) -> Self {
        Error::DownloadLink(e)
    }
}

impl Error {
    /// Whether polling should try again later (transient) rather than stop.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::Network(_)
                | Error::Offline
                | Error::Throttled { .. }
                | Error::Server { .. }
                | Error::BadResponse(_)
                | Error::Http { .. }
        )
    }

    /// Canvas's 401 for a request with no valid session or token
    /// (`{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}`),
    /// as against a 401 for a signed-in user who may not do this ("user not authorized to
    /// perform that action"). Every widget words the first like the login page.
    pub fn is_signed_out(&self) -> bool {
        matches!(self, Error::Unauthorized { message: Some(m) } if m.to_ascii_lowercase().contains("authorization required"))
    }

    /// A short stable machine name, used in event details (`detail.error.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Network(_) => "network",
            Error::Offline => "offline",
            Error::Unauthorized { .. } => "unauthorized",
            Error::Forbidden { .. } => "forbidden",
            Error::Throttled { .. } => "throttled",
            Error::NotFound => "not_found",
            Error::Rejected { .. } => "rejected",
            Error::Server { .. } => "server",
            Error::Http { .. } => "http",
            Error::BadResponse(_) => "bad_response",
            Error::LoginPage => "login_page",
            Error::Redirected => "redirected",
            Error::Cloudreve { .. } => "cloudreve",
            Error::InvalidOption { .. } => "invalid_option",
            Error::Pace(_) => "pace",
            Error::DownloadLink(_) => "download_link",
        }
    }
}

/// What a signed-out user is told (the login page, or Canvas's 401 "user authorization required").
const SIGNED_OUT: &str = "Your Canvas session has ended: reload the page and sign in again.";

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Network(detail) => write!(f, "Could not reach the server ({detail})."),
            Error::Offline => f.write_str("You are offline; waiting for the connection to return."),
            Error::Unauthorized { .. } if self.is_signed_out() => f.write_str(SIGNED_OUT),
            Error::Unauthorized { message } => match message {
                Some(m) => write!(f, "Not allowed: {}.", clause(m, false)),
                None => f.write_str("You are not allowed to see this."),
            },
            Error::Forbidden { message } => match message {
                Some(m) => write!(f, "Forbidden: {}.", clause(m, false)),
                None => f.write_str("The server refused this request."),
            },
            Error::Throttled { retry_after_ms } => match retry_after_ms {
                Some(ms) => write!(f, "Canvas is rate-limiting requests; retrying in {} s.", ms.div_ceil(1000)),
                None => f.write_str("Canvas is rate-limiting requests; retrying shortly."),
            },
            Error::NotFound => f.write_str("Not found: it may have been deleted, or the link is wrong."),
            Error::Rejected { status, message } => match message {
                Some(m) => write!(f, "{} (HTTP {status}).", clause(m, true)),
                None => write!(f, "The server rejected the request (HTTP {status})."),
            },
            Error::Server { status } => write!(f, "The server had a problem (HTTP {status})."),
            Error::Http { status } => write!(f, "Unexpected answer from the server (HTTP {status})."),
            Error::BadResponse(detail) => write!(f, "The server's answer could not be read: {detail}."),
            Error::LoginPage => f.write_str(SIGNED_OUT),
            Error::Redirected => f.write_str(
                "The server answered with a redirect, which a request carrying credentials does not follow; \
                 check that `baseUrl` points at the API itself.",
            ),
            Error::Cloudreve { code, msg } if clause(msg, false).is_empty() => write!(f, "Cloudreve error {code}."),
            Error::Cloudreve { code, msg } => write!(f, "{} (Cloudreve error {code}).", clause(msg, true)),
            Error::InvalidOption { name, reason } => write!(f, "Invalid `{name}`: {reason}."),
            // The engine's sentences have no full stop (Canvas's own message has none).
            Error::Pace(e) => write!(f, "{e}."),
            Error::DownloadLink(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Pace(e) => Some(e),
            Error::DownloadLink(e) => Some(e),
            _ => None,
        }
    }
}

/// A server's message fitted into one of our sentences: trimmed, without its own closing
/// full stop (the sentence adds one), capitalised when it starts the sentence.
fn clause(m: &str, capitalise: bool) -> String {
    let t = m.trim().trim_end_matches('.').trim_end();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if capitalise => c.to_uppercase().chain(chars).collect(),
        _ => t.to_owned(),
    }
}

#[cfg(target_arch = "wasm32")]
impl From<Error> for wasm_bindgen::JsValue {
    fn from(e: Error) -> Self {
        js_sys::Error::new(&e.to_string()).into()
    }
}

/// The `detail` of every widget's `lms-error` event: `{ error: { kind, message } }`, then
/// `fields` (`op`, `retryIn`, `report`, …). Built in this one place so the shape never drifts.
#[cfg(target_arch = "wasm32")]
#[cfg_attr(not(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline")), allow(dead_code))]
pub(crate) fn error_event_detail(
    kind: &str,
    message: &str,
    fields: &[(&str, wasm_bindgen::JsValue)],
) -> wasm_bindgen::JsValue {
    let set = |o: &js_sys::Object, k: &str, v: &wasm_bindgen::JsValue| {
        let _ = js_sys::Reflect::set(o, &k.into(), v);
    };
    let error = js_sys::Object::new();
    set(&error, "kind", &kind.into());
    set(&error, "message", &message.into());
    let detail = js_sys::Object::new();
    set(&detail, "error", &error);
    for (k, v) in fields {
        set(&detail, k, v);
    }
    detail.into()
}

#[cfg(target_arch = "wasm32")]
impl Error {
    /// `{ error: { kind, message } }` with this error's kind and sentence.
    #[cfg_attr(
        not(any(feature = "progress-bar", feature = "report-card", feature = "pace-timeline")),
        allow(dead_code)
    )]
    pub(crate) fn event_detail(&self) -> wasm_bindgen::JsValue {
        error_event_detail(self.kind(), &self.to_string(), &[])
    }
}
