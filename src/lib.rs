//! # lms-widgets
//!
//! Live Canvas LMS widgets in Rust + Leptos, compiled to WebAssembly: a progress bar that
//! follows a Canvas (or Cloudreve) Progress URL, a course-report card and a course-pace
//! timeline, usable as Leptos components, as custom elements (`<lms-progress>` …) or through
//! `mountProgress(el, options)` from JavaScript.
//!
//! The crate has two layers:
//! - pure logic that compiles and is tested natively: [`model`] (Canvas and Cloudreve
//!   JSON), [`pace`] (Canvas's due-date and compression algorithms), [`poll`]'s policy and
//!   [`net`]'s response classification;
//! - the browser layer (wasm32 only): the fetch client, the shared poll driver, hooks,
//!   components and the JavaScript bindings.
//!
//! ```
//! use lms_widgets::model::{CanvasProgress, Snapshot};
//! let p: CanvasProgress = serde_json::from_str(
//!     r#"{"id":"1","workflow_state":"running","completion":null,"user_id":null}"#).unwrap();
//! let s = Snapshot::from_canvas(&p);
//! assert_eq!(s.percent, None); // indeterminate until Canvas reports a number
//! assert_eq!(s.value_text(), "Running");
//! ```
#![deny(missing_docs)]

mod error;
pub mod model;
pub mod net;
pub mod pace;
pub mod poll;
pub mod timeline;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod hooks;

pub use error::{DownloadLinkError, Error, PaceError};
