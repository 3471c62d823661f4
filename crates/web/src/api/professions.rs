//! Profession search and lookup.

use axum::Json;
use axum::extract::{OriginalUri, State};

use super::path::Path;
use serde_json::{Value, json};

use crate::error::{AppError, InvalidField};
use crate::lang::query_value;
use crate::shared::day_asked;
use crate::state::AppState;

/// Searches both lists: `q` (required), `limit` (1-50, default 10), `on`.
pub async fn search(State(app): State<AppState>, OriginalUri(uri): OriginalUri) -> Result<Json<Value>, AppError> {
    let query = uri.query();
    let mut invalid = Vec::new();
    let q = query.and_then(|q| query_value(q, "q")).map(|s| s.trim().to_owned()).unwrap_or_default();
    if q.is_empty() {
        invalid.push(InvalidField { field: "q".into(), problem: "required" });
    } else if q.chars().count() > 200 {
        invalid.push(InvalidField { field: "q".into(), problem: "too_long" });
    }
    let limit = match query.and_then(|q| query_value(q, "limit")) {
        None => 10,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=50).contains(&n) => n,
            _ => {
                invalid.push(InvalidField { field: "limit".into(), problem: "out_of_range" });
                10
            }
        },
    };
    let day = match day_asked(query, &app) {
        Ok(d) => d,
        Err(e) => {
            invalid.extend(e.0.fields);
            app.clock.today()
        }
    };
    if !invalid.is_empty() {
        return Err(AppError::invalid(invalid));
    }
    let hits = app.search_index(day).search(&q, limit);
    let results: Vec<Value> =
        hits.iter().filter_map(|h| crate::shared::hit_json(&app, day, h.category, &h.key, Some(h.score))).collect();
    Ok(Json(json!({ "query": q, "on": day.to_string(), "results": results })))
}

/// One profession: `category` 1 (row number) or 2 (НКЗ code).
pub async fn detail(
    State(app): State<AppState>,
    Path((category, key)): Path<(String, String)>,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, AppError> {
    let kind = super::profession_kind(&category).ok_or_else(AppError::not_found)?;
    let day = day_asked(uri.query(), &app)?;
    let list = app.catalog.in_force(kind, day).ok_or_else(AppError::not_found)?;
    let item = list.item(&key).ok_or_else(AppError::not_found)?;
    Ok(Json(json!({
        "category": category,
        "version": list.version,
        "effective_from": list.effective_from.to_string(),
        "source": list.source,
        "item": item,
    })))
}
