//! Which days can hold a due date: skipped weekdays and blackout ranges.
//!
//! Built once per plan, then every question is a closed form plus a binary search over the
//! merged blackout ranges, whatever the span: `W(x)`, the weekdays not skipped up to day `x`,
//! is arithmetic on the week; `B(x)`, those of them inside blackouts, is a prefix sum over
//! the ranges; `C(x) = W(x) − B(x)` counts enabled days. Walking forward `n` enabled days
//! solves `C(y) = C(s) + n` by a fixed point on `B` that jumps over a whole blackout range
//! per step. So a plan costs O(items + ranges crossed) look-ups of O(log ranges), never
//! items × days × blackouts.

use super::{Date, PaceError};

/// A pace calendar: weekdays to skip and blackout ranges (inclusive at both ends).
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{parse_date, Calendar};
/// let d = |s| parse_date(s).unwrap();
/// // Weekends skipped, a blackout on Wednesday 9 September 2026.
/// let weekends = [false, false, false, false, false, true, true];
/// let cal = Calendar::new(weekends, &[(d("2026-09-09"), d("2026-09-09"))]).unwrap();
/// assert!(!cal.day_is_enabled(d("2026-09-09")));
/// assert_eq!(cal.add_days(d("2026-09-05"), 0).unwrap(), d("2026-09-07")); // Saturday rolls to Monday
/// assert_eq!(cal.add_days(d("2026-09-07"), 2).unwrap(), d("2026-09-10")); // over the blackout
/// assert_eq!(cal.days_between(d("2026-09-07"), d("2026-09-11"), true), 4);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Skipped weekdays, Monday first.
    skip: [bool; 7],
    /// Enabled weekdays among the first `r` days of a week (Monday first).
    first: [i64; 8],
    /// The weekday (Monday = 0) of the `k`-th enabled weekday of a week.
    nth: [i64; 7],
    /// Enabled weekdays in a week.
    per_week: i64,
    /// Merged blackout ranges as Julian day numbers, inclusive, sorted, non-adjacent.
    ranges: Vec<(i64, i64)>,
    /// `cum[k]`: enabled weekdays inside `ranges[..k]`.
    cum: Vec<i64>,
}

/// Julian day numbers: day 0 is a Monday, so `x mod 7` is the weekday, Monday first.
fn jd(d: Date) -> i64 {
    i64::from(d.to_julian_day())
}

fn min_jd() -> i64 {
    jd(Date::MIN)
}

fn max_jd() -> i64 {
    jd(Date::MAX)
}

fn from_jd(x: i64) -> Result<Date, PaceError> {
    i32::try_from(x).ok().and_then(|j| Date::from_julian_day(j).ok()).ok_or(PaceError::OutOfRange)
}

/// Where a chain of due dates stands: an enabled day `x`, `C(x)` and `B(x)`.
#[derive(Clone, Copy, Debug)]
struct Cursor {
    x: i64,
    count: i64,
    blocked: i64,
}

