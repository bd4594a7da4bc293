//! [`PaceError`]: everything that can be wrong with a pace request, as a sentence. It lives
//! below both the course-pace model (which reads requests) and the pace engine (which checks
//! them), so that neither imports the other for it.

use core::fmt;

/// What can be wrong with a pace request. `Display` is a sentence for a person; where
/// Canvas has its own message (an end date before the start) it is Canvas's, word for word.
///
/// Item and blackout numbers in the variants are 0-based indexes into the request's lists;
/// the messages count from 1.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{parse_date, PaceError};
/// assert_eq!(parse_date("2026-02-30"), Err(PaceError::BadDate("2026-02-30".into())));
/// assert_eq!(PaceError::EndBeforeStart.to_string(), "End date cannot be before start date");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaceError {
    /// The request body has no `course_pace` object.
    NoCoursePace,
    /// The request is not JSON, or not shaped like a `compress_dates` body (the detail says
    /// where).
    BadRequest(String),
    /// A date that is not a calendar day written `YYYY-MM-DD` (a time after it is allowed).
    BadDate(String),
    /// The pace has no start date (Canvas's own page then shows no due dates either).
    NoStartDate,
    /// The end date is before the start date: Canvas's 422 from `compress_dates`.
    EndBeforeStart,
    /// An entry of `selected_days_to_skip` that is not a day of the week.
    BadWeekday(String),
    /// Every day of the week is skipped, so no day can hold a due date.
    NoEnabledDays,
    /// An item's duration is not a whole number of days (negative, fractional, NaN, text…).
    BadDuration {
        /// The item's index in `course_pace_module_items_attributes`.
        item: usize,
        /// The value as it arrived.
        value: String,
    },
    /// An item without a `module_item_id`, the key of every result.
    NoModuleItemId {
        /// The item's index in `course_pace_module_items_attributes`.
        item: usize,
    },
    /// A blackout date without its `start_date` or `end_date`.
    NoBlackoutDate {
        /// The blackout's index in `blackout_dates`.
        index: usize,
        /// `"start_date"` or `"end_date"`.
        field: &'static str,
    },
    /// A module order that is not a rearrangement of the request's items.
    BadOrder,
    /// The plan runs past what a calendar can hold (the year 9999).
    OutOfRange,
}

impl fmt::Display for PaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaceError::NoCoursePace => f.write_str("The request has no course_pace"),
            PaceError::BadRequest(detail) => write!(f, "The request is not a compress_dates body: {detail}"),
            PaceError::BadDate(s) => write!(f, "{s:?} is not a date (expected YYYY-MM-DD)"),
            PaceError::NoStartDate => f.write_str("The pace has no start date"),
            PaceError::EndBeforeStart => f.write_str("End date cannot be before start date"),
            PaceError::BadWeekday(s) => write!(f, "{s} is not a day of the week (expected \"mon\" to \"sun\")"),
            PaceError::NoEnabledDays => f.write_str("Every day of the week is skipped, so nothing can be due"),
            PaceError::BadDuration { item, value } => {
                write!(f, "Item {}: the duration {value} is not a whole number of days", item + 1)
            }
            PaceError::NoModuleItemId { item } => write!(f, "Item {} has no module_item_id", item + 1),
            PaceError::NoBlackoutDate { index, field } => write!(f, "Blackout date {} has no {field}", index + 1),
            PaceError::BadOrder => f.write_str("The module order does not list every item exactly once"),
            PaceError::OutOfRange => f.write_str("The pace runs past the year 9999"),
        }
    }
}

impl std::error::Error for PaceError {}
