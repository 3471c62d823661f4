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
pub mod routes;
mod shared;
mod state;

use axum::Router;

pub use error::{AppError, ErrorCode};
pub use pages::cookies_set;
pub use state::{AppState, Web};

/// Builds the whole router over the service; `main` and the tests both call this.
pub fn build_router(app: std::sync::Arc<service::App>) -> Router {
    ops::prometheus();
    let state = Web::new(app);
    all_routes()
        .into_router()
        .fallback(pages::not_found)
        .layer(middleware::EdgeLayer::new(state.clone()))
        .with_state(state)
}

/// Every route, registered through the route table (`routes::TABLE`).
fn all_routes() -> routes::Routes {
    routes::Routes::new("")
        .merge(pages::routes())
        .merge(api::routes())
        .get("/.well-known/atajoly/keys.cose", api::keys_cose)
        .get("/.well-known/atajoly/jwks.json", api::jwks)
        .get("/.well-known/atajoly/log/checkpoint", api::log::checkpoint)
        .get("/.well-known/atajoly/log/vkey", api::log::vkey)
        .get("/healthz", ops::healthz)
        .get("/readyz", ops::readyz)
        .get("/metrics", ops::metrics)
        .get("/assets/{file}", ops::asset)
}

/// Route table entries that no router serves (a test fails on any; one missing from the table stops
/// the router from being built).
pub fn route_table_gaps() -> Vec<String> {
    routes::gaps(&all_routes())
}

/// Every template's name and source (for the message-usage test).
pub fn template_sources() -> &'static [(&'static str, &'static str)] {
    render::TEMPLATES
}
