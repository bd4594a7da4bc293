//! Unpublished edits to a course pace: what changed, whether it is worth keeping, and the
//! durations a person types.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest duration a person may give an item: ten years of days.
pub const MAX_DURATION: u32 = 3650;

/// Canvas's weekday codes for `selected_days_to_skip`, Monday first, with their labels.
pub const WEEKDAYS: [(&str, &str); 7] =
    [("mon", "Mon"), ("tue", "Tue"), ("wed", "Wed"), ("thu", "Thu"), ("fri", "Fri"), ("sat", "Sat"), ("sun", "Sun")];

/// One edit of the pace-wide settings, as the settings form makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsEdit {
    /// Skip weekends on or off.
    ExcludeWeekends(bool),
    /// Skip one weekday (`"mon"` … `"sun"`) or stop skipping it.
    SkipDay(String, bool),
    /// A new end date (`YYYY-MM-DD`; an empty string removes it).
    EndDate(String),
}

impl Settings {
    /// Applies an edit; the skipped days stay in week order without repeats.
    pub fn apply(&mut self, edit: SettingsEdit) {
        match edit {
            SettingsEdit::ExcludeWeekends(on) => self.exclude_weekends = on,
            SettingsEdit::SkipDay(code, on) => {
                self.selected_days_to_skip.retain(|d| *d != code);
                if on {
                    self.selected_days_to_skip.push(code);
                }
                self.selected_days_to_skip.sort_by_key(|d| WEEKDAYS.iter().position(|(c, _)| c == d));
            }
            SettingsEdit::EndDate(v) => self.end_date = (!v.trim().is_empty()).then(|| v.trim().to_owned()),
        }
    }
}

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

    /// How many changes it holds (each duration, and the settings as one).
    pub fn len(&self) -> usize {
        self.durations.len() + usize::from(self.settings.is_some())
    }

    /// Checks a draft read back from storage, which anything may have written: every
    /// duration a whole number of days up to [`MAX_DURATION`], weekday codes Canvas knows,
    /// an end date that is a date. The error says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if let Some((id, v)) = self.durations.iter().find(|(id, v)| id.trim().is_empty() || **v > MAX_DURATION) {
            return Err(format!("item {id:?} has a duration of {v} days (at most {MAX_DURATION})"));
        }
        if let Some(s) = &self.settings {
            if let Some(d) = s.selected_days_to_skip.iter().find(|d| !WEEKDAYS.iter().any(|(c, _)| c == d)) {
                return Err(format!("{d:?} is not a day of the week"));
            }
            if let Some(e) = &s.end_date {
                crate::pace::parse_date(e).map_err(|err| format!("the end date: {err}"))?;
            }
        }
        if !self.saved_at.is_finite() {
            return Err("its time stamp is not a number".into());
        }
        Ok(())
    }

    /// This (restored) draft with the edits typed since the page loaded on top: a typed
    /// duration or setting wins over the restored one; settings merge field by field
    /// against the `published` ones.
    pub fn with_edits(mut self, typed: &Draft, published: &Settings) -> Draft {
        self.durations.extend(typed.durations.iter().map(|(k, v)| (k.clone(), *v)));
        if let Some(t) = &typed.settings {
            let mut s = self.settings_or(published).clone();
            if t.exclude_weekends != published.exclude_weekends {
                s.exclude_weekends = t.exclude_weekends;
            }
            if t.selected_days_to_skip != published.selected_days_to_skip {
                s.selected_days_to_skip = t.selected_days_to_skip.clone();
            }
            if t.end_date != published.end_date {
                s.end_date = t.end_date.clone();
            }
            self.set_settings(published, s);
        }
        self.saved_at = self.saved_at.max(typed.saved_at);
        self
    }

    /// What is left after `sent` was published: the edits made since (values that differ
    /// from what was sent) stay.
    pub fn without_sent(&self, sent: &Draft) -> Draft {
        let mut out = self.clone();
        out.durations.retain(|k, v| sent.durations.get(k) != Some(v));
        if out.settings.is_some() && out.settings == sent.settings {
            out.settings = None;
        }
        out
    }

    /// The list of changes against the published pace, settings first, then items in
    /// `item_order`.
    pub fn changes<'a>(
        &self,
        published_settings: &Settings,
        item_order: impl IntoIterator<Item = (&'a str, u32)>,
    ) -> Vec<Change> {
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
        if self.durations.is_empty() {
            return out;
        }
        for (id, published) in item_order {
            if let Some(v) = self.durations.get(id) {
                out.push(Change::Duration(id.to_owned(), published, *v));
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
        .filter(|v| *v <= MAX_DURATION)
        .ok_or_else(|| "That is more than 10 years: enter at most 3650 days.".into())
}

/// The `localStorage` key of a draft: per Canvas (the API's origin), per user (when the page
/// says who: Canvas's `ENV.current_user_id`), per course and pace, so two people or two
/// Canvas hosts sharing a browser never see each other's drafts.
///
/// ## Usage
/// ```
/// use lms_widgets::timeline::draft_key;
/// assert_eq!(draft_key("https://canvas.example.edu", Some("42"), "7", "3"),
///     "lmsw:pace:v2:https://canvas.example.edu:42:7:3");
/// ```
pub fn draft_key(api_origin: &str, user_id: Option<&str>, course: &str, pace: &str) -> String {
    let user = user_id.map(str::trim).filter(|u| !u.is_empty()).unwrap_or("-");
    format!("lmsw:pace:v2:{api_origin}:{user}:{}:{}", course.trim(), pace.trim())
}

/// Why the browser is not keeping this pace's draft, for a notice next to the edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageNotice {
    /// Saving failed (storage full, disabled, or blocked in this frame).
    SaveFailed,
    /// A stored draft could not be used and was removed; the detail says why.
    Corrupt(String),
}

impl StorageNotice {
    /// The notice as a sentence.
    pub fn message(&self) -> String {
        match self {
            StorageNotice::SaveFailed => {
                "This browser could not keep your unpublished changes (its storage is full or \
                turned off): they will be lost if you leave or reload this page. Publish them, or note them down."
                    .into()
            }
            StorageNotice::Corrupt(why) => {
                format!("Unpublished changes saved earlier for this pace could not be read ({why}) and were removed.")
            }
        }
    }
}
