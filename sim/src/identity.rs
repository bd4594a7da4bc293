//! Who is asking, as Canvas would see it: an access token, an LTI tool, or a session
//! cookie (whose non-GET requests need the CSRF token).

use crate::http::{json, Req, Resp};
use serde_json::json;

#[derive(Clone, Debug, PartialEq)]
pub enum Identity {
    /// A user: by token (`session: false`) or by the `sim_user` cookie (`session: true`).
    User {
        id: u64,
        session: bool,
    },
    /// An LTI tool's client-credentials token (`Bearer lti-TOOL`).
    Tool(String),
    Anonymous,
}

impl Identity {
    /// The throttle bucket (Canvas: token, user, session, tool, ip; headers are omitted only
    /// for `session:` clients, which the simulator has none of).
    pub fn throttle_client(&self, req: &Req) -> Option<String> {
        match self {
            Identity::Tool(t) => Some(format!("tool:{t}")),
            Identity::User { session: false, .. } => req.bearer().map(|t| format!("token:{t}")),
            Identity::User { id, session: true } => Some(format!("user:{id}")),
            Identity::Anonymous => None,
        }
    }
}

/// The token conventions (documented in the README):
/// `sim-user-N` → user N; `lti-TOOL` → tool TOOL; `invalid…`/`expired…` → 401
/// "Invalid access token."; any other token → user 1. Without a token, the cookie
/// `sim_user=N` is a session for user N.
pub fn identify(req: &Req) -> Result<Identity, Resp> {
    if let Some(t) = req.bearer() {
        if let Some(tool) = t.strip_prefix("lti-").filter(|s| !s.is_empty()) {
            return Ok(Identity::Tool(tool.to_owned()));
        }
        if t.starts_with("invalid") || t.starts_with("expired") {
            return Err(invalid_token());
        }
        return match t.strip_prefix("sim-user-") {
            Some(n) => n.parse().map(|id| Identity::User { id, session: false }).map_err(|_| invalid_token()),
            None => Ok(Identity::User { id: 1, session: false }),
        };
    }
    Ok(match req.cookie("sim_user").and_then(|c| c.trim().parse().ok()) {
        Some(id) => Identity::User { id, session: true },
        None => Identity::Anonymous,
    })
}

/// A session request that changes something must echo the `_csrf_token` cookie
/// (URL-decoded) in `X-CSRF-Token` (or the form field `authenticity_token`).
pub fn csrf_ok(req: &Req, who: &Identity) -> bool {
    let needs = match who {
        Identity::User { session, .. } => *session,
        Identity::Anonymous => req.cookie("_csrf_token").is_some(),
        Identity::Tool(_) => false,
    };
    !needs || req.is_read() || csrf_matches(req, None)
}

/// The header (or form field) equals the decoded cookie (and, when given, the token this
/// server issued: the proxy insists on that, so a cookie planted by another local site
/// cannot pass).
pub fn csrf_matches(req: &Req, issued: Option<&str>) -> bool {
    let Some(cookie) = req.cookie("_csrf_token").filter(|c| !c.is_empty()) else { return false };
    if issued.is_some_and(|t| t != cookie) {
        return false;
    }
    let sent = req.header("x-csrf-token").map(str::to_owned).or_else(|| {
        let p = req.params().ok()?;
        p.get("authenticity_token")?.as_str().map(str::to_owned)
    });
    sent.as_deref() == Some(cookie.as_str())
}

/// UNVERIFIED body: the exact JSON Canvas sends for a bad authenticity token.
pub fn csrf_failed() -> Resp {
    crate::http::error(422, "Invalid authenticity token")
}

pub fn unauthenticated() -> Resp {
    json(401, &json!({"status":"unauthenticated","errors":[{"message":"user authorization required"}]}))
        .header("WWW-Authenticate", "Bearer realm=\"canvas-lms\"")
}

pub fn unauthorized() -> Resp {
    json(401, &json!({"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}))
}

/// Canvas's answer to a bad or expired token (body as observed from Canvas; the header is
/// UNVERIFIED).
pub fn invalid_token() -> Resp {
    json(401, &json!({"errors":[{"message":"Invalid access token."}]}))
        .header("WWW-Authenticate", "Bearer realm=\"canvas-lms\"")
}

/// A user, or the answer for anyone else (anonymous → 401 unauthenticated, a tool → 401
/// unauthorized).
pub fn require_user(who: &Identity) -> Result<u64, Resp> {
    match who {
        Identity::User { id, .. } => Ok(*id),
        Identity::Anonymous => Err(unauthenticated()),
        Identity::Tool(_) => Err(unauthorized()),
    }
}
