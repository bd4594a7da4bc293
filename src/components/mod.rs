//! Leptos components: thin views over the hooks and the pure model.

pub mod intl;
#[cfg(feature = "pace-timeline")]
pub mod pace_timeline;
pub mod progress_bar;
#[cfg(feature = "report-card")]
pub mod report_card;

/// Styles shared by every widget (buttons, screen-reader-only text).
pub const BASE_CSS: &str = include_str!("base.css");
