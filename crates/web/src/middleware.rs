//! Cross-cutting layers: request ids, metrics and logs; security headers; language and error rendering.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::lang::{ReqLang, RequestId, negotiate};
use crate::state::AppState;

/// Gives each request an id, then records its metrics and a structured log line.
pub async fn observe(mut req: Request<Body>, next: Next) -> Response {
    let id = uuid::Uuid::new_v4().simple().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let start = Instant::now();
    let mut res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status().as_u16();
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", v);
    }
    let labels = [("method", method.to_string()), ("route", route.clone()), ("status", status.to_string())];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels[..2]).record(elapsed.as_secs_f64());
    tracing::info!(request_id = %id, %method, route, status, duration_ms = elapsed.as_secs_f64() * 1000.0, "request");
    res
}

/// Headers every response carries: a strict CSP (no inline script), no sniffing, no framing.
pub async fn security_headers(req: Request<Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &'static str| {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(h, "x-frame-options", "DENY");
    set(h, "permissions-policy", "camera=(self), geolocation=(), microphone=()");
    set(h, "cross-origin-opener-policy", "same-origin");
    res
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
    next.run(Request::from_parts(parts, body)).await
}
