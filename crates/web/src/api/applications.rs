//! Applications over JSON (the mobile app and intermediaries' systems): the same rules as the pages.
//! Creation and submission take an `Idempotency-Key`; uploads are `multipart/form-data` and stream.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, State};

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use serde_json::{Value, json};
use store::Application;

use super::accounts::read_strings;
use crate::auth::ApiUser;
use crate::error::AppError;
use crate::lang::ReqLang;
use crate::state::AppState;
use service::applications::{self, OnBehalf};

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    match headers.get("idempotency-key").map(|v| v.to_str().map(str::trim)) {
        None => Ok(None),
        Some(Ok(k)) if !k.is_empty() && k.len() <= 100 => Ok(Some(k.to_owned())),
        Some(_) => Err(AppError::field("Idempotency-Key", "invalid")),
    }
}

/// An application as the API shows it.
fn view(state: &AppState, a: &Application, docs: &[store::Document]) -> Value {
    let answers = applications::answers(a);
    let problems: Vec<Value> = applications::problems(state, a, docs)
        .into_iter()
        .map(|p| json!({ "field": p.field, "code": p.problem }))
        .collect();
    json!({
        "id": a.id,
        "reference": a.reference,
        "status": a.status,
        "channel": a.channel,
        "office": a.office,
        "applicant_email": a.applicant_email,
        "notify_office": a.notify_office,
        "version": a.version,
        "answers": answers,
        "reopened": a.reopened,
        "documents": applications::checklist(&answers, docs),
        "missing": problems,
    })
}

/// The application as the API shows it, with its documents, as the response.
async fn shown(app: &AppState, a: &Application) -> Result<Response, AppError> {
    let docs = app.store.documents(a.id).await?;
    Ok(Json(view(app, a, &docs)).into_response())
}

/// POST /applications
pub async fn create(
    State(app): State<AppState>,
    ReqLang(lang): ReqLang,
    user: ApiUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    let f = if body.is_empty() { HashMap::new() } else { read_strings(&body, &["applicant_email", "notify_office"])? };
    let on_behalf = OnBehalf {
        applicant_email: f.get("applicant_email").cloned(),
        notify_office: f.get("notify_office").is_some_and(|v| v == "yes" || v == "true"),
    };
    let a = applications::create(&app, &user.user, Some(on_behalf), "app", lang, key).await?;
    Ok((StatusCode::CREATED, Json(view(&app, &a, &[]))).into_response())
}

/// GET /applications
pub async fn list(State(app): State<AppState>, user: ApiUser) -> Result<Response, AppError> {
    let apps = applications::list(&app, &user.user).await?;
    let items: Vec<Value> = apps
        .iter()
        .map(|a| json!({ "id": a.id, "reference": a.reference, "status": a.status, "updated_at": a.updated_at }))
        .collect();
    Ok(Json(json!({ "applications": items })).into_response())
}

/// GET /applications/{id}
pub async fn get(State(app): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    shown(&app, &acc.app).await
}

