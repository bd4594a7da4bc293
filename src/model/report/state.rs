//! Where the card is (its phase, the request that failed) and a fault as a sentence.

use crate::Error;

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
        Error::Unauthorized { .. } if !e.is_signed_out() => match op {
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
