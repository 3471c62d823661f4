//! Account pages: sign up, verify the address, sign in and out, reset the password, the account's home
//! with its inbox. Every form is a POST with a CSRF token; errors come back on the same page with an
//! error summary naming each field, in the page's language.

use axum::Form;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use store::SessionKind;

use super::PageCtx;
use crate::auth::{self, Client, MaybeUser, csrf_cookie_name, session_cookie_name};
use crate::error::{AppError, ErrorCode};
use crate::lang::cookie_in;
use service::accounts;

/// Every account form's fields (each form uses some of them).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    csrf: String,
    email: String,
    password: String,
    password_confirm: String,
    token: String,
    next: String,
    code: String,
}

/// The CSRF token for this page's form: the session's when signed in, else the anonymous cookie's (made
/// now, and set on the response, when missing).
pub(crate) fn csrf_token(
    ctx: &PageCtx,
    headers: &HeaderMap,
    user: &MaybeUser,
) -> Result<(String, Option<HeaderValue>), AppError> {
    if let Some((s, _)) = &user.0 {
        return Ok((s.csrf.clone(), None));
    }
    if let Some(v) = cookie_in(headers, csrf_cookie_name(&ctx.app)).filter(|v| v.len() == 64) {
        return Ok((v, None));
    }
    let v = auth::random_token()?;
    let c = auth::cookie(&ctx.app, csrf_cookie_name(&ctx.app), &v, 86_400);
    Ok((v, c))
}

/// Refuses a form whose CSRF token does not match.
pub(crate) fn check_csrf(ctx: &PageCtx, headers: &HeaderMap, user: &MaybeUser, sent: &str) -> Result<(), AppError> {
    let expected = match &user.0 {
        Some((s, _)) => Some(s.csrf.clone()),
        None => cookie_in(headers, csrf_cookie_name(&ctx.app)),
    };
    match expected {
        Some(e) if !sent.is_empty() && auth::same(&e, sent) => Ok(()),
        _ => Err(AppError::code(ErrorCode::Forbidden)),
    }
}

/// A form field for the template.
fn input(ctx: &PageCtx, name: &str, kind: &str, autocomplete: &str, value: &str, err: &service::AppError) -> Value {
    let error = err.fields.iter().find(|f| f.field == name).map(|f| field_message(ctx, &f.field, f.problem));
    json!({
        "name": name,
        "id": name.replace('_', "-"),
        "type": kind,
        "autocomplete": autocomplete,
        "label": ctx.t(&format!("account-field-{}", name.replace('_', "-"))),
        "hint": hint(ctx, name),
        "value": if kind == "password" { "" } else { value },
        "error": error,
    })
}

fn hint(ctx: &PageCtx, name: &str) -> String {
    let id = format!("account-hint-{}", name.replace('_', "-"));
    if ctx.app.i18n.has(ctx.lang, &id) { ctx.t(&id) } else { String::new() }
}

/// The message for a field's problem: `err-{field}-{problem}`.
pub(crate) fn field_message(ctx: &PageCtx, field: &str, problem: &str) -> String {
    ctx.app.i18n.field_problem(ctx.lang, field, problem)
}

struct FormPage<'a> {
    id: &'a str,
    action: &'a str,
    fields: Vec<Value>,
    hidden: Vec<Value>,
    links: Vec<Value>,
}

