//! Canvas course reports (`course_reports_controller.rb`, `lib/api/v1/course_report.rb`):
//! only `course_pace_docx` exists. A report goes created → running → complete (or error)
//! on the simulator's clock; its file downloads from `/files/:id/download`.

use crate::canvas::{canvas_json, string_ids};
use crate::http::{bytes, iso, json, not_found, Req, Resp};
use crate::identity::{require_user, Identity};
use crate::records::Report;
use crate::state::State;
use serde::Deserialize;
use serde_json::{json, Value};

/// How long a report stays `created` before a worker picks it up.
pub const QUEUED_MS: u64 = 300;
const ATTACHMENT_OFFSET: u64 = 900_000;

/// A report to seed for a course and user (`POST /sim/reports/seed`), e.g. one still running.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    pub course_id: u64,
    /// Defaults to 1.
    #[serde(default)]
    pub user_id: Option<u64>,
    /// `created` | `running` (default) | `complete` | `error` | `deleted`.
    #[serde(default)]
    pub status: Option<String>,
    /// Running time. Defaults to 20000 ms.
    #[serde(default)]
    pub duration_ms: Option<u64>,
    /// For `running`: how far along it is now, 0–99. Defaults to 25.
    #[serde(default)]
    pub progress: Option<u64>,
}

impl Report {
    fn status(&self, now: u64) -> (&'static str, u64) {
        let e = now.saturating_sub(self.created_at);
        if e < QUEUED_MS {
            ("created", 0)
        } else if e < QUEUED_MS + self.duration_ms {
            ("running", (e - QUEUED_MS) * 100 / self.duration_ms.max(1))
        } else if self.errors {
            // The Progress stops where the generator failed.
            ("error", 40)
        } else {
            ("complete", 100)
        }
    }

    fn attachment_id(&self) -> u64 {
        ATTACHMENT_OFFSET + self.id
    }

    fn file_name(&self) -> String {
        format!("course_pace_{}.docx", self.course_id)
    }

    pub fn json(&self, now: u64, sids: bool, origin: &str) -> Value {
        let (status, progress) = self.status(now);
        let id = |n: u64| if sids { json!(n.to_string()) } else { json!(n) };
        let started = (status != "created").then(|| iso(self.created_at + QUEUED_MS));
        let ended = matches!(status, "complete" | "error").then(|| iso(self.created_at + QUEUED_MS + self.duration_ms));
        let file = format!("{origin}/files/{}/download?download_frd=1&verifier=sim{}", self.attachment_id(), self.id);
        let mut o = json!({
            "id": id(self.id),
            "report_type": self.report_type,
            "course_id": id(self.course_id),
            "parameters": self.parameters,
            "status": status,
            "created_at": iso(self.created_at),
            "started_at": started,
            "ended_at": ended,
            "file_url": if status == "complete" { json!(file) } else { Value::Null },
            "progress": progress,
        });
        if status == "complete" {
            let at = iso(self.created_at + QUEUED_MS + self.duration_ms);
            o["attachment"] = json!({
                "id": id(self.attachment_id()),
                "uuid": format!("sim{:020}", self.attachment_id()),
                "folder_id": null,
                "display_name": self.file_name(),
                "filename": self.file_name(),
                "upload_status": "success",
                "content-type": crate::docx::CONTENT_TYPE,
                "url": file,
                "size": self.document().map_or(Value::Null, |d| json!(d.len())),
                "created_at": at,
                "updated_at": at,
                "modified_at": at,
                "unlock_at": null,
                "locked": false,
                "hidden": false,
                "lock_at": null,
                "hidden_for_user": false,
                "thumbnail_url": null,
                "mime_class": "doc",
                "media_entry_id": null,
                "locked_for_user": false,
            });
        }
        o
    }

    fn document(&self) -> Result<Vec<u8>, String> {
        let mut lines = vec![
            format!("Course pace report for course {}", self.course_id),
            format!("Generated {} by the lms-widgets simulator", iso(self.created_at + QUEUED_MS + self.duration_ms)),
            format!("Parameters: {}", self.parameters),
        ];
        lines.push("(Canvas's real report lists each student's pace and due dates.)".into());
        crate::docx::document(&lines)
    }
}

fn list_param(params: &Value, key: &str) -> Value {
    match params.get("parameters").and_then(|p| p.get(key)) {
        Some(Value::Array(a)) => Value::Array(a.clone()),
        Some(Value::Null) | None => json!([]),
        Some(v) => json!([v]),
    }
}

