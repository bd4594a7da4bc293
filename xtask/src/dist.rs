//! `cargo xtask dist`: the npm package in `pkg/`.
//!
//! wasm-pack builds the wasm and its glue; this module picks the toolchain and size settings,
//! runs wasm-opt from the npm binaryen, and turns wasm-pack's output into the package its
//! README describes: the hand-written entry (`index.js`, lazy custom elements, no top-level
//! await), typed `index.d.ts`, an `exports` map, `sideEffects: false`, and a README with an
//! example per widget.

use crate::{output, root, run, say, tool, Result};
use serde_json::{json, Value};

use std::fs;
use std::path::Path;
use std::process::Command;

/// The toolchain a release build uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toolchain {
    /// The machine's nightly with `rust-src` and the wasm32 target: std rebuilt for size.
    Nightly,
    /// Stable, when nightly (or its `rust-src` or wasm32 target) is not installed.
    Stable,
}

/// Flags for wasm32 only (not build scripts or proc macros): panics abort without formatting
/// a message, panic locations carry no file names, and Leptos erases component types.
/// Not `-Zfmt-debug=none`: it changes behaviour (`{:?}` quotes values in error messages and
/// builds the progress model's movement key).
const NIGHTLY_WASM_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --cfg=erase_components";
/// Cargo flags for nightly: std and its panic runtime rebuilt with size-optimised features.
const NIGHTLY_CARGO_ARGS: [&str; 2] = ["-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"];

/// wasm-opt's settings: `-Os --low-memory-unused` measured smaller than `-Oz` (BENCHMARKS.md).
pub const WASM_OPT_ARGS: [&str; 9] = [
    "-Os",
    "--low-memory-unused",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-sign-ext",
    "--strip-debug",
    "--strip-producers",
];

/// Nightly when it is installed with what a std-rebuilding wasm32 build needs; otherwise
/// stable, saying so. `LMS_STABLE=1` forces stable.
pub fn toolchain() -> Toolchain {
    if std::env::var_os("LMS_STABLE").is_some() {
        say("LMS_STABLE is set: building with stable (a larger package)");
        return Toolchain::Stable;
    }
    let components =
        output(Command::new("rustup").args(["component", "list", "--installed", "--toolchain", "nightly"]));
    let Some(components) = components else {
        say("notice: no nightly toolchain, so the package is built with stable and is larger (`rustup toolchain install nightly --component rust-src --target wasm32-unknown-unknown` makes it smaller)");
        return Toolchain::Stable;
    };
    let has = |c: &str| components.lines().any(|l| l.trim().starts_with(c));
    if !has("rust-src") || !has("rust-std-wasm32-unknown-unknown") {
        say("notice: nightly lacks rust-src or the wasm32 target, so the package is built with stable and is larger (`rustup component add rust-src --toolchain nightly && rustup target add wasm32-unknown-unknown --toolchain nightly` makes it smaller)");
        return Toolchain::Stable;
    }
    Toolchain::Nightly
}

/// Adds nightly's `rust-src` and wasm32 target when nightly is installed without them; a
/// failure only means a larger package, so it is a notice, not an error.
pub fn setup_nightly() {
    let Some(components) =
        output(Command::new("rustup").args(["component", "list", "--installed", "--toolchain", "nightly"]))
    else {
        return; // no nightly: `toolchain()` says what that means
    };
    let has = |c: &str| components.lines().any(|l| l.trim().starts_with(c));
    let steps: [(&str, &[&str]); 2] = [
        ("rust-src", &["component", "add", "rust-src", "--toolchain", "nightly"]),
        ("rust-std-wasm32-unknown-unknown", &["target", "add", "wasm32-unknown-unknown", "--toolchain", "nightly"]),
    ];
    for (component, args) in steps {
        if has(component) {
            continue;
        }
        if let Err(e) = crate::retry(component, || run(Command::new("rustup").args(args))) {
            say(&format!("notice: {e}; the package will be built with stable (larger)"));
        }
    }
}

