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

use super::application::SignedIn;
use super::{PageCtx, words};
use crate::auth;
use crate::error::{AppError, ErrorCode};
use crate::lang::serde_urlencoded_pairs;
use service::applications;
use service::cases;

fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("app-status-{}", status.replace('_', "-")))
}

fn row(ctx: &PageCtx, a: &Application) -> Value {
    let x = applications::answers(a);
    let left = a.due_on.as_deref().and_then(|d| cases::days_left(&ctx.app, d));
    json!({
        "id": a.id,
        "reference": a.reference,
        "name": format!("{} {}", x.surname_latin, x.given_names_latin),
        "name_kk": format!("{} {}", x.surname_kk, x.given_names_kk).trim().to_owned(),
        "status": status_label(ctx, &a.status),
        "category": super::application::display(ctx, "category", &x.category),
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
    let (apps, total) = cases::queue(&ctx.app, &user, filter.clone()).await?;
    let rows: Vec<Value> = apps.iter().map(|a| row(&ctx, a)).collect();
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .filter(|s| **s != Status::Draft)
        .map(|s| json!({ "value": s.as_str(), "label": status_label(&ctx, s.as_str()), "selected": filter.status.as_deref() == Some(s.as_str()) }))
        .collect();
    let pages = (total + 24) / 25;
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
        .map(|c| json!({ "value": c, "label": super::application::display(&ctx, "category", c), "selected": filter.category.as_deref() == Some(*c) }))
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
            "page": page,
            "pages": pages,
            "prev": (page > 1).then(|| page - 1),
            "next": (page < pages).then(|| page + 1),
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
    Ok(super::private(res, false))
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

/// A history line's "what": the action in words (a countersignature or a return names what it was of).
fn event_what(ctx: &PageCtx, e: &store::Event) -> String {
    let id = match (e.action.as_str(), e.to_status.as_str()) {
        ("countersign", "granted") => "desk-event-countersign-grant".to_owned(),
        ("return_grant", _) => "desk-event-return-grant".to_owned(),
        (a, _) => format!("app-event-{}", a.replace('_', "-")),
    };
    if ctx.app.i18n.has(ctx.lang, &id) { ctx.t(&id) } else { e.action.replace('_', " ") }
}

/// The reason and the ground of a proposal, read from its history note (`ground {key}: {reason}; ...`
/// for a refusal, `over adverse information: {reason}; ...` for a grant).
fn proposal_parts(note: &str) -> (Option<String>, String) {
    let body = note.rsplit_once("; ").map_or(note, |(b, _)| b);
    if let Some(rest) = body.strip_prefix("ground ") {
        let (ground, reason) = rest.split_once(": ").unwrap_or((rest, ""));
        (Some(ground.to_owned()), reason.to_owned())
    } else {
        (None, body.strip_prefix("over adverse information: ").unwrap_or(body).to_owned())
    }
}

/// Who acted, in words: the role, and the person's address when it was a person.
async fn people(ctx: &PageCtx, events: &[store::Event]) -> Result<HashMap<i64, String>, AppError> {
    let mut out = HashMap::new();
    for id in events.iter().filter_map(|e| e.actor_id) {
        if let std::collections::hash_map::Entry::Vacant(v) = out.entry(id)
            && let Some(u) = ctx.app.store.user_by_id(id).await?
        {
            v.insert(u.email);
        }
    }
    Ok(out)
}

/// The items an officer may ask to correct: the steps asked and the documents needed, in words.
fn correction_items(ctx: &PageCtx, x: &domain::application::Answers) -> (Vec<Value>, Vec<Value>) {
    let steps = domain::application::Step::ALL
        .iter()
        .filter(|s| s.applies(x) && **s != domain::application::Step::Consent)
        .map(|s| json!({ "value": s.slug(), "id": s.slug(), "label": ctx.t(&format!("app-step-{}-title", s.slug())) }))
        .collect();
    let docs = domain::application::documents_needed(x)
        .iter()
        .map(|d| json!({ "value": format!("doc:{d}"), "id": format!("doc-{}", d.replace('_', "-")), "label": words::item(ctx, Kind::Document, d) }))
        .collect();
    (steps, docs)
}

#[expect(clippy::too_many_lines, reason = "one page's context, read top to bottom as the page shows it")]
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
        .map(|(f, _)| json!({ "label": ctx.t(&format!("app-field-{}", f.replace('_', "-"))), "value": super::application::display(ctx, f, x.get(f).unwrap_or_default()) }))
        .collect();
    let docs = ctx.app.store.documents(a.id).await?;
    let reviews = ctx.app.store.reviews(a.id).await?;
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| {
            let r = reviews.iter().find(|r| r.document_id == d.id);
            let verdict = r.map(|r| ctx.t(&format!("case-verdict-{}", r.verdict)));
            json!({
                "id": d.id, "kind": words::item(ctx, Kind::Document, &d.item), "name": d.filename,
                "role": ctx.t(&format!("app-doc-role-{}", d.role)), "foreign": d.foreign_language,
                "href": format!("/cases/{}/documents/{}", a.id, d.id),
                "verdict_key": r.map(|r| r.verdict.clone()), "verdict": verdict, "reason": r.and_then(|r| r.reason.clone()),
            })
        })
        .collect();
    let stored_checks = ctx.app.store.checks(a.id).await?;
    let adverse = stored_checks.iter().any(|c| c.result.as_deref() == Some("adverse"));
    let checks: Vec<Value> = stored_checks
        .iter()
        .map(|c| json!({ "agency": ctx.t(&format!("case-agency-{}", c.agency)), "due_on": words::date(ctx, &c.due_on), "result": c.result.as_ref().map(|r| ctx.t(&format!("case-result-{}", r.replace('_', "-")))), "adverse": c.result.as_deref() == Some("adverse"), "reference": c.reference }))
        .collect();
    let stored_notes = ctx.app.store.notes(a.id).await?;
    let stored_events = ctx.app.store.events(a.id).await?;
    let who = people(ctx, &stored_events).await?;
    let mut note_authors = HashMap::new();
    for n in &stored_notes {
        if !who.contains_key(&n.author_id)
            && !note_authors.contains_key(&n.author_id)
            && let Some(u) = ctx.app.store.user_by_id(n.author_id).await?
        {
            note_authors.insert(n.author_id, u.email);
        }
    }
    let notes: Vec<Value> = stored_notes
        .iter()
        .map(|n| json!({ "text": n.text, "at": words::moment(ctx, n.at), "by": who.get(&n.author_id).or_else(|| note_authors.get(&n.author_id)) }))
        .collect();
    let events: Vec<Value> = stored_events
        .iter()
        .map(|e| {
            // Only what people wrote is shown of a note; the service's own notes are in the audit log.
            let note = match e.action.as_str() {
                "request_corrections" | "respond" | "correct_iin" => e.note.clone(),
                "propose_refusal" | "propose_grant" => e.note.as_deref().map(|n| proposal_parts(n).1),
                "reassign" => e
                    .note
                    .as_deref()
                    .and_then(|n| n.split_once(" -> "))
                    .map(|(from, to)| format!("{} → {}", words::office(ctx, from), words::office(ctx, to))),
                _ => None,
            };
            json!({
                "at": words::moment(ctx, e.at),
                "what": event_what(ctx, e),
                "role": ctx.t(&format!("app-role-{}", e.actor_role.replace('_', "-"))),
                "person": e.actor_id.and_then(|id| who.get(&id)),
                "office": e.office.as_deref().map(|o| words::office(ctx, o)),
                "to": status_label(ctx, &e.to_status),
                "note": note,
            })
        })
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
    let pending = matches!(status, Some(Status::RefusalPending | Status::GrantPending));
    let proposal = if pending {
        let name = if status == Some(Status::GrantPending) { "propose_grant" } else { "propose_refusal" };
        stored_events.iter().rev().find(|e| e.action == name).map(|e| {
            let (ground, reason) = proposal_parts(e.note.as_deref().unwrap_or_default());
            let response = stored_events
                .iter()
                .filter(|r| r.action == "respond" && r.at >= e.at)
                .filter_map(|r| r.note.clone())
                .next_back();
            json!({
                "grant": name == "propose_grant",
                "ground": ground.map(|g| words::item(ctx, Kind::RefusalGround, &g)),
                "reason": reason,
                "by": e.actor_id.and_then(|id| who.get(&id)),
                "at": words::moment(ctx, e.at),
                "response": response,
            })
        })
    } else {
        None
    };
    let (steps_to_correct, docs_to_correct) = correction_items(ctx, &x);
    let other_offices = words::list_sorted(ctx, Kind::Region)
        .into_iter()
        .map(|(k, n)| json!({ "value": format!("department-{k}"), "label": words::office(ctx, &format!("department-{k}")), "name": n }))
        .filter(|o| a.assigned_office.as_deref() != o["value"].as_str())
        .collect::<Vec<_>>();
    // What the retention policy took of a decided case, said where its documents were.
    let retention_note = service::retention::erased_message(a)
        .zip(a.content_erased_at)
        .map(|(id, at)| ctx.app.i18n.message(ctx.lang, id, &[("date", words::moment(ctx, at))]));
    let res = ctx.render(
        "case.html",
        json!({
            "staff": true,
            "supervisor": user.role == cases::SUPERVISOR,
            "auditor": user.role == cases::AUDITOR,
            "id": a.id,
            "reference": a.reference,
            "status": status_label(ctx, &a.status),
            "status_key": a.status,
            "office": a.assigned_office.as_deref().map(|o| words::office(ctx, o)),
            "due_on": a.due_on.as_deref().map(|d| words::date(ctx, d)),
            "days_left": a.due_on.as_deref().and_then(|d| cases::days_left(&ctx.app, d)),
            "iin": a.iin,
            "answers": answers,
            "documents": documents,
            "retention_note": retention_note,
            "checks": checks,
            "notes": notes,
            "events": events,
            "grounds": grounds,
            "proposal": proposal,
            "correct_steps": steps_to_correct,
            "correct_docs": docs_to_correct,
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
            "can_countersign": policy::allows(user.role, CaseAction::Countersign) && pending,
            "grant_pending": status == Some(Status::GrantPending),
            "adverse": adverse,
            "can_note": policy::allows(user.role, CaseAction::Note),
            "can_reassign": policy::allows(user.role, CaseAction::Reassign) && !status.is_some_and(Status::is_final),
            "offices": other_offices,
            "errors": errs,
            "card": card,
        }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// The form of a case action as one value per name: ticked correction items (`item`, repeated) become
/// `items`, and their reasons (`reason-{item}`) one reason naming each item.
fn action_form(ctx: &PageCtx, a: &Application, pairs: Vec<(String, String)>) -> HashMap<String, String> {
    let ticked: Vec<String> = pairs.iter().filter(|(k, _)| k == "item").map(|(_, v)| v.clone()).collect();
    let mut f: HashMap<String, String> = pairs.into_iter().filter(|(k, _)| k != "item").collect();
    if !ticked.is_empty() {
        let x = applications::answers(a);
        let (steps, docs) = correction_items(ctx, &x);
        let label = |item: &str| {
            steps
                .iter()
                .chain(docs.iter())
                .find(|v| v["value"] == item)
                .and_then(|v| v["label"].as_str())
                .map(str::to_owned)
        };
        let mut reasons: Vec<String> = ticked
            .iter()
            .filter_map(|i| {
                let why = f.get(&format!("reason-{i}")).map(|r| r.trim().to_owned()).filter(|r| !r.is_empty())?;
                Some(format!("{}: {why}", label(i).unwrap_or_else(|| i.clone())))
            })
            .collect();
        if let Some(general) = f.get("reason").map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()) {
            reasons.push(general);
        }
        f.insert("items".into(), ticked.join(","));
        f.insert("reason".into(), reasons.join("\n"));
    }
    f
}

/// POST /cases/{id}/{action}: one action on the case; errors come back on the case page.
pub async fn act(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path((id, action)): Path<(i64, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let csrf = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.clone());
    auth::check_session_csrf(&session, csrf.as_ref())?;
    let action = CaseAction::parse(&action).ok_or_else(AppError::not_found)?;
    let a = cases::load(&ctx.app, &user, id).await?;
    let f = action_form(&ctx, &a, pairs);
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

/// POST /cases/{id}/confirm: the summary of a grant or a refusal before it is made (nothing changes
/// here; the confirmation page posts the decision itself).
pub async fn confirm(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let a = cases::load(&ctx.app, &user, id).await?;
    service::policy::check(&user, domain::case::CaseAction::Grant)?;
    if Status::parse(&a.status) != Some(Status::IinRecorded) {
        // The officer may decide, but not at this stage.
        return Err(AppError::code(ErrorCode::Conflict));
    }
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let refuse = get("decision") == "refuse";
    let checks = ctx.app.store.checks(a.id).await?;
    let adverse = checks.iter().any(|c| c.result.as_deref() == Some("adverse"));
    // What a decision needs is asked first, on the case page, as the decision itself would.
    let mut problems = Vec::new();
    if refuse && ctx.app.catalog.in_force(Kind::RefusalGround, ctx.day).is_none_or(|l| l.item(&get("ground")).is_none())
    {
        problems.push(crate::error::InvalidField { field: "ground".into(), problem: "unknown" });
    }
    if (refuse || adverse) && get("reason").is_empty() {
        problems.push(crate::error::InvalidField {
            field: "reason".into(),
            problem: if refuse { "required" } else { "adverse_needs_reason" },
        });
    }
    if !problems.is_empty() {
        return render_case(&ctx, &session, &user, &a, &problems).await;
    }
    let x = applications::answers(&a);
    let docs = ctx.app.store.documents(a.id).await?;
    let reviews = ctx.app.store.reviews(a.id).await?;
    let accepted: Vec<String> = docs
        .iter()
        .filter(|d| reviews.iter().any(|r| r.document_id == d.id && r.verdict == "accepted"))
        .map(|d| format!("{} ({})", words::item(&ctx, Kind::Document, &d.item), d.filename))
        .collect();
    let check_words: Vec<String> = checks
        .iter()
        .map(|c| {
            let result = c.result.as_ref().map(|r| ctx.t(&format!("case-result-{}", r.replace('_', "-"))));
            format!("{}: {}", ctx.t(&format!("case-agency-{}", c.agency)), result.unwrap_or_default())
        })
        .collect();
    let valid_until = service::cards::card_for(&ctx.app, &a).ok().map(|c| words::date(&ctx, &c.valid_until));
    let (title, button, next, action) = match (refuse, adverse) {
        (true, _) => ("desk-confirm-refuse-title", "desk-confirm-refuse", "desk-summary-refusal-next", "refuse"),
        (false, true) => (
            "desk-confirm-propose-grant-title",
            "desk-confirm-propose-grant",
            "desk-summary-propose-grant-next",
            "grant",
        ),
        (false, false) => ("desk-confirm-grant-title", "desk-confirm-grant", "desk-summary-grant-next", "grant"),
    };
    let res = ctx.render(
        "case_confirm.html",
        json!({
            "staff": true,
            "id": a.id,
            "reference": a.reference,
            "csrf": session.csrf,
            "title": ctx.t(title),
            "button": ctx.t(button),
            "next": ctx.t(next),
            "action": action,
            "refuse": refuse,
            "applicant": format!("{} {} ({})", x.surname_latin, x.given_names_latin, super::application::display(&ctx, "birth_date", &x.birth_date)),
            "citizenship": words::item(&ctx, Kind::Country, &x.citizenship),
            "category": super::application::display(&ctx, "category", &x.category),
            "iin": a.iin,
            "documents": accepted,
            "checks": check_words,
            "ground": refuse.then(|| get("ground")),
            "ground_label": refuse.then(|| words::item(&ctx, Kind::RefusalGround, &get("ground"))),
            "reason": get("reason"),
            "valid_until": (!refuse).then_some(valid_until).flatten(),
        }),
    )?;
    Ok(super::private(res, false))
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
    service::policy::check_view(&user, service::policy::View::Checks)?;
    let Some((agency, _)) = cases::AGENCIES.iter().find(|(_, role)| *role == user.role) else {
        return Err(AppError::code(ErrorCode::Forbidden));
    };
    let mut rows = Vec::new();
    for c in ctx.app.store.open_checks(agency).await? {
        if let Some(a) = ctx.app.store.application(c.application_id).await? {
            rows.push(
                {
                    let mut person = cases::check_view(&a);
                    let x = applications::answers(&a);
                    if let Some(p) = person.as_object_mut() {
                        p.insert("citizenship".into(), json!(words::item(&ctx, Kind::Country, &x.citizenship)));
                        p.insert("birth_date".into(), json!(words::date(&ctx, &x.birth_date)));
                    }
                    json!({ "id": c.id, "due_on": words::date(&ctx, &c.due_on), "person": person, "reference": a.reference })
                },
            );
        }
    }
    let res = ctx.render(
        "checks.html",
        json!({ "staff": true, "agency": ctx.t(&format!("case-agency-{agency}")), "rows": rows, "csrf": session.csrf }),
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
    let counts: Vec<Value> = d
        .counts
        .iter()
        .map(|(o, s, n)| {
            json!({
            "staff": true, "office": o, "status": status_label(s), "count": n })
        })
        .collect();
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
