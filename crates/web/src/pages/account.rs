//! Account pages: sign up, verify the address, sign in and out, reset the password, the account's home
//! with its inbox. Every form is a POST with a CSRF token; errors come back on the same page with an
//! error summary naming each field, in the page's language.

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use store::SessionKind;

use super::PageCtx;
use crate::auth::{self, Client, MaybeUser, csrf_cookie_name, session_cookie_name};
use crate::error::{AppError, ErrorCode};
use crate::lang::cookie_in;
use crate::state::AppState;
use service::accounts;

/// Every account form's fields (each form uses some of them).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub(crate) csrf: String,
    pub(crate) email: String,
    pub(crate) password: String,
    pub(crate) password_confirm: String,
    pub(crate) token: String,
    pub(crate) next: String,
    pub(crate) code: String,
    pub(crate) sealed: String,
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
    let c = auth::cookie(&ctx.app, csrf_cookie_name(&ctx.app), &v, auth::CSRF_COOKIE_SECS);
    Ok((v, c))
}

/// Refuses a form whose CSRF token does not match.
pub(crate) fn check_csrf(app: &AppState, headers: &HeaderMap, user: &MaybeUser, sent: &str) -> Result<(), AppError> {
    let expected = match &user.0 {
        Some((s, _)) => Some(s.csrf.clone()),
        None => cookie_in(headers, csrf_cookie_name(app)),
    };
    match expected {
        Some(e) if !sent.is_empty() && auth::same(&e, sent) => Ok(()),
        _ => Err(AppError::code(ErrorCode::Forbidden)),
    }
}

/// An account form as posted, its CSRF token checked, with what it takes to show the form again.
pub struct Posted {
    pub(crate) headers: HeaderMap,
    pub(crate) user: MaybeUser,
    pub(crate) form: AccountForm,
}

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let headers = parts.headers.clone();
        let user = MaybeUser::from_request_parts(&mut parts, app).await.map_err(IntoResponse::into_response)?;
        let Form(form) = Form::<AccountForm>::from_request(Request::from_parts(parts, body), app)
            .await
            .map_err(IntoResponse::into_response)?;
        check_csrf(app, &headers, &user, &form.csrf).map_err(IntoResponse::into_response)?;
        Ok(Posted { headers, user, form })
    }
}

impl Posted {
    /// The form of `page` again with the problems of `e`; `e` itself when it names no field.
    fn again(&self, ctx: &PageCtx, page: PageFn, e: service::AppError) -> Result<Response, AppError> {
        if e.fields.is_empty() {
            return Err(e.into());
        }
        render_form(ctx, page(ctx, &self.form, &e), csrf_token(ctx, &self.headers, &self.user)?, &e)
    }
}

