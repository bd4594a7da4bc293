//! Enabled and disabled days: skipped weekdays and blackout ranges, counted in O(log B).
//!
//! `C(d)` = the number of enabled days up to and including `d` (relative to a fixed
//! Monday), computed in closed form for weekdays minus a prefix sum over the merged
//! blackout ranges. Every question (is `d` enabled, `add_days`, `days_between`, the next
//! or previous enabled day) is one or two `C` look-ups or a binary search on `C`, so a plan
//! costs O(items × log(blackouts)) whatever its length.

use super::{Date, PaceError};

/// A pace calendar.
#[derive(Clone, Debug)]
pub struct Calendar {
    /// Skipped weekdays, Monday first.
    skip: [bool; 7],
    /// `enabled_in_first[r]`: enabled days among the first `r` weekdays of a week (Monday first).
    enabled_in_first: [i64; 8],
    /// Merged blackout ranges as Julian days, inclusive, sorted.
    ranges: Vec<(i64, i64)>,
    /// Weekday-enabled days inside `ranges[..k]`, cumulated.
    cum: Vec<i64>,
    /// Total days covered by blackouts (a bound for searches).
    blackout_days: i64,
}

fn jd(d: Date) -> i64 {
    i64::from(d.to_julian_day())
}

fn from_jd(j: i64) -> Result<Date, PaceError> {
    i32::try_from(j).ok().and_then(|j| Date::from_julian_day(j).ok()).ok_or(PaceError::OutOfRange)
}

