//! The documents of an application: the checklist, uploads streamed to the encrypted store, removal
//! and download.

use std::collections::HashMap;

use axum::extract::{Multipart, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::reference::Kind;
use futures_util::StreamExt as _;
use serde_json::{Value, json};

use super::{SignedIn, SignedPost, access};
use crate::auth;
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::pages::PageCtx;
use service::applications::{self, Access};

/// GET /applications/{id}/documents
pub async fn documents(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    render_documents(&ctx, &acc, &session.csrf, &service::AppError::invalid([]), None).await
}

async fn render_documents(
    ctx: &PageCtx,
    acc: &Access,
    csrf: &str,
    error: &service::AppError,
    item_with_error: Option<&str>,
) -> Result<Response, AppError> {
    let a = &acc.app;
    let errors = &error.fields;
    let text = |e: &InvalidField| ctx.app.i18n.problem_of(ctx.lang, error, e);
    let docs = ctx.app.store.documents(a.id).await?;
    let answers = applications::answers(a);
    let list = ctx.list(Kind::Document)?;
    let items: Vec<Value> = applications::checklist(&answers, &docs)
        .into_iter()
        .map(|c| {
            let name = list.item(c.item).map_or_else(|| c.item.to_owned(), |i| i.name.get(ctx.lang).to_owned());
            let files: Vec<Value> = c
                .files
                .iter()
                .map(|d| {
                    json!({
                        "id": d.id,
                        "name": d.filename,
                        "role": ctx.t(&format!("app-doc-role-{}", d.role)),
                        "foreign": d.foreign_language,
                        "size": format!("{:.1} MB", d.size as f64 / 1_048_576.0),
                        "href": format!("/applications/{}/documents/{}", a.id, d.id),
                    })
                })
                .collect();
            let err = if item_with_error == Some(c.item) {
                errors.iter().map(text).collect::<Vec<_>>().join(" ")
            } else {
                String::new()
            };
            json!({
                "item": c.item,
                "id": c.item.replace('_', "-"),
                "name": name,
                "files": files,
                "problem": c.problem.map(|p| ctx.t(&format!("app-doc-{}", p.replace('_', "-")))),
                "editable": applications::editable(a, &format!("doc:{}", c.item)),
                "error": err,
            })
        })
        .collect();
    let summary: Vec<Value> = match item_with_error {
        Some(item) => errors
            .iter()
            .map(|e| json!({ "href": format!("#file-{}", item.replace('_', "-")), "text": text(e) }))
            .collect(),
        None => vec![],
    };
    let mut res = ctx.render(
        "app_documents.html",
        json!({
            "id": a.id,
            "items": items,
            "csrf": csrf,
            "errors": summary,
            "max_mb": ctx.app.settings.max_file_bytes / 1_048_576,
        }),
    )?;
    if !errors.is_empty() {
        *res.status_mut() = if errors.iter().any(|e| e.problem == "too_large") {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
    }
    Ok(crate::pages::private(res, false))
}

/// POST /applications/{id}/documents (multipart: `csrf`, `item`, `role_choice`, then `file`). The file
/// streams to the encrypted store; the other fields must come first.
pub async fn upload(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let mut multipart = multipart.map_err(|r| crate::error::not_multipart(&r))?;
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut result: Option<Result<store::Document, AppError>> = None;
    while let Some(part) = multipart.next_field().await.map_err(|e| crate::error::multipart_error(&e))? {
        let name = part.name().unwrap_or_default().to_owned();
        if name == "file" {
            auth::check_session_csrf(&session, fields.get("csrf"))?;
            let choice = fields.get("role_choice").map_or("original-kk", String::as_str);
            let meta = service::uploads::UploadMeta {
                item: fields.get("item").cloned().unwrap_or_default(),
                role: if choice == "translation" { "translation" } else { "original" }.to_owned(),
                foreign_language: choice == "original-foreign",
                filename: part.file_name().unwrap_or_default().to_owned(),
            };
            result = Some(
                service::uploads::store_upload(
                    &ctx.app,
                    &acc,
                    &meta,
                    part.map(|r| r.map_err(|e| crate::error::multipart_error(&e))),
                )
                .await
                .map_err(AppError::from),
            );
            break;
        }
        if fields.len() < 8 {
            let text = part.text().await.map_err(|e| crate::error::multipart_error(&e))?;
            fields.insert(name, text.chars().take(200).collect());
        }
    }
    let item = fields.get("item").cloned().unwrap_or_default();
    match result {
        Some(Ok(_)) if item == service::hearings::RESPONSE_ITEM => {
            Ok(Redirect::to(&format!("/applications/{id}#intended-refusal")).into_response())
        }
        Some(Ok(_)) => {
            Ok(Redirect::to(&format!("/applications/{id}/documents#item-{}", item.replace('_', "-"))).into_response())
        }
        Some(Err(e)) if e.code == ErrorCode::Validation => {
            render_documents(&ctx, &acc, &session.csrf, &e, Some(item.as_str())).await
        }
        // The malware scanner is down: the page says to try again later, with nothing kept.
        Some(Err(e)) if e.code == ErrorCode::Unavailable && !e.fields.is_empty() => {
            let mut res = render_documents(&ctx, &acc, &session.csrf, &e, Some(item.as_str())).await?;
            *res.status_mut() = axum::http::StatusCode::SERVICE_UNAVAILABLE;
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("60"));
            Ok(res)
        }
        Some(Err(e)) => Err(e),
        None => {
            auth::check_session_csrf(&session, fields.get("csrf"))?;
            let required = service::AppError::invalid([InvalidField { field: "file".into(), problem: "required" }]);
            render_documents(&ctx, &acc, &session.csrf, &required, Some(item.as_str())).await
        }
    }
}

/// POST /applications/{id}/documents/{doc}/delete
pub async fn delete_document(
    ctx: PageCtx,
    SignedPost { user, path: (id, doc), .. }: SignedPost<(i64, i64)>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    applications::remove_upload(&ctx.app, &acc, doc).await?;
    Ok(Redirect::to(&format!("/applications/{id}/documents")).into_response())
}

/// GET /applications/{id}/documents/{doc}: the file, to its owner and the office only.
pub async fn download(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path((id, doc)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    crate::shared::file_response(&ctx.app, acc.app.id, doc).await
}
