//! The course-report card widget: a view over [`crate::hooks::use_course_report`].

mod actions;
mod alerts;
mod events;
mod options;
#[allow(clippy::module_inception)]
mod report_card;
mod times;

pub use events::{report_event_name, ReportEventSink};
pub use report_card::{ReportCard, ReportCardProps};

/// The card's own stylesheet. The custom element adopts it after [`super::BASE_CSS`] and the
/// progress bar's [`super::progress_bar::CSS`] (the card reuses the bar's look); include all
/// three yourself when rendering `<ReportCard>` in your own Leptos app.
pub const CSS: &str = include_str!("report_card.css");
