//! Applications filed for someone (decision 0028): the office's shared inbox, the receipt (printable,
//! with the claim code shown once when it is issued), the applicant's card for the office to print, and
//! the applicant's claim (`/claim`).

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::{SignedIn, SignedPost, notices_text};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::pages::PageCtx;
use service::applications::{self, Access, Capacity};
use service::filed::{self, ClaimState};

/// GET /office/inbox: every notice of the applications the caller's office filed, newest first.
pub async fn inbox(ctx: PageCtx, SignedIn(_, user): SignedIn) -> Result<Response, AppError> {
    service::policy::check_view(&user, service::policy::View::OfficeInbox)?;
    let notices = filed::office_inbox(&ctx.app, &user).await?;
    let rows: Vec<Value> = notices
        .iter()
        .map(|n| {
            json!({
                "at": crate::pages::words::moment(&ctx, n.created_at),
                "reference": n.reference.clone().unwrap_or_else(|| ctx.t("app-no-reference")),
                "href": format!("/applications/{}", n.application_id),
                "subject": n.subject,
                "body": n.body,
            })
        })
        .collect();
    let office = user.office.as_deref().map(|o| crate::pages::words::office(&ctx, o)).unwrap_or_default();
    let res = ctx.render("office_inbox.html", json!({ "notices": rows, "office": office }))?;
    Ok(crate::pages::private(res, false))
}

/// The receipt of an application: what was filed, who receives which notice, and where its claim
/// stands; `code` is a claim code issued just now (shown this once).
pub(super) async fn render_receipt(
    ctx: &PageCtx,
    acc: &Access,
    csrf: &str,
    code: Option<&str>,
) -> Result<Response, AppError> {
    let a = &acc.app;
    let answers = applications::answers(a);
    let name_latin = format!("{} {}", answers.surname_latin, answers.given_names_latin).trim().to_owned();
    let name_kk = format!("{} {}", answers.surname_kk, answers.given_names_kk).trim().to_owned();
    let state = filed::claim_state(&ctx.app, a).await?;
    let claim = match state {
        ClaimState::NotFiled => None,
        ClaimState::NoCode => Some(ctx.t("filed-claim-none")),
        ClaimState::Issued(t) => Some(msg(ctx, "filed-claim-issued", "date", crate::pages::words::moment(ctx, t))),
        ClaimState::Claimed(t) => Some(msg(ctx, "filed-claim-claimed", "date", crate::pages::words::moment(ctx, t))),
    };
    let office_view = acc.role == Capacity::Intermediary;
    let can_issue = office_view && a.reference.is_some() && matches!(state, ClaimState::NoCode | ClaimState::Issued(_));
    let card = ctx.app.store.cards_of_application(a.id).await?.into_iter().max_by_key(|c| c.id);
    let public = ctx.app.settings.public_url.trim_end_matches('/');
    let res = ctx.render(
        "app_receipt.html",
        json!({
            "id": a.id,
            "reference": a.reference,
            "status": crate::pages::words::status(ctx, &a.status),
            "submitted": a.submitted_at.map(|t| crate::pages::words::moment(ctx, t)),
            "name_latin": name_latin,
            "name_kk": name_kk,
            "birth_date": Some(answers.birth_date.as_str()).filter(|d| !d.is_empty()).map(|d| crate::pages::words::date(ctx, d)),
            "passport_number": answers.passport_number,
            "channel": ctx.t(&format!("app-channel-{}", a.channel)),
            "office": a.office.as_deref().map(|o| crate::pages::words::office(ctx, o)),
            "handled_by": a.assigned_office.as_deref().map(|o| crate::pages::words::office(ctx, o)),
            "notices": notices_text(ctx, a),
            "claim": claim,
            "code": code,
            "claim_how": msg(ctx, "filed-claim-how", "url", format!("{public}/claim")),
            "can_issue": can_issue,
            "reissue": matches!(state, ClaimState::Issued(_)),
            "card": card.map(|_| format!("/applications/{}/card.pdf", a.id)),
            "csrf": csrf,
        }),
    )?;
    Ok(crate::pages::private(res, false))
}

