//! `use_pace_timeline`: load a Canvas course pace, keep the teacher's draft, publish it
//! (checking first for another teacher's publish) and follow the publish to its end.

use super::latest_request::LatestRequest;
use crate::model::{Format, ProgressState};
use crate::net::Client;
use crate::poll::driver::{subscribe, PollEvent, Subscription};
use crate::poll::PollOptions;
use crate::timeline::{
    changes_body, detect, draft_key, parse_duration, plan_view, progress_path, publish_blocker, publish_fault, rebase,
    BlackoutList, Change, Draft, Loaded, PaceEnvelope, PlanView, PublishBody, PublishPhase, PublishStep, Resolution,
    SettingsEdit, StorageNotice,
};
use crate::Error;
use leptos::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// Receives the widget's events (`lms-pace-loaded`, `lms-pace-published`, `lms-error`) with
/// a JSON detail. It may remove the widget: the hook touches nothing after calling it.
pub type PaceEventSink = Rc<dyn Fn(&'static str, JsValue)>;

/// Where loading the pace is.
#[derive(Clone, Debug, PartialEq)]
pub enum PaceLoad {
    /// Fetching the pace and the blackout dates.
    Loading,
    /// Loading failed (the view offers "Try again").
    Failed(Error),
    /// The pace, its blackout dates and its items' links, ready to show and edit.
    Ready(Arc<Loaded>),
}

/// Options for [`use_pace_timeline_with_options`].
#[derive(Clone, Default)]
pub struct UsePaceTimelineOptions {
    /// The HTTP client (base URL, auth), also used to follow the publish Progress. Defaults
    /// to same-origin session auth.
    pub client: Client,
    /// Whose drafts these are (part of the `localStorage` key). Defaults to Canvas's
    /// `ENV.current_user_id` when the page has it, else nobody in particular.
    pub user_id: Option<String>,
    /// Polling of the publish Progress. Defaults to `PollOptions::default()`.
    pub poll: PollOptions,
    /// Receives the widget's events. Defaults to none.
    pub on_event: Option<PaceEventSink>,
}

/// What [`use_pace_timeline`] returns.
#[derive(Clone, Copy)]
pub struct UsePaceTimelineReturn {
    /// Where loading is.
    pub load: Signal<PaceLoad>,
    /// The loaded pace (`None` while loading or after a failure).
    pub loaded: Signal<Option<Arc<Loaded>>>,
    /// The plan with the draft applied, or why the engine refuses it.
    pub plan: Signal<Option<Result<PlanView, Error>>>,
    /// The unpublished edits.
    pub draft: Signal<Draft>,
    /// The edits as a list against the loaded pace.
    pub changes: Signal<Option<Vec<Change>>>,
    /// Typed durations that do not parse, by item key.
    pub input_errors: Signal<BTreeMap<String, String>>,
    /// A draft kept from an earlier visit, waiting for "restore?" to be answered.
    pub offer: Signal<Option<Draft>>,
    /// Where a publish is; every phase but `Idle` locks the inputs.
    pub publish: Signal<PublishPhase>,
    /// Why the last publish did not go through (the draft is kept).
    pub publish_error: Signal<Option<String>>,
    /// Why the browser is not keeping the draft, when it is not.
    pub storage_notice: Signal<Option<StorageNotice>>,
    /// Loads the pace again ("Try again").
    pub reload: Callback<()>,
    /// A typed duration: `(item key, published duration, text)`.
    pub set_duration: Callback<(String, u32, String)>,
    /// A change to the pace-wide settings.
    pub edit_settings: Callback<SettingsEdit>,
    /// Drops every unpublished edit.
    pub discard: Callback<()>,
    /// Answers "restore?": `true` restores the earlier draft (edits typed since win),
    /// `false` drops it.
    pub answer_offer: Callback<bool>,
    /// Publishes the draft (after checking for another teacher's publish).
    pub publish_now: Callback<()>,
    /// The teacher's choice after a conflict.
    pub resolve: Callback<Resolution>,
    /// An item's `assignment_link` as the page may use it: resolved against the API base,
    /// `None` for anything but `http:`/`https:` (`javascript:`, `data:`…). Rows check their
    /// own link when shown.
    pub check_link: Callback<String, Option<String>>,
}

/// Loads, edits and publishes the pace `pace_id` of `course_id` with default options. See
/// [`use_pace_timeline_with_options`].
pub fn use_pace_timeline(course_id: Signal<String>, pace_id: Signal<String>) -> UsePaceTimelineReturn {
    use_pace_timeline_with_options(course_id, pace_id, UsePaceTimelineOptions::default())
}

#[derive(Clone, Copy)]
struct State {
    load: RwSignal<PaceLoad>,
    draft: RwSignal<Draft>,
    offer: RwSignal<Option<Draft>>,
    input_errors: RwSignal<BTreeMap<String, String>>,
    publish: RwSignal<PublishPhase>,
    publish_error: RwSignal<Option<String>>,
    notice: RwSignal<Option<StorageNotice>>,
    /// The draft's `localStorage` key for the ids loaded.
    key: StoredValue<Option<String>>,
    /// The ids loaded, `(course, pace)`.
    ids: StoredValue<Option<(String, String)>>,
    /// The pace re-read before a publish, while the teacher decides a conflict.
    latest: StoredValue<Option<Arc<Loaded>>>,
    /// What the publish under way sent.
    sent: StoredValue<Option<Draft>>,
    /// The newest load, check or publish: an answer for an older one, or after unmount, is dropped.
    request: LatestRequest,
    sub: StoredValue<Option<Subscription>, LocalStorage>,
}

/// Loads the pace (and the course's blackout dates) whenever the ids change, offers back a
/// draft kept from an earlier visit, keeps every edit in `localStorage` at once, and
/// publishes: re-read the pace, show another teacher's changes and let this teacher choose,
/// `PUT` only what this teacher changed, then follow the publish Progress through the
/// widget's own client until it ends, and reload.
///
/// ## Canvas notes
/// Canvas has no conditional `PUT`: the pace is re-read just before publishing and its
/// settings and durations compared with the copy loaded (its `updated_at` is written to the
/// second, too coarse alone), so only a publish landing between that check and the `PUT`
/// can still slip through, and even then only the fields this teacher changed are sent. A `PUT` answered with `progress: null` (Canvas's
/// "the newest publish already completed") counts as published.
///
/// Every answer that arrives after the widget went away, or after the ids changed, is
/// dropped; requests in flight are aborted on unmount.
pub fn use_pace_timeline_with_options(
    course_id: Signal<String>,
    pace_id: Signal<String>,
    options: UsePaceTimelineOptions,
) -> UsePaceTimelineReturn {
    let UsePaceTimelineOptions { client, user_id, poll, on_event } = options;
    let st = State {
        load: RwSignal::new(PaceLoad::Loading),
        draft: RwSignal::new(Draft::default()),
        offer: RwSignal::new(None),
        input_errors: RwSignal::new(BTreeMap::new()),
        publish: RwSignal::new(PublishPhase::Idle),
        publish_error: RwSignal::new(None),
        notice: RwSignal::new(None),
        key: StoredValue::new(None),
        ids: StoredValue::new(None),
        latest: StoredValue::new(None),
        sent: StoredValue::new(None),
        request: LatestRequest::new(),
        sub: StoredValue::new_local(None),
    };
    let user_id = user_id.or_else(canvas_user_id);
    let check_link = link_checker(&client);
    let ctx = Rc::new(Ctx { st, client, poll, on_event, user_id, course_id, pace_id });
    let store = StoredValue::new_local(ctx.clone());

    // A render effect runs its first time now (an `Effect` would wait until the view is built
    // and mounted): the pace is requested before the caller builds its view. Later runs
    // follow the course and pace ids, as an `Effect`'s would.
    let load = RenderEffect::new(move |_| {
        course_id.track();
        pace_id.track();
        ctx.load();
    });
    on_cleanup(move || {
        drop(load);
        st.request.cancel();
        st.sub.try_update_value(|s| *s = None);
    });

    let loaded = Memo::new(move |_| match st.load.get() {
        PaceLoad::Ready(l) => Some(l),
        _ => None,
    });
    let plan = Memo::new(move |_| {
        let l = loaded.get()?;
        let today = crate::pace::parse_date(&today_ymd()).ok();
        Some(st.draft.with(|d| plan_view(&l.envelope.course_pace, d, &l.blackouts, today)))
    });
    let changes = Memo::new(move |_| {
        let l = loaded.get()?;
        let pace = &l.envelope.course_pace;
        Some(st.draft.with(|d| d.changes(&pace.settings(), pace.items().map(|i| (i.key_str(), i.duration)))))
    });

    let with_ctx = move |f: &dyn Fn(&Rc<Ctx>)| {
        if let Some(c) = store.try_get_value() {
            f(&c)
        }
    };
    UsePaceTimelineReturn {
        load: st.load.into(),
        loaded: loaded.into(),
        plan: plan.into(),
        draft: st.draft.into(),
        changes: changes.into(),
        input_errors: st.input_errors.into(),
        offer: st.offer.into(),
        publish: st.publish.into(),
        publish_error: st.publish_error.into(),
        storage_notice: st.notice.into(),
        reload: Callback::new(move |()| with_ctx(&|c| c.load())),
        set_duration: Callback::new(move |(key, published, text): (String, u32, String)| {
            with_ctx(&|c| c.set_duration(&key, published, &text))
        }),
        edit_settings: Callback::new(move |edit: SettingsEdit| with_ctx(&|c| c.edit_settings(edit.clone()))),
        discard: Callback::new(move |()| with_ctx(&|c| c.discard())),
        answer_offer: Callback::new(move |restore: bool| with_ctx(&|c| c.answer_offer(restore))),
        publish_now: Callback::new(move |()| with_ctx(&|c| c.publish(plan.try_get_untracked().flatten()))),
        resolve: Callback::new(move |choice: Resolution| with_ctx(&|c| c.resolve(choice))),
        check_link: Callback::new(move |raw: String| check_link(&raw)),
    }
}

struct Ctx {
    st: State,
    client: Client,
    poll: PollOptions,
    on_event: Option<PaceEventSink>,
    user_id: Option<String>,
    course_id: Signal<String>,
    pace_id: Signal<String>,
}

impl Ctx {
    /// Calls the page's listener. It may unmount the widget: callers return right after.
    fn emit(&self, name: &'static str, detail: JsValue) {
        if let Some(f) = &self.on_event {
            f(name, detail)
        }
    }

    fn busy(&self) -> bool {
        self.st.publish.try_with_untracked(PublishPhase::is_busy).unwrap_or(true)
    }

    fn ready(&self) -> Option<Arc<Loaded>> {
        match self.st.load.try_get_untracked()? {
            PaceLoad::Ready(l) => Some(l),
            _ => None,
        }
    }

    /// (Re)loads the pace. New ids start afresh: no draft, errors, offer or publish of the
    /// old pace is kept (its draft stays stored under its own key).
    fn load(self: &Rc<Self>) {
        let st = self.st;
        let (Some(course), Some(pace)) = (self.course_id.try_get_untracked(), self.pace_id.try_get_untracked()) else {
            return;
        };
        let ids = Some((course.clone(), pace.clone()));
        if st.ids.try_get_value().flatten() != ids {
            st.ids.try_set_value(ids);
            st.draft.set(Draft::default());
            st.input_errors.set(BTreeMap::new());
            st.offer.set(None);
            st.notice.set(None);
            st.key.try_set_value(Some(draft_key(&api_origin(&self.client), self.user_id.as_deref(), &course, &pace)));
        }
        st.sub.try_update_value(|s| *s = None);
        st.publish.set(PublishPhase::Idle);
        st.publish_error.set(None);
        st.load.set(PaceLoad::Loading);
        let Some((generation, signal)) = self.st.request.begin() else { return };
        let me = self.clone();
        let answer = fetch_pace(&me.client, &course, &pace, &signal);
        wasm_bindgen_futures::spawn_local(async move {
            let result = answer.await;
            if !me.st.request.is_current(generation, &signal) {
                return;
            }
            match result {
                Ok((envelope, blackouts)) => {
                    let loaded = Loaded::new(envelope, blackouts);
                    me.offer_stored_draft(&loaded);
                    me.st.load.set(PaceLoad::Ready(Arc::new(loaded)));
                    me.emit("lms-pace-loaded", JsValue::NULL);
                }
                Err(e) => {
                    me.st.load.set(PaceLoad::Failed(e.clone()));
                    me.emit("lms-error", e.event_detail());
                }
            }
        });
    }

    /// After a load: the draft in memory (kept over a reload) and the stored one (offered
    /// back) both lose edits the newer pace already has or no longer can take.
    fn offer_stored_draft(&self, loaded: &Loaded) {
        let st = self.st;
        let pace = &loaded.envelope.course_pace;
        let published = pace.settings();
        let duration_of = |id: &str| pace.items().find(|i| i.key() == id).map(|i| i.duration);
        st.draft.update(|d| d.reconcile(duration_of, &published));
        let draft_in_memory = st.draft.try_with_untracked(|d| !d.is_empty()).unwrap_or(true);
        if st.offer.try_with_untracked(Option::is_some).unwrap_or(true) || draft_in_memory {
            return; // a reload: the draft in memory is the newest
        }
        let Some(key) = st.key.try_get_value().flatten() else { return };
        match read_draft(&key) {
            Stored::Draft(mut saved) => {
                saved.reconcile(duration_of, &published);
                if saved.is_empty() {
                    remove_draft(&key);
                } else {
                    st.offer.set(Some(saved));
                }
            }
            Stored::Corrupt(why) => {
                remove_draft(&key);
                st.notice.set(Some(StorageNotice::Corrupt(why)));
            }
            Stored::Nothing => {}
        }
    }

    /// Writes the draft (or removes it when empty). While "restore?" is unanswered the
    /// stored draft is left alone: it is what the question is about.
    fn persist(&self) {
        let st = self.st;
        if st.offer.try_with_untracked(Option::is_some).unwrap_or(true) {
            return;
        }
        let Some(key) = st.key.try_get_value().flatten() else { return };
        let Some(ok) = st.draft.try_with_untracked(|d| write_draft(&key, d)) else { return };
        match (ok, st.notice.try_get_untracked().flatten()) {
            (false, _) => st.notice.set(Some(StorageNotice::SaveFailed)),
            (true, Some(StorageNotice::SaveFailed)) => st.notice.set(None),
            _ => {}
        }
    }

    fn set_duration(&self, key: &str, published: u32, text: &str) {
        if self.busy() {
            return;
        }
        let st = self.st;
        match parse_duration(text) {
            Ok(v) => {
                st.input_errors.update(|e| {
                    e.remove(key);
                });
                st.draft.update(|d| {
                    d.set_duration(key, published, v);
                    d.saved_at = js_sys::Date::now();
                });
                self.persist();
            }
            Err(msg) => st.input_errors.update(|e| {
                e.insert(key.to_owned(), msg);
            }),
        }
    }

    fn edit_settings(&self, edit: SettingsEdit) {
        if self.busy() {
            return;
        }
        let Some(l) = self.ready() else { return };
        let published = l.envelope.course_pace.settings();
        self.st.draft.update(|d| {
            let mut s = d.settings_or(&published).clone();
            s.apply(edit);
            d.set_settings(&published, s);
            d.saved_at = js_sys::Date::now();
        });
        self.persist();
    }

    fn discard(&self) {
        if self.busy() {
            return;
        }
        self.st.draft.set(Draft::default());
        self.st.input_errors.set(BTreeMap::new());
        self.st.publish_error.set(None);
        self.persist();
    }

    fn answer_offer(&self, restore: bool) {
        let st = self.st;
        let Some(offer) = st.offer.try_get_untracked().flatten() else { return };
        if restore {
            let Some(l) = self.ready() else { return };
            let typed = st.draft.try_get_untracked().unwrap_or_default();
            st.draft.set(offer.with_edits(&typed, &l.envelope.course_pace.settings()));
        }
        st.offer.set(None);
        self.persist();
    }

    /// Publish: refuse with a sentence if the draft cannot be published, else re-read the
    /// pace and either send at once or ask about another teacher's changes.
    fn publish(self: &Rc<Self>, plan: Option<Result<PlanView, Error>>) {
        let st = self.st;
        if self.busy() {
            return; // a double click publishes once
        }
        let Some(l) = self.ready() else { return };
        let errors = st.input_errors.try_with_untracked(BTreeMap::len).unwrap_or(0);
        let draft = st.draft.try_get_untracked().unwrap_or_default();
        if let Some(why) = publish_blocker(errors, plan.as_ref(), &draft) {
            st.publish_error.set(Some(why));
            return;
        }
        let Some((course, pace)) = st.ids.try_get_value().flatten() else { return };
        st.publish_error.set(None);
        st.publish.set(PublishPhase::Checking);
        let Some((generation, signal)) = self.st.request.begin() else { return };
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = fetch_envelope(&me.client, &course, &pace, &signal).await;
            if !me.st.request.is_current(generation, &signal) {
                return;
            }
            let latest = match result {
                Ok(env) => Arc::new(l.with_pace(env)),
                Err(e) => return me.stop(publish_fault(PublishStep::Check, &e), e.kind()),
            };
            let draft = me.st.draft.try_get_untracked().unwrap_or_default();
            match detect(&l.envelope.course_pace, &latest.envelope.course_pace, &draft) {
                Some(conflict) => {
                    me.st.latest.try_set_value(Some(latest));
                    me.st.publish.set(PublishPhase::Conflict(conflict));
                }
                None => {
                    // Nothing this widget edits changed (or only the time stamp): carry on
                    // from the newest copy, so the next check compares with it.
                    let rebased =
                        rebase(&draft, &l.envelope.course_pace, &latest.envelope.course_pace, Resolution::KeepMine);
                    if *latest != *l {
                        me.st.load.set(PaceLoad::Ready(latest.clone()));
                    }
                    me.st.draft.set(rebased);
                    me.send(&latest);
                }
            }
        });
    }

    /// The teacher's answer to a conflict: the draft moves onto the newest pace, which the
    /// widget now shows; "keep mine" then publishes.
    fn resolve(self: &Rc<Self>, choice: Resolution) {
        let st = self.st;
        if !matches!(st.publish.try_get_untracked(), Some(PublishPhase::Conflict(_))) {
            return;
        }
        let (Some(base), Some(latest)) = (self.ready(), st.latest.try_get_value().flatten()) else { return };
        st.latest.try_set_value(None);
        let draft = st.draft.try_get_untracked().unwrap_or_default();
        let rebased = rebase(&draft, &base.envelope.course_pace, &latest.envelope.course_pace, choice);
        st.draft.set(rebased.clone());
        if choice == Resolution::Reload {
            st.input_errors.set(BTreeMap::new());
        }
        st.load.set(PaceLoad::Ready(latest.clone()));
        self.persist();
        st.publish.set(PublishPhase::Idle);
        match choice {
            Resolution::KeepMine if !rebased.is_empty() => self.send(&latest),
            Resolution::KeepMine => st
                .publish_error
                .set(Some("Nothing is left to publish: the pace already has every one of your changes.".into())),
            Resolution::TakeTheirs | Resolution::Reload => {}
        }
    }

    /// `PUT` only what the draft changes against `latest`, then follow the Progress.
    fn send(self: &Rc<Self>, latest: &Loaded) {
        let st = self.st;
        let Some((course, pace)) = st.ids.try_get_value().flatten() else { return };
        let Some(draft) = st.draft.try_get_untracked() else { return };
        let body = changes_body(&latest.envelope.course_pace, &draft);
        st.sent.try_set_value(Some(draft));
        st.publish.set(PublishPhase::Sending);
        let Some((generation, signal)) = self.st.request.begin() else { return };
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = put_pace(&me.client, &course, &pace, &body, &signal).await;
            if !me.st.request.is_current(generation, &signal) {
                return;
            }
            match result {
                Err(e) => me.stop(publish_fault(PublishStep::Send, &e), e.kind()),
                Ok(env) => match env.progress.as_ref().and_then(progress_path) {
                    Some(url) => me.follow(url, generation),
                    None => me.finished(),
                },
            }
        });
    }

    /// Follows the publish Progress through the shared poller (the progress bar in the
    /// view subscribes to the same one: one request per tick).
    fn follow(self: &Rc<Self>, url: String, generation: u64) {
        let st = self.st;
        st.publish.set(PublishPhase::Following(url.clone()));
        let weak = Rc::downgrade(self);
        let listener = move |ev: &PollEvent| {
            let Some(me) = weak.upgrade() else { return };
            if me.st.request.is_generation(generation) {
                me.on_progress(ev);
            }
        };
        let sub = subscribe(&url, Format::Auto, &self.client, &self.poll, listener);
        // A replayed terminal answer may already have ended the publish.
        if st.publish.try_with_untracked(|p| *p == PublishPhase::Following(url)) == Some(true) {
            st.sub.try_set_value(Some(sub));
        }
    }

    fn on_progress(self: &Rc<Self>, ev: &PollEvent) {
        match ev {
            PollEvent::Update { snapshot, .. } => match snapshot.state {
                ProgressState::Completed => self.finished(),
                ProgressState::Failed | ProgressState::Canceled => {
                    let why = snapshot.message.clone().unwrap_or_else(|| snapshot.state.label());
                    self.stop(format!("Publishing did not finish ({why}). Your changes are kept."), "job_failed");
                }
                _ => {}
            },
            PollEvent::Fault { error, retry_in: None } => {
                self.stop(publish_fault(PublishStep::Follow, error), error.kind())
            }
            PollEvent::Fault { .. } => {}
        }
    }

    /// A publish that will not finish: back to editing, the draft intact, and `lms-error`
    /// (`op: "publish"`, `kind` the fault's) so the page knows.
    fn stop(&self, message: String, kind: &'static str) {
        let st = self.st;
        st.sub.try_update_value(|s| *s = None);
        st.sent.try_set_value(None);
        st.publish.set(PublishPhase::Idle);
        st.publish_error.set(Some(message.clone()));
        // The page hears it last: its listener may remove the widget.
        let detail = crate::error::error_event_detail(kind, &message, &[("op", "publish".into())]);
        self.emit("lms-error", detail);
    }

    /// The publish completed: what was sent leaves the draft (anything else stays), the
    /// pace is reloaded, and the page is told last (its listener may remove the widget).
    fn finished(self: &Rc<Self>) {
        let st = self.st;
        let sent = st.sent.try_update_value(Option::take).flatten().unwrap_or_default();
        st.draft.update(|d| *d = d.without_sent(&sent));
        self.persist();
        self.load();
        self.emit("lms-pace-published", JsValue::NULL);
    }
}

