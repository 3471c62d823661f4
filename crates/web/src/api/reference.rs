//! Reference data endpoints.

use axum::Json;
use axum::extract::{OriginalUri, State};

use super::path::Path;
use domain::reference::Kind;
use serde_json::{Value, json};

use crate::error::AppError;
use crate::shared::day_asked;
use crate::state::AppState;

fn kind_of(s: &str) -> Result<Kind, AppError> {
    Kind::parse(s).ok_or_else(AppError::not_found)
}

/// Every kind of list with the version in force on the day asked.
pub async fn kinds(State(app): State<AppState>, OriginalUri(uri): OriginalUri) -> Result<Json<Value>, AppError> {
    let day = day_asked(uri.query(), &app)?;
    let lists: Vec<Value> = Kind::ALL
        .iter()
        .map(|k| {
            let v = app.catalog.in_force(*k, day);
            json!({
                "kind": k,
                "version": v.map(|v| v.version.clone()),
                "effective_from": v.map(|v| v.effective_from.to_string()),
                "items": v.map_or(0, |v| v.items.len()),
                "href": format!("/api/v1/reference/{}", k.as_str()),
            })
        })
        .collect();
    Ok(Json(json!({ "on": day.to_string(), "lists": lists })))
}

/// One list in the version in force on the day asked, every language.
pub async fn list(
    State(app): State<AppState>,
    Path(kind): Path<String>,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, AppError> {
    let kind = kind_of(&kind)?;
    let day = day_asked(uri.query(), &app)?;
    let v = app.catalog.in_force(kind, day).ok_or_else(AppError::not_found)?;
    let mut body = serde_json::to_value(v).map_err(|e| AppError::internal(&e))?;
    super::set(&mut body, "on", json!(day.to_string()));
    Ok(Json(body))
}

/// Every stored version of a list, as the database holds them.
pub async fn versions(State(app): State<AppState>, Path(kind): Path<String>) -> Result<Json<Value>, AppError> {
    let kind = kind_of(&kind)?;
    let versions = app.store.list_versions(kind).await?;
    Ok(Json(json!({ "kind": kind, "versions": versions })))
}
