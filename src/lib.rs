//! lms-widgets: live Canvas LMS widgets in Rust + Leptos.
#![deny(missing_docs)]

mod error;
pub mod model;
pub mod net;
pub mod pace;
pub mod poll;

pub use error::Error;
