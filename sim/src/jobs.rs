//! Scripted jobs: a Canvas Progress or a Cloudreve task whose state follows the clock.

use serde::Deserialize;
use serde_json::{json, Value};

/// What `POST /sim/jobs` accepts (every field optional).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct JobSpec {
    /// `"canvas"` (default) or `"cloudreve"`.
    pub kind: Option<String>,
    /// Running time after the queued phase, ms (default 5000).
    pub duration_ms: Option<u64>,
    /// Queued (Canvas) / empty-data (Cloudreve) phase before it runs, ms (default 0).
    pub start_after_ms: Option<u64>,
    /// `linear` | `null_then_linear` | `jumps` | `overshoot` | `nan` | `null`, or keyframes
    /// `[[fraction, completion|null], …]`.
    pub curve: Option<Value>,
    /// `completed` (default) | `failed` | `canceled` | `waiting_for_external_tool` | `running` (stuck).
    pub final_state: Option<String>,
    pub message: Option<String>,
    pub results: Option<Value>,
    /// The user who started it; `null` = nobody may cancel it. Default 1.
    #[serde(deserialize_with = "present")]
    pub owner: Option<Option<u64>>,
    pub context_type: Option<String>,
    pub context_id: Option<u64>,
    pub tag: Option<String>,
    /// `{course_id, tool}`: an Assignment linked to that LTI tool.
    pub lti: Option<LtiLink>,
    /// Cloudreve: progress type → total (e.g. `{"upload": 41943040, "upload_count": 10}`).
    pub types: Option<serde_json::Map<String, Value>>,
    /// Cloudreve: `{code, msg}` answered once the job ends.
    pub error: Option<CloudreveError>,
    /// Faults on this job's URL.
    pub faults: Vec<crate::faults::Fault>,
}

/// Tells a present `null` (`Some(None)`) from a missing field (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u64>>, D::Error> {
    Option::<u64>::deserialize(d).map(Some)
}

