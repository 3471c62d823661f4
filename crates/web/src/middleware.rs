//! The one layer every request passes: request id, language, body limit, error rendering, security
//! headers, metrics and the log line.
//!
//! It is a plain tower service, not four `from_fn` layers: each of those boxed the rest of the stack,
//! its own future and a clone of the route on every request (decision 0014). What it does, in order:
//!
//! - on the way in: gives the request an id; chooses its language ([`ReqLang`]); refuses a body declared
//!   over the limit (64 KiB, or for uploads the file limit plus room for the other form fields) and
//!   cuts off an undeclared one as it streams; lifts axum's default body limit (ours replaces it);
//! - on the way out: renders an [`AppError`] the handler left in the response (problem details under
//!   `/api/`, a page elsewhere); remembers an explicit language choice in a cookie; marks pages with
//!   their language; sets the security headers and `x-request-id`; counts the request and its duration
//!   under the matched route (`unmatched` for the fallback) and logs it.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, MatchedPath};
use axum::http::{HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use tower::{Layer, Service};

use crate::error::AppError;
use crate::lang::{ReqLang, negotiate};
use crate::state::AppState;

const X_REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

/// A request id: 16 hex digits drawn at start (so instances differ) and a 16-digit counter. Unique
/// without a system call per request; written into a buffer, not formatted into a `String`.
fn request_id() -> [u8; 32] {
    static PREFIX: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| {
        let mut b = [0u8; 8];
        if getrandom::fill(&mut b).is_err() {
            // No randomness: the start time still tells instances apart.
            b = u64::try_from(
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
                    & u128::from(u64::MAX),
            )
            .unwrap_or(0)
            .to_le_bytes();
        }
        u64::from_le_bytes(b)
    });
    let next = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut out = [0u8; 32];
    let (high, low) = out.split_at_mut(16);
    hex16(*prefix, high);
    hex16(next, low);
    out
}

/// Writes `v` as 16 lowercase hex digits (the `{:016x}` of the former `format!`).
fn hex16(v: u64, out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (i, b) in out.iter_mut().enumerate().take(16) {
        let shift = 60 - 4 * i;
        *b = DIGITS.get(usize::try_from((v >> shift) & 0xf).unwrap_or(0)).copied().unwrap_or(b'0');
    }
}

fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Headers every response carries: a strict CSP (no inline script), no sniffing, no framing. Names are
/// constants (no parsing per request); a handler's own value (a file's sandbox CSP) is kept.
fn security_headers(h: &mut axum::http::HeaderMap) {
    const PERMISSIONS_POLICY: header::HeaderName = header::HeaderName::from_static("permissions-policy");
    const COOP: header::HeaderName = header::HeaderName::from_static("cross-origin-opener-policy");
    const HEADERS: [(header::HeaderName, &str); 6] = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (PERMISSIONS_POLICY, "camera=(self), geolocation=(), microphone=()"),
        (COOP, "same-origin"),
    ];
    // These and x-request-id: room for them at once, not by doubling.
    h.reserve(HEADERS.len() + 1);
    for (k, v) in HEADERS {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    }
}

/// Whether a request may carry a file: the document uploads, pages and API.
fn takes_files(req: &Request<Body>) -> bool {
    let p = req.uri().path();
    req.method() == Method::POST
        && p.ends_with("/documents")
        && (p.starts_with("/applications/") || p.starts_with("/api/v1/applications/"))
}

/// The metric handles already registered, per route label, method and status. The Prometheus recorder
/// is installed before the router is built (see [`crate::build_router`]), so a handle taken here is the
/// same as the one `metrics::counter!` would look up on every request (building its key, labels and
/// strings each time).
#[derive(Default)]
struct Handles {
    routes: RwLock<HashMap<Box<str>, RouteHandles>>,
}

