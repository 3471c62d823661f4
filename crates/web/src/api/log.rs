//! The audit log over HTTP (docs/audit-log.md): the signed checkpoint and the verifier key (public,
//! under `/.well-known/atajoly/log/`), inclusion and consistency proofs (public: hashes only), and the
//! entries themselves for auditors (search and JSON Lines export).

use std::collections::HashMap;

use axum::Json;
use axum::extract::{RawQuery, State};

use super::path::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};
use service::audit::{self, ProofRequest};

use crate::auth::ApiUser;
use crate::error::AppError;
use crate::lang::serde_urlencoded_pairs;
use crate::state::AppState;

fn text(body: String, cache: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    res
}

/// GET /.well-known/atajoly/log/checkpoint: the latest signed checkpoint (C2SP tlog-checkpoint in a
/// signed note), signed now if the log has grown since the last.
pub async fn checkpoint(State(app): State<AppState>) -> Result<Response, AppError> {
    let c = audit::checkpoint(app.store.as_ref(), &app.log, app.clock.now().unix_timestamp()).await?;
    Ok(text(c.note, "no-cache"))
}

/// GET /.well-known/atajoly/log/vkey: the checkpoints' verifier key (signed-note format).
pub async fn vkey(State(app): State<AppState>) -> Response {
    text(format!("{}\n", app.log.vkey()), "public, max-age=3600")
}

fn params(q: Option<&str>) -> HashMap<String, String> {
    q.map(serde_urlencoded_pairs).unwrap_or_default().into_iter().collect()
}

/// A whole number parameter: required (`None` default) or defaulted.
fn number(p: &HashMap<String, String>, field: &str, default: Option<u64>) -> Result<u64, AppError> {
    match p.get(field).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(v) => v.parse().map_err(|_| service::AppError::field(field, "not_a_number").into()),
        None => default.ok_or_else(|| service::AppError::field(field, "required").into()),
    }
}

fn proof_json(kind: &str, a: (&str, u64), b: (&str, u64), hashes: &[tlog::Hash]) -> Value {
    let hashes: Vec<String> = hashes.iter().map(|h| B64.encode(h)).collect();
    json!({ "proof": kind, a.0: a.1, b.0: b.1, "hashes": hashes })
}

fn refused(r: &ProofRequest, field: &str) -> AppError {
    match r {
        ProofRequest::BeyondLog { .. } => service::AppError::field(field, "beyond_log").into(),
        ProofRequest::Sizes => service::AppError::field(field, "out_of_range").into(),
    }
}

/// GET /log/proofs/inclusion?index=N&size=S: the hashes that prove leaf N is in the tree of S leaves
/// (S defaults to the latest signed checkpoint's size).
pub async fn inclusion(State(app): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let p = params(q.as_deref());
    let latest = app.store.latest_checkpoint().await?.map(|c| c.size);
    let index = number(&p, "index", None)?;
    let size = number(&p, "size", latest.or(Some(0)))?;
    match audit::inclusion(app.store.as_ref(), index, size).await? {
        Ok(h) => Ok(Json(proof_json("inclusion", ("index", index), ("size", size), &h)).into_response()),
        Err(r @ ProofRequest::BeyondLog { .. }) => Err(refused(&r, "size")),
        Err(r) => Err(refused(&r, "index")),
    }
}

/// GET /log/proofs/consistency?first=M&second=N: the hashes that prove the tree of M leaves is a prefix
/// of the tree of N (N defaults to the latest signed checkpoint's size).
pub async fn consistency(State(app): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let p = params(q.as_deref());
    let latest = app.store.latest_checkpoint().await?.map(|c| c.size);
    let first = number(&p, "first", None)?;
    let second = number(&p, "second", latest.or(Some(0)))?;
    match audit::consistency(app.store.as_ref(), first, second).await? {
        Ok(h) => Ok(Json(proof_json("consistency", ("first", first), ("second", second), &h)).into_response()),
        Err(r @ ProofRequest::BeyondLog { .. }) => Err(refused(&r, "second")),
        Err(r) => Err(refused(&r, "first")),
    }
}

