//! The bar's events: their DOM names, and what its live region says for them.

use crate::hooks::PollListener;
use crate::model::{progress_announcement, ProgressState};
use crate::poll::driver::PollEvent;
use crate::poll::Announcer;
use leptos::prelude::*;
use std::rc::Rc;

/// Receives the widget's events: a name (`lms-progress`, `lms-complete`, `lms-failed`,
/// `lms-canceled`, `lms-error`) and the poll event behind it.
pub type ProgressEventSink = Rc<dyn Fn(&'static str, &PollEvent)>;

/// The DOM event name for a poll event.
pub fn event_name(ev: &PollEvent) -> &'static str {
    match ev {
        PollEvent::Update { snapshot, .. } => match snapshot.state {
            ProgressState::Completed => "lms-complete",
            ProgressState::Failed => "lms-failed",
            ProgressState::Canceled => "lms-canceled",
            _ => "lms-progress",
        },
        PollEvent::Fault { .. } => "lms-error",
    }
}

/// The hook's listener: sets the live region's `announcement` (throttled to every 5 s or
/// 10 %, a final state at once), then passes the event on.
pub(super) fn listener(sink: Option<ProgressEventSink>, announcement: RwSignal<String>) -> PollListener {
    let announcer = StoredValue::new_local(Announcer::default());
    Rc::new(move |ev: &PollEvent| {
        if let PollEvent::Update { snapshot, .. } = ev {
            let now = js_sys::Date::now() as u64;
            let speak = announcer.try_update_value(|a| {
                a.should_announce(now, snapshot.percent, snapshot.state.as_str(), snapshot.is_terminal())
            });
            if speak == Some(true) {
                announcement.set(progress_announcement(snapshot));
            }
        }
        if let Some(f) = &sink {
            f(event_name(ev), ev);
        }
    })
}
