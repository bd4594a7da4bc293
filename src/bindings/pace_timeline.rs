//! `mountPaceTimeline(el, options)` and the `<lms-pace-timeline>` element's options.

use super::mount::{
    attr_bool, client_from, dispatch, opt_bool, opt_string, options_object, prepare_container, WidgetHandle,
};
use crate::components::pace_timeline::{PaceEventSink, PaceTimeline, CSS};
use crate::components::{progress_bar, BASE_CSS};
use crate::net::page::page_course_id;
use crate::timeline::LinkTarget;
use crate::Error;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Mounts a course-pace timeline into `el`.
///
/// Options: `courseId`/`course-id` (default: the page's course, from Canvas's
/// `ENV.context_asset_string` or a `/courses/:id` path),
/// `paceId`/`pace-id` (required), `editable`, `locale`, `baseUrl`, `token`, `headers`,
/// `linkTarget` (where item links open: `_self`, the default, or `_top`, `_parent`,
/// `_blank`; inside an LTI frame `_top` opens them over the whole Canvas page, so the host
/// must ask for it; on `<lms-pace-timeline>` set it through `lmsOptions`), `shadow` (default
/// `true`). Events: `lms-pace-loaded`, `lms-pace-published`, `lms-error` (the publish
/// progress bar inside fires none of its own).
#[wasm_bindgen(js_name = mountPaceTimeline)]
pub fn mount_pace_timeline(el: HtmlElement, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let options = options_object(options, &["courseId", "course-id", "paceId", "pace-id", "editable", "linkTarget"])?;
    // A given id goes to the hook as written (it checks it, and later attribute values, by the
    // same rule); without one, the page's course.
    let course = match opt_string(&options, &["courseId", "course-id"]) {
        Some(c) => c,
        None => page_course_id(None)?.to_string(),
    };
    let pace = opt_string(&options, &["paceId", "pace-id"])
        .ok_or(Error::InvalidOption { name: "pace-id", reason: "a pace id is required".into() })?;
    let editable = opt_bool(&options, &["editable"])?.unwrap_or(false);
    let shadow = opt_bool(&options, &["shadow"])?.unwrap_or(true);
    let locale = opt_string(&options, &["locale"]);
    let link_target = match opt_string(&options, &["linkTarget"]) {
        Some(v) => LinkTarget::parse(&v)?,
        None => LinkTarget::default(),
    };
    let client = client_from(&options)?;
    let container = prepare_container(&el, shadow, "pace", &[BASE_CSS, progress_bar::CSS, CSS])?;
    let host: web_sys::EventTarget = el.clone().into();
    let sink: PaceEventSink = Rc::new(move |name, detail| dispatch(&host, name, &detail));

    type Signals = (RwSignal<String>, RwSignal<String>, RwSignal<Option<bool>>, RwSignal<Option<String>>);
    let signals: Rc<RefCell<Option<Signals>>> = Rc::new(RefCell::new(None));
    let out = signals.clone();
    let mounted = leptos::mount::mount_to(container.clone(), move || {
        let s = (RwSignal::new(course), RwSignal::new(pace), RwSignal::new(Some(editable)), RwSignal::new(locale));
        *out.borrow_mut() = Some(s);
        view! {
            <PaceTimeline
                course_id=s.0 pace_id=s.1 editable=s.2 locale=s.3 client=client link_target=link_target on_event=sink
            />
        }
    });
    let setter = move |name: &str, value: Option<String>| -> Result<(), Error> {
        let Some((course, pace, editable, locale)) = *signals.borrow() else { return Ok(()) };
        match name {
            "course-id" => course.set(value.unwrap_or_default()),
            "pace-id" => pace.set(value.unwrap_or_default()),
            "editable" => editable.set(Some(attr_bool("editable", value)?)),
            "locale" => locale.set(value),
            _ => {}
        }
        Ok(())
    };
    Ok(WidgetHandle::new(el, container, Box::new(mounted), Box::new(setter)))
}
