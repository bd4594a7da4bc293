//! Canvas course reports (`/api/v1/courses/:course_id/reports/:report_type[/:id]`): the
//! report JSON ([`json`]), the card's target and create body ([`target`]), and the card's
//! phase and fault wording ([`state`]).

mod json;
mod state;
mod target;

pub use json::{
    interpret_last, last_fault_means_no_report, vet_download_url, CourseReport, LastBody, ReportAttachment,
    ReportParameters, ReportStatus,
};
pub use state::{fault_message, ReportOp, ReportPhase};
pub use target::{create_body, default_label, CreateReportBody, ReportTarget, COURSE_PACE_DOCX};
