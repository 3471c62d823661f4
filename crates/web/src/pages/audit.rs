//! The auditor's workbench: search the audit log by case, person, office, kind, action and time; see an
//! entry with its inclusion proof and the checkpoint it leads to; export a stretch as JSON Lines.

use std::collections::HashMap;

use axum::extract::{Path, RawQuery};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::PageCtx;
use super::application::SignedIn;
use crate::error::AppError;
use crate::lang::serde_urlencoded_pairs;

/// `v` percent-encoded for a query string (everything but the unreserved characters of RFC 3986).
fn url_encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect::<Vec<_>>()
        .concat()
}

/// A day (YYYY-MM-DD) as the Unix second its Astana midnight is.
fn day_start(day: &str) -> Option<i64> {
    let d = time::Date::parse(day, time::macros::format_description!("[year]-[month]-[day]")).ok()?;
    Some(d.midnight().assume_offset(service::KZ_OFFSET).unix_timestamp())
}

/// GET /audit: the search form and the newest matching entries.
pub async fn search(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    service::policy::check_log_reader(&user)?;
    let p: HashMap<String, String> = q.as_deref().map(serde_urlencoded_pairs).unwrap_or_default().into_iter().collect();
    let word = |f: &str| p.get(f).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut errors = Vec::new();
    let mut number = |f: &str| match word(f).map(|v| v.parse::<i64>()) {
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => {
            errors.push(service::InvalidField { field: f.to_owned(), problem: "not_a_number" });
            None
        }
        None => None,
    };
    let (application_id, actor_id, before) = (number("application"), number("actor"), number("before"));
    let mut date = |f: &str| match word(f).map(|v| day_start(&v)) {
        Some(Some(t)) => Some(t),
        Some(None) => {
            errors.push(service::InvalidField { field: f.to_owned(), problem: "invalid_date" });
            None
        }
        None => None,
    };
    let (since, until) = (date("since"), date("until").map(|t| t + 86_400));
    let query = store::LogQuery {
        application_id,
        actor_id,
        office: word("office"),
        kind: word("kind"),
        action: word("action"),
        from_at: since,
        until_at: until,
        before_seq: before.and_then(|b| u64::try_from(b).ok()),
        limit: 50,
        ..store::LogQuery::default()
    };
    let found = if errors.is_empty() { ctx.app.store.log_search(&query).await? } else { Vec::new() };
    let mut people: HashMap<i64, String> = HashMap::new();
    let mut rows = Vec::new();
    for e in &found {
        let r = &e.record;
        let who = match r.actor_id {
            Some(id) => {
                if let Some(known) = people.get(&id) {
                    known.clone()
                } else {
                    let email = ctx.app.store.user_by_id(id).await?.map_or_else(|| format!("#{id}"), |u| u.email);
                    people.insert(id, email.clone());
                    email
                }
            }
            None => ctx.t("audit-nobody"),
        };
        let note = store::log::decode(&e.data).and_then(|(_, full)| full.note);
        rows.push(json!({
            "seq": e.seq,
            "when": super::words::moment(&ctx, r.at),
            "kind": ctx.t(&format!("audit-kind-{}", r.kind)),
            "action": r.action,
            "who": who,
            "role": ctx.t(&format!("app-role-{}", r.actor_role.replace('_', "-"))),
            "office": r.office.as_deref().map(|o| super::words::office(&ctx, o)),
            "application": r.application_id,
            "note": note,
        }));
    }
    let next = if found.len() == 50 { found.last().map(|e| e.seq) } else { None };
    let messages: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "href": format!("#{}", e.field), "text": ctx.app.i18n.field_problem(ctx.lang, &e.field, e.problem) }))
        .collect();
    let size = ctx.app.store.log_size().await?;
    let mut next_query: Vec<(String, String)> =
        p.iter().filter(|(k, _)| k.as_str() != "before").map(|(k, v)| (k.clone(), v.clone())).collect();
    next_query.sort();
    let keep: String = next_query.iter().map(|(k, v)| format!("&{k}={}", url_encode(v))).collect::<Vec<_>>().concat();
    let kinds: Vec<Value> = ["application", "card", "read", "admin", "staff", "key", "system"]
        .iter()
        .map(|k| json!({ "value": k, "label": ctx.t(&format!("audit-kind-{k}")) }))
        .collect();
    let res = ctx.render(
        "audit.html",
        json!({
            "staff": true,
            "auditor": true,
            "rows": rows,
            "errors": messages,
            "next": next.map(|n| format!("/audit?before={n}{keep}")),
            "size": size,
            "kinds": kinds,
            "q": { "application": word("application"), "actor": word("actor"), "office": word("office"),
                   "kind": word("kind"), "action": word("action"), "since": word("since"), "until": word("until") },
        }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// GET /audit/entries/{seq}: one entry, byte for byte, with its inclusion proof in the latest
/// checkpoint.
pub async fn entry(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(seq): Path<String>) -> Result<Response, AppError> {
    service::policy::check_log_reader(&user)?;
    let seq: u64 = seq.parse().map_err(|_| AppError::not_found())?;
    let e =
        ctx.app.store.log_entries(seq, 1).await?.into_iter().find(|e| e.seq == seq).ok_or_else(AppError::not_found)?;
    let checkpoint =
        service::audit::checkpoint(ctx.app.store.as_ref(), &ctx.app.log, ctx.app.clock.now().unix_timestamp()).await?;
    let proof = match service::audit::inclusion(ctx.app.store.as_ref(), seq, checkpoint.size).await? {
        Ok(h) => h.iter().map(hex::encode).collect::<Vec<_>>(),
        Err(_) => Vec::new(),
    };
    let res = ctx.render(
        "audit_entry.html",
        json!({
            "staff": true,
            "auditor": true,
            "seq": seq,
            "data": e.data,
            "leaf": hex::encode(&e.leaf),
            "proof": proof,
            "size": checkpoint.size,
            "checkpoint": checkpoint.note,
        }),
    )?;
    Ok(super::private(res, false))
}

/// GET /audit/export?from=&to=: entries from..to as a JSON Lines download (to: the latest checkpoint).
pub async fn export(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    service::policy::check_log_reader(&user)?;
    let get =
        |f: &str| q.as_deref().and_then(|q| crate::lang::query_value(q, f)).and_then(|v| v.trim().parse::<u64>().ok());
    let latest =
        service::audit::checkpoint(ctx.app.store.as_ref(), &ctx.app.log, ctx.app.clock.now().unix_timestamp()).await?;
    let (from, to) = (get("from").unwrap_or(0), get("to").unwrap_or(latest.size));
    let lines = service::audit::export_lines(ctx.app.store.as_ref(), from, to)
        .await?
        .ok_or_else(|| AppError::from(service::AppError::field("to", "out_of_range")))?;
    let mut res = lines.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/jsonl"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"audit-log-{from}-{to}.jsonl\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(super::private(res, false))
}
