//! Operations: liveness, readiness, Prometheus metrics, embedded assets.

use std::sync::OnceLock;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::state::AppState;

/// How often the recorder's pending histogram samples are folded into their buckets.
const UPKEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Installs the Prometheus recorder once per process, with a thread that keeps its memory bounded, and
/// returns its handle.
pub fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets(&[0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5])
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be installed (tests build many apps in one process).
        let _ = metrics::set_global_recorder(recorder);
        // A recorder built this way keeps every histogram sample until a scrape or an upkeep folds it
        // into the buckets: with no scraper, memory grew by each request's samples (the hour's soak,
        // docs/reliability.md "Load"). Fold them every few seconds, whether or not anyone scrapes.
        let upkeep = handle.clone();
        let _ = std::thread::Builder::new().name("metrics-upkeep".into()).spawn(move || {
            loop {
                std::thread::sleep(UPKEEP_EVERY);
                upkeep.run_upkeep();
            }
        });
        handle
    })
}

/// Liveness: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers and reference data is loaded.
pub async fn readyz(State(app): State<AppState>) -> Response {
    let db = app.store.ping().await.is_ok();
    let data = app.catalog.all().next().is_some();
    let body = serde_json::json!({ "database": db, "reference_data": data, "backend": app.store.backend() });
    let status = if db && data { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(body)).into_response()
}

/// Prometheus metrics in the text exposition format.
///
/// Not public (request counts by route and status tell an attacker what works): the scraper gives the
/// `metrics_token` as a bearer token, or connects from the machine itself with no proxy in between.
/// Anyone else is told there is nothing here.
pub async fn metrics(State(app): State<AppState>, parts: axum::http::request::Parts) -> Response {
    let token = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let by_token = match (&app.settings.metrics_token, token) {
        (Some(want), Some(got)) => service::auth::digest(want) == service::auth::digest(got),
        _ => false,
    };
    let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
    let local = peer.is_some_and(|p| p.is_loopback()) && !parts.headers.contains_key("x-forwarded-for");
    if !(by_token || local) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let body = prometheus().render();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

/// Assets embedded in the binary.
const ASSETS: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
    ("verify.js", "text/javascript; charset=utf-8", include_str!("../assets/verify.js")),
];

/// Serves an embedded asset with a long cache lifetime.
pub async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => {
            let mut res = (*body).into_response();
            res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
            res
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
