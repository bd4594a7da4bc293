//! The course-report card widget.

#[allow(clippy::module_inception)]
mod report_card;

pub use report_card::{report_event_name, ReportCard, ReportCardProps, ReportEventSink};

/// The card's own stylesheet. The custom element adopts it after [`super::BASE_CSS`] and the
/// progress bar's [`super::progress_bar::CSS`] (the card reuses the bar's look); include all
/// three yourself when rendering `<ReportCard>` in your own Leptos app.
pub const CSS: &str = include_str!("report_card.css");
