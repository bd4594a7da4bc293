//! Canvas's hard-end-date compression (`lib/course_pace_hard_end_date_compressor.rb`).

use super::{Calendar, Date, PaceError};

/// Due dates chained from `start` (rolled forward to an enabled day): each item is due
/// `duration` enabled days after the previous one (`CoursePaceDueDatesCalculator`).
pub fn due_dates(cal: &Calendar, start: Date, durations: &[u32]) -> Result<Vec<Date>, PaceError> {
    cal.chain(start, durations)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    None,
    Up,
    Down,
}

/// `round_durations` with the 0.75 breakpoint, zero-run grouping and the single backward
/// adjustment pass (which can leave the total off `plan_length`, as Canvas's does).
pub fn round_durations(xs: &[f64], plan_length: i64) -> Vec<u32> {
    const BREAKPOINT: f64 = 0.75;
    let mut r: Vec<(i64, Dir, f64)> = xs
        .iter()
        .map(|&x| {
            if x == 0.0 || !x.is_finite() {
                (0, Dir::None, 0.0)
            } else {
                let rem = x - x.floor();
                if rem >= BREAKPOINT {
                    (x.ceil() as i64, Dir::Up, rem)
                } else {
                    (x.floor() as i64, Dir::Down, rem)
                }
            }
        })
        .collect();
    // Runs of items rounded to 0: once their remainders add up to the breakpoint, the run's
    // first item becomes 1 and a new run starts.
    let mut run_start: Option<usize> = None;
    let mut run_sum = 0.0;
    for i in 0..r.len() {
        if r[i].0 == 0 {
            let first = *run_start.get_or_insert(i);
            run_sum += r[i].2;
            if run_sum >= BREAKPOINT {
                r[first].0 = 1;
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
    r.into_iter().map(|e| e.0.clamp(0, i64::from(u32::MAX)) as u32).collect()
}

/// From the last item backwards, takes days off until `over` days are gone.
pub fn shift_durations_down(ds: &mut [u32], mut over: i64) {
    for d in ds.iter_mut().rev() {
        if over <= 0 {
            break;
        }
        let take = i64::from(*d).min(over);
        *d -= take as u32;
        over -= take;
    }
}

/// The outcome of compressing.
#[derive(Clone, Debug, PartialEq)]
pub struct Compressed {
    /// Durations after compression (the input when nothing was compressed).
    pub durations: Vec<u32>,
    /// Whether the plan had to be compressed.
    pub compressed: bool,
}

/// Compresses `durations` so the last item is due by `end` (rolled back to an enabled
/// day) when the uncompressed plan reaches or passes it.
pub fn compress(cal: &Calendar, start: Date, end: Option<Date>, durations: &[u32]) -> Result<Compressed, PaceError> {
    let unchanged = Compressed { durations: durations.to_vec(), compressed: false };
    let (Some(end), false) = (end, durations.is_empty()) else { return Ok(unchanged) };
    let start = cal.first_enabled_day(start)?;
    let end = if cal.day_is_enabled(end) { end } else { cal.previous_enabled_day(end)? };
    let due = due_dates(cal, start, durations)?;
    let Some(&last) = due.last() else { return Ok(unchanged) };
    if last < end {
        return Ok(unchanged);
    }
    let actual = cal.days_between(start, end, true);
    let used = cal.days_between(start, start.max(last), true);
    let pct = if used == 0 { 0.0 } else { actual as f64 / used as f64 };
    let scaled: Vec<f64> = durations.iter().map(|d| f64::from(*d) * pct).collect();
    let mut rounded = round_durations(&scaled, actual);
    let new_due = due_dates(cal, start, &rounded)?;
    if let Some(&new_last) = new_due.last() {
        if new_last > end {
            let over = cal.days_between(end, new_last, false);
            shift_durations_down(&mut rounded, over);
        }
    }
    Ok(Compressed { durations: rounded, compressed: true })
}
