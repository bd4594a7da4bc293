//! The size part of `cargo xtask bench` (also `cargo xtask sizes`): gzip -9 of what a browser
//! downloads for each way of using the package built by `dist`.

use crate::dist::{self, WIDGETS};
use crate::{gzip_size, root, walk, Result};
use std::fs;
use std::path::PathBuf;

/// The Markdown section on sizes; `pkg/` must have been built by `dist::dist()`.
pub fn report() -> Result<String> {
    let r = root();
    if !r.join("pkg/loader.js").exists() {
        return Err("pkg/ is not built: run `cargo xtask dist` first".into());
    }
    let toolchain = fs::read_to_string(r.join("target/dist-toolchain")).unwrap_or_else(|_| "unknown".into());
    let mut out = format!(
        "## Package size (gzip -9)\n\nBuilt by `cargo xtask dist` with {}: release, `opt-level = \"z\"`, LTO, wasm-opt `{}`{}.\n\n",
        toolchain.trim(),
        dist::WASM_OPT_ARGS[..2].join(" "),
        if toolchain.trim() == "nightly" {
            ", std rebuilt for size (`-Zbuild-std`, `optimize_for_size`), `-Cpanic=immediate-abort -Zlocation-detail=none --cfg=erase_components`"
        } else {
            ""
        }
    );
    out.push_str("| what the page loads | files | raw bytes | gzip -9 bytes |\n|---|---|---:|---:|\n");
    let mut row = |name: &str, files: Vec<PathBuf>| -> Result {
        let mut raw = 0;
        let mut gz = 0;
        for f in &files {
            raw += fs::metadata(f).map_err(|e| format!("{}: {e}", f.display()))?.len();
            gz += gzip_size(f)?;
        }
        let listed: Vec<String> =
            files.iter().map(|f| format!("`{}`", f.strip_prefix(&r).unwrap_or(f).display())).collect();
        out.push_str(&format!("| {name} | {} | {raw} | **{gz}** ({:.1} KB) |\n", listed.join(" "), gz as f64 / 1024.0));
        Ok(())
    };
    let pkg = r.join("pkg");
    let with_snippets = |dir: PathBuf, mut files: Vec<PathBuf>| {
        files.extend(walk(&dir.join("snippets")));
        files
    };
    row(
        "main entry: every widget and `planPace` (`lms-widgets`)",
        with_snippets(
            pkg.clone(),
            vec![
                pkg.join("index.js"),
                pkg.join("elements.js"),
                pkg.join("lms_widgets.js"),
                pkg.join("lms_widgets_bg.wasm"),
            ],
        ),
    )?;
    row(
        "the loader alone: a page without a widget (`lms-widgets/loader`)",
        vec![pkg.join("loader.js"), pkg.join("elements.js")],
    )?;
    for w in WIDGETS {
        let dir = pkg.join("widgets").join(w);
        row(
            &format!("loader + `{w}`"),
            with_snippets(
                dir.clone(),
                vec![
                    pkg.join("loader.js"),
                    pkg.join("elements.js"),
                    dir.join("lms_widgets.js"),
                    dir.join("lms_widgets_bg.wasm"),
                ],
            ),
        )?;
    }
    // planPace/compressDates alone: not in the package (the main entry has them), built here.
    let dir = "target/size/pace-js";
    // A fresh folder: a snippet left by an earlier build would be counted as downloaded.
    let _ = std::fs::remove_dir_all(r.join(dir));
    let built = dist::build(dir, &["--no-default-features", "--features", "pace-js"], dist::toolchain())?;
    let dir = r.join(dir);
    row(
        &format!(
            "`planPace`/`compressDates` alone (feature `pace-js`, {})",
            if built == dist::Toolchain::Nightly { "nightly" } else { "stable" }
        ),
        with_snippets(dir.clone(), vec![dir.join("lms_widgets.js"), dir.join("lms_widgets_bg.wasm")]),
    )?;
    out.push_str("\nBudgets: `tests/node/size.test.mjs` (run by `cargo xtask test`; it measures with Node's zlib, whose gzip -9 differs from GNU gzip's by under 1 %).\n\n");
    out.push_str(SETTINGS);
    Ok(out)
}

/// The build settings' effect, measured once by hand on the same code (gzip -9 with GNU gzip;
/// "wasm + JS" is the wasm, the glue and its snippets, plus index.js/elements.js for the
/// main entry and without the loader for a widget).
const SETTINGS: &str = "### What the build settings changed (measured once, 2026-11-30)

| build | before: stable, wasm-opt `-Oz` (wasm + JS) | after: nightly, `-Os --low-memory-unused` (wasm + JS) | wasm alone, nightly, `-Oz` | wasm alone, nightly, `-Os --low-memory-unused` |
|---|---:|---:|---:|---:|
| every widget + `planPace` | 350121 | 306055 (−12.6 %) | 292005 | 288303 |
| `progress-bar` | 181529 | 163434 (−10.0 %) | 153647 | 151727 |
| `report-card` | 204823 | 185026 (−9.7 %) | 174510 | 172797 |
| `pace-timeline` | 292980 | 252166 (−13.9 %) | 243321 | 240212 |
| `pace-js` | 74243 | 59192 (−20.3 %) | 50605 | 50212 |

Before: BENCHMARKS.md of the previous round. Nightly: std rebuilt with `optimize_for_size`,
`-Cpanic=immediate-abort -Zlocation-detail=none --cfg=erase_components` (wasm32 only).
`-Os --low-memory-unused` beats `-Oz` by 0.8–1.3 % on every build. Not used: `-Zfmt-debug=none`
(it changes behaviour: `{:?}` quotes values in error messages and builds the progress
model's movement key). Every widget build also downloads the 2 KB `js/elements.js` snippet
that Rust's `defineElements` imports, unused by the loader.

";
