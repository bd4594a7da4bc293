//! People-facing numbers and times through the browser's `Intl` (no formatting code in wasm).

use crate::model::{Measure, Unit};
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

fn opts(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn locales(locale: Option<&str>) -> Array {
    let a = Array::new();
    if let Some(l) = locale.filter(|l| !l.is_empty()) {
        a.push(&JsValue::from_str(l));
    }
    a
}

fn number(locale: Option<&str>, options: &Object, v: f64) -> String {
    let f = Intl::NumberFormat::new(&locales(locale), options).format();
    f.call1(&JsValue::NULL, &JsValue::from_f64(v)).ok().and_then(|s| s.as_string()).unwrap_or_else(|| v.to_string())
}

/// "12.4 MB of 40 MB" or "3 of 10 files".
pub fn amount(m: &Measure, locale: Option<&str>) -> String {
    match m.unit {
        Unit::Bytes => {
            const UNITS: [&str; 5] = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"];
            let mut i = 0;
            let mut scale = 1.0;
            while i + 1 < UNITS.len() && m.total.max(m.current) >= scale * 1000.0 {
                scale *= 1000.0;
                i += 1;
            }
            let o = opts(&[
                ("style", "unit".into()),
                ("unit", UNITS[i].into()),
                ("unitDisplay", "short".into()),
                ("maximumFractionDigits", 1.into()),
            ]);
            format!("{} of {}", number(locale, &o, m.current / scale), number(locale, &o, m.total / scale))
        }
        Unit::Files => {
            let o = opts(&[("maximumFractionDigits", 0.into())]);
            let noun = if m.total == 1.0 { "file" } else { "files" };
            format!("{} of {} {noun}", number(locale, &o, m.current), number(locale, &o, m.total))
        }
    }
}

/// "45%" in the user's locale.
pub fn percent(p: f64, locale: Option<&str>) -> String {
    let o = opts(&[("style", "percent".into()), ("maximumFractionDigits", 0.into())]);
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
    let o = opts(&[("numeric", "auto".into())]);
    let rtf = Intl::RelativeTimeFormat::new(&locales(locale), &o);
    rtf.format(v, unit).as_string().unwrap_or_default()
}

/// The user's locale: `<html lang>`, else the browser's.
pub fn page_locale() -> Option<String> {
    let w = web_sys::window()?;
    let lang = w.document().and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang"));
    lang.filter(|l| !l.is_empty()).or_else(|| w.navigator().language())
}

/// A calendar day (`YYYY-MM-DD`, any time part ignored) as "Wed, Jan 1, 2020". The day is
/// formatted as itself (in UTC), so no time zone can move it to a neighbouring day.
pub fn calendar_date(ymd: &str, locale: Option<&str>) -> String {
    let d = ymd.get(..10).unwrap_or(ymd);
    let mut parts = d.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(day))) = (parts.next(), parts.next(), parts.next()) else {
        return d.to_owned();
    };
    let ms = js_sys::Date::utc(y as f64, (m as f64) - 1.0);
    let ms = ms + (day as f64 - 1.0) * 86_400_000.0;
    let o = opts(&[
        ("timeZone", "UTC".into()),
        ("weekday", "short".into()),
        ("month", "short".into()),
        ("day", "numeric".into()),
        ("year", "numeric".into()),
    ]);
    let f = Intl::DateTimeFormat::new(&locales(locale), &o).format();
    f.call1(&JsValue::NULL, &js_sys::Date::new(&JsValue::from_f64(ms)))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| d.to_owned())
}
