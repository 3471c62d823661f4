//! The card in the browser: the holder's cards (with the PDF, the QR as SVG and PNG, the verification
//! log and the new-passport report) and the public verification page. The rules live in
//! [`service::cards`].

use domain::card::CardState;
use std::collections::HashMap;

use axum::Form;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};
use store::Card;

use super::PageCtx;
use super::account::{check_csrf, csrf_token, with_cookies};
use super::application::{SignedIn, SignedPost};
use super::cardface::{card_pdf, country, download};
use crate::auth::MaybeUser;
use crate::error::{AppError, ErrorCode};
use service::cards::{self, NewPassport};

fn state_label(ctx: &PageCtx, state: &str) -> String {
    ctx.t(&format!("card-state-{state}"))
}

fn summary(ctx: &PageCtx, c: &Card) -> Value {
    json!({
        "number": c.number,
        "state": c.state,
        "state_label": state_label(ctx, c.state.as_str()),
        "valid_from": c.valid_from,
        "valid_until": c.valid_until,
        "href": format!("/account/cards/{}", c.number),
    })
}

/// GET /account/cards: the holder's cards, newest first.
pub async fn list(ctx: PageCtx, SignedIn(_, user): SignedIn) -> Result<Response, AppError> {
    let cards: Vec<Value> = cards::holder_cards(&ctx.app, &user).await?.iter().map(|c| summary(&ctx, c)).collect();
    Ok(super::private(ctx.render("card_list.html", json!({ "cards": cards }))?, false))
}

async fn detail_page(
    ctx: &PageCtx,
    session: &store::Session,
    card: &Card,
    err: &service::AppError,
    entered: &NewPassport,
) -> Result<Response, AppError> {
    let log: Vec<Value> = ctx
        .app
        .store
        .verifications(card.id, 100)
        .await?
        .iter()
        .map(|v| {
            json!({
                "at": super::words::moment(ctx, v.at),
                "verifier": ctx.t(&format!("verify-kind-{}", v.verifier)),
                "channel": ctx.t(&format!("verify-channel-{}", v.channel)),
                "result": ctx.t(&format!("verify-result-{}", cards::category(&v.result))),
            })
        })
        .collect();
    let history: Vec<Value> = cards::holder_events(ctx.app.store.card_events(card.id).await?)
        .iter()
        .map(|e| json!({ "at": super::words::moment(ctx, e.at), "action": ctx.t(&format!("card-event-{}", e.action.replace('_', "-"))), "state": state_label(ctx, &e.to_state) }))
        .collect();
    let requests = ctx.app.store.card_requests(card.id).await?;
    let pending_reissue = requests.iter().any(|r| r.kind == "reissue" && r.decided_at.is_none());
    let replaced_by = if card.state == CardState::Superseded {
        ctx.app.store.cards_of_application(card.application_id).await?.into_iter().find(|c| c.replaces == Some(card.id))
    } else {
        None
    };
    let svg = if card.state == CardState::Valid {
        credential::qr_svg(&card.qr_text).map_err(|e| AppError::internal(&e))?
    } else {
        String::new()
    };
    let errors = ctx.error_summary(&err.fields);
    let field_error = |name: &str| {
        err.fields.iter().find(|f| f.field == name).map(|f| ctx.app.i18n.field_problem(ctx.lang, &f.field, f.problem))
    };
    let res = ctx.render(
        "card.html",
        json!({
            "card": summary(ctx, card),
            "family_name": card.family_name,
            "given_names": card.given_names,
            "family_name_kk": card.family_name_kk,
            "given_names_kk": card.given_names_kk,
            "birth_date": card.birth_date,
            "citizenship": country(ctx, &card.citizenship),
            "passport_number": card.passport_number,
            "qr_svg": svg,
            "qr_text": card.qr_text,
            "valid": card.state == CardState::Valid,
            "state_note": card.state_note,
            "replaced_by": replaced_by.map(|c| c.number),
            "log": log,
            "history": history,
            "can_report": card.state == CardState::Valid && !pending_reissue,
            "pending_reissue": pending_reissue,
            "csrf": session.csrf,
            "entered": entered,
            "errors": errors,
            "error_passport_number": field_error("passport_number"),
            "error_passport_issued": field_error("passport_issued"),
            "error_passport_expires": field_error("passport_expires"),
        }),
    )?;
    Ok(super::private(res, !err.fields.is_empty()))
}

/// GET /account/cards/{number}: the card, its QR, its log and history, the new-passport form.
pub async fn detail(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let card = cards::holder_card(&ctx.app, &user, &number).await?;
    detail_page(&ctx, &session, &card, &AppError::invalid(Vec::new()), &NewPassport::default()).await
}

