//! One format-independent view of a job, what the progress bar renders.

use super::{clamp_percent, CanvasProgress, CloudreveResponse, Id, ProgressState};
use crate::Error;

/// Which API a progress URL speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Canvas `GET /api/v1/progress/:id` (or the LTI variant).
    Canvas,
    /// Cloudreve v4 `GET /api/v4/workflow/progress/:id`.
    Cloudreve,
    /// Decide from the URL, then from the answer's shape.
    #[default]
    Auto,
    /// A Canvas course report (`GET /api/v1/courses/:course_id/reports/:type/:id`), followed
    /// by the report card. Not accepted by [`Format::parse`].
    CourseReport,
}

impl Format {
    /// Parses the `format` attribute/option: `canvas`, `cloudreve` or `auto` (empty = auto).
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(Self::Auto),
            "canvas" => Ok(Self::Canvas),
            "cloudreve" => Ok(Self::Cloudreve),
            other => Err(Error::InvalidOption {
                name: "format",
                reason: format!("expected canvas, cloudreve or auto, got {other:?}"),
            }),
        }
    }

    /// Resolves `Auto` from the URL: Cloudreve's path is `/api/v4/workflow/progress/`.
    pub fn for_url(self, url: &str) -> Self {
        match self {
            Self::Auto if url.contains("/api/v4/workflow/progress/") => Self::Cloudreve,
            Self::Auto if url.contains("/progress/") => Self::Canvas,
            other => other,
        }
    }
}

/// What an amount counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Bytes ("12.4 MB of 40 MB").
    Bytes,
    /// Files ("3 of 10 files").
    Files,
}

/// A labelled `current of total`.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// What it is ("Uploaded", "Imported", …).
    pub label: String,
    /// Done so far.
    pub current: f64,
    /// Total.
    pub total: f64,
    /// Bytes or files.
    pub unit: Unit,
}

impl Measure {
    /// Percent done, clamped; `None` when the total is zero.
    pub fn percent(&self) -> Option<f64> {
        (self.total > 0.0).then(|| clamp_percent(Some(100.0 * self.current / self.total)))?
    }
}

/// The job as the widget shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The job's state (Cloudreve jobs map to queued / running / completed).
    pub state: ProgressState,
    /// 0..=100, or `None` while indeterminate.
    pub percent: Option<f64>,
    /// The job's own message, if any.
    pub message: Option<String>,
    /// The main amount (Cloudreve), if any.
    pub main: Option<Measure>,
    /// Further amounts shown as secondary lines (Cloudreve).
    pub secondary: Vec<Measure>,
    /// Canvas's `updated_at`, used for the stalled hint.
    pub updated_at: Option<String>,
    /// Who started the job (Canvas): only they may cancel it.
    pub user_id: Option<Id>,
}

impl Snapshot {
    /// Whether polling is over.
    pub fn is_terminal(&self) -> bool {
        self.state.is_terminal()
    }

    /// A key that changes whenever the job visibly moves (for stall detection).
    pub fn movement_key(&self) -> String {
        let pct = self.percent.map(|p| (p * 100.0).round() as i64);
        let main = self.main.as_ref().map(|m| m.current as i64);
        format!("{}|{:?}|{:?}|{:?}", self.state.as_str(), pct, main, self.updated_at)
    }

    /// `aria-valuetext`: "45 percent, running", or just the state while indeterminate.
    pub fn value_text(&self) -> String {
        let state = self.state.label().to_ascii_lowercase();
        match self.percent {
            Some(p) => format!("{} percent, {state}", p.floor() as i64),
            None => self.state.label(),
        }
    }

    /// Builds the view of a Canvas Progress.
    pub fn from_canvas(p: &CanvasProgress) -> Self {
        let percent = match p.state_completed_percent() {
            Some(v) => Some(v),
            None => p.percent(),
        };
        Snapshot {
            state: p.workflow_state.clone(),
            percent,
            message: p.message.clone().filter(|m| !m.trim().is_empty()),
            main: None,
            secondary: Vec::new(),
            updated_at: p.updated_at.clone(),
            user_id: p.user_id.clone(),
        }
    }

    /// Builds the view of a Cloudreve answer; `code != 0` is an error.
    ///
    /// The main bar is bytes uploaded (`upload`) when present, else `imported`, `indexed`,
    /// `upload_count`, else the first entry; every other entry becomes a secondary line.
    /// Cloudreve has no job state: empty `data` is "waiting for progress" (queued), and
    /// the job counts as completed once every entry has `current >= total > 0`.
    pub fn from_cloudreve(r: &CloudreveResponse) -> Result<Self, Error> {
        if r.code != 0 {
            return Err(Error::Cloudreve { code: r.code, msg: r.msg.clone() });
        }
        let rank = |k: &str| match k {
            "upload" => 0,
            "imported" => 1,
            "indexed" => 2,
            "upload_count" => 3,
            _ => 4,
        };
        let main_idx = r.data.iter().enumerate().min_by_key(|(i, (k, _))| (rank(k), *i)).map(|(i, _)| i);
        let measure = |(k, a): &(String, super::CloudreveAmount)| Measure {
            label: cloudreve_label(k, a.identifier.as_deref()),
            current: a.current,
            total: a.total,
            unit: if k == "upload" || k.starts_with("upload_single_") { Unit::Bytes } else { Unit::Files },
        };
        let main = main_idx.map(|i| measure(&r.data[i]));
        let secondary =
            r.data.iter().enumerate().filter(|(i, _)| Some(*i) != main_idx).map(|(_, e)| measure(e)).collect();
        let done = !r.data.is_empty() && r.data.iter().all(|(_, a)| a.total > 0.0 && a.current >= a.total);
        let state = if r.data.is_empty() {
            ProgressState::Queued
        } else if done {
            ProgressState::Completed
        } else {
            ProgressState::Running
        };
        let percent = if done { Some(100.0) } else { main.as_ref().and_then(Measure::percent) };
        Ok(Snapshot {
            state,
            percent,
            message: r.data.is_empty().then(|| "Waiting for progress".to_owned()),
            main,
            secondary,
            updated_at: None,
            user_id: None,
        })
    }
}

impl CanvasProgress {
    /// Canvas sets completion to 100 on `complete`; trust the state if a proxy lost it.
    fn state_completed_percent(&self) -> Option<f64> {
        (self.workflow_state == ProgressState::Completed).then_some(100.0)
    }
}

fn cloudreve_label(kind: &str, identifier: Option<&str>) -> String {
    let base = match kind {
        "upload" => "Uploaded".to_owned(),
        "upload_count" => "Files uploaded".to_owned(),
        "imported" => "Imported".to_owned(),
        "indexed" => "Indexed".to_owned(),
        // Counted from 1 in a u64: `upload_single_4294967295` is thread 4294967296, not an
        // overflow (a panic in debug builds, "thread 0" in release).
        k => match k.strip_prefix("upload_single_").and_then(|n| n.parse::<u32>().ok()) {
            Some(n) => format!("Upload thread {}", u64::from(n) + 1),
            None => k.replace('_', " "),
        },
    };
    match identifier {
        Some(id) if !id.is_empty() => format!("{base} ({id})"),
        _ => base,
    }
}
