//! What Canvas's pace page shows around the due dates: blackout rows merged into the
//! modules (`mergeAssignmentsAndBlackoutDates`) and the time to complete (`getPaceDuration`).

use super::Date;

/// A row of a module's table, in the order Canvas's page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    /// The item at this index of the flat item list (module order, across modules).
    Item(usize),
    /// The blackout at this index of the given blackout list.
    Blackout(usize),
}

/// Canvas's `mergeAssignmentsAndBlackoutDates` (`ui/features/course_paces/react/reducers/
/// course_paces.ts`), on calendar days:
/// - blackouts that end before the pace's `start` or begin after its end (`end`, else the
///   latest due date) are left out;
/// - walking the modules, each module but the last takes, from the front of the remaining
///   blackouts (in the order given), those up to the first that begins after its last
///   item's due date; a module without items takes none; the last module takes the rest;
/// - within a module, a blackout goes before the first item due on or after the day it
///   begins, blackouts in order of their first day, and after the last item otherwise.
///
/// `module_sizes` gives the item count of each module; `due` the due date of every item in
/// module order (`None` when an item has none: it takes no blackouts before it).
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{merge_blackouts, parse_date, Row};
/// let d = |s| parse_date(s).unwrap();
/// // course_pace_table.test.tsx, "puts blackout dates between modules into the latter one"
/// let due = [d("2022-04-15"), d("2022-04-25"), d("2022-05-01"), d("2022-05-05")].map(Some);
/// let rows = merge_blackouts(Some(d("2022-04-01")), Some(d("2022-05-31")), &[2, 2], &due,
///     &[(d("2022-04-26"), d("2022-04-27"))]);
/// assert_eq!(rows, [vec![Row::Item(0), Row::Item(1)], vec![Row::Blackout(0), Row::Item(2), Row::Item(3)]]);
/// ```
pub fn merge_blackouts(
    start: Option<Date>,
    end: Option<Date>,
    module_sizes: &[usize],
    due: &[Option<Date>],
    blackouts: &[(Date, Date)],
) -> Vec<Vec<Row>> {
    let pace_end = end.or_else(|| due.iter().flatten().max().copied());
    let kept: Vec<(Date, usize)> = blackouts
        .iter()
        .enumerate()
        .filter(|(_, (first, last))| start.is_none_or(|s| *last >= s) && pace_end.is_none_or(|e| *first <= e))
        .map(|(k, (first, _))| (*first, k))
        .collect();
    let mut rest = &kept[..];
    let mut offset = 0;
    let mut out = Vec::with_capacity(module_sizes.len());
    for (m, &size) in module_sizes.iter().enumerate() {
        let items = offset..(offset + size).min(due.len()).max(offset);
        offset += size;
        let take = if m + 1 == module_sizes.len() {
            rest.len()
        } else {
            match items.clone().last().and_then(|i| due[i]) {
                Some(last_due) => rest.iter().position(|(first, _)| *first > last_due).unwrap_or(rest.len()),
                None => 0,
            }
        };
        let mut mine = rest[..take].to_vec();
        rest = &rest[take..];
        mine.sort_by_key(|(first, _)| *first); // stable: equal days keep their order
        let mut pending = mine.iter().peekable();
        let mut rows = Vec::with_capacity(size + mine.len());
        for i in items {
            if let Some(d) = due[i] {
                while let Some((_, k)) = pending.next_if(|(first, _)| *first <= d) {
                    rows.push(Row::Blackout(*k));
                }
            }
            rows.push(Row::Item(i));
        }
        rows.extend(pending.map(|(_, k)| Row::Blackout(*k)));
        out.push(rows);
    }
    out
}

/// Time to complete, as Canvas's header shows it (`getPaceDuration`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaceDuration {
    /// Whole weeks.
    pub weeks: u32,
    /// Days beyond the weeks (0–6).
    pub days: u32,
}

/// Canvas's `getPaceDuration`: calendar days (skipped days count too) from `start` to the
/// projected end or the end date, whichever is earlier, both included, as weeks and days.
/// (An end before the start counts as 0 days.)
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{pace_duration, parse_date, PaceDuration};
/// let d = |s| parse_date(s).unwrap();
/// let t = pace_duration(d("2026-09-01"), d("2026-12-31"), Some(d("2026-09-10")));
/// assert_eq!(t, PaceDuration { weeks: 1, days: 3 });
/// ```
pub fn pace_duration(start: Date, projected_end: Date, end: Option<Date>) -> PaceDuration {
    let until = match end {
        Some(e) if projected_end > e => e,
        _ => projected_end,
    };
    let n = (i64::from(until.to_julian_day()) - i64::from(start.to_julian_day()) + 1).clamp(0, i64::from(u32::MAX));
    let n = n as u32;
    PaceDuration { weeks: n / 7, days: n % 7 }
}
