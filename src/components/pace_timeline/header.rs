//! The header: start, end, assignment count, time to complete, and the compression note.

use crate::components::intl;
use crate::timeline::{compressed_note, HeaderStats};
use leptos::prelude::*;

/// The stats list; what it says is decided by [`crate::timeline::header_stats`].
pub fn header_view(h: HeaderStats, locale: Option<String>) -> impl IntoView {
    let loc = locale.as_deref();
    let date = |d: &Option<String>| d.as_deref().map(|d| intl::calendar_date(d, loc)).unwrap_or_else(|| "—".into());
    let (start, end) = (date(&h.start), date(&h.end));
    let note = h.compressed_from.as_deref().map(|p| compressed_note(&date(&Some(p.to_owned())), &end));
    view! {
        <dl class="lmsw-pace__stats" part="stats">
            <div><dt>"Start date"</dt><dd>{start}</dd><dd class="lmsw-pace__caption">{h.start_caption}</dd></div>
            <div><dt>"End date"</dt><dd>{end}</dd><dd class="lmsw-pace__caption">{h.end_caption}</dd></div>
            <div><dt>"Assignments"</dt><dd>{h.assignments}</dd></div>
            <div>
                <dt>"Time to complete"</dt>
                <dd>{format!("{} weeks, {} days", h.weeks, h.days)}</dd>
                <dd class="lmsw-pace__caption">"Dates shown in course time zone"</dd>
            </div>
        </dl>
        {note.map(|n| view! { <p class="lmsw-pace__note" part="note" role="note">{n}</p> })}
    }
}
