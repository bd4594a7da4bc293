//! Leptos components: thin views over the hooks and the pure model.

pub mod intl;
#[cfg(feature = "pace-timeline")]
pub mod pace_timeline;
pub mod progress_bar;
#[cfg(feature = "report-card")]
pub mod report_card;

use leptos::prelude::*;

/// A widget's locale: its `locale` prop if `Intl` takes it, else `<html lang>`, else the
/// browser's. Resolved once here: call it after the widget's hook has sent its first request.
/// Resolving is usually the page's first use of `Intl`, whose start-up (30–115 ms in headless
/// Chromium) then overlaps the request instead of coming between its answer and the first
/// thing shown.
pub(crate) fn widget_locale(locale: MaybeProp<String>) -> Signal<Option<String>> {
    let resolved = Memo::new(move |_| intl::valid_locale(locale.get().or_else(intl::page_locale)));
    resolved.with_untracked(|_| ());
    resolved.into()
}

/// Styles shared by every widget (buttons, screen-reader-only text).
pub const BASE_CSS: &str = include_str!("base.css");