#[derive(Default)]
struct RouteHandles {
    durations: Vec<(&'static str, metrics::Histogram)>,
    requests: Vec<(&'static str, u16, metrics::Counter)>,
}

impl RouteHandles {
    fn record(&self, method: &'static str, status: u16, seconds: f64) -> bool {
        let d = self.durations.iter().find(|(m, _)| *m == method);
        let r = self.requests.iter().find(|(m, s, _)| *m == method && *s == status);
        match (d, r) {
            (Some((_, d)), Some((_, _, r))) => {
                r.increment(1);
                d.record(seconds);
                true
            }
            _ => false,
        }
    }
}

impl Handles {
    /// Counts a request and records its duration, labelled as before: method, route, status.
    fn record(&self, method: &'static str, route: &str, status: StatusCode, seconds: f64) {
        let code = status.as_u16();
        {
            let routes = self.routes.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            if routes.get(route).is_some_and(|h| h.record(method, code, seconds)) {
                return;
            }
        }
        let mut routes = self.routes.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let h = routes.entry(route.into()).or_default();
        if !h.durations.iter().any(|(m, _)| *m == method) {
            let d =
                metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route.to_owned());
            h.durations.push((method, d));
        }
        if !h.requests.iter().any(|(m, s, _)| *m == method && *s == code) {
            let r = metrics::counter!("http_requests_total", "method" => method, "route" => route.to_owned(), "status" => status.as_str().to_owned());
            h.requests.push((method, code, r));
        }
        h.record(method, code, seconds);
    }
}

/// The layer: see the module's documentation. Applied with `Router::layer`, so it runs for every route
/// and the fallback, after routing (which is where axum's `MatchedPath` is known).
#[derive(Clone)]
pub struct EdgeLayer {
    shared: Arc<Shared>,
}

/// What every request's way out reads: one reference count to touch per request, not two.
struct Shared {
    app: AppState,
    handles: Handles,
}

impl EdgeLayer {
    /// The layer over the web state.
    pub fn new(app: AppState) -> EdgeLayer {
        EdgeLayer { shared: Arc::new(Shared { app, handles: Handles::default() }) }
    }
}

impl<S> Layer<S> for EdgeLayer {
    type Service = Edge<<DefaultBodyLimit as Layer<S>>::Service>;

    fn layer(&self, inner: S) -> Self::Service {
        // Our own limit (below) replaces axum's default one of 2 MB, which would cut off uploads.
        Edge { inner: DefaultBodyLimit::disable().layer(inner), shared: self.shared.clone() }
    }
}

/// The service of [`EdgeLayer`].
#[derive(Clone)]
pub struct Edge<S> {
    inner: S,
    shared: Arc<Shared>,
}

/// What the way out needs to know about the request.
struct Exchange {
    start: Instant,
    id: [u8; 32],
    method: &'static str,
    route: Option<MatchedPath>,
    lang: Lang,
    explicit: bool,
    uri: Uri,
    shared: Arc<Shared>,
}

impl<S> Service<Request<Body>> for Edge<S>
where
    S: Service<Request<Body>, Response = Response, Error = Infallible>,
    S::Future: Unpin,
{
    type Response = Response;
    type Error = Infallible;
    type Future = EdgeFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<Body>) -> Self::Future {
        let start = Instant::now();
        let id = request_id();
        let (lang, explicit) = negotiate(req.uri(), req.headers());
        req.extensions_mut().insert(ReqLang(lang));
        let exchange = Exchange {
            start,
            id,
            method: method_label(req.method()),
            route: req.extensions().get::<MatchedPath>().cloned(),
            lang,
            explicit,
            uri: req.uri().clone(),
            shared: self.shared.clone(),
        };
        let limit = if takes_files(&req) {
            usize::try_from(self.shared.app.settings.max_file_bytes).unwrap_or(usize::MAX).saturating_add(64 * 1024)
        } else {
            64 * 1024
        };
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let inner = if declared.is_some_and(|n| n > limit) {
            Inner::Done(Some(AppError::code(crate::error::ErrorCode::PayloadTooLarge).into_response()))
        } else {
            let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
            Inner::Running(self.inner.call(req))
        };
        EdgeFuture { inner, exchange: Some(exchange) }
    }
}

enum Inner<F> {
    Running(F),
    Done(Option<Response>),
}

