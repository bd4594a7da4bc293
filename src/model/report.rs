//! Canvas course reports (`/api/v1/courses/:course_id/reports/:report_type[/:id]`): the
//! report JSON, the "last report" quirk, the create body, and the card's option parsing.

use super::lenient::object_or_none;
use super::{clamp_percent, Id, ProgressState, Snapshot};
use crate::{DownloadLinkError, Error};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

/// The only report type Canvas offers (`available_reports = %w[course_pace_docx]`).
pub const COURSE_PACE_DOCX: &str = "course_pace_docx";

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
    /// The stored file name.
    #[serde(default)]
    pub filename: Option<String>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "super::progress::lenient_number_or_null")]
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
    #[serde(default, deserialize_with = "super::progress::lenient_number_or_null")]
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

/// The report a card works on: a course and a report type, with its three URLs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReportTarget {
    /// The course, checked as a Canvas id.
    pub course_id: Id,
    /// The report type (`course_pace_docx`).
    pub report_type: String,
}

impl ReportTarget {
    /// Checks the course id and report type (an empty type means `course_pace_docx`).
    pub fn new(course_id: &str, report_type: &str) -> Result<Self, Error> {
        let course_id = parse_id(course_id, "course-id")?;
        let t = report_type.trim();
        let report_type = if t.is_empty() { COURSE_PACE_DOCX } else { t };
        if !report_type.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(Error::InvalidOption {
                name: "report-type",
                reason: format!("{report_type:?} is not a report type (letters, digits and _ only)"),
            });
        }
        Ok(ReportTarget { course_id, report_type: report_type.to_owned() })
    }

    /// `POST` here to create a report.
    pub fn create_url(&self) -> String {
        format!("/api/v1/courses/{}/reports/{}", self.course_id, self.report_type)
    }

    /// `GET` here for the current user's last report. This is the path Canvas's own UI and
    /// API docs use; `…/last` would reach `show` with the id `last` (a 404).
    pub fn last_url(&self) -> String {
        self.create_url()
    }

    /// `GET` here to follow report `id`.
    pub fn show_url(&self, id: &Id) -> String {
        format!("{}/{id}", self.create_url())
    }
}

/// The JSON body of `POST …/reports/:report_type`, as Canvas's UI sends it:
/// `{"parameters":{"enrollment_ids":[…],"section_ids":[…]}}`, both arrays always present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreateReportBody {
    /// Permitted by Canvas as `parameters[enrollment_ids][]` and `parameters[section_ids][]`.
    pub parameters: ReportParameters,
}

/// The create body for `parameters`: both id arrays are sent, empty ones too.
pub fn create_body(parameters: &ReportParameters) -> CreateReportBody {
    CreateReportBody { parameters: parameters.clone() }
}

/// Parses one Canvas id: digits (`123`) or the shard form (`1~234`), surrounding space
/// ignored. `name` is the option reported in the error.
pub fn parse_id(s: &str, name: &'static str) -> Result<Id, Error> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::InvalidOption { name, reason: "it is required and was empty".into() });
    }
    if is_canvas_id(t) {
        Ok(Id::new(t))
    } else {
        Err(Error::InvalidOption { name, reason: format!("{t:?} is not a Canvas id (a whole number)") })
    }
}

fn is_canvas_id(t: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.len() <= 20 && p.bytes().all(|b| b.is_ascii_digit());
    let nonzero = |p: &str| p.bytes().any(|b| b != b'0');
    match t.split_once('~') {
        None => digits(t) && nonzero(t),
        Some((shard, local)) => digits(shard) && digits(local) && nonzero(local),
    }
}

/// Parses a comma- and/or space-separated list of Canvas ids (`"12, 13 14"`). Empty input
/// is an empty list; any entry that is not an id is an error naming it, never dropped.
pub fn parse_id_list(s: &str, name: &'static str) -> Result<Vec<Id>, Error> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|e| !e.is_empty())
        .enumerate()
        .map(|(i, e)| {
            if is_canvas_id(e) {
                Ok(Id::new(e))
            } else {
                Err(Error::InvalidOption {
                    name,
                    reason: format!("entry {} ({e:?}) is not a Canvas id; separate ids with commas or spaces", i + 1),
                })
            }
        })
        .collect()
}