/// Builds the npm package into `pkg/`.
pub fn dist() -> Result {
    let r = root();
    let pkg = r.join("pkg");
    if pkg.exists() {
        fs::remove_dir_all(&pkg).map_err(|e| format!("{}: {e}", pkg.display()))?;
    }
    let toolchain = toolchain();
    let mut built_with = vec![build("pkg", &[], toolchain)?];
    // One build per widget for the loader (`lms-widgets/loader`), which fetches a widget's
    // code only when its first element connects.
    for feature in WIDGETS {
        let out = format!("pkg/widgets/{feature}");
        built_with.push(build(&out, &["--no-default-features", "--features", feature], toolchain)?);
        prune_widget(&r.join(&out))?;
    }
    let all_nightly = built_with.iter().all(|t| *t == Toolchain::Nightly);
    let name = if all_nightly { "nightly" } else { "stable" };
    say(&format!("built pkg/ with {name}"));
    // The size-budget test reads this: its budgets are for the nightly build.
    fs::create_dir_all(r.join("target")).map_err(|e| format!("target: {e}"))?;
    fs::write(r.join("target/dist-toolchain"), name).map_err(|e| format!("target/dist-toolchain: {e}"))?;
    finish(&pkg)
}

/// The per-widget builds, by Cargo feature (pkg/widgets/<feature>/).
pub const WIDGETS: [&str; 3] = ["progress-bar", "report-card", "pace-timeline"];

/// A widget build keeps only what the browser loads: the glue, its snippets and the wasm.
fn prune_widget(dir: &Path) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let keep = name == "lms_widgets.js" || name == "lms_widgets_bg.wasm" || name == "snippets";
        if !keep {
            let p = entry.path();
            let removed = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
            removed.map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// `wasm-pack build --target web --release` into `out_dir` (relative to the root) with these
/// extra cargo arguments (e.g. a feature set), then wasm-opt. A nightly build that fails
/// (nightly's unstable flags change) is redone with stable, saying so. Returns the toolchain
/// that built it.
pub fn build(out_dir: &str, cargo_args: &[&str], toolchain: Toolchain) -> Result<Toolchain> {
    let r = root();
    let built = match toolchain {
        Toolchain::Nightly => match wasm_pack(out_dir, cargo_args, true) {
            Ok(()) => Toolchain::Nightly,
            Err(e) => {
                say(&format!("notice: the nightly build failed ({e}); building with stable instead (larger)"));
                wasm_pack(out_dir, cargo_args, false)?;
                Toolchain::Stable
            }
        },
        Toolchain::Stable => {
            wasm_pack(out_dir, cargo_args, false)?;
            Toolchain::Stable
        }
    };
    let glue = r.join(out_dir).join("lms_widgets.js");
    let text = fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    fs::write(&glue, trusted_html(&drop_stream_classes(&text)?)?).map_err(|e| format!("{}: {e}", glue.display()))?;
    let types = r.join(out_dir).join("lms_widgets.d.ts");
    if let Ok(text) = fs::read_to_string(&types) {
        fs::write(&types, drop_stream_classes(&text)?).map_err(|e| format!("{}: {e}", types.display()))?;
    }
    let wasm = r.join(out_dir).join("lms_widgets_bg.wasm");
    run(Command::new(r.join("node_modules/.bin/wasm-opt"))
        .args(REMOVE_STREAM_EXPORTS)
        .args(WASM_OPT_ARGS)
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm))?;
    Ok(built)
}