pub fn route(req: &Req, who: &Identity, st: &mut State, segs: &[&str]) -> Option<Resp> {
    let ["api", "v1", "courses", course, "reports", rest @ ..] = segs else { return None };
    let now = st.now();
    let origin = req.origin();
    let user = match require_user(who) {
        Ok(u) => u,
        Err(r) => return Some(r),
    };
    let Ok(course_id) = course.parse::<u64>() else { return Some(not_found()) };
    let sids = string_ids(req);
    Some(match (req.method.as_str(), rest) {
        ("POST", [ty]) => {
            // Checked before permissions, as Canvas does.
            if *ty != "course_pace_docx" {
                return Some(json(400, &json!({ "error": format!("invalid report type {ty}") })));
            }
            let params = match req.params() {
                Ok(p) => p,
                Err(e) => return Some(crate::http::error(400, &e)),
            };
            // Only the two permitted arrays are kept (`params[:parameters].permit(...)`).
            let parameters = json!({ "enrollment_ids": list_param(&params, "enrollment_ids"), "section_ids": list_param(&params, "section_ids") });
            let cfg = std::mem::take(&mut st.reports.next);
            let r = Report {
                id: st.next_id(),
                course_id,
                user_id: user,
                report_type: ty.to_string(),
                parameters,
                created_at: now,
                duration_ms: cfg.duration_ms.unwrap_or(3000).clamp(1, crate::jobs::MAX_MS),
                errors: cfg.error,
                deleted: false,
            };
            let out = r.json(now, sids, &origin);
            st.reports.items.push(r);
            canvas_json(req, who, 200, &out)
        }
        ("GET" | "HEAD", [ty, "last"]) | ("GET" | "HEAD", [ty]) => {
            let newest = st
                .reports
                .items
                .iter()
                .rev()
                .find(|r| !r.deleted && r.user_id == user && r.report_type == *ty && r.course_id == course_id);
            match newest {
                Some(r) => canvas_json(req, who, 200, &r.json(now, sids, &origin)),
                // Canvas renders `{}` and then renders again: a double render, i.e. a 500.
                None => json(500, &json!({"errors":[{"message":"An error occurred."}],"error_report_id":st.next_id})),
            }
        }
        ("GET" | "HEAD", [_, id]) => {
            // The :report_type segment is ignored, as in Canvas.
            let found = id
                .parse::<u64>()
                .ok()
                .and_then(|i| st.reports.items.iter().find(|r| r.id == i && r.course_id == course_id && !r.deleted));
            match found {
                None => not_found(),
                Some(r) if r.user_id != user => crate::identity::unauthorized(),
                Some(r) => canvas_json(req, who, 200, &r.json(now, sids, &origin)),
            }
        }
        _ => return None,
    })
}

/// `POST /sim/reports/seed`: answers the report's JSON.
pub fn seed(st: &mut State, s: Seed, origin: &str) -> Result<Value, String> {
    let now = st.now();
    let duration_ms = s.duration_ms.unwrap_or(20_000).clamp(1, crate::jobs::MAX_MS);
    let done = now.saturating_sub(duration_ms + QUEUED_MS + 1);
    let (created_at, errors, deleted) = match s.status.as_deref().unwrap_or("running") {
        "created" => (now, false, false),
        "running" => {
            let p = s.progress.unwrap_or(25).min(99);
            (now.saturating_sub(QUEUED_MS + duration_ms * p / 100), false, false)
        }
        "complete" => (done, false, false),
        "error" => (done, true, false),
        "deleted" => (done, false, true),
        other => return Err(format!("status must be created, running, complete, error or deleted, not {other:?}")),
    };
    let r = Report {
        id: st.next_id(),
        course_id: s.course_id,
        user_id: s.user_id.unwrap_or(1),
        report_type: "course_pace_docx".into(),
        parameters: json!({"enrollment_ids": [], "section_ids": []}),
        created_at,
        duration_ms,
        errors,
        deleted,
    };
    let out = r.json(now, false, origin);
    st.reports.items.push(r);
    Ok(out)
}

/// `GET /files/:attachment_id/download`: the report's document, once it is complete.
pub fn file(st: &State, segs: &[&str]) -> Option<Resp> {
    let ["files", id, "download"] = segs else { return None };
    let id = id.parse::<u64>().ok()?.checked_sub(ATTACHMENT_OFFSET)?;
    let r = st.reports.items.iter().find(|r| r.id == id && !r.deleted)?;
    (r.status(st.now()).0 == "complete").then(|| match r.document() {
        Ok(doc) => bytes(200, crate::docx::CONTENT_TYPE, doc)
            .header("Content-Disposition", &format!("attachment; filename=\"{}\"", r.file_name())),
        Err(e) => crate::http::error(500, &e),
    })
}