/// The course id from an explicit option, else Canvas's `ENV.context_asset_string`
/// (`"course_123"`), else a `/courses/123…` page path. A given option is never replaced
/// by a fallback: a bad one is an error.
pub fn resolve_course_id(option: Option<&str>, context_asset: Option<&str>, path: Option<&str>) -> Result<Id, Error> {
    if let Some(o) = option.filter(|o| !o.trim().is_empty()) {
        return parse_id(o, "course-id");
    }
    let from_env = context_asset.and_then(|a| a.trim().strip_prefix("course_")).filter(|c| is_canvas_id(c));
    let from_path = path.and_then(|p| {
        let rest = p.strip_prefix("/courses/")?;
        let id = rest.split(['/', '?', '#']).next()?;
        is_canvas_id(id).then_some(id)
    });
    match from_env.or(from_path) {
        Some(id) => Ok(Id::new(id)),
        None => Err(Error::InvalidOption {
            name: "course-id",
            reason: match context_asset.filter(|a| !a.trim().is_empty()) {
                Some(a) => {
                    format!("none was given, and this page's Canvas context is {a:?}, not a course")
                }
                None => "none was given, and this is not a Canvas course page".into(),
            },
        }),
    }
}

/// The card's default title for a report type: "Course pace report" for
/// `course_pace_docx`, else the type in words ("Grade export").
pub fn default_label(report_type: &str) -> String {
    match report_type.trim() {
        "" | COURSE_PACE_DOCX => "Course pace report".into(),
        t => {
            let mut out = t.replace(['_', '-'], " ");
            if let Some(first) = out.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            out
        }
    }
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

/// Which request of the card a fault came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportOp {
    /// `GET …/reports/:type` (the last report).
    Check,
    /// `POST …/reports/:type`.
    Create,
    /// `GET …/reports/:type/:id` while following.
    Follow,
}

/// Where the card is: finding the last report, creating one, following it. [`ReportPhase::as_str`]
/// names it in the card's CSS class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportPhase {
    /// The options cannot be used (see the error).
    Invalid,
    /// Looking for the user's last report.
    Checking,
    /// No report yet.
    Idle,
    /// The create request is under way.
    Creating,
    /// Following a report that has not finished.
    Following,
    /// The report reached a terminal status.
    Finished,
    /// A request failed; "Try again" repeats it.
    Fault(ReportOp),
}

impl ReportPhase {
    /// Whether a request or a report is under way (the create button is disabled).
    pub fn is_busy(&self) -> bool {
        matches!(self, Self::Checking | Self::Creating | Self::Following)
    }

    /// A stable name for CSS classes and events.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::Checking => "checking",
            Self::Idle => "idle",
            Self::Creating => "creating",
            Self::Following => "following",
            Self::Finished => "finished",
            Self::Fault(_) => "fault",
        }
    }
}

/// A plain sentence for a fault, naming what the user can do about it.
///
/// ## Canvas notes
/// Canvas checks the report type before permissions: 400 `{"error":"invalid report type X"}`.
/// Creating needs the `read_reports` permission (401 otherwise), and only the user who
/// created a report may read it (401 for anyone else).
pub fn fault_message(op: ReportOp, e: &Error, report_type: &str) -> String {
    let msg = |m: &Option<String>| m.as_deref().unwrap_or_default().to_ascii_lowercase();
    match e {
        Error::Rejected { status: 400, message } if msg(message).contains("invalid report type") => {
            format!("Canvas has no course report called “{report_type}”. Check the report type.")
        }
        Error::Rejected { status: 400, message } if msg(message).contains("invalid context type") => {
            "Reports can only be created for a course.".into()
        }
        Error::Unauthorized { message } if msg(message).contains("authorization required") => {
            Error::LoginPage.to_string()
        }
        Error::Unauthorized { .. } => match op {
            ReportOp::Follow => "Only the person who created this report can see it.".into(),
            ReportOp::Create => "You do not have permission to create reports in this course.".into(),
            ReportOp::Check => "You do not have permission to see reports in this course.".into(),
        },
        Error::NotFound => match op {
            ReportOp::Follow => "This report no longer exists in Canvas.".into(),
            _ => "Canvas could not find this course.".into(),
        },
        other => other.to_string(),
    }
}

fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Id>, D::Error> {
    Ok(Option::<Vec<Id>>::deserialize(d)?.unwrap_or_default())
}
