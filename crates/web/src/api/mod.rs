//! The JSON API under `/api/v1`, described by the OpenAPI 3.1 document at `/api/v1/openapi.json`.

mod accounts;
mod answers;
mod applications;
mod cards;
mod cases;
mod eligibility;
pub(crate) mod log;
mod professions;
mod reference;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use domain::Lang;
use domain::reference::Kind;
use serde_json::{Value, json};

pub use cards::{jwks, keys_cose};
pub use eligibility::explain;

use crate::error::AppError;
use crate::state::{App, AppState};

/// The API routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/reference", get(reference::kinds))
        .route("/reference/{kind}", get(reference::list))
        .route("/reference/{kind}/versions", get(reference::versions))
        .route("/professions", get(professions::search))
        .route("/professions/{category}/{key}", get(professions::detail))
        .route("/eligibility", post(eligibility::check))
        .route("/accounts", post(accounts::sign_up))
        .route("/accounts/verify", post(accounts::verify))
        .route("/auth/token", post(accounts::token).delete(accounts::revoke))
        .route("/password-resets", post(accounts::request_reset))
        .route("/password-resets/confirm", post(accounts::confirm_reset))
        .route("/me", get(accounts::me))
        .route("/me/inbox", get(accounts::inbox))
        .route("/me/sessions", get(accounts::sessions))
        .route("/me/data", get(own_data))
        .route("/me/sessions/{id}", axum::routing::delete(accounts::end_session))
        .route("/applications", get(applications::list).post(applications::create))
        .route("/applications/{id}", get(applications::get).delete(applications::delete_draft))
        .route("/applications/{id}/answers", axum::routing::patch(applications::patch))
        .route("/applications/{id}/mrz", post(applications::mrz))
        .route("/applications/{id}/documents", post(applications::upload))
        .route("/applications/{id}/documents/{doc}", get(applications::download).delete(applications::remove))
        .route("/applications/{id}/submit", post(applications::submit))
        .route("/applications/{id}/events", get(applications::events))
        .route("/applications/{id}/looks", get(applications::looks))
        .route("/applications/{id}/respond", post(applications::respond))
        .route("/cases", get(cases::queue))
        .route("/cases/{id}", get(cases::case))
        .route("/cases/{id}/{action}", post(cases::act))
        .route("/checks", get(cases::checks))
        .route("/status-lists/{id}", get(cards::status_list))
        .route("/verifications", post(cards::verify))
        .route("/me/cards", get(cards::mine))
        .route("/me/cards/{number}/passport", post(cards::report_passport))
        .route("/registry/citizenship", post(cards::citizenship))
        .route("/registry/citizenship/withdrawals", post(cards::withdraw_citizenship))
        .route("/checks/{id}", post(cases::answer))
        .route("/log/proofs/inclusion", get(log::inclusion))
        .route("/log/proofs/consistency", get(log::consistency))
        .route("/log/checkpoints/{size}", get(log::checkpoint_of))
        .route("/log/entries", get(log::entries))
        .route("/log/entries/{seq}", get(log::entry))
        .route("/log/export", get(log::export))
        .fallback(|| async { AppError::not_found() })
}

/// The OpenAPI document, embedded.
pub fn openapi_document() -> Value {
    serde_json::from_str(include_str!("../../openapi.json")).unwrap_or(Value::Null)
}

async fn openapi() -> Response {
    let mut res = axum::Json(openapi_document()).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    res
}

/// Sets `key` on a JSON object (no-op on anything else).
pub(crate) fn set(obj: &mut Value, key: &str, value: Value) {
    if let Some(o) = obj.as_object_mut() {
        o.insert(key.to_owned(), value);
    }
}

/// An RFC 9457 problem details response for `err`, in `lang`.
pub fn problem(app: &App, lang: Lang, err: &service::AppError, request_id: &str, instance: &str) -> Response {
    let errors: Vec<Value> = err
        .fields
        .iter()
        .map(|f| {
            let message = app.i18n.problem_of(lang, err, f);
            json!({ "field": f.field, "code": f.problem, "message": message })
        })
        .collect();
    let mut body = json!({
        "type": format!("https://atajoly.kz/problems/{}", err.code.code()),
        "title": app.i18n.t(lang, err.code.message_id()),
        "status": crate::error::status_of(err.code).as_u16(),
        "code": err.code.code(),
        "instance": instance,
        "request_id": request_id,
    });
    if !errors.is_empty() {
        set(&mut body, "errors", Value::Array(errors));
    }
    let mut res = (crate::error::status_of(err.code), axum::Json(body)).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    res.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    res
}

/// Used by [`explain`]: the kind of a category's profession list.
pub(crate) fn profession_kind(category: &str) -> Option<Kind> {
    match category {
        "1" => Some(Kind::ProfessionCat1),
        "2" => Some(Kind::ProfessionCat2),
        _ => None,
    }
}

/// GET /me/data: everything kept about the signed-in person, as one tar archive.
async fn own_data(
    axum::extract::State(app): axum::extract::State<AppState>,
    user: crate::auth::ApiUser,
) -> Result<Response, AppError> {
    crate::shared::archive_response(&app, &user.user).await
}
