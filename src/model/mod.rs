//! Pure serde types for Canvas and Cloudreve JSON.
