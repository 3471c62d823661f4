//! Deleting a draft: a confirmation page, then the deletion (`service::retention::delete_draft`).

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::super::PageCtx;
use super::{SignedIn, SignedPost, access};
use crate::error::AppError;

/// GET /applications/{id}/delete: what deleting does, and the button that does it.
pub async fn confirm(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    if acc.app.status != "draft" {
        return Ok(Redirect::to(&format!("/applications/{id}")).into_response());
    }
    let docs = ctx.app.store.documents(id).await?.len();
    let res = ctx.render("app_delete.html", json!({ "id": id, "csrf": session.csrf, "files": docs }))?;
    Ok(super::super::private(res, false))
}

/// POST /applications/{id}/delete: deletes the draft, then says so.
pub async fn delete(ctx: PageCtx, SignedPost { user, path: id, .. }: SignedPost<i64>) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    service::retention::delete_draft(&ctx.app, &acc, &user).await?;
    Ok(Redirect::to("/applications/deleted").into_response())
}

/// GET /applications/deleted: the draft is gone.
pub async fn deleted(ctx: PageCtx, SignedIn(_, _): SignedIn) -> Result<Response, AppError> {
    let links = [json!({ "href": "/applications", "text": ctx.t("app-delete-back") })];
    ctx.render(
        "account_message.html",
        json!({ "title": ctx.t("app-deleted-title"), "body": ctx.t("app-deleted-body"), "links": links }),
    )
}
