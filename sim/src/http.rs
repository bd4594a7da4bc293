//! Small HTTP helpers over tiny_http: reading requests, building responses, cookies, time.

use std::io::Read;
use std::time::{SystemTime, UNIX_EPOCH};
use tiny_http::{Header, Request, Response};

/// A fully read request.
pub struct Req {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Req {
    pub fn read(r: &mut Request) -> Req {
        let url = r.url().to_owned();
        let (path, query) = url.split_once('?').map(|(p, q)| (p.to_owned(), q.to_owned())).unwrap_or((url, String::new()));
        let headers = r.headers().iter().map(|h| (h.field.as_str().as_str().to_ascii_lowercase(), h.value.as_str().to_owned())).collect();
        let mut body = String::new();
        let _ = r.as_reader().take(8 * 1024 * 1024).read_to_string(&mut body);
        Req { method: r.method().as_str().to_ascii_uppercase(), path, query, headers, body }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        let all = self.header("cookie")?;
        all.split(';').find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('=').map(url_decode))
    }

    pub fn bearer(&self) -> Option<&str> {
        self.header("authorization")?.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty())
    }

    /// The JSON body, or form fields folded into JSON (`a[b][]=1` style kept as keys).
    pub fn json(&self) -> Result<serde_json::Value, String> {
        if self.body.trim().is_empty() {
            return Ok(serde_json::json!({}));
        }
        let ct = self.header("content-type").unwrap_or("");
        if ct.contains("application/x-www-form-urlencoded") {
            let mut map = serde_json::Map::new();
            for kv in self.body.split('&').filter(|s| !s.is_empty()) {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                let (k, v) = (url_decode(k), url_decode(v));
                match map.get_mut(&k) {
                    Some(serde_json::Value::Array(a)) => a.push(v.into()),
                    Some(other) => *other = serde_json::Value::Array(vec![other.clone(), v.into()]),
                    None if k.ends_with("[]") => {
                        map.insert(k, serde_json::Value::Array(vec![v.into()]));
                    }
                    None => {
                        map.insert(k, v.into());
                    }
                }
            }
            return Ok(serde_json::Value::Object(map));
        }
        serde_json::from_str(&self.body).map_err(|e| format!("the body is not JSON: {e}"))
    }
}

pub type Resp = Response<std::io::Cursor<Vec<u8>>>;

pub fn header(k: &str, v: &str) -> Header {
    Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header"))
}

pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Resp {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

pub fn text(status: u16, content_type: &str, body: &str) -> Resp {
    bytes(status, content_type, body.as_bytes().to_vec())
}

pub fn json(status: u16, v: &serde_json::Value) -> Resp {
    text(status, "application/json; charset=utf-8", &v.to_string())
}

pub fn error(status: u16, message: &str) -> Resp {
    json(status, &serde_json::json!({ "errors": [{ "message": message }] }))
}

pub fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    #[test]
    fn iso_formats_known_instants() {
        assert_eq!(super::iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso(1_700_000_000_000), "2023-11-14T22:13:20Z");
    }
    #[test]
    fn url_decoding_handles_plus_and_percent() {
        assert_eq!(super::url_decode("a%2Bb+c%3D"), "a+b c=");
        assert_eq!(super::url_decode("100%"), "100%");
    }
}
