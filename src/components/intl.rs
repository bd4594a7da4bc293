//! People-facing numbers and times through the browser's `Intl` (no formatting code in wasm).
//!
//! Every formatter is built here, through one constructor that catches what `Intl` throws:
//! a locale or time zone the browser does not know (`locale="xx-!!"`) falls back to the
//! browser's default instead of throwing a `RangeError` through the widget.

use crate::model::{number_text, Measure, Unit};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `new Intl.<name>(locales, options)`, or `None` if it throws.
fn construct(name: &str, locale: Option<&str>, options: &[(&str, JsValue)]) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &name.into()).ok()?.dyn_into().ok()?;
    let locales = Array::new();
    if let Some(l) = locale.filter(|l| !l.is_empty()) {
        locales.push(&l.into());
    }
    let o = Object::new();
    for (k, v) in options {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    Reflect::construct(&ctor, &Array::of2(&locales, &o)).ok()
}

thread_local! {
    /// Formatters by (constructor, locale, options): building an `Intl` formatter costs far
    /// more than using one, and a 5,000-row pace formats 5,000 dates on every edit.
    static CACHE: std::cell::RefCell<std::collections::HashMap<String, JsValue>> = Default::default();
}

/// A formatter in `locale`, else in the browser's locale when `locale` is not one.
fn formatter(name: &str, locale: Option<&str>, options: &[(&str, JsValue)]) -> Option<JsValue> {
    let mut key = String::with_capacity(64);
    key.push_str(name);
    key.push('|');
    key.push_str(locale.unwrap_or(""));
    for (k, v) in options {
        key.push('|');
        key.push_str(k);
        key.push('=');
        match (v.as_string(), v.as_f64()) {
            (Some(s), _) => key.push_str(&s),
            (None, Some(n)) => crate::model::push_decimal(&mut key, n as u64),
            _ => key.push('?'),
        }
    }
    if let Some(f) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Some(f);
    }
    let f = construct(name, locale, options).or_else(|| construct(name, None, options))?;
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 64 {
            c.clear(); // locales and zones change rarely: a full cache means churn, start over
        }
        c.insert(key, f.clone());
    });
    Some(f)
}

/// `formatter.format(args…)` as a string.
fn call_format(formatter: &JsValue, args: &[JsValue]) -> Option<String> {
    let f: Function = Reflect::get(formatter, &"format".into()).ok()?.dyn_into().ok()?;
    let out = match args {
        [a] => f.call1(formatter, a),
        [a, b] => f.call2(formatter, a, b),
        _ => return None,
    };
    out.ok()?.as_string()
}

fn number(locale: Option<&str>, options: &[(&str, JsValue)], v: f64) -> String {
    formatter("NumberFormat", locale, options)
        .and_then(|f| call_format(&f, &[JsValue::from_f64(v)]))
        .unwrap_or_else(|| number_text(v))
}

/// The locale if `Intl` accepts it, else `None` (the browser's).
pub fn valid_locale(locale: Option<String>) -> Option<String> {
    locale.filter(|l| construct("NumberFormat", Some(l), &[]).is_some())
}

/// Whether this browser knows the IANA time zone `zone` ("America/Denver").
pub fn time_zone_known(zone: &str) -> bool {
    construct("DateTimeFormat", None, &[("timeZone", zone.into())]).is_some()
}

/// Byte units for a largest value: (Intl unit, divisor).
fn byte_unit(largest: f64) -> (&'static str, f64) {
    const UNITS: [&str; 5] = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"];
    let (mut i, mut scale) = (0, 1.0);
    while i + 1 < UNITS.len() && largest >= scale * 1000.0 {
        scale *= 1000.0;
        i += 1;
    }
    (UNITS[i], scale)
}

fn bytes_options(unit: &'static str) -> [(&'static str, JsValue); 4] {
    let whole = unit == "byte";
    [
        ("style", "unit".into()),
        ("unit", unit.into()),
        ("unitDisplay", if whole { "long" } else { "short" }.into()),
        ("maximumFractionDigits", if whole { 0 } else { 1 }.into()),
    ]
}

