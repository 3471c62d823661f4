//! The case page: its answers, documents, checks, notes, history, card and the actions its status allows.

use std::collections::HashMap;

use axum::extract::Path;
use axum::response::Response;
use domain::application::Status;
use domain::card::CardState;
use domain::case::CaseAction;
use domain::reference::Kind;
use serde_json::{Value, json};
use service::cases::proposal_parts;
use service::{applications, cases, policy};
use store::Application;

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use crate::error::AppError;

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
pub(super) fn correction_items(ctx: &PageCtx, x: &domain::application::Answers) -> (Vec<Value>, Vec<Value>) {
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
pub(super) async fn render_case(
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
        .map(|(f, _)| json!({ "label": ctx.t(&format!("app-field-{}", f.replace('_', "-"))), "value": super::super::application::display(ctx, f, x.get(f).unwrap_or_default()) }))
        .collect();
    let docs = ctx.app.store.documents(a.id).await?;
    let reviews = ctx.app.store.reviews(a.id).await?;
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| {
            let r = reviews.iter().find(|r| r.document_id == d.id);
            let verdict = r.map(|r| ctx.t(&format!("case-verdict-{}", r.verdict)));
            json!({
                "id": d.id, "name": d.filename,
                "kind": if d.item == service::hearings::RESPONSE_ITEM { ctx.t("appeal-response-file") } else { words::item(ctx, Kind::Document, &d.item) },
                "reviewable": d.item != service::hearings::RESPONSE_ITEM,
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
                "to": words::status(ctx, &e.to_status),
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
    let letters = service::letters::list_for_case(&ctx.app, user, a.id).await?;
    let letters = super::super::letters::entries(ctx, &format!("/cases/{}", a.id), &letters);
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
            "status": words::status(ctx, &a.status),
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
            "appeal": super::appeal::case_part(ctx, user, a).await?,
            "appeals": user.role == policy::APPEALS,
            "letters": letters,
        }),
    )?;
    Ok(super::super::private(res, !errors.is_empty()))
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
