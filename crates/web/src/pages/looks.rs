//! "Who looked at my data": the applicant sees which office and role opened their application, its
//! documents or their card, and when (from the audit log; staff identities stay with the auditors).

use axum::extract::Path;
use axum::response::Response;
use serde_json::{Value, json};

use super::PageCtx;
use super::application::SignedIn;
use crate::error::AppError;

/// GET /applications/{id}/looks
pub async fn page(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let access = service::applications::load(&ctx.app, &user, id).await?;
    let looks = service::audit::looks(&ctx.app, access.app.id).await?;
    let rows: Vec<Value> = looks
        .iter()
        .map(|l| {
            json!({
                "when": super::words::moment(&ctx, l.at),
                "office": l.office.as_deref().map_or_else(|| ctx.t("looks-office-none"), |o| super::words::office(&ctx, o)),
                "role": ctx.t(&format!("app-role-{}", l.role.replace('_', "-"))),
                "what": ctx.t(&format!("looks-action-{}", l.action.replace('_', "-"))),
            })
        })
        .collect();
    let res = ctx.render("looks.html", json!({ "id": id, "reference": access.app.reference, "looks": rows }))?;
    Ok(super::private(res, false))
}