/// The classes wasm-streams exports to JS. Leptos always depends on server_fn with its
/// `browser` feature, which brings wasm-streams, and rustc exports every `#[wasm_bindgen]`
/// item of every linked crate: every build carried these three stream adapters and the wasm
/// behind them, which nothing here calls (there are no server functions). Measured on the
/// nightly progress-bar build: 1,851 B gzip of wasm, plus their glue.
const STREAM_CLASSES: [&str; 3] = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// wasm-opt passes, run before `WASM_OPT_ARGS`, that remove the wasm exports of
/// [`STREAM_CLASSES`] (`intounderlyingsink_write`, `__wbg_intounderlyingsource_free`, …), so
/// that the optimiser drops the code only they reach.
const REMOVE_STREAM_EXPORTS: [&str; 2] = ["--remove-exports", "--pass-arg=remove-exports@*intounderlying*"];

/// The glue (or its `.d.ts`) without [`STREAM_CLASSES`]: each `export class` block, its
/// `Symbol.dispose` line and its `FinalizationRegistry`, and the `.d.ts` members naming their
/// exports. A text that still mentions them afterwards is an error (a wasm-bindgen that writes
/// them differently must not leave JS calling wasm exports that are gone); one without them
/// is left alone.
pub fn drop_stream_classes(text: &str) -> Result<String> {
    let mut out = text.to_owned();
    for name in STREAM_CLASSES {
        if let Some(start) = out.find(&format!("export class {name} {{\n")) {
            let end = out[start..].find("\n}\n").map(|e| start + e + 3);
            let end = end.ok_or_else(|| format!("the glue's class {name} does not end with a line `}}`"))?;
            out.replace_range(start..end, "");
        }
        out = out.replacen(
            &format!("if (Symbol.dispose) {name}.prototype[Symbol.dispose] = {name}.prototype.free;\n"),
            "",
            1,
        );
        if let Some(start) = out.find(&format!("const {name}Finalization = ")) {
            let end = out[start..].find(");\n").map(|e| start + e + 3);
            out.replace_range(
                start..end.ok_or_else(|| format!("the glue's {name}Finalization does not end with `);`"))?,
                "",
            );
        }
    }
    let out: String = out
        .split_inclusive('\n')
        .filter(|l| !(l.trim_start().starts_with("readonly ") && l.contains("intounderlying")))
        .collect();
    if out.to_lowercase().contains("intounderlying") {
        return Err("the wasm-bindgen glue still mentions the wasm-streams classes after removing them: update xtask/src/dist.rs `drop_stream_classes`".into());
    }
    Ok(out)
}

/// The one `innerHTML` sink in wasm-bindgen's glue, as wasm-bindgen 0.2.130 writes it for
/// web-sys `Element::set_inner_html`.
const INNER_HTML_SINK: &str = "arg0.innerHTML = getStringFromWasm0(arg1, arg2);";

/// The glue with its `innerHTML` sink passed through a Trusted Types policy of our own.
///
/// Leptos's `view!` builds the fully static parts of a view (`<dt>"Start date"</dt>`) from
/// compile-time HTML strings assigned to a `<template>`'s `innerHTML` (tachys
/// `create_element_from_html`); a page that requires Trusted Types blocks that string sink
/// and the widgets stop. The policy is named `lms-widgets` (a page with a `trusted-types`
/// allow-list adds that name, and `'allow-duplicates'` when the loader brings more than one
/// widget build), lives in the module's scope so no page script can reach it, and is only
/// used here: nothing in our code sets `innerHTML` (`src/` has no `inner_html`), so what
/// passes through it is the HTML that `view!` wrote at compile time. Without Trusted Types
/// (or without `window.trustedTypes`) the string goes through as before. A glue that no
/// longer has exactly the sink above is an error, so a wasm-bindgen upgrade cannot quietly
/// drop the patch.
pub fn trusted_html(glue: &str) -> Result<String> {
    let sinks = glue.matches(".innerHTML").count();
    match (sinks, glue.matches(INNER_HTML_SINK).count()) {
        (0, _) => Ok(glue.to_owned()),
        (1, 1) => Ok(glue.replacen(INNER_HTML_SINK, "arg0.innerHTML = lmsTrustedHtml(getStringFromWasm0(arg1, arg2));", 1)
            + TRUSTED_HTML_JS),
        _ => Err(format!(
            "the wasm-bindgen glue has {sinks} innerHTML sink(s), not the one `{INNER_HTML_SINK}` that the Trusted Types policy wraps: update xtask/src/dist.rs `trusted_html`"
        )),
    }
}

