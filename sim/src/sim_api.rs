//! The scripting API, `/sim/*` (documented in `sim/README.md`). Bodies are JSON whatever
//! the Content-Type says; unknown fields are refused so a typo never silently does nothing.

use crate::faults::Fault;
use crate::http::{error, iso, json, Req, Resp};
use crate::jobs::{Job, JobSpec};
use crate::state::State;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

fn body<T: DeserializeOwned>(req: &Req) -> Result<T, Resp> {
    let v = req.json().map_err(|e| error(400, &e))?;
    serde_json::from_value(v).map_err(|e| error(400, &format!("bad body: {e}")))
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Clock {
    paused: Option<bool>,
    advance_ms: Option<u64>,
}

fn clock_json(st: &State) -> Value {
    json!({ "now": iso(st.now()), "now_ms": st.now(), "paused": st.paused_at.is_some() })
}

/// `proxied`: the server is in proxy mode, where faults are refused.
pub fn route(req: &Req, st: &mut State, segs: &[&str], proxied: bool) -> Resp {
    match run(req, st, segs, proxied) {
        Ok(r) | Err(r) => r,
    }
}

/// Faults are refused in proxy mode (`--canvas-url`).
fn no_faults_when(proxied: bool, faults: &[Fault]) -> Result<(), Resp> {
    if proxied && !faults.is_empty() {
        return Err(error(
            409,
            "Faults are off in proxy mode: they would act on real Canvas traffic and could serve HTML on this origin.",
        ));
    }
    Ok(())
}

fn run(req: &Req, st: &mut State, segs: &[&str], proxied: bool) -> Result<Resp, Resp> {
    Ok(match (req.method.as_str(), segs) {
        ("POST", ["jobs"]) => create_job(body(req)?, st, proxied)?,
        ("GET", ["jobs"]) => {
            let now = st.now();
            let list: Vec<Value> =
                st.jobs.values().map(|j| json!({"id": j.id, "url": j.url(), "state": j.view(now).state})).collect();
            json(200, &json!(list))
        }
        ("POST", ["faults"]) => {
            let f: Fault = body(req)?;
            f.validate().map_err(|e| error(400, &e))?;
            no_faults_when(proxied, std::slice::from_ref(&f))?;
            st.faults.push(f);
            json(201, &json!({ "faults": st.faults.len() }))
        }
        ("DELETE", ["faults"]) => {
            st.faults.clear();
            json(200, &json!({ "faults": 0 }))
        }
        ("GET", ["stats"]) => json(200, &json!({ "total": st.total, "by_path": st.stats })),
        ("POST", ["stats", "reset"]) => {
            st.stats.clear();
            st.total = 0;
            json(200, &json!({ "total": 0, "by_path": {} }))
        }
        ("POST", ["reset"]) => {
            st.reset();
            json(200, &json!({ "reset": true }))
        }
        ("GET", ["clock"]) => json(200, &clock_json(st)),
        ("POST", ["clock"]) => {
            set_clock(st, body(req)?);
            json(200, &clock_json(st))
        }
        ("POST", ["reports", "config"]) => {
            st.reports.next = body(req)?;
            json(200, &json!({ "ok": true }))
        }
        ("POST", ["reports", "seed"]) => {
            let seed = body(req)?;
            json(201, &crate::reports::seed(st, seed, &req.origin()).map_err(|e| error(400, &e))?)
        }
        ("POST", ["pacing", "config"]) => {
            let c: crate::records::PublishConfig = body(req)?;
            c.validate().map_err(|e| error(400, &e))?;
            no_faults_when(proxied, &c.publish_faults)?;
            st.pacing = c;
            json(
                200,
                &json!({ "publish_ms": st.pacing.publish_ms, "publish_final_state": st.pacing.publish_final_state }),
            )
        }
        ("GET", ["throttle"]) => json(200, &json!(st.throttle.config)),
        ("POST", ["throttle"]) => {
            st.throttle.config = body(req)?;
            json(200, &json!(st.throttle.config))
        }
        _ => error(404, "Unknown simulator endpoint (see sim/README.md)."),
    })
}

/// `POST /sim/jobs`: a new job from its spec (faults checked, refused in proxy mode).
fn create_job(spec: JobSpec, st: &mut State, proxied: bool) -> Result<Resp, Resp> {
    no_faults_when(proxied, &spec.faults)?;
    spec.faults.iter().try_for_each(Fault::validate).map_err(|e| error(400, &e))?;
    let (id, now) = (st.next_id(), st.now());
    let job = Job::new(id, spec, now).map_err(|e| error(400, &e))?;
    let out = json!({ "id": if job.is_cloudreve() { job.cloudreve_id() } else { id.to_string() }, "url": job.url() });
    st.jobs.insert(id, job);
    Ok(json(201, &out))
}

/// `POST /sim/clock`: pause or resume the simulated clock, then move it on by at most ten years.
fn set_clock(st: &mut State, c: Clock) {
    match c.paused {
        Some(true) if st.paused_at.is_none() => st.paused_at = Some(crate::http::epoch_ms()),
        Some(false) => {
            if let Some(p) = st.paused_at.take() {
                st.clock_offset -= crate::http::epoch_ms().saturating_sub(p) as i64;
            }
        }
        _ => {}
    }
    st.clock_offset += c.advance_ms.unwrap_or(0).min(10 * 365 * 86_400_000) as i64;
}
