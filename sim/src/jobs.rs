//! Scripted jobs: a Canvas Progress or a Cloudreve task whose state follows the clock.

use serde::Deserialize;
use serde_json::{json, Map, Value};

/// What `POST /sim/jobs` accepts (every field optional; unknown fields are an error).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobSpec {
    /// `"canvas"` (default) or `"cloudreve"`.
    pub kind: Option<String>,
    /// Running time after the queued phase, ms. Defaults to 5000.
    pub duration_ms: Option<u64>,
    /// Queued (Canvas) / empty-data (Cloudreve) phase before it runs, ms. Defaults to 0.
    pub start_after_ms: Option<u64>,
    /// `linear` | `null_then_linear` | `jumps` | `overshoot` | `nan` | `null`, or keyframes
    /// `[[fraction, completion|null], …]`.
    pub curve: Option<Value>,
    /// `completed` (default) | `failed` | `canceled` | `waiting_for_external_tool` | `running` (stuck).
    pub final_state: Option<String>,
    pub message: Option<String>,
    pub results: Option<Value>,
    /// Users who may read the Progress's context (Canvas checks read on the context, not on
    /// the Progress). Defaults to every user.
    pub readers: Option<Vec<u64>>,
    /// The user who started it; `null` = a user-less Progress (nobody may cancel it). Defaults to 1.
    #[serde(deserialize_with = "present")]
    pub owner: Option<Option<u64>>,
    pub context_type: Option<String>,
    pub context_id: Option<u64>,
    pub tag: Option<String>,
    /// `{course_id, tool}`: an Assignment linked to that LTI tool.
    pub lti: Option<LtiLink>,
    /// Cloudreve: progress type → total, or `{total, identifier}`.
    pub types: Option<Map<String, Value>>,
    /// Cloudreve: `{code, msg}` answered once the job ends.
    pub error: Option<CloudreveError>,
    /// Faults on this job's URLs (Canvas, cancel, LTI, Cloudreve).
    pub faults: Vec<crate::faults::Fault>,
}

/// Tells a present `null` (`Some(None)`) from a missing field (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LtiLink {
    pub course_id: u64,
    pub tool: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudreveError {
    pub code: i64,
    #[serde(default)]
    pub msg: String,
}

/// The longest scripted time (ten years): keeps every sum of instants far from overflow.
pub const MAX_MS: u64 = 10 * 365 * 86_400_000;

const CURVES: [&str; 6] = ["linear", "null_then_linear", "jumps", "overshoot", "nan", "null"];
const FINAL_STATES: [&str; 5] = ["completed", "failed", "canceled", "waiting_for_external_tool", "running"];

/// A state set from outside the script: a cancel (`failed` + message), or a publish
/// overwritten by a newer one (`canceled`).
#[derive(Clone, Debug)]
pub struct Forced {
    pub at: u64,
    pub state: &'static str,
    pub message: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Job {
    pub id: u64,
    pub spec: JobSpec,
    pub owner: Option<u64>,
    pub created_at: u64,
    pub forced: Option<Forced>,
}

/// A job at one instant.
pub struct View {
    pub state: &'static str,
    pub completion: Option<f64>,
    pub updated_at: u64,
    pub pending: bool,
    pub message: Option<String>,
    /// The scripted run reached its end (so `results` exist).
    pub finished: bool,
}

impl Job {
    pub fn new(id: u64, spec: JobSpec, now: u64) -> Result<Job, String> {
        if let Some(k) = spec.kind.as_deref().filter(|k| !["canvas", "cloudreve"].contains(k)) {
            return Err(format!("kind must be \"canvas\" or \"cloudreve\", not {k:?}"));
        }
        if spec.duration_ms.unwrap_or(0) > MAX_MS || spec.start_after_ms.unwrap_or(0) > MAX_MS {
            return Err(format!("duration_ms and start_after_ms are at most {MAX_MS} (ten years)"));
        }
        if let Some(s) = spec.final_state.as_deref().filter(|s| !FINAL_STATES.contains(s)) {
            return Err(format!("final_state must be one of {FINAL_STATES:?}, not {s:?}"));
        }
        match &spec.curve {
            None => {}
            Some(Value::String(c)) if CURVES.contains(&c.as_str()) => {}
            Some(Value::Array(frames)) => {
                for f in frames {
                    let ok = f
                        .as_array()
                        .is_some_and(|a| a.len() == 2 && a[0].is_number() && (a[1].is_number() || a[1].is_null()));
                    if !ok {
                        return Err(format!("a keyframe is [fraction, completion or null], not {f}"));
                    }
                }
            }
            Some(other) => return Err(format!("curve must be one of {CURVES:?} or a list of keyframes, not {other}")),
        }
        for (k, v) in spec.types.iter().flatten() {
            if total_of(v).is_none() {
                return Err(format!("types.{k} must be a total (a number) or {{\"total\": n, \"identifier\": \"…\"}}"));
            }
        }
        let owner = spec.owner.unwrap_or(Some(1));
        Ok(Job { id, spec, owner, created_at: now, forced: None })
    }

