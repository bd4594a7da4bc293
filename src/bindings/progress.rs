//! `mountProgress(el, options)` and the `<lms-progress>` element's options.

use super::mount::{
    attr_bool, client_from, dispatch, obj, opt_bool, opt_string, options_object, prepare_container, WidgetHandle,
};
use crate::components::progress_bar::{ProgressBar, ProgressEventSink, CSS};
use crate::components::BASE_CSS;
use crate::error::error_event_detail;
use crate::model::Format;
use crate::poll::driver::PollEvent;
use crate::Error;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Mounts a live progress bar into `el`.
///
/// Options: `url` (required), `format` (`"canvas" | "cloudreve" | "auto"`), `label`,
/// `cancelable`, `locale`, `baseUrl` (a path prefix for URLs, and the only origin a token
/// and headers go to), `base-url` (the attribute: a prefix only, never where credentials
/// go), `token` (a bearer token; never put it in an attribute), `headers`, `shadow`
/// (default `true`). See [`crate::net::route`] for the whole rule.
/// Events (bubbling, composed): `lms-progress`, `lms-complete`, `lms-failed`,
/// `lms-canceled`, `lms-error`.
///
/// The widget lives until `handle.unmount()`, or until `el`, having been in the document,
/// leaves it.
#[wasm_bindgen(js_name = mountProgress)]
pub fn mount_progress(el: HtmlElement, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let options = options_object(options, &["url", "format", "label", "cancelable"])?;
    let url = opt_string(&options, &["url"]).unwrap_or_default();
    let format = Format::parse(&opt_string(&options, &["format"]).unwrap_or_default())?;
    let cancelable = opt_bool(&options, &["cancelable"])?.unwrap_or(false);
    let shadow = opt_bool(&options, &["shadow"])?.unwrap_or(true);
    let label = opt_string(&options, &["label"]);
    let locale = opt_string(&options, &["locale"]);
    let client = client_from(&options)?;

    let container = prepare_container(&el, shadow, "progress", &[BASE_CSS, CSS])?;
    let host: web_sys::EventTarget = el.clone().into();
    let sink: ProgressEventSink = Rc::new(move |name, ev| dispatch(&host, name, &event_detail(ev)));

    type Signals = (
        RwSignal<String>,
        RwSignal<Option<String>>,
        RwSignal<Option<Format>>,
        RwSignal<Option<bool>>,
        RwSignal<Option<String>>,
    );
    let signals: Rc<RefCell<Option<Signals>>> = Rc::new(RefCell::new(None));
    let out = signals.clone();
    let mounted = leptos::mount::mount_to(container.clone(), move || {
        let s = (
            RwSignal::new(url),
            RwSignal::new(label),
            RwSignal::new(Some(format)),
            RwSignal::new(Some(cancelable)),
            RwSignal::new(locale),
        );
        *out.borrow_mut() = Some(s);
        view! {
            <ProgressBar
                url=s.0
                label=s.1
                format=s.2
                cancelable=s.3
                locale=s.4
                client=client
                on_event=sink
            />
        }
    });
    let setter = move |name: &str, value: Option<String>| -> Result<(), Error> {
        let Some((url, label, format, cancelable, locale)) = *signals.borrow() else { return Ok(()) };
        match name {
            "url" => url.set(value.unwrap_or_default()),
            "label" => label.set(value),
            "format" => format.set(Some(Format::parse(&value.unwrap_or_default())?)),
            "cancelable" => cancelable.set(Some(attr_bool("cancelable", value)?)),
            "locale" => locale.set(value),
            _ => {}
        }
        Ok(())
    };
    Ok(WidgetHandle::new(el, container, Box::new(mounted), Box::new(setter)))
}

/// The JSON `detail` of a progress event.
fn event_detail(ev: &PollEvent) -> JsValue {
    match ev {
        PollEvent::Update { snapshot, raw, stalled, eta_ms } => {
            let results = js_sys::Reflect::get(raw, &"results".into()).unwrap_or(JsValue::UNDEFINED);
            let url = js_sys::Reflect::get(raw, &"url".into()).unwrap_or(JsValue::NULL);
            obj(&[
                ("state", snapshot.state.as_str().into()),
                ("completion", snapshot.percent.map(JsValue::from_f64).unwrap_or(JsValue::NULL)),
                ("message", snapshot.message.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL)),
                ("stalled", (*stalled).into()),
                ("etaMs", eta_ms.map(|v| JsValue::from_f64(v as f64)).unwrap_or(JsValue::NULL)),
                ("url", url),
                ("results", if results.is_undefined() { JsValue::NULL } else { results }),
                ("progress", raw.clone()),
            ])
        }
        PollEvent::Fault { error, retry_in } => error_event_detail(
            error.kind(),
            &error.to_string(),
            &[("retryIn", retry_in.map(|v| JsValue::from_f64(v as f64)).unwrap_or(JsValue::NULL))],
        ),
    }
}
