//! The simulator's shared state.

use crate::faults::Fault;
use crate::jobs::Job;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub struct State {
    pub jobs: BTreeMap<u64, Job>,
    pub next_id: u64,
    pub faults: Vec<Fault>,
    pub stats: BTreeMap<String, u64>,
    pub total: u64,
    pub clock_offset: i64,
    pub paused_at: Option<u64>,
    pub reports: crate::reports::Reports,
    pub courses: Vec<crate::pacing::Course>,
    /// How long a pace publish takes.
    pub publish_ms: u64,
    /// Faults for the next publish Progress.
    pub publish_faults: Vec<crate::faults::Fault>,
}

impl State {
    pub fn now(&self) -> u64 {
        let base = self.paused_at.unwrap_or_else(crate::http::epoch_ms);
        (base as i64 + self.clock_offset).max(0) as u64
    }

    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn reset(&mut self) {
        let next_id = self.next_id; // ids keep growing so stale pages never see a reused id
        *self = State { next_id, courses: crate::pacing::seed(), publish_ms: 3000, ..State::default() };
    }
}

pub struct Shared(Mutex<State>);

impl Shared {
    pub fn new() -> Self {
        Shared(Mutex::new(State { next_id: 100, courses: crate::pacing::seed(), publish_ms: 3000, ..State::default() }))
    }

    /// Locks the state; a panic in another request never takes the server down.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
