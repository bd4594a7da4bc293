//! Canvas Progress endpoints (`progress_controller.rb`, `lti/ims/progress_controller.rb`)
//! and Canvas's JSON conventions.

use crate::http::{json, not_found, text, Req, Resp};
use crate::identity::{require_user, unauthenticated, unauthorized, Identity};
use crate::state::State;
use serde_json::{json, Value};

/// Canvas JSON. Like `prepend_json_csrf?` (GET, session-authenticated, and an Accept
/// header without `application/json`), the body is prefixed with `while(1);`.
pub fn canvas_json(req: &Req, who: &Identity, status: u16, v: &Value) -> Resp {
    let accept = req.header("accept").unwrap_or("");
    let session = matches!(who, Identity::User { session: true, .. });
    if req.is_read() && session && !accept.contains("application/json") {
        text(status, "application/json; charset=utf-8", &format!("while(1);{v}"))
    } else {
        json(status, v)
    }
}

/// Ids as strings when asked (`Accept: application/json+canvas-string-ids`).
pub fn string_ids(req: &Req) -> bool {
    req.header("accept").unwrap_or("").contains("application/json+canvas-string-ids")
}

/// The job a Progress-style path points at (for its faults): `/api/v1/progress/:id[/cancel]`,
/// `/api/lti/courses/:c/progress/:id`, `/api/v4/workflow/progress/:cloudreve_id`.
pub fn job_of_path(st: &State, segs: &[&str]) -> Option<u64> {
    match segs {
        ["api", "v1", "progress", id]
        | ["api", "v1", "progress", id, "cancel"]
        | ["api", "lti", "courses", _, "progress", id] => id.parse().ok().filter(|i| st.jobs.contains_key(i)),
        ["api", "v4", "workflow", "progress", id] => {
            st.jobs.values().find(|j| j.is_cloudreve() && j.cloudreve_id() == *id).map(|j| j.id)
        }
        _ => None,
    }
}

/// `GET /api/v1/progress/:id`, `POST /api/v1/progress/:id/cancel`, `GET /api/lti/courses/:c/progress/:id`.
pub fn route(req: &Req, who: &Identity, st: &mut State, segs: &[&str]) -> Option<Resp> {
    let now = st.now();
    let sids = string_ids(req);
    let find = |st: &State, id: &str| {
        id.parse::<u64>().ok().and_then(|i| st.jobs.get(&i)).filter(|j| !j.is_cloudreve()).map(|j| j.id)
    };
    Some(match (req.method.as_str(), segs) {
        ("GET" | "HEAD", ["api", "v1", "progress", id]) => {
            let user = match require_user(who) {
                Ok(u) => u,
                Err(r) => return Some(r),
            };
            let Some(jid) = find(st, id) else { return Some(not_found()) };
            let job = st.jobs.get(&jid)?;
            // Canvas checks read on the Progress's context: every user, unless `readers` says.
            if job.spec.readers.as_ref().is_some_and(|r| !r.contains(&user)) {
                return Some(unauthorized());
            }
            canvas_json(req, who, 200, &job.canvas_json(now, sids, &format!("{}{}", req.origin(), job.url())))
        }
        ("POST", ["api", "v1", "progress", id, "cancel"]) => {
            let user = match require_user(who) {
                Ok(u) => u,
                Err(r) => return Some(r),
            };
            let Some(jid) = find(st, id) else { return Some(not_found()) };
            let params = match req.params() {
                Ok(p) => p,
                Err(e) => return Some(crate::http::error(400, &e)),
            };
            let job = st.jobs.get_mut(&jid)?;
            // Only the creator; a Progress without a user can never be canceled.
            if job.owner != Some(user) {
                return Some(unauthorized());
            }
            let message =
                params.get("message").and_then(Value::as_str).map(str::to_owned).or_else(|| req.query_param("message"));
            // Canvas sets `failed` + message unconditionally, even on a completed Progress.
            job.forced = Some(crate::jobs::Forced { at: now, state: "failed", message });
            canvas_json(req, who, 200, &job.canvas_json(now, sids, &format!("{}{}", req.origin(), job.url())))
        }
        ("GET" | "HEAD", ["api", "lti", "courses", course, "progress", id]) => {
            let tool = match who {
                Identity::Tool(t) => t,
                Identity::Anonymous => return Some(unauthenticated()),
                Identity::User { .. } => return Some(unauthorized()),
            };
            let Some(jid) = find(st, id) else { return Some(not_found()) };
            let job = st.jobs.get(&jid)?;
            let Some(link) = &job.spec.lti else {
                return Some(json(
                    403,
                    &json!({"errors":[{"message":"Tool does not have permission to view a Progress not associated with an Assignment"}]}),
                ));
            };
            if link.course_id.to_string() != *course {
                return Some(not_found());
            }
            if &link.tool != tool {
                return Some(json(
                    422,
                    &json!({"errors":[{"message":"Progress associated with Assignment that isn't linked to this Tool"}]}),
                ));
            }
            let url = format!("{}/api/lti/courses/{course}/progress/{id}", req.origin());
            canvas_json(req, who, 200, &job.canvas_json(now, sids, &url))
        }
        _ => return None,
    })
}

/// `GET /api/v4/workflow/progress/:id` (Cloudreve v4: errors are HTTP 200 with `code != 0`).
pub fn cloudreve(req: &Req, st: &State, segs: &[&str]) -> Option<Resp> {
    let ["api", "v4", "workflow", "progress", id] = segs else { return None };
    if !req.is_read() {
        return Some(json(200, &json!({"code": 40001, "msg": "Method not allowed", "data": null})));
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
