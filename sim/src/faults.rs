//! Deterministic fault injection, per job or global (optionally by path prefix).

use serde::Deserialize;

/// One fault. Each applies `times` times (forever when absent), in order.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fault {
    /// Answer with this status (and `body`, default a Canvas-style JSON error).
    pub status: Option<u16>,
    pub body: Option<String>,
    /// Wait this long before answering (then answer normally).
    pub delay_ms: Option<u64>,
    /// Answer 200 with truncated JSON.
    pub malformed_json: bool,
    /// Answer 200 with Canvas's HTML login page (an expired session).
    pub login_page: bool,
    /// Close the connection without answering.
    pub drop: bool,
    /// `"403"` (Canvas's text/plain Rate Limit Exceeded) or `"429"` (with `Retry-After`).
    pub throttle: Option<String>,
    /// Seconds for `Retry-After` on a 429.
    pub retry_after: Option<u64>,
    /// How many requests it applies to.
    pub times: Option<u32>,
    /// Global faults only: apply to paths starting with this (default: every API path).
    pub path_prefix: Option<String>,
}

/// What to do with a request.
pub enum Action {
    Delay(u64),
    Respond(crate::http::Resp),
    Drop,
}

impl Fault {
    /// Consumes one use; `None` once used up.
    pub fn take(&mut self) -> Option<Action> {
        match &mut self.times {
            Some(0) => return None,
            Some(n) => *n -= 1,
            None => {}
        }
        use crate::http::{error, header, text};
        Some(if let Some(ms) = self.delay_ms {
            Action::Delay(ms)
        } else if self.drop {
            Action::Drop
        } else if self.login_page {
            Action::Respond(text(200, "text/html; charset=utf-8", LOGIN_PAGE))
        } else if self.malformed_json {
            Action::Respond(text(200, "application/json; charset=utf-8", "{\"id\":\"1\",\"workflow_st"))
        } else if self.throttle.as_deref() == Some("429") {
            let ra = self.retry_after.unwrap_or(1).to_string();
            Action::Respond(text(429, "text/plain; charset=utf-8", "429 Too Many Requests\n").with_header(header("Retry-After", &ra)))
        } else if self.throttle.is_some() {
            Action::Respond(
                text(403, "text/plain; charset=utf-8", "403 Forbidden (Rate Limit Exceeded)\n")
                    .with_header(header("X-Rate-Limit-Remaining", "0.0")),
            )
        } else {
            let status = self.status.unwrap_or(500);
            match &self.body {
                Some(b) => Action::Respond(text(status, "application/json; charset=utf-8", b)),
                None => Action::Respond(error(status, "Simulated failure")),
            }
        })
    }
}

const LOGIN_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Log In to Canvas</title></head><body><form id=\"login_form\" action=\"/login/canvas\" method=\"post\"><input name=\"pseudonym_session[unique_id]\"><input type=\"password\" name=\"pseudonym_session[password]\"><button type=\"submit\">Log In</button></form></body></html>";