fn msg(ctx: &PageCtx, id: &str, name: &'static str, value: String) -> String {
    ctx.app.i18n.message(ctx.lang, id, &[(name, value)])
}

/// GET /applications/{id}/receipt: the printable receipt (the claim code itself is never shown again).
pub async fn receipt(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = applications::load(&ctx.app, &user, id).await?;
    if acc.app.reference.is_none() {
        return Ok(Redirect::to(&format!("/applications/{id}")).into_response());
    }
    render_receipt(&ctx, &acc, &session.csrf, None).await
}

/// POST /applications/{id}/claim-code: the filing office issues a claim code (a new one replaces the
/// one not yet used) and gets the receipt with it, shown this once.
pub async fn issue_code(
    ctx: PageCtx,
    SignedPost { session, user, path: id, .. }: SignedPost<i64>,
) -> Result<Response, AppError> {
    let acc = applications::load(&ctx.app, &user, id).await?;
    let code = filed::issue_claim_code(&ctx.app, &acc, &user).await?;
    let acc = applications::load(&ctx.app, &user, id).await?;
    render_receipt(&ctx, &acc, &session.csrf, Some(&code)).await
}

/// GET /applications/{id}/card.pdf: the application's card, for the applicant or the office that filed
/// it to print (the office's look is recorded for the applicant to see).
pub async fn card_pdf(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = applications::load(&ctx.app, &user, id).await?;
    let card = filed::card_of(&ctx.app, &acc, &user).await?;
    let bytes = crate::pages::cardface::card_pdf(&ctx, &card)?;
    Ok(crate::pages::cardface::download(bytes, "application/pdf", &format!("{}.pdf", card.number)))
}

fn claim_page(
    ctx: &PageCtx,
    csrf: &str,
    reference: &str,
    errors: &[InvalidField],
    err: Option<&service::AppError>,
) -> Result<Response, AppError> {
    let text = |f: &InvalidField| match err {
        Some(e) => crate::pages::account::problem_message(ctx, e, f),
        None => ctx.app.i18n.field_problem(ctx.lang, &f.field, f.problem),
    };
    let error_of = |name: &str| errors.iter().find(|f| f.field == name).map(text);
    let summary: Vec<Value> =
        errors.iter().map(|f| json!({ "href": format!("#{}", f.field.replace('_', "-")), "text": text(f) })).collect();
    let res = ctx.render(
        "claim.html",
        json!({
            "csrf": csrf,
            "reference": reference,
            "errors": summary,
            "reference_error": error_of("application_reference"),
            "code_error": error_of("claim_code"),
        }),
    )?;
    let res = crate::pages::private(res, !errors.is_empty());
    Ok(match err {
        Some(e) if e.code == ErrorCode::TooManyRequests => {
            let mut res = res;
            *res.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
            crate::error::set_retry_after(&mut res, e);
            res
        }
        _ => res,
    })
}

/// GET /claim: the applicant takes an application an office filed for them into their account.
pub async fn claim_form(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    service::policy::check_claimer(&user)?;
    claim_page(&ctx, &session.csrf, "", &[], None)
}

/// POST /claim: with the reference number and the claim code from the receipt.
pub async fn claim(ctx: PageCtx, SignedPost { session, user, form, .. }: SignedPost<()>) -> Result<Response, AppError> {
    service::policy::check_claimer(&user)?;
    let reference = form.get("application_reference").map_or("", String::as_str);
    let code = form.get("claim_code").map_or("", String::as_str);
    match filed::claim(&ctx.app, &user, reference, code).await {
        Ok(a) => Ok(Redirect::to(&format!("/applications/{}", a.id)).into_response()),
        Err(e) if !e.fields.is_empty() => claim_page(&ctx, &session.csrf, reference, &e.fields.clone(), Some(&e)),
        Err(e) => Err(e.into()),
    }
}
