//! The JSON API under `/api/v1`, described by the OpenAPI 3.1 document at `/api/v1/openapi.json`.

mod accounts;
mod answers;
mod applications;
mod cards;
mod cases;
mod eligibility;
mod filed;
pub(crate) mod log;
mod path;
mod professions;
mod reference;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use domain::reference::Kind;
use serde_json::{Value, json};

pub use cards::{jwks, keys_cose};
pub use eligibility::explain;

use crate::error::AppError;
use crate::state::{App, AppState};

/// The API routes, relative to `/api/v1`.
pub fn routes() -> crate::routes::Routes {
    crate::routes::Routes::new("/api/v1")
        .get("/openapi.json", openapi)
        .get("/reference", reference::kinds)
        .get("/reference/{kind}", reference::list)
        .get("/reference/{kind}/versions", reference::versions)
        .get("/professions", professions::search)
        .get("/professions/{category}/{key}", professions::detail)
        .post("/eligibility", eligibility::check)
        .post("/accounts", accounts::sign_up)
        .post("/accounts/verify", accounts::verify)
        .post("/auth/token", accounts::token)
        .delete("/auth/token", accounts::revoke)
        .post("/password-resets", accounts::request_reset)
        .post("/password-resets/confirm", accounts::confirm_reset)
        .get("/me", accounts::me)
        .get("/me/inbox", accounts::inbox)
        .get("/me/sessions", accounts::sessions)
        .get("/me/data", own_data)
        .delete("/me/sessions/{id}", accounts::end_session)
        .get("/applications", applications::list)
        .post("/applications", applications::create)
        .get("/applications/{id}", applications::get)
        .delete("/applications/{id}", applications::delete_draft)
        .patch("/applications/{id}/answers", applications::patch)
        .post("/applications/{id}/mrz", applications::mrz)
        .post("/applications/{id}/documents", applications::upload)
        .get("/applications/{id}/documents/{doc}", applications::download)
        .delete("/applications/{id}/documents/{doc}", applications::remove)
        .post("/applications/{id}/submit", applications::submit)
        .get("/applications/{id}/events", applications::events)
        .get("/applications/{id}/letters", applications::letters)
        .get("/applications/{id}/letters/{n}", applications::letter)
        .get("/applications/{id}/looks", applications::looks)
        .post("/applications/{id}/respond", applications::respond)
        .post("/applications/{id}/claim-code", filed::issue_code)
        .post("/claims", filed::claim)
        .get("/cases", cases::queue)
        .get("/cases/{id}", cases::case)
        .post("/cases/{id}/{action}", cases::act)
        .get("/checks", cases::checks)
        .get("/status-lists/{id}", cards::status_list)
        .post("/verifications", cards::verify)
        .get("/me/cards", cards::mine)
        .post("/me/cards/{number}/passport", cards::report_passport)
        .post("/registry/citizenship", cards::citizenship)
        .post("/registry/citizenship/withdrawals", cards::withdraw_citizenship)
        .post("/checks/{id}", cases::answer)
        .get("/log/proofs/inclusion", log::inclusion)
        .get("/log/proofs/consistency", log::consistency)
        .get("/log/checkpoints/{size}", log::checkpoint_of)
        .get("/log/entries", log::entries)
        .get("/log/entries/{seq}", log::entry)
        .get("/log/export", log::export)
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
    if let Some(detail) = app.i18n.retry_detail(lang, err) {
        set(&mut body, "detail", Value::String(detail));
    }
    let mut res = (crate::error::status_of(err.code), axum::Json(body)).into_response();
    crate::error::set_retry_after(&mut res, err);
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
