//! Canvas's Progress object (`GET /api/v1/progress/:id`).

use super::Id;
use serde::de::{self, Deserializer};
use serde::Deserialize;

/// A Progress `workflow_state`.
///
/// Canvas documents four states but its model has six, and a poller must expect more:
/// unknown states are kept (and treated as still pending), never rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgressState {
    /// Waiting for a worker.
    Queued,
    /// A worker is on it.
    Running,
    /// Waiting for an LTI tool to report back (pending).
    WaitingForExternalTool,
    /// Done; Canvas sets completion to 100.
    Completed,
    /// Failed (also what Canvas's cancel endpoint sets, with the cancel message).
    Failed,
    /// Superseded by a newer job (course pace publishing re-enqueues this way).
    Canceled,
    /// A state this library does not know yet.
    Unknown(String),
}

impl ProgressState {
    /// Parses a `workflow_state` string; anything unrecognised becomes [`ProgressState::Unknown`].
    pub fn parse(s: &str) -> Self {
        match s {
            "queued" => Self::Queued,
            "running" => Self::Running,
            "waiting_for_external_tool" => Self::WaitingForExternalTool,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            "canceled" | "cancelled" => Self::Canceled,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// Terminal states end polling: completed, failed, canceled. Unknown states keep polling.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed | Self::Canceled)
    }

    /// The wire name (`"waiting_for_external_tool"`, or the unknown state as given).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::WaitingForExternalTool => "waiting_for_external_tool",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Canceled => "canceled",
            Self::Unknown(s) => s,
        }
    }

    /// Words for people ("Waiting for external tool").
    pub fn label(&self) -> String {
        match self {
            Self::Queued => "Queued".into(),
            Self::Running => "Running".into(),
            Self::WaitingForExternalTool => "Waiting for external tool".into(),
            Self::Completed => "Completed".into(),
            Self::Failed => "Failed".into(),
            Self::Canceled => "Canceled".into(),
            Self::Unknown(s) => {
                let mut out = s.replace('_', " ");
                if let Some(first) = out.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                out
            }
        }
    }
}

impl<'de> Deserialize<'de> for ProgressState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Self::parse(&s))
    }
}

/// Canvas's Progress JSON (`lib/api/v1/progress.rb`). `results` is read by the browser
/// layer straight from the parsed JSON, so any shape survives.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CanvasProgress {
    /// The Progress id.
    pub id: Id,
    /// The owning context's id.
    #[serde(default)]
    pub context_id: Option<Id>,
    /// `Course`, `CoursePace`, `Assignment`, …
    #[serde(default)]
    pub context_type: Option<String>,
    /// The user who started the job; null for jobs nobody may cancel.
    #[serde(default)]
    pub user_id: Option<Id>,
    /// The operation (`course_pace_publish`, `course_report`, …).
    #[serde(default)]
    pub tag: Option<String>,
    /// Percent done: nullable (null until the job reports), unclamped, a float.
    #[serde(default, deserialize_with = "lenient_number")]
    pub completion: Option<f64>,
    /// Where the job is (`queued`, `running`, …; an unknown state is kept as sent).
    pub workflow_state: ProgressState,
    /// ISO 8601.
    #[serde(default)]
    pub created_at: Option<String>,
    /// ISO 8601; a stuck job stops moving this.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Optional human message (also the cancel reason, or "Unexpected error, ID: …").
    #[serde(default)]
    pub message: Option<String>,
    /// Where to poll this Progress.
    #[serde(default)]
    pub url: Option<String>,
}

impl CanvasProgress {
    /// Completion clamped to 0..=100; `None` (indeterminate) when null or not a number.
    pub fn percent(&self) -> Option<f64> {
        clamp_percent(self.completion)
    }
}

/// Clamps a completion to 0..=100, mapping NaN/infinite/missing to `None`.
pub fn clamp_percent(v: Option<f64>) -> Option<f64> {
    match v {
        Some(x) if x.is_finite() => Some(x.clamp(0.0, 100.0)),
        _ => None,
    }
}

/// A number, null, or a numeric string (defensive: some proxies stringify); NaN and
/// infinities read as null, any other string is an error.
pub(super) fn lenient_number<'a, D: Deserializer<'a>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_option(Lenient { strict: true })
}

/// [`lenient_number`], except that a non-numeric string reads as null: for report fields
/// (`progress`, `size`) that must not make a finished report unreadable.
pub(super) fn lenient_number_or_null<'a, D: Deserializer<'a>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_option(Lenient { strict: false })
}

#[derive(Clone, Copy)]
struct Lenient {
    strict: bool,
}

impl<'de> de::Visitor<'de> for Lenient {
    type Value = Option<f64>;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a number or null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
        d.deserialize_any(self)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.is_finite().then_some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match (v.trim(), self.strict) {
            ("" | "NaN" | "null", _) => Ok(None),
            (t, strict) => match t.parse::<f64>() {
                Ok(x) => Ok(x.is_finite().then_some(x)),
                Err(_) if !strict => Ok(None),
                Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            },
        }
    }
}

/// The cancel endpoint of a Canvas Progress URL: `…/api/v1/progress/:id` →
/// `…/api/v1/progress/:id/cancel`. The LTI variant and Cloudreve have none (`None`).
///
/// ## Usage
/// ```
/// # use lms_widgets::model::canvas_cancel_url;
/// assert_eq!(canvas_cancel_url("/api/v1/progress/5").as_deref(), Some("/api/v1/progress/5/cancel"));
/// assert_eq!(canvas_cancel_url("/api/lti/courses/1/progress/5"), None);
/// ```
pub fn canvas_cancel_url(url: &str) -> Option<String> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = path.trim_end_matches('/');
    let (head, id) = path.rsplit_once('/')?;
    (head.ends_with("/api/v1/progress") && !id.is_empty()).then(|| {
        let q = if query.is_empty() { String::new() } else { format!("?{query}") };
        format!("{path}/cancel{q}")
    })
}
