//! Canvas course pacing: seeded courses, show/create/update/delete, publish Progresses,
//! blackout dates, and `compress_dates` computed with the widget's own pace engine.

use crate::canvas::{canvas_json, string_ids, unauthenticated, unauthorized, Identity};
use crate::http::{error, iso, json, Req, Resp};
use crate::jobs::{Job, JobSpec};
use crate::state::State;
use serde_json::{json, Value};

/// A seeded course.
#[derive(Clone, Debug)]
pub struct Course {
    pub id: u64,
    pub pace: Value,
    pub blackouts: Vec<Value>,
    /// The newest publish Progress (a job id).
    pub publish_job: Option<u64>,
    pub deleted: bool,
}

const TYPES: [(&str, &str, Option<f64>); 4] = [
    ("Assignment", "Essay", Some(20.0)),
    ("Quizzes::Quiz", "Quiz", Some(10.0)),
    ("DiscussionTopic", "Discussion", Some(5.0)),
    ("WikiPage", "Reading", None),
];

fn item(course: u64, pace_id: u64, id: u64, position: usize, module: &str, duration: u64, published: bool) -> Value {
    let (ty, noun, points) = TYPES[position % TYPES.len()];
    json!({
        "id": id,
        "duration": duration,
        "course_pace_id": pace_id,
        "root_account_id": 1,
        "module_item_id": 1000 + id,
        "assignment_title": format!("{module} {noun} {}", position + 1),
        "assignment_id": 500 + id,
        "points_possible": points,
        "assignment_link": format!("/courses/{course}/modules/items/{}", 1000 + id),
        "position": position + 1,
        "module_item_type": ty,
        "published": published,
    })
}

fn pace_json(course: u64, pace_id: u64, start: &str, end: &str, modules: Vec<Value>) -> Value {
    json!({
        "id": pace_id,
        "course_id": course,
        "course_section_id": null,
        "user_id": null,
        "workflow_state": "active",
        "exclude_weekends": true,
        "selected_days_to_skip": ["sat", "sun"],
        "hard_end_dates": true,
        "created_at": "2026-08-01T12:00:00Z",
        "updated_at": "2026-08-20T12:00:00Z",
        "published_at": "2026-08-20T12:00:00Z",
        "root_account_id": 1,
        "start_date": start,
        "start_date_context": "course",
        "end_date": end,
        "end_date_context": "hard",
        "context_id": course,
        "context_type": "Course",
        "modules": modules,
    })
}

/// Course 1: a realistic course (6 modules, 40 items, a holiday week, weekends skipped, a hard
/// end date that forces compression). Course 2: 5,000 items and 200 blackouts.
pub fn seed() -> Vec<Course> {
    let names = ["Orientation", "Foundations", "Data", "Methods", "Project", "Review"];
    let sizes = [4, 8, 8, 8, 7, 5];
    let mut id = 1u64;
    let mut modules = Vec::new();
    for (m, (name, n)) in names.iter().zip(sizes).enumerate() {
        let items: Vec<Value> = (0..n)
            .map(|p| {
                let v = item(1, 1, id, p, name, [2, 3, 1, 4, 0, 2, 5, 3][(id as usize) % 8], !(m == 5 && p == n - 1));
                id += 1;
                v
            })
            .collect();
        modules.push(json!({ "id": 10 + m, "name": format!("Module {}: {name}", m + 1), "position": m + 1, "items": items }));
    }
    let realistic = Course {
        id: 1,
        pace: pace_json(1, 1, "2026-09-01", "2026-11-20", modules),
        blackouts: vec![
            json!({"id": 1, "context_id": 1, "context_type": "Course", "start_date": "2026-09-07", "end_date": "2026-09-07", "event_title": "Labor Day"}),
            json!({"id": 2, "context_id": 1, "context_type": "Course", "start_date": "2026-10-12", "end_date": "2026-10-16", "event_title": "Fall break"}),
        ],
        publish_job: None,
        deleted: false,
    };
    let mut big_modules = Vec::new();
    let mut bid = 100_000u64;
    for m in 0..50 {
        let items: Vec<Value> = (0..100)
            .map(|p| {
                let v = item(2, 2, bid, p, &format!("Unit {}", m + 1), (bid % 3) as u64, true);
                bid += 1;
                v
            })
            .collect();
        big_modules.push(json!({ "id": 2000 + m, "name": format!("Unit {}", m + 1), "position": m + 1, "items": items }));
    }
    let blackouts = (0..200)
        .map(|k| {
            let day = k * 11;
            let start = date_plus("2026-01-05", day);
            let end = date_plus("2026-01-05", day + (k % 3));
            json!({"id": 1000 + k, "context_id": 2, "context_type": "Course", "start_date": start, "end_date": end, "event_title": format!("Blackout {}", k + 1)})
        })
        .collect();
    let large = Course {
        id: 2,
        pace: {
            let mut p = pace_json(2, 2, "2026-01-05", "2033-12-31", big_modules);
            p["hard_end_dates"] = json!(false);
            p["end_date"] = Value::Null;
            p["end_date_context"] = json!("hypothetical");
            p
        },
        blackouts,
        publish_job: None,
        deleted: false,
    };
    vec![realistic, large]
}

