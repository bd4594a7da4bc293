//! Canvas course reports (`course_reports_controller.rb`): only `course_pace_docx` exists.

use crate::canvas::{canvas_json, string_ids, unauthenticated, unauthorized, Identity};
use crate::http::{bytes, header, iso, json, Req, Resp};
use serde::Deserialize;
use serde_json::{json, Value};

const QUEUED_MS: u64 = 300;

#[derive(Clone, Debug)]
pub struct Report {
    pub id: u64,
    pub course_id: u64,
    pub user_id: u64,
    pub report_type: String,
    pub parameters: Value,
    pub created_at: u64,
    pub duration_ms: u64,
    pub errors: bool,
}

/// What the next created report does (`POST /sim/reports/config`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportConfig {
    pub duration_ms: Option<u64>,
    pub error: bool,
}

/// A report to seed for a course and user (`POST /sim/reports/seed`), e.g. one still running.
#[derive(Clone, Debug, Deserialize)]
pub struct Seed {
    pub course_id: u64,
    #[serde(default = "one")]
    pub user_id: u64,
    /// `running` (default), `complete` or `error`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub duration_ms: Option<u64>,
}

fn one() -> u64 {
    1
}

#[derive(Default)]
pub struct Reports {
    pub items: Vec<Report>,
    pub next: ReportConfig,
}

impl Report {
    fn status(&self, now: u64) -> (&'static str, i64) {
        let e = now.saturating_sub(self.created_at);
        if e < QUEUED_MS {
            ("created", 0)
        } else if e < QUEUED_MS + self.duration_ms {
            ("running", ((e - QUEUED_MS) * 100 / self.duration_ms.max(1)) as i64)
        } else if self.errors {
            ("error", 40)
        } else {
            ("complete", 100)
        }
    }

    fn json(&self, now: u64, string_ids: bool, origin: &str) -> Value {
        let (status, progress) = self.status(now);
        let id = |n: u64| if string_ids { json!(n.to_string()) } else { json!(n) };
        let started = (status != "created").then(|| iso(self.created_at + QUEUED_MS));
        let ended = matches!(status, "complete" | "error").then(|| iso(self.created_at + QUEUED_MS + self.duration_ms));
        let file = format!("{origin}/sim/files/{}/course_pace.docx?verifier=sim", self.id);
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
            o["attachment"] = json!({
                "id": id(self.id + 9000),
                "display_name": "course_pace.docx",
                "filename": "course_pace.docx",
                "size": DOCX.len(),
                "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "url": file,
            });
        }
        o
    }
}

/// A tiny but real payload (a docx is a zip; this is its PK header plus text).
const DOCX: &[u8] = b"PK\x03\x04lms-widgets simulator: course pace report\n";

pub fn route(req: &Req, who: &Identity, st: &mut crate::state::State, segs: &[&str]) -> Option<Resp> {
    let now = st.now();
    let origin = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
    let (course, rest) = match segs {
        ["api", "v1", "courses", c, "reports", rest @ ..] => (*c, rest),
        _ => return None,
    };
    let course_id: u64 = match course.parse() {
        Ok(c) => c,
        Err(_) => return Some(crate::http::error(404, "The specified resource does not exist.")),
    };
    let user = match who {
        Identity::User { id, .. } => *id,
        Identity::Anonymous => return Some(unauthenticated()),
        Identity::Tool(_) => return Some(unauthorized()),
    };
    let sids = string_ids(req);
    Some(match (req.method.as_str(), rest) {
        ("POST", [ty]) => {
            if *ty != "course_pace_docx" {
                return Some(json(400, &json!({ "error": format!("invalid report type {ty}") })));
            }
            let body = match req.json() {
                Ok(b) => b,
                Err(e) => return Some(crate::http::error(400, &e)),
            };
            let list = |k: &str| -> Value {
                let nested = body.get("parameters").and_then(|p| p.get(k)).cloned();
                let form = body.get(&format!("parameters[{k}][]")).cloned();
                match nested.or(form) {
                    Some(Value::Array(a)) => Value::Array(a),
                    Some(Value::Null) | None => json!([]),
                    Some(v) => json!([v]),
                }
            };
            let parameters = json!({ "enrollment_ids": list("enrollment_ids"), "section_ids": list("section_ids") });
            let cfg = std::mem::take(&mut st.reports.next);
            let r = Report {
                id: st.next_id(),
                course_id,
                user_id: user,
                report_type: ty.to_string(),
                parameters,
                created_at: now,
                duration_ms: cfg.duration_ms.unwrap_or(3000),
                errors: cfg.error,
            };
            let out = r.json(now, sids, &origin);
            st.reports.items.push(r);
            canvas_json(req, 200, &out)
        }
        ("GET", [ty, "last"]) | ("GET", [ty]) => {
            let newest = st.reports.items.iter().rev().find(|r| r.user_id == user && r.report_type == *ty && r.course_id == course_id);
            match newest {
                Some(r) => canvas_json(req, 200, &r.json(now, sids, &origin)),
                // Canvas renders `{}` and then renders again: a double render, i.e. a 500.
                None => json(500, &json!({"errors":[{"message":"An error occurred."}]})),
            }
        }
        ("GET", [_, id]) => match id.parse::<u64>().ok().and_then(|i| st.reports.items.iter().find(|r| r.id == i && r.course_id == course_id)) {
            None => crate::http::error(404, "The specified resource does not exist."),
            Some(r) if r.user_id != user => unauthorized(),
            Some(r) => canvas_json(req, 200, &r.json(now, sids, &origin)),
        },
        _ => return None,
    })
}

pub fn seed(st: &mut crate::state::State, s: Seed) -> Value {
    let now = st.now();
    let duration_ms = s.duration_ms.unwrap_or(20_000);
    let (created_at, errors) = match s.status.as_deref().unwrap_or("running") {
        "complete" => (now.saturating_sub(duration_ms + QUEUED_MS + 1), false),
        "error" => (now.saturating_sub(duration_ms + QUEUED_MS + 1), true),
        _ => (now.saturating_sub(QUEUED_MS + duration_ms / 4), false),
    };
    let r = Report {
        id: st.next_id(),
        course_id: s.course_id,
        user_id: s.user_id,
        report_type: "course_pace_docx".into(),
        parameters: json!({"enrollment_ids": [], "section_ids": []}),
        created_at,
        duration_ms,
        errors,
    };
    let id = r.id;
    st.reports.items.push(r);
    json!({ "id": id })
}

pub fn file(st: &crate::state::State, segs: &[&str]) -> Option<Resp> {
    let ["sim", "files", id, _] = segs else { return None };
    let id: u64 = id.parse().ok()?;
    st.reports.items.iter().find(|r| r.id == id)?;
    Some(
        bytes(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX.to_vec())
            .with_header(header("Content-Disposition", "attachment; filename=\"course_pace.docx\"")),
    )
}
