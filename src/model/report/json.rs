//! Canvas's course report JSON: the report, its status, file and parameters, the "last
//! report" quirk, and the check of its download link.

use crate::model::lenient::object_or_none;
use crate::model::{clamp_percent, parse_id_list, Id, ProgressState, Snapshot};
use crate::{DownloadLinkError, Error};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

/// A report's `status` (= `workflow_state`).
///
/// Canvas declares seven states; unknown ones are kept, shown, and followed like a running
/// report, never rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportStatus {
    /// Created, waiting for a worker (the initial state).
    Created,
    /// A worker is generating it.
    Running,
    /// Declared by Canvas but never set by the code read; treated as running.
    Compiling,
    /// Done: `file_url` and `attachment` are present.
    Complete,
    /// Generating failed.
    Error,
    /// Declared by Canvas; terminal.
    Aborted,
    /// Soft-deleted; terminal.
    Deleted,
    /// A status this library does not know yet (kept as sent).
    Unknown(String),
}

impl Default for ReportStatus {
    fn default() -> Self {
        Self::Unknown(String::new())
    }
}

impl ReportStatus {
    /// Parses a status string; anything unrecognised becomes [`ReportStatus::Unknown`].
    pub fn parse(s: &str) -> Self {
        match s.trim() {
            "created" => Self::Created,
            "running" => Self::Running,
            "compiling" => Self::Compiling,
            "complete" => Self::Complete,
            "error" => Self::Error,
            "aborted" => Self::Aborted,
            "deleted" => Self::Deleted,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// The wire name (an unknown status as given).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Created => "created",
            Self::Running => "running",
            Self::Compiling => "compiling",
            Self::Complete => "complete",
            Self::Error => "error",
            Self::Aborted => "aborted",
            Self::Deleted => "deleted",
            Self::Unknown(s) => s,
        }
    }

    /// Words for people ("Queued", "Running", …; an unknown status capitalised).
    pub fn label(&self) -> String {
        match self {
            Self::Created => "Queued".into(),
            Self::Running => "Running".into(),
            Self::Compiling => "Compiling".into(),
            Self::Complete => "Complete".into(),
            Self::Error => "Failed".into(),
            Self::Aborted => "Aborted".into(),
            Self::Deleted => "Deleted".into(),
            Self::Unknown(s) if s.trim().is_empty() => "Unknown".into(),
            Self::Unknown(s) => {
                let mut out = s.replace('_', " ");
                if let Some(first) = out.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                out
            }
        }
    }

    /// Whether following the report is over: complete, error, aborted or deleted.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Complete | Self::Error | Self::Aborted | Self::Deleted)
    }

    /// The Progress state the shared poller and the bar understand.
    pub fn progress_state(&self) -> ProgressState {
        match self {
            Self::Created => ProgressState::Queued,
            Self::Running | Self::Compiling => ProgressState::Running,
            Self::Complete => ProgressState::Completed,
            Self::Error => ProgressState::Failed,
            Self::Aborted | Self::Deleted => ProgressState::Canceled,
            Self::Unknown(s) => ProgressState::Unknown(s.clone()),
        }
    }
}

impl<'de> Deserialize<'de> for ReportStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<String>::deserialize(d).map(|s| s.map(|s| Self::parse(&s)).unwrap_or_default())
    }
}

/// The report's file (Canvas's File API object), present once the report is complete.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ReportAttachment {
    /// The file's id in Canvas's Files API.
    #[serde(default)]
    pub id: Option<Id>,
    /// The name shown to people (`course_pace.docx`).
    #[serde(default)]
    pub display_name: Option<String>,
    /// The stored file name, used when there is no `display_name`.
    #[serde(default)]
    pub filename: Option<String>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "crate::model::progress::lenient_number_or_null")]
    pub size: Option<f64>,
    /// MIME type (the key is `content-type`).
    #[serde(default, rename = "content-type")]
    pub content_type: Option<String>,
    /// The file's download URL, used when the report has no `file_url`.
    #[serde(default)]
    pub url: Option<String>,
}

/// A course pace report's parameters: the enrollments and sections it covers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportParameters {
    /// Student enrollments to report on (empty: none chosen).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub enrollment_ids: Vec<Id>,
    /// Sections to report on (empty: none chosen).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub section_ids: Vec<Id>,
}

impl ReportParameters {
    /// Parses the `section-ids` and `enrollment-ids` lists (see [`parse_id_list`]).
    pub fn parse(section_ids: &str, enrollment_ids: &str) -> Result<Self, Error> {
        Ok(ReportParameters {
            section_ids: parse_id_list(section_ids, "section-ids")?,
            enrollment_ids: parse_id_list(enrollment_ids, "enrollment-ids")?,
        })
    }
}