/// DELETE /applications/{id}: deletes a draft (its answers and files), as its owner or the office that
/// filed it may; a filed application answers 409.
pub async fn delete_draft(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    service::retention::delete_draft(&app, &acc, &user.user).await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

/// PATCH /applications/{id}/answers: some fields; all valid or nothing saved. `If-Match: <version>`
/// guards against overwriting a change made elsewhere.
pub async fn patch(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let names: Vec<&str> = domain::application::Step::ALL.iter().flat_map(|s| s.fields()).map(|(f, _)| *f).collect();
    let values = read_strings(&body, &names)?;
    let version = match headers.get("if-match").and_then(|v| v.to_str().ok()) {
        Some(v) => Some(v.trim_matches('"').parse::<i64>().map_err(|_| AppError::field("If-Match", "invalid"))?),
        None => None,
    };
    let a = applications::save_fields(&app, &acc, &values, version).await?;
    shown(&app, &a).await
}

/// POST /applications/{id}/mrz
pub async fn mrz(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let f = read_strings(&body, &["mrz"])?;
    let a = applications::fill_from_mrz(&app, &acc, f.get("mrz").map_or("", String::as_str)).await?;
    shown(&app, &a).await
}

/// POST /applications/{id}/documents (multipart: `item`, `role`, `foreign_language`, then `file`).
pub async fn upload(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let mut multipart = multipart.map_err(|r| crate::error::not_multipart(&r))?;
    let mut fields: HashMap<String, String> = HashMap::new();
    while let Some(part) = multipart.next_field().await.map_err(|e| crate::error::multipart_error(&e))? {
        let name = part.name().unwrap_or_default().to_owned();
        if name == "file" {
            let meta = service::uploads::UploadMeta {
                item: fields.get("item").cloned().unwrap_or_default(),
                role: fields.get("role").cloned().unwrap_or_else(|| "original".into()),
                foreign_language: fields.get("foreign_language").is_some_and(|v| v == "true" || v == "yes"),
                filename: part.file_name().unwrap_or_default().to_owned(),
            };
            let d = service::uploads::store_upload(
                &app,
                &acc,
                &meta,
                part.map(|r| r.map_err(|e| crate::error::multipart_error(&e))),
            )
            .await?;
            return Ok((StatusCode::CREATED, Json(json!(d))).into_response());
        }
        if fields.len() < 8 {
            let text = part.text().await.map_err(|e| crate::error::multipart_error(&e))?;
            fields.insert(name, text.chars().take(200).collect());
        }
    }
    Err(AppError::field("file", "required"))
}

/// GET /applications/{id}/documents/{doc}
pub async fn download(
    State(app): State<AppState>,
    user: ApiUser,
    Path((id, doc)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    crate::shared::file_response(&app, acc.app.id, doc).await
}

/// DELETE /applications/{id}/documents/{doc}
pub async fn remove(
    State(app): State<AppState>,
    user: ApiUser,
    Path((id, doc)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    applications::remove_upload(&app, &acc, doc).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// POST /applications/{id}/submit: files the application; repeating it returns the same result.
pub async fn submit(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    idempotency_key(&headers)?;
    let acc = applications::load(&app, &user.user, id).await?;
    let a = applications::submit(&app, &acc, &user.user).await?;
    shown(&app, &a).await
}

/// GET /applications/{id}/events: the history.
pub async fn events(State(app): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let events = applications::history_for_applicant(&app, &acc).await?;
    Ok(Json(json!({ "events": events })).into_response())
}

/// GET /applications/{id}/letters: the decision letters, oldest first, each with its subject and text
/// (the e-mail's, word for word the PDF's).
pub async fn letters(State(app): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let mut out = Vec::new();
    for e in service::letters::list(&app, &acc).await? {
        let l = service::letters::open(&app, &acc, e.n).await?;
        out.push(
            json!({ "n": e.n, "kind": e.kind, "at": e.at, "lang": l.lang, "subject": l.subject, "text": l.text() }),
        );
    }
    Ok(Json(json!({ "letters": out })).into_response())
}

/// GET /applications/{id}/letters/{n}: letter `n` as a PDF.
pub async fn letter(
    State(app): State<AppState>,
    user: ApiUser,
    Path((id, n)): Path<(i64, usize)>,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let l = service::letters::open(&app, &acc, n).await?;
    crate::shared::letter_response(&l, acc.app.reference.as_deref(), n)
}

/// GET /applications/{id}/looks: who (office and role) opened the application, its documents or its
/// card, and when, newest first.
pub async fn looks(State(app): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let looks = service::audit::looks(&app, acc.app.id).await?;
    Ok(Json(json!({ "looks": looks })).into_response())
}

/// POST /applications/{id}/respond: `{response}` to an intended refusal, while its window is open.
pub async fn respond(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let f = read_strings(&body, &["response"])?;
    applications::respond_to_refusal(&app, &acc, &user.user, f.get("response").map_or("", String::as_str)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
