//! The course-pace timeline widget.

mod axis;
#[allow(clippy::module_inception)]
mod pace_timeline;
mod store;
mod table;

pub use pace_timeline::{Loaded, PaceEventSink, PaceTimeline, PaceTimelineProps};

/// The widget's stylesheet (adopted into the custom element's shadow root; include it
/// yourself when rendering `<PaceTimeline>` in your own Leptos app).
pub const CSS: &str = include_str!("pace_timeline.css");