/// POST /account/cards/{number}/passport: the holder reports a new passport.
pub async fn report_passport(
    ctx: PageCtx,
    SignedPost { session, user, path: number, form: f }: SignedPost<String>,
) -> Result<Response, AppError> {
    let card = cards::holder_card(&ctx.app, &user, &number).await?;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let p = NewPassport {
        passport_number: get("passport_number"),
        passport_issued: get("passport_issued"),
        passport_expires: get("passport_expires"),
    };
    match cards::report_passport(&ctx.app, &user, &card, &p).await {
        Ok(_) => Ok(Redirect::to(&format!("/account/cards/{number}")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => detail_page(&ctx, &session, &card, &e, &p).await,
        Err(e) => Err(e.into()),
    }
}

/// GET /account/cards/{number}/qr.svg
pub async fn qr_svg(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let card = cards::holder_card(&ctx.app, &user, &number).await?;
    let svg = credential::qr_svg(&card.qr_text).map_err(|e| AppError::internal(&e))?;
    Ok(download(svg.into_bytes(), "image/svg+xml", &format!("{number}.svg")))
}

/// GET /account/cards/{number}/qr.png
pub async fn qr_png(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let card = cards::holder_card(&ctx.app, &user, &number).await?;
    let png = credential::qr_png(&card.qr_text, 8).map_err(|e| AppError::internal(&e))?;
    Ok(download(png, "image/png", &format!("{number}.png")))
}

/// GET /account/cards/{number}/card.pdf: the printable card in the page's language.
pub async fn pdf(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(number): Path<String>) -> Result<Response, AppError> {
    let card = cards::holder_card(&ctx.app, &user, &number).await?;
    let bytes = card_pdf(&ctx, &card)?;
    Ok(download(bytes, "application/pdf", &format!("{number}.pdf")))
}

fn kinds(ctx: &PageCtx, chosen: &str) -> Vec<Value> {
    cards::VERIFIERS
        .iter()
        .map(|k| json!({ "value": k, "label": ctx.t(&format!("verify-kind-{k}")), "selected": *k == chosen }))
        .collect()
}

/// GET /verify: type a card number, paste the QR text, or scan it with the camera.
pub async fn verify_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    let csrf = csrf_token(&ctx, &headers, &user)?;
    verify_page(&ctx, csrf, &HashMap::new(), None, None)
}

fn verify_page(
    ctx: &PageCtx,
    csrf: (String, Option<HeaderValue>),
    f: &HashMap<String, String>,
    outcome: Option<&cards::Outcome>,
    error: Option<&service::AppError>,
) -> Result<Response, AppError> {
    let errors = error.map(|e| ctx.error_summary(&e.fields)).unwrap_or_default();
    let result = outcome.map(|o| {
        let card = o.card.as_ref().map(|c| {
            json!({
                "number": c.number,
                "family_name": c.family_name,
                "given_names": c.given_names,
                "family_name_kk": c.family_name_kk,
                "given_names_kk": c.given_names_kk,
                "birth_date": c.birth_date,
                "citizenship": country(ctx, &c.citizenship),
                "valid_until": c.valid_until,
            })
        });
        json!({
            "category": o.category,
            "valid": o.valid,
            "title": ctx.t(&format!("verify-result-{}", o.category)),
            "explain": ctx.t(&format!("verify-explain-{}", o.category)),
            "code": o.result,
            "detail": ctx.t(&format!("verify-code-{}", o.result)),
            "card": card,
            "checked_at": o.checked_at,
        })
    });
    let res = ctx.render(
        "verify.html",
        json!({
            "csrf": csrf.0,
            "kinds": kinds(ctx, f.get("verifier").map_or("", String::as_str)),
            "number": f.get("number"),
            "birth_date": f.get("birth_date"),
            "qr": f.get("qr"),
            "result": result,
            "errors": errors,
        }),
    )?;
    Ok(super::private(with_cookies(res, [csrf.1]), error.is_some()))
}

/// POST /verify: the verdict, with only the data a verifier needs.
pub async fn verify(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    crate::auth::Client(client): crate::auth::Client,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    check_csrf(&ctx.app, &headers, &user, f.get("csrf").map_or("", String::as_str))?;
    cards::limit(&ctx.app, &client)?;
    let verifier = f.get("verifier").map_or("", String::as_str);
    let qr = f.get("qr").map_or("", String::as_str).trim_matches(|c: char| c == '\n' || c == '\r');
    let number = f.get("number").map_or("", String::as_str);
    let outcome = if !qr.trim().is_empty() {
        cards::verify_qr(&ctx.app, qr, verifier, "qr").await
    } else if !number.trim().is_empty() {
        cards::verify_number(&ctx.app, number, verifier, f.get("birth_date").map(String::as_str), &client).await
    } else {
        Err(service::AppError::field("number", "required"))
    };
    // A field's problem is shown on the form, with what was typed kept.
    let outcome = match outcome {
        Err(e) if !e.fields.is_empty() => {
            return verify_page(&ctx, csrf_token(&ctx, &headers, &user)?, &f, None, Some(&e));
        }
        other => other?,
    };
    // The next check starts from an empty form (a stale QR text must not win over a typed number);
    // only the verifier's kind is kept.
    let kept: HashMap<String, String> =
        f.get("verifier").map(|v| ("verifier".to_owned(), v.clone())).into_iter().collect();
    verify_page(&ctx, csrf_token(&ctx, &headers, &user)?, &kept, Some(&outcome), None)
}
