//! Canvas's course pacing JSON: the `compress_dates` request body, also `planPace`'s
//! ([`request`]), and the course pace and blackout dates Canvas sends ([`course`]).

mod course;
mod request;

pub use course::{BlackoutDate, CoursePace, CoursePaceResponse, PaceModule, PaceModuleItem};
#[cfg(target_arch = "wasm32")]
pub(crate) use request::number_text;
pub(crate) use request::push_decimal;
pub use request::{BlackoutInput, ItemInput, PaceInput, PaceRequest};
#[cfg(all(target_arch = "wasm32", feature = "pace-js"))]
pub(crate) use request::{RawBlackout, RawItem, RawPace, RawRequest, Scalar};
