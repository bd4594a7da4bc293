//! The custom elements' observed attributes (`ATTRIBUTES` in `js/elements.js`) are exactly
//! the options the Rust mount functions read under an attribute's spelling, so the two lists
//! cannot drift apart again (`time-zone` was once observed on the timeline and ignored).
//!
//! Rust is the source of truth: every key a binding reads with `opt_*(&options, &[…])` that
//! is written as an attribute would be (lower case, words joined by `-`), plus `base-url`,
//! which every element's client reads. camelCase keys (`courseId`, `baseUrl`, `linkTarget`)
//! are the JS spellings, and `token`/`headers` are JS-only by design (never attributes).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const ELEMENTS: [(&str, &str); 3] = [
    ("lms-progress", "src/bindings/progress.rs"),
    ("lms-report-card", "src/bindings/report.rs"),
    ("lms-pace-timeline", "src/bindings/pace_timeline.rs"),
];

/// Options that must never come from an attribute.
const JS_ONLY: [&str; 2] = ["token", "headers"];

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The quoted strings in `text`, in order ('…' or "…").
fn quoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['\'', '"']) {
        let q = rest.as_bytes()[start] as char;
        let after = &rest[start + 1..];
        let Some(end) = after.find(q) else { break };
        out.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    out
}

/// The keys a binding reads: the strings in every `(&options, &[…])` / `(options, &[…])`.
fn rust_keys(source: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for marker in ["(&options, &[", "(options, &["] {
        for (i, _) in source.match_indices(marker) {
            let list = &source[i + marker.len()..];
            let end = list.find(']').expect("a closed key list");
            keys.extend(quoted(&list[..end]));
        }
    }
    keys
}

fn is_attribute_spelling(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !JS_ONLY.contains(&key)
}

/// `ATTRIBUTES` from js/elements.js: element name → its list.
fn js_attributes(js: &str) -> Vec<(String, BTreeSet<String>)> {
    let start = js.find("export const ATTRIBUTES = {").expect("elements.js exports ATTRIBUTES");
    let body = &js[start..];
    let body = &body[..body.find("};").expect("ATTRIBUTES ends")];
    body.lines()
        .filter_map(|line| {
            let (name, list) = line.split_once(':')?;
            let name = quoted(name).into_iter().next()?;
            Some((name, quoted(list).into_iter().collect()))
        })
        .collect()
}

#[test]
fn observed_attributes_are_exactly_what_rust_reads() {
    let js = js_attributes(&read("js/elements.js"));
    assert_eq!(js.len(), ELEMENTS.len(), "one list per element in elements.js: {js:?}");
    let client = read("src/bindings/mount.rs");
    assert!(client.contains(r#"non_empty("base-url")"#), "client_from reads the base-url attribute");
    for (element, binding) in ELEMENTS {
        let mut rust: BTreeSet<String> =
            rust_keys(&read(binding)).into_iter().filter(|k| is_attribute_spelling(k)).collect();
        rust.insert("base-url".to_owned());
        let observed = &js.iter().find(|(n, _)| n == element).unwrap_or_else(|| panic!("{element} in elements.js")).1;
        assert_eq!(observed, &rust, "{element}: elements.js observes {observed:?}, {binding} reads {rust:?}");
        for secret in JS_ONLY {
            assert!(!observed.contains(secret), "{element} must never take `{secret}` from an attribute");
        }
    }
}

#[test]
fn the_readers_find_what_they_should() {
    // The check above passes vacuously if a reader finds nothing: pin what it reads.
    assert_eq!(
        rust_keys(r#"opt_string(&options, &["courseId", "course-id"]); opt_bool(options, &["shadow"])"#),
        BTreeSet::from(["courseId".to_owned(), "course-id".to_owned(), "shadow".to_owned()])
    );
    let js = js_attributes("export const ATTRIBUTES = {\n  'lms-x': ['a', 'b-c'],\n};");
    assert_eq!(js, vec![("lms-x".to_owned(), BTreeSet::from(["a".to_owned(), "b-c".to_owned()]))]);
    assert!(
        is_attribute_spelling("time-zone") && !is_attribute_spelling("timeZone") && !is_attribute_spelling("token")
    );
}