#[derive(Clone, Debug, Deserialize)]
pub struct LtiLink {
    pub course_id: u64,
    pub tool: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CloudreveError {
    pub code: i64,
    #[serde(default)]
    pub msg: String,
}

#[derive(Clone, Debug)]
pub struct Job {
    pub id: u64,
    pub spec: JobSpec,
    pub owner: Option<u64>,
    pub created_at: u64,
    /// Set by the cancel endpoint: Canvas flips the state to `failed` with the message.
    pub canceled: Option<(u64, Option<String>)>,
}

pub struct View {
    pub state: String,
    pub completion: Option<f64>,
    pub updated_at: u64,
    pub pending: bool,
}

impl Job {
    pub fn new(id: u64, spec: JobSpec, now: u64) -> Result<Job, String> {
        let owner = spec.owner.unwrap_or(Some(1));
        if let Some(k) = &spec.kind {
            if k != "canvas" && k != "cloudreve" {
                return Err(format!("kind must be canvas or cloudreve, got {k:?}"));
            }
        }
        if let Some(s) = &spec.final_state {
            if !["completed", "failed", "canceled", "waiting_for_external_tool", "running"].contains(&s.as_str()) {
                return Err(format!("unknown final_state {s:?}"));
            }
        }
        Ok(Job { id, spec, owner, created_at: now, canceled: None })
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

    fn fraction(&self, now: u64) -> Option<f64> {
        let elapsed = now.saturating_sub(self.created_at);
        let start = self.spec.start_after_ms.unwrap_or(0);
        if elapsed < start {
            return None;
        }
        let d = self.spec.duration_ms.unwrap_or(5000).max(1);
        Some(((elapsed - start) as f64 / d as f64).min(1.0))
    }

    fn curve(&self, f: f64) -> Option<f64> {
        match &self.spec.curve {
            None => Some(100.0 * f),
            Some(Value::String(s)) => match s.as_str() {
                "null_then_linear" => (f >= 0.5).then(|| 200.0 * (f - 0.5)),
                "jumps" => Some((f * 4.0).floor() * 25.0),
                "overshoot" => Some(130.0 * f),
                "nan" | "null" => None,
                _ => Some(100.0 * f),
            },
            Some(Value::Array(frames)) => {
                let mut v = None;
                for fr in frames {
                    let at = fr.get(0).and_then(Value::as_f64).unwrap_or(0.0);
                    if at <= f {
                        v = fr.get(1).and_then(Value::as_f64);
                    }
                }
                v
            }
            Some(_) => Some(100.0 * f),
        }
    }

    /// The job at `now`.
    pub fn view(&self, now: u64) -> View {
        if let Some((at, _)) = &self.canceled {
            let f = self.fraction(*at).unwrap_or(0.0);
            return View { state: "failed".into(), completion: self.curve(f), updated_at: *at, pending: false };
        }
        let final_state = self.spec.final_state.as_deref().unwrap_or("completed");
        let start = self.spec.start_after_ms.unwrap_or(0);
        match self.fraction(now) {
            None => View { state: "queued".into(), completion: None, updated_at: self.created_at, pending: true },
            Some(f) if final_state == "running" => {
                // Stuck: moves until half way, then nothing changes, not even updated_at.
                let f = f.min(0.5);
                let d = self.spec.duration_ms.unwrap_or(5000);
                let at = self.created_at + start + (d as f64 * f) as u64;
                View { state: "running".into(), completion: self.curve(f), updated_at: at.min(now), pending: true }
            }
            Some(f) if f < 1.0 => {
                let c = if final_state == "completed" { self.curve(f) } else { self.curve(f).map(|c| c * 0.6) };
                View { state: "running".into(), completion: c, updated_at: now, pending: true }
            }
            Some(_) => {
                let end = self.created_at + start + self.spec.duration_ms.unwrap_or(5000);
                let completion = match final_state {
                    "completed" => Some(100.0),
                    _ => self.curve(1.0).map(|c| c * 0.6),
                };
                let pending = final_state == "waiting_for_external_tool";
                View { state: final_state.into(), completion, updated_at: end, pending }
            }
        }
    }

    /// Canvas's Progress JSON (`lib/api/v1/progress.rb`).
    pub fn canvas_json(&self, now: u64, string_ids: bool, url: &str) -> Value {
        let v = self.view(now);
        let id = |n: u64| if string_ids { json!(n.to_string()) } else { json!(n) };
        // A failing job's message (its error) appears when it ends; others show it throughout.
        let informational = self.spec.final_state.as_deref().unwrap_or("completed") == "completed";
        let message = match &self.canceled {
            Some((_, m)) => m.clone(),
            None if v.pending && !informational => None,
            None => self.spec.message.clone(),
        };
        let mut o = json!({
            "id": id(self.id),
            "context_id": id(self.spec.context_id.unwrap_or(1)),
            "context_type": self.spec.context_type.clone().unwrap_or_else(|| if self.spec.lti.is_some() { "Assignment".into() } else { "Course".into() }),
            "user_id": self.owner.map(id),
            "tag": self.spec.tag.clone().unwrap_or_else(|| "course_batch_update".into()),
            "completion": v.completion.filter(|c| c.is_finite()),
            "workflow_state": v.state,
            "created_at": crate::http::iso(self.created_at),
            "updated_at": crate::http::iso(v.updated_at),
            "message": message,
            "url": url,
        });
        if !v.pending {
            if let Some(r) = &self.spec.results {
                o["results"] = r.clone();
            }
        }
        o
    }

    /// Cloudreve's envelope.
    pub fn cloudreve_json(&self, now: u64) -> Value {
        let f = self.fraction(now);
        let types = self.spec.types.clone().unwrap_or_else(|| {
            let mut m = serde_json::Map::new();
            m.insert("upload".into(), json!(10_000_000));
            m
        });
        match f {
            None => json!({ "code": 0, "msg": "", "data": {} }),
            Some(f) => {
                if f >= 1.0 {
                    if let Some(e) = &self.spec.error {
                        return json!({ "code": e.code, "msg": e.msg, "data": null });
                    }
                }
                let mut data = serde_json::Map::new();
                for (k, total) in types {
                    let total = total.as_f64().unwrap_or(0.0);
                    let cur = (total * f).floor();
                    data.insert(k, json!({ "total": total as u64, "current": cur as u64 }));
                }
                json!({ "code": 0, "msg": "", "data": data })
            }
        }
    }
}
