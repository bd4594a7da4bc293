//! Two teachers editing one pace: what the other one published since this page loaded the
//! pace, where it collides with this page's draft, and the draft after the teacher chose.
//!
//! Canvas has no conditional PUT, so the widget re-reads the pace just before publishing and
//! compares it with the copy it loaded (Canvas's own page can do the same with the pace's
//! `updated_at`). Only the fields this teacher changed are then sent, so the other
//! teacher's other changes survive.

use super::{Change, CoursePace, Draft, Settings};
use std::collections::BTreeMap;

/// One change the other teacher made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TheirChange {
    /// Their change, against the copy this page loaded.
    pub theirs: Change,
    /// This teacher's own change of the same field, when it differs from theirs.
    pub mine: Option<Change>,
}

/// What changed on the server since the pace was loaded here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The pace's `updated_at` now.
    pub updated_at: Option<String>,
    /// Their changes, settings first, then items in module order.
    pub changes: Vec<TheirChange>,
    /// Items the pace has gained since.
    pub items_added: usize,
    /// Items the pace has lost since (edits to them cannot be published).
    pub items_removed: usize,
}

impl Conflict {
    /// How many of their changes collide with this teacher's.
    pub fn overlaps(&self) -> usize {
        self.changes.iter().filter(|c| c.mine.is_some()).count()
    }
}

/// What the teacher chose when told of a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Publish my changes on top of theirs: where we both changed a field, mine wins.
    KeepMine,
    /// Keep theirs where we both changed a field; my other changes stay as a draft to
    /// review and publish.
    TakeTheirs,
    /// Drop my changes and show the pace as it is now.
    Reload,
}

fn durations(p: &CoursePace) -> BTreeMap<String, u32> {
    p.items().map(|i| (i.key(), i.duration)).collect()
}

/// Compares the copy loaded here (`base`) with the pace as it is now (`latest`). `None`
/// when nobody else changed anything this widget edits. A newer `updated_at` alone (a
/// publish job touches it) is not a conflict; equal time stamps are not trusted either,
/// since Canvas writes them to the second and two saves can share one: the settings and
/// durations themselves are compared.
pub fn detect(base: &CoursePace, latest: &CoursePace, draft: &Draft) -> Option<Conflict> {
    let (b, l) = (base.settings(), latest.settings());
    let mine = draft.settings_or(&b).clone();
    let mut changes: Vec<TheirChange> = [
        their_setting(&b.exclude_weekends, &l.exclude_weekends, &mine.exclude_weekends, Change::ExcludeWeekends),
        their_setting(
            &b.selected_days_to_skip,
            &l.selected_days_to_skip,
            &mine.selected_days_to_skip,
            Change::SkippedDays,
        ),
        their_setting(&b.end_date, &l.end_date, &mine.end_date, Change::EndDate),
    ]
    .into_iter()
    .flatten()
    .collect();
    let base_d = durations(base);
    let mut items_added = 0;
    for item in latest.items() {
        let key = item.key();
        match base_d.get(&key) {
            None => items_added += 1,
            Some(&from) if from != item.duration => {
                let my = draft.durations.get(&key).copied().filter(|v| *v != item.duration);
                changes.push(TheirChange {
                    theirs: Change::Duration(key.clone(), from, item.duration),
                    mine: my.map(|v| Change::Duration(key, from, v)),
                });
            }
            Some(_) => {}
        }
    }
    let latest_d = durations(latest);
    let items_removed = base_d.keys().filter(|k| !latest_d.contains_key(*k)).count();
    if changes.is_empty() && items_added == 0 && items_removed == 0 {
        return None;
    }
    Some(Conflict { updated_at: latest.updated_at.clone(), changes, items_added, items_removed })
}

/// A setting someone else changed from `base` to `latest`, with this draft's own value when
/// the draft changed it too and to something else; `None` when they left it alone.
fn their_setting<T: PartialEq + Clone>(base: &T, latest: &T, mine: &T, change: fn(T) -> Change) -> Option<TheirChange> {
    (latest != base).then(|| TheirChange {
        theirs: change(latest.clone()),
        mine: (mine != base && mine != latest).then(|| change(mine.clone())),
    })
}

/// The draft moved from `base` onto `latest`: a field only this teacher changed keeps
/// this teacher's value; a field both changed keeps this teacher's value with
/// [`Resolution::KeepMine`], theirs otherwise; [`Resolution::Reload`] drops everything.
/// Edits to items the pace no longer has, and edits equal to the latest values, go.
pub fn rebase(draft: &Draft, base: &CoursePace, latest: &CoursePace, choice: Resolution) -> Draft {
    if choice == Resolution::Reload {
        return Draft::default();
    }
    let keep_mine = choice == Resolution::KeepMine;
    let (b, l) = (base.settings(), latest.settings());
    let mine = draft.settings_or(&b);
    fn pick<T: Clone + PartialEq>(mine: &T, base: &T, latest: &T, keep_mine: bool) -> T {
        let i_changed = mine != base;
        let they_changed = latest != base;
        if i_changed && (keep_mine || !they_changed) {
            mine.clone()
        } else {
            latest.clone()
        }
    }
    let settings = Settings {
        exclude_weekends: pick(&mine.exclude_weekends, &b.exclude_weekends, &l.exclude_weekends, keep_mine),
        selected_days_to_skip: pick(
            &mine.selected_days_to_skip,
            &b.selected_days_to_skip,
            &l.selected_days_to_skip,
            keep_mine,
        ),
        end_date: pick(&mine.end_date, &b.end_date, &l.end_date, keep_mine),
    };
    let (base_d, latest_d) = (durations(base), durations(latest));
    let durations = draft
        .durations
        .iter()
        .filter_map(|(k, &v)| {
            let now = *latest_d.get(k)?;
            let they_changed = base_d.get(k).is_some_and(|&was| was != now);
            (v != now && (keep_mine || !they_changed)).then(|| (k.clone(), v))
        })
        .collect();
    Draft { durations, settings: (settings != l).then_some(settings), saved_at: draft.saved_at }
}
