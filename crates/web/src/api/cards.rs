//! The card over HTTP: the published key sets and status lists, online verification for anyone, the
//! holder's cards, and the citizenship registry's report. The rules live in [`service::cards`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::accounts::read_strings;
use crate::auth::Client;
use crate::auth::{ApiUser, digest};
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use service::cards::{self, NewPassport};

fn with_type(body: impl IntoResponse, content_type: &'static str, max_age: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(max_age));
    res.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    res
}

/// GET /.well-known/atajoly/keys.cose: the COSE_KeySet of every published key.
pub async fn keys_cose(State(app): State<AppState>) -> Response {
    with_type(app.cards.ring().published().to_cose_key_set(), "application/cose-key-set", "public, max-age=3600")
}

/// GET /.well-known/atajoly/jwks.json: the same keys as a JWK Set.
pub async fn jwks(State(app): State<AppState>) -> Response {
    with_type(app.cards.ring().published().to_jwks(), "application/jwk-set+json", "public, max-age=3600")
}

/// GET /status-lists/{id}: the signed Status List Token (CWT), draft-ietf-oauth-status-list-13.
pub async fn status_list(State(app): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    let served = cards::status_list(&app, id).await?.ok_or_else(AppError::not_found)?;
    let bytes = served.bytes.clone().ok_or_else(|| AppError::code(ErrorCode::Unavailable))?;
    Ok(with_type(bytes, "application/statuslist+cwt", "public, max-age=60"))
}

/// POST /verifications: `{"qr": "AZ1:..."}` or `{"number": "AZ..."}`, with `"verifier"` (the kind:
/// employer, hospital, school, border, bank, other). Logged; the holder sees the log.
pub async fn verify(State(app): State<AppState>, Client(client): Client, body: Bytes) -> Result<Response, AppError> {
    let f = read_strings(&body, &["qr", "number", "verifier", "birth_date"])?;
    cards::limit(&app, &client)?;
    let verifier = f.get("verifier").map_or("", String::as_str);
    let outcome = match (f.get("qr").filter(|q| !q.trim().is_empty()), f.get("number").filter(|n| !n.trim().is_empty()))
    {
        (Some(qr), _) => cards::verify_qr(&app, qr, verifier, "api").await?,
        (None, Some(number)) => {
            cards::verify_number(&app, number, verifier, f.get("birth_date").map(String::as_str), &client).await?
        }
        (None, None) => return Err(AppError::field("qr", "required")),
    };
    Ok(Json(outcome).into_response())
}

/// GET /me/cards: the holder's cards with their QR text, history and verification log.
pub async fn mine(State(app): State<AppState>, user: ApiUser) -> Result<Response, AppError> {
    let mut out = Vec::new();
    for c in cards::holder_cards(&app, &user.user).await? {
        let log = app.store.verifications(c.id, 100).await?;
        let events = cards::holder_events(app.store.card_events(c.id).await?);
        out.push(json!({
            "number": c.number,
            "state": c.state,
            "valid_from": c.valid_from,
            "valid_until": c.valid_until,
            "passport_number": c.passport_number,
            "qr": c.qr_text,
            "events": events,
            "verifications": log,
        }));
    }
    Ok(Json(json!({ "cards": out })).into_response())
}

/// POST /me/cards/{number}/passport: the holder reports a new passport (an officer checks it).
pub async fn report_passport(
    State(app): State<AppState>,
    user: ApiUser,
    Path(number): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let f = read_strings(&body, &["passport_number", "passport_issued", "passport_expires"])?;
    let card = cards::holder_card(&app, &user.user, &number).await?;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let p = NewPassport {
        passport_number: get("passport_number"),
        passport_issued: get("passport_issued"),
        passport_expires: get("passport_expires"),
    };
    let id = cards::report_passport(&app, &user.user, &card, &p).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "request": id, "status": "pending" }))).into_response())
}

/// The registry's API key from `Authorization: Bearer azk_...`.
async fn registry_key(app: &AppState, headers: &HeaderMap) -> Result<store::ApiKey, AppError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| t.starts_with("azk_"))
        .ok_or_else(|| AppError::code(ErrorCode::Unauthorized))?;
    let key = app
        .store
        .api_key(&digest(token), app.clock.now().unix_timestamp())
        .await?
        .ok_or_else(|| AppError::code(ErrorCode::Unauthorized))?;
    service::audit::api_key_used(app, &key).await?;
    Ok(key)
}

fn reported(r: &cards::Reported) -> Response {
    let out: Vec<Value> = r.cards.iter().map(|c| json!({ "number": c.number, "state": c.state })).collect();
    let report = json!({
        "iin": r.report.iin,
        "reference": r.report.reference,
        "reported_at": r.report.reported_at,
        "withdrawn_at": r.report.withdrawn_at,
        "withdrawn_reference": r.report.withdrawn_reference,
    });
    Json(json!({ "report": report, "cards": out })).into_response()
}

/// POST /registry/citizenship: the citizenship registry reports `{"iin", "reference"}`: the report is
/// kept by IIN (a case with it can no longer be granted) and every valid card of that person is
/// invalidated. Authenticated with the registry's API key. Retrying is harmless.
pub async fn citizenship(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, AppError> {
    let key = registry_key(&app, &headers).await?;
    let f = read_strings(&body, &["iin", "reference"])?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    Ok(reported(&cards::citizenship_acquired(&app, &key, get("iin"), get("reference")).await?))
}

/// POST /registry/citizenship/withdrawals: the registry withdraws its report for `{"iin"}` with its own
/// `"reference"` (a correction); the cards the report invalidated are valid again.
pub async fn withdraw_citizenship(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let key = registry_key(&app, &headers).await?;
    let f = read_strings(&body, &["iin", "reference"])?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    Ok(reported(&cards::citizenship_withdrawn(&app, &key, get("iin"), get("reference")).await?))
}
