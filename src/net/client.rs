//! The browser fetch client: base URL, auth, Canvas headers, `while(1);`, typed errors.
//! Where a request goes and what it carries is decided by [`super::route`].

use super::{classify, locate, route, Auth, Client, ErrorBody, RawResponse, Route};
use crate::Error;
use serde::de::DeserializeOwned;
use std::future::Future;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// A successful answer: the parsed JSON and Canvas's throttling header.
pub struct JsonResponse {
    /// `JSON.parse` of the body (after `while(1);` was removed).
    pub json: JsValue,
    /// `X-Rate-Limit-Remaining`, when sent.
    pub rate_limit_remaining: Option<f64>,
}

impl JsonResponse {
    /// Deserializes the JSON into a model type; a shape mismatch is `Error::BadResponse`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_wasm_bindgen::from_value(self.json.clone()).map_err(|e| Error::BadResponse(e.to_string()))
    }

    /// [`parse`](Self::parse) for a model that Canvas sends as a JSON object (a Progress, a
    /// report, a pace). serde's derived structs also accept an array, field by field in order,
    /// so `[1, "running"]` would have read as a Progress; an array is refused by name.
    pub fn parse_object<T: DeserializeOwned>(&self) -> Result<T, Error> {
        if js_sys::Array::is_array(&self.json) {
            return Err(Error::BadResponse("expected a JSON object, got an array".into()));
        }
        self.parse()
    }
}

impl Client {
    /// Where a GET of `url` would go, or why it may not be sent (see [`super::route`]).
    pub fn resolve(&self, url: &str) -> Result<String, Error> {
        self.route("GET", url).map(|r| r.url)
    }

    /// `url` resolved as requests are (under the base URL's prefix, http(s) only), without
    /// the credential rule: for links the browser follows itself (a report's download).
    pub fn locate(&self, url: &str) -> Result<String, Error> {
        locate(self, &page_href(), url, &browser_parse)
    }

    fn route(&self, method: &str, url: &str) -> Result<Route, Error> {
        route(self, &page_href(), method, url, &browser_parse)
    }

    /// `GET url` expecting JSON. The request is sent when this is called (a page's first
    /// request leaves before the rest of its work is done); the future reads the answer.
    pub fn get_json(
        &self,
        url: &str,
        signal: Option<&AbortSignal>,
    ) -> impl Future<Output = Result<JsonResponse, Error>> + 'static {
        self.send("GET", url, None, signal)
    }

    /// `POST url` with a JSON body, expecting JSON. Sent when called, as [`Client::get_json`].
    pub fn post_json(
        &self,
        url: &str,
        body: &JsValue,
        signal: Option<&AbortSignal>,
    ) -> impl Future<Output = Result<JsonResponse, Error>> + 'static {
        self.send("POST", url, Some(body), signal)
    }

    /// `PUT url` with a JSON body, expecting JSON. Sent when called, as [`Client::get_json`].
    pub fn put_json(
        &self,
        url: &str,
        body: &JsValue,
        signal: Option<&AbortSignal>,
    ) -> impl Future<Output = Result<JsonResponse, Error>> + 'static {
        self.send("PUT", url, Some(body), signal)
    }

    fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<&JsValue>,
        signal: Option<&AbortSignal>,
    ) -> impl Future<Output = Result<JsonResponse, Error>> + 'static {
        let sent = self.fetch(method, url, body, signal);
        async move { answer(sent?).await }
    }

    /// Builds the request (route, credentials, headers) and hands it to `fetch`. The promise
    /// is wrapped at once: a `JsFuture` handles its settling from the start, so a request
    /// whose answer nobody awaits any more (its widget gone, its sibling request failed) never
    /// becomes an unhandled rejection when it is aborted.
    fn fetch(
        &self,
        method: &str,
        url: &str,
        body: Option<&JsValue>,
        signal: Option<&AbortSignal>,
    ) -> Result<JsFuture, Error> {
        let route = self.route(method, url)?;
        let headers = web_sys::Headers::new().map_err(js_network_error)?;
        let set = |k: &str, v: &str| headers.set(k, v).map_err(|_| invalid("headers", format!("{k} cannot be sent")));
        set("Accept", "application/json+canvas-string-ids, application/json")?;
        if route.same_origin {
            // Canvas's own front end sends this; a cross-origin custom header would only
            // force a CORS preflight.
            set("X-Requested-With", "XMLHttpRequest")?;
        }
        if route.csrf {
            if let Some(t) = csrf_token() {
                set("X-CSRF-Token", &t)?;
            }
        }
        if let (true, Auth::Bearer(t)) = (route.token, &self.auth) {
            set("Authorization", &format!("Bearer {t}"))?;
        }
        if route.custom_headers {
            for (k, v) in &self.headers {
                set(k, v)?;
            }
        }
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        if route.carries_credentials() {
            // A redirect would take the headers wherever it points: stop and say so instead.
            init.set_redirect(web_sys::RequestRedirect::Manual);
        }
        init.set_signal(signal);
        if let Some(b) = body {
            let text = js_sys::JSON::stringify(b).map_err(|_| invalid("body", "could not be serialised".into()))?;
            set("Content-Type", "application/json")?;
            init.set_body(&text);
        }
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(&route.url, &init).map_err(js_network_error)?;
        let window = web_sys::window().ok_or_else(|| Error::Network("no window".into()))?;
        Ok(JsFuture::from(window.fetch_with_request(&request)))
    }
}

