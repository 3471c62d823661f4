//! Case work in the browser: the office queue, the case with its actions, and the agencies' checks.
//! Every action is a POST with the session's CSRF token; what the caller may do is decided in
//! [`service::cases`], deny by default.

use domain::card::CardState;
use domain::case::CaseAction;
use service::policy;
use std::collections::HashMap;
use std::fmt::Write as _;

use axum::Form;
use axum::extract::{Path, RawQuery};
use axum::response::{IntoResponse, Redirect, Response};
use domain::application::Status;
use domain::reference::Kind;
use serde_json::{Value, json};
use store::Application;

use super::PageCtx;
use super::application::SignedIn;
use crate::auth;
use crate::error::{AppError, ErrorCode};
use crate::lang::serde_urlencoded_pairs;
use service::applications;
use service::cases;

fn row(ctx: &PageCtx, a: &Application) -> Value {
    let x = applications::answers(a);
    let left = a.due_on.as_deref().and_then(|d| cases::days_left(&ctx.app, d));
    json!({
        "id": a.id,
        "reference": a.reference,
        "name": format!("{} {}", x.surname_latin, x.given_names_latin),
        "status": ctx.t(&format!("app-status-{}", a.status.replace('_', "-"))),
        "category": x.category,
        "country": x.citizenship,
        "channel": ctx.t(&format!("app-channel-{}", a.channel)),
        "due_on": a.due_on,
        "days_left": left,
        "overdue": left.is_some_and(|d| d < 0),
    })
}

/// GET /cases: the office queue, soonest deadline first, with filters and pages.
pub async fn queue(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let params: HashMap<String, String> =
        q.as_deref().map(serde_urlencoded_pairs).unwrap_or_default().into_iter().collect();
    let filter = cases::filter_from(&params, ctx.app.clock.today());
    let (page, overdue) = (filter.page, filter.due_by.is_some());
    let (apps, total) = cases::queue(&ctx.app, &user, filter.clone()).await?;
    let rows: Vec<Value> = apps.iter().map(|a| row(&ctx, a)).collect();
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .filter(|s| **s != Status::Draft)
        .map(|s| json!({ "value": s.as_str(), "label": ctx.t(&format!("app-status-{}", s.as_str().replace('_', "-"))), "selected": filter.status.as_deref() == Some(s.as_str()) }))
        .collect();
    let pages = (total + 24) / 25;
    let channels: Vec<Value> = ["web", "app", "embassy", "department", "foundation"]
        .iter()
        .map(|c| json!({ "value": c, "label": ctx.t(&format!("app-channel-{c}")) }))
        .collect();
    // Open card requests of the office: new passports for officers, revocations for supervisors.
    let kind = if user.role == cases::SUPERVISOR { "revocation" } else { "reissue" };
    let mut requests = Vec::new();
    for r in ctx.app.store.open_card_requests(kind, user.office.as_deref().unwrap_or_default()).await? {
        let Some(card) = ctx.app.store.card(r.card_id).await? else { continue };
        let reference = ctx.app.store.application(card.application_id).await?.and_then(|a| a.reference);
        requests.push(json!({ "id": card.application_id, "reference": reference, "number": card.number, "at": super::application::date_ts(r.requested_at) }));
    }
    let res = ctx.render(
        "case_queue.html",
        json!({
            "card_requests": requests,
            "card_requests_title": ctx.t(&format!("case-card-requests-{kind}")),
            "office": user.office,
            "supervisor": user.role == cases::SUPERVISOR,
            "rows": rows,
            "total": total,
            "page": page,
            "pages": pages,
            "prev": (page > 1).then(|| page - 1),
            "next": (page < pages).then(|| page + 1),
            "statuses": statuses,
            "channels": channels,
            "filter": { "category": filter.category, "country": filter.country, "channel": filter.channel, "overdue": overdue },
        }),
    )?;
    Ok(super::private(res, false))
}

