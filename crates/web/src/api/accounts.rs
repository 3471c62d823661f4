//! Accounts over JSON for the mobile app: sign up, verify, token sign-in and sign-out, password reset,
//! the signed-in person and their inbox. The app authenticates with `Authorization: Bearer`; the API
//! never reads cookies, so it needs no CSRF token.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde_json::{Value, json};
use store::SessionKind;

use crate::auth::ApiUser;
use crate::auth::Client;
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::lang::ReqLang;
use crate::state::AppState;
use service::accounts;

/// Reads a JSON object of string fields: unknown names and non-strings are named in a 422.
pub(crate) fn read_strings(body: &[u8], allowed: &[&str]) -> Result<HashMap<String, String>, AppError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| AppError::code(ErrorCode::BadRequest))?;
    let obj = value.as_object().ok_or_else(|| AppError::code(ErrorCode::BadRequest))?;
    let mut out = HashMap::new();
    let mut invalid = Vec::new();
    for (k, v) in obj {
        if !allowed.contains(&k.as_str()) {
            invalid.push(InvalidField { field: k.clone(), problem: "unknown_field" });
            continue;
        }
        match v {
            Value::String(s) => {
                out.insert(k.clone(), s.clone());
            }
            Value::Null => {}
            _ => invalid.push(InvalidField { field: k.clone(), problem: "invalid_type" }),
        }
    }
    if invalid.is_empty() { Ok(out) } else { Err(AppError::invalid(invalid)) }
}

fn get<'a>(m: &'a HashMap<String, String>, k: &str) -> &'a str {
    m.get(k).map_or("", String::as_str)
}

/// An instant (Unix seconds) as RFC 3339 text, in UTC.
fn rfc3339(ts: i64) -> Option<String> {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
}

/// POST /accounts: 202 whether or not the address already had an account.
pub async fn sign_up(
    State(app): State<AppState>,
    ReqLang(lang): ReqLang,
    Client(client): Client,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = read_strings(&body, &["email", "password", "lang"])?;
    let lang = match f.get("lang") {
        Some(l) => Lang::parse(l).ok_or_else(|| AppError::field("lang", "unknown"))?,
        None => lang,
    };
    accounts::sign_up(&app, get(&f, "email"), get(&f, "password"), None, lang, &client).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "status": "verification_sent" }))).into_response())
}

/// POST /accounts/verify
pub async fn verify(State(app): State<AppState>, body: Bytes) -> Result<Response, AppError> {
    let f = read_strings(&body, &["token"])?;
    let user = accounts::verify(&app, get(&f, "token")).await?;
    Ok(Json(json!({ "email": user.email, "verified": true })).into_response())
}

/// POST /auth/token: a bearer token for the app.
pub async fn token(
    State(app): State<AppState>,
    Client(client): Client,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = read_strings(&body, &["email", "password", "code"])?;
    let code = f.get("code").map(String::as_str);
    let ua = crate::auth::user_agent(&headers);
    let accounts::SignIn::Done(secret, session) =
        accounts::sign_in(&app, get(&f, "email"), get(&f, "password"), code, &client, SessionKind::Bearer, ua).await?
    else {
        return Err(AppError::field("code", "required"));
    };
    let expires = rfc3339(session.expires_at);
    Ok((StatusCode::CREATED, Json(json!({ "token": secret, "token_type": "Bearer", "expires_at": expires })))
        .into_response())
}

/// DELETE /auth/token: ends the session of the token sent.
pub async fn revoke(State(app): State<AppState>, user: ApiUser) -> Result<Response, AppError> {
    app.store.delete_session(&user.session.token_hash).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// POST /password-resets: 202 whether or not the address has an account.
pub async fn request_reset(
    State(app): State<AppState>,
    Client(client): Client,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = read_strings(&body, &["email"])?;
    accounts::request_reset(&app, get(&f, "email"), &client).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "status": "reset_sent_if_registered" }))).into_response())
}

/// POST /password-resets/confirm
pub async fn confirm_reset(State(app): State<AppState>, body: Bytes) -> Result<Response, AppError> {
    let f = read_strings(&body, &["token", "password"])?;
    accounts::reset(&app, get(&f, "token"), get(&f, "password"), None).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// GET /me
pub async fn me(user: ApiUser) -> Response {
    let u = user.user;
    Json(json!({ "id": u.id, "email": u.email, "lang": u.lang, "verified": u.verified_at.is_some() })).into_response()
}

/// GET /me/inbox
pub async fn inbox(State(app): State<AppState>, user: ApiUser) -> Result<Response, AppError> {
    let messages = app.store.inbox(user.user.id).await?;
    let messages: Vec<Value> = messages
        .into_iter()
        .map(|m| json!({ "id": m.id, "subject": m.subject, "body": m.body, "created_at": rfc3339(m.created_at) }))
        .collect();
    Ok(Json(json!({ "messages": messages })).into_response())
}

/// GET /me/sessions: the signed-in person's live sessions (every device).
pub async fn sessions(State(app): State<AppState>, user: ApiUser) -> Result<Response, AppError> {
    let current: String = user.session.token_hash.chars().take(16).collect();
    let list: Vec<Value> = accounts::sessions(&app, &user.user)
        .await?
        .into_iter()
        .map(|s| {
            json!({
                "id": s.id, "kind": s.kind, "user_agent": s.user_agent, "created_at": rfc3339(s.created_at),
                "last_seen_at": rfc3339(s.last_seen_at), "expires_at": rfc3339(s.expires_at),
                "idle_until": s.idle_until.and_then(rfc3339), "current": s.id == current,
            })
        })
        .collect();
    Ok(Json(json!({ "sessions": list })).into_response())
}

/// DELETE /me/sessions/{id}: ends one of the signed-in person's sessions.
pub async fn end_session(
    State(app): State<AppState>,
    user: ApiUser,
    super::path::Path(id): super::path::Path<String>,
) -> Result<Response, AppError> {
    accounts::end_session(&app, &user.user, &id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::read_strings;

    #[test]
    fn strings_are_read_and_others_named() {
        let ok = read_strings(br#"{"email":"a@b.kz","password":null}"#, &["email", "password"]).expect("ok");
        assert_eq!(ok.get("email").map(String::as_str), Some("a@b.kz"));
        assert!(!ok.contains_key("password"));
        let err = read_strings(br#"{"email":5,"x":"y"}"#, &["email"]).expect_err("invalid");
        let mut names: Vec<_> = err.fields.iter().map(|f| (f.field.as_str(), f.problem)).collect();
        names.sort_unstable();
        assert_eq!(names, [("email", "invalid_type"), ("x", "unknown_field")]);
        assert!(read_strings(b"[1]", &["email"]).is_err());
    }
}
