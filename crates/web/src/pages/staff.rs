//! A staff member's own pages: the enrolment (their own password and second factor, through the link an
//! administrator had sent) and, for everyone signed in, the sessions on the account page, each of which
//! its owner can end.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::PageCtx;
use super::account::{Posted, csrf_token, failed_page, input, problem_message, query, session_cookie, with_cookies};
use super::application::SignedPost;
use crate::auth::{self, MaybeUser};
use crate::error::{AppError, ErrorCode};
use service::enrol;

/// POST /account/sessions/{id}/end: the owner ends one of their sessions (this one too: then signed out).
pub async fn end_session(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: _ }: SignedPost<String>,
) -> Result<Response, AppError> {
    service::accounts::end_session(&ctx.app, &user, &id).await?;
    let this = session.token_hash.starts_with(&id);
    let res = Redirect::to(if this { "/" } else { "/account#sessions" }).into_response();
    Ok(if this { with_cookies(res, [session_cookie(&ctx, None)]) } else { res })
}

fn enrol_page(
    ctx: &PageCtx,
    headers: &HeaderMap,
    user: &MaybeUser,
    page: &enrol::EnrolPage,
    token: &str,
    err: &service::AppError,
) -> Result<Response, AppError> {
    let (csrf, cookie) = csrf_token(ctx, headers, user)?;
    let fields = vec![
        input(ctx, "password", "password", "new-password", "", err),
        input(ctx, "password_confirm", "password", "new-password", "", err),
    ];
    let code = input(ctx, "code", "text", "one-time-code", "", err);
    let summary: Vec<Value> = err
        .fields
        .iter()
        .map(|f| json!({ "href": format!("#{}", f.field.replace('_', "-")), "text": problem_message(ctx, err, f) }))
        .collect();
    let qr = qr_svg(&page.uri)?;
    let name = page.user.name.clone().unwrap_or_else(|| page.user.email.clone());
    let mut res = ctx.render(
        "account_enrol.html",
        json!({
            "name": name,
            "email": page.user.email,
            "fields": fields,
            "code": code,
            "secret": page.secret,
            "qr_svg": qr,
            "hidden": [
                { "name": "csrf", "value": csrf },
                { "name": "token", "value": token },
                { "name": "sealed", "value": page.sealed },
            ],
            "errors": summary,
        }),
    )?;
    if !err.fields.is_empty() {
        *res.status_mut() = if err.code == ErrorCode::TooManyRequests {
            axum::http::StatusCode::TOO_MANY_REQUESTS
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        };
    }
    crate::error::set_retry_after(&mut res, err);
    Ok(super::private(with_cookies(res, [cookie]), !err.fields.is_empty()))
}

/// The `otpauth://` URI as a QR code (byte mode: the URI is not in QR's alphanumeric set).
fn qr_svg(uri: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| AppError::internal(&e))?;
    Ok(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build())
}

fn link_failed(ctx: &PageCtx) -> Result<Response, AppError> {
    failed_page(ctx, "staff-enrol-failed", &[("/account/sign-in", "account-go-sign-in")])
}

/// GET /account/enrol?token=…: the enrolment form, with a new second factor to scan.
pub async fn enrol_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    let token = query(&ctx, "token");
    match enrol::page(&ctx.app, &token, None).await {
        Ok(page) => enrol_page(&ctx, &headers, &user, &page, &token, &service::AppError::invalid([])),
        Err(e) if e.code == ErrorCode::Validation => link_failed(&ctx),
        Err(e) => Err(e.into()),
    }
}

/// POST /account/enrol: the person's own password and the code that confirms their second factor; on
/// success they are signed in.
pub async fn enrol_submit(ctx: PageCtx, p: Posted) -> Result<Response, AppError> {
    let f = &p.form;
    let form = enrol::EnrolForm {
        token: &f.token,
        password: &f.password,
        confirm: &f.password_confirm,
        sealed: &f.sealed,
        code: &f.code,
    };
    match enrol::finish(&ctx.app, form, auth::user_agent(&p.headers)).await {
        Ok((secret, _)) => {
            let res = Redirect::to("/account?enrolled=1").into_response();
            Ok(with_cookies(res, [session_cookie(&ctx, Some(&secret))]))
        }
        Err(e) if e.fields.iter().any(|x| x.field == "token") => link_failed(&ctx),
        Err(e) if !e.fields.is_empty() => {
            let page = enrol::page(&ctx.app, &f.token, Some(&f.sealed)).await;
            match page {
                Ok(page) => enrol_page(&ctx, &p.headers, &p.user, &page, &f.token, &e),
                Err(_) => link_failed(&ctx),
            }
        }
        Err(e) => Err(e.into()),
    }
}