// ------------------------------------------------------------------ requests

fn pace_path(course: &str, pace: &str) -> Result<String, Error> {
    Ok(format!("{}/course_pacing/{}", course_path(course)?, crate::model::parse_id(pace, "pace-id")?))
}

fn course_path(course: &str) -> Result<String, Error> {
    Ok(format!("/api/v1/courses/{}", crate::model::parse_id(course, "course-id")?))
}

/// `GET …/course_pacing/:id`, sent now (the future reads the answer).
fn fetch_envelope(
    client: &Client,
    course: &str,
    pace: &str,
    signal: &web_sys::AbortSignal,
) -> impl Future<Output = Result<PaceEnvelope, Error>> + 'static {
    let sent = pace_path(course, pace).map(|path| client.get_json(&path, Some(signal)));
    async move { sent?.await?.parse_object() }
}

/// `GET …/course_pacing/:id` and `GET …/blackout_dates`, both sent now (the future reads
/// the answers): loading takes the slower request's time, not the sum of both.
fn fetch_pace(
    client: &Client,
    course: &str,
    pace: &str,
    signal: &web_sys::AbortSignal,
) -> impl Future<Output = Result<(PaceEnvelope, Vec<crate::timeline::BlackoutDate>), Error>> + 'static {
    let envelope = fetch_envelope(client, course, pace, signal);
    let blackouts = course_path(course).map(|c| client.get_json(&format!("{c}/blackout_dates"), Some(signal)));
    async move {
        let envelope = envelope.await?;
        let blackouts = blackouts?.await?.parse::<BlackoutList>()?.into_vec();
        Ok((envelope, blackouts))
    }
}

