//! `cargo xtask demo|test|bench|dist`: the project's only entry points. Each installs what
//! it needs when missing (printing what it does) and skips what is already there.

use std::env;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};

mod dist;
mod sizes;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    // Tools that `cargo install` puts in $CARGO_HOME/bin must be found by wasm-pack too.
    if let Some(bin) = tool("wasm-pack").parent().filter(|p| p.is_dir()) {
        let path = env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin.to_path_buf()];
        dirs.extend(env::split_paths(&path));
        if let Ok(joined) = env::join_paths(dirs) {
            env::set_var("PATH", joined);
        }
    }
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        Some("bench") => bench(),
        Some("dist") => setup(false).and_then(|_| dist::dist()),
        Some("cold") => cold(&args[1..]),
        Some("sizes") => setup(false).and_then(|_| sizes::report()).map(|r| println!("{r}")),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  demo [--port N] [--canvas-url URL --token TOKEN]   build and serve the demo (simulator by default; the LTI host page on --host-port N, default the next port)\n  test                                                run every test (native, Node, browser, end-to-end)\n  bench                                               measure sizes and polling, write BENCHMARKS.md\n  dist                                                build the optimised npm package into pkg/\n  sizes                                               print the sizes of pkg/ as built by dist (the size part of bench)\n  cold [test|demo]                                    rehearse a fresh machine: clone HEAD into a temporary folder and run the command there with an empty CARGO_HOME and npm cache, timed"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

pub(crate) fn say(msg: &str) {
    eprintln!("xtask: {msg}");
}

pub(crate) fn run(cmd: &mut Command) -> Result {
    say(&format!("$ {}", render(cmd)));
    let status = cmd.current_dir_if_unset().status().map_err(|e| format!("{}: {e}", render(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", render(cmd)))
    }
}

pub(crate) fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn render(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

trait InRoot {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}
impl InRoot for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}

// ---------------------------------------------------------------- set-up

/// Installs what is missing: the wasm32 target, wasm-bindgen-cli pinned to Cargo.lock,
/// wasm-pack, npm packages (wasm-opt, playwright-core) and, for tests, Chromium.
///
/// Every step that talks to a registry has a fallback that a registry hiccup cannot break
/// (a lock file naming a version the registry no longer serves, a flaky download), and says
/// so; when it really cannot go on, the error says what to run by hand.
fn setup(browser: bool) -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        retry("the wasm32 target", || run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])))
            .map_err(|e| format!("{e}\n  could not add the wasm32 target: run `rustup target add wasm32-unknown-unknown` and try again"))?;
    }
    let want = locked_version("wasm-bindgen")?;
    let have = output(Command::new(tool("wasm-bindgen")).arg("--version")).unwrap_or_default();
    if !have.split_whitespace().any(|w| w == want) {
        say(&format!("installing wasm-bindgen-cli {want} (Cargo.lock's wasm-bindgen; found {:?})", have.trim()));
        cargo_install("wasm-bindgen-cli", Some(&want))?;
    }
    if output(Command::new(tool("wasm-pack")).arg("--version")).is_none() {
        say("installing wasm-pack");
        cargo_install("wasm-pack", None)?;
    }
    if output(Command::new("node").arg("--version")).is_none() || output(Command::new("npm").arg("--version")).is_none()
    {
        return Err("Node.js 20+ and npm are required (e.g. `apt-get install -y nodejs npm`)".into());
    }
    let r = root();
    let npm_tools = [
        "node_modules/.bin/wasm-opt",
        "node_modules/playwright-core",
        "node_modules/axe-core",
        // The Theme-Editor bundles and the first-paint benchmark's anchor pages.
        "node_modules/esbuild",
        "node_modules/react-dom",
        "node_modules/@instructure/ui-progress",
    ];
    if npm_tools.iter().any(|t| !r.join(t).exists()) {
        let ci = run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]));
        if let Err(e) = ci {
            say(&format!("{e}; trying `npm install` (it may update package-lock.json)"));
            retry("the npm dev tools", || run(Command::new("npm").args(["install", "--no-audit", "--no-fund"])))
                .map_err(|e| {
                    format!(
                        "{e}\n  could not install the npm dev tools: run `npm install` in {} and try again",
                        r.display()
                    )
                })?;
        }
    }
    // The package is smaller when built with nightly; without it, it is built with stable.
    dist::setup_nightly();
    if browser {
        ensure_chromium()?;
    }
    Ok(())
}

