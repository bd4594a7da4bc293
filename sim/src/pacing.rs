//! Canvas course pacing (`course_paces_controller.rb`, `course_pace_presenter.rb`): paces
//! with publish Progresses, blackout dates, and `compress_dates` computed with the
//! widget's own engine (`lms_widgets::pace`).

use crate::canvas::{canvas_json, string_ids};
use crate::http::{iso, json, not_found, Req, Resp};
use crate::identity::{require_user, Identity};
use crate::jobs::{Forced, Job, JobSpec};
use crate::records::{Course, Pace};
use crate::state::State;
use lms_widgets::pace;
use serde_json::{json, Value};

/// How long a publish stays queued before its job runs.
const PUBLISH_QUEUED_MS: u64 = 300;

impl Pace {
    fn id(&self) -> String {
        id_text(&self.json["id"])
    }

    /// The JSON now: a finished publish makes the pace `active` with `published_at`.
    fn current(&self, st: &State) -> Value {
        let mut v = self.json.clone();
        if let Some(job) = self.publish_job.and_then(|j| st.jobs.get(&j)) {
            if job.view(st.now()).state == "completed" {
                v["workflow_state"] = json!("active");
                v["published_at"] = json!(iso(job.end_at()));
            }
        }
        if self.deleted {
            v["workflow_state"] = json!("deleted");
        }
        v
    }

    /// The newest publish Progress, or null once it completed (Canvas's `api_show`).
    fn progress(&self, st: &State, req: &Req) -> Value {
        let Some(job) = self.publish_job.and_then(|j| st.jobs.get(&j)) else { return Value::Null };
        let v = job.canvas_json(st.now(), string_ids(req), &format!("{}{}", req.origin(), job.url()));
        if v["workflow_state"] == "completed" {
            Value::Null
        } else {
            v
        }
    }
}

fn unprocessable(errors: Value) -> Resp {
    json(422, &json!({ "success": false, "errors": errors }))
}

pub fn route(req: &Req, who: &Identity, st: &mut State, segs: &[&str]) -> Option<Resp> {
    let ["api", "v1", "courses", course, rest @ ..] = segs else { return None };
    if !matches!(rest.first(), Some(&"course_pacing") | Some(&"blackout_dates")) {
        return None;
    }
    if let Err(r) = require_user(who) {
        return Some(r);
    }
    let Some(ci) = course.parse::<u64>().ok().and_then(|c| st.courses.iter().position(|x| x.id == c)) else {
        return Some(not_found());
    };
    let find = |st: &State, id: &str| st.courses[ci].paces.iter().position(|p| !p.deleted && p.id() == id);
    Some(match (req.method.as_str(), rest) {
        ("GET" | "HEAD", ["blackout_dates"]) => {
            canvas_json(req, who, 200, &json!({ "blackout_dates": st.courses[ci].blackouts }))
        }
        ("POST", ["course_pacing", "compress_dates"]) => compress(req, who, &st.courses[ci]),
        ("GET" | "HEAD", ["course_pacing", "new"]) => new_pace(req, who, st, ci),
        ("GET" | "HEAD", ["course_pacing", id]) => match find(st, id) {
            None => not_found(),
            Some(pi) => envelope(req, who, st, ci, pi),
        },
        ("POST", ["course_pacing"]) => match create(req, st, ci) {
            Err(r) => r,
            Ok(pi) => {
                publish(st, ci, pi);
                envelope(req, who, st, ci, pi)
            }
        },
        ("PUT" | "PATCH", ["course_pacing", id]) => {
            let Some(pi) = find(st, id) else { return Some(not_found()) };
            let body = match req.params() {
                Ok(b) => b,
                Err(e) => return Some(crate::http::error(400, &e)),
            };
            let now = st.now();
            // All or nothing, as a failed save is in Canvas.
            let mut draft = st.courses[ci].paces[pi].json.clone();
            if let Err(e) = apply(&mut draft, body.get("course_pace").unwrap_or(&Value::Null)) {
                return Some(unprocessable(json!([e])));
            }
            draft["updated_at"] = json!(iso(now));
            st.courses[ci].paces[pi].json = draft;
            publish(st, ci, pi);
            envelope(req, who, st, ci, pi)
        }
        ("POST", ["course_pacing", id, "publish"]) => {
            let Some(pi) = find(st, id) else { return Some(not_found()) };
            let jid = publish(st, ci, pi);
            let Some(job) = st.jobs.get(&jid) else { return Some(not_found()) };
            canvas_json(
                req,
                who,
                200,
                &job.canvas_json(st.now(), string_ids(req), &format!("{}{}", req.origin(), job.url())),
            )
        }
        ("DELETE", ["course_pacing", id]) => {
            let Some(pi) = find(st, id) else { return Some(not_found()) };
            if st.courses[ci].paces[pi].json["context_type"] == "Course" {
                return Some(unprocessable(json!("You cannot delete the default course pace.")));
            }
            st.courses[ci].paces[pi].deleted = true;
            let p = st.courses[ci].paces[pi].current(st);
            canvas_json(req, who, 200, &json!({ "course_pace": p }))
        }
        _ => not_found(),
    })
}

