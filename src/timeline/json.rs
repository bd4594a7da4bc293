//! The timeline's reading of Canvas's course pace JSON (the types are [`crate::model`]'s, one
//! definition for the engine and the widget) and the body it publishes.

use crate::model::Id;
pub use crate::model::{
    BlackoutDate, CoursePace, CoursePaceResponse as PaceEnvelope, PaceModule, PaceModuleItem as PaceItem,
};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

impl PaceItem {
    /// The key drafts use for an item: its pace item id, else its module item id.
    pub fn key(&self) -> String {
        self.key_str().to_owned()
    }

    /// [`PaceItem::key`], borrowed.
    pub fn key_str(&self) -> &str {
        self.id.as_ref().unwrap_or(&self.module_item_id).as_str()
    }
}

impl CoursePace {
    /// The published settings.
    pub fn settings(&self) -> super::Settings {
        super::Settings {
            exclude_weekends: self.exclude_weekends,
            selected_days_to_skip: self.selected_days_to_skip.clone().unwrap_or_default(),
            end_date: self.end_date.as_deref().map(|d| d.get(..10).unwrap_or(d).to_owned()),
        }
    }
}

/// The blackout-dates answer: Canvas wraps the list (`{"blackout_dates": […]}`); a bare list
/// is accepted too. (Hand-written rather than `#[serde(untagged)]`, whose buffering costs
/// kilobytes of wasm.)
#[derive(Clone, Debug, PartialEq)]
pub struct BlackoutList(pub Vec<BlackoutDate>);

impl BlackoutList {
    /// The dates.
    pub fn into_vec(self) -> Vec<BlackoutDate> {
        self.0
    }
}

impl<'de> Deserialize<'de> for BlackoutList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = BlackoutList;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a list of blackout dates, or {\"blackout_dates\": [...]}")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<BlackoutList, A::Error> {
                let mut out = Vec::new();
                while let Some(b) = s.next_element()? {
                    out.push(b);
                }
                Ok(BlackoutList(out))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut m: A) -> Result<BlackoutList, A::Error> {
                let mut out = None;
                while let Some(k) = m.next_key::<String>()? {
                    if k == "blackout_dates" {
                        out = Some(m.next_value::<Option<Vec<BlackoutDate>>>()?.unwrap_or_default());
                    } else {
                        m.next_value::<de::IgnoredAny>()?;
                    }
                }
                out.map(BlackoutList).ok_or_else(|| de::Error::missing_field("blackout_dates"))
            }
        }
        d.deserialize_any(V)
    }
}

/// One item in the publish body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemAttributes {
    /// The pace item id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The duration.
    pub duration: u32,
    /// The module item id.
    pub module_item_id: String,
}

/// The `course_pace` object of `PUT …/course_pacing/:id`. A field left `None` is not sent,
/// so Canvas keeps its current value.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PublishPace {
    /// Skip weekends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_weekends: Option<bool>,
    /// Skipped weekdays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_days_to_skip: Option<Vec<String>>,
    /// The end date (`Some(None)` removes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Option<String>>,
    /// Whether the end date is a hard requirement (set when a new end date is sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hard_end_dates: Option<bool>,
    /// The items sent, with their (edited) durations.
    pub course_pace_module_items_attributes: Vec<ItemAttributes>,
}

/// `{ "course_pace": … }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishBody {
    /// The pace.
    pub course_pace: PublishPace,
}

fn item_attributes(i: &PaceItem, duration: u32) -> ItemAttributes {
    ItemAttributes { id: i.id.as_ref().map(Id::to_string), duration, module_item_id: i.module_item_id.to_string() }
}

/// The whole pace with a draft applied, every setting and item, as Canvas's own page sends
/// it. The widget sends [`changes_body`] instead.
pub fn publish_body(pace: &CoursePace, draft: &super::Draft) -> PublishBody {
    let published = pace.settings();
    let s = draft.settings_or(&published);
    PublishBody {
        course_pace: PublishPace {
            exclude_weekends: Some(s.exclude_weekends),
            selected_days_to_skip: Some(s.selected_days_to_skip.clone()),
            end_date: Some(s.end_date.clone()),
            hard_end_dates: Some(pace.hard_end_dates || (s.end_date.is_some() && s.end_date != published.end_date)),
            course_pace_module_items_attributes: pace
                .items()
                .map(|i| item_attributes(i, draft.duration(&i.key(), i.duration)))
                .collect(),
        },
    }
}

/// Only what the draft changes against `pace`: the settings that differ and the items whose
/// duration differs (Canvas updates nested items by id and leaves the others alone), so
/// another teacher's publish of other fields is not overwritten.
pub fn changes_body(pace: &CoursePace, draft: &super::Draft) -> PublishBody {
    let published = pace.settings();
    let s = draft.settings_or(&published);
    let changed = |a: bool| a.then_some(());
    let end_changed = s.end_date != published.end_date;
    PublishBody {
        course_pace: PublishPace {
            exclude_weekends: changed(s.exclude_weekends != published.exclude_weekends).map(|_| s.exclude_weekends),
            selected_days_to_skip: changed(s.selected_days_to_skip != published.selected_days_to_skip)
                .map(|_| s.selected_days_to_skip.clone()),
            end_date: changed(end_changed).map(|_| s.end_date.clone()),
            hard_end_dates: changed(end_changed && s.end_date.is_some() && !pace.hard_end_dates).map(|_| true),
            course_pace_module_items_attributes: pace
                .items()
                .filter_map(|i| {
                    let d = draft.duration(&i.key(), i.duration);
                    (d != i.duration).then(|| item_attributes(i, d))
                })
                .collect(),
        },
    }
}

/// Where to follow a publish Progress: `/api/v1/progress/:id`, relative, so it goes through
/// the widget's own base URL (an LTI tool's proxy) rather than the Canvas host in the
/// Progress's absolute `url`. Falls back to `url` for an id that is not a Canvas id.
pub fn progress_path(p: &crate::model::CanvasProgress) -> Option<String> {
    let id = p.id.as_str();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let canvas_id = match id.split_once('~') {
        Some((shard, local)) => digits(shard) && digits(local),
        None => digits(id),
    };
    if canvas_id {
        Some(format!("/api/v1/progress/{id}"))
    } else {
        p.url.clone().filter(|u| !u.trim().is_empty())
    }
}
