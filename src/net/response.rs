//! Pure classification of an HTTP answer into JSON text or an [`Error`].

use crate::Error;
use core::fmt;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// Canvas prefixes JSON with this when the request's Accept lacks `application/json`.
pub const JSON_CSRF_PREFIX: &str = "while(1);";

/// What the fetch layer read off a response.
#[derive(Clone, Copy, Debug)]
pub struct RawResponse<'a> {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    /// The body text.
    pub body: &'a str,
    /// `Retry-After`, if any.
    pub retry_after: Option<&'a str>,
}

/// Turns a response into the JSON text to parse, or the fault it represents.
///
/// `message_of` extracts a server message from an error body (JSON parsing is the
/// caller's: `JSON.parse` in the browser, serde_json in native tests).
///
/// ## Canvas notes
/// Strips `while(1);`; a 2xx HTML page is Canvas's login page (the session ended); a 403
/// whose body says "Rate Limit Exceeded" is throttling (retryable), any other 403 is a
/// refusal; 429 honours `Retry-After`.
pub fn classify<'a>(r: RawResponse<'a>, message_of: impl Fn(&str) -> Option<String>) -> Result<&'a str, Error> {
    let body = strip_json_prefix(r.body);
    let is_html = r.content_type.is_some_and(|c| c.to_ascii_lowercase().contains("text/html")) || body.starts_with('<');
    let message = || if is_html { None } else { message_of(body) };
    match r.status {
        200..=299 if is_html => Err(Error::LoginPage),
        200..=299 if body.is_empty() => Err(Error::BadResponse("the answer was empty".into())),
        200..=299 => Ok(body),
        401 => Err(Error::Unauthorized { message: message() }),
        403 if body.contains("Rate Limit Exceeded") => {
            Err(Error::Throttled { retry_after_ms: r.retry_after.and_then(parse_retry_after) })
        }
        // A proxy's HTML error page is markup, not a message.
        403 => Err(Error::Forbidden { message: message().or_else(|| if is_html { None } else { plain_text(body) }) }),
        429 => Err(Error::Throttled { retry_after_ms: r.retry_after.and_then(parse_retry_after) }),
        404 => Err(Error::NotFound),
        400 | 409 | 422 => Err(Error::Rejected { status: r.status, message: message() }),
        500..=599 => Err(Error::Server { status: r.status }),
        s => Err(Error::Http { status: s }),
    }
}

/// Removes Canvas's `while(1);` JSON-hijacking guard and surrounding white space.
pub fn strip_json_prefix(body: &str) -> &str {
    let t = body.trim_start();
    t.strip_prefix(JSON_CSRF_PREFIX).unwrap_or(t).trim()
}

/// `Retry-After` in seconds (the HTTP-date form is ignored: the backoff applies instead).
pub fn parse_retry_after(v: &str) -> Option<u64> {
    let secs: f64 = v.trim().parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| (secs * 1000.0).min(3_600_000.0) as u64)
}

fn plain_text(body: &str) -> Option<String> {
    let t = body.trim();
    (!t.is_empty() && t.len() <= 300 && !t.starts_with('{')).then(|| t.to_owned())
}

/// The message in a Canvas or Cloudreve error body: `{"errors":[{"message":…}]}`,
/// `{"errors":"…"}`, `{"error":"…"}`, `{"message":…}` or `{"msg":…}`.
#[derive(Debug, Default, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    errors: Option<Messages>,
    #[serde(default)]
    error: Option<Messages>,
    #[serde(default)]
    message: Option<Messages>,
    #[serde(default)]
    msg: Option<Messages>,
}

impl ErrorBody {
    /// The first human message found, if any.
    pub fn message(self) -> Option<String> {
        [self.errors, self.error, self.message, self.msg]
            .into_iter()
            .flatten()
            .find_map(|m| m.0.into_iter().find(|s| !s.trim().is_empty()))
    }
}

/// Every string found under `message` keys, or plain strings, in a nested value, looked for
/// at most [`MAX_MESSAGE_DEPTH`] levels down. Deeper values are skipped without recursing, so
/// a hostile body of 100,000 nested arrays cannot overflow the (wasm) stack.
#[derive(Debug, Default)]
struct Messages(Vec<String>);

/// How deep an error body is searched for messages (Canvas nests two levels).
const MAX_MESSAGE_DEPTH: u8 = 8;

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Depth(1).deserialize(d)
    }
}

/// Reads [`Messages`] at a nesting depth.
#[derive(Clone, Copy)]
struct Depth(u8);

impl Depth {
    /// The next level down, or `None` past the limit (the value is then skipped).
    fn deeper(self) -> Option<Depth> {
        (self.0 < MAX_MESSAGE_DEPTH).then_some(Depth(self.0 + 1))
    }
}

/// Skips a value: `IgnoredAny` walks nested input without recursing in serde_json (and
/// serde-wasm-bindgen does not walk it at all).
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = Messages;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Messages, D::Error> {
        IgnoredAny::deserialize(d).map(|_| Messages::default())
    }
}

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Messages;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Messages, D::Error> {
        d.deserialize_any(V(self))
    }
}

struct V(Depth);

impl<'de> Visitor<'de> for V {
    type Value = Messages;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error message")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Messages, E> {
        Ok(Messages(vec![v.to_owned()]))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Messages, A::Error> {
        let mut out = Vec::new();
        loop {
            let next = match self.0.deeper() {
                Some(d) => s.next_element_seed(d)?,
                None => s.next_element_seed(Skip)?,
            };
            match next {
                Some(Messages(m)) => out.extend(m),
                None => return Ok(Messages(out)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Messages, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = m.next_key::<String>()? {
            match self.0.deeper() {
                Some(d) if k == "message" || k == "msg" || k == "errors" => out.extend(m.next_value_seed(d)?.0),
                _ => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Messages(out))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Messages, E> {
        Ok(Messages::default())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Messages, E> {
        Ok(Messages::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Messages, E> {
        Ok(Messages::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Messages, E> {
        Ok(Messages::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Messages, E> {
        Ok(Messages::default())
    }
}
