//! The time axis: which day is where, which days are shaded, where each item's bar
//! starts and ends. The view only turns this into SVG.

use time::{Date, Weekday};

/// Why a day is shaded on the axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shade {
    /// A skipped weekday (weekends, or the selected days to skip).
    Skipped,
    /// Inside a blackout range.
    Blackout,
}

/// A run of shaded days: `[start, start + len)` in day indices from the axis start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShadedRun {
    /// The run's first day, counted from the axis start.
    pub start: u32,
    /// How many days it covers (at least one).
    pub len: u32,
    /// Why these days are shaded: skipped weekdays or a blackout.
    pub kind: Shade,
}

/// An item's bar: from the day after the previous due date (or the plan start) through
/// its own due date, inclusive, in day indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    /// First day index.
    pub start: u32,
    /// Last day index (inclusive).
    pub end: u32,
}

/// The whole axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The first day shown (the Monday on or before the plan start).
    pub origin: Date,
    /// Days shown.
    pub days: u32,
    /// Day indices where weeks start (Mondays), with the date, for labels.
    pub weeks: Vec<(u32, Date)>,
    /// Shaded runs, merged.
    pub shaded: Vec<ShadedRun>,
    /// One bar per item, in order (`None` for an item without a due date).
    pub bars: Vec<Option<Bar>>,
    /// Today's day index, when today is on the axis.
    pub today: Option<u32>,
    /// The end date's day index, when there is one on the axis.
    pub end: Option<u32>,
}

/// Lays out the axis from the plan start through the later of the last due date and the
/// end date (at most `max_days`, so a runaway plan cannot build a huge SVG).
/// `shade(date)` says whether and why a day is shaded.
pub fn layout(
    start: Date,
    due_dates: &[Option<Date>],
    end_date: Option<Date>,
    today: Option<Date>,
    max_days: u32,
    shade: impl Fn(Date) -> Option<Shade>,
) -> Axis {
    let origin = start - time::Duration::days(i64::from(start.weekday().number_days_from_monday()));
    let index = |d: Date| -> i64 { i64::from(d.to_julian_day()) - i64::from(origin.to_julian_day()) };
    let last = due_dates.iter().flatten().copied().chain(end_date).chain(Some(start)).max().unwrap_or(start);
    // Whole weeks, plus a week of air after the last day.
    let span = (index(last) + 1 + 7).clamp(7, i64::from(max_days.max(7)));
    let days = (span + 6) / 7 * 7;
    let days = days.min(i64::from(max_days.max(7))) as u32;
    let in_axis = |i: i64| (0..i64::from(days)).contains(&i).then_some(i as u32);

    let mut weeks = Vec::new();
    let mut shaded: Vec<ShadedRun> = Vec::new();
    let mut d = origin;
    for i in 0..days {
        if d.weekday() == Weekday::Monday {
            weeks.push((i, d));
        }
        if let Some(kind) = shade(d) {
            match shaded.last_mut() {
                Some(run) if run.kind == kind && run.start + run.len == i => run.len += 1,
                _ => shaded.push(ShadedRun { start: i, len: 1, kind }),
            }
        }
        match d.next_day() {
            Some(n) => d = n,
            None => break,
        }
    }

    let mut prev_due = None::<i64>;
    let bars = due_dates
        .iter()
        .map(|due| {
            let due = (*due)?;
            let end = index(due);
            let begin = match prev_due {
                Some(p) if p < end => p + 1,
                Some(p) => p.min(end),
                None => index(start).min(end),
            };
            prev_due = Some(end);
            let (s, e) = (begin.clamp(0, i64::from(days) - 1), end.clamp(0, i64::from(days) - 1));
            Some(Bar { start: s as u32, end: e as u32 })
        })
        .collect();

    Axis {
        origin,
        days,
        weeks,
        shaded,
        bars,
        today: today.and_then(|t| in_axis(index(t))),
        end: end_date.and_then(|e| in_axis(index(e))),
    }
}

/// The SVG path of every item's bar, one `M…z` rectangle per bar: `day` px per day, `row` px
/// per item, the first row `head` px down. One path, not one element per bar, so an edit
/// that moves every due date changes one attribute instead of rebuilding thousands of
/// elements (issue 13, "edits in one frame").
pub fn bars_path(bars: &[Option<Bar>], day: u32, row: u32, head: u32) -> String {
    let mut d = String::with_capacity(bars.len() * 24);
    for (k, b) in bars.iter().enumerate() {
        let Some(b) = b else { continue };
        let x = b.start * day + 1;
        let y = head + k as u32 * row + 2;
        let w = ((b.end.saturating_sub(b.start) + 1) * day).saturating_sub(2);
        rect(&mut d, x, y, w, row.saturating_sub(3));
    }
    d
}

/// The SVG path of the shaded runs of one kind, one `M…z` rectangle per run: `day` px per
/// day, `height` px tall from `top`. One path per kind instead of one element per run: an
/// edit that moves the plan's end by weeks changes an attribute, it rebuilds no elements.
pub fn runs_path(runs: &[ShadedRun], kind: Shade, day: u32, top: u32, height: u32) -> String {
    let mut d = String::new();
    for r in runs.iter().filter(|r| r.kind == kind) {
        rect(&mut d, r.start * day, top, r.len * day, height);
    }
    d
}

/// The SVG path of the week lines: a vertical line `height` px tall at each week's first
/// day, `day` px per day.
pub fn weeks_path(weeks: &[(u32, Date)], day: u32, height: u32) -> String {
    let mut d = String::new();
    for (i, _) in weeks {
        num(&mut d, "M", i * day);
        num(&mut d, " 0v", height);
    }
    d
}

/// Appends `M{x} {y}h{w}v{h}h-{w}z`. Written by hand, not with `write!`: a redraw writes
/// 5,000 of these per keystroke, and the formatting machinery took most of its time.
fn rect(d: &mut String, x: u32, y: u32, w: u32, h: u32) {
    num(d, "M", x);
    num(d, " ", y);
    num(d, "h", w);
    num(d, "v", h);
    num(d, "h-", w);
    d.push('z');
}

fn num(d: &mut String, before: &str, n: u32) {
    d.push_str(before);
    crate::model::push_decimal(d, u64::from(n));
}
