//! The HTTP surface of atajoly: server-rendered pages for people and the JSON API under `/api/v1`.

mod api;
pub mod auth;
mod error;
mod fragments;
mod lang;
mod middleware;
mod ops;
mod pages;
mod render;
mod shared;
mod state;

use axum::Router;
use axum::routing::get;

pub use error::{AppError, ErrorCode};
pub use state::{AppState, Web};

/// Builds the whole router over the service; `main` and the tests both call this.
pub fn build_router(app: std::sync::Arc<service::App>) -> Router {
    ops::prometheus();
    let state = Web::new(app);
    let pages = pages::router();
    let api = api::router();
    Router::new()
        .merge(pages)
        .nest("/api/v1", api)
        .route("/.well-known/atajoly/keys.cose", get(api::keys_cose))
        .route("/.well-known/atajoly/jwks.json", get(api::jwks))
        .route("/.well-known/atajoly/log/checkpoint", get(api::log::checkpoint))
        .route("/.well-known/atajoly/log/vkey", get(api::log::vkey))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/assets/{file}", get(ops::asset))
        .fallback(pages::not_found)
        .layer(middleware::EdgeLayer::new(state.clone()))
        .with_state(state)
}

/// Every template's name and source (for the message-usage test).
pub fn template_sources() -> &'static [(&'static str, &'static str)] {
    render::TEMPLATES
}
