//! Proxy mode: `/api/v1/*` and `/api/lti/*` go to a real Canvas with the server's token.
//! Cookies never cross in either direction and the token never reaches the page.

use crate::http::{bytes, error, path_decode, Req, Resp};
use std::time::Duration;

pub struct Proxy {
    base: String,
    token: String,
    /// The token for `/api/lti/*` (an LTI tool's client-credentials token), when it differs.
    lti_token: Option<String>,
    client: reqwest::Client,
}

/// Headers passed back to the page (besides Content-Type).
const PASS_BACK: [&str; 3] = ["x-rate-limit-remaining", "x-request-cost", "retry-after"];
const MAX_BODY: usize = 64 * 1024 * 1024;

impl Proxy {
    pub fn new(base: &str, token: &str) -> Result<Proxy, String> {
        let base = base.trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!("--canvas-url must start with https:// or http://, not {base:?}"));
        }
        reqwest::Url::parse(&base).map_err(|e| format!("--canvas-url {base:?} is not a URL: {e}"))?;
        if token.trim().is_empty() || token.contains(['\r', '\n']) {
            return Err("--token must be a non-empty single line".into());
        }
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(60))
            .user_agent("lms-sim proxy")
            .build()
            .map_err(|e| format!("cannot build the proxy's HTTP client: {e}"))?;
        Ok(Proxy { base, token: token.trim().to_owned(), lti_token: None, client })
    }

    /// Sends `/api/lti/*` with this token instead (Canvas takes only LTI tokens there).
    pub fn with_lti_token(self, token: &str) -> Proxy {
        Proxy { lti_token: Some(token.to_owned()), ..self }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether a path is forwarded.
    pub fn forwards(segs: &[&str]) -> bool {
        matches!(segs, ["api", "v1", ..] | ["api", "lti", ..])
    }

    pub async fn forward(&self, req: &Req) -> Resp {
        // No dot segments: the token must not reach anything outside the API.
        if req.path.split('/').map(path_decode).any(|s| matches!(s.as_str(), "." | "..") || s.contains(['/', '\\'])) {
            return error(400, "The path has dot segments or encoded slashes; the proxy does not forward it.");
        }
        let url = if req.query.is_empty() {
            format!("{}{}", self.base, req.path)
        } else {
            format!("{}{}?{}", self.base, req.path, req.query)
        };
        let token = match &self.lti_token {
            Some(t) if req.path.starts_with("/api/lti/") => t,
            _ => &self.token,
        };
        let mut r = self.client.request(req.method.clone(), &url).bearer_auth(token);
        for h in ["accept", "content-type"] {
            if let Some(v) = req.headers.get(h) {
                r = r.header(h, v);
            }
        }
        if !(req.body.is_empty() && req.is_read()) {
            r = r.body(req.body.clone());
        }
        let resp = match r.send().await {
            Ok(resp) => resp,
            Err(e) => return error(502, &format!("The proxy could not reach Canvas: {e}")),
        };
        let status = resp.status().as_u16();
        if resp.status().is_redirection() {
            // Canvas redirects an API call to its login page when the token is not accepted
            // there; following it (or passing it on) would leave the API.
            let to = resp.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            return error(502, &format!("Canvas answered {status} redirecting to {to:?}; is --canvas-url the Canvas host and is the token valid?"));
        }
        let header = |h: &str| resp.headers().get(h).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let ct = header("content-type").unwrap_or_else(|| "application/json".to_owned());
        let keep: Vec<(&str, String)> = PASS_BACK.iter().filter_map(|h| header(h).map(|v| (*h, v))).collect();
        if resp.content_length().is_some_and(|l| l > MAX_BODY as u64) {
            return error(502, "Canvas's answer is larger than the proxy passes on (64 MB).");
        }
        let body = match read_capped(resp).await {
            Ok(b) => b,
            Err(e) => return error(502, &format!("The proxy lost Canvas's answer: {e}")),
        };
        keep.iter().fold(bytes(status, &ct, body), |r, (k, v)| r.header(k, v))
    }
}

/// The body, refusing more than `MAX_BODY` however Canvas frames it.
async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| e.to_string())? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err("it is larger than 64 MB".into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