/// `PUT …/course_pacing/:id`; answers `{course_pace, progress}`.
async fn put_pace(
    client: &Client,
    course: &str,
    pace: &str,
    body: &PublishBody,
    signal: &web_sys::AbortSignal,
) -> Result<PaceEnvelope, Error> {
    let js = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::BadResponse(e.to_string()))?;
    client.put_json(&pace_path(course, pace)?, &js, Some(signal)).await?.parse_object()
}

// ------------------------------------------------------------------ links and identity

/// The base item links resolve against: the client's base URL, else the page.
fn api_base(client: &Client) -> String {
    let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    client
        .base_url
        .as_deref()
        .and_then(|b| web_sys::Url::new_with_base(b, &page).ok())
        .map(|u| u.href())
        .unwrap_or(page)
}

fn api_origin(client: &Client) -> String {
    web_sys::Url::new(&api_base(client)).map(|u| u.origin()).unwrap_or_default()
}

/// Checks an item link as the report card checks its download link
/// ([`crate::model::vet_download_url`]: relative or `http:`/`https:` only), resolves it
/// against the API base and checks the result again.
fn link_checker(client: &Client) -> impl Fn(&str) -> Option<String> {
    let base = api_base(client);
    move |raw: &str| {
        let cleaned = crate::model::vet_download_url(raw).ok()?;
        let url = web_sys::Url::new_with_base(&cleaned, &base).ok()?;
        matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
    }
}

