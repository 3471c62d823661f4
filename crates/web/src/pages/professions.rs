//! Profession search and detail pages.

use axum::extract::{Path, Query};
use axum::response::Response;
use domain::reference::Kind;
use serde::Deserialize;
use serde_json::json;

use super::PageCtx;
use crate::error::AppError;

/// The search form's query.
#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// Maximum hits shown.
pub const LIMIT: usize = 20;

/// Searches both profession lists.
pub async fn search(p: PageCtx, Query(q): Query<SearchQuery>) -> Result<Response, AppError> {
    let query = q.q.trim().to_owned();
    let hits: Vec<serde_json::Value> = if query.is_empty() {
        Vec::new()
    } else {
        p.app
            .search_index(p.day)
            .search(&query, LIMIT)
            .iter()
            .filter_map(|h| crate::shared::hit_json(&p.app, p.day, h.category, &h.key, Some(h.score)))
            .collect()
    };
    p.render("professions.html", json!({ "q": query, "hits": hits, "searched": !query.is_empty() }))
}

/// One profession with its requirements.
pub async fn detail(p: PageCtx, Path((category, key)): Path<(String, String)>) -> Result<Response, AppError> {
    let kind = match category.as_str() {
        "1" => Kind::ProfessionCat1,
        "2" => Kind::ProfessionCat2,
        _ => return Err(AppError::not_found()),
    };
    let list = p.list(kind)?;
    let item = list.item(&key).ok_or_else(AppError::not_found)?;
    let ctx = json!({
        "category": category,
        "item": item,
        "source": list.source,
        "version": list.version,
        "effective_from": list.effective_from.to_string(),
    });
    p.render("profession.html", ctx)
}