impl Calendar {
    /// A calendar skipping the given weekdays (Monday first) and the blackout ranges
    /// (inclusive; order and overlaps do not matter). Fails when every weekday is skipped.
    pub fn new(skip: [bool; 7], blackouts: &[(Date, Date)]) -> Result<Self, PaceError> {
        if skip.iter().all(|s| *s) {
            return Err(PaceError::NoEnabledDays);
        }
        let mut enabled_in_first = [0i64; 8];
        for r in 0..7 {
            enabled_in_first[r + 1] = enabled_in_first[r] + i64::from(!skip[r]);
        }
        let mut rs: Vec<(i64, i64)> = blackouts.iter().map(|(a, b)| (jd(*a), jd(*b))).collect();
        rs.sort_unstable();
        let mut ranges: Vec<(i64, i64)> = Vec::with_capacity(rs.len());
        for (a, b) in rs {
            match ranges.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => ranges.push((a, b)),
            }
        }
        let mut cal = Calendar { skip, enabled_in_first, ranges, cum: Vec::new(), blackout_days: 0 };
        let mut acc = 0;
        cal.cum.push(0);
        for &(a, b) in &cal.ranges {
            acc += cal.weekday_count(b) - cal.weekday_count(a - 1);
            cal.cum.push(acc);
            cal.blackout_days += b - a + 1;
        }
        Ok(cal)
    }

    /// Enabled weekdays in `[0, x]` (Julian day 0 is a Monday); a consistent cumulative
    /// function for negative `x` too.
    fn weekday_count(&self, x: i64) -> i64 {
        let n = x + 1;
        let epw = self.enabled_in_first[7];
        n.div_euclid(7) * epw + self.enabled_in_first[n.rem_euclid(7) as usize]
    }

    /// Weekday-enabled days inside blackouts, up to and including `x`.
    fn blacked_out_upto(&self, x: i64) -> i64 {
        // Ranges starting at or before x.
        let k = self.ranges.partition_point(|&(a, _)| a <= x);
        if k == 0 {
            return 0;
        }
        let (a, b) = self.ranges[k - 1];
        let partial =
            if x < b { self.weekday_count(x) - self.weekday_count(a - 1) } else { self.cum[k] - self.cum[k - 1] };
        self.cum[k - 1] + partial
    }

    /// `C(x)`: enabled days up to and including Julian day `x`.
    fn count(&self, x: i64) -> i64 {
        self.weekday_count(x) - self.blacked_out_upto(x)
    }

    fn enabled_jd(&self, x: i64) -> bool {
        !self.skip[x.rem_euclid(7) as usize] && {
            let k = self.ranges.partition_point(|&(a, _)| a <= x);
            k == 0 || self.ranges[k - 1].1 < x
        }
    }

    /// Smallest Julian day `x` in `[lo, ∞)` with `C(x) >= target` (an enabled day).
    fn search(&self, lo: i64, target: i64) -> Result<i64, PaceError> {
        // Every week has an enabled weekday, so the answer is within this bound.
        let need = (target - self.count(lo - 1)).max(0);
        let mut hi = lo + 7 * (need + 1) + self.blackout_days + 7;
        if hi > jd(Date::MAX) {
            hi = jd(Date::MAX);
        }
        if self.count(hi) < target {
            return Err(PaceError::OutOfRange);
        }
        let mut lo = lo;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.count(mid) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    }

    /// Whether `d` is neither a skipped weekday nor in a blackout.
    pub fn day_is_enabled(&self, d: Date) -> bool {
        self.enabled_jd(jd(d))
    }

    /// Whether `d` is in a blackout range.
    pub fn in_blackout(&self, d: Date) -> bool {
        let x = jd(d);
        let k = self.ranges.partition_point(|&(a, _)| a <= x);
        k > 0 && self.ranges[k - 1].1 >= x
    }

    /// `d` if enabled, else the next enabled day.
    pub fn first_enabled_day(&self, d: Date) -> Result<Date, PaceError> {
        let x = jd(d);
        from_jd(self.search(x, self.count(x - 1) + 1)?)
    }

    /// The nearest enabled day strictly before `d`.
    pub fn previous_enabled_day(&self, d: Date) -> Result<Date, PaceError> {
        let x = jd(d);
        let target = self.count(x - 1);
        let floor = x - 8 - self.blackout_days;
        if target <= self.count(floor - 1) {
            return Err(PaceError::OutOfRange);
        }
        let (mut lo, mut hi) = (floor, x - 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.count(mid) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        from_jd(lo)
    }

    /// `n` enabled days after `start`, which is first rolled forward to an enabled day;
    /// `n = 0` is that day itself.
    pub fn add_days(&self, start: Date, n: u32) -> Result<Date, PaceError> {
        let s = jd(self.first_enabled_day(start)?);
        from_jd(self.search(s, self.count(s) + i64::from(n))?)
    }

    /// Enabled days in `[a, b]` (`inclusive`) or `[a, b)`; negative when `b < a`.
    pub fn days_between(&self, a: Date, b: Date, inclusive: bool) -> i64 {
        let (x, y) = (jd(a), jd(b));
        if y < x {
            return -self.days_between(b, a, inclusive);
        }
        let end = if inclusive { y } else { y - 1 };
        self.count(end) - self.count(x - 1)
    }

    /// Chained `add_days` from `start`, for due dates: steps day by day with a cursor over
    /// the blackout ranges (amortised O(1) a day), and jumps with the binary search for long
    /// durations, so a typical plan costs O(items + blackouts).
    pub fn chain(&self, start: Date, durations: &[u32]) -> Result<Vec<Date>, PaceError> {
        const STEP_LIMIT: u32 = 64;
        let mut x = jd(self.first_enabled_day(start)?);
        let mut k = self.ranges.partition_point(|&(_, b)| b < x);
        let mut out = Vec::with_capacity(durations.len());
        for &n in durations {
            if n > STEP_LIMIT {
                x = self.search(x, self.count(x) + i64::from(n))?;
                k = self.ranges.partition_point(|&(_, b)| b < x);
            } else {
                let mut left = n;
                while left > 0 {
                    x += 1;
                    while k < self.ranges.len() && self.ranges[k].1 < x {
                        k += 1;
                    }
                    let blacked = k < self.ranges.len() && self.ranges[k].0 <= x;
                    if !blacked && !self.skip[x.rem_euclid(7) as usize] {
                        left -= 1;
                    }
                }
            }
            out.push(from_jd(x)?);
        }
        Ok(out)
    }
}