/// Canvas's `ENV.current_user_id` (a string or a number), when the page has it.
fn canvas_user_id() -> Option<String> {
    let window: JsValue = web_sys::window()?.into();
    let env = js_sys::Reflect::get(&window, &"ENV".into()).ok().filter(JsValue::is_object)?;
    let v = js_sys::Reflect::get(&env, &"current_user_id".into()).ok()?;
    v.as_string().or_else(|| v.as_f64().filter(|n| n.fract() == 0.0).map(|n| format!("{n}")))
}

/// Today in the browser's time zone, `YYYY-MM-DD`.
fn today_ymd() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

// ------------------------------------------------------------------ localStorage

enum Stored {
    Nothing,
    Draft(Draft),
    Corrupt(String),
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored draft, checked: one that does not parse or has impossible values is
/// `Corrupt` (the caller removes it and says so).
fn read_draft(key: &str) -> Stored {
    let Some(text) = storage().and_then(|s| s.get_item(key).ok().flatten()) else { return Stored::Nothing };
    let Ok(v) = js_sys::JSON::parse(&text) else { return Stored::Corrupt("it is not JSON".into()) };
    match serde_wasm_bindgen::from_value::<Draft>(v) {
        Err(e) => Stored::Corrupt(e.to_string()),
        Ok(d) => match d.validate() {
            Ok(()) => Stored::Draft(d),
            Err(why) => Stored::Corrupt(why),
        },
    }
}

/// Saves the draft, or removes it when empty. `false` when the browser refused (no
/// storage, full, blocked).
fn write_draft(key: &str, d: &Draft) -> bool {
    let Some(s) = storage() else { return false };
    if d.is_empty() {
        return s.remove_item(key).is_ok();
    }
    let Ok(v) = d.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else { return false };
    match js_sys::JSON::stringify(&v).ok().and_then(|t| t.as_string()) {
        Some(text) => s.set_item(key, &text).is_ok(),
        None => false,
    }
}

fn remove_draft(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
