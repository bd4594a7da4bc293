//! Unpublished edits to a course pace: what changed, whether it is worth keeping, and the
//! durations a person types.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The pace-wide settings a teacher can change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Skip Saturdays and Sundays.
    pub exclude_weekends: bool,
    /// Weekdays to skip (`"mon"` … `"sun"`); wins over `exclude_weekends` when non-empty.
    #[serde(default)]
    pub selected_days_to_skip: Vec<String>,
    /// The end date (`YYYY-MM-DD`), if any.
    #[serde(default)]
    pub end_date: Option<String>,
}

/// Edits not yet published, kept per course and pace (in `localStorage` by the widget) so a
/// reload loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Edited durations by pace item id (only the ones that differ from the published pace).
    #[serde(default)]
    pub durations: BTreeMap<String, u32>,
    /// Edited settings, when they differ.
    #[serde(default)]
    pub settings: Option<Settings>,
    /// When the draft was last changed (milliseconds since the epoch).
    #[serde(default)]
    pub saved_at: f64,
}

/// One unpublished change, for the "N unpublished changes" list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An item's duration: (item id, from, to).
    Duration(String, u32, u32),
    /// Skip weekends toggled.
    ExcludeWeekends(bool),
    /// The skipped weekdays changed.
    SkippedDays(Vec<String>),
    /// The end date changed.
    EndDate(Option<String>),
}

impl Draft {
    /// Whether there is nothing to publish.
    pub fn is_empty(&self) -> bool {
        self.durations.is_empty() && self.settings.is_none()
    }

    /// Records a duration; an edit back to the published value removes the change.
    pub fn set_duration(&mut self, item_id: &str, published: u32, value: u32) {
        if value == published {
            self.durations.remove(item_id);
        } else {
            self.durations.insert(item_id.to_owned(), value);
        }
    }

    /// Records the settings; settings equal to the published ones remove the change.
    pub fn set_settings(&mut self, published: &Settings, value: Settings) {
        self.settings = (value != *published).then_some(value);
    }

    /// The effective duration of an item.
    pub fn duration(&self, item_id: &str, published: u32) -> u32 {
        self.durations.get(item_id).copied().unwrap_or(published)
    }

    /// The effective settings.
    pub fn settings_or<'a>(&'a self, published: &'a Settings) -> &'a Settings {
        self.settings.as_ref().unwrap_or(published)
    }

    /// Drops edits to items the pace no longer has (e.g. after a published reload) and
    /// edits that now equal the published values. `published(id)` gives an item's duration.
    pub fn reconcile(&mut self, published: impl Fn(&str) -> Option<u32>, published_settings: &Settings) {
        self.durations.retain(|id, v| published(id).is_some_and(|p| p != *v));
        if self.settings.as_ref() == Some(published_settings) {
            self.settings = None;
        }
    }

    /// The list of changes against the published pace, settings first, then items in
    /// `item_order`.
    pub fn changes(&self, published_settings: &Settings, item_order: &[(String, u32)]) -> Vec<Change> {
        let mut out = Vec::new();
        if let Some(s) = &self.settings {
            if s.exclude_weekends != published_settings.exclude_weekends {
                out.push(Change::ExcludeWeekends(s.exclude_weekends));
            }
            if s.selected_days_to_skip != published_settings.selected_days_to_skip {
                out.push(Change::SkippedDays(s.selected_days_to_skip.clone()));
            }
            if s.end_date != published_settings.end_date {
                out.push(Change::EndDate(s.end_date.clone()));
            }
        }
        for (id, published) in item_order {
            if let Some(v) = self.durations.get(id) {
                out.push(Change::Duration(id.clone(), *published, *v));
            }
        }
        out
    }
}

/// Parses a typed duration: whole days, 0 or more (surrounding spaces allowed; empty = 0,
/// as Canvas's input does on blur). Anything else is an error message for the person.
///
/// ## Usage
/// ```
/// use lms_widgets::timeline::parse_duration;
/// assert_eq!(parse_duration(" 3 "), Ok(3));
/// assert!(parse_duration("2.5").is_err());
/// ```
pub fn parse_duration(text: &str) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if t.starts_with('-') {
            "A duration cannot be negative: enter 0 or more days.".into()
        } else {
            format!("\u{201c}{t}\u{201d} is not a whole number of days: enter 0 or more.")
        });
    }
    t.parse::<u32>()
        .ok()
        .filter(|v| *v <= 3650)
        .ok_or_else(|| "That is more than 10 years: enter at most 3650 days.".into())
}
