//! Cross-cutting layers: request ids, metrics and logs; security headers; language and error rendering.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::lang::{ReqLang, RequestId, negotiate};
use crate::state::AppState;

const X_REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

/// A request id: 16 hex digits drawn at start (so instances differ) and a 16-digit counter. Unique
/// without a system call per request.
fn request_id() -> String {
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
    format!("{prefix:016x}{:016x}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

fn method_label(m: &axum::http::Method) -> &'static str {
    match *m {
        axum::http::Method::GET => "GET",
        axum::http::Method::POST => "POST",
        axum::http::Method::PUT => "PUT",
        axum::http::Method::PATCH => "PATCH",
        axum::http::Method::DELETE => "DELETE",
        axum::http::Method::HEAD => "HEAD",
        axum::http::Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Copies the matched route onto the response, so that [`observe`] (outside the router) can label
/// metrics and logs with the route rather than the raw path.
pub async fn matched_route(req: Request<Body>, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().cloned();
    let mut res = next.run(req).await;
    if let Some(r) = route {
        res.extensions_mut().insert(r);
    }
    res
}

/// Gives each request an id, sets the security headers, then records its metrics and a structured log
/// line.
pub async fn observe(mut req: Request<Body>, next: Next) -> Response {
    let id = request_id();
    req.extensions_mut().insert(RequestId(id.clone()));
    let method = method_label(req.method());
    let start = Instant::now();
    let mut res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status();
    let route = res.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    security_headers(res.headers_mut());
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(X_REQUEST_ID, v);
    }
    let code = status.as_str().to_owned();
    metrics::counter!("http_requests_total", "method" => method, "route" => route.clone(), "status" => code)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route.clone())
        .record(elapsed.as_secs_f64());
    tracing::info!(request_id = %id, method, route, status = status.as_u16(), duration_ms = elapsed.as_secs_f64() * 1000.0, "request");
    res
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
    for (k, v) in HEADERS {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    }
}

/// Chooses the request's language (remembering an explicit choice in a cookie) and renders errors:
/// problem details under `/api/`, a page elsewhere.
pub async fn language(State(app): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let (lang, explicit) = negotiate(&parts);
    parts.extensions.insert(ReqLang(lang));
    let request_id = parts.extensions.get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let is_api = parts.uri.path().starts_with("/api/");
    let path = parts.uri.path().to_owned();
    let mut res = next.run(Request::from_parts(parts, body)).await;
    if let Some(err) = res.extensions_mut().remove::<AppError>() {
        res = if is_api {
            crate::api::problem(&app, lang, &err, &request_id, &path)
        } else {
            crate::pages::error_page(&app, lang, &err, &request_id)
        };
    }
    if explicit {
        let secure = if app.settings.cookie_secure { "; Secure" } else { "" };
        let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}", lang.code());
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    if !is_api {
        res.headers_mut().entry(header::CONTENT_LANGUAGE).or_insert(HeaderValue::from_static(lang.code()));
        res.headers_mut().append(header::VARY, HeaderValue::from_static("accept-language, cookie"));
    }
    res.into_response()
}

/// Whether a request may carry a file: the document uploads, pages and API.
fn takes_files(req: &Request<Body>) -> bool {
    let p = req.uri().path();
    req.method() == axum::http::Method::POST
        && p.ends_with("/documents")
        && (p.starts_with("/applications/") || p.starts_with("/api/v1/applications/"))
}

/// Limits request bodies: 64 KiB, or for uploads the file limit plus room for the other form fields.
/// A declared length over the limit is refused at once; an undeclared one is cut off as it streams.
pub async fn body_limit(State(app): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let limit = if takes_files(&req) {
        usize::try_from(app.settings.max_file_bytes).unwrap_or(usize::MAX).saturating_add(64 * 1024)
    } else {
        64 * 1024
    };
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return AppError::code(crate::error::ErrorCode::PayloadTooLarge).into_response();
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    let res = next.run(Request::from_parts(parts, body)).await;
    // A body cut off as it streamed is refused by the extractor that read it, in plain text: answer
    // with the service's own error instead (problem details on the API, a page on the site).
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE && res.extensions().get::<AppError>().is_none() {
        return AppError::code(crate::error::ErrorCode::PayloadTooLarge).into_response();
    }
    res
}
