//! Canvas's course pace JSON as the timeline reads it (`course_pace_presenter.rb`), and the
//! body it publishes. Lenient where Canvas varies between versions.

use crate::model::{CanvasProgress, Id};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// `GET/PUT /api/v1/courses/:course_id/course_pacing/:id` → `{course_pace, progress}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PaceEnvelope {
    /// The pace.
    pub course_pace: CoursePace,
    /// The newest publish Progress, or null once it completed.
    #[serde(default)]
    pub progress: Option<CanvasProgress>,
}

/// A course pace.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CoursePace {
    /// Null for an unsaved scaffold.
    #[serde(default)]
    pub id: Option<Id>,
    /// The course.
    #[serde(default)]
    pub course_id: Option<Id>,
    /// `unpublished` | `active` | `deleted`.
    #[serde(default)]
    pub workflow_state: Option<String>,
    /// Skip Saturdays and Sundays.
    #[serde(default, deserialize_with = "null_false")]
    pub exclude_weekends: bool,
    /// Weekdays to skip (newer Canvas).
    #[serde(default, deserialize_with = "null_empty")]
    pub selected_days_to_skip: Vec<String>,
    /// The end date is a hard requirement.
    #[serde(default, deserialize_with = "null_false")]
    pub hard_end_dates: bool,
    /// `YYYY-MM-DD` (possibly with a time part, which is ignored).
    #[serde(default)]
    pub start_date: Option<String>,
    /// `user` | `section` | `course` | `term` | `hypothetical`.
    #[serde(default)]
    pub start_date_context: Option<String>,
    /// The effective end date.
    #[serde(default)]
    pub end_date: Option<String>,
    /// `hard` | `user` | `section` | `course` | `term` | `hypothetical`.
    #[serde(default)]
    pub end_date_context: Option<String>,
    /// When it was last published.
    #[serde(default)]
    pub published_at: Option<String>,
    /// Modules in position order (`null` in Canvas's API doc example: treated as none).
    #[serde(default, deserialize_with = "null_empty")]
    pub modules: Vec<PaceModule>,
}

/// A module and its paced items.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PaceModule {
    /// Module id.
    pub id: Id,
    /// Module name.
    #[serde(default)]
    pub name: String,
    /// Position.
    #[serde(default)]
    pub position: Option<f64>,
    /// Items in position order.
    #[serde(default, deserialize_with = "null_empty")]
    pub items: Vec<PaceItem>,
}

/// A paced module item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PaceItem {
    /// The course_pace_module_item id (null on a scaffold).
    #[serde(default)]
    pub id: Option<Id>,
    /// Days after the previous item's due date.
    #[serde(default, deserialize_with = "duration")]
    pub duration: u32,
    /// The module item (content tag) id: the key of due dates.
    pub module_item_id: Id,
    /// Title.
    #[serde(default)]
    pub assignment_title: String,
    /// Points, when graded.
    #[serde(default)]
    pub points_possible: Option<f64>,
    /// `/courses/:id/modules/items/:module_item_id`.
    #[serde(default)]
    pub assignment_link: Option<String>,
    /// `Assignment`, `Quizzes::Quiz`, `DiscussionTopic`, `WikiPage`, …
    #[serde(default)]
    pub module_item_type: Option<String>,
    /// Published.
    #[serde(default)]
    pub published: Option<bool>,
}

impl PaceItem {
    /// The key drafts use for an item: its pace item id, else its module item id.
    pub fn key(&self) -> String {
        self.id.as_ref().unwrap_or(&self.module_item_id).to_string()
    }
}

impl CoursePace {
    /// Every item in module order.
    pub fn items(&self) -> impl Iterator<Item = &PaceItem> {
        self.modules.iter().flat_map(|m| m.items.iter())
    }

    /// The published settings.
    pub fn settings(&self) -> super::Settings {
        super::Settings {
            exclude_weekends: self.exclude_weekends,
            selected_days_to_skip: self.selected_days_to_skip.clone(),
            end_date: self.end_date.as_deref().map(|d| d.get(..10).unwrap_or(d).to_owned()),
        }
    }
}

/// A blackout date (`GET /api/v1/courses/:course_id/blackout_dates`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlackoutDate {
    /// Id.
    #[serde(default)]
    pub id: Option<Id>,
    /// First day (`YYYY-MM-DD`).
    pub start_date: String,
    /// Last day, inclusive.
    pub end_date: String,
    /// Title ("Spring break").
    #[serde(default)]
    pub event_title: String,
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

fn null_false<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

fn null_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = Option::<f64>::deserialize(d)?.unwrap_or(0.0);
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 3650.0 {
        Ok(v as u32)
    } else {
        Err(de::Error::custom(format!("a duration must be a whole number of days from 0 to 3650, got {v}")))
    }
}
