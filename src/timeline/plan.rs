//! The timeline's view of a plan: the pace engine run on the published pace plus the draft,
//! with everything the view shows (due dates per item, header numbers, blackout rows).

use super::{BlackoutDate, CoursePace, Draft, Shade};
use crate::pace::{self, BlackoutInput, Calendar, Date, PaceInput};
use crate::Error;
use std::sync::Arc;

pub use crate::pace::Row;

/// Everything the timeline shows about a plan.
#[derive(Clone, Debug)]
pub struct PlanView {
    /// Due date per item in module order ([`PlanView::due`] gives it as `YYYY-MM-DD`).
    pub due_dates: Vec<Option<Date>>,
    /// Whether durations were compressed to meet the end date.
    pub compressed: bool,
    /// The uncompressed end.
    pub projected_end: Option<String>,
    /// The last due date of this plan.
    pub plan_end: Option<String>,
    /// The end date in force (`YYYY-MM-DD`).
    pub end_date: Option<String>,
    /// The same, as a date.
    pub end_date_parsed: Option<Date>,
    /// The (rolled-forward) start.
    pub start: Option<Date>,
    /// Today, for the axis marker.
    pub today: Option<Date>,
    /// Time to complete: whole weeks…
    pub weeks: u32,
    /// …and days (Canvas's `getPaceDuration`: calendar days, inclusive).
    pub days: u32,
    /// Rows per module, blackouts merged in by date.
    pub rows: Vec<Vec<Row>>,
    calendar: Option<Arc<Calendar>>,
}

impl PartialEq for PlanView {
    fn eq(&self, o: &Self) -> bool {
        self.due_dates == o.due_dates
            && self.compressed == o.compressed
            && self.end_date == o.end_date
            && self.rows == o.rows
            && self.today == o.today
            && self.weeks == o.weeks
            && self.days == o.days
            && self.start == o.start
            && self.calendar.as_ref().map(Arc::as_ptr) == o.calendar.as_ref().map(Arc::as_ptr)
    }
}

impl PlanView {
    /// Item `i`'s due date as `YYYY-MM-DD` (formatted when asked: the table shows a few dozen
    /// of 5,000 items, and an edit replans them all).
    pub fn due(&self, i: usize) -> Option<String> {
        self.due_dates.get(i).copied().flatten().map(pace::format_date)
    }

    /// Why a day is shaded on the axis, if it is.
    pub fn shade(&self, d: Date) -> Option<Shade> {
        let cal = self.calendar.as_ref()?;
        if cal.in_blackout(d) {
            Some(Shade::Blackout)
        } else if !cal.day_is_enabled(d) {
            Some(Shade::Skipped)
        } else {
            None
        }
    }
}

/// Plans the published pace with the draft applied. The error ([`Error::Pace`]) reads as a
/// sentence for the person.
pub fn plan_view(
    pace: &CoursePace,
    draft: &Draft,
    blackouts: &[BlackoutDate],
    today: Option<Date>,
) -> Result<PlanView, Error> {
    let settings = draft.settings_or(&pace.settings()).clone();
    // Only the durations change from one edit to the next: no id is copied.
    let durations: Vec<u32> = pace.items().map(|i| draft.duration(i.key_str(), i.duration)).collect();
    let input = PaceInput {
        start_date: pace.start_date.clone(),
        end_date: settings.end_date.clone(),
        exclude_weekends: settings.exclude_weekends,
        selected_days_to_skip: settings.selected_days_to_skip.clone(),
        course_pace_module_items_attributes: Vec::new(),
    };
    let blackout_input: Vec<BlackoutInput> = blackouts
        .iter()
        .map(|b| BlackoutInput { start_date: b.start_date.clone(), end_date: b.end_date.clone() })
        .collect();
    let plan = pace::plan_due_dates(&input, &blackout_input, durations)?;
    let due_dates: Vec<Option<Date>> = plan.due.iter().copied().map(Some).collect();
    let fmt = |d: Option<Date>| d.map(pace::format_date);

    // Time to complete: calendar days from the start to min(projected end, end date).
    let raw_start = pace.start_date.as_deref().and_then(|s| pace::parse_date(s).ok());
    let raw_end = settings.end_date.as_deref().and_then(|s| pace::parse_date(s).ok());
    let span = match raw_start {
        Some(s) => pace::pace_duration(s, plan.projected_end, raw_end),
        None => pace::PaceDuration::default(),
    };

    Ok(PlanView {
        rows: merge_rows(pace, raw_start, raw_end, &due_dates, blackouts),
        plan_end: fmt(plan.due.last().copied()),
        due_dates,
        compressed: plan.compressed,
        projected_end: fmt(Some(plan.projected_end)),
        end_date: settings.end_date.clone(),
        end_date_parsed: raw_end,
        start: Some(plan.start),
        today,
        weeks: span.weeks,
        days: span.days,
        calendar: Some(Arc::new(plan.calendar)),
    })
}

/// Blackout rows merged into the modules by Canvas's rule ([`pace::merge_blackouts`]).
/// A blackout whose dates do not parse has no place and gets no row (the engine has already
/// refused to plan with it).
fn merge_rows(
    pace: &CoursePace,
    start: Option<Date>,
    end: Option<Date>,
    due: &[Option<Date>],
    blackouts: &[BlackoutDate],
) -> Vec<Vec<Row>> {
    let (index, ranges): (Vec<usize>, Vec<(Date, Date)>) = blackouts
        .iter()
        .enumerate()
        .filter_map(|(k, b)| Some((k, (pace::parse_date(&b.start_date).ok()?, pace::parse_date(&b.end_date).ok()?))))
        .unzip();
    let sizes: Vec<usize> = pace.modules.iter().map(|m| m.items.len()).collect();
    pace::merge_blackouts(start, end, &sizes, due, &ranges)
        .into_iter()
        .map(|rows| {
            rows.into_iter()
                .map(|r| match r {
                    Row::Blackout(k) => Row::Blackout(index[k]),
                    item => item,
                })
                .collect()
        })
        .collect()
}