/// Appended to a glue by `trusted_html` (function declarations are hoisted).
const TRUSTED_HTML_JS: &str = r#"
// Added by `cargo xtask dist` (xtask/src/dist.rs `trusted_html`): Leptos's compile-time
// templates pass through a Trusted Types policy of this module's own.
let lmsTrustedHtmlPolicy;
function lmsTrustedHtml(html) {
    if (typeof trustedTypes === 'undefined' || typeof trustedTypes.createPolicy !== 'function') return html;
    if (lmsTrustedHtmlPolicy === undefined) {
        try {
            lmsTrustedHtmlPolicy = trustedTypes.createPolicy('lms-widgets', { createHTML: (s) => s });
        } catch (e) {
            lmsTrustedHtmlPolicy = null;
            console.error("lms-widgets: this page's Content-Security-Policy does not allow the Trusted Types policy 'lms-widgets', so the widgets cannot build their markup. Add lms-widgets to its trusted-types directive (with 'allow-duplicates' when the loader brings more than one widget).", e);
        }
    }
    return lmsTrustedHtmlPolicy ? lmsTrustedHtmlPolicy.createHTML(html) : html;
}
"#;

fn wasm_pack(out_dir: &str, cargo_args: &[&str], nightly: bool) -> Result {
    let r = root();
    let mut cmd = Command::new(tool("wasm-pack"));
    // The crate path is explicit: wasm-pack would take a first extra argument that starts with
    // a single dash (`-Zbuild-std…`) for it.
    cmd.args(["build", "--target", "web", "--release", "--out-dir", out_dir, "."]).current_dir(&r);
    let mut cargo: Vec<&str> = cargo_args.to_vec();
    if nightly {
        // Its own target directory: the tests' stable builds and this one would otherwise
        // invalidate each other's caches on every switch.
        cmd.env("RUSTUP_TOOLCHAIN", "nightly")
            .env("CARGO_TARGET_DIR", r.join("target/nightly"))
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", NIGHTLY_WASM_RUSTFLAGS);
        cargo.extend(NIGHTLY_CARGO_ARGS);
    }
    if !cargo.is_empty() {
        cmd.arg("--").args(&cargo);
    }
    run(&mut cmd)
}

/// The files the package adds to wasm-pack's output, from `js/`.
const ENTRY_FILES: [&str; 9] = [
    "index.js",
    "index.d.ts",
    "loader.js",
    "loader.d.ts",
    "elements.js",
    "theme.d.ts",
    "lti.js",
    "lti.d.ts",
    "README.md",
];

