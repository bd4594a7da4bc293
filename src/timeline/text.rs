//! The sentences and captions the timeline shows, decided here rather than in the view so
//! they are tested natively. Dates stay `YYYY-MM-DD`: the view formats them for the locale.

use super::{Change, CoursePace, PlanView};

/// The header's numbers and captions (Canvas's Stats: start, end, count, time to complete).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderStats {
    /// The start date.
    pub start: Option<String>,
    /// Why that start (Canvas's captions by `start_date_context`).
    pub start_caption: &'static str,
    /// The end date shown: the pace's, or the plan's last due date when the end is
    /// hypothetical.
    pub end: Option<String>,
    /// Why that end (by `end_date_context`).
    pub end_caption: &'static str,
    /// How many items the pace has.
    pub assignments: usize,
    /// Time to complete, whole weeks.
    pub weeks: u32,
    /// …and days.
    pub days: u32,
    /// When the dates were compressed: where the pace would end at the items' durations.
    pub compressed_from: Option<String>,
}

/// Canvas's caption for the start date by `start_date_context`.
pub fn start_caption(context: Option<&str>) -> &'static str {
    match context {
        Some("user") => "Student enrollment date",
        Some("section") => "Determined by section start date",
        Some("course") | Some("term") => "Determined by course start date",
        _ => "Today's date",
    }
}

/// Canvas's caption for the end date by `end_date_context`.
pub fn end_caption(context: Option<&str>) -> &'static str {
    match context {
        Some("hard") => "Required end date",
        Some("section") => "Determined by section end date",
        Some("course") | Some("term") => "Determined by course end date",
        _ => "Determined by course pace",
    }
}

/// The header for a pace and its plan.
pub fn header_stats(pace: &CoursePace, plan: &PlanView) -> HeaderStats {
    let hypothetical = pace.end_date_context.as_deref().is_none_or(|c| c == "hypothetical") || pace.end_date.is_none();
    HeaderStats {
        start: pace.start_date.clone(),
        start_caption: start_caption(pace.start_date_context.as_deref()),
        end: if hypothetical { plan.plan_end.clone() } else { plan.end_date.clone() },
        end_caption: end_caption(pace.end_date_context.as_deref()),
        assignments: pace.items().count(),
        weeks: plan.weeks,
        days: plan.days,
        compressed_from: if plan.compressed { Some(plan.projected_end.clone().unwrap_or_default()) } else { None },
    }
}

/// The note under a compressed header; both dates already formatted.
pub fn compressed_note(projected_end: &str, end: &str) -> String {
    format!(
        "Dates were compressed to fit the end date: at the items' durations the pace would end {projected_end}, after the required {end}."
    )
}

/// `"1 unpublished change"`, `"3 unpublished changes"`.
pub fn changes_summary(n: usize) -> String {
    format!("{n} unpublished change{}", plural(n))
}

/// The restore offer for a draft of `n` changes kept from an earlier visit.
pub fn offer_summary(n: usize) -> String {
    format!("You have {n} unsaved change{} from an earlier visit.", plural(n))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One change in words; `title(key)` names an item.
pub fn describe(c: &Change, title: impl Fn(&str) -> String) -> String {
    match c {
        Change::Duration(id, from, to) => format!("{}: {from} → {to} days", title(id)),
        Change::ExcludeWeekends(true) => "Skip weekends turned on".into(),
        Change::ExcludeWeekends(false) => "Skip weekends turned off".into(),
        Change::SkippedDays(d) if d.is_empty() => "No weekdays skipped".into(),
        Change::SkippedDays(d) => format!("Skipped days: {}", d.join(", ")),
        Change::EndDate(Some(d)) => format!("End date set to {d}"),
        Change::EndDate(None) => "End date removed".into(),
    }
}

/// Another teacher's change in words, with this teacher's own value when both changed it:
/// `"Essay: 2 → 5 days (yours: 4 days)"`.
pub fn describe_theirs(c: &super::TheirChange, title: impl Fn(&str) -> String) -> String {
    let theirs = describe(&c.theirs, &title);
    match &c.mine {
        None => theirs,
        Some(Change::Duration(_, _, v)) => format!("{theirs} (yours: {v} days)"),
        Some(Change::ExcludeWeekends(on)) => format!("{theirs} (yours: {})", if *on { "on" } else { "off" }),
        Some(Change::SkippedDays(d)) if d.is_empty() => format!("{theirs} (yours: none)"),
        Some(Change::SkippedDays(d)) => format!("{theirs} (yours: {})", d.join(", ")),
        Some(Change::EndDate(d)) => format!("{theirs} (yours: {})", d.as_deref().unwrap_or("none")),
    }
}

/// The conflict dialog's list: each of the other teacher's changes in words, flagged when
/// it collides with this teacher's, then items gained or lost.
pub fn conflict_lines(c: &super::Conflict, title: impl Fn(&str) -> String) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> =
        c.changes.iter().map(|t| (describe_theirs(t, &title), t.mine.is_some())).collect();
    if c.items_added > 0 {
        out.push((format!("{} item{} added to the pace", c.items_added, plural(c.items_added)), false));
    }
    if c.items_removed > 0 {
        out.push((
            format!(
                "{} item{} removed from the pace (edits to them are dropped)",
                c.items_removed,
                plural(c.items_removed)
            ),
            false,
        ));
    }
    out
}

/// What the teacher is asked, by how many changes collide.
pub fn conflict_question(overlaps: usize) -> String {
    match overlaps {
        0 => "None of them touch what you changed. Publish yours on top of theirs, or look at the pace first?".into(),
        n => format!(
            "{n} of them change{} what you changed too (marked). Whose value should the pace keep?",
            if n == 1 { "s" } else { "" }
        ),
    }
}