/// "12.4 MB of 40 MB" or "3 of 10 files".
pub fn amount(m: &Measure, locale: Option<&str>) -> String {
    match m.unit {
        Unit::Bytes => {
            let (unit, scale) = byte_unit(m.total.max(m.current));
            let o = bytes_options(unit);
            format!("{} of {}", number(locale, &o, m.current / scale), number(locale, &o, m.total / scale))
        }
        Unit::Files => {
            let o = [("maximumFractionDigits", 0.into())];
            let noun = if m.total == 1.0 { "file" } else { "files" };
            format!("{} of {} {noun}", number(locale, &o, m.current), number(locale, &o, m.total))
        }
    }
}

/// "48.2 kB" (a file's size).
pub fn file_size(bytes: f64, locale: Option<&str>) -> String {
    let (unit, scale) = byte_unit(bytes);
    number(locale, &bytes_options(unit), bytes / scale)
}

/// "45%" in the user's locale.
pub fn percent(p: f64, locale: Option<&str>) -> String {
    let o = [("style", "percent".into()), ("maximumFractionDigits", 0.into())];
    number(locale, &o, (p / 100.0).clamp(0.0, 1.0))
}

/// "in 2 minutes" (relative time, rounded to a sensible unit).
pub fn relative_ms(ms: f64, locale: Option<&str>) -> String {
    let secs = ms / 1000.0;
    let (v, unit) = if secs.abs() < 60.0 {
        ((secs / 5.0).round() * 5.0, "second")
    } else if secs.abs() < 3600.0 {
        ((secs / 60.0).round(), "minute")
    } else if secs.abs() < 86_400.0 {
        ((secs / 3600.0).round(), "hour")
    } else {
        ((secs / 86_400.0).round(), "day")
    };
    let v = if v == 0.0 && secs > 0.0 { 5.0 } else { v };
    formatter("RelativeTimeFormat", locale, &[("numeric", "auto".into())])
        .and_then(|f| call_format(&f, &[JsValue::from_f64(v), unit.into()]))
        .unwrap_or_else(|| format!("{} {unit}s", number_text(v)))
}

/// "Mar 3, 2026, 10:15 AM GMT+1": an instant in `time_zone` (else the browser's).
pub fn absolute_time(ms: f64, locale: Option<&str>, time_zone: Option<&str>) -> String {
    let mut options = vec![
        ("year", "numeric".into()),
        ("month", "short".into()),
        ("day", "numeric".into()),
        ("hour", "numeric".into()),
        ("minute", "2-digit".into()),
        ("timeZoneName", "short".into()),
    ];
    if let Some(z) = time_zone.filter(|z| time_zone_known(z)) {
        options.push(("timeZone", z.into()));
    }
    let date: JsValue = js_sys::Date::new(&JsValue::from_f64(ms)).into();
    formatter("DateTimeFormat", locale, &options)
        .and_then(|f| call_format(&f, &[date]))
        .unwrap_or_else(|| js_sys::Date::new(&JsValue::from_f64(ms)).to_iso_string().into())
}

/// The user's locale: `<html lang>`, else the browser's.
pub fn page_locale() -> Option<String> {
    let w = web_sys::window()?;
    let lang = w.document().and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang"));
    lang.filter(|l| !l.is_empty()).or_else(|| w.navigator().language())
}

/// A calendar day (`YYYY-MM-DD`, any time part ignored) as "Wed, Jan 1, 2020". The day is
/// formatted as itself (in UTC), so no time zone can move it to a neighbouring day; a year
/// below 100 stays that year (not 19xx). Text that is not a real day is shown as given.
pub fn calendar_date(ymd: &str, locale: Option<&str>) -> String {
    let d = ymd.get(..10).unwrap_or(ymd);
    let Some(ms) = crate::pace::calendar_day_ms(ymd) else {
        return d.to_owned();
    };
    let o = [
        ("timeZone", "UTC".into()),
        ("weekday", "short".into()),
        ("month", "short".into()),
        ("day", "numeric".into()),
        ("year", "numeric".into()),
    ];
    let date: JsValue = js_sys::Date::new(&JsValue::from_f64(ms)).into();
    formatter("DateTimeFormat", locale, &o).and_then(|f| call_format(&f, &[date])).unwrap_or_else(|| d.to_owned())
}
