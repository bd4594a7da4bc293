//! The newest request of a widget, and whether an answer still belongs to it.

use leptos::prelude::*;
use web_sys::{AbortController, AbortSignal};

/// One widget's newest request. Starting a request aborts the one in flight and moves to a
/// new generation, so an answer is applied only when it belongs to the newest request and
/// the widget is still there (every accessor is the non-panicking `try_` kind: after an
/// `await` the owner may be gone).
#[derive(Clone, Copy)]
pub(crate) struct LatestRequest {
    generation: StoredValue<u64>,
    inflight: StoredValue<Option<AbortController>, LocalStorage>,
}

impl LatestRequest {
    pub(crate) fn new() -> Self {
        LatestRequest { generation: StoredValue::new(0), inflight: StoredValue::new_local(None) }
    }

    /// Starts a request: aborts the one in flight, returns the new generation and signal
    /// (`None` once the widget is gone).
    pub(crate) fn begin(&self) -> Option<(u64, AbortSignal)> {
        let controller = AbortController::new().ok()?;
        let signal = controller.signal();
        self.inflight.try_update_value(|c| c.replace(controller).map(|old| old.abort()));
        let generation = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        })?;
        Some((generation, signal))
    }

    /// Whether an answer is still wanted (same request, widget still there); clears the
    /// in-flight controller when it is.
    pub(crate) fn is_current(&self, generation: u64, signal: &AbortSignal) -> bool {
        let ok = !signal.aborted() && self.is_generation(generation);
        if ok {
            self.inflight.try_update_value(|c| *c = None);
        }
        ok
    }

    /// Whether `generation` is still the newest (false once the widget is gone).
    pub(crate) fn is_generation(&self, generation: u64) -> bool {
        self.generation.try_with_value(|g| *g == generation).unwrap_or(false)
    }

    /// The newest generation, for work that follows it without a request of its own.
    #[cfg(feature = "report-card")]
    pub(crate) fn generation(&self) -> Option<u64> {
        self.generation.try_get_value()
    }

    /// Aborts the request in flight and makes every earlier answer stale.
    pub(crate) fn cancel(&self) {
        self.generation.try_update_value(|g| *g += 1);
        self.abort();
    }

    /// Aborts the request in flight (its answer is then never applied).
    pub(crate) fn abort(&self) {
        self.inflight.try_update_value(|c| c.take().map(|c| c.abort()));
    }
}
