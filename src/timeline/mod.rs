//! Pure logic behind the pace timeline widget: the time axis layout and the edit draft.

mod axis;
mod draft;
mod json;
mod plan;

pub use axis::{layout, Axis, Bar, Shade, ShadedRun};
pub use draft::{parse_duration, Change, Draft, Settings};
pub use json::{
    publish_body, BlackoutDate, BlackoutList, CoursePace, ItemAttributes, PaceEnvelope, PaceItem, PaceModule,
    PublishBody, PublishPace,
};
pub use plan::{plan_view, PlanView, Row};