/// A form field for the template.
pub(crate) fn input(
    ctx: &PageCtx,
    name: &str,
    kind: &str,
    autocomplete: &str,
    value: &str,
    err: &service::AppError,
) -> Value {
    let error = err.fields.iter().find(|f| f.field == name).map(|f| problem_message(ctx, err, f));
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

/// The message of `f`, a problem of `err` (a 429's says when to try again).
pub(crate) fn problem_message(ctx: &PageCtx, err: &service::AppError, f: &service::InvalidField) -> String {
    ctx.app.i18n.problem_of(ctx.lang, err, f)
}

struct FormPage {
    id: &'static str,
    action: &'static str,
    fields: Vec<Value>,
    hidden: Vec<Value>,
    links: Vec<Value>,
}

/// One of the account forms: its page for the values entered and the problems found.
type PageFn = fn(&PageCtx, &AccountForm, &service::AppError) -> FormPage;

fn render_form(
    ctx: &PageCtx,
    page: FormPage,
    csrf: (String, Option<HeaderValue>),
    err: &service::AppError,
) -> Result<Response, AppError> {
    let summary: Vec<Value> = err
        .fields
        .iter()
        .map(|f| json!({ "href": format!("#{}", f.field.replace('_', "-")), "text": problem_message(ctx, err, f) }))
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
    crate::error::set_retry_after(&mut res, err);
    Ok(with_cookies(res, [csrf.1]))
}

/// The form of `page` with the values of `f` and no problem yet.
fn blank(
    ctx: &PageCtx,
    headers: &HeaderMap,
    user: &MaybeUser,
    page: PageFn,
    f: &AccountForm,
) -> Result<Response, AppError> {
    let csrf = csrf_token(ctx, headers, user)?;
    let none = AppError::invalid([]);
    render_form(ctx, page(ctx, f, &none), csrf, &none)
}

/// Adds the cookies that could be made to a response.
pub(crate) fn with_cookies(mut res: Response, cookies: impl IntoIterator<Item = Option<HeaderValue>>) -> Response {
    for c in cookies.into_iter().flatten() {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

fn message_page(ctx: &PageCtx, id: &str, links: &[(&str, &str)]) -> Result<Response, AppError> {
    let links: Vec<Value> = links.iter().map(|(href, text)| json!({ "href": href, "text": ctx.t(text) })).collect();
    ctx.render(
        "account_message.html",
        json!({ "title": ctx.t(&format!("{id}-title")), "body": ctx.t(&format!("{id}-body")), "links": links }),
    )
}

/// A message page saying that a link did not work (422).
pub(crate) fn failed_page(ctx: &PageCtx, id: &str, links: &[(&str, &str)]) -> Result<Response, AppError> {
    let mut res = message_page(ctx, id, links)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

fn link(ctx: &PageCtx, href: &str, text: &str) -> Value {
    json!({ "href": href, "text": ctx.t(text) })
}

/// A parameter of the page's query, empty when absent.
pub(crate) fn query(ctx: &PageCtx, name: &str) -> String {
    ctx.path.split_once('?').and_then(|(_, q)| crate::lang::query_value(q, name)).unwrap_or_default()
}

/// Only a local path may follow sign-in (no open redirect): it starts with one `/`, and holds no
/// backslash, no control character and no space of any kind. Browsers drop tabs and newlines from a
/// URL and read `\` as `/`, so `/\t/evil.example` or `/\\evil.example` would leave the site.
/// The same holds for the path with its percent escapes decoded (`/%09/…`, `/%2F/…`, `/%5C…`), since
/// a proxy or a browser may decode them. Letters beyond ASCII are percent-encoded, so that the path can
/// stand in a `Location` header.
fn safe_next(next: &str) -> String {
    let local = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    };
    let decoded_local = crate::lang::percent_decode(next).is_some_and(|d| local(&d));
    if !(local(next) && decoded_local) {
        return "/account".to_owned();
    }
    next.bytes().map(|b| if b.is_ascii() { char::from(b).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The hidden field that carries where to go after signing in.
fn next_field(f: &AccountForm) -> Value {
    json!({ "name": "next", "value": safe_next(&f.next) })
}

fn sign_up_page(ctx: &PageCtx, f: &AccountForm, err: &service::AppError) -> FormPage {
    let fields = vec![
        input(ctx, "email", "email", "email", &f.email, err),
        input(ctx, "password", "password", "new-password", "", err),
        input(ctx, "password_confirm", "password", "new-password", "", err),
    ];
    let links = vec![link(ctx, "/account/sign-in", "account-have-account")];
    FormPage { id: "sign-up", action: "/account/sign-up", fields, hidden: vec![], links }
}

/// GET /account/sign-up
pub async fn sign_up_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    if user.0.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    blank(&ctx, &headers, &user, sign_up_page, &AccountForm::default())
}

/// POST /account/sign-up
pub async fn sign_up(ctx: PageCtx, Client(client): Client, p: Posted) -> Result<Response, AppError> {
    let f = &p.form;
    match accounts::sign_up(&ctx.app, &f.email, &f.password, Some(&f.password_confirm), ctx.lang, &client).await {
        Ok(()) => Ok(Redirect::to("/account/check-email").into_response()),
        Err(e) => p.again(&ctx, sign_up_page, e),
    }
}

/// GET /account/check-email
pub async fn check_email(ctx: PageCtx) -> Result<Response, AppError> {
    message_page(&ctx, "check-email", &[("/account/sign-in", "account-go-sign-in")])
}

/// GET /account/verify?token=…
pub async fn verify(ctx: PageCtx) -> Result<Response, AppError> {
    match accounts::verify(&ctx.app, &query(&ctx, "token")).await {
        Ok(_) => message_page(&ctx, "verified", &[("/account/sign-in", "account-go-sign-in")]),
        Err(e) if e.code == ErrorCode::Validation => {
            failed_page(&ctx, "verify-failed", &[("/account/sign-in", "account-go-sign-in")])
        }
        Err(e) => Err(e.into()),
    }
}

fn sign_in_page(ctx: &PageCtx, f: &AccountForm, err: &service::AppError) -> FormPage {
    let fields = vec![
        input(ctx, "email", "email", "email", &f.email, err),
        input(ctx, "password", "password", "current-password", "", err),
    ];
    let links =
        vec![link(ctx, "/account/reset", "account-forgot"), link(ctx, "/account/sign-up", "account-no-account")];
    FormPage { id: "sign-in", action: "/account/sign-in", fields, hidden: vec![next_field(f)], links }
}

/// GET /account/sign-in
pub async fn sign_in_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    if user.0.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    blank(&ctx, &headers, &user, sign_in_page, &AccountForm { next: query(&ctx, "next"), ..AccountForm::default() })
}

/// POST /account/sign-in
pub async fn sign_in(ctx: PageCtx, Client(client): Client, p: Posted) -> Result<Response, AppError> {
    let f = &p.form;
    let ua = auth::user_agent(&p.headers);
    match accounts::sign_in(&ctx.app, &f.email, &f.password, None, &client, SessionKind::Cookie, ua).await {
        Ok(accounts::SignIn::NeedCode(user)) => {
            // Staff: the password was right; the second factor comes on its own page.
            let (secret, _) = auth::start_session(&ctx.app, &user, SessionKind::Pending, ua).await?;
            // As a query value: its own `&`, `#` and `%` escaped.
            let next = crate::lang::query_encode(&safe_next(&f.next));
            let res = Redirect::to(&format!("/account/sign-in/code?next={next}")).into_response();
            let pending =
                auth::cookie(&ctx.app, auth::pending_cookie_name(&ctx.app), &secret, auth::PENDING_SESSION_SECS);
            Ok(with_cookies(res, [pending]))
        }
        Ok(accounts::SignIn::Done(secret, _)) => {
            let res = Redirect::to(&safe_next(&f.next)).into_response();
            Ok(with_cookies(res, [session_cookie(&ctx, Some(&secret))]))
        }
        Err(e) => p.again(&ctx, sign_in_page, e),
    }
}

/// The session cookie that holds `secret`, or (`None`) the one that ends the session.
pub(crate) fn session_cookie(ctx: &PageCtx, secret: Option<&str>) -> Option<HeaderValue> {
    // The cookie may outlive a staff session (30 minutes idle, 12 hours in all): the database decides.
    let (value, age) = secret.map_or(("", 0), |s| (s, auth::COOKIE_SESSION_SECS));
    auth::cookie(&ctx.app, session_cookie_name(&ctx.app), value, age)
}

fn code_page(ctx: &PageCtx, f: &AccountForm, err: &service::AppError) -> FormPage {
    let fields = vec![input(ctx, "code", "text", "one-time-code", "", err)];
    let links = vec![link(ctx, "/account/sign-in", "account-go-sign-in")];
    FormPage { id: "sign-in-code", action: "/account/sign-in/code", fields, hidden: vec![next_field(f)], links }
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
    blank(&ctx, &headers, &user, code_page, &AccountForm { next: query(&ctx, "next"), ..AccountForm::default() })
}

/// POST /account/sign-in/code: the second factor; the pending sign-in becomes a session.
pub async fn code_submit(ctx: PageCtx, p: Posted) -> Result<Response, AppError> {
    let Some((pending, staff)) = pending_user(&ctx, &p.headers).await? else {
        return Ok(Redirect::to("/account/sign-in").into_response());
    };
    match accounts::check_code(&ctx.app, &staff, &p.form.code).await {
        Ok(()) => {
            ctx.app.store.delete_session(&pending.token_hash).await?;
            let ua = auth::user_agent(&p.headers);
            let (secret, _) = auth::start_session(&ctx.app, &staff, SessionKind::Cookie, ua).await?;
            let res = Redirect::to(&safe_next(&p.form.next)).into_response();
            let no_pending = auth::cookie(&ctx.app, auth::pending_cookie_name(&ctx.app), "", 0);
            Ok(with_cookies(res, [session_cookie(&ctx, Some(&secret)), no_pending]))
        }
        Err(e) => p.again(&ctx, code_page, e),
    }
}

/// POST /account/sign-out
pub async fn sign_out(ctx: PageCtx, p: Posted) -> Result<Response, AppError> {
    if let Some((s, _)) = &p.user.0 {
        ctx.app.store.delete_session(&s.token_hash).await?;
    }
    Ok(with_cookies(Redirect::to("/").into_response(), [session_cookie(&ctx, None)]))
}

fn reset_request_page(ctx: &PageCtx, f: &AccountForm, err: &service::AppError) -> FormPage {
    let fields = vec![input(ctx, "email", "email", "email", &f.email, err)];
    let links = vec![link(ctx, "/account/sign-in", "account-go-sign-in")];
    FormPage { id: "reset", action: "/account/reset", fields, hidden: vec![], links }
}

/// GET /account/reset
pub async fn reset_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    blank(&ctx, &headers, &user, reset_request_page, &AccountForm::default())
}

/// POST /account/reset
pub async fn reset_request(ctx: PageCtx, Client(client): Client, p: Posted) -> Result<Response, AppError> {
    match accounts::request_reset(&ctx.app, &p.form.email, &client).await {
        Ok(()) => message_page(&ctx, "reset-sent", &[("/account/sign-in", "account-go-sign-in")]),
        Err(e) => p.again(&ctx, reset_request_page, e),
    }
}

fn new_password_page(ctx: &PageCtx, f: &AccountForm, err: &service::AppError) -> FormPage {
    let fields = vec![
        input(ctx, "password", "password", "new-password", "", err),
        input(ctx, "password_confirm", "password", "new-password", "", err),
    ];
    let hidden = vec![json!({ "name": "token", "value": f.token })];
    FormPage { id: "new-password", action: "/account/reset/new", fields, hidden, links: vec![] }
}

/// GET /account/reset/new?token=…
pub async fn new_password_form(ctx: PageCtx, headers: HeaderMap, user: MaybeUser) -> Result<Response, AppError> {
    blank(
        &ctx,
        &headers,
        &user,
        new_password_page,
        &AccountForm { token: query(&ctx, "token"), ..AccountForm::default() },
    )
}

/// POST /account/reset/new
pub async fn new_password(ctx: PageCtx, p: Posted) -> Result<Response, AppError> {
    let f = &p.form;
    match accounts::reset(&ctx.app, &f.token, &f.password, Some(&f.password_confirm)).await {
        Ok(_) => {
            let res = message_page(&ctx, "password-changed", &[("/account/sign-in", "account-go-sign-in")])?;
            // Every session ended, this browser's too.
            Ok(with_cookies(res, [session_cookie(&ctx, None)]))
        }
        Err(e) if e.fields.iter().any(|f| f.field == "token") => {
            failed_page(&ctx, "reset-failed", &[("/account/reset", "account-forgot")])
        }
        Err(e) => p.again(&ctx, new_password_page, e),
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
        "appeals" => Some(("/complaints", "complaints-title")),
        "checker_police" | "checker_knb" => Some(("/checks", "case-checks")),
        "intermediary" | "applicant" => Some(("/applications", "nav-applications")),
        _ => None,
    };
    let work = work.map(|(href, id)| json!({ "href": href, "text": ctx.t(id) }));
    let has_cards = !service::cards::holder_cards(&ctx.app, &user).await?.is_empty();
    let sessions = session_rows(&ctx, &session, &accounts::sessions(&ctx.app, &user).await?);
    let res = ctx.render(
        "account_home.html",
        json!({ "email": user.email, "messages": messages, "csrf": session.csrf, "work": work, "has_cards": has_cards, "sessions": sessions }),
    )?;
    Ok(super::private(res, false))
}

/// The sessions of the account page, each with what the form that ends it needs.
fn session_rows(ctx: &PageCtx, current: &store::Session, list: &[store::SessionInfo]) -> Vec<Value> {
    let current_id: String = current.token_hash.chars().take(16).collect();
    list.iter()
        .map(|s| {
            json!({
                "id": s.id,
                "device": s.user_agent.clone().unwrap_or_else(|| ctx.t("staff-session-unknown-device")),
                "kind": ctx.t(if s.kind == "bearer" { "staff-session-app" } else { "staff-session-browser" }),
                "started": super::words::moment(ctx, s.created_at),
                "last_seen": super::words::moment(ctx, s.last_seen_at),
                "ends": super::words::moment(ctx, s.idle_until.map_or(s.expires_at, |i| i.min(s.expires_at))),
                "current": s.id == current_id,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_follow_sign_in() {
        for ok in ["/account", "/cases?status=submitted", "/applications/3#documents", "/check/result?a=b+c"] {
            assert_eq!(safe_next(ok), ok);
        }
        assert_eq!(safe_next("/applications?q=ақ"), "/applications?q=%D0%B0%D2%9B", "encoded for the header");
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/ /evil.example",
            "/\u{a0}/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%0d%0aSet-Cookie:x=1",
            "/%zz",
            "",
        ] {
            assert_eq!(safe_next(bad), "/account", "{bad:?}");
        }
    }
}
