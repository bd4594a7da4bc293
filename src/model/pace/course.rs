//! Canvas's course pace as `course_pace_presenter.rb` writes it, and blackout dates.

use super::request::Scalar;
use super::{BlackoutInput, ItemInput, PaceInput, PaceRequest};
use crate::model::{CanvasProgress, Id};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// `GET/POST/PUT /api/v1/courses/:course_id/course_pacing[/:id]` → `{course_pace, progress}`.
///
/// ## Usage
/// ```
/// use lms_widgets::model::{BlackoutDate, CoursePaceResponse};
/// let r: CoursePaceResponse = serde_json::from_str(r#"{"course_pace": {"id": 1,
///   "start_date": "2026-09-01", "end_date": null, "exclude_weekends": true,
///   "modules": [{"id": 10, "name": "M1", "position": 1,
///     "items": [{"id": 5, "duration": 2, "module_item_id": 50, "position": 1}]}]},
///   "progress": null}"#).unwrap();
/// let req = r.course_pace.to_request(&[]);
/// assert_eq!(req.course_pace.course_pace_module_items_attributes[0].module_item_id.as_str(), "50");
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CoursePaceResponse {
    /// The pace as saved (after a publish: as published).
    pub course_pace: CoursePace,
    /// The newest publish Progress, or `null` once it has completed.
    #[serde(default)]
    pub progress: Option<CanvasProgress>,
}

/// A course pace as `course_pace_presenter.rb` writes it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CoursePace {
    /// `null` for an unsaved scaffold.
    #[serde(default)]
    pub id: Option<Id>,
    /// The course the pace belongs to (every pace has one; a section or student pace too).
    #[serde(default)]
    pub course_id: Option<Id>,
    /// The section, for a section pace.
    #[serde(default)]
    pub course_section_id: Option<Id>,
    /// The student, for a student pace.
    #[serde(default)]
    pub user_id: Option<Id>,
    /// `unpublished` | `active` | `deleted`.
    #[serde(default)]
    pub workflow_state: Option<String>,
    /// Skip Saturdays and Sundays. Defaults to `true`, Canvas's column default.
    #[serde(default = "yes", deserialize_with = "null_false")]
    pub exclude_weekends: bool,
    /// Weekdays to skip (newest Canvas only; `None` when absent).
    #[serde(default)]
    pub selected_days_to_skip: Option<Vec<String>>,
    /// Whether the end date is a hard requirement.
    #[serde(default, deserialize_with = "null_false")]
    pub hard_end_dates: bool,
    /// The start date (enrollment, section, course, term or today).
    #[serde(default)]
    pub start_date: Option<String>,
    /// `user` | `section` | `course` | `term` | `hypothetical`.
    #[serde(default)]
    pub start_date_context: Option<String>,
    /// The effective end date (not just the stored column).
    #[serde(default)]
    pub end_date: Option<String>,
    /// `hard` | `user` | `section` | `course` | `term` | `hypothetical`.
    #[serde(default)]
    pub end_date_context: Option<String>,
    /// When it was last published.
    #[serde(default)]
    pub published_at: Option<String>,
    /// When it was last saved (every PUT touches it): the timeline compares it before
    /// publishing to notice another teacher's publish.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// User, section or course id.
    #[serde(default)]
    pub context_id: Option<Id>,
    /// `Enrollment` | `Section` | `Course`.
    #[serde(default)]
    pub context_type: Option<String>,
    /// Modules in position order (`null` in the API doc's example: read as none).
    #[serde(default, deserialize_with = "null_empty")]
    pub modules: Vec<PaceModule>,
}

/// A module of a [`CoursePace`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PaceModule {
    /// The module's id.
    #[serde(default)]
    pub id: Option<Id>,
    /// The module's name as the course shows it.
    #[serde(default)]
    pub name: String,
    /// Its place among the course's modules (1-based; Canvas may send a float).
    #[serde(default)]
    pub position: Option<f64>,
    /// Its paced items in position order.
    #[serde(default, deserialize_with = "null_empty")]
    pub items: Vec<PaceModuleItem>,
}

/// A paced item of a [`PaceModule`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PaceModuleItem {
    /// The course_pace_module_item id (`null` on a scaffold).
    #[serde(default)]
    pub id: Option<Id>,
    /// Enabled days after the previous item's due date.
    #[serde(default, deserialize_with = "duration")]
    pub duration: u32,
    /// The module item (content tag) id: the key of due dates.
    pub module_item_id: Id,
    /// The item's title (an assignment's, quiz's, page's or discussion's), for people.
    #[serde(default)]
    pub assignment_title: String,
    /// `/courses/:id/modules/items/:module_item_id`.
    #[serde(default)]
    pub assignment_link: Option<String>,
    /// Points, when graded.
    #[serde(default)]
    pub points_possible: Option<f64>,
    /// Its place in the module (1-based; Canvas may send a float).
    #[serde(default)]
    pub position: Option<f64>,
    /// `Assignment`, `Quizzes::Quiz`, `DiscussionTopic`, `WikiPage`, …
    #[serde(default)]
    pub module_item_type: Option<String>,
    /// Whether students can see the item; `None` when Canvas did not say.
    #[serde(default)]
    pub published: Option<bool>,
    /// `missing` | `late` | `""` (student paces).
    #[serde(default)]
    pub submission_status: Option<String>,
}

/// A blackout date (`GET /api/v1/courses/:course_id/blackout_dates`, `BLACKOUT_DATES`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BlackoutDate {
    /// The blackout's id; `None` for one not saved yet (a calendar event's has none).
    #[serde(default)]
    pub id: Option<Id>,
    /// First day (`YYYY-MM-DD`).
    pub start_date: String,
    /// Last day, inclusive.
    pub end_date: String,
    /// Its title ("Spring break").
    #[serde(default)]
    pub event_title: String,
}

impl CoursePace {
    /// Every item in module order.
    pub fn items(&self) -> impl Iterator<Item = &PaceModuleItem> {
        self.modules.iter().flat_map(|m| m.items.iter())
    }

    /// The item count of each module, for [`crate::pace::merge_blackouts`].
    pub fn module_sizes(&self) -> Vec<usize> {
        self.modules.iter().map(|m| m.items.len()).collect()
    }

    /// The `compress_dates` body for this pace and these blackout dates, items in module
    /// order, as Canvas's page sends it.
    pub fn to_request(&self, blackouts: &[BlackoutDate]) -> PaceRequest {
        PaceRequest {
            course_pace: PaceInput {
                start_date: self.start_date.clone(),
                end_date: self.end_date.clone(),
                exclude_weekends: self.exclude_weekends,
                selected_days_to_skip: self.selected_days_to_skip.clone().unwrap_or_default(),
                course_pace_module_items_attributes: self
                    .items()
                    .map(|i| ItemInput {
                        id: i.id.clone(),
                        duration: i.duration,
                        module_item_id: i.module_item_id.clone(),
                    })
                    .collect(),
            },
            blackout_dates: blackouts
                .iter()
                .map(|b| BlackoutInput { start_date: b.start_date.clone(), end_date: b.end_date.clone() })
                .collect(),
        }
    }
}

fn yes() -> bool {
    true
}

fn null_false<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

fn null_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = Scalar::deserialize(d)?;
    v.duration().ok_or_else(|| de::Error::custom(format!("the duration {} is not a whole number of days", v.shown())))
}
