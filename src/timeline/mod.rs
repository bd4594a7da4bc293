//! Pure logic behind the pace timeline widget: the time axis layout, the edit draft, the
//! plan, the sentences shown, and merging another teacher's publish.

mod axis;
mod conflict;
mod draft;
mod json;
mod loaded;
mod plan;
mod publish;
mod text;
mod window;

pub use axis::{bars_path, layout, runs_path, weeks_path, Axis, Bar, Shade, ShadedRun};
pub use conflict::{detect, rebase, Conflict, Resolution, TheirChange};
pub use draft::{
    draft_key, parse_duration, Change, Draft, Settings, SettingsEdit, StorageNotice, MAX_DURATION, WEEKDAYS,
};
pub use json::{
    changes_body, progress_path, publish_body, BlackoutDate, BlackoutList, CoursePace, ItemAttributes, PaceEnvelope,
    PaceItem, PaceModule, PublishBody, PublishPace,
};
pub use loaded::{LinkTarget, Loaded};
pub use plan::{plan_view, PlanView, Row};
pub use publish::{publish_blocker, publish_fault, PublishPhase, PublishStep};
pub use text::{
    changes_summary, compressed_note, conflict_lines, conflict_question, describe, describe_theirs, end_caption,
    header_stats, offer_summary, start_caption, HeaderStats,
};
pub use window::{all_rows, row_window, table_window, RowWindow, MARGIN_ROWS, RENDER_ALL_UP_TO};
