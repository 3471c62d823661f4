//! A browsable page of the API, rendered from the OpenAPI document (no JavaScript needed).

use axum::response::Response;
use serde_json::json;

use super::PageCtx;
use crate::error::AppError;

/// Lists every operation of the OpenAPI document with its parameters and responses.
pub async fn docs(p: PageCtx) -> Result<Response, AppError> {
    let doc = crate::api::openapi_document();
    let mut ops = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(|v| v.as_object()) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            // Paths outside the API (the published key sets) name their own server.
            let base = if item.contains_key("servers") { "" } else { "/api/v1" };
            for (method, op) in
                item.iter().filter(|(k, _)| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
            {
                let params: Vec<serde_json::Value> = op
                    .get("parameters")
                    .and_then(|v| v.as_array())
                    .map(|ps| ps.iter().map(|p| json!({"name": p.get("name"), "in": p.get("in"), "required": p.get("required"), "description": p.get("description")})).collect())
                    .unwrap_or_default();
                let responses: Vec<serde_json::Value> = op
                    .get("responses")
                    .and_then(|v| v.as_object())
                    .map(|rs| {
                        rs.iter().map(|(code, r)| json!({"code": code, "description": r.get("description")})).collect()
                    })
                    .unwrap_or_default();
                ops.push(json!({
                    "method": method.to_uppercase(),
                    "path": format!("{base}{path}"),
                    "summary": op.get("summary"),
                    "description": op.get("description"),
                    "params": params,
                    "responses": responses,
                    "body": op.get("requestBody").is_some(),
                }));
            }
        }
    }
    p.render(
        "api_docs.html",
        json!({ "ops": ops, "title": doc.pointer("/info/title"), "version": doc.pointer("/info/version") }),
    )
}