/// GET /cases/{id}: the case with its answers, documents, checks, notes, history and the actions its
/// status allows.
pub async fn case(ctx: PageCtx, SignedIn(session, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let a = cases::open(&ctx.app, &user, id).await?;
    render_case(&ctx, &session, &user, &a, &[]).await
}

/// The case's current card and what the caller may do with it.
async fn card_view(ctx: &PageCtx, user: &store::User, a: &Application) -> Result<Option<Value>, AppError> {
    let Some(card) = ctx.app.store.cards_of_application(a.id).await?.into_iter().next() else {
        return Ok(None);
    };
    let requests = ctx.app.store.card_requests(card.id).await?;
    let open = |kind: &str| requests.iter().find(|r| r.kind == kind && r.decided_at.is_none());
    let text =
        |r: &store::CardRequest, k: &str| r.payload.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let valid = card.state == CardState::Valid;
    let (officer, supervisor) = (user.role == cases::OFFICER, user.role == cases::SUPERVISOR);
    let revocation = open("revocation");
    let reissue = open("reissue");
    let grounds: Vec<Value> = ctx
        .app
        .catalog
        .in_force(Kind::RevocationGround, ctx.day)
        .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": i.name.get(ctx.lang) })).collect())
        .unwrap_or_default();
    let ground_label = |key: &str| {
        ctx.app
            .catalog
            .in_force(Kind::RevocationGround, ctx.day)
            .and_then(|l| l.item(key))
            .map_or_else(|| key.to_owned(), |i| i.name.get(ctx.lang).to_owned())
    };
    Ok(Some(json!({
        "number": card.number,
        "state": card.state,
        "state_label": ctx.t(&format!("card-state-{}", card.state.as_str())),
        "valid_until": card.valid_until,
        "note": card.state_note,
        "revocation": revocation.map(|r| json!({ "ground": ground_label(&text(r, "ground")), "reason": text(r, "reason") })),
        "reissue": reissue.map(|r| json!({ "passport": text(r, "passport_number"), "issued": text(r, "passport_issued"), "expires": text(r, "passport_expires") })),
        "grounds": grounds,
        "can_invalidate": valid && (officer || supervisor),
        "can_revoke": valid && supervisor && revocation.is_none(),
        "can_countersign": valid && supervisor && revocation.is_some_and(|r| r.requested_by != Some(user.id)),
        "can_reissue": valid && officer && reissue.is_some(),
    })))
}

/// The other applications that may be the same person's, in words.
async fn duplicates(ctx: &PageCtx, id: i64) -> Result<Vec<Value>, AppError> {
    Ok(ctx
        .app
        .store
        .duplicates(id)
        .await?
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "reference": d.reference,
                "status": ctx.t(&format!("app-status-{}", d.status.replace('_', "-"))),
                "reason": ctx.t(&format!("app-duplicate-{}", d.reason.replace('_', "-"))),
            })
        })
        .collect())
}

