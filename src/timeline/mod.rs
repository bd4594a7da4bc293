//! Pure logic behind the pace timeline widget: the time axis layout and the edit draft.

mod axis;
mod draft;

pub use axis::{layout, Axis, Bar, Shade, ShadedRun};
pub use draft::{parse_duration, Change, Draft, Settings};
