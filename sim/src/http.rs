//! The simulator's view of a request and its answer, over the `http` types axum uses, and the
//! codecs around them (cookies, queries, Rails forms, time), each from its crate.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::{Map, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// A fully read request. `path` is the raw (still percent-encoded) path.
#[derive(Debug)]
pub struct Req {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// The largest request body read (a larger one gets 413).
const MAX_BODY: usize = 8 * 1024 * 1024;

impl Req {
    /// Reads the whole body (up to 8 MB).
    pub async fn read(req: Request) -> Result<Req, Resp> {
        // A refused body is not read, so the connection cannot carry another request.
        let too_large = || error(413, "The request body is too large.").header("Connection", "close");
        let (parts, body) = req.into_parts();
        let declared = parts.headers.get(CONTENT_LENGTH).and_then(|l| l.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|l| l > MAX_BODY as u64) {
            return Err(too_large());
        }
        let body = match Limited::new(body, MAX_BODY).collect().await {
            Ok(b) => b.to_bytes(),
            Err(e) if e.is::<LengthLimitError>() => return Err(too_large()),
            Err(e) => {
                return Err(
                    error(400, &format!("The request body could not be read: {e}")).header("Connection", "close")
                )
            }
        };
        Ok(Req {
            method: parts.method,
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or("").to_owned(),
            headers: parts.headers,
            body,
        })
    }

    /// A header's value; a value that is not text reads as absent (the server refuses
    /// non-UTF-8 heads before any handler sees them).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
    }

    /// A cookie's URL-decoded value.
    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie(&self.headers, name)
    }

    /// The bearer token, if any.
    pub fn bearer(&self) -> Option<&str> {
        let v = self.header("authorization")?.trim();
        let (scheme, token) = v.split_once(' ')?;
        Some(token.trim()).filter(|t| scheme.eq_ignore_ascii_case("bearer") && !t.is_empty())
    }

    /// `http://<Host>` (a Host with odd characters falls back to 127.0.0.1), for the
    /// absolute URLs Canvas puts in its JSON.
    pub fn origin(&self) -> String {
        let host = self
            .header("host")
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".:-[]".contains(&b)));
        format!("http://{}", host.unwrap_or("127.0.0.1"))
    }

    pub fn is_read(&self) -> bool {
        self.method == Method::GET || self.method == Method::HEAD
    }

    /// A query-string parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query.as_bytes()).find_map(|(k, v)| (k == name).then(|| v.into_owned()))
    }

    /// The body as Canvas's Rails reads it: JSON, or form fields (`a[b][]=1`) nested the
    /// way Rails nests them. An empty body is `{}`.
    pub fn params(&self) -> Result<Value, String> {
        let ct = self.header("content-type").unwrap_or("").to_ascii_lowercase();
        if ct.starts_with("application/x-www-form-urlencoded") {
            return parse_form(&self.body);
        }
        self.json()
    }

    /// The body as JSON, whatever the Content-Type says (`curl -d` sends a form type).
    pub fn json(&self) -> Result<Value, String> {
        let text = std::str::from_utf8(&self.body).map_err(|_| "the body is not UTF-8".to_owned())?;
        if text.trim().is_empty() {
            return Ok(Value::Object(Map::new()));
        }
        serde_json::from_str(text).map_err(|e| format!("the body is not JSON: {e}"))
    }
}

/// A cookie's URL-decoded value, from every `Cookie` header.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| std::str::from_utf8(v.as_bytes()).ok())
        .flat_map(cookie::Cookie::split_parse_encoded)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// Rails-style form decoding: `a=1&b[]=2&b[]=3&c[d][]=4` → `{"a":"1","b":["2","3"],"c":{"d":["4"]}}`.
/// Browsers send the brackets percent-encoded, so the parser is not strict about them.
pub fn parse_form(body: &[u8]) -> Result<Value, String> {
    let form: Map<String, Value> =
        serde_qs::Config::new(5, false).deserialize_bytes(body).map_err(|e| format!("the body is not a form: {e}"))?;
    Ok(Value::Object(form))
}

