//! Canvas's hard-end-date compression, step for step
//! (`lib/course_pace_hard_end_date_compressor.rb`, the only implementation: server-side).

use super::{Calendar, Date, PaceError};

/// Canvas's `ROUNDING_BREAKPOINT`: a remainder from 0.75 up rounds up.
const BREAKPOINT: f64 = 0.75;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    None,
    Up,
    Down,
}

/// Canvas's `round_durations(durations, plan_length)`:
/// 1. each duration rounds up when its remainder is at least 0.75, else down (0 stays 0);
/// 2. in each run of durations rounded to 0, once their remainders add up to 0.75 the run's
///    first item becomes 1 and a new run starts;
/// 3. if the total is not `plan_length`, one pass from the last item back turns a rounded-down
///    item up while short, or a rounded-up item down while over. One pass only: the total can
///    stay off, as Canvas's does.
///
/// Negative or non-finite inputs (which Canvas never produces) count as 0, and inputs above
/// `u32::MAX` as `u32::MAX`.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::round_durations;
/// // spec/lib/course_pace_hard_end_date_compressor_spec.rb, "rounds down if rounding up
/// // would cause an overallocation"
/// assert_eq!(round_durations(&[7.8; 10], 78), [8, 8, 8, 8, 8, 8, 8, 8, 7, 7]);
/// ```
pub fn round_durations(xs: &[f64], plan_length: i64) -> Vec<u32> {
    let mut r: Vec<(i64, Dir, f64)> = xs
        .iter()
        .map(|&x| {
            if !(x.is_finite() && x > 0.0) {
                return (0, Dir::None, 0.0);
            }
            // A duration is at most u32::MAX days; a larger input (public callers may pass
            // anything) would saturate the casts below and overflow the sum.
            let x = x.min(f64::from(u32::MAX));
            // Ruby's `duration % 1`: fmod, exact for positive floats.
            let rem = x % 1.0;
            // x <= u32::MAX here, so the casts are exact and n of them sum without overflow.
            if rem >= BREAKPOINT {
                (x.ceil() as i64, Dir::Up, rem)
            } else {
                (x.floor() as i64, Dir::Down, rem)
            }
        })
        .collect();
    let (mut run_start, mut run_sum) = (None::<usize>, 0.0);
    for i in 0..r.len() {
        if r[i].0 == 0 {
            let first = *run_start.get_or_insert(i);
            run_sum += r[i].2;
            if run_sum >= BREAKPOINT {
                r[first].0 = 1; // its direction stays as it was
                run_start = None;
                run_sum = 0.0;
            }
        } else {
            run_start = None;
            run_sum = 0.0;
        }
    }
    let mut n: i64 = r.iter().map(|e| e.0).sum();
    if n != plan_length {
        for e in r.iter_mut().rev() {
            if e.1 == Dir::Down && n < plan_length {
                e.0 += 1;
                e.1 = Dir::Up;
                n += 1;
            } else if e.1 == Dir::Up && n > plan_length {
                e.0 -= 1;
                e.1 = Dir::Down;
                n -= 1;
            }
        }
    }
    r.into_iter().map(|e| u32::try_from(e.0.max(0)).unwrap_or(u32::MAX)).collect()
}

/// Canvas's `shift_durations_down`: from the last item backwards, takes days off each item
/// until it is 0 or `over` days are gone.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::shift_durations_down;
/// let mut ds = [1, 1, 1];
/// shift_durations_down(&mut ds, 2);
/// assert_eq!(ds, [1, 0, 0]);
/// ```
pub fn shift_durations_down(ds: &mut [u32], mut over: i64) {
    for d in ds.iter_mut().rev() {
        if over <= 0 {
            break;
        }
        let take = i64::from(*d).min(over);
        *d -= take as u32; // take <= *d
        over -= take;
    }
}

/// The outcome of [`compress`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compressed {
    /// The durations after compression (the input when nothing had to change).
    pub durations: Vec<u32>,
    /// Whether the plan ran past the end date and had to be squeezed.
    pub compressed: bool,
}

/// Ruby's `days_between`: `(a..b).count(&:workday?)`, so 0 when `b` is before `a`.
fn ruby_days_between(cal: &Calendar, a: Date, b: Date, inclusive: bool) -> i64 {
    cal.days_between(a, b, inclusive).max(0)
}

/// Compresses `durations` as Canvas's server does: the start rolled forward and the end
/// rolled back to enabled days; when the last item is due on or after the end, every
/// duration is scaled by (days available / days used), rounded with [`round_durations`], and
/// if the plan still runs over, days are taken from the last items
/// ([`shift_durations_down`]).
///
/// `compressed` is true when the uncompressed plan ends after the end date. When it ends
/// exactly on it, Canvas still runs the algorithm, which then gives back the same
/// durations; Canvas's page does not count that as compressing either.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{compress, parse_date, Calendar};
/// let d = |s| parse_date(s).unwrap();
/// let cal = Calendar::from_settings(true, &[] as &[&str], &[]).unwrap();
/// // spec/lib/course_pace_hard_end_date_compressor_spec.rb, "compresses to end on the hard
/// // end date": 2 + 4 + 6 weekdays from Mon 27 Dec 2021 squeezed into that week.
/// let c = compress(&cal, d("2021-12-27"), Some(d("2021-12-31")), &[2, 4, 6]).unwrap();
/// assert_eq!(c.durations, [1, 1, 2]);
/// assert!(c.compressed);
/// ```
pub fn compress(cal: &Calendar, start: Date, end: Option<Date>, durations: &[u32]) -> Result<Compressed, PaceError> {
    let start = cal.first_enabled_day(start)?;
    let plain = cal.due_dates(start, durations)?;
    compress_planned(cal, start, end, durations, &plain)
}

/// [`compress`] with the start already rolled forward and the plain due dates computed.
pub(crate) fn compress_planned(
    cal: &Calendar,
    start: Date,
    end: Option<Date>,
    durations: &[u32],
    plain: &[Date],
) -> Result<Compressed, PaceError> {
    let unchanged = || Ok(Compressed { durations: durations.to_vec(), compressed: false });
    let (Some(end), Some(&last)) = (end, plain.last()) else { return unchanged() };
    let end = if cal.day_is_enabled(end) { end } else { cal.previous_enabled_day(end)? };
    if last < end {
        return unchanged();
    }
    let actual = ruby_days_between(cal, start, end, true);
    let used = ruby_days_between(cal, start, start.max(last), true);
    let pct = if used == 0 { 0.0 } else { actual as f64 / used as f64 };
    let scaled: Vec<f64> = durations.iter().map(|&d| f64::from(d) * pct).collect();
    let mut rounded = round_durations(&scaled, actual);
    let new_due = cal.due_dates(start, &rounded)?;
    if let Some(&new_last) = new_due.last() {
        if new_last > end {
            shift_durations_down(&mut rounded, ruby_days_between(cal, end, new_last, false));
        }
    }
    Ok(Compressed { durations: rounded, compressed: last > end })
}
