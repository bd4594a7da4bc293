//! `net::classify`: every answer Canvas (or a proxy in front of it) is known to give, turned
//! into JSON text or the fault it stands for; and the faults' retryability and wording.
#![cfg(not(target_arch = "wasm32"))]

use lms_widgets::net::{classify, parse_retry_after, strip_json_prefix, ErrorBody, RawResponse, JSON_CSRF_PREFIX};
use lms_widgets::{DownloadLinkError, Error, PaceError};

const JSON: Option<&str> = Some("application/json; charset=utf-8");
const HTML: Option<&str> = Some("text/html; charset=utf-8");
const TEXT: Option<&str> = Some("text/plain; charset=utf-8");

/// What the browser layer does with `JSON.parse`, done with serde_json.
fn message_of(body: &str) -> Option<String> {
    serde_json::from_str::<ErrorBody>(body).ok().and_then(ErrorBody::message)
}

fn raw<'a>(status: u16, content_type: Option<&'a str>, body: &'a str) -> RawResponse<'a> {
    RawResponse { status, content_type, body, retry_after: None }
}

fn run(r: RawResponse<'_>) -> Result<&str, Error> {
    classify(r, message_of)
}

const PROGRESS: &str = r#"{"id":"1","workflow_state":"running","completion":40}"#;

const LOGIN_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Log In to Canvas</title></head>\
    <body><form id=\"login_form\" action=\"/login/canvas\" method=\"post\"></form></body></html>";

#[test]
fn a_2xx_json_answer_is_passed_on_without_the_while_1_guard() {
    let guarded = format!("{JSON_CSRF_PREFIX}{PROGRESS}");
    let spaced = format!("  {JSON_CSRF_PREFIX}\n{PROGRESS}\n");
    // (status, content type, body)
    let cases: &[(u16, Option<&str>, &str)] = &[
        (200, JSON, PROGRESS),
        (200, JSON, &guarded),
        (200, JSON, &spaced),
        (200, None, PROGRESS),
        // Canvas serves the guarded form as text when Accept lacks application/json.
        (200, TEXT, &guarded),
        (201, JSON, PROGRESS),
        (299, JSON, PROGRESS),
    ];
    for (status, ct, body) in cases {
        assert_eq!(run(raw(*status, *ct, body)), Ok(PROGRESS), "{status} {body:?}");
    }
}

