//! Polling: pure policy and the browser driver.
