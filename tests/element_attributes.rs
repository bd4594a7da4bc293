//! The custom elements' observed attributes (`ATTRIBUTES` in `js/elements.js`) are exactly
//! the options the Rust mount functions read under an attribute's spelling, so the two lists
//! cannot drift apart again (`time-zone` was once observed on the timeline and ignored).
//!
//! Rust is the source of truth: every key a binding reads with `opt_*(&options, &[…])` that
//! is written as an attribute would be (lower case, words joined by `-`), plus `base-url`,
//! which every element's client reads. camelCase keys (`courseId`, `baseUrl`, `linkTarget`)
//! are the JS spellings, and `token`/`headers` are JS-only by design (never attributes).
//!
//! README's reference tables (attributes and JS options per element, events and who fires
//! them, theme variables, `::part` names) are checked against the same sources and against
//! `js/index.d.ts`, so the documentation cannot drift either.

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

// ------------------------------------------------------------- README's reference tables

/// The element → its binding, the `index.d.ts` options interface, and the source folders
/// whose markup and events belong to it.
const REFERENCE: [(&str, &str, &str, &[&str]); 3] = [
    ("lms-progress", "src/bindings/progress.rs", "ProgressOptions", &["src/components/progress_bar"]),
    ("lms-report-card", "src/bindings/report.rs", "ReportCardOptions", &["src/components/report_card"]),
    (
        "lms-pace-timeline",
        "src/bindings/pace_timeline.rs",
        "PaceTimelineOptions",
        &["src/components/pace_timeline", "src/hooks/use_pace_timeline.rs"],
    ),
];

/// The rows of the first table after `heading` in README.md (cells with their backticks
/// removed; "—" for an empty cell).
fn readme_table(readme: &str, heading: &str) -> Vec<Vec<String>> {
    let start = readme.find(heading).unwrap_or_else(|| panic!("README.md has a `{heading}` heading"));
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and the |---| line
        .map(|l| l.trim_matches('|').split('|').map(|c| c.trim().replace('`', "")).collect())
        .collect()
}

/// The member names of `export interface NAME … { … }` in a `.d.ts` file.
fn ts_interface(dts: &str, name: &str) -> BTreeSet<String> {
    let start = dts.find(&format!("export interface {name} ")).unwrap_or_else(|| panic!("index.d.ts has {name}"));
    let body = &dts[start..];
    let body = &body[body.find('{').expect("an interface body") + 1..];
    let body = &body[..body.find("\n}").expect("the interface ends")];
    body.lines()
        .filter_map(|l| {
            let l = l.trim();
            let name = l.split([':', '?']).next()?.trim().trim_matches('\'');
            (!l.starts_with('/') && !l.starts_with('*') && !name.is_empty()).then(|| name.to_owned())
        })
        .collect()
}

/// Every file under `rel` (a file or a folder), concatenated.
fn read_tree(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if path.is_file() {
        return read(rel);
    }
    let mut out = String::new();
    let mut entries: Vec<_> = fs::read_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).collect();
    entries.sort_by_key(|e| e.as_ref().map(|e| e.path()).ok());
    for e in entries.into_iter().flatten() {
        let p = e.path();
        let rel = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).expect("under the crate").to_string_lossy().into_owned();
        out.push_str(&read_tree(&rel));
    }
    out
}

fn set(items: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    items.into_iter().collect()
}

