//! The progress bar widget.

mod meter;
#[allow(clippy::module_inception)]
mod progress_bar;

pub use meter::{ProgressMeter, ProgressMeterProps};
pub use progress_bar::{event_name, ProgressBar, ProgressBarProps, ProgressEventSink};

/// The widget's stylesheet (adopted into each shadow root by the custom element; include
/// it yourself when rendering `<ProgressBar>` in your own Leptos app).
pub const CSS: &str = include_str!("progress_bar.css");
