//! The course-pace timeline widget: a view over [`crate::hooks::use_pace_timeline`].

mod axis;
mod header;
#[allow(clippy::module_inception)]
mod pace_timeline;
mod publish;
mod settings;
mod table;

pub use crate::hooks::PaceEventSink;
pub use crate::timeline::Loaded;
pub use pace_timeline::{PaceTimeline, PaceTimelineProps};

/// The widget's stylesheet (adopted into the custom element's shadow root; include it
/// yourself when rendering `<PaceTimeline>` in your own Leptos app).
pub const CSS: &str = include_str!("pace_timeline.css");