fn date_plus(ymd: &str, days: u64) -> String {
    let d = lms_widgets::pace::parse_date(ymd).expect("seed dates are valid");
    lms_widgets::pace::format_date(d + time::Duration::days(days as i64))
}

pub fn route(req: &Req, who: &Identity, st: &mut State, segs: &[&str]) -> Option<Resp> {
    let ["api", "v1", "courses", course, rest @ ..] = segs else { return None };
    let course_id: u64 = course.parse().ok()?;
    if !matches!(rest.first(), Some(&"course_pacing") | Some(&"blackout_dates")) {
        return None;
    }
    let Identity::User { .. } = who else {
        return Some(if *who == Identity::Anonymous { unauthenticated() } else { unauthorized() });
    };
    let now = st.now();
    let sids = string_ids(req);
    let Some(ci) = st.courses.iter().position(|c| c.id == course_id) else {
        return Some(error(404, "The specified resource does not exist."));
    };
    Some(match (req.method.as_str(), rest) {
        ("GET", ["blackout_dates"]) => canvas_json(req, 200, &json!({ "blackout_dates": st.courses[ci].blackouts })),
        ("POST", ["course_pacing", "compress_dates"]) => compress(req, &st.courses[ci]),
        ("GET", ["course_pacing", id]) => match pace_of(&st.courses[ci], id) {
            None => error(404, "The specified resource does not exist."),
            Some(p) => canvas_json(req, 200, &json!({ "course_pace": p, "progress": progress_of(st, ci, now, sids) })),
        },
        ("PUT", ["course_pacing", id]) | ("POST", ["course_pacing", id, "publish"]) => {
            if pace_of(&st.courses[ci], id).is_none() {
                return Some(error(404, "The specified resource does not exist."));
            }
            let body = match req.json() {
                Ok(b) => b,
                Err(e) => return Some(error(400, &e)),
            };
            if let Err(e) = apply_update(&mut st.courses[ci].pace, &body) {
                return Some(json(422, &json!({ "success": false, "errors": [e] })));
            }
            st.courses[ci].pace["updated_at"] = json!(iso(now));
            // A newer publish cancels the queued older one (singleton job, on_conflict overwrite).
            if let Some(old) = st.courses[ci].publish_job.and_then(|j| st.jobs.get_mut(&j)) {
                if old.view(now).pending {
                    old.spec.final_state = Some("canceled".into());
                    old.spec.duration_ms = Some(now.saturating_sub(old.created_at).max(1));
                }
            }
            let jid = st.next_id();
            let spec = JobSpec {
                duration_ms: Some(st.publish_ms),
                start_after_ms: Some(300),
                curve: Some(json!("null_then_linear")),
                owner: Some(None),
                context_type: Some("CoursePace".into()),
                context_id: Some(course_id),
                tag: Some("course_pace_publish".into()),
                faults: std::mem::take(&mut st.publish_faults),
                ..JobSpec::default()
            };
            let job = Job::new(jid, spec, now).expect("a valid publish job");
            st.jobs.insert(jid, job);
            st.courses[ci].publish_job = Some(jid);
            st.courses[ci].pace["published_at"] = json!(iso(now + st.publish_ms + 300));
            let pace = st.courses[ci].pace.clone();
            canvas_json(req, 200, &json!({ "course_pace": pace, "progress": progress_of(st, ci, now, sids) }))
        }
        ("DELETE", ["course_pacing", id]) => match pace_of(&st.courses[ci], id) {
            None => error(404, "The specified resource does not exist."),
            Some(p) if p["context_type"] == "Course" => {
                json(422, &json!({ "success": false, "errors": "You cannot delete the default course pace." }))
            }
            Some(p) => {
                st.courses[ci].deleted = true;
                canvas_json(req, 200, &json!({ "course_pace": p }))
            }
        },
        _ => error(404, "The specified resource does not exist."),
    })
}

