//! Case work over JSON, for officers', supervisors' and agencies' own systems: the same rules as the
//! pages ([`service::cases`]), with a bearer token (staff tokens need the second factor).

use domain::case::CaseAction;
use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};

use super::path::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::accounts::read_strings;
use crate::auth::ApiUser;
use crate::error::{AppError, ErrorCode};
use crate::lang::serde_urlencoded_pairs;
use crate::state::AppState;
use service::cases;

fn summary(app: &AppState, a: &store::Application) -> Value {
    json!({
        "id": a.id,
        "reference": a.reference,
        "status": a.status,
        "channel": a.channel,
        "due_on": a.due_on,
        "working_days_left": a.due_on.as_deref().and_then(|d| cases::days_left(app, d)),
    })
}

/// GET /cases: one page of the caller's office queue.
pub async fn queue(State(app): State<AppState>, user: ApiUser, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let params: HashMap<String, String> =
        q.as_deref().map(serde_urlencoded_pairs).unwrap_or_default().into_iter().collect();
    let filter = cases::filter_from(&params, app.clock.today());
    let page = filter.page;
    let found = cases::queue(&app, &user.user, filter).await?;
    let items: Vec<Value> = found.rows.iter().map(|a| summary(&app, a)).collect();
    Ok(Json(json!({ "cases": items, "total": found.counted, "more": found.more, "page": page, "per_page": 25 }))
        .into_response())
}

/// GET /cases/{id}: the case with its answers, documents and their reviews, checks, notes and history.
pub async fn case(State(app): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> Result<Response, AppError> {
    let a = cases::open(&app, &user.user, id).await?;
    let mut v = summary(&app, &a);
    crate::api::set(&mut v, "iin", json!(a.iin));
    crate::api::set(&mut v, "answers", a.answers.clone());
    crate::api::set(&mut v, "documents", json!(app.store.documents(id).await?));
    crate::api::set(&mut v, "reviews", json!(app.store.reviews(id).await?));
    crate::api::set(&mut v, "checks", json!(app.store.checks(id).await?));
    crate::api::set(&mut v, "notes", json!(app.store.notes(id).await?));
    crate::api::set(&mut v, "events", json!(app.store.events(id).await?));
    crate::api::set(&mut v, "duplicates", json!(app.store.duplicates(id).await?));
    Ok(Json(v).into_response())
}

const ACTION_FIELDS: [&str; 9] =
    ["items", "reason", "iin", "ground", "note", "document", "verdict", "office", "reference"];

/// POST /cases/{id}/{action}: `checks`, `corrections`, `iin`, `grant`, `refuse`, `countersign`,
/// `return`, `note`, `review`.
pub async fn act(
    State(app): State<AppState>,
    user: ApiUser,
    Path((id, action)): Path<(i64, String)>,
    body: Bytes,
) -> Result<Response, AppError> {
    let action = CaseAction::parse(&action).ok_or_else(AppError::not_found)?;
    let f = if body.is_empty() { HashMap::new() } else { read_strings(&body, &ACTION_FIELDS)? };
    let a = cases::load(&app, &user.user, id).await?;
    cases::run_action(&app, &user.user, &a, action, |k| f.get(k).cloned().unwrap_or_default()).await?;
    let a = app.store.application(id).await?.ok_or_else(AppError::not_found)?;
    Ok(Json(summary(&app, &a)).into_response())
}

/// GET /checks: the agency's open requests, with only what a check needs.
pub async fn checks(State(app): State<AppState>, user: ApiUser) -> Result<Response, AppError> {
    service::policy::check_view(&user.user, service::policy::View::Checks)?;
    let Some((agency, _)) = cases::AGENCIES.iter().find(|(_, role)| *role == user.user.role) else {
        return Err(AppError::code(ErrorCode::Forbidden));
    };
    let mut out = Vec::new();
    for c in app.store.open_checks(agency).await? {
        if let Some(a) = app.store.application(c.application_id).await? {
            out.push(
                json!({ "id": c.id, "due_on": c.due_on, "reference": a.reference, "person": cases::check_view(&a) }),
            );
        }
    }
    Ok(Json(json!({ "agency": agency, "checks": out })).into_response())
}

/// POST /checks/{id}: the agency's answer `{result, reference}`.
pub async fn answer(
    State(app): State<AppState>,
    user: ApiUser,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = read_strings(&body, &["result", "reference"])?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    let moved = cases::answer_check(&app, &user.user, id, get("result"), get("reference")).await?;
    Ok((StatusCode::OK, Json(json!({ "recorded": true, "case_moved_on": moved }))).into_response())
}