fn envelope(req: &Req, who: &Identity, st: &State, ci: usize, pi: usize) -> Resp {
    let p = &st.courses[ci].paces[pi];
    canvas_json(req, who, 200, &json!({ "course_pace": p.current(st), "progress": p.progress(st, req) }))
}

/// Queues a publish. An older publish that is still queued is canceled (Canvas's singleton
/// job with `on_conflict: :overwrite`); one already running finishes first.
fn publish(st: &mut State, ci: usize, pi: usize) -> u64 {
    let now = st.now();
    let mut start_after = PUBLISH_QUEUED_MS;
    if let Some(old) = st.courses[ci].paces[pi].publish_job.and_then(|j| st.jobs.get_mut(&j)) {
        match old.view(now).state {
            "queued" => old.forced = Some(Forced { at: now, state: "canceled", message: None }),
            "running" => start_after = start_after.max(old.end_at().saturating_sub(now) + 1),
            _ => {}
        }
    }
    let jid = st.next_id();
    let failing = st.pacing.publish_final_state == "failed";
    let spec = JobSpec {
        duration_ms: Some(st.pacing.publish_ms),
        start_after_ms: Some(start_after),
        curve: Some(json!("linear")),
        final_state: Some(st.pacing.publish_final_state.clone()),
        message: failing.then(|| format!("Unexpected error, ID: {}", 4000 + jid)),
        owner: Some(None),
        context_type: Some("CoursePace".into()),
        context_id: st.courses[ci].paces[pi].json["id"].as_u64(),
        tag: Some("course_pace_publish".into()),
        faults: std::mem::take(&mut st.pacing.publish_faults),
        ..JobSpec::default()
    };
    if let Ok(job) = Job::new(jid, spec, now) {
        st.jobs.insert(jid, job);
    }
    st.courses[ci].paces[pi].publish_job = Some(jid);
    jid
}