fn render_form(
    ctx: &PageCtx,
    page: FormPage<'_>,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let summary: Vec<Value> = err
        .fields
        .iter()
        .map(|f| json!({ "href": format!("#{}", f.field.replace('_', "-")), "text": field_message(ctx, &f.field, f.problem) }))
        .collect();
    let mut hidden = page.hidden;
    hidden.push(json!({ "name": "csrf", "value": csrf.0 }));
    let mut res = ctx.render(
        "account_form.html",
        json!({
            "title": ctx.t(&format!("{}-title", page.id)),
            "lead": ctx.t(&format!("{}-lead", page.id)),
            "button": ctx.t(&format!("{}-button", page.id)),
            "action": page.action,
            "fields": page.fields,
            "hidden": hidden,
            "links": page.links,
            "errors": summary,
        }),
    )?;
    if !err.fields.is_empty() {
        *res.status_mut() = match err.code {
            ErrorCode::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
    }
    if let Some(c) = csrf.1 {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

fn message_page(ctx: &PageCtx, id: &str, links: &[(&str, &str)]) -> Result<Response, AppError> {
    let links: Vec<Value> = links.iter().map(|(href, text)| json!({ "href": href, "text": ctx.t(text) })).collect();
    ctx.render(
        "account_message.html",
        json!({ "title": ctx.t(&format!("{id}-title")), "body": ctx.t(&format!("{id}-body")), "links": links }),
    )
}

fn link(ctx: &PageCtx, href: &str, text: &str) -> Value {
    json!({ "href": href, "text": ctx.t(text) })
}

/// Only a local path may follow sign-in (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') { next } else { "/account" }
}

fn no_error() -> AppError {
    AppError::invalid([])
}

fn sign_up_page(
    ctx: &PageCtx,
    f: &AccountForm,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let fields = vec![
        input(ctx, "email", "email", "email", &f.email, err),
        input(ctx, "password", "password", "new-password", "", err),
        input(ctx, "password_confirm", "password", "new-password", "", err),
    ];
    let links = vec![link(ctx, "/account/sign-in", "account-have-account")];
    render_form(ctx, FormPage { id: "sign-up", action: "/account/sign-up", fields, hidden: vec![], links }, csrf, err)
}

/// GET /account/sign-up
pub async fn sign_up_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    if user.0.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let csrf = csrf_token(&ctx, &headers, &user)?;
    sign_up_page(&ctx, &AccountForm::default(), csrf, &no_error())
}

/// POST /account/sign-up
pub async fn sign_up(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    Client(client): Client,
    Form(f): Form<AccountForm>,
) -> Result<Response, AppError> {
    check_csrf(&ctx, &headers, &user, &f.csrf)?;
    match accounts::sign_up(&ctx.app, &f.email, &f.password, Some(&f.password_confirm), ctx.lang, &client).await {
        Ok(()) => Ok(Redirect::to("/account/check-email").into_response()),
        Err(e) if !e.fields.is_empty() => sign_up_page(&ctx, &f, csrf_token(&ctx, &headers, &user)?, &e),
        Err(e) => Err(e.into()),
    }
}

/// GET /account/check-email
pub async fn check_email(ctx: PageCtx) -> Result<Response, AppError> {
    message_page(&ctx, "check-email", &[("/account/sign-in", "account-go-sign-in")])
}

/// GET /account/verify?token=…
pub async fn verify(ctx: PageCtx) -> Result<Response, AppError> {
    let token = ctx.path.split_once('?').and_then(|(_, q)| crate::lang::query_value(q, "token")).unwrap_or_default();
    match accounts::verify(&ctx.app, &token).await {
        Ok(_) => message_page(&ctx, "verified", &[("/account/sign-in", "account-go-sign-in")]),
        Err(e) if e.code == ErrorCode::Validation => {
            let mut res = message_page(&ctx, "verify-failed", &[("/account/sign-in", "account-go-sign-in")])?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

fn sign_in_page(
    ctx: &PageCtx,
    f: &AccountForm,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let fields = vec![
        input(ctx, "email", "email", "email", &f.email, err),
        input(ctx, "password", "password", "current-password", "", err),
    ];
    let links =
        vec![link(ctx, "/account/reset", "account-forgot"), link(ctx, "/account/sign-up", "account-no-account")];
    let hidden = vec![json!({ "name": "next", "value": safe_next(&f.next) })];
    render_form(ctx, FormPage { id: "sign-in", action: "/account/sign-in", fields, hidden, links }, csrf, err)
}

/// GET /account/sign-in
pub async fn sign_in_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    if user.0.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let next = ctx.path.split_once('?').and_then(|(_, q)| crate::lang::query_value(q, "next")).unwrap_or_default();
    let csrf = csrf_token(&ctx, &headers, &user)?;
    sign_in_page(&ctx, &AccountForm { next, ..AccountForm::default() }, csrf, &no_error())
}

/// POST /account/sign-in
pub async fn sign_in(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    Client(client): Client,
    Form(f): Form<AccountForm>,
) -> Result<Response, AppError> {
    check_csrf(&ctx, &headers, &user, &f.csrf)?;
    match accounts::sign_in(&ctx.app, &f.email, &f.password, None, &client, SessionKind::Cookie).await {
        Ok(accounts::SignIn::NeedCode(user)) => {
            // Staff: the password was right; the second factor comes on its own page.
            let (secret, _) = auth::start_session(&ctx.app, &user, SessionKind::Pending).await?;
            let next = safe_next(&f.next);
            let mut res = Redirect::to(&format!("/account/sign-in/code?next={next}")).into_response();
            if let Some(c) =
                auth::cookie(&ctx.app, auth::pending_cookie_name(&ctx.app), &secret, auth::PENDING_SESSION_SECS)
            {
                res.headers_mut().append(header::SET_COOKIE, c);
            }
            Ok(res)
        }
        Ok(accounts::SignIn::Done(secret, _)) => {
            let mut res = Redirect::to(safe_next(&f.next)).into_response();
            if let Some(c) = auth::cookie(&ctx.app, session_cookie_name(&ctx.app), &secret, auth::COOKIE_SESSION_SECS) {
                res.headers_mut().append(header::SET_COOKIE, c);
            }
            Ok(res)
        }
        Err(e) if !e.fields.is_empty() => sign_in_page(&ctx, &f, csrf_token(&ctx, &headers, &user)?, &e),
        Err(e) => Err(e.into()),
    }
}

fn code_page(
    ctx: &PageCtx,
    f: &AccountForm,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let fields = vec![input(ctx, "code", "text", "one-time-code", "", err)];
    let hidden = vec![json!({ "name": "next", "value": safe_next(&f.next) })];
    let links = vec![link(ctx, "/account/sign-in", "account-go-sign-in")];
    render_form(ctx, FormPage { id: "sign-in-code", action: "/account/sign-in/code", fields, hidden, links }, csrf, err)
}

/// The user of a sign-in waiting for its second factor.
async fn pending_user(ctx: &PageCtx, headers: &HeaderMap) -> Result<Option<(store::Session, store::User)>, AppError> {
    let Some(secret) = cookie_in(headers, auth::pending_cookie_name(&ctx.app)) else {
        return Ok(None);
    };
    let now = ctx.app.clock.now().unix_timestamp();
    let found = ctx.app.store.session(&auth::digest(&secret), now).await?;
    Ok(found.filter(|(s, _)| s.kind == SessionKind::Pending.as_str()))
}

/// GET /account/sign-in/code
pub async fn code_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    if pending_user(&ctx, &headers).await?.is_none() {
        return Ok(Redirect::to("/account/sign-in").into_response());
    }
    let next = ctx.path.split_once('?').and_then(|(_, q)| crate::lang::query_value(q, "next")).unwrap_or_default();
    let csrf = csrf_token(&ctx, &headers, &user)?;
    code_page(&ctx, &AccountForm { next, ..AccountForm::default() }, csrf, &no_error())
}

/// POST /account/sign-in/code: the second factor; the pending sign-in becomes a session.
pub async fn code_submit(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    Form(f): Form<AccountForm>,
) -> Result<Response, AppError> {
    check_csrf(&ctx, &headers, &user, &f.csrf)?;
    let Some((pending, staff)) = pending_user(&ctx, &headers).await? else {
        return Ok(Redirect::to("/account/sign-in").into_response());
    };
    match accounts::check_code(&ctx.app, &staff, &f.code).await {
        Ok(()) => {
            ctx.app.store.delete_session(&pending.token_hash).await?;
            let (secret, _) = auth::start_session(&ctx.app, &staff, SessionKind::Cookie).await?;
            let mut res = Redirect::to(safe_next(&f.next)).into_response();
            for c in [
                auth::cookie(&ctx.app, session_cookie_name(&ctx.app), &secret, auth::COOKIE_SESSION_SECS),
                auth::cookie(&ctx.app, auth::pending_cookie_name(&ctx.app), "", 0),
            ]
            .into_iter()
            .flatten()
            {
                res.headers_mut().append(header::SET_COOKIE, c);
            }
            Ok(res)
        }
        Err(e) if !e.fields.is_empty() => code_page(&ctx, &f, csrf_token(&ctx, &headers, &user)?, &e),
        Err(e) => Err(e.into()),
    }
}

/// POST /account/sign-out
pub async fn sign_out(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    Form(f): Form<AccountForm>,
) -> Result<Response, AppError> {
    check_csrf(&ctx, &headers, &user, &f.csrf)?;
    if let Some((s, _)) = &user.0 {
        ctx.app.store.delete_session(&s.token_hash).await?;
    }
    let mut res = Redirect::to("/").into_response();
    if let Some(c) = auth::cookie(&ctx.app, session_cookie_name(&ctx.app), "", 0) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

fn reset_request_page(
    ctx: &PageCtx,
    f: &AccountForm,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let fields = vec![input(ctx, "email", "email", "email", &f.email, err)];
    let links = vec![link(ctx, "/account/sign-in", "account-go-sign-in")];
    render_form(ctx, FormPage { id: "reset", action: "/account/reset", fields, hidden: vec![], links }, csrf, err)
}

/// GET /account/reset
pub async fn reset_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    let csrf = csrf_token(&ctx, &headers, &user)?;
    reset_request_page(&ctx, &AccountForm::default(), csrf, &no_error())
}

/// POST /account/reset
pub async fn reset_request(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    Form(f): Form<AccountForm>,
) -> Result<Response, AppError> {
    check_csrf(&ctx, &headers, &user, &f.csrf)?;
    match accounts::request_reset(&ctx.app, &f.email).await {
        Ok(()) => message_page(&ctx, "reset-sent", &[("/account/sign-in", "account-go-sign-in")]),
        Err(e) if !e.fields.is_empty() => reset_request_page(&ctx, &f, csrf_token(&ctx, &headers, &user)?, &e),
        Err(e) => Err(e.into()),
    }
}

fn new_password_page(
    ctx: &PageCtx,
    f: &AccountForm,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let fields = vec![
        input(ctx, "password", "password", "new-password", "", err),
        input(ctx, "password_confirm", "password", "new-password", "", err),
    ];
    let hidden = vec![json!({ "name": "token", "value": f.token })];
    render_form(
        ctx,
        FormPage { id: "new-password", action: "/account/reset/new", fields, hidden, links: vec![] },
        csrf,
        err,
    )
}

/// GET /account/reset/new?token=…
pub async fn new_password_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    let token = ctx.path.split_once('?').and_then(|(_, q)| crate::lang::query_value(q, "token")).unwrap_or_default();
    let csrf = csrf_token(&ctx, &headers, &user)?;
    new_password_page(&ctx, &AccountForm { token, ..AccountForm::default() }, csrf, &no_error())
}

/// POST /account/reset/new
pub async fn new_password(
    ctx: PageCtx,
    headers: HeaderMap,
    user: MaybeUser,
    Form(f): Form<AccountForm>,
) -> Result<Response, AppError> {
    check_csrf(&ctx, &headers, &user, &f.csrf)?;
    match accounts::reset(&ctx.app, &f.token, &f.password, Some(&f.password_confirm)).await {
        Ok(_) => {
            let mut res = message_page(&ctx, "password-changed", &[("/account/sign-in", "account-go-sign-in")])?;
            // Every session ended, this browser's too.
            if let Some(c) = auth::cookie(&ctx.app, session_cookie_name(&ctx.app), "", 0) {
                res.headers_mut().append(header::SET_COOKIE, c);
            }
            Ok(res)
        }
        Err(e) if e.fields.iter().any(|f| f.field == "token") => {
            let mut res = message_page(&ctx, "reset-failed", &[("/account/reset", "account-forgot")])?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) if !e.fields.is_empty() => new_password_page(&ctx, &f, csrf_token(&ctx, &headers, &user)?, &e),
        Err(e) => Err(e.into()),
    }
}

/// GET /account: the signed-in person's home and inbox; others go to sign in first.
pub async fn home(ctx: PageCtx, user: MaybeUser) -> Result<Response, AppError> {
    let Some((session, user)) = user.0 else {
        return Ok(Redirect::to("/account/sign-in?next=/account").into_response());
    };
    let messages: Vec<Value> = ctx
        .app
        .store
        .inbox(user.id)
        .await?
        .into_iter()
        .map(|m| {
            let at = time::OffsetDateTime::from_unix_timestamp(m.created_at)
                .map(|t| t.to_offset(service::KZ_OFFSET).date().to_string())
                .unwrap_or_default();
            json!({ "subject": m.subject, "body": m.body, "date": at })
        })
        .collect();
    let work = match user.role.as_str() {
        "officer" => Some(("/cases", "nav-cases")),
        "supervisor" | "auditor" => Some(("/dashboard", "dash-title")),
        "administrator" => Some(("/admin", "admin-title")),
        "checker_police" | "checker_knb" => Some(("/checks", "case-checks")),
        "intermediary" | "applicant" => Some(("/applications", "nav-applications")),
        _ => None,
    };
    let work = work.map(|(href, id)| json!({ "href": href, "text": ctx.t(id) }));
    let has_cards = !service::cards::holder_cards(&ctx.app, &user).await?.is_empty();
    let res = ctx.render(
        "account_home.html",
        json!({ "email": user.email, "messages": messages, "csrf": session.csrf, "work": work, "has_cards": has_cards }),
    )?;
    Ok(super::private(res, false))
}
