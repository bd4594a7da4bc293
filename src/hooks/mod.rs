//! Reactive hooks (leptos-use style): state and effects, no view code.

#[cfg(any(feature = "report-card", feature = "pace-timeline"))]
mod latest_request;
#[cfg(feature = "report-card")]
mod use_course_report;
#[cfg(feature = "pace-timeline")]
mod use_pace_timeline;
mod use_progress_poll;

#[cfg(feature = "report-card")]
pub use use_course_report::{
    ended_message, use_course_report, use_course_report_with_options, Download, ReportEvent, ReportListener,
    UseCourseReportOptions, UseCourseReportReturn,
};
#[cfg(feature = "pace-timeline")]
pub use use_pace_timeline::{
    use_pace_timeline, use_pace_timeline_with_options, PaceEventSink, PaceLoad, UsePaceTimelineOptions,
    UsePaceTimelineReturn,
};
pub use use_progress_poll::{
    use_progress_poll, use_progress_poll_with_options, PollListener, UseProgressPollOptions, UseProgressPollReturn,
};
