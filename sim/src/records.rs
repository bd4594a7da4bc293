//! What the simulator keeps: courses with their paces, reports, and how the next publish or
//! report behaves. Plain data below the routes that read and change it (`pacing`,
//! `reports`) and the state that holds it (`state`), so those import it and it imports none
//! of them.

use serde::Deserialize;
use serde_json::Value;

pub struct Course {
    pub id: u64,
    pub blackouts: Vec<Value>,
    pub paces: Vec<Pace>,
}

pub struct Pace {
    /// The presenter's JSON, as last saved.
    pub json: Value,
    /// The newest publish Progress (a job id).
    pub publish_job: Option<u64>,
    pub deleted: bool,
}

impl Pace {
    pub fn seeded(json: Value) -> Pace {
        Pace { json, publish_job: None, deleted: false }
    }
}

/// How publishes behave (`POST /sim/pacing/config`).
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublishConfig {
    /// How long a publish runs. Defaults to 3000 ms.
    pub publish_ms: u64,
    /// `completed` (default) or `failed`, for every later publish.
    pub publish_final_state: String,
    /// Faults on the next publish's Progress (used by that one publish only).
    pub publish_faults: Vec<crate::faults::Fault>,
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig { publish_ms: 3000, publish_final_state: "completed".into(), publish_faults: Vec::new() }
    }
}

impl PublishConfig {
    pub fn validate(&self) -> Result<(), String> {
        if self.publish_ms > crate::jobs::MAX_MS {
            return Err("publish_ms is at most ten years".into());
        }
        if !["completed", "failed"].contains(&self.publish_final_state.as_str()) {
            return Err("publish_final_state must be \"completed\" or \"failed\"".into());
        }
        self.publish_faults.iter().try_for_each(crate::faults::Fault::validate)
    }
}

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
    pub deleted: bool,
}

/// What the next created report does (`POST /sim/reports/config`); used once.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportConfig {
    /// Running time. Defaults to 3000 ms.
    pub duration_ms: Option<u64>,
    /// End in `error` instead of `complete`.
    pub error: bool,
}

#[derive(Default)]
pub struct Reports {
    pub items: Vec<Report>,
    pub next: ReportConfig,
}
