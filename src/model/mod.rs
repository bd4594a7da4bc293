//! Pure types and logic for Canvas and Cloudreve JSON, and what the report card and progress bar
//! show of it (no browser dependencies).

mod cloudreve;
mod id;
mod lenient;
mod pace;
mod progress;
mod progress_bar;
mod report;
mod report_card;
mod snapshot;

pub use cloudreve::{CloudreveAmount, CloudreveResponse};
pub use id::{parse_id, parse_id_list, resolve_course_id, Id};
#[cfg(target_arch = "wasm32")]
pub(crate) use pace::number_text;
pub(crate) use pace::push_decimal;
pub use pace::{
    BlackoutDate, BlackoutInput, CoursePace, CoursePaceResponse, ItemInput, PaceInput, PaceModule, PaceModuleItem,
    PaceRequest,
};
#[cfg(all(target_arch = "wasm32", feature = "pace-js"))]
pub(crate) use pace::{RawBlackout, RawItem, RawPace, RawRequest, Scalar};
pub use progress::{canvas_cancel_url, clamp_percent, CanvasProgress, ProgressState};
pub use progress_bar::{
    bar_modifier, detail_lines, offers_cancel, one_decimal, progress_announcement, progress_class, progress_status,
    retry_message, state_modifier,
};
pub use report::{
    create_body, default_label, fault_message, interpret_last, last_fault_means_no_report, vet_download_url,
    CourseReport, CreateReportBody, LastBody, ReportAttachment, ReportOp, ReportParameters, ReportPhase, ReportStatus,
    ReportTarget, COURSE_PACE_DOCX,
};
pub use report_card::{
    can_create_report, card_class, complete_announcement, download_caption, ended_alert, ended_message, report_action,
    report_status, report_times, started_announcement, ReportAction,
};
pub use snapshot::{Format, Measure, Snapshot, Unit};