/// The response future of [`Edge`]: the route's future, then the way out.
pub struct EdgeFuture<F> {
    inner: Inner<F>,
    exchange: Option<Exchange>,
}

impl<F> Future for EdgeFuture<F>
where
    F: Future<Output = Result<Response, Infallible>> + Unpin,
{
    type Output = Result<Response, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let res = match &mut this.inner {
            Inner::Running(f) => match Pin::new(f).poll(cx) {
                Poll::Ready(Ok(res)) => res,
                Poll::Ready(Err(e)) => match e {},
                Poll::Pending => return Poll::Pending,
            },
            Inner::Done(res) => res.take().unwrap_or_default(),
        };
        match this.exchange.take() {
            Some(exchange) => Poll::Ready(Ok(exchange.finish(res))),
            // Polled again after it finished: there is nothing more to give.
            None => Poll::Pending,
        }
    }
}

impl Exchange {
    /// The way out, for the response of the route (or of the body limit).
    fn finish(self, mut res: Response) -> Response {
        let Shared { app, handles } = &*self.shared;
        let id = std::str::from_utf8(&self.id).unwrap_or_default();
        let path = self.uri.path();
        let is_api = path.starts_with("/api/");
        // A body cut off as it streamed is refused by the extractor that read it, in plain text: answer
        // with the service's own error instead (problem details on the API, a page on the site).
        if res.status() == StatusCode::PAYLOAD_TOO_LARGE && res.extensions().get::<AppError>().is_none() {
            res = AppError::code(crate::error::ErrorCode::PayloadTooLarge).into_response();
        }
        if let Some(err) = res.extensions_mut().remove::<AppError>() {
            res = if is_api {
                crate::api::problem(app, self.lang, &err, id, path)
            } else {
                crate::pages::error_page(app, self.lang, &err, id)
            };
        }
        if self.explicit {
            let secure = if app.settings.cookie_secure { "; Secure" } else { "" };
            let cookie = format!(
                "lang={}; Path=/; Max-Age={}; SameSite=Lax; HttpOnly{secure}",
                self.lang.code(),
                crate::lang::LANG_COOKIE_SECS
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        if !is_api {
            res.headers_mut().entry(header::CONTENT_LANGUAGE).or_insert(HeaderValue::from_static(self.lang.code()));
            res.headers_mut().append(header::VARY, HeaderValue::from_static("accept-language, cookie"));
        }
        let elapsed = self.start.elapsed();
        let status = res.status();
        let route = self.route.as_ref().map_or("unmatched", MatchedPath::as_str);
        security_headers(res.headers_mut());
        // Served over HTTPS (secure cookies): browsers keep to HTTPS for a year.
        if app.settings.cookie_secure {
            res.headers_mut()
                .entry(header::STRICT_TRANSPORT_SECURITY)
                .or_insert(HeaderValue::from_static("max-age=31536000; includeSubDomains"));
        }
        // Nothing is cached unless its handler says it may be (public reference data, keys, assets):
        // an answer with personal data must never sit in a shared or a browser cache.
        res.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
        if let Ok(v) = HeaderValue::from_bytes(&self.id) {
            res.headers_mut().insert(X_REQUEST_ID, v);
        }
        handles.record(self.method, route, status, elapsed.as_secs_f64());
        tracing::info!(request_id = %id, method = self.method, route, status = status.as_u16(), duration_ms = elapsed.as_secs_f64() * 1000.0, "request");
        res
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_are_32_hex_digits_and_differ() {
        let (a, b) = (super::request_id(), super::request_id());
        assert!(a.iter().all(u8::is_ascii_hexdigit) && b.iter().all(u8::is_ascii_hexdigit));
        assert_eq!(a.get(..16), b.get(..16), "one prefix per process");
        assert_ne!(a, b);
        let mut out = [0u8; 16];
        super::hex16(0x0123_4567_89ab_cdef, &mut out);
        assert_eq!(&out, b"0123456789abcdef");
        super::hex16(42, &mut out);
        assert_eq!(&out, format!("{:016x}", 42).as_bytes());
    }
}
