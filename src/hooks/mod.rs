//! Reactive hooks (leptos-use style): state and effects, no view code.

mod use_progress_poll;

pub use use_progress_poll::{
    use_progress_poll, use_progress_poll_with_options, UseProgressPollOptions, UseProgressPollReturn,
};
