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
        self.id.as_ref().unwrap_or(&self.module_item_id).to_string()
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

/// The `course_pace` object of `PUT …/course_pacing/:id`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishPace {
    /// Skip weekends.
    pub exclude_weekends: bool,
    /// Skipped weekdays.
    pub selected_days_to_skip: Vec<String>,
    /// The end date, when set.
    pub end_date: Option<String>,
    /// Whether the end date is a hard requirement (kept as published unless an end date is set).
    pub hard_end_dates: bool,
    /// Every item with its (edited) duration.
    pub course_pace_module_items_attributes: Vec<ItemAttributes>,
}

/// `{ "course_pace": … }`, the body Canvas's own page sends.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishBody {
    /// The pace.
    pub course_pace: PublishPace,
}

/// The publish body for a pace with a draft applied.
pub fn publish_body(pace: &CoursePace, draft: &super::Draft) -> PublishBody {
    let published = pace.settings();
    let s = draft.settings_or(&published);
    PublishBody {
        course_pace: PublishPace {
            exclude_weekends: s.exclude_weekends,
            selected_days_to_skip: s.selected_days_to_skip.clone(),
            end_date: s.end_date.clone(),
            hard_end_dates: pace.hard_end_dates || (s.end_date.is_some() && s.end_date != published.end_date),
            course_pace_module_items_attributes: pace
                .items()
                .map(|i| ItemAttributes {
                    id: i.id.as_ref().map(Id::to_string),
                    duration: draft.duration(&i.key(), i.duration),
                    module_item_id: i.module_item_id.to_string(),
                })
                .collect(),
        },
    }
}