/// `POST …/course_pacing`: a section or student pace built from the course's default pace.
fn create(req: &Req, st: &mut State, ci: usize) -> Result<usize, Resp> {
    let body = req.params().map_err(|e| crate::http::error(400, &e))?;
    let p = body.get("course_pace").cloned().unwrap_or(Value::Null);
    let num = |k: &str| p.get(k).and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()));
    let ctx_type = p.get("context_type").and_then(Value::as_str).unwrap_or("");
    let (context_type, section, user) = match (num("user_id"), num("course_section_id")) {
        (Some(u), _) => ("Enrollment", None, Some(u)),
        (None, Some(s)) => ("Section", Some(s), None),
        _ if matches!(ctx_type, "Enrollment" | "User" | "StudentEnrollment") => ("Enrollment", None, num("context_id")),
        _ if ctx_type == "Section" || ctx_type == "CourseSection" => ("Section", num("context_id"), None),
        _ => ("Course", None, None),
    };
    let exists = st.courses[ci].paces.iter().any(|x| {
        !x.deleted
            && x.json["context_type"] == context_type
            && x.json["course_section_id"].as_u64() == section
            && x.json["user_id"].as_u64() == user
    });
    if exists {
        // UNVERIFIED message: Canvas's validation text for a second pace on one context.
        return Err(unprocessable(json!(["A course pace already exists for this context"])));
    }
    let Some(template) =
        st.courses[ci].paces.iter().find(|x| x.json["context_type"] == "Course").map(|x| x.json.clone())
    else {
        return Err(not_found());
    };
    let now = st.now();
    let id = st.next_id();
    let mut pace = template;
    for m in pace["modules"].as_array_mut().into_iter().flatten() {
        for it in m["items"].as_array_mut().into_iter().flatten() {
            it["id"] = json!(st.next_id());
            it["course_pace_id"] = json!(id);
        }
    }
    let course_id = st.courses[ci].id;
    pace["id"] = json!(id);
    pace["course_section_id"] = json!(section);
    pace["user_id"] = json!(user);
    pace["context_type"] = json!(context_type);
    pace["context_id"] = json!(user.or(section).unwrap_or(course_id));
    pace["start_date_context"] = json!(match context_type {
        "Enrollment" => "user",
        "Section" => "section",
        _ => "course",
    });
    pace["workflow_state"] = json!("unpublished");
    pace["published_at"] = Value::Null;
    pace["created_at"] = json!(iso(now));
    pace["updated_at"] = json!(iso(now));
    apply(&mut pace, &p).map_err(|e| unprocessable(json!([e])))?;
    st.courses[ci].paces.push(Pace::seeded(pace));
    Ok(st.courses[ci].paces.len() - 1)
}

/// `GET …/course_pacing/new?course_section_id=|enrollment_id=`: the existing pace for that
/// context, or an unsaved scaffold (`id: null`) copied from the course pace.
fn new_pace(req: &Req, who: &Identity, st: &State, ci: usize) -> Resp {
    let section = req.query_param("course_section_id").and_then(|s| s.parse::<u64>().ok());
    let user = req.query_param("enrollment_id").and_then(|s| s.parse::<u64>().ok());
    let course = &st.courses[ci];
    let existing = course.paces.iter().position(|p| {
        !p.deleted && p.json["course_section_id"].as_u64() == section && p.json["user_id"].as_u64() == user
    });
    if let Some(pi) = existing {
        return envelope(req, who, st, ci, pi);
    }
    let Some(base) = course.paces.iter().find(|p| p.json["context_type"] == "Course") else { return not_found() };
    let mut v = base.json.clone();
    v["id"] = Value::Null;
    v["workflow_state"] = json!("unpublished");
    v["published_at"] = Value::Null;
    v["course_section_id"] = json!(section);
    v["user_id"] = json!(user);
    v["context_type"] = json!(if user.is_some() { "Enrollment" } else { "Section" });
    v["context_id"] = json!(user.or(section));
    for m in v["modules"].as_array_mut().into_iter().flatten() {
        for it in m["items"].as_array_mut().into_iter().flatten() {
            it["id"] = Value::Null;
            it["course_pace_id"] = Value::Null;
        }
    }
    canvas_json(req, who, 200, &json!({ "course_pace": v, "progress": null }))
}

/// An id as text, whether it came as a number or a string.
fn id_text(v: &Value) -> String {
    v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())
}

fn whole_days(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()).filter(|d| *d <= 3650)
}

