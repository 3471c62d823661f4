//! Decision letters on the pages: the list on the application's page (the applicant, the office that
//! filed) and on the case page (its office's staff, each look recorded), and each letter as a PDF.

use axum::extract::Path;
use axum::response::Response;
use serde_json::{Value, json};
use service::letters::{self, Entry};

use super::PageCtx;
use super::signed::SignedIn;
use crate::error::AppError;

/// The letters as the templates list them: title in the page's language, when, and the PDF's address
/// under `base` (`/applications/7` or `/cases/7`).
pub(crate) fn entries(ctx: &PageCtx, base: &str, list: &[Entry]) -> Vec<Value> {
    list.iter()
        .map(|e| {
            json!({
                "title": ctx.t(&format!("letter-title-{}", e.kind.slug())),
                "at": super::words::moment(ctx, e.at),
                "href": format!("{base}/letters/{}", e.n),
                "n": e.n,
            })
        })
        .collect()
}

/// GET /applications/{id}/letters/{n}: the applicant's (or the filing office's) letter as a PDF.
pub async fn application_letter(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path((id, n)): Path<(i64, usize)>,
) -> Result<Response, AppError> {
    let access = service::applications::load(&ctx.app, &user, id).await?;
    let letter = letters::open(&ctx.app, &access, n).await?;
    crate::shared::letter_response(&letter, access.app.reference.as_deref(), n)
}

/// GET /cases/{id}/letters/{n}: a letter of the case, for its office's staff (the look recorded).
pub async fn case_letter(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path((id, n)): Path<(i64, usize)>,
) -> Result<Response, AppError> {
    let letter = letters::open_for_case(&ctx.app, &user, id, n).await?;
    let reference = ctx.app.store.application(id).await?.and_then(|a| a.reference);
    crate::shared::letter_response(&letter, reference.as_deref(), n)
}