/// `cargo install` of a pinned tool: with `--locked` first (the tool's own tested lock),
/// then, when that fails (its lock can name a dependency version the registry no longer
/// serves), without it, so cargo resolves the same pinned tool version against what the
/// registry has today.
fn cargo_install(krate: &str, version: Option<&str>) -> Result {
    let mut args = vec!["install", krate];
    if let Some(v) = version {
        args.extend(["--version", v]);
    }
    let locked = run(Command::new("cargo").args(&args).arg("--locked"));
    let Err(e) = locked else { return Ok(()) };
    say(&format!("{e}\nxtask: retrying without --locked: same {krate} version, dependencies resolved afresh"));
    retry(krate, || run(Command::new("cargo").args(&args))).map_err(|e| {
        format!("{e}\n  could not install {krate}: check that this machine reaches the crate registry, then run `cargo {}` and try again", args.join(" "))
    })
}

/// Runs a step up to three times, for downloads that fail once and work the next time.
pub(crate) fn retry(what: &str, mut step: impl FnMut() -> Result) -> Result {
    let mut last = Ok(());
    for attempt in 1..=3 {
        last = step();
        if last.is_ok() {
            return last;
        }
        if attempt < 3 {
            say(&format!("installing {what} failed (attempt {attempt} of 3); trying again in {} s", attempt * 5));
            std::thread::sleep(std::time::Duration::from_secs(5 * attempt));
        }
    }
    last
}

/// The path of a cargo-installed tool: `$CARGO_HOME/bin/NAME` when it is there (so a cold
/// rehearsal with an empty `CARGO_HOME` sees only what it installed), else NAME on `PATH`.
pub(crate) fn tool(name: &str) -> PathBuf {
    match cargo_home().map(|h| h.join("bin").join(name)) {
        Some(p) if p.exists() || env::var_os("LMS_COLD").is_some() => p,
        _ => PathBuf::from(name),
    }
}

fn cargo_home() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
}

// ---------------------------------------------------------------- cold rehearsal

/// Rehearses the README's command on a fresh machine without wiping this one: a clone of
/// HEAD in a temporary folder (no `target/`, no `node_modules/`, no `pkg/`), an empty
/// `CARGO_HOME` (so every crate and cargo-installed tool is downloaded and built again) and
/// an empty npm cache. What it cannot empty is machine-wide: the rustup toolchain and its
/// wasm32 target, and Chromium from apt (both are installed by the same code path when
/// missing). Prints the wall-clock time of the command.
fn cold(args: &[String]) -> Result {
    let what = args.first().map(String::as_str).unwrap_or("test");
    if what != "test" && what != "demo" {
        return Err(format!("cold takes `test` or `demo`, not {what:?}"));
    }
    let tmp = env::temp_dir().join(format!("lms-widgets-cold-{}", std::process::id()));
    let repo = tmp.join("repo");
    fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    run(Command::new("git").args(["clone", "--quiet"]).arg(root()).arg(&repo))?;
    // rustup's cargo proxy needs the toolchain's own files, which live in RUSTUP_HOME, not in CARGO_HOME.
    let mut cmd = Command::new("cargo");
    cmd.args(["xtask", what])
        .current_dir(&repo)
        .env("CARGO_HOME", tmp.join("cargo-home"))
        .env("LMS_COLD", "1")
        .env("npm_config_cache", tmp.join("npm-cache"))
        .env_remove("CARGO_TARGET_DIR");
    if what == "demo" {
        cmd.args(["--port", &free_port()?.to_string()]);
    }
    say(&format!("cold rehearsal of `cargo xtask {what}` in {}", repo.display()));
    let started = std::time::Instant::now();
    let result = if what == "test" {
        run(&mut cmd)
    } else {
        let port: u16 = cmd.get_args().last().and_then(|p| p.to_str()?.parse().ok()).ok_or("no port")?;
        // Its own process group, so that stopping it stops the server that cargo started.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn().map_err(|e| format!("cargo xtask demo: {e}"))?;
        let up = wait_for(port, &mut child, 3600);
        let _ = Command::new("kill").args(["--", &format!("-{}", child.id())]).status();
        let _ = child.wait();
        up
    };
    let secs = started.elapsed().as_secs();
    say(&format!(
        "cold `cargo xtask {what}`: {} after {}m{:02}s{}",
        if result.is_ok() { "OK" } else { "FAILED" },
        secs / 60,
        secs % 60,
        if what == "demo" { " (until the demo server answered)" } else { "" }
    ));
    if result.is_ok() {
        let _ = fs::remove_dir_all(&tmp);
    } else {
        say(&format!("left {} for a look", tmp.display()));
    }
    result
}

