//! The office queue: soonest deadline first, with search, filters, sorting and pages.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::extract::RawQuery;
use axum::response::Response;
use domain::application::Status;
use domain::reference::Kind;
use serde_json::{Value, json};
use service::{applications, cases};
use store::Application;

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use crate::error::AppError;
use crate::lang::serde_urlencoded_pairs;

fn row(ctx: &PageCtx, a: &Application) -> Value {
    let x = applications::answers(a);
    let left = a.due_on.as_deref().and_then(|d| cases::days_left(&ctx.app, d));
    json!({
        "id": a.id,
        "reference": a.reference,
        "name": format!("{} {}", x.surname_latin, x.given_names_latin),
        "name_kk": format!("{} {}", x.surname_kk, x.given_names_kk).trim().to_owned(),
        "status": words::status(ctx, &a.status),
        "category": super::super::application::display(ctx, "category", &x.category),
        "category_key": x.category,
        "country": words::item(ctx, Kind::Country, &x.citizenship),
        "channel": ctx.t(&format!("app-channel-{}", a.channel)),
        "submitted": a.submitted_at.map(|t| words::moment(ctx, t)),
        "due_on": a.due_on.as_deref().map(|d| words::date(ctx, d)),
        "days_left": left,
        "overdue": left.is_some_and(|d| d < 0),
        "due_today": a.due_on.as_deref() == Some(ctx.app.clock.today().to_string().as_str()),
    })
}

/// GET /cases: the office queue, soonest deadline first, with search, filters, sorting and pages.
pub async fn queue(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let params: HashMap<String, String> =
        q.as_deref().map(serde_urlencoded_pairs).unwrap_or_default().into_iter().collect();
    let mut filter = cases::filter_from(&params, ctx.app.clock.today());
    let mine = params.get("mine").is_some_and(|v| v == "yes");
    if mine {
        filter.last_actor = Some(user.id);
    }
    let (page, overdue) = (filter.page, filter.due_by.is_some());
    let found = cases::queue(&ctx.app, &user, filter.clone()).await?;
    let rows: Vec<Value> = found.rows.iter().map(|a| row(&ctx, a)).collect();
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .filter(|s| **s != Status::Draft)
        .map(|s| json!({ "value": s.as_str(), "label": words::status(&ctx, s.as_str()), "selected": filter.status.as_deref() == Some(s.as_str()) }))
        .collect();
    // Counted up to a bound: past it the page says "more than 1,000" and pages on without a last page.
    let pages = (found.counted + 24) / 25;
    let total = words::number(&ctx, found.counted);
    let channels: Vec<Value> = ["web", "app", "embassy", "department", "foundation"]
        .iter()
        .map(|c| json!({ "value": c, "label": ctx.t(&format!("app-channel-{c}")) }))
        .collect();
    let countries: Vec<Value> = words::list_sorted(&ctx, Kind::Country)
        .into_iter()
        .map(|(k, n)| json!({ "value": k, "label": n, "selected": filter.country.as_deref() == Some(k.as_str()) }))
        .collect();
    let categories: Vec<Value> = ["1", "2", "3"]
        .iter()
        .map(|c| json!({ "value": c, "label": super::super::application::display(&ctx, "category", c), "selected": filter.category.as_deref() == Some(*c) }))
        .collect();
    let sorts: Vec<Value> = ["due", "oldest", "newest", "reference"]
        .iter()
        .map(|k| json!({ "value": k, "label": ctx.t(&format!("desk-sort-{k}")), "selected": filter.sort == *k || (filter.sort.is_empty() && *k == "due") }))
        .collect();
    // The pages' links keep the search, filters and order.
    let mut keep = String::new();
    for (k, v) in params.iter().filter(|(k, v)| k.as_str() != "page" && k.as_str() != "lang" && !v.is_empty()) {
        let _ = write!(keep, "&{}={}", enc(k), enc(v));
    }
    // Open card requests of the office: new passports for officers, revocations for supervisors.
    let kind = if user.role == cases::SUPERVISOR { "revocation" } else { "reissue" };
    let mut requests = Vec::new();
    for r in ctx.app.store.open_card_requests(kind, user.office.as_deref().unwrap_or_default()).await? {
        let Some(card) = ctx.app.store.card(r.card_id).await? else { continue };
        let reference = ctx.app.store.application(card.application_id).await?.and_then(|a| a.reference);
        requests.push(json!({ "id": card.application_id, "reference": reference, "number": card.number, "at": words::moment(&ctx, r.requested_at) }));
    }
    let office = user.office.as_deref().map(|o| words::office(&ctx, o));
    let filtered = filter.status.is_some()
        || filter.category.is_some()
        || filter.country.is_some()
        || filter.channel.is_some()
        || overdue
        || mine
        || filter.search.is_some();
    let more = filter.category.is_some() || filter.country.is_some() || filter.channel.is_some();
    let res = ctx.render(
        "case_queue.html",
        json!({
            "staff": true,
            "card_requests": requests,
            "card_requests_title": ctx.t(&format!("case-card-requests-{kind}")),
            "office": office,
            "supervisor": user.role == cases::SUPERVISOR,
            "auditor": user.role == cases::AUDITOR,
            "rows": rows,
            "total": total,
            "more": found.more,
            "page": page,
            "pages": pages,
            "prev": (page > 1).then(|| page - 1),
            "next": (page < pages || found.more).then(|| page + 1),
            "keep": keep,
            "statuses": statuses,
            "channels": channels,
            "countries": countries,
            "categories": categories,
            "sorts": sorts,
            "filtered": filtered,
            "more_open": more,
            "filter": { "q": params.get("q"), "channel": filter.channel, "overdue": overdue, "mine": mine },
        }),
    )?;
    Ok(super::super::private(res, false))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
