//! The report a card works on (a course and a report type), its URLs and the create body.

use super::ReportParameters;
use crate::model::{parse_id, Id};
use crate::Error;
use serde::Serialize;

/// The only report type Canvas offers (`available_reports = %w[course_pace_docx]`).
pub const COURSE_PACE_DOCX: &str = "course_pace_docx";

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
