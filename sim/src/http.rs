//! Requests, responses and the small helpers around them (cookies, forms, URL coding, time).

use serde_json::{Map, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// A fully read request. `path` is the raw (still percent-encoded) path.
#[derive(Clone, Debug, Default)]
pub struct Req {
    pub method: String,
    /// `HTTP/1.1` or `HTTP/1.0`.
    pub version: String,
    pub path: String,
    pub query: String,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A cookie's URL-decoded value.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k == "cookie")
            .flat_map(|(_, v)| v.split(';'))
            .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('=').map(url_decode))
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
        self.method == "GET" || self.method == "HEAD"
    }

    /// A query-string parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (url_decode(k) == name).then(|| url_decode(v))
        })
    }

    /// The body as Canvas's Rails reads it: JSON, or form fields (`a[b][]=1`) nested the
    /// way Rails nests them. An empty body is `{}`.
    pub fn params(&self) -> Result<Value, String> {
        let ct = self.header("content-type").unwrap_or("").to_ascii_lowercase();
        if ct.starts_with("application/x-www-form-urlencoded") {
            return Ok(parse_form(&String::from_utf8_lossy(&self.body)));
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

/// Rails-style form decoding: `a=1&b[]=2&b[]=3&c[d][]=4` → `{"a":"1","b":["2","3"],"c":{"d":["4"]}}`.
pub fn parse_form(body: &str) -> Value {
    let mut root = Value::Object(Map::new());
    for kv in body.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let (k, v) = (url_decode(k), url_decode(v));
        let (base, rest) = match k.find('[') {
            Some(i) => (&k[..i], &k[i..]),
            None => (k.as_str(), ""),
        };
        let mut keys = vec![base.to_owned()];
        let mut s = rest;
        while let Some(inner) = s.strip_prefix('[') {
            let Some(end) = inner.find(']') else { break };
            keys.push(inner[..end].to_owned());
            s = &inner[end + 1..];
        }
        insert(&mut root, &keys, Value::String(v));
    }
    root
}

fn insert(node: &mut Value, keys: &[String], v: Value) {
    let Some((first, rest)) = keys.split_first() else { return };
    if first.is_empty() {
        // `[]`: append (nested keys after `[]` are not needed by any endpoint here).
        if !node.is_array() {
            *node = Value::Array(Vec::new());
        }
        if let Value::Array(a) = node {
            a.push(v);
        }
        return;
    }
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    let Value::Object(m) = node else { return };
    if rest.is_empty() {
        m.insert(first.clone(), v);
    } else {
        insert(m.entry(first.clone()).or_insert(Value::Null), rest, v);
    }
}

/// A response.
#[derive(Clone, Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    /// Adds a header (CR/LF are stripped so a value can never split the head).
    pub fn header(mut self, k: &str, v: &str) -> Resp {
        let clean = |s: &str| s.chars().filter(|c| *c != '\r' && *c != '\n').collect::<String>();
        self.headers.push((clean(k), clean(v)));
        self
    }

    pub fn get_header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Resp {
    Resp { status, headers: Vec::new(), body }.header("Content-Type", content_type).header("Cache-Control", "no-store")
}

pub fn text(status: u16, content_type: &str, body: &str) -> Resp {
    bytes(status, content_type, body.as_bytes().to_vec())
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

pub fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match hex(b[i + 1]).zip(hex(b[i + 2])) {
                Some((h, l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-decoding for paths (where `+` is a plus).
pub fn path_decode(s: &str) -> String {
    url_decode(&s.replace('+', "%2B"))
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|c| match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (c as char).to_string(),
            _ => format!("%{c:02X}"),
        })
        .collect()
}

/// Milliseconds since the Unix epoch.
pub fn epoch_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// ISO 8601 UTC (`2026-11-24T09:30:00Z`) from epoch milliseconds.
pub fn iso(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn iso_formats_known_instants() {
        assert_eq!(super::iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso(1_700_000_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn url_decoding_handles_plus_percent_and_broken_escapes() {
        for (input, want) in
            [("a%2Bb+c%3D", "a+b c="), ("100%", "100%"), ("%4", "%4"), ("%zz", "%zz"), ("%e2%82%ac", "€")]
        {
            assert_eq!(super::url_decode(input), want, "{input}");
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
            ("a[]=1&b=2", json!({"a": ["1"], "b": "2"})),
            ("", json!({})),
        ];
        for (form, want) in cases {
            assert_eq!(super::parse_form(form), want, "{form}");
        }
    }
}