/// Canvas's CourseReport JSON (`lib/api/v1/course_report.rb`). Every field tolerates
/// absence and `null`, and older Canvas (no `progress`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CourseReport {
    /// The report id; empty only when the body had none (`{}` from "last").
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: Id,
    /// Where the report is (Canvas's `workflow_state`); `null` or absent is an unknown status.
    #[serde(default)]
    pub status: ReportStatus,
    /// `course_pace_docx`.
    #[serde(default)]
    pub report_type: Option<String>,
    /// The course the report belongs to, when Canvas says.
    #[serde(default)]
    pub course_id: Option<Id>,
    /// What the report covers; `None` when Canvas sent `null` or not an object.
    #[serde(default, deserialize_with = "object_or_none")]
    pub parameters: Option<ReportParameters>,
    /// ISO 8601.
    #[serde(default)]
    pub created_at: Option<String>,
    /// ISO 8601, once a worker started.
    #[serde(default)]
    pub started_at: Option<String>,
    /// ISO 8601, once it completed or failed.
    #[serde(default)]
    pub ended_at: Option<String>,
    /// A verified download URL; `null` until an attachment exists.
    #[serde(default)]
    pub file_url: Option<String>,
    /// The file, present only once it exists.
    #[serde(default)]
    pub attachment: Option<ReportAttachment>,
    /// Percent done as an integer; absent in older Canvas.
    #[serde(default, deserialize_with = "crate::model::progress::lenient_number_or_null")]
    pub progress: Option<f64>,
    /// A message, should a Canvas version send one (the JSON read has none).
    #[serde(default)]
    pub message: Option<String>,
}

impl CourseReport {
    /// Percent done, clamped to 0..=100: `progress`, else 100 when complete, else `None`
    /// (indeterminate).
    pub fn percent(&self) -> Option<f64> {
        clamp_percent(self.progress).or((self.status == ReportStatus::Complete).then_some(100.0))
    }

    /// The raw download URL: `file_url`, else `attachment.url` (blank ones ignored).
    pub fn download_url(&self) -> Option<&str> {
        fn non_blank(u: &Option<String>) -> Option<&str> {
            u.as_deref().map(str::trim).filter(|u| !u.is_empty())
        }
        non_blank(&self.file_url).or_else(|| self.attachment.as_ref().and_then(|a| non_blank(&a.url)))
    }

    /// The file's name for people: `display_name`, else `filename`.
    pub fn file_name(&self) -> Option<&str> {
        let a = self.attachment.as_ref()?;
        [&a.display_name, &a.filename].into_iter().flatten().map(|s| s.trim()).find(|s| !s.is_empty())
    }

    /// The file's size in bytes, when Canvas gave a sensible one.
    pub fn file_size(&self) -> Option<f64> {
        self.attachment.as_ref()?.size.filter(|s| s.is_finite() && *s >= 0.0)
    }
}

impl Snapshot {
    /// Builds the view of a course report so the shared poller can follow it: created →
    /// queued, running/compiling → running, complete → completed, error → failed,
    /// aborted/deleted → canceled, unknown statuses kept (and followed).
    pub fn from_report(r: &CourseReport) -> Self {
        Snapshot {
            state: r.status.progress_state(),
            percent: r.percent(),
            message: r.message.clone().filter(|m| !m.trim().is_empty()),
            main: None,
            secondary: Vec::new(),
            updated_at: None,
            user_id: None,
        }
    }
}

/// The body of `GET …/reports/:report_type` (last): a report, or anything else.
#[derive(Clone, Debug, PartialEq)]
pub enum LastBody {
    /// A report with an id.
    Report(Box<CourseReport>),
    /// `{}`, a body without `id`, or any other JSON.
    Other,
}

impl<'de> Deserialize<'de> for LastBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match object_or_none::<_, CourseReport>(d)? {
            Some(r) if !r.id.as_str().is_empty() => LastBody::Report(Box::new(r)),
            _ => LastBody::Other,
        })
    }
}

/// Interprets Canvas's answer to "last report": the report, or `None` for "no report yet".
///
/// ## Canvas notes
/// With no report, Canvas renders twice (`render json: {}` then the report JSON of nil),
/// which is an HTTP 500; `{}` or a body without `id` mean the same. Only a 2xx answer
/// holding a report with an id is a report.
pub fn interpret_last(status: u16, body: Option<&LastBody>) -> Option<CourseReport> {
    match body {
        Some(LastBody::Report(r)) if (200..300).contains(&status) => Some((**r).clone()),
        _ => None,
    }
}

/// Whether a failed "last report" request still means "no report yet" rather than a
/// fault: a 5xx (Canvas's double render), 404, another unexpected status, or an empty or
/// unreadable 2xx body. Sign-in, permission, network and throttling faults are faults.
pub fn last_fault_means_no_report(e: &Error) -> bool {
    matches!(e, Error::Server { .. } | Error::NotFound | Error::Http { .. } | Error::BadResponse(_))
}

/// Checks a download URL before it becomes a link: relative URLs and `http:`/`https:`
/// pass (the browser resolves them next); any other scheme (`javascript:`, `data:`, …) is
/// refused ([`DownloadLinkError`]). Tabs and newlines are removed and C0/space trimmed first, as
/// the URL parser does, so `java\tscript:` is caught too.
pub fn vet_download_url(raw: &str) -> Result<String, DownloadLinkError> {
    let cleaned: String =
        raw.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.is_empty() {
        return Err(DownloadLinkError::Empty);
    }
    let scheme_end = cleaned.find(':');
    let scheme = scheme_end.map(|i| &cleaned[..i]).filter(|s| {
        let mut cs = s.chars();
        cs.next().is_some_and(|c| c.is_ascii_alphabetic())
            && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        None | Some("http") | Some("https") => Ok(cleaned),
        Some(other) => Err(DownloadLinkError::NotWeb(other.to_owned())),
    }
}

fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Id>, D::Error> {
    Ok(Option::<Vec<Id>>::deserialize(d)?.unwrap_or_default())
}