#[test]
fn strip_json_prefix_removes_only_a_leading_guard() {
    // (body, stripped)
    let cases: &[(&str, &str)] = &[
        ("while(1);{}", "{}"),
        ("while(1);", ""),
        ("  while(1);[1] ", "[1]"),
        ("{}", "{}"),
        ("", ""),
        (r#"{"a":"while(1);"}"#, r#"{"a":"while(1);"}"#),
        ("while(1);while(1);{}", "while(1);{}"),
    ];
    for (body, want) in cases {
        assert_eq!(strip_json_prefix(body), *want, "{body:?}");
    }
}

#[test]
fn a_2xx_html_page_is_the_login_page() {
    let cases: &[(u16, Option<&str>, &str)] = &[
        (200, HTML, LOGIN_PAGE),
        (200, Some("TEXT/HTML"), LOGIN_PAGE),
        // Content type lost by a proxy: the markup gives it away.
        (200, None, LOGIN_PAGE),
        (200, JSON, "\n  <html><body>Log in</body></html>"),
        // HTML that happens to follow the guard.
        (200, None, "while(1);<html></html>"),
        // Even a JSON-looking body served as HTML is not trusted.
        (200, HTML, PROGRESS),
    ];
    for (status, ct, body) in cases {
        let err = run(raw(*status, *ct, body)).unwrap_err();
        assert_eq!(err, Error::LoginPage, "{ct:?} {body:?}");
        assert!(!err.is_retryable(), "polling cannot sign the user back in");
    }
}

#[test]
fn a_2xx_empty_answer_is_a_bad_response() {
    for body in ["", "   \n", "while(1);", "while(1);  "] {
        for status in [200, 204] {
            let err = run(raw(status, JSON, body)).unwrap_err();
            assert!(matches!(err, Error::BadResponse(_)), "{status} {body:?}: {err:?}");
            assert!(err.is_retryable(), "an empty answer is worth another try");
        }
    }
}

#[test]
fn a_401_carries_canvas_s_message() {
    // (body, message)
    let cases: &[(&str, Option<&str>)] = &[
        (
            r#"{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}"#,
            Some("user not authorized to perform that action"),
        ),
        (
            r#"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#,
            Some("user authorization required"),
        ),
        (
            r#"while(1);{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}"#,
            Some("user not authorized to perform that action"),
        ),
        (r#"{"errors":[{"message":""},{"message":"second"}]}"#, Some("second")),
        (r#"{"status":"unauthorized"}"#, None),
        ("", None),
        ("not json", None),
        (LOGIN_PAGE, None),
    ];
    for (body, want) in cases {
        let err = run(raw(401, JSON, body)).unwrap_err();
        assert_eq!(err, Error::Unauthorized { message: want.map(str::to_owned) }, "{body}");
        assert!(!err.is_retryable(), "{body}");
        assert_eq!(err.kind(), "unauthorized");
    }
}

#[test]
fn error_body_finds_the_message_in_every_known_shape() {
    // (body, message)
    let cases: &[(&str, Option<&str>)] = &[
        (r#"{"errors":[{"message":"a"}]}"#, Some("a")),
        (r#"{"errors":"b"}"#, Some("b")),
        (r#"{"success":false,"errors":"c"}"#, Some("c")),
        (r#"{"error":"d"}"#, Some("d")),
        (r#"{"message":"e"}"#, Some("e")),
        (r#"{"code":40004,"msg":"f","data":null}"#, Some("f")),
        (r#"{"errors":{"type":"unauthorized","message":"g"}}"#, Some("g")),
        (r#"{"errors":[["h"]]}"#, Some("h")),
        // `errors` wins over `error`, which wins over `message` and `msg`.
        (r#"{"msg":"4","message":"3","error":"2","errors":"1"}"#, Some("1")),
        (r#"{"errors":[],"error":"fallback"}"#, Some("fallback")),
        (r#"{"errors":null,"error":"  ","message":"m"}"#, Some("m")),
        (r#"{"errors":[{"code":1}]}"#, None),
        (r#"{"errors":42,"error":true}"#, None),
        ("{}", None),
    ];
    for (body, want) in cases {
        assert_eq!(message_of(body).as_deref(), *want, "{body}");
    }
}

#[test]
fn canvas_s_throttling_403_is_retryable_throttling() {
    // Exactly what request_throttle.rb sends: text/plain, no Retry-After.
    let err = run(raw(403, TEXT, "403 Forbidden (Rate Limit Exceeded)\n")).unwrap_err();
    assert_eq!(err, Error::Throttled { retry_after_ms: None });
    assert!(err.is_retryable());
    assert_eq!(err.kind(), "throttled");

    let with_header = RawResponse { retry_after: Some("3"), ..raw(403, TEXT, "403 Forbidden (Rate Limit Exceeded)\n") };
    assert_eq!(run(with_header), Err(Error::Throttled { retry_after_ms: Some(3000) }));
}

#[test]
fn any_other_403_is_a_refusal_that_is_not_retried() {
    // (content type, body, message)
    let cases: &[(Option<&str>, &str, Option<&str>)] = &[
        (
            JSON,
            r#"{"errors":[{"message":"Tool does not have permission to view a Progress not associated with an Assignment"}]}"#,
            Some("Tool does not have permission to view a Progress not associated with an Assignment"),
        ),
        (JSON, r#"{"error":"Invalid access token."}"#, Some("Invalid access token.")),
        (JSON, "{}", None),
        (TEXT, "Forbidden by proxy policy", Some("Forbidden by proxy policy")),
        (TEXT, "", None),
        // A proxy's HTML error page: its markup is not a message.
        (HTML, "<html><body><h1>403 Forbidden</h1></body></html>", None),
        (None, "<html><body><h1>403 Forbidden</h1></body></html>", None),
    ];
    for (ct, body, want) in cases {
        let err = run(raw(403, *ct, body)).unwrap_err();
        assert_eq!(err, Error::Forbidden { message: want.map(str::to_owned) }, "{ct:?} {body:?}");
        assert!(!err.is_retryable(), "{body:?}");
    }
}

#[test]
fn a_429_honours_retry_after() {
    // (Retry-After, delay in ms)
    let cases: &[(Option<&str>, Option<u64>)] =
        &[(Some("3"), Some(3000)), (Some("0"), Some(0)), (None, None), (Some("Wed, 21 Oct 2015 07:28:00 GMT"), None)];
    for (header, want) in cases {
        let r = RawResponse { retry_after: *header, ..raw(429, TEXT, "Too Many Requests") };
        let err = run(r).unwrap_err();
        assert_eq!(err, Error::Throttled { retry_after_ms: *want }, "{header:?}");
        assert!(err.is_retryable(), "{header:?}");
    }
}

#[test]
fn retry_after_is_read_in_seconds_and_capped_at_an_hour() {
    // (header, ms)
    let cases: &[(&str, Option<u64>)] = &[
        ("3", Some(3000)),
        (" 3 ", Some(3000)),
        ("1.5", Some(1500)),
        ("0", Some(0)),
        ("3600", Some(3_600_000)),
        ("86400", Some(3_600_000)),
        ("1e300", Some(3_600_000)),
        ("-1", None),
        ("", None),
        ("soon", None),
        ("NaN", None),
        ("inf", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
    ];
    for (header, want) in cases {
        assert_eq!(parse_retry_after(header), *want, "{header:?}");
    }
}

#[test]
fn a_404_is_not_found_whatever_the_body() {
    for body in [r#"{"errors":[{"message":"The specified resource does not exist."}]}"#, "", LOGIN_PAGE] {
        let err = run(raw(404, JSON, body)).unwrap_err();
        assert_eq!(err, Error::NotFound, "{body:?}");
        assert!(!err.is_retryable());
    }
}

#[test]
fn a_400_409_or_422_is_a_rejection_with_the_server_s_message() {
    // (status, body, message)
    let cases: &[(u16, &str, Option<&str>)] = &[
        (400, r#"{"error":"invalid report type X"}"#, Some("invalid report type X")),
        (400, r#"{"error":"invalid context type"}"#, Some("invalid context type")),
        (
            422,
            r#"{"success":false,"errors":"End date cannot be before start date"}"#,
            Some("End date cannot be before start date"),
        ),
        (
            422,
            r#"{"success":false,"errors":"You cannot delete the default course pace."}"#,
            Some("You cannot delete the default course pace."),
        ),
        (422, r#"{"errors":[{"message":"Invalid authenticity token"}]}"#, Some("Invalid authenticity token")),
        (409, r#"{"message":"conflict"}"#, Some("conflict")),
        (400, "", None),
        (422, "<html>Unprocessable</html>", None),
    ];
    for (status, body, want) in cases {
        let err = run(raw(*status, JSON, body)).unwrap_err();
        assert_eq!(err, Error::Rejected { status: *status, message: want.map(str::to_owned) }, "{body}");
        assert!(!err.is_retryable(), "{status}: asking again gets the same answer");
    }
}

#[test]
fn a_5xx_is_a_retryable_server_fault() {
    for status in [500, 502, 503, 504, 599] {
        let err = run(raw(status, HTML, "<html>Bad Gateway</html>")).unwrap_err();
        assert_eq!(err, Error::Server { status }, "{status}");
        assert!(err.is_retryable(), "{status}");
    }
}

#[test]
fn odd_statuses_are_retryable_http_faults() {
    // Redirects fetch did not follow, an opaque 0, informational and unusual 4xx codes.
    for status in [0, 100, 301, 302, 304, 405, 408, 410, 418, 451, 600, 999] {
        let err = run(raw(status, JSON, "{}")).unwrap_err();
        assert_eq!(err, Error::Http { status }, "{status}");
        assert!(err.is_retryable(), "{status}");
        assert_eq!(err.kind(), "http");
    }
}

#[test]
fn retryability_of_every_fault() {
    // (fault, retryable)
    let cases: &[(Error, bool)] = &[
        (Error::Network("connection reset".into()), true),
        (Error::Offline, true),
        (Error::Throttled { retry_after_ms: None }, true),
        (Error::Server { status: 503 }, true),
        (Error::BadResponse("x".into()), true),
        (Error::Http { status: 302 }, true),
        (Error::Unauthorized { message: None }, false),
        (Error::Forbidden { message: None }, false),
        (Error::NotFound, false),
        (Error::Rejected { status: 400, message: None }, false),
        (Error::LoginPage, false),
        (Error::Cloudreve { code: 1, msg: String::new() }, false),
        (Error::InvalidOption { name: "url", reason: "empty".into() }, false),
        (Error::Pace(PaceError::NoStartDate), false),
        (Error::DownloadLink(DownloadLinkError::Invalid), false),
    ];
    for (err, retryable) in cases {
        assert_eq!(err.is_retryable(), *retryable, "{err:?}");
    }
}

#[test]
fn every_fault_reads_as_a_human_sentence() {
    // (fault, exact wording)
    let cases: &[(Error, &str)] = &[
        (Error::Network("connection refused".into()), "Could not reach the server (connection refused)."),
        (Error::Offline, "You are offline; waiting for the connection to return."),
        (
            Error::Unauthorized { message: Some("user not authorized to perform that action".into()) },
            "Not allowed: user not authorized to perform that action.",
        ),
        (Error::Unauthorized { message: Some("Session expired.".into()) }, "Not allowed: Session expired."),
        (Error::Unauthorized { message: None }, "You are not allowed to see this."),
        (
            Error::Forbidden {
                message: Some(
                    "Tool does not have permission to view a Progress not associated with an Assignment".into(),
                ),
            },
            "Forbidden: Tool does not have permission to view a Progress not associated with an Assignment.",
        ),
        (Error::Forbidden { message: Some("Invalid access token.".into()) }, "Forbidden: Invalid access token."),
        (Error::Forbidden { message: None }, "The server refused this request."),
        (Error::Throttled { retry_after_ms: Some(3000) }, "Canvas is rate-limiting requests; retrying in 3 s."),
        (Error::Throttled { retry_after_ms: Some(2500) }, "Canvas is rate-limiting requests; retrying in 3 s."),
        (Error::Throttled { retry_after_ms: None }, "Canvas is rate-limiting requests; retrying shortly."),
        (Error::NotFound, "Not found: it may have been deleted, or the link is wrong."),
        (
            Error::Rejected { status: 400, message: Some("invalid report type X".into()) },
            "Invalid report type X (HTTP 400).",
        ),
        (
            Error::Rejected { status: 422, message: Some("End date cannot be before start date".into()) },
            "End date cannot be before start date (HTTP 422).",
        ),
        (
            Error::Rejected { status: 422, message: Some("You cannot delete the default course pace.".into()) },
            "You cannot delete the default course pace (HTTP 422).",
        ),
        (Error::Rejected { status: 400, message: None }, "The server rejected the request (HTTP 400)."),
        (Error::Server { status: 503 }, "The server had a problem (HTTP 503)."),
        (Error::Http { status: 302 }, "Unexpected answer from the server (HTTP 302)."),
        (
            Error::BadResponse("the answer was empty".into()),
            "The server's answer could not be read: the answer was empty.",
        ),
        (Error::LoginPage, "Your Canvas session has ended: reload the page and sign in again."),
        (Error::Cloudreve { code: 40004, msg: "Task not found".into() }, "Task not found (Cloudreve error 40004)."),
        (Error::Cloudreve { code: 40004, msg: String::new() }, "Cloudreve error 40004."),
        (
            Error::InvalidOption { name: "format", reason: "expected canvas, cloudreve or auto".into() },
            "Invalid `format`: expected canvas, cloudreve or auto.",
        ),
        (Error::Pace(PaceError::EndBeforeStart), "End date cannot be before start date."),
        (Error::Pace(PaceError::NoEnabledDays), "Every day of the week is skipped, so nothing can be due."),
        (Error::DownloadLink(DownloadLinkError::Missing), "The report is complete, but Canvas sent no download link."),
        (Error::DownloadLink(DownloadLinkError::Empty), "Canvas sent an empty download link."),
        (
            Error::DownloadLink(DownloadLinkError::NotWeb("javascript".into())),
            "Canvas sent a download link that is not a web address (javascript:), so it is not shown.",
        ),
        (Error::DownloadLink(DownloadLinkError::Invalid), "Canvas sent a download link that is not a valid address."),
    ];
    for (err, want) in cases {
        let text = err.to_string();
        assert_eq!(text, *want, "{err:?}");
        assert!(text.starts_with(|c: char| c.is_uppercase()), "{text:?} starts a sentence");
        assert!(text.ends_with('.') && !text.ends_with(".."), "{text:?} ends one sentence once");
        assert!(!text.contains('<'), "{text:?} has no markup");
    }
}

#[test]
fn classified_faults_read_as_sentences_end_to_end() {
    // (status, content type, body, wording)
    let cases: &[(u16, Option<&str>, &str, &str)] = &[
        (
            401,
            JSON,
            r#"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#,
            "Your Canvas session has ended: reload the page and sign in again.",
        ),
        (403, TEXT, "403 Forbidden (Rate Limit Exceeded)\n", "Canvas is rate-limiting requests; retrying shortly."),
        (403, HTML, "<html><body>403 Forbidden</body></html>", "The server refused this request."),
        (400, JSON, r#"{"error":"invalid report type X"}"#, "Invalid report type X (HTTP 400)."),
        (200, HTML, LOGIN_PAGE, "Your Canvas session has ended: reload the page and sign in again."),
    ];
    for (status, ct, body, want) in cases {
        assert_eq!(run(raw(*status, *ct, body)).unwrap_err().to_string(), *want, "{status} {body:?}");
    }
}

/// Issue 12 §1 (small traps): reading a hostile error body must not recurse once per level.
/// serde_json's own depth limit is lifted here, as serde-wasm-bindgen (the browser's path)
/// has none; before the bound this overflowed the stack.
#[test]
fn a_100_000_deep_error_body_is_read_without_overflowing_the_stack() {
    use serde::Deserialize;
    let depth = 100_000;
    let arrays = format!(r#"{{"errors":{}"deep"{},"message":"Too deep"}}"#, "[".repeat(depth), "]".repeat(depth));
    let maps = format!(r#"{{"error":{}"deep"{},"msg":"Too deep"}}"#, r#"{"errors":"#.repeat(depth), "}".repeat(depth));
    for body in [arrays, maps] {
        let mut de = serde_json::Deserializer::from_str(&body);
        de.disable_recursion_limit();
        let parsed = ErrorBody::deserialize(&mut de).expect("a deep body is still JSON");
        assert_eq!(parsed.message().as_deref(), Some("Too deep"), "messages past the depth limit are skipped");
    }
    // Within the limit, nested messages are still found.
    let shallow = r#"{"errors":[[[{"message":"three down"}]]]}"#;
    assert_eq!(message_of(shallow).as_deref(), Some("three down"));
}

/// One error of every variant. The `match` has no wildcard, so a new variant does not
/// compile until it is listed here (and so checked against the TypeScript union below).
fn one_of_each() -> Vec<Error> {
    let all = vec![
        Error::Network(String::new()),
        Error::Offline,
        Error::Unauthorized { message: None },
        Error::Forbidden { message: None },
        Error::Throttled { retry_after_ms: None },
        Error::NotFound,
        Error::Rejected { status: 400, message: None },
        Error::Server { status: 500 },
        Error::Http { status: 302 },
        Error::BadResponse(String::new()),
        Error::LoginPage,
        Error::Redirected,
        Error::Cloudreve { code: 1, msg: String::new() },
        Error::InvalidOption { name: "x", reason: String::new() },
        Error::Pace(PaceError::NoStartDate),
        Error::DownloadLink(DownloadLinkError::Missing),
    ];
    for e in &all {
        match e {
            Error::Network(_)
            | Error::Offline
            | Error::Unauthorized { .. }
            | Error::Forbidden { .. }
            | Error::Throttled { .. }
            | Error::NotFound
            | Error::Rejected { .. }
            | Error::Server { .. }
            | Error::Http { .. }
            | Error::BadResponse(_)
            | Error::LoginPage
            | Error::Redirected
            | Error::Cloudreve { .. }
            | Error::InvalidOption { .. }
            | Error::Pace(_)
            | Error::DownloadLink(_) => {}
        }
    }
    all
}

#[test]
fn the_engine_s_and_the_link_s_errors_are_variants_of_the_one_error() {
    let pace: Error = PaceError::BadOrder.into();
    assert_eq!(pace, Error::Pace(PaceError::BadOrder));
    assert_eq!(pace.kind(), "pace");
    let link: Error = DownloadLinkError::Empty.into();
    assert_eq!(link.kind(), "download_link");
    let source = std::error::Error::source(&pace).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("The module order does not list every item exactly once"));
}

#[test]
fn every_error_kind_is_in_the_typescript_union() {
    let dts = include_str!("../js/index.d.ts");
    let start = dts.find("export type ErrorKind =").expect("index.d.ts declares ErrorKind");
    let union = &dts[start..start + dts[start..].find(';').expect("the union ends")];
    let kinds: std::collections::BTreeSet<&str> = one_of_each().iter().map(Error::kind).collect();
    assert_eq!(kinds.len(), one_of_each().len(), "every variant has its own kind");
    for kind in kinds {
        assert!(union.contains(&format!("'{kind}'")), "ErrorKind in js/index.d.ts lacks '{kind}'");
    }
}