/// Applies the permitted `course_pace` parameters.
fn apply(pace: &mut Value, p: &Value) -> Result<(), String> {
    let Some(p) = p.as_object() else { return Err("The body needs a course_pace object".into()) };
    for key in ["exclude_weekends", "hard_end_dates"] {
        if let Some(v) = p.get(key) {
            let b = v
                .as_bool()
                .or_else(|| v.as_str().map(|s| s == "true" || s == "1"))
                .ok_or(format!("{key} must be true or false"))?;
            pace[key] = json!(b);
        }
    }
    if let Some(v) = p.get("selected_days_to_skip") {
        let days = v.as_array().ok_or("selected_days_to_skip must be a list of weekdays")?;
        if days
            .iter()
            .any(|d| !d.as_str().is_some_and(|d| ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(&d)))
        {
            return Err("selected_days_to_skip takes mon, tue, wed, thu, fri, sat, sun".into());
        }
        pace["selected_days_to_skip"] = v.clone();
        if !p.contains_key("exclude_weekends") {
            let weekend = ["sat", "sun"].iter().all(|w| days.iter().any(|d| d == w));
            pace["exclude_weekends"] = json!(weekend);
        }
    } else if let Some(b) = p.get("exclude_weekends").and_then(Value::as_bool) {
        pace["selected_days_to_skip"] = if b { json!(["sat", "sun"]) } else { json!([]) };
    }
    if let Some(v) = p.get("end_date") {
        match v.as_str().filter(|s| !s.trim().is_empty()) {
            Some(s) => pace["end_date"] = json!(pace::format_date(pace::parse_date(s).map_err(|e| e.to_string())?)),
            None if v.is_null() || v.as_str().is_some() => pace["end_date"] = Value::Null,
            None => return Err("end_date must be a date or null".into()),
        }
    }
    pace["end_date_context"] =
        json!(match (pace["end_date"].is_null(), pace["hard_end_dates"].as_bool() == Some(true)) {
            (true, _) => "hypothetical",
            (false, true) => "hard",
            (false, false) => "course",
        });
    if let Some(items) = p.get("course_pace_module_items_attributes") {
        let items = items.as_array().ok_or("course_pace_module_items_attributes must be a list")?;
        for it in items {
            let d = it
                .get("duration")
                .and_then(whole_days)
                .ok_or("Every item needs a whole-number duration from 0 to 3650")?;
            let mid = it.get("module_item_id").map(id_text).unwrap_or_default();
            let found = pace["modules"]
                .as_array_mut()
                .into_iter()
                .flatten()
                .flat_map(|m| m["items"].as_array_mut().into_iter().flatten())
                .find(|i| id_text(&i["module_item_id"]) == mid);
            match found {
                Some(i) => i["duration"] = json!(d),
                None => return Err(format!("Module item {mid} is not in this pace")),
            }
        }
    }
    Ok(())
}

/// `POST …/course_pacing/compress_dates`: the request's blackouts are added to the course's;
/// durations are compressed in the submitted order, then due dates are recomputed in
/// module/item order, as Canvas does.
fn compress(req: &Req, who: &Identity, c: &Course) -> Resp {
    let mut body = match req.params() {
        Ok(b) => b,
        Err(e) => return crate::http::error(400, &e),
    };
    if !body.get("course_pace").is_some_and(Value::is_object) {
        return unprocessable(json!("The body needs a course_pace object"));
    }
    let Some(base) = c.paces.iter().find(|p| p.json["context_type"] == "Course") else { return not_found() };
    for key in ["start_date", "end_date"] {
        if body["course_pace"].get(key).is_none() {
            body["course_pace"][key] = base.json[key].clone();
        }
    }
    let mut blackouts = c.blackouts.clone();
    blackouts.extend(body.get("blackout_dates").and_then(Value::as_array).into_iter().flatten().cloned());
    body["blackout_dates"] = Value::Array(blackouts);
    let request: pace::PaceRequest = match serde_json::from_value(body) {
        Ok(r) => r,
        Err(e) => return unprocessable(json!(e.to_string())),
    };
    match pace::compress_dates_in_module_order(&request, &module_order(&request, &base.json)) {
        Ok(dates) => canvas_json(req, who, 200, &serde_json::to_value(pace::DueDates(&dates)).unwrap_or_default()),
        Err(e) => unprocessable(json!(e.to_string())),
    }
}

/// The request's item indexes by the course's module position, then item position (items
/// the course does not know keep their submitted order, after the others).
fn module_order(request: &pace::PaceRequest, base: &Value) -> Vec<usize> {
    let mut position = std::collections::HashMap::new();
    for m in base["modules"].as_array().into_iter().flatten() {
        for it in m["items"].as_array().into_iter().flatten() {
            let key = id_text(&it["module_item_id"]);
            position
                .insert(key, (m["position"].as_u64().unwrap_or(u64::MAX), it["position"].as_u64().unwrap_or(u64::MAX)));
        }
    }
    let items = &request.course_pace.course_pace_module_items_attributes;
    let mut order: Vec<usize> = (0..items.len()).collect();
    order
        .sort_by_key(|&i| (position.get(items[i].module_item_id.as_str()).copied().unwrap_or((u64::MAX, u64::MAX)), i));
    order
}
