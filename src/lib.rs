//! lms-widgets: live Canvas LMS widgets in Rust + Leptos.
#![deny(missing_docs)]

pub mod model;
pub mod pace;
pub mod poll;