/// GET /log/checkpoints/{size}: a signed checkpoint the log kept, of that size.
pub async fn checkpoint_of(State(app): State<AppState>, Path(size): Path<String>) -> Result<Response, AppError> {
    let size: u64 = size.parse().map_err(|_| AppError::not_found())?;
    let all = app.store.log_checkpoints().await?;
    let c = all.into_iter().find(|c| c.size == size).ok_or_else(AppError::not_found)?;
    Ok(text(c.note, "public, max-age=31536000, immutable"))
}

fn entry_json(e: &store::LogEntry) -> Value {
    json!({ "seq": e.seq, "data": e.data, "leaf": B64.encode(&e.leaf) })
}

/// GET /log/entries?application=&card=&actor=&office=&kind=&action=&since=&until=&before=&limit=: the
/// entries that match, newest first (auditors).
pub async fn entries(State(app): State<AppState>, user: ApiUser, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    service::policy::check_log_reader(&user.user)?;
    let p = params(q.as_deref());
    let opt = |f: &str| -> Result<Option<i64>, AppError> {
        p.get(f)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(|v| v.parse().map_err(|_| service::AppError::field(f, "not_a_number").into()))
            .transpose()
    };
    let word = |f: &str| p.get(f).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let query = store::LogQuery {
        application_id: opt("application")?,
        card_id: opt("card")?,
        actor_id: opt("actor")?,
        office: word("office"),
        kind: word("kind"),
        action: word("action"),
        subject: word("subject"),
        from_at: opt("since")?,
        until_at: opt("until")?,
        before_seq: opt("before")?.and_then(|b| u64::try_from(b).ok()),
        limit: u32::try_from(opt("limit")?.unwrap_or(100).clamp(1, 1000)).unwrap_or(100),
    };
    let found = app.store.log_search(&query).await?;
    let items: Vec<Value> = found.iter().map(entry_json).collect();
    Ok(private(Json(json!({ "entries": items })).into_response()))
}

/// GET /log/entries/{seq}: one entry with its inclusion proof in the latest signed checkpoint.
pub async fn entry(State(app): State<AppState>, user: ApiUser, Path(seq): Path<String>) -> Result<Response, AppError> {
    service::policy::check_log_reader(&user.user)?;
    let seq: u64 = seq.parse().map_err(|_| AppError::not_found())?;
    let e = app.store.log_entries(seq, 1).await?.into_iter().find(|e| e.seq == seq).ok_or_else(AppError::not_found)?;
    let mut v = entry_json(&e);
    if let Some(c) = app.store.latest_checkpoint().await?
        && seq < c.size
        && let Ok(h) = audit::inclusion(app.store.as_ref(), seq, c.size).await?
    {
        super::set(&mut v, "inclusion", proof_json("inclusion", ("index", seq), ("size", c.size), &h));
        super::set(&mut v, "checkpoint", json!(c.note));
    }
    Ok(private(Json(v).into_response()))
}

/// GET /log/export?from=M&to=N: the leaves M..N-1 as JSON Lines, each line a leaf's data byte for byte
/// (N defaults to the latest signed checkpoint's size; at most 100,000 lines a request).
pub async fn export(State(app): State<AppState>, user: ApiUser, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    service::policy::check_log_reader(&user.user)?;
    let p = params(q.as_deref());
    let latest = app.store.latest_checkpoint().await?.map_or(0, |c| c.size);
    let from = number(&p, "from", Some(0))?;
    let to = number(&p, "to", Some(latest))?;
    let out = audit::export_lines(app.store.as_ref(), from, to)
        .await?
        .ok_or_else(|| AppError::from(service::AppError::field("to", "out_of_range")))?;
    let mut res = out.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/jsonl"));
    Ok(private(res))
}

fn private(mut res: Response) -> Response {
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
