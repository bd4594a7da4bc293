//! The HTTP layer: pure response classification and the URL/credential rule, and (in the
//! browser) the fetch client.

#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(all(target_arch = "wasm32", any(feature = "report-card", feature = "pace-timeline")))]
pub(crate) mod page;
mod policy;
mod response;

#[cfg(target_arch = "wasm32")]
pub use client::{csrf_token, JsonResponse};
pub use policy::{locate, route, Auth, Client, Parse, Route};
pub use response::{classify, parse_retry_after, strip_json_prefix, ErrorBody, RawResponse, JSON_CSRF_PREFIX};