/// Turns wasm-pack's output in `pkg` into the package: entry files, package.json.
fn finish(pkg: &Path) -> Result {
    let js = root().join("js");
    for f in ENTRY_FILES {
        fs::copy(js.join(f), pkg.join(f)).map_err(|e| format!("js/{f} -> {}: {e}", pkg.display()))?;
    }
    // The Canvas Theme-Editor files (theme-stub.js, theme.js, theme-single.js), bundled by
    // esbuild from js/ and the builds above.
    run(Command::new("node").arg(root().join("xtask/theme-bundle.mjs")))?;
    let path = pkg.join("package.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let generated: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let files = package_files(pkg)?;
    fs::write(&path, package_json(&generated, &files)).map_err(|e| format!("{}: {e}", path.display()))
}

/// What the package publishes: everything in it but npm's own files and wasm-pack's `.gitignore`.
fn package_files(pkg: &Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = fs::read_dir(pkg)
        .map_err(|e| format!("{}: {e}", pkg.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != "package.json")
        .collect();
    files.sort();
    Ok(files)
}

/// The exports map: the entry, the per-widget loader, the Canvas Theme-Editor bundle and its
/// two classic scripts (the stub and the single-file drop-in, to copy rather than import),
/// the LTI helper, the wasm (for Node's `initSync`).
const EXPORTS: &str = r#"{
  ".": { "types": "./index.d.ts", "default": "./index.js" },
  "./loader": { "types": "./loader.d.ts", "default": "./loader.js" },
  "./theme": { "types": "./theme.d.ts", "default": "./theme.js" },
  "./theme-stub.js": "./theme-stub.js",
  "./theme-single.js": "./theme-single.js",
  "./lti": { "types": "./lti.d.ts", "default": "./lti.js" },
  "./lms_widgets_bg.wasm": "./lms_widgets_bg.wasm",
  "./package.json": "./package.json"
}"#;

/// package.json from wasm-pack's (name, version, description, licence, repository, keywords)
/// with the entry, types, exports map and side effects of the package as shipped.
pub fn package_json(generated: &Value, files: &[String]) -> String {
    let field = |k: &str| generated.get(k).cloned().unwrap_or(Value::Null);
    let fields: Vec<(&str, Value)> = vec![
        ("name", field("name")),
        ("version", field("version")),
        ("description", field("description")),
        ("license", field("license")),
        ("repository", field("repository")),
        ("keywords", field("keywords")),
        ("type", json!("module")),
        ("main", json!("./index.js")),
        ("module", json!("./index.js")),
        ("types", json!("./index.d.ts")),
        // Written as text: condition order matters ("types" first) and serde_json sorts keys.
        ("exports", Value::String(EXPORTS.into())),
        // Importing any file defines nothing and touches no DOM: `defineElements()` does.
        ("sideEffects", json!(false)),
        ("files", json!(files)),
    ];
    let mut out = String::from("{\n");
    let kept: Vec<_> = fields.into_iter().filter(|(_, v)| !v.is_null()).collect();
    for (i, (k, v)) in kept.iter().enumerate() {
        let value = match (*k, v) {
            ("exports", Value::String(text)) => text.trim().replace('\n', "\n  "),
            _ => serde_json::to_string_pretty(v).unwrap_or_default().replace('\n', "\n  "),
        };
        out.push_str(&format!("  {}: {value}{}\n", json!(k), if i + 1 < kept.len() { "," } else { "" }));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As wasm-bindgen 0.2.130 writes a stream class (shortened) around our own code.
    const STREAM_GLUE: &str = "import * as import1 from \"./snippets/x/js/elements.js\"\n\n\nexport class IntoUnderlyingSink {\n    __destroy_into_raw() {\n        IntoUnderlyingSinkFinalization.unregister(this);\n    }\n    write(chunk) {\n        const ret = wasm.intounderlyingsink_write(this.__wbg_ptr, chunk);\n        return ret;\n    }\n}\nif (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\n\nexport class WidgetHandle {\n    set(name, value) {\n        wasm.widgethandle_set(this.__wbg_ptr, name, value);\n    }\n}\nconst IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr >>> 0, 1));\nconst WidgetHandleFinalization = 1;\n";

    #[test]
    fn drop_stream_classes_removes_the_class_its_dispose_and_its_registry() {
        let out = drop_stream_classes(STREAM_GLUE).unwrap();
        assert!(!out.to_lowercase().contains("intounderlying"), "{out}");
        assert!(out.starts_with("import * as import1"), "{out}");
        assert!(out.contains("export class WidgetHandle {\n    set(name, value) {\n        wasm.widgethandle_set(this.__wbg_ptr, name, value);\n    }\n}\n"));
        assert!(out.ends_with("const WidgetHandleFinalization = 1;\n"), "{out}");
    }

    #[test]
    fn drop_stream_classes_cleans_the_types_and_leaves_other_text_alone() {
        let types = "export class IntoUnderlyingSink {\n  private constructor();\n  write(chunk: any): Promise<any>;\n}\nexport interface InitOutput {\n    readonly __wbg_intounderlyingsink_free: (a: number, b: number) => void;\n    readonly intounderlyingsink_write: (a: number, b: any) => any;\n    readonly widgethandle_set: (a: number) => void;\n}\n";
        assert_eq!(
            drop_stream_classes(types).unwrap(),
            "export interface InitOutput {\n    readonly widgethandle_set: (a: number) => void;\n}\n"
        );
        assert_eq!(drop_stream_classes("export function f() {}\n").unwrap(), "export function f() {}\n");
    }

    #[test]
    fn drop_stream_classes_refuses_a_glue_it_cannot_clean() {
        let err = drop_stream_classes("const f = () => wasm.intounderlyingsource_pull(1);\n").unwrap_err();
        assert!(err.contains("drop_stream_classes"), "{err}");
    }

    #[test]
    fn trusted_html_wraps_the_one_inner_html_sink() {
        let glue = "x = {\n        __wbg_set_innerHTML_a9: function(arg0, arg1, arg2) {\n            arg0.innerHTML = getStringFromWasm0(arg1, arg2);\n        },\n};\n";
        let out = trusted_html(glue).unwrap();
        assert!(out.contains("arg0.innerHTML = lmsTrustedHtml(getStringFromWasm0(arg1, arg2));"));
        assert_eq!(out.matches(".innerHTML =").count(), 1, "{out}");
        assert!(out.contains("trustedTypes.createPolicy('lms-widgets'"));
        assert!(out.ends_with(TRUSTED_HTML_JS));
    }

    #[test]
    fn trusted_html_leaves_a_glue_without_the_sink_alone() {
        assert_eq!(trusted_html("export function f() {}\n").unwrap(), "export function f() {}\n");
    }

    #[test]
    fn trusted_html_refuses_a_sink_it_does_not_know() {
        let err = trusted_html("arg0.innerHTML = v0;").unwrap_err();
        assert!(err.contains("1 innerHTML sink(s)"), "{err}");
        let two = format!("{INNER_HTML_SINK}\n{INNER_HTML_SINK}");
        assert!(trusted_html(&two).unwrap_err().contains("2 innerHTML sink(s)"));
    }

    #[test]
    fn package_json_keeps_wasm_packs_metadata_and_adds_the_entry() {
        let generated = json!({
            "name": "lms-widgets", "type": "module", "version": "0.1.0", "license": "MIT OR Apache-2.0",
            "files": ["lms_widgets_bg.wasm"], "main": "lms_widgets.js", "types": "lms_widgets.d.ts",
            "sideEffects": ["./snippets/*"], "keywords": ["canvas"]
        });
        let text = package_json(&generated, &["index.js".into(), "lms_widgets.js".into()]);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["name"], "lms-widgets");
        assert_eq!(v["version"], "0.1.0");
        assert_eq!(v["keywords"], json!(["canvas"]));
        assert_eq!(v["main"], "./index.js");
        assert_eq!(v["types"], "./index.d.ts");
        assert_eq!(v["exports"]["."]["default"], "./index.js");
        assert_eq!(v["exports"]["./loader"]["types"], "./loader.d.ts");
        assert_eq!(v["exports"]["./theme"]["default"], "./theme.js");
        assert_eq!(v["exports"]["./theme-single.js"], "./theme-single.js");
        assert_eq!(v["exports"]["./lti"]["default"], "./lti.js");
        let dot = text.find(r#"".": { "types""#).expect("types is the first condition");
        assert!(dot < text.find(r#""default": "./index.js""#).unwrap());
        assert_eq!(v["sideEffects"], false);
        assert_eq!(v["files"], json!(["index.js", "lms_widgets.js"]));
        assert!(v.get("description").is_none(), "absent fields are left out, not null");
        assert!(text.starts_with("{\n  \"name\": \"lms-widgets\",\n"), "{text}");
    }
}
