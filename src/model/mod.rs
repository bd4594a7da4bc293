//! Pure serde types for Canvas and Cloudreve JSON (no browser dependencies).

mod cloudreve;
mod id;
mod progress;
mod snapshot;

pub use cloudreve::{CloudreveAmount, CloudreveResponse};
pub use id::Id;
pub use progress::{canvas_cancel_url, clamp_percent, CanvasProgress, ProgressState};
pub use snapshot::{Format, Measure, Snapshot, Unit};