/// Reads the answer of a request [`Client::fetch`] sent: status, headers, JSON.
async fn answer(sent: JsFuture) -> Result<JsonResponse, Error> {
    let resp: web_sys::Response = sent.await.map_err(js_network_error)?.unchecked_into();
    if resp.type_() == web_sys::ResponseType::Opaqueredirect {
        return Err(Error::Redirected);
    }
    let headers = resp.headers();
    let header = |k: &str| headers.get(k).ok().flatten();
    let content_type = header("content-type");
    let retry_after = header("retry-after");
    let rate_limit_remaining = header("x-rate-limit-remaining").and_then(|v| v.trim().parse().ok());
    let text = JsFuture::from(resp.text().map_err(js_network_error)?)
        .await
        .map_err(js_network_error)?
        .as_string()
        .unwrap_or_default();
    let raw = RawResponse {
        status: resp.status(),
        content_type: content_type.as_deref(),
        body: &text,
        retry_after: retry_after.as_deref(),
    };
    let json_text = classify(raw, message_of)?;
    let json = js_sys::JSON::parse(json_text).map_err(|_| Error::BadResponse("the answer is not valid JSON".into()))?;
    Ok(JsonResponse { json, rate_limit_remaining })
}

fn invalid(name: &'static str, reason: String) -> Error {
    Error::InvalidOption { name, reason }
}

fn js_network_error(e: JsValue) -> Error {
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    if offline {
        return Error::Offline;
    }
    let message = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string());
    Error::Network(message.or_else(|| e.as_string()).unwrap_or_else(|| "the request failed".into()))
}

fn message_of(body: &str) -> Option<String> {
    let v = js_sys::JSON::parse(body).ok()?;
    serde_wasm_bindgen::from_value::<ErrorBody>(v).ok()?.message()
}

fn page_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// The browser's WHATWG URL parser, as [`super::route`] wants it.
fn browser_parse(input: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(input, base).ok().map(|u| u.href())
}

/// Canvas's `_csrf_token` cookie, URL-decoded.
pub fn csrf_token() -> Option<String> {
    let doc: web_sys::HtmlDocument = web_sys::window()?.document()?.dyn_into().ok()?;
    let cookies = doc.cookie().ok()?;
    let raw = cookies.split(';').find_map(|c| c.trim().strip_prefix("_csrf_token="))?;
    js_sys::decode_uri_component(raw).ok()?.as_string()
}
