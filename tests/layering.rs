//! The crate's structure, checked: no import cycles between files (in this crate and in the
//! simulator), and the pure layers never reach up into the browser layers.
//!
//! Imports are read as text: every `crate::a::b` and `super::x` path in a file is resolved to
//! the longest module file that exists (`src/a/b.rs`, `src/a/b/mod.rs`, else `src/a.rs`…), and
//! a module's `mod.rs` re-exports count as edges only from the files that name them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules that are pure logic (built and tested natively) and the browser layers
/// they must never import.
const PURE: [&str; 5] = ["error", "model", "pace", "poll/policy", "timeline"];
const BROWSER: [&str; 5] = ["hooks", "components", "bindings", "net", "poll/driver"];

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).expect("read src").flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `src/a/b.rs` and `src/a/b/mod.rs` are both `a/b`; `lib.rs`/`main.rs` is "".
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts.join("/")
}

/// Strips `//` comments (doc comments included) so that prose naming a path is not an import.
fn code_of(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn path_segments(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut segs = Vec::new();
        let mut s = rest;
        loop {
            let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
            if end == 0 {
                break;
            }
            segs.push(s[..end].to_owned());
            s = &s[end..];
            if let Some(t) = s.strip_prefix("::") {
                s = t;
            } else {
                break;
            }
        }
        // `crate::x::{a, b}`: each name in the braces is a path too.
        if let Some(inner) = s.strip_prefix('{') {
            let close = inner.find('}').unwrap_or(inner.len());
            for item in inner[..close].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name != "self" {
                    let mut p = segs.clone();
                    p.push(name);
                    out.push(p);
                }
            }
        }
        out.push(segs);
    }
    out
}

/// The file-level import graph of one crate: module → modules it imports.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
    let resolve = |segs: &[String]| -> Option<String> {
        (1..=segs.len()).rev().map(|n| segs[..n].join("/")).find(|m| modules.contains(m))
    };
    let mut g = BTreeMap::new();
    for f in &files {
        let me = module_of(src, f);
        let code = code_of(&fs::read_to_string(f).expect("read file"));
        let mut deps = BTreeSet::new();
        for segs in path_segments(&code, "crate::") {
            deps.extend(resolve(&segs));
        }
        // `super::x` in module `a/b` (file `a/b.rs` or `a/b/mod.rs`) names `a/x`.
        let mut parent: Vec<String> = me.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect();
        parent.pop();
        for segs in path_segments(&code, "super::") {
            let mut full = parent.clone();
            full.extend(segs);
            deps.extend(resolve(&full));
        }
        deps.remove(&me);
        deps.remove("");
        g.insert(me, deps);
    }
    g
}

/// Strongly connected components of more than one module (Tarjan).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T { g, index: BTreeMap::new(), low: BTreeMap::new(), stack: vec![], on: BTreeSet::new(), out: vec![] };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_widget_crate_has_no_import_cycles() {
    let found = cycles(&graph(&root().join("src")));
    assert!(found.is_empty(), "import cycles between files of src/: {found:?}");
}

/// The graph of top-level modules (`model`, `pace`, `net`…): a folder is one node.
fn top_level(g: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split('/').next().unwrap_or(m).to_owned();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, deps) in g {
        let entry = out.entry(top(m)).or_default();
        entry.extend(deps.iter().map(|d| top(d)).filter(|d| *d != top(m)));
    }
    out
}

#[test]
fn the_widget_crate_s_top_level_modules_form_no_cycle() {
    let found = cycles(&top_level(&graph(&root().join("src"))));
    assert!(found.is_empty(), "cycles between the top-level modules of src/: {found:?}");
}

#[test]
fn the_simulator_has_no_import_cycles() {
    let found = cycles(&graph(&root().join("sim/src")));
    assert!(found.is_empty(), "import cycles between files of sim/src/: {found:?}");
}

#[test]
fn pure_layers_never_import_browser_layers() {
    let g = graph(&root().join("src"));
    let under = |m: &str, top: &str| m == top || m.starts_with(&format!("{top}/"));
    let mut bad = Vec::new();
    for (m, deps) in &g {
        if PURE.iter().any(|p| under(m, p)) {
            for d in deps {
                if BROWSER.iter().any(|b| under(d, b)) {
                    bad.push(format!("{m} -> {d}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "pure modules importing browser modules: {bad:?}");
}

#[test]
fn the_checker_sees_a_cycle_and_a_layer_breach() {
    // The checks above pass vacuously if the reader finds no edges: make sure it finds them.
    let g = graph(&root().join("src"));
    assert!(g.values().map(BTreeSet::len).sum::<usize>() > 20, "too few imports found: {g:?}");
    let mut demo = BTreeMap::new();
    demo.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    demo.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    demo.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    demo.insert("d".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(cycles(&demo), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
    let segs = path_segments("use crate::model::{pace::CoursePace, id};\nfoo::crate::x", "crate::");
    assert!(segs.contains(&vec!["model".to_owned(), "pace".to_owned()]), "{segs:?}");
    assert!(segs.contains(&vec!["model".to_owned(), "id".to_owned()]), "{segs:?}");
    assert!(segs.contains(&vec!["model".to_owned()]), "{segs:?}");
    assert_eq!(segs.len(), 3, "`foo::crate::x` is not this crate's path: {segs:?}");
    let folded = top_level(&BTreeMap::from([
        ("a/x".to_owned(), BTreeSet::from(["b/y".to_owned(), "a/z".to_owned()])),
        ("b/y".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]));
    assert_eq!(cycles(&folded), vec![vec!["a".to_owned(), "b".to_owned()]]);
}
