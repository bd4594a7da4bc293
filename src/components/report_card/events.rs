//! The card's events: their DOM names, and what its live region says for them.

use crate::hooks::{ReportEvent, ReportListener};
use crate::model::{complete_announcement, started_announcement, Snapshot};
use crate::poll::Announcer;
use leptos::prelude::*;
use std::rc::Rc;

/// Receives the card's events: a DOM event name (`lms-report-started`,
/// `lms-report-progress`, `lms-report-complete`, `lms-error`) and the event behind it.
pub type ReportEventSink = Rc<dyn Fn(&'static str, &ReportEvent)>;

/// The DOM event name for a report event.
pub fn report_event_name(ev: &ReportEvent) -> &'static str {
    match ev {
        ReportEvent::Started { .. } => "lms-report-started",
        ReportEvent::Progress { .. } => "lms-report-progress",
        ReportEvent::Complete { .. } => "lms-report-complete",
        ReportEvent::Ended { .. } | ReportEvent::Fault { .. } | ReportEvent::Invalid { .. } => "lms-error",
    }
}

/// The hook's listener: sets the live region's `announcement`, then passes the event on.
pub(super) fn listener(sink: Option<ReportEventSink>, announcement: RwSignal<String>) -> ReportListener {
    let announcer = StoredValue::new_local(Announcer::default());
    Rc::new(move |ev: &ReportEvent| {
        if let Some(text) = announce_text(ev, announcer) {
            announcement.set(text);
        }
        if let Some(f) = &sink {
            f(report_event_name(ev), ev);
        }
    })
}

/// What the live region says for an event, throttled for progress like the progress bar.
/// Faults and endings say nothing here: the card's `role=alert` paragraphs say why.
fn announce_text(ev: &ReportEvent, announcer: StoredValue<Announcer, LocalStorage>) -> Option<String> {
    match ev {
        ReportEvent::Started { resumed, .. } => Some(started_announcement(*resumed).into()),
        ReportEvent::Progress { report, .. } => {
            let snap = Snapshot::from_report(report);
            let now = js_sys::Date::now() as u64;
            let speak =
                announcer.try_update_value(|a| a.should_announce(now, snap.percent, snap.state.as_str(), false));
            (speak == Some(true)).then(|| snap.value_text())
        }
        ReportEvent::Complete { download, .. } => {
            Some(complete_announcement(download.as_ref().map(|d| d.file_name.as_deref()).map_err(|_| ())))
        }
        ReportEvent::Ended { .. } | ReportEvent::Fault { .. } | ReportEvent::Invalid { .. } => None,
    }
}