#[test]
fn readme_lists_exactly_the_attributes_and_options_the_code_reads() {
    let readme = read("README.md");
    let dts = read("js/index.d.ts");
    let js = js_attributes(&read("js/elements.js"));
    let client = read("src/bindings/mount.rs");
    for needle in [r#"opt_string(options, &["token"])"#, r#"non_empty("baseUrl")"#, "opt_headers(options)"] {
        assert!(client.contains(needle), "client_from reads {needle}");
    }
    let common = ts_interface(&dts, "CommonOptions");
    for (element, binding, interface, _) in REFERENCE {
        let rows = readme_table(&readme, &format!("### `<{element}>`"));
        assert!(rows.len() > 3, "{element}: README's table has rows: {rows:?}");
        let attributes = set(rows.iter().map(|r| r[0].clone()).filter(|a| a != "—"));
        let options = set(rows.iter().map(|r| r[1].clone()));
        let observed = &js.iter().find(|(n, _)| n == element).expect("elements.js lists it").1;
        assert_eq!(&attributes, observed, "{element}: README's attributes against elements.js");

        // The JS spellings Rust reads: every key without a `-`, plus the client's options.
        let mut rust = set(rust_keys(&read(binding)).into_iter().filter(|k| !k.contains('-')));
        rust.extend(["baseUrl", "token", "headers"].map(String::from));
        assert_eq!(options, rust, "{element}: README's JS options against what {binding} reads");
        let mut typed = ts_interface(&dts, interface);
        typed.extend(common.iter().cloned());
        assert_eq!(options, typed, "{element}: README's JS options against index.d.ts {interface} + CommonOptions");

        for row in &rows {
            let camel = row[0].split('-').enumerate().fold(String::new(), |mut s, (i, w)| {
                let mut c = w.chars();
                if let (true, Some(f)) = (i > 0, c.next()) {
                    s.push(f.to_ascii_uppercase());
                    s.push_str(c.as_str());
                } else {
                    s.push_str(w);
                }
                s
            });
            if row[0] == "—" {
                assert!(row[2].starts_with("JS only"), "{element}: `{}` has no attribute, so it says JS only", row[1]);
            } else {
                assert_eq!(camel, row[1], "{element}: the JS option is the attribute's camelCase name");
            }
        }
    }
}

#[test]
fn readme_lists_exactly_the_events_and_who_fires_them() {
    let readme = read("README.md");
    let rows = readme_table(&readme, "### Events");
    let listed = set(rows.iter().map(|r| r[0].clone()));
    let typed = ts_interface(&read("js/index.d.ts"), "LmsWidgetEventMap");
    assert_eq!(listed, typed, "README's events against index.d.ts LmsWidgetEventMap");
    let every_element = read("src/bindings/mount.rs");
    for row in rows {
        let (event, fired_by) = (&row[0], &row[1]);
        let quoted = format!("\"{event}\"");
        if fired_by == "every element" {
            assert!(every_element.contains(&quoted), "{event} is dispatched for every element in mount.rs");
            continue;
        }
        let (_, _, _, sources) = REFERENCE
            .iter()
            .find(|(e, ..)| format!("<{e}>") == *fired_by)
            .unwrap_or_else(|| panic!("{event}: `{fired_by}` is an element"));
        let text: String = sources.iter().map(|s| read_tree(s)).collect();
        assert!(text.contains(&quoted), "{event} is fired from {sources:?}");
    }
}

#[test]
fn readme_lists_exactly_the_theme_variables_and_parts() {
    let readme = read("README.md");
    let css = read_tree("src/components");
    let css: String = css.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    // Variables a page can set: those the CSS reads with var(), minus those it sets itself.
    let names = |marker: &str| -> BTreeSet<String> {
        css.match_indices(marker)
            .map(|(i, _)| {
                let rest = &css[i + marker.len() - 2..];
                let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(rest.len());
                rest[..end].to_owned()
            })
            .collect()
    };
    let read_vars = names("var(--");
    let set_vars: BTreeSet<String> =
        css.lines().filter_map(|l| l.trim().strip_prefix("--")?.split(':').next().map(|n| format!("--{n}"))).collect();
    let themeable: BTreeSet<String> = read_vars.difference(&set_vars).cloned().collect();
    let listed = set(readme_table(&readme, "### Theming").into_iter().map(|r| r[0].clone()));
    assert!(!themeable.is_empty());
    assert_eq!(listed, themeable, "README's theming variables against the widgets' CSS");

    let parts = readme_table(&readme, "| Element | Parts |");
    for (element, _, _, sources) in REFERENCE {
        let row = parts.iter().find(|r| r[0] == format!("<{element}>")).unwrap_or_else(|| panic!("parts of {element}"));
        // The names, without the remarks in parentheses.
        let mut names = String::new();
        let mut depth = 0;
        for c in row[1].chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => names.push(c),
                _ => {}
            }
        }
        let listed = set(names.split(',').map(|n| n.trim().to_owned()));
        let text: String = sources.iter().map(|s| read_tree(s)).collect();
        let in_markup = set(text.match_indices("part=\"").flat_map(|(i, _)| {
            let rest = &text[i + 6..];
            rest[..rest.find('"').unwrap_or(0)].split_whitespace().map(str::to_owned).collect::<Vec<_>>()
        }));
        assert_eq!(listed, in_markup, "README's ::part names for {element} against its markup");
    }
}
