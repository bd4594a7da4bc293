//! Deterministic fault injection, per job or global (optionally by path prefix and method).

use crate::http::{bytes, error, text, Resp};
use axum::body::Body;
use hyper::body::{Bytes, Frame};
use serde::Deserialize;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One fault. It applies to the next `times` matching requests (forever when absent); a
/// list of faults is used in order, each until it is used up.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fault {
    /// Answer with this status, and `body` (default: Canvas's JSON error shape).
    pub status: Option<u16>,
    pub body: Option<String>,
    /// Content-Type of `body`. Defaults to `application/json; charset=utf-8`.
    pub content_type: Option<String>,
    /// Wait this long (at most 120 s), then answer normally.
    pub delay_ms: Option<u64>,
    /// Answer 200 with truncated JSON.
    pub malformed_json: bool,
    /// Answer 200 with a Canvas-like HTML login page (an expired session behind SSO).
    pub login_page: bool,
    /// Close the connection without answering. (Chromium resends a request whose reused
    /// connection closed before any answer, so a page may never see one of these.)
    pub drop: bool,
    /// Start a 200 JSON answer, then close the connection in the middle of its body: a
    /// connection dropped mid-answer, which no browser resends.
    pub cut_off: bool,
    /// `"403"` (Canvas: text/plain "403 Forbidden (Rate Limit Exceeded)") or `"429"` (with `Retry-After`).
    pub throttle: Option<String>,
    /// Seconds for `Retry-After` on a 429 (and on a `status` answer, when given). Defaults to 1 on a 429.
    pub retry_after: Option<u64>,
    /// How many requests it applies to.
    pub times: Option<u32>,
    /// Global faults only: paths starting with this. Defaults to every API path.
    pub path_prefix: Option<String>,
    /// Only requests with this method (e.g. `"POST"`). Defaults to any.
    pub method: Option<String>,
}

/// What a fault does to a request.
pub enum Action {
    Delay(u64),
    Respond(Resp),
    Drop,
}

impl Fault {
    /// Checks the fault's own fields (serde checks the types).
    pub fn validate(&self) -> Result<(), String> {
        let kinds = [
            self.status.is_some(),
            self.delay_ms.is_some(),
            self.malformed_json,
            self.login_page,
            self.drop,
            self.cut_off,
            self.throttle.is_some(),
        ];
        match kinds.iter().filter(|k| **k).count() {
            0 => {
                return Err(
                    "a fault needs one of status, delay_ms, malformed_json, login_page, drop, cut_off, throttle".into(),
                )
            }
            1 => {}
            _ => return Err("a fault does one thing: give several faults in a list instead".into()),
        }
        if let Some(t) = self.throttle.as_deref().filter(|t| *t != "403" && *t != "429") {
            return Err(format!("throttle must be \"403\" or \"429\", not {t:?}"));
        }
        if self.status.is_some_and(|s| !(100..=599).contains(&s)) {
            return Err("status must be 100–599".into());
        }
        Ok(())
    }

    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.times != Some(0)
            && self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path_prefix.as_deref().is_none_or(|p| path.starts_with(p))
    }

    /// Consumes one use.
    pub fn take(&mut self) -> Action {
        if let Some(n) = &mut self.times {
            *n = n.saturating_sub(1);
        }
        if let Some(ms) = self.delay_ms {
            Action::Delay(ms.min(120_000))
        } else if self.drop {
            Action::Drop
        } else if self.cut_off {
            Action::Respond(bytes(200, "application/json; charset=utf-8", Body::new(CutOff::new())))
        } else if self.login_page {
            Action::Respond(text(200, "text/html; charset=utf-8", LOGIN_PAGE))
        } else if self.malformed_json {
            Action::Respond(text(200, "application/json; charset=utf-8", "{\"id\":\"1\",\"workflow_st"))
        } else if self.throttle.as_deref() == Some("429") {
            let ra = self.retry_after.unwrap_or(1).to_string();
            Action::Respond(
                text(429, "text/plain; charset=utf-8", "429 Too Many Requests\n")
                    .header("Retry-After", &ra)
                    .header("X-Rate-Limit-Remaining", "0.0"),
            )
        } else if self.throttle.is_some() {
            Action::Respond(crate::throttle::rate_limited())
        } else {
            let status = self.status.unwrap_or(500);
            let mut r = match &self.body {
                Some(b) => text(status, self.content_type.as_deref().unwrap_or("application/json; charset=utf-8"), b),
                None => error(status, "Simulated failure"),
            };
            if let Some(ra) = self.retry_after {
                r = r.header("Retry-After", &ra.to_string());
            }
            Action::Respond(r)
        }
    }
}

/// What a `cut_off` answer sends before the connection goes.
const CUT_OFF_PART: &str = "{\"id\":\"1\",\"workflow_state\":\"running\",\"comp";

/// A body that sends its one part, waits a moment (so hyper flushes the head and the part),
/// then fails: hyper then closes the connection with the answer half sent (chunked, so the
/// browser knows it is incomplete).
struct CutOff {
    part: Option<Bytes>,
    pause: Pin<Box<tokio::time::Sleep>>,
}

impl CutOff {
    fn new() -> CutOff {
        CutOff {
            part: Some(Bytes::from_static(CUT_OFF_PART.as_bytes())),
            pause: Box::pin(tokio::time::sleep(std::time::Duration::from_millis(50))),
        }
    }
}

impl hyper::body::Body for CutOff {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Some(part) = self.part.take() {
            return Poll::Ready(Some(Ok(Frame::data(part))));
        }
        self.pause.as_mut().poll(cx).map(|()| {
            Some(Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut off (a simulated fault)")))
        })
    }
}

/// Takes the first applicable fault of a list.
pub fn take_first(faults: &mut [Fault], method: &str, path: &str) -> Option<Action> {
    faults.iter_mut().find(|f| f.matches(method, path)).map(Fault::take)
}

const LOGIN_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log In to Canvas</title></head>\n<body class=\"ic-Login-Body\"><main><h1>Log In to Canvas</h1>\n<form id=\"login_form\" action=\"/login/canvas\" method=\"post\"><input type=\"hidden\" name=\"authenticity_token\" value=\"sim\">\n<label>Email <input name=\"pseudonym_session[unique_id]\"></label>\n<label>Password <input type=\"password\" name=\"pseudonym_session[password]\"></label>\n<button type=\"submit\">Log In</button></form></main></body></html>\n";

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[test]
    fn a_cut_off_is_one_kind_of_fault() {
        let f: Fault = serde_json::from_str(r#"{"cut_off":true,"times":1}"#).unwrap();
        assert!(f.validate().is_ok());
        let two: Fault = serde_json::from_str(r#"{"cut_off":true,"drop":true}"#).unwrap();
        assert!(two.validate().is_err());
    }

    #[tokio::test]
    async fn a_cut_off_body_sends_half_an_answer_then_fails() {
        let mut body = CutOff::new();
        let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(first, CUT_OFF_PART.as_bytes());
        assert!(serde_json::from_slice::<serde_json::Value>(&first).is_err(), "half a JSON object");
        assert!(body.frame().await.unwrap().is_err());
    }
}