/// A response under construction. Handlers build it with [`Resp::header`]; the server turns
/// it into axum's [`Response`]. Boxed, so the many `Result<_, Resp>` stay small.
#[derive(Debug)]
pub struct Resp(Box<Response>);

impl Resp {
    /// Adds a header. A name or value the HTTP types refuse (a CR or LF in it) is left out,
    /// so a value can never split the head.
    pub fn header(mut self, k: &str, v: &str) -> Resp {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            self.0.headers_mut().append(k, v);
        }
        self
    }

    pub fn get_header(&self, name: &str) -> Option<&str> {
        self.0.headers().get(name).and_then(|v| v.to_str().ok())
    }
}

impl IntoResponse for Resp {
    fn into_response(self) -> Response {
        *self.0
    }
}

pub fn bytes(status: u16, content_type: &str, body: impl Into<Body>) -> Resp {
    let mut r = Response::new(body.into());
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let ct = HeaderValue::try_from(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    r.headers_mut().insert(CONTENT_TYPE, ct);
    Resp(Box::new(r)).header("Cache-Control", "no-store")
}

pub fn text(status: u16, content_type: &str, body: &str) -> Resp {
    bytes(status, content_type, body.to_owned())
}

pub fn json(status: u16, v: &Value) -> Resp {
    text(status, "application/json; charset=utf-8", &v.to_string())
}

/// Canvas's usual error body: `{"errors":[{"message":…}]}`.
pub fn error(status: u16, message: &str) -> Resp {
    json(status, &serde_json::json!({ "errors": [{ "message": message }] }))
}

pub fn not_found() -> Resp {
    error(404, "The specified resource does not exist.")
}

/// Percent-decoding for paths (where `+` is a plus).
pub fn path_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Everything but `A–Z a–z 0–9 - _ . ~` is percent-encoded (as Rails' `CGI.escape`, with
/// `%20` for a space).
const COMPONENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub fn url_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}

/// Milliseconds since the Unix epoch.
pub fn epoch_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// ISO 8601 UTC to the second (`2026-11-24T09:30:00Z`) from epoch milliseconds, as Canvas
/// renders times. Instants past what `time` represents (year 9999) read as its last second.
pub fn iso(ms: u64) -> String {
    use time::{macros::format_description, OffsetDateTime, PrimitiveDateTime};
    let at = i64::try_from(ms / 1000)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or_else(|| PrimitiveDateTime::MAX.assume_utc());
    at.format(format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"))
        .unwrap_or_else(|e| format!("(unformattable time: {e})"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn iso_formats_known_instants() {
        assert_eq!(super::iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso(1_700_000_000_999), "2023-11-14T22:13:20Z");
        assert_eq!(super::iso(u64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn path_decoding_keeps_plus_and_broken_escapes() {
        for (input, want) in
            [("a%2Bb+c%3D", "a+b+c="), ("100%", "100%"), ("%4", "%4"), ("%zz", "%zz"), ("%e2%82%ac", "€")]
        {
            assert_eq!(super::path_decode(input), want, "{input}");
        }
    }

    #[test]
    fn forms_nest_like_rails() {
        let cases = [
            ("message=stop+now", json!({"message": "stop now"})),
            (
                "parameters[section_ids][]=7&parameters[section_ids][]=8",
                json!({"parameters": {"section_ids": ["7", "8"]}}),
            ),
            (
                "parameters%5Bsection_ids%5D%5B%5D=7&parameters%5Bsection_ids%5D%5B%5D=8",
                json!({"parameters": {"section_ids": ["7", "8"]}}),
            ),
            ("a[]=1&b=2", json!({"a": ["1"], "b": "2"})),
            ("", json!({})),
        ];
        for (form, want) in cases {
            assert_eq!(super::parse_form(form.as_bytes()), Ok(want), "{form}");
        }
    }
}
