//! A case action's post, and the summary of a grant or a refusal before it is made.

use std::collections::HashMap;

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::application::Status;
use domain::case::CaseAction;
use domain::reference::Kind;
use serde_json::json;
use service::{applications, cases};
use store::Application;

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use super::page::{correction_items, render_case};
use crate::auth;
use crate::error::{AppError, ErrorCode};

/// The form of a case action as one value per name: ticked correction items (`item`, repeated) become
/// `items`, and their reasons (`reason-{item}`) one reason naming each item.
fn action_form(ctx: &PageCtx, a: &Application, pairs: Vec<(String, String)>) -> HashMap<String, String> {
    let ticked: Vec<String> = pairs.iter().filter(|(k, _)| k == "item").map(|(_, v)| v.clone()).collect();
    let mut f: HashMap<String, String> = pairs.into_iter().filter(|(k, _)| k != "item").collect();
    if !ticked.is_empty() {
        let x = applications::answers(a);
        let (steps, docs) = correction_items(ctx, &x);
        let label = |item: &str| {
            steps
                .iter()
                .chain(docs.iter())
                .find(|v| v["value"] == item)
                .and_then(|v| v["label"].as_str())
                .map(str::to_owned)
        };
        let mut reasons: Vec<String> = ticked
            .iter()
            .filter_map(|i| {
                let why = f.get(&format!("reason-{i}")).map(|r| r.trim().to_owned()).filter(|r| !r.is_empty())?;
                Some(format!("{}: {why}", label(i).unwrap_or_else(|| i.clone())))
            })
            .collect();
        if let Some(general) = f.get("reason").map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()) {
            reasons.push(general);
        }
        f.insert("items".into(), ticked.join(","));
        f.insert("reason".into(), reasons.join("\n"));
    }
    f
}

/// POST /cases/{id}/{action}: one action on the case; errors come back on the case page.
pub async fn act(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path((id, action)): Path<(i64, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let csrf = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.clone());
    auth::check_session_csrf(&session, csrf.as_ref())?;
    let action = CaseAction::parse(&action).ok_or_else(AppError::not_found)?;
    let a = cases::load(&ctx.app, &user, id).await?;
    let f = action_form(&ctx, &a, pairs);
    let result = cases::run_action(&ctx.app, &user, &a, action, |k| f.get(k).cloned().unwrap_or_default()).await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{id}")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => {
            let fresh = ctx.app.store.application(id).await?.ok_or_else(AppError::not_found)?;
            render_case(&ctx, &session, &user, &fresh, &e.fields).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /cases/{id}/confirm: the summary of a grant or a refusal before it is made (nothing changes
/// here; the confirmation page posts the decision itself).
pub async fn confirm(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let a = cases::load(&ctx.app, &user, id).await?;
    service::policy::check(&user, domain::case::CaseAction::Grant)?;
    if Status::parse(&a.status) != Some(Status::IinRecorded) {
        // The officer may decide, but not at this stage.
        return Err(AppError::code(ErrorCode::Conflict));
    }
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let refuse = get("decision") == "refuse";
    let checks = ctx.app.store.checks(a.id).await?;
    let adverse = checks.iter().any(|c| c.result.as_deref() == Some("adverse"));
    // What a decision needs is asked first, on the case page, as the decision itself would.
    let mut problems = Vec::new();
    if refuse && ctx.app.catalog.in_force(Kind::RefusalGround, ctx.day).is_none_or(|l| l.item(&get("ground")).is_none())
    {
        problems.push(crate::error::InvalidField { field: "ground".into(), problem: "unknown" });
    }
    if (refuse || adverse) && get("reason").is_empty() {
        problems.push(crate::error::InvalidField {
            field: "reason".into(),
            problem: if refuse { "required" } else { "adverse_needs_reason" },
        });
    }
    if !problems.is_empty() {
        return render_case(&ctx, &session, &user, &a, &problems).await;
    }
    let x = applications::answers(&a);
    let docs = ctx.app.store.documents(a.id).await?;
    let reviews = ctx.app.store.reviews(a.id).await?;
    let accepted: Vec<String> = docs
        .iter()
        .filter(|d| reviews.iter().any(|r| r.document_id == d.id && r.verdict == "accepted"))
        .map(|d| format!("{} ({})", words::item(&ctx, Kind::Document, &d.item), d.filename))
        .collect();
    let check_words: Vec<String> = checks
        .iter()
        .map(|c| {
            let result = c.result.as_ref().map(|r| ctx.t(&format!("case-result-{}", r.replace('_', "-"))));
            format!("{}: {}", ctx.t(&format!("case-agency-{}", c.agency)), result.unwrap_or_default())
        })
        .collect();
    let valid_until = service::cards::card_for(&ctx.app, &a).ok().map(|c| words::date(&ctx, &c.valid_until));
    let (title, button, next, action) = match (refuse, adverse) {
        (true, _) => ("desk-confirm-refuse-title", "desk-confirm-refuse", "desk-summary-refusal-next", "refuse"),
        (false, true) => (
            "desk-confirm-propose-grant-title",
            "desk-confirm-propose-grant",
            "desk-summary-propose-grant-next",
            "grant",
        ),
        (false, false) => ("desk-confirm-grant-title", "desk-confirm-grant", "desk-summary-grant-next", "grant"),
    };
    let res = ctx.render(
        "case_confirm.html",
        json!({
            "staff": true,
            "id": a.id,
            "reference": a.reference,
            "csrf": session.csrf,
            "title": ctx.t(title),
            "button": ctx.t(button),
            "next": ctx.t(next),
            "action": action,
            "refuse": refuse,
            "applicant": format!("{} {} ({})", x.surname_latin, x.given_names_latin, super::super::application::display(&ctx, "birth_date", &x.birth_date)),
            "citizenship": words::item(&ctx, Kind::Country, &x.citizenship),
            "category": super::super::application::display(&ctx, "category", &x.category),
            "iin": a.iin,
            "documents": accepted,
            "checks": check_words,
            "ground": refuse.then(|| get("ground")),
            "ground_label": refuse.then(|| words::item(&ctx, Kind::RefusalGround, &get("ground"))),
            "reason": get("reason"),
            "valid_until": (!refuse).then_some(valid_until).flatten(),
        }),
    )?;
    Ok(super::super::private(res, false))
}