    pub fn is_cloudreve(&self) -> bool {
        self.spec.kind.as_deref() == Some("cloudreve")
    }

    pub fn url(&self) -> String {
        if self.is_cloudreve() {
            format!("/api/v4/workflow/progress/{}", self.cloudreve_id())
        } else {
            format!("/api/v1/progress/{}", self.id)
        }
    }

    pub fn cloudreve_id(&self) -> String {
        format!("cr{}", self.id)
    }

    fn start_ms(&self) -> u64 {
        self.spec.start_after_ms.unwrap_or(0)
    }

    fn duration_ms(&self) -> u64 {
        self.spec.duration_ms.unwrap_or(5000).max(1)
    }

    /// When the script ends.
    pub fn end_at(&self) -> u64 {
        self.created_at + self.start_ms() + self.duration_ms()
    }

    fn final_state(&self) -> &'static str {
        let s = self.spec.final_state.as_deref().unwrap_or("completed");
        FINAL_STATES.iter().find(|f| **f == s).copied().unwrap_or("completed")
    }

    /// How far the running phase is at `now`, as (ms done, ms in all); `None` while queued.
    fn done(&self, now: u64) -> Option<(u64, u64)> {
        let elapsed = now.saturating_sub(self.created_at);
        let (start, d) = (self.start_ms(), self.duration_ms());
        (elapsed >= start).then(|| ((elapsed - start).min(d), d))
    }

    /// The completion after `done` of `all` ms (computed as Canvas does, `100.0 * cur / total`,
    /// so 550 of 1000 is exactly 55.0). Named curves of jobs that do not complete stop at
    /// 60 % of their height (a failure part way); keyframes are taken as written.
    fn curve(&self, done: u64, all: u64) -> Option<f64> {
        let pct = 100.0 * done as f64 / all as f64;
        let scale = |v: f64| Some(if self.final_state() == "completed" { v } else { v * 3.0 / 5.0 });
        match &self.spec.curve {
            None => scale(pct),
            Some(Value::String(s)) => match s.as_str() {
                "null_then_linear" => (pct >= 50.0).then_some(2.0 * (pct - 50.0)).and_then(scale),
                "jumps" => scale((pct / 25.0).floor() * 25.0),
                "overshoot" => scale(130.0 * done as f64 / all as f64),
                "nan" => Some(f64::NAN),
                "null" => None,
                _ => scale(pct),
            },
            Some(Value::Array(frames)) => {
                let f = done as f64 / all as f64;
                let mut v = None;
                for fr in frames {
                    if fr.get(0).and_then(Value::as_f64).unwrap_or(0.0) <= f {
                        v = fr.get(1).and_then(Value::as_f64);
                    }
                }
                v
            }
            Some(_) => scale(pct),
        }
    }

    /// The job at `now`.
    pub fn view(&self, now: u64) -> View {
        match &self.forced {
            Some(forced) if now >= forced.at => {
                let before = self.scripted(forced.at);
                View {
                    state: forced.state,
                    completion: before.completion,
                    updated_at: forced.at,
                    pending: false,
                    message: forced.message.clone(),
                    finished: before.finished,
                }
            }
            _ => self.scripted(now),
        }
    }

    fn scripted(&self, now: u64) -> View {
        let final_state = self.final_state();
        let informational = final_state == "completed" || final_state == "running";
        let message = |ended: bool| if ended || informational { self.spec.message.clone() } else { None };
        let queued = View {
            state: "queued",
            completion: None,
            updated_at: self.created_at,
            pending: true,
            message: message(false),
            finished: false,
        };
        let Some((done, all)) = self.done(now) else { return queued };
        if final_state == "running" {
            // Stuck: it moves until half way, then nothing changes, not even updated_at.
            let done = done.min(all / 2);
            let at = self.created_at + self.start_ms() + done;
            return View {
                state: "running",
                completion: self.curve(done, all),
                updated_at: at,
                pending: true,
                message: message(false),
                finished: false,
            };
        }
        if done < all {
            return View {
                state: "running",
                completion: self.curve(done, all),
                updated_at: now,
                pending: true,
                message: message(false),
                finished: false,
            };
        }
        let completion = if final_state == "completed" { Some(100.0) } else { self.curve(all, all) };
        View {
            state: final_state,
            completion,
            updated_at: self.end_at(),
            pending: final_state == "waiting_for_external_tool",
            message: message(true),
            finished: true,
        }
    }