async fn render_case(
    ctx: &PageCtx,
    session: &store::Session,
    user: &store::User,
    a: &Application,
    errors: &[crate::error::InvalidField],
) -> Result<Response, AppError> {
    let x = applications::answers(a);
    let answers: Vec<Value> = domain::application::Step::ALL
        .iter()
        .filter(|s| s.applies(&x))
        .flat_map(|s| s.fields().iter())
        .map(|(f, _)| json!({ "label": ctx.t(&format!("app-field-{}", f.replace('_', "-"))), "value": x.get(f).unwrap_or_default() }))
        .collect();
    let docs = ctx.app.store.documents(a.id).await?;
    let reviews = ctx.app.store.reviews(a.id).await?;
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| {
            let r = reviews.iter().find(|r| r.document_id == d.id);
            json!({
                "id": d.id, "item": d.item, "name": d.filename, "role": d.role, "foreign": d.foreign_language,
                "sha256": d.sha256, "href": format!("/cases/{}/documents/{}", a.id, d.id),
                "verdict": r.map(|r| r.verdict.clone()), "reason": r.and_then(|r| r.reason.clone()),
            })
        })
        .collect();
    let stored_checks = ctx.app.store.checks(a.id).await?;
    let adverse = stored_checks.iter().any(|c| c.result.as_deref() == Some("adverse"));
    let checks: Vec<Value> = stored_checks
        .iter()
        .map(|c| json!({ "agency": ctx.t(&format!("case-agency-{}", c.agency)), "due_on": c.due_on, "result": c.result.as_ref().map(|r| ctx.t(&format!("case-result-{}", r.replace('_', "-")))), "reference": c.reference }))
        .collect();
    let notes: Vec<Value> =
        ctx.app.store.notes(a.id).await?.iter().map(|n| json!({ "text": n.text, "at": n.at })).collect();
    let events: Vec<Value> = ctx
        .app
        .store
        .events(a.id)
        .await?
        .iter()
        .map(|e| json!({ "action": e.action, "role": e.actor_role, "office": e.office, "to": e.to_status, "note": e.note }))
        .collect();
    let grounds: Vec<Value> = ctx
        .app
        .catalog
        .in_force(Kind::RefusalGround, ctx.day)
        .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": i.name.get(ctx.lang) })).collect())
        .unwrap_or_default();
    let status = Status::parse(&a.status);
    let officer = user.role == cases::OFFICER;
    let errs = ctx.error_summary(errors);
    let card = card_view(ctx, user, a).await?;
    let res = ctx.render(
        "case.html",
        json!({
            "id": a.id,
            "reference": a.reference,
            "status": ctx.t(&format!("app-status-{}", a.status.replace('_', "-"))),
            "status_key": a.status,
            "due_on": a.due_on,
            "days_left": a.due_on.as_deref().and_then(|d| cases::days_left(&ctx.app, d)),
            "iin": a.iin,
            "answers": answers,
            "documents": documents,
            "checks": checks,
            "notes": notes,
            "events": events,
            "grounds": grounds,
            "duplicates": duplicates(ctx, a.id).await?,
            "can_correct_iin": officer && a.iin.is_some() && !status.is_some_and(Status::is_final),
            "citizen": match a.iin.as_deref() {
                Some(iin) => ctx.app.store.citizenship_report(iin).await?,
                None => None,
            },
            "csrf": session.csrf,
            "can_review": officer && !status.is_some_and(Status::is_final),
            "can_send_checks": officer && status == Some(Status::Submitted),
            "can_correct": officer
                && status.is_some_and(|s| s.after(domain::application::Action::RequestCorrections).is_some()),
            "can_iin": officer && status == Some(Status::AwaitingIin),
            "can_decide": officer && status == Some(Status::IinRecorded),
            "can_countersign": policy::allows(user.role, CaseAction::Countersign)
                && matches!(status, Some(Status::RefusalPending | Status::GrantPending)),
            "grant_pending": status == Some(Status::GrantPending),
            "adverse": adverse,
            "can_note": policy::allows(user.role, CaseAction::Note),
            "can_reassign": policy::allows(user.role, CaseAction::Reassign) && !status.is_some_and(Status::is_final),
            "offices": ctx
                .app
                .catalog
                .in_force(Kind::Region, ctx.day)
                .map(|l| l.items.iter().map(|i| json!({ "value": format!("department-{}", i.key), "label": i.name.get(ctx.lang) })).collect::<Vec<_>>())
                .unwrap_or_default(),
            "errors": errs,
            "card": card,
        }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// POST /cases/{id}/{action}: one action on the case; errors come back on the case page.
pub async fn act(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path((id, action)): Path<(i64, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let action = CaseAction::parse(&action).ok_or_else(AppError::not_found)?;
    let a = cases::load(&ctx.app, &user, id).await?;
    let result = cases::run_action(&ctx.app, &user, &a, action, |k| f.get(k).cloned().unwrap_or_default()).await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{id}")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => {
            let fresh = ctx.app.store.application(id).await?.ok_or_else(AppError::not_found)?;
            render_case(&ctx, &session, &user, &fresh, &e.fields).await
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /cases/{id}/documents/{doc}: the officer views a document.
pub async fn document(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path((id, doc)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (d, reader) = cases::open_document(&ctx.app, &user, id, doc).await?;
    Ok(crate::shared::serve_file(&d, reader))
}

/// GET /checks: an agency checker's open requests, with only what a check needs.
pub async fn checks(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    let Some((agency, _)) = cases::AGENCIES.iter().find(|(_, role)| *role == user.role) else {
        return Err(AppError::code(ErrorCode::Forbidden));
    };
    let mut rows = Vec::new();
    for c in ctx.app.store.open_checks(agency).await? {
        if let Some(a) = ctx.app.store.application(c.application_id).await? {
            rows.push(
                json!({ "id": c.id, "due_on": c.due_on, "person": cases::check_view(&a), "reference": a.reference }),
            );
        }
    }
    let res = ctx.render(
        "checks.html",
        json!({ "agency": ctx.t(&format!("case-agency-{agency}")), "rows": rows, "csrf": session.csrf }),
    )?;
    Ok(super::private(res, false))
}

/// POST /checks/{id}: the agency's answer.
pub async fn answer(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    cases::answer_check(&ctx.app, &user, id, get("result"), get("reference")).await?;
    Ok(Redirect::to("/checks").into_response())
}

/// A horizontal bar chart as inline SVG (no script, no style attribute): one bar per row, with its label
/// and value written out, so the chart reads the same with styles off; the figures are also in a table.
fn bars(title: &str, rows: &[(String, i64)]) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    let height = 24 * rows.len() + 8;
    let mut svg = format!(
        r#"<svg class="chart" role="img" aria-label="{t}" viewBox="0 0 600 {height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>{t}</title>"#,
        t = esc(title)
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 4 + 24 * i;
        let w = 300 * v / max;
        let _ = write!(
            svg,
            r##"<text x="0" y="{ty}" font-size="13" fill="#0b0c0c">{l}</text><rect x="240" y="{y}" width="{w}" height="18" fill="#00607a"></rect><text x="{tx}" y="{ty}" font-size="13" fill="#0b0c0c">{v}</text>"##,
            ty = y + 14,
            l = esc(&label.chars().take(32).collect::<String>()),
            tx = 246 + w,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// GET /dashboard: supervisors and auditors.
pub async fn dashboard(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let office = q.as_deref().and_then(|q| crate::lang::query_value(q, "office"));
    let d = cases::dashboard(&ctx.app, &user, office.as_deref()).await?;
    let status_label = |s: &str| ctx.t(&format!("app-status-{}", s.replace('_', "-")));
    let mut by_status: Vec<(String, i64)> = Vec::new();
    for (_, status, n) in &d.counts {
        let label = status_label(status);
        match by_status.iter_mut().find(|(l, _)| *l == label) {
            Some(e) => e.1 += n,
            None => by_status.push((label, *n)),
        }
    }
    let mut by_office: Vec<(String, i64)> = Vec::new();
    for (office, _, n) in &d.counts {
        match by_office.iter_mut().find(|(o, _)| o == office) {
            Some(e) => e.1 += n,
            None => by_office.push((office.clone(), *n)),
        }
    }
    let counts: Vec<Value> =
        d.counts.iter().map(|(o, s, n)| json!({ "office": o, "status": status_label(s), "count": n })).collect();
    let res = ctx.render(
        "dashboard.html",
        json!({
            "status_chart": bars(&ctx.t("dash-by-status"), &by_status),
            "office_chart": bars(&ctx.t("dash-by-office"), &by_office),
            "load_chart": bars(&ctx.t("dash-load"), &d.load),
            "counts": counts,
            "overdue": d.overdue.iter().map(|(id, r, due, late)| json!({ "id": id, "reference": r, "due_on": due, "late": late })).collect::<Vec<_>>(),
            "load": d.load.iter().map(|(e, n)| json!({ "officer": e, "count": n })).collect::<Vec<_>>(),
            "decided": d.decided,
            "median": d.median_days,
            "p90": d.p90_days,
        }),
    )?;
    Ok(super::private(res, false))
}