fn ensure_chromium() -> Result {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    let uid = output(Command::new("id").arg("-u")).unwrap_or_default();
    if uid.trim() != "0" {
        return Err("Chromium and chromedriver are needed for browser tests: run `sudo apt-get install -y chromium chromium-driver` (or the equivalent for your system) and try again".into());
    }
    say("installing Chromium and chromedriver with apt-get");
    retry("Chromium", || {
        run(Command::new("apt-get").arg("update").arg("-qq"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
    })
    .map_err(|e| format!("{e}\n  could not install Chromium: run `apt-get update && apt-get install -y chromium chromium-driver` and try again"))
}

fn locked_version(name: &str) -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == format!("name = \"{name}\"") {
            if let Some(v) = lines.next().and_then(|v| v.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{name} is not in Cargo.lock"))
}

// ---------------------------------------------------------------- build

/// The widget features, each of which builds alone (`--no-default-features --features F`).
const FEATURES: [&str; 4] = ["progress-bar", "report-card", "pace-timeline", "pace-js"];

// ---------------------------------------------------------------- demo

fn demo(args: &[String]) -> Result {
    setup(false)?;
    dist::dist()?;
    let mut sim = vec![
        "run".to_owned(),
        "--profile".into(),
        "sim".into(),
        "--quiet".into(),
        "-p".into(),
        "lms-sim".into(),
        "--".into(),
    ];
    let mut port = "8787".to_owned();
    let mut host_port = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = it.next().cloned().ok_or("--port needs a number")?,
            "--host-port" => host_port = Some(it.next().cloned().ok_or("--host-port needs a number")?),
            "--canvas-url" | "--token" => {
                sim.push(a.clone());
                sim.push(it.next().cloned().ok_or(format!("{a} needs a value"))?);
            }
            other => return Err(format!("unknown demo option {other}")),
        }
    }
    // The LTI host page's own origin: the next port unless given.
    let host_port = match host_port {
        Some(p) => p,
        None => port.parse::<u16>().ok().and_then(|p| p.checked_add(1)).ok_or("--port needs a number")?.to_string(),
    };
    sim.extend([
        "--addr".into(),
        format!("127.0.0.1:{port}"),
        "--host-addr".into(),
        format!("127.0.0.1:{host_port}"),
        "--www".into(),
        "www".into(),
        "--pkg".into(),
        "pkg".into(),
    ]);
    run(Command::new("cargo").args(&sim))
}

// ---------------------------------------------------------------- test

fn test() -> Result {
    setup(true)?;
    let r = root();
    // 1. Native: pure logic, simulator, doctests; and every widget feature builds alone.
    run(Command::new("cargo").args(["test", "--workspace"]))?;
    for f in FEATURES {
        run(Command::new("cargo").args([
            "check",
            "--quiet",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--no-default-features",
            "--features",
            f,
        ]))?;
    }
    // 2. The release package, then its pure functions in Node (no DOM).
    dist::dist()?;
    if r.join("tests/node").is_dir() {
        run(Command::new("node").args(["--test", "tests/node/"]))?;
    }
    // 3. Components in headless Chromium (wasm-bindgen-test).
    run(Command::new(tool("wasm-pack"))
        .args(["test", "--headless", "--chrome"])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    // 4. End-to-end: the demo server + simulator + headless Chromium.
    let (server, port) = start_sim()?;
    let status = Command::new("node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .env("LMS_DEMO_URL", format!("http://127.0.0.1:{port}/"))
        .env("LMS_LTI_HOST_URL", format!("http://127.0.0.1:{}/", server.1))
        .current_dir(&r)
        .status()
        .map_err(|e| format!("node: {e}"))?;
    drop(server);
    if !status.success() {
        return Err("end-to-end tests failed".into());
    }
    // 5. The packed package as users install it: Vite and webpack 5 production builds and a
    //    plain module page, each against its own simulator (the tests start them).
    run(Command::new("node").args(["--test", "--test-concurrency=1", "tests/consumers/"]))?;
    Ok(())
}

/// Builds the simulator (debug: `cargo test --workspace` has built it already) and starts it on a free port, ready for requests; it stops
/// when the returned server is dropped.
fn start_sim() -> Result<(Server, u16)> {
    run(Command::new("cargo").args(["build", "--quiet", "-p", "lms-sim"]))?;
    let (port, host_port) = (free_port()?, free_port()?);
    let mut server = Server(spawn_sim(port, host_port)?, host_port);
    wait_for_port(port, &mut server.0)?;
    Ok((server, port))
}

/// A running simulator and the port of its LTI host page.
struct Server(Child, u16);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_sim(port: u16, host_port: u16) -> Result<Child> {
    let r = root();
    let bin = r.join("target/debug/lms-sim");
    say(&format!("starting the simulator on 127.0.0.1:{port}"));
    Command::new(bin)
        .args(["--addr", &format!("127.0.0.1:{port}"), "--host-addr", &format!("127.0.0.1:{host_port}")])
        .args(["--www", "www", "--pkg", "pkg"])
        .current_dir(&r)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("lms-sim: {e}"))
}

fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

fn wait_for_port(port: u16, child: &mut Child) -> Result {
    wait_for(port, child, 20)
}

fn wait_for(port: u16, child: &mut Child, secs: u64) -> Result {
    for _ in 0..secs * 10 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the simulator exited early ({status})"));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err(format!("the server did not start listening within {secs} s"))
}

// ---------------------------------------------------------------- bench

fn bench() -> Result {
    setup(true)?; // Chromium too: the pace benchmark runs in it
    dist::dist()?;
    let r = root();
    let mut report = String::from("# Benchmarks\n\nWritten by `cargo xtask bench`; every number below comes from that command on the machine named.\n\n");
    let machine = output(Command::new("uname").arg("-srm")).unwrap_or_default();
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    report.push_str(&format!("Machine: `{}`, {cpus} cores.\n\n", machine.trim()));
    report.push_str(&sizes::report()?);
    let poll =
        output(Command::new("cargo").args(["run", "--release", "--quiet", "--example", "poll_bench"]).current_dir(&r))
            .ok_or("the poll benchmark failed")?;
    report.push_str("## Polling: requests and end-to-display delay against Canvas's 1 s poller\n\n");
    report.push_str(&poll);
    let pace_native =
        output(Command::new("cargo").args(["run", "--release", "--quiet", "--example", "pace_bench"]).current_dir(&r))
            .ok_or("the native pace benchmark failed")?;
    let pace_node = output(Command::new("node").arg("xtask/bench/pace.mjs").current_dir(&r))
        .ok_or("the Node pace benchmark failed")?;
    report.push_str("\n## Pace engine: a 5,000-item, 200-blackout plan\n\n");
    report.push_str(&format!("Native (`cargo run --release --example pace_bench`): {}\n\n", pace_native.trim()));
    let pace_chromium = output(Command::new("node").arg("xtask/bench/pace-chromium.mjs").current_dir(&r))
        .ok_or("the Chromium pace benchmark failed")?;
    report.push_str(&pace_chromium);
    report.push('\n');
    report.push_str(&pace_node);
    // The timeline on the simulator's 5,000-item course, through the demo server.
    let (server, port) = start_sim()?;
    let timeline = output(
        Command::new("node")
            .arg("xtask/bench/timeline.mjs")
            .env("LMS_DEMO_URL", format!("http://127.0.0.1:{port}/"))
            .current_dir(&r),
    )
    .ok_or("the timeline benchmark failed")?;
    drop(server);
    report.push_str("\n## Pace timeline: editing a 1,000- and a 5,000-item pace\n\n");
    report.push_str(&timeline);
    // Starts its own simulator (built above) over pages it writes, with the React and vanilla
    // anchors it bundles from npm packages.
    let first_paint = output(Command::new("node").arg("xtask/bench/first-paint.mjs").current_dir(&r))
        .ok_or("the first-paint benchmark failed")?;
    report.push_str("\n## First paint: navigation start to the first progress value\n\n");
    report.push_str(&first_paint);
    // Sections measured by their own commands (named in each) are kept as they are.
    let old = fs::read_to_string(r.join("BENCHMARKS.md")).unwrap_or_default();
    report.push_str(&kept_sections(&old, &report));
    fs::write(r.join("BENCHMARKS.md"), &report).map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    println!("{report}");
    Ok(())
}

/// The `## ` sections of `old` whose headings `new` does not have, in their order.
fn kept_sections(old: &str, new: &str) -> String {
    let headings: Vec<&str> = new.lines().filter(|l| l.starts_with("## ")).collect();
    let mut out = String::new();
    let mut keep = false;
    for line in old.lines() {
        if line.starts_with("## ") {
            keep = !headings.contains(&line);
            if keep && !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
        } else if line.starts_with("# ") {
            keep = false;
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("\n{out}")
    }
}

pub(crate) fn gzip_size(path: &Path) -> Result<u64> {
    let out = Command::new("gzip").args(["-9", "-c"]).arg(path).output().map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

pub(crate) fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod bench_tests {
    use super::kept_sections;

    #[test]
    fn bench_keeps_the_sections_it_does_not_write() {
        let old =
            "# Benchmarks\n\nintro\n\n## Sizes\n\nold sizes\n\n## Leaks\n\nleak table\n\n## Polling\n\nold poll\n";
        let new = "# Benchmarks\n\n## Sizes\n\nnew sizes\n\n## Polling\n\nnew poll\n";
        assert_eq!(kept_sections(old, new), "\n## Leaks\n\nleak table\n\n");
        assert_eq!(kept_sections("", new), "");
    }
}
