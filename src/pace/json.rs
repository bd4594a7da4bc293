//! `planPace`'s and `compressDates`'s results as JSON text, written straight from the
//! request's ids without `serde_json` (a native dev-dependency only).
//!
//! In the browser, building a 5,000-key result object key by key (`serde_wasm_bindgen`'s
//! serializer) crosses the JS boundary once per key and value: about 5 ms more in V8 for the
//! large plan than one `JSON.parse` of this text.

use super::{format_date, Date, PaceError, PaceRequest};

// ------------------------------------------------------------------- writing

/// Appends `s` as a JSON string.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    if !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// Appends `"YYYY-MM-DD"` (or `null`) without an allocation per date.
fn push_date(out: &mut String, d: Option<Date>) {
    let Some(d) = d else {
        out.push_str("null");
        return;
    };
    if !(0..=9999).contains(&d.year()) {
        push_str(out, &format_date(d));
        return;
    }
    let (y, m, day) = (d.year() as u32, u32::from(u8::from(d.month())), u32::from(d.day()));
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let b = [
        b'"',
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
        b'"',
    ];
    out.push_str(core::str::from_utf8(&b).unwrap_or("null"));
}

/// `{"<id>":value,…}` from pairs, each id once (where it first appeared, with its last value).
fn push_object<T: Copy>(
    out: &mut String,
    pairs: &[(&str, T)],
    last: &[Option<usize>],
    mut value: impl FnMut(&mut String, T),
) {
    out.push('{');
    let mut first = true;
    for (i, (id, _)) in pairs.iter().enumerate() {
        let Some(j) = last[i] else { continue };
        if !std::mem::replace(&mut first, false) {
            out.push(',');
        }
        push_str(out, id);
        out.push(':');
        value(out, pairs[j].1);
    }
    out.push('}');
}

/// [`super::compress_dates`] as the JSON text Canvas renders:
/// `{"<module_item_id>":"YYYY-MM-DD",…}`, written straight from the request's ids.
///
/// ## Usage
/// ```
/// use lms_widgets::pace::{compress_dates_json, PaceRequest};
/// let r: PaceRequest = serde_json::from_str(r#"{"course_pace":{"start_date":"2026-09-01",
///   "course_pace_module_items_attributes":[{"duration":2,"module_item_id":11}]}}"#).unwrap();
/// assert_eq!(compress_dates_json(&r).unwrap(), r#"{"11":"2026-09-03"}"#);
/// ```
pub fn compress_dates_json(req: &PaceRequest) -> Result<String, PaceError> {
    let p = super::planned(req)?;
    let pairs: Vec<(&str, Date)> = ids(req).zip(p.due.iter().copied()).collect();
    let last = super::last_of_each(ids(req));
    let mut out = String::with_capacity(pairs.len() * 24 + 2);
    push_object(&mut out, &pairs, &last, |o, d| push_date(o, Some(d)));
    Ok(out)
}

/// [`super::plan_pace`] as `planPace`'s JSON text (what `serde_json` writes for a
/// [`PacePlan`], except that an id given twice appears once), written straight from the
/// request's ids.
pub fn plan_pace_json(req: &PaceRequest) -> Result<String, PaceError> {
    let p = super::planned(req)?;
    let due: Vec<(&str, Date)> = ids(req).zip(p.due.iter().copied()).collect();
    let durations: Vec<(&str, u32)> = ids(req).zip(p.durations.iter().copied()).collect();
    let last = super::last_of_each(ids(req));
    let mut out = String::with_capacity(due.len() * 40 + 128);
    out.push_str("{\"due_dates\":");
    push_object(&mut out, &due, &last, |o, d| push_date(o, Some(d)));
    out.push_str(",\"durations\":");
    push_object(&mut out, &durations, &last, |o, n| crate::model::push_decimal(o, u64::from(n)));
    out.push_str(",\"compressed\":");
    out.push_str(if p.compressed { "true" } else { "false" });
    out.push_str(",\"projected_end_date\":");
    push_date(&mut out, Some(p.projected));
    out.push_str(",\"plan_end_date\":");
    push_date(&mut out, p.due.last().copied());
    out.push('}');
    Ok(out)
}

fn ids(req: &PaceRequest) -> impl ExactSizeIterator<Item = &str> {
    req.course_pace.course_pace_module_items_attributes.iter().map(|i| i.module_item_id.as_str())
}
