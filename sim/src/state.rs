//! The simulator's shared state and its clock.

use crate::faults::Fault;
use crate::jobs::Job;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

/// Ids start here, so a seeded object (course 1, pace 1…) never collides with a created one.
const FIRST_ID: u64 = 100;

#[derive(Default)]
pub struct State {
    pub jobs: BTreeMap<u64, Job>,
    pub next_id: u64,
    /// Global faults (`POST /sim/faults`).
    pub faults: Vec<Fault>,
    /// `"GET /api/v1/progress/7"` → count (API requests only).
    pub stats: BTreeMap<String, u64>,
    pub total: u64,
    /// Added to the wall clock (`advance_ms`).
    pub clock_offset: i64,
    /// The wall-clock instant the clock was paused at.
    pub paused_at: Option<u64>,
    pub reports: crate::records::Reports,
    pub courses: Vec<crate::records::Course>,
    pub pacing: crate::records::PublishConfig,
    pub throttle: crate::throttle::Throttle,
}

impl State {
    pub fn fresh(next_id: u64) -> State {
        State { next_id, courses: crate::seed::courses(), ..State::default() }
    }

    /// The simulated time, ms since the epoch.
    pub fn now(&self) -> u64 {
        let base = self.paused_at.unwrap_or_else(crate::http::epoch_ms);
        (base as i64).saturating_add(self.clock_offset).max(0) as u64
    }

    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Everything back to the start, except the clock (a paused clock stays paused) and
    /// the ids, which keep growing so a stale page never sees a reused id.
    pub fn reset(&mut self) {
        let (offset, paused) = (self.clock_offset, self.paused_at);
        *self = State { clock_offset: offset, paused_at: paused, ..State::fresh(self.next_id) };
    }
}

pub struct Shared(Mutex<State>);

impl Shared {
    pub fn new() -> Self {
        Shared(Mutex::new(State::fresh(FIRST_ID)))
    }

    /// Locks the state; a panic in another request never takes the server down.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
