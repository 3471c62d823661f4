//! "Check your answers", submission and its confirmation.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::application::{Status, Step};
use domain::reference::Kind;
use serde_json::{Value, json};

use super::steps::{display, problem_text};
use super::{SignedIn, SignedPost, access, notices_text};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::pages::PageCtx;
use service::applications::{self, Access, Capacity};

/// GET /applications/{id}/check: check your answers, then submit.
pub async fn check(ctx: PageCtx, SignedIn(session, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    render_check(&ctx, &acc, &session.csrf, &[]).await
}

async fn render_check(ctx: &PageCtx, acc: &Access, csrf: &str, errors: &[InvalidField]) -> Result<Response, AppError> {
    let a = &acc.app;
    let answers = applications::answers(a);
    let sections: Vec<Value> = Step::ALL
        .into_iter()
        .filter(|s| s.applies(&answers))
        .map(|s| {
            let rows: Vec<Value> = s
                .fields()
                .iter()
                .map(|(f, _)| {
                    json!({
                        "field": f.replace('_', "-"),
                        "label": ctx.t(&format!("app-field-{}", f.replace('_', "-"))),
                        "value": display(ctx, f, answers.get(f).unwrap_or_default()),
                    })
                })
                .collect();
            json!({
                "title": ctx.t(&format!("app-step-{}-title", s.slug())),
                "href": format!("/applications/{}/steps/{}?return=check", a.id, s.slug()),
                "editable": applications::editable(a, s.slug()),
                "rows": rows,
            })
        })
        .collect();
    let docs = ctx.app.store.documents(a.id).await?;
    let list = ctx.list(Kind::Document)?;
    let doc_rows: Vec<Value> = applications::checklist(&answers, &docs)
        .into_iter()
        .map(|c| {
            json!({
                "name": list.item(c.item).map(|i| i.name.get(ctx.lang).to_owned()).unwrap_or_default(),
                "count": c.files.len(),
                "problem": c.problem.map(|p| ctx.t(&format!("app-doc-{}", p.replace('_', "-")))),
            })
        })
        .collect();
    let errs: Vec<Value> = errors
        .iter()
        .map(|e| {
            let (href, text) = if let Some(item) = e.field.strip_prefix("doc_") {
                let name = list.item(item).map(|i| i.name.get(ctx.lang).to_owned()).unwrap_or_default();
                (
                    format!("/applications/{}/documents#item-{}", a.id, item.replace('_', "-")),
                    format!("{name}: {}", ctx.t(&format!("app-doc-{}", e.problem.replace('_', "-")))),
                )
            } else {
                let step = Step::ALL
                    .into_iter()
                    .find(|s| s.fields().iter().any(|(f, _)| *f == e.field))
                    .map_or("names", Step::slug);
                (format!("/applications/{}/steps/{step}?return=check", a.id), problem_text(ctx, &e.field, e.problem))
            };
            json!({ "href": href, "text": text })
        })
        .collect();
    let status = Status::parse(&a.status);
    let res = ctx.render(
        "app_check.html",
        json!({
            "id": a.id,
            "sections": sections,
            "documents": doc_rows,
            "errors": errs,
            "csrf": csrf,
            "submittable": matches!(status, Some(Status::Draft | Status::CorrectionsRequested)),
            "notices": notices_text(ctx, a),
        }),
    )?;
    Ok(crate::pages::private(res, !errors.is_empty()))
}

/// POST /applications/{id}/submit: once, however many times the button is pressed.
pub async fn submit(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: _ }: SignedPost<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let first = acc.app.status == Status::Draft.as_str();
    match applications::submit(&ctx.app, &acc, &user).await {
        // Filed for someone: the office gets the receipt with the claim code, shown this once.
        Ok(a) if first && acc.role == Capacity::Intermediary && service::filed::filing_office(&a).is_some() => {
            let acc = Access { app: a, ..acc };
            let code = service::filed::issue_claim_code(&ctx.app, &acc, &user).await?;
            let acc = access(&ctx, &user, id).await?;
            super::filed::render_receipt(&ctx, &acc, &session.csrf, Some(&code)).await
        }
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}/submitted")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => render_check(&ctx, &acc, &session.csrf, &e.fields).await,
        Err(e) => Err(e.into()),
    }
}

/// GET /applications/{id}/submitted: the confirmation with the reference number.
pub async fn submitted(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    if acc.app.status != Status::Submitted.as_str() {
        return Ok(Redirect::to(&format!("/applications/{id}")).into_response());
    }
    ctx.render(
        "app_submitted.html",
        json!({ "id": id, "reference": acc.app.reference, "notices": notices_text(&ctx, &acc.app) }),
    )
}
