//! Canvas Progress endpoints and identity.

use crate::http::{error, json, text, Req, Resp};
use crate::state::State;
use serde_json::json;

/// Who is asking.
#[derive(Clone, Debug, PartialEq)]
pub enum Identity {
    /// A user, by bearer token (`sim-user-N`, or any other token = user 1) or session cookie.
    User { id: u64, session: bool },
    /// An LTI tool (`Bearer lti-<tool>`).
    Tool(String),
    Anonymous,
}

pub fn identity(req: &Req) -> Identity {
    if let Some(t) = req.bearer() {
        if let Some(tool) = t.strip_prefix("lti-") {
            return Identity::Tool(tool.to_owned());
        }
        let id = t.strip_prefix("sim-user-").and_then(|n| n.parse().ok()).unwrap_or(1);
        return Identity::User { id, session: false };
    }
    match req.cookie("sim_user").and_then(|c| c.parse().ok()) {
        Some(id) => Identity::User { id, session: true },
        None => Identity::Anonymous,
    }
}

pub fn unauthenticated() -> Resp {
    json(401, &json!({"status":"unauthenticated","errors":[{"message":"user authorization required"}]}))
        .with_header(crate::http::header("WWW-Authenticate", "Bearer realm=\"canvas-lms\""))
}

pub fn unauthorized() -> Resp {
    json(401, &json!({"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}))
}

/// Session requests that change things must carry the CSRF token from the cookie.
pub fn csrf_ok(req: &Req, who: &Identity) -> bool {
    match who {
        Identity::User { session: true, .. } | Identity::Anonymous if req.method != "GET" && req.method != "HEAD" => {
            matches!((req.header("x-csrf-token"), req.cookie("_csrf_token")), (Some(h), Some(c)) if h == c)
        }
        _ => true,
    }
}

pub fn csrf_failed() -> Resp {
    // UNVERIFIED: the exact body Canvas sends for a bad authenticity token.
    error(422, "Invalid authenticity token")
}

/// Canvas JSON: `while(1);` unless the Accept header asks for JSON; throttle headers for tokens.
pub fn canvas_json(req: &Req, status: u16, v: &serde_json::Value) -> Resp {
    let accept = req.header("accept").unwrap_or("");
    let body = if accept.contains("application/json") { v.to_string() } else { format!("while(1);{v}") };
    let mut r = text(status, "application/json; charset=utf-8", &body);
    if req.bearer().is_some() {
        r = r
            .with_header(crate::http::header("X-Request-Cost", "0.0123"))
            .with_header(crate::http::header("X-Rate-Limit-Remaining", "587.6"));
    }
    r
}

pub fn string_ids(req: &Req) -> bool {
    req.header("accept").unwrap_or("").contains("application/json+canvas-string-ids")
}

fn not_found() -> Resp {
    error(404, "The specified resource does not exist.")
}

/// `GET /api/v1/progress/:id`, `POST /api/v1/progress/:id/cancel`, `GET /api/lti/courses/:c/progress/:id`.
pub fn route(req: &Req, who: &Identity, st: &mut State, segs: &[&str]) -> Option<Resp> {
    let now = st.now();
    match (req.method.as_str(), segs) {
        ("GET", ["api", "v1", "progress", id]) => Some(match (who, id.parse::<u64>().ok().and_then(|i| st.jobs.get(&i))) {
            (Identity::Anonymous, _) => unauthenticated(),
            (Identity::Tool(_), _) => unauthorized(),
            (_, None) => not_found(),
            (_, Some(j)) if j.is_cloudreve() => not_found(),
            (_, Some(j)) => canvas_json(req, 200, &j.canvas_json(now, string_ids(req), &format!("/api/v1/progress/{}", j.id))),
        }),
        ("POST", ["api", "v1", "progress", id, "cancel"]) => {
            let Some(job) = id.parse::<u64>().ok().and_then(|i| st.jobs.get_mut(&i)).filter(|j| !j.is_cloudreve()) else {
                return Some(not_found());
            };
            let user = match who {
                Identity::User { id, .. } => *id,
                Identity::Anonymous => return Some(unauthenticated()),
                Identity::Tool(_) => return Some(unauthorized()),
            };
            // Only the creator; a Progress without a user can never be canceled.
            if job.owner != Some(user) {
                return Some(unauthorized());
            }
            let message = req.json().ok().and_then(|b| b.get("message").and_then(|m| m.as_str().map(str::to_owned)));
            // Canvas sets `failed` + message unconditionally, even on a completed job.
            job.canceled = Some((now, message));
            let url = format!("/api/v1/progress/{}", job.id);
            Some(canvas_json(req, 200, &job.canvas_json(now, string_ids(req), &url)))
        }
        ("GET", ["api", "lti", "courses", course, "progress", id]) => {
            let Identity::Tool(tool) = who else {
                return Some(unauthenticated());
            };
            let Some(job) = id.parse::<u64>().ok().and_then(|i| st.jobs.get(&i)).filter(|j| !j.is_cloudreve()) else {
                return Some(not_found());
            };
            let Some(link) = &job.spec.lti else {
                return Some(json(403, &json!({"errors":[{"message":"Tool does not have permission to view a Progress not associated with an Assignment"}]})));
            };
            if link.course_id.to_string() != *course {
                return Some(not_found());
            }
            if &link.tool != tool {
                return Some(json(422, &json!({"errors":[{"message":"Progress associated with Assignment that isn't linked to this Tool"}]})));
            }
            let url = format!("/api/lti/courses/{course}/progress/{id}");
            Some(canvas_json(req, 200, &job.canvas_json(now, string_ids(req), &url)))
        }
        _ => None,
    }
}

/// `GET /api/v4/workflow/progress/:id` (Cloudreve v4: errors are HTTP 200 with `code != 0`).
pub fn cloudreve(req: &Req, st: &State, segs: &[&str]) -> Option<Resp> {
    let ["api", "v4", "workflow", "progress", id] = segs else { return None };
    if req.method != "GET" {
        return None;
    }
    let jwt = req.bearer().is_some_and(|t| t.split('.').count() == 3 && t.split('.').all(|p| !p.is_empty()));
    if !jwt {
        return Some(json(200, &json!({"code": 401, "msg": "Login required", "data": null})));
    }
    Some(match st.jobs.values().find(|j| j.is_cloudreve() && j.cloudreve_id() == *id) {
        Some(j) => json(200, &j.cloudreve_json(st.now())),
        None => json(200, &json!({"code": 404, "msg": "Task not found", "data": null})),
    })
}
