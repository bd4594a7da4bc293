//! The progress bar widget: a view over [`crate::hooks::use_progress_poll`].

mod cancel;
mod events;
mod fault;
mod meter;
#[allow(clippy::module_inception)]
mod progress_bar;

pub use events::{event_name, ProgressEventSink};
pub use meter::{ProgressMeter, ProgressMeterProps};
pub use progress_bar::{ProgressBar, ProgressBarProps};

/// The widget's stylesheet (adopted into each shadow root by the custom element; include
/// it yourself when rendering `<ProgressBar>` in your own Leptos app).
pub const CSS: &str = include_str!("progress_bar.css");
