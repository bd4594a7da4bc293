//! Proxy mode: `/api/v1/*` and `/api/lti/*` go to a real Canvas with the server's token.
//! Cookies never cross in either direction and the token never reaches the page.

use crate::http::{bytes, error, path_decode, Req, Resp};
use std::io::Read;
use std::time::Duration;

pub struct Proxy {
    base: String,
    token: String,
    agent: ureq::Agent,
}

/// Headers passed back to the page (besides Content-Type).
const PASS_BACK: [&str; 3] = ["x-rate-limit-remaining", "x-request-cost", "retry-after"];
const MAX_BODY: u64 = 64 * 1024 * 1024;

impl Proxy {
    pub fn new(base: &str, token: &str) -> Result<Proxy, String> {
        let base = base.trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!("--canvas-url must start with https:// or http://, not {base:?}"));
        }
        if token.trim().is_empty() || token.contains(['\r', '\n']) {
            return Err("--token must be a non-empty single line".into());
        }
        let agent = ureq::AgentBuilder::new()
            .redirects(0)
            .timeout_connect(Duration::from_secs(10))
            .timeout_read(Duration::from_secs(60))
            .user_agent("lms-sim proxy")
            .build();
        Ok(Proxy { base, token: token.trim().to_owned(), agent })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether a path is forwarded.
    pub fn forwards(segs: &[&str]) -> bool {
        matches!(segs, ["api", "v1", ..] | ["api", "lti", ..])
    }

    pub fn forward(&self, req: &Req) -> Resp {
        // No dot segments: the token must not reach anything outside the API.
        if req
            .path
            .split('/')
            .any(|s| matches!(path_decode(s).as_str(), "." | "..") || path_decode(s).contains(['/', '\\']))
        {
            return error(400, "The path has dot segments or encoded slashes; the proxy does not forward it.");
        }
        let url = if req.query.is_empty() {
            format!("{}{}", self.base, req.path)
        } else {
            format!("{}{}?{}", self.base, req.path, req.query)
        };
        let mut r = self.agent.request(&req.method, &url).set("Authorization", &format!("Bearer {}", self.token));
        for h in ["accept", "content-type"] {
            if let Some(v) = req.header(h) {
                r = r.set(h, v);
            }
        }
        let result = if req.body.is_empty() && req.is_read() { r.call() } else { r.send_bytes(&req.body) };
        let resp = match result {
            Ok(resp) | Err(ureq::Error::Status(_, resp)) => resp,
            Err(e) => return error(502, &format!("The proxy could not reach Canvas: {e}")),
        };
        let status = resp.status();
        if (300..400).contains(&status) {
            // Canvas redirects an API call to its login page when the token is not accepted
            // there; following it (or passing it on) would leave the API.
            let to = resp.header("location").unwrap_or("").to_owned();
            return error(502, &format!("Canvas answered {status} redirecting to {to:?}; is --canvas-url the Canvas host and is the token valid?"));
        }
        let ct = resp.header("content-type").unwrap_or("application/json").to_owned();
        let keep: Vec<(String, String)> =
            PASS_BACK.iter().filter_map(|h| resp.header(h).map(|v| ((*h).to_owned(), v.to_owned()))).collect();
        let mut body = Vec::new();
        if let Err(e) = resp.into_reader().take(MAX_BODY).read_to_end(&mut body) {
            return error(502, &format!("The proxy lost Canvas's answer: {e}"));
        }
        keep.iter().fold(bytes(status, &ct, body), |r, (k, v)| r.header(k, v))
    }
}
