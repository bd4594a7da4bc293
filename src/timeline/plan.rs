//! The timeline's view of a plan: the pace engine run on the published pace plus the draft,
//! with everything the view shows (due dates per item, header numbers, blackout rows).

use super::{BlackoutDate, CoursePace, Draft, Shade};
use crate::pace::{self, BlackoutInput, Calendar, Date, ItemInput, PaceInput, PaceRequest};
use std::sync::Arc;

/// A row of a module's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// The item at this index (module order, across modules).
    Item(usize),
    /// The blackout date at this index of the course's list.
    Blackout(usize),
}

/// Everything the timeline shows about a plan.
#[derive(Clone, Debug)]
pub struct PlanView {
    /// Due date (`YYYY-MM-DD`) per item in module order.
    pub due: Vec<Option<String>>,
    /// The same, as dates.
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
        self.due == o.due
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

/// Plans the published pace with the draft applied. An error is a sentence for the person.
pub fn plan_view(
    pace: &CoursePace,
    draft: &Draft,
    blackouts: &[BlackoutDate],
    today: Option<Date>,
) -> Result<PlanView, String> {
    let settings = draft.settings_or(&pace.settings()).clone();
    let items: Vec<ItemInput> = pace
        .items()
        .map(|i| ItemInput {
            id: i.id.clone(),
            duration: draft.duration(&i.key(), i.duration),
            module_item_id: i.module_item_id.clone(),
        })
        .collect();
    let req = PaceRequest {
        course_pace: PaceInput {
            start_date: pace.start_date.clone(),
            end_date: settings.end_date.clone(),
            exclude_weekends: settings.exclude_weekends,
            selected_days_to_skip: settings.selected_days_to_skip.clone(),
            course_pace_module_items_attributes: items,
        },
        blackout_dates: blackouts
            .iter()
            .map(|b| BlackoutInput { start_date: b.start_date.clone(), end_date: b.end_date.clone() })
            .collect(),
    };
    let cal = Arc::new(pace::calendar(&req.course_pace, &req.blackout_dates).map_err(|e| format!("{e}."))?);
    let plan = pace::plan_pace(&req).map_err(|e| format!("{e}."))?;
    let due_dates: Vec<Option<Date>> = plan.due_dates.iter().map(|(_, d)| Some(*d)).collect();
    let fmt = |d: Option<Date>| d.map(pace::format_date);

    // Time to complete: calendar days from the start to min(projected end, end date).
    let raw_start = pace.start_date.as_deref().and_then(|s| pace::parse_date(s).ok());
    let raw_end = settings.end_date.as_deref().and_then(|s| pace::parse_date(s).ok());
    let until = match (plan.projected_end_date, raw_end) {
        (Some(p), Some(e)) => Some(p.min(e)),
        (p, None) => p,
        (None, e) => e,
    };
    let n = match (raw_start, until) {
        (Some(s), Some(u)) if u >= s => (u.to_julian_day() - s.to_julian_day() + 1) as u32,
        _ => 0,
    };

    Ok(PlanView {
        due: due_dates.iter().map(|d| fmt(*d)).collect(),
        rows: merge_rows(pace, &due_dates, blackouts),
        due_dates,
        compressed: plan.compressed,
        projected_end: fmt(plan.projected_end_date),
        plan_end: fmt(plan.plan_end_date),
        end_date: settings.end_date.clone(),
        end_date_parsed: raw_end,
        start: Some(plan.start_date),
        today,
        weeks: n / 7,
        days: n % 7,
        calendar: Some(cal),
    })
}

/// Canvas's `mergeAssignmentsAndBlackoutDates`, by date: a blackout row goes before the first
/// item due after the blackout starts; blackouts after the last item close the last module.
/// Blackouts that end before the first due date are left out.
fn merge_rows(pace: &CoursePace, due: &[Option<Date>], blackouts: &[BlackoutDate]) -> Vec<Vec<Row>> {
    let mut order: Vec<(Date, Date, usize)> = blackouts
        .iter()
        .enumerate()
        .filter_map(|(k, b)| Some((pace::parse_date(&b.start_date).ok()?, pace::parse_date(&b.end_date).ok()?, k)))
        .collect();
    order.sort();
    let first_due = due.iter().flatten().min().copied();
    let mut next = order.iter().peekable();
    while next.peek().is_some_and(|(_, end, _)| first_due.is_some_and(|f| *end < f)) {
        next.next();
    }
    let mut index = 0;
    let mut out = Vec::with_capacity(pace.modules.len());
    for module in &pace.modules {
        let mut rows = Vec::with_capacity(module.items.len());
        for _ in &module.items {
            if let Some(d) = due.get(index).copied().flatten() {
                while let Some((start, _, k)) = next.peek() {
                    if *start < d {
                        rows.push(Row::Blackout(*k));
                        next.next();
                    } else {
                        break;
                    }
                }
            }
            rows.push(Row::Item(index));
            index += 1;
        }
        out.push(rows);
    }
    if let Some(last) = out.last_mut() {
        last.extend(next.map(|(_, _, k)| Row::Blackout(*k)));
    }
    out
}
