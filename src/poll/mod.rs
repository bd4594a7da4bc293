//! Polling: the pure policy (intervals, backoff, ETA, stall) and live-region throttle;
//! in the browser, the shared driver.

mod announce;
#[cfg(target_arch = "wasm32")]
pub mod driver;
mod policy;
#[cfg(target_arch = "wasm32")]
pub(crate) mod timer;

pub use announce::Announcer;
pub use policy::{Next, PollOptions, PollPolicy};