    /// Canvas's Progress JSON (`lib/api/v1/progress.rb`).
    pub fn canvas_json(&self, now: u64, string_ids: bool, url: &str) -> Value {
        let v = self.view(now);
        let id = |n: u64| if string_ids { json!(n.to_string()) } else { json!(n) };
        let context_type = self
            .spec
            .context_type
            .clone()
            .unwrap_or_else(|| if self.spec.lti.is_some() { "Assignment" } else { "Course" }.into());
        let mut o = json!({
            "id": id(self.id),
            "context_id": id(self.spec.context_id.unwrap_or(1)),
            "context_type": context_type,
            "user_id": self.owner.map(id),
            "tag": self.spec.tag.clone().unwrap_or_else(|| "course_batch_update".into()),
            // NaN renders as null, as ActiveSupport does.
            "completion": v.completion.filter(|c| c.is_finite()),
            "workflow_state": v.state,
            "created_at": crate::http::iso(self.created_at),
            "updated_at": crate::http::iso(v.updated_at),
            "message": v.message,
            "url": url,
        });
        if !v.pending && v.finished {
            if let Some(r) = self.spec.results.as_ref().filter(|r| !r.is_null()) {
                o["results"] = r.clone();
            }
        }
        o
    }

    /// Cloudreve's envelope `{code, msg, data}`: `data` is `{}` before there is any
    /// progress, then each type counts up; after the end the final numbers stay
    /// (`current == total`), or the scripted `error` is answered.
    pub fn cloudreve_json(&self, now: u64) -> Value {
        let Some((done, all)) = self.done(now) else {
            return json!({ "code": 0, "msg": "", "data": {} });
        };
        if done >= all {
            if let Some(e) = &self.spec.error {
                return json!({ "code": e.code, "msg": e.msg, "data": null, "correlation_id": format!("00000000-0000-4000-8000-{:012}", self.id) });
            }
        }
        let types = self.spec.types.clone().unwrap_or_else(|| {
            let mut m = Map::new();
            m.insert("upload".into(), json!(10_000_000));
            m
        });
        let mut data = Map::new();
        for (k, spec) in types {
            let total = total_of(&spec).unwrap_or(0);
            let current = (u128::from(total) * u128::from(done) / u128::from(all)) as u64;
            let mut amount = json!({ "total": total, "current": current });
            if let Some(ident) = spec.get("identifier").and_then(Value::as_str) {
                amount["identifier"] = json!(ident);
            }
            data.insert(k, amount);
        }
        json!({ "code": 0, "msg": "", "data": data })
    }
}

fn total_of(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.get("total").and_then(Value::as_u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(spec: Value) -> Job {
        Job::new(1, serde_json::from_value(spec).unwrap(), 0).unwrap()
    }

    #[test]
    fn keyframes_hold_their_value_until_the_next_frame() {
        let j = job(json!({"duration_ms": 1000, "curve": [[0.0, null], [0.3, 10.0], [0.6, 70.0]]}));
        for (at, want) in [(100, None), (300, Some(10.0)), (599, Some(10.0)), (700, Some(70.0)), (1000, Some(100.0))] {
            assert_eq!(j.view(at).completion, want, "at {at} ms");
        }
    }

    #[test]
    fn bad_specs_are_refused_with_a_reason() {
        for spec in [
            json!({"kind": "moodle"}),
            json!({"curve": "wobbly"}),
            json!({"curve": [[0.5]]}),
            json!({"final_state": "done"}),
            json!({"types": {"upload": "lots"}}),
        ] {
            let s: JobSpec = serde_json::from_value(spec.clone()).unwrap();
            assert!(Job::new(1, s, 0).is_err(), "{spec}");
        }
    }

    #[test]
    fn a_forced_state_keeps_the_completion_it_had() {
        let mut j = job(json!({"duration_ms": 1000}));
        j.forced = Some(Forced { at: 400, state: "failed", message: Some("stop".into()) });
        let v = j.view(900);
        assert_eq!(
            (v.state, v.completion, v.updated_at, v.message.as_deref()),
            ("failed", Some(40.0), 400, Some("stop"))
        );
    }
}