fn pace_of(c: &Course, id: &str) -> Option<Value> {
    (!c.deleted && c.pace["id"].to_string() == id.trim_matches('"')).then(|| c.pace.clone())
}

/// The newest publish Progress, or null once it completed (Canvas's `api_show`).
fn progress_of(st: &State, ci: usize, now: u64, sids: bool) -> Value {
    let Some(job) = st.courses[ci].publish_job.and_then(|j| st.jobs.get(&j)) else { return Value::Null };
    let v = job.canvas_json(now, sids, &format!("/api/v1/progress/{}", job.id));
    if v["workflow_state"] == "completed" {
        Value::Null
    } else {
        v
    }
}

fn apply_update(pace: &mut Value, body: &Value) -> Result<(), String> {
    let p = body.get("course_pace").ok_or("the body needs a course_pace object")?;
    for key in ["exclude_weekends", "hard_end_dates"] {
        if let Some(v) = p.get(key) {
            pace[key] = json!(v.as_bool().ok_or(format!("{key} must be true or false"))?);
        }
    }
    if let Some(v) = p.get("selected_days_to_skip") {
        pace["selected_days_to_skip"] = v.clone();
    }
    if let Some(v) = p.get("end_date") {
        if let Some(s) = v.as_str() {
            lms_widgets::pace::parse_date(s).map_err(|e| e.to_string())?;
        }
        pace["end_date"] = v.clone();
        pace["end_date_context"] = json!(if v.is_null() { "hypothetical" } else { "hard" });
    }
    if let Some(items) = p.get("course_pace_module_items_attributes").and_then(Value::as_array) {
        for it in items {
            let d = it.get("duration").and_then(Value::as_u64).ok_or("every item needs a whole-number duration")?;
            let mid = it.get("module_item_id").map(|v| v.to_string().trim_matches('"').to_owned());
            let modules = pace["modules"].as_array_mut().ok_or("the pace has no modules")?;
            let found = modules
                .iter_mut()
                .flat_map(|m| m["items"].as_array_mut().into_iter().flatten())
                .find(|i| Some(i["module_item_id"].to_string()) == mid);
            match found {
                Some(i) => i["duration"] = json!(d),
                None => return Err(format!("Module item {} is not in this pace", mid.unwrap_or_default())),
            }
        }
    }
    Ok(())
}

/// `POST …/course_pacing/compress_dates`, with the course's blackout dates added to the
/// request's, as Canvas does; 422 when the end date is before the start.
fn compress(req: &Req, c: &Course) -> Resp {
    let mut body = match req.json() {
        Ok(b) => b,
        Err(e) => return error(400, &e),
    };
    let mut blackouts = c.blackouts.clone();
    if let Some(extra) = body.get("blackout_dates").and_then(Value::as_array) {
        blackouts.extend(extra.iter().cloned());
    }
    body["blackout_dates"] = Value::Array(blackouts);
    let request: lms_widgets::pace::PaceRequest = match serde_json::from_value(body) {
        Ok(r) => r,
        Err(e) => return json(422, &json!({ "success": false, "errors": [e.to_string()] })),
    };
    match lms_widgets::pace::compress_dates(&request) {
        Ok(dates) => {
            let mut out = serde_json::Map::new();
            for (id, d) in dates {
                out.insert(id, json!(lms_widgets::pace::format_date(d)));
            }
            canvas_json(req, 200, &Value::Object(out))
        }
        Err(e) => json(422, &json!({ "success": false, "errors": e.to_string() })),
    }
}