impl Calendar {
    /// A calendar skipping the given weekdays (Monday first) and the blackout ranges, each
    /// inclusive at both ends; order and overlaps do not matter, and a range that ends before
    /// it starts covers no day (as in Canvas, where `start..end` is then empty).
    ///
    /// Fails with [`PaceError::NoEnabledDays`] when every weekday is skipped.
    pub fn new(skip: [bool; 7], blackouts: &[(Date, Date)]) -> Result<Self, PaceError> {
        if skip.iter().all(|s| *s) {
            return Err(PaceError::NoEnabledDays);
        }
        let (mut first, mut nth, mut per_week) = ([0i64; 8], [0i64; 7], 0i64);
        for (day, skipped) in skip.iter().enumerate() {
            if !skipped {
                nth[per_week as usize] = day as i64;
                per_week += 1;
            }
            first[day + 1] = per_week;
        }
        let mut rs: Vec<(i64, i64)> = blackouts.iter().map(|(a, b)| (jd(*a), jd(*b))).filter(|(a, b)| a <= b).collect();
        rs.sort_unstable();
        let mut ranges: Vec<(i64, i64)> = Vec::with_capacity(rs.len());
        for (a, b) in rs {
            match ranges.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => ranges.push((a, b)),
            }
        }
        let mut cal = Calendar { skip, first, nth, per_week, ranges, cum: Vec::new() };
        let mut cum = Vec::with_capacity(cal.ranges.len() + 1);
        cum.push(0);
        for &(a, b) in &cal.ranges {
            cum.push(cum[cum.len() - 1] + cal.weekdays(b) - cal.weekdays(a - 1));
        }
        cal.cum = cum;
        Ok(cal)
    }

    /// A calendar from Canvas's settings: `selected_days_to_skip` (`"mon"` … `"sun"`, or
    /// the full names, any case) when it is not empty, else Saturday and Sunday when
    /// `exclude_weekends`; and the blackout ranges.
    pub fn from_settings<S: AsRef<str>>(
        exclude_weekends: bool,
        selected_days_to_skip: &[S],
        blackouts: &[(Date, Date)],
    ) -> Result<Self, PaceError> {
        const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        let mut skip = [false; 7];
        if selected_days_to_skip.is_empty() {
            skip[5] = exclude_weekends;
            skip[6] = exclude_weekends;
        }
        for day in selected_days_to_skip {
            let key = day.as_ref().trim().to_ascii_lowercase();
            let i = DAYS
                .iter()
                .position(|d| key.len() >= 3 && d.starts_with(key.as_str()))
                .ok_or_else(|| PaceError::BadWeekday(format!("{:?}", day.as_ref())))?;
            skip[i] = true;
        }
        Calendar::new(skip, blackouts)
    }

    /// `W(x)`: enabled weekdays in `[0, x]`, a consistent cumulative count for `x < 0` too.
    fn weekdays(&self, x: i64) -> i64 {
        let n = x + 1;
        n.div_euclid(7) * self.per_week + self.first[n.rem_euclid(7) as usize]
    }

    /// The smallest day `x` with `W(x) >= t`: always an enabled weekday.
    fn weekday_at(&self, t: i64) -> i64 {
        let m = t - 1;
        7 * m.div_euclid(self.per_week) + self.nth[m.rem_euclid(self.per_week) as usize]
    }

    /// How many ranges start on or before `x`.
    fn ranges_upto(&self, x: i64) -> usize {
        self.ranges.partition_point(|&(a, _)| a <= x)
    }

    /// The index of the range holding `x`, if any.
    fn range_holding(&self, x: i64) -> Option<usize> {
        let k = self.ranges_upto(x);
        (k > 0 && self.ranges[k - 1].1 >= x).then(|| k - 1)
    }

    /// `B(x)`: enabled weekdays inside blackouts, up to and including `x`.
    fn blocked(&self, x: i64) -> i64 {
        let k = self.ranges_upto(x);
        match k.checked_sub(1).map(|i| (i, self.ranges[i])) {
            Some((i, (a, b))) if x < b => self.cum[i] + self.weekdays(x) - self.weekdays(a - 1),
            _ => self.cum[k],
        }
    }

    /// `C(x)`: enabled days up to and including `x`.
    fn count(&self, x: i64) -> i64 {
        self.weekdays(x) - self.blocked(x)
    }

    fn enabled_jd(&self, x: i64) -> bool {
        !self.skip[x.rem_euclid(7) as usize] && self.range_holding(x).is_none()
    }

    /// The first enabled day on or after `x`.
    fn first_enabled_jd(&self, mut x: i64) -> Result<i64, PaceError> {
        loop {
            if self.skip[x.rem_euclid(7) as usize] {
                x = self.weekday_at(self.weekdays(x) + 1);
            }
            match self.range_holding(x) {
                Some(k) => x = self.ranges[k].1 + 1,
                None if x <= max_jd() => return Ok(x),
                None => return Err(PaceError::OutOfRange),
            }
        }
    }

    fn cursor(&self, x: i64) -> Cursor {
        let blocked = self.blocked(x);
        Cursor { x, count: self.weekdays(x) - blocked, blocked }
    }

    /// Moves `n` enabled days on from the enabled day under the cursor.
    fn advance(&self, c: Cursor, n: u32) -> Result<Cursor, PaceError> {
        if n == 0 {
            return Ok(c);
        }
        let target = c.count + i64::from(n);
        // Invariant: b <= B(answer). Each pass either finds the answer or moves b past at
        // least one more blackout range, so the loop runs (ranges crossed + 1) times at most.
        let mut b = c.blocked;
        loop {
            let y = self.weekday_at(target + b);
            if y > max_jd() {
                return Err(PaceError::OutOfRange);
            }
            let k = self.ranges_upto(y);
            if k > 0 && self.ranges[k - 1].1 >= y {
                // y is blacked out: the answer is past this whole range.
                b = self.cum[k];
            } else if self.cum[k] == b {
                return Ok(Cursor { x: y, count: target, blocked: b });
            } else {
                b = self.cum[k];
            }
        }
    }

    /// Whether `d` is neither a skipped weekday nor inside a blackout.
    pub fn day_is_enabled(&self, d: Date) -> bool {
        self.enabled_jd(jd(d))
    }

    /// Whether `d` is inside a blackout range.
    pub fn in_blackout(&self, d: Date) -> bool {
        self.range_holding(jd(d)).is_some()
    }

    /// Whether `d`'s weekday is skipped.
    pub fn weekday_skipped(&self, d: Date) -> bool {
        self.skip[jd(d).rem_euclid(7) as usize]
    }

    /// `d` if it is enabled, else the next enabled day.
    pub fn first_enabled_day(&self, d: Date) -> Result<Date, PaceError> {
        from_jd(self.first_enabled_jd(jd(d))?)
    }

    /// The nearest enabled day strictly before `d`.
    pub fn previous_enabled_day(&self, d: Date) -> Result<Date, PaceError> {
        let mut x = jd(d) - 1;
        loop {
            if self.skip[x.rem_euclid(7) as usize] {
                x = self.weekday_at(self.weekdays(x));
            }
            match self.range_holding(x) {
                Some(k) => x = self.ranges[k].0 - 1,
                None if x >= min_jd() => return from_jd(x),
                None => return Err(PaceError::OutOfRange),
            }
        }
    }

    /// `n` enabled days after `start`, which is first rolled forward to an enabled day
    /// (Canvas's `addDays`; Ruby's `n.business_days.after(start)`): `n = 0` is that day.
    pub fn add_days(&self, start: Date, n: u32) -> Result<Date, PaceError> {
        let c = self.cursor(self.first_enabled_jd(jd(start))?);
        from_jd(self.advance(c, n)?.x)
    }

    /// Enabled days from `a` to `b`, `b` included when `inclusive`, exactly as Canvas's
    /// `daysBetween`: when the end (after `inclusive` adds a day) comes before `a`, the count
    /// of the days in between is negative, so `days_between(20th, 16th, true)` counts the
    /// 17th to the 19th, negated.
    pub fn days_between(&self, a: Date, b: Date, inclusive: bool) -> i64 {
        let last = if inclusive { jd(b) } else { jd(b) - 1 };
        self.count(last) - self.count(jd(a) - 1)
    }

    /// Due dates chained from `start` (rolled forward to an enabled day): each item is due
    /// `duration` enabled days after the previous one, the first after the start
    /// (Canvas's `CoursePaceDueDatesCalculator#get_due_dates`).
    pub fn due_dates(&self, start: Date, durations: &[u32]) -> Result<Vec<Date>, PaceError> {
        let mut c = self.cursor(self.first_enabled_jd(jd(start))?);
        durations
            .iter()
            .map(|&n| {
                c = self.advance(c, n)?;
                from_jd(c.x)
            })
            .collect()
    }
}
