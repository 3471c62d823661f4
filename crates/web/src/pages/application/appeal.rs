//! The applicant's side of an intended refusal and of complaints: what the notice says (ground, basis,
//! reasons, evidence, the right to be heard, the last day), booking and moving a hearing, and lodging
//! a complaint with what APPC Art. 93 asks.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::complaint::{Subject, requests};
use domain::hearing::Mode;
use domain::reference::Kind;
use serde_json::{Value, json};
use service::applications::Access;
use service::{complaints, hearings};
use store::Application;

use super::{SignedIn, SignedPost, access};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::pages::{PageCtx, words};

/// The notice of intended refusal as the applicant reads it, when the case waits on one.
async fn intended(ctx: &PageCtx, a: &Application) -> Result<Option<Value>, AppError> {
    let Some(at) = hearings::proposal_at(&ctx.app, a).await? else { return Ok(None) };
    let events = ctx.app.store.events(a.id).await?;
    let note = events.iter().rev().find(|e| e.action == "propose_refusal" && e.at == at).and_then(|e| e.note.clone());
    let (ground, reason) = service::cases::proposal_parts(note.as_deref().unwrap_or_default());
    let basis = ctx.app.catalog.in_force(Kind::RefusalGround, ctx.day).map(|l| match ctx.lang {
        domain::Lang::Kk => l.source.kk.clone(),
        domain::Lang::Ru => l.source.ru.clone(),
        domain::Lang::En => l.source.en.clone(),
    });
    let checks = ctx.app.store.checks(a.id).await?;
    let evidence: Vec<String> = checks
        .iter()
        .filter_map(|c| {
            let result = c.result.as_ref()?;
            Some(format!(
                "{}: {}",
                ctx.t(&format!("case-agency-{}", c.agency)),
                ctx.t(&format!("case-result-{}", result.replace('_', "-")))
            ))
        })
        .collect();
    let hearing = hearings::current(&ctx.app, a).await?;
    let files: Vec<Value> = ctx
        .app
        .store
        .documents(a.id)
        .await?
        .iter()
        .filter(|d| d.item == hearings::RESPONSE_ITEM)
        .map(|d| json!({ "name": d.filename, "href": format!("/applications/{}/documents/{}", a.id, d.id) }))
        .collect();
    let article = ctx.app.procedure.period(domain::procedure::OBJECTION).basis.get(ctx.lang).to_owned();
    Ok(Some(json!({
        "ground": ground.map(|g| words::item(ctx, Kind::RefusalGround, &g)),
        "basis": basis,
        "reason": reason,
        "evidence": evidence,
        "last_day": a.due_on.as_deref().map(|d| words::date(ctx, d)),
        "article": article,
        "can_hear": hearing.is_none() && hearings::window_open(&ctx.app, a),
        "window_open": hearings::window_open(&ctx.app, a),
        "files": files,
        "hearing": hearing.map(|h| hearing_value(ctx, &h)),
    })))
}

fn hearing_value(ctx: &PageCtx, h: &store::Hearing) -> Value {
    json!({
        "when": words::moment(ctx, h.slot_at),
        "mode": ctx.t(&format!("hearing-mode-{}", h.mode.replace('_', "-"))),
        "online": h.mode == Mode::Online.as_str(),
        "rescheduled": h.rescheduled_at.is_some(),
        "recorded": h.recorded_at.is_some(),
    })
}

/// What the application page shows of intended refusals, hearings and complaints.
pub(super) async fn overview_part(ctx: &PageCtx, a: &Application) -> Result<Value, AppError> {
    let lodgeable = match complaints::lodgeable(&ctx.app, a).await? {
        Ok((subject, last)) => Some(json!({
            "lead": lead(ctx, a, subject, last),
            "href": format!("/applications/{}/complaint", a.id),
        })),
        Err(_) => None,
    };
    let list: Vec<Value> = ctx
        .app
        .store
        .complaints(a.id)
        .await?
        .iter()
        .map(|c| {
            json!({
                "subject": ctx.t(&format!("complaint-subject-{}", c.subject)),
                "stage": ctx.t(&format!("complaint-stage-{}", c.status)),
                "stage_key": c.status,
                "lodged": words::moment(ctx, c.lodged_at),
                "due": words::date(ctx, &c.due_on),
                "open": matches!(c.status.as_str(), "lodged" | "forwarded"),
                "outcome": c.outcome.as_ref().map(|o| ctx.t(&format!("complaint-outcome-{}", o.replace('_', "-")))),
                "reason": c.reason,
            })
        })
        .collect();
    Ok(json!({ "intended": intended(ctx, a).await?, "complaint": lodgeable, "complaints": list }))
}

fn lead(ctx: &PageCtx, a: &Application, subject: Subject, last: Option<time::Date>) -> String {
    let args = [
        ("office", words::office(ctx, a.assigned_office.as_deref().unwrap_or_default())),
        ("appeals", words::office(ctx, &ctx.app.settings.appeals_office)),
        ("date", last.map(|d| words::day(ctx, d)).unwrap_or_default()),
    ];
    ctx.app.i18n.message(ctx.lang, &format!("complaint-lead-{}", subject.as_str()), &args)
}

/// GET /applications/{id}/hearing: the office's free times within the period, or the hearing booked.
pub async fn hearing(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    render_hearing(&ctx, &acc, &session.csrf, &[]).await
}

async fn render_hearing(
    ctx: &PageCtx,
    acc: &Access,
    csrf: &str,
    errors: &[InvalidField],
) -> Result<Response, AppError> {
    let a = &acc.app;
    let open = hearings::proposal_at(&ctx.app, a).await?.is_some();
    let slots: Vec<Value> = hearings::slots(&ctx.app, a)
        .await?
        .into_iter()
        .map(|s| json!({ "value": s, "label": words::moment(ctx, s) }))
        .collect();
    let current = hearings::current(&ctx.app, a).await?;
    let within = ctx.app.procedure.period(domain::procedure::HEARING_WITHIN);
    let res = ctx.render(
        "app_hearing.html",
        json!({
            "id": a.id,
            "reference": a.reference,
            "csrf": csrf,
            "errors": ctx.error_summary(errors),
            "slots": if open { slots } else { Vec::new() },
            "nothing": !open,
            "modes": Mode::ALL.iter().map(|m| json!({ "value": m.as_str(), "label": ctx.t(&format!("hearing-mode-{}", m.as_str().replace('_', "-"))) })).collect::<Vec<_>>(),
            "hearing": current.as_ref().map(|h| hearing_value(ctx, h)),
            "window_open": hearings::window_open(&ctx.app, a),
            "last_day": a.due_on.as_deref().map(|d| words::date(ctx, d)),
            "within": within.days,
            "basis": within.basis.get(ctx.lang),
            "reconstructed": !within.verified,
        }),
    )?;
    Ok(crate::pages::private(res, !errors.is_empty()))
}

fn slot_of(f: &std::collections::HashMap<String, String>) -> i64 {
    f.get("slot").and_then(|s| s.parse().ok()).unwrap_or_default()
}

/// POST /applications/{id}/hearing: books the hearing; POST with `reason`: moves it (once).
pub async fn book(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let mode = f.get("mode").map_or("", String::as_str);
    let done = match f.get("reason") {
        Some(reason) => hearings::reschedule(&ctx.app, &acc, &user, slot_of(&f), reason).await,
        None => hearings::book(&ctx.app, &acc, &user, slot_of(&f), mode).await,
    };
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}#intended-refusal")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => render_hearing(&ctx, &acc, &session.csrf, &e.fields).await,
        Err(e) => Err(e.into()),
    }
}

/// GET /applications/{id}/complaint: the complaint's form, as Art. 93 asks it.
pub async fn complaint(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let answers = service::applications::answers(&acc.app);
    let contact = [
        format!("{} {}", answers.surname_latin, answers.given_names_latin).trim().to_owned(),
        answers.residence_address.clone(),
        answers.phone.clone(),
        acc.app.applicant_email.clone().unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join("\n");
    let blank = service::complaints::Lodge { contact, ..Default::default() };
    render_complaint(&ctx, &acc, &session.csrf, &blank, &[]).await
}

async fn render_complaint(
    ctx: &PageCtx,
    acc: &Access,
    csrf: &str,
    f: &service::complaints::Lodge,
    errors: &[InvalidField],
) -> Result<Response, AppError> {
    let a = &acc.app;
    let (subject, last) = match complaints::lodgeable(&ctx.app, a).await? {
        Ok(s) => s,
        // Nothing to complain of now: the application's page says why.
        Err(_) if errors.is_empty() => return Ok(Redirect::to(&format!("/applications/{}", a.id)).into_response()),
        Err(_) => (Subject::Refusal, None),
    };
    let periods = [domain::procedure::COMPLAINT, domain::procedure::REVISION, domain::procedure::REVIEW]
        .map(|k| ctx.app.procedure.period(k))
        .map(|p| {
            let text =
                ctx.app.i18n.message(ctx.lang, &format!("complaint-period-{}", p.key), &[("days", p.days.to_string())]);
            json!({ "text": text, "basis": p.basis.get(ctx.lang), "reconstructed": !p.verified })
        });
    let res = ctx.render(
        "app_complaint.html",
        json!({
            "id": a.id,
            "reference": a.reference,
            "csrf": csrf,
            "errors": ctx.error_summary(errors),
            "lead": lead(ctx, a, subject, last),
            "against": ctx.t(&format!("complaint-subject-{}", subject.as_str())),
            "to": words::office(ctx, &ctx.app.settings.appeals_office),
            "through": words::office(ctx, a.assigned_office.as_deref().unwrap_or_default()),
            "requests": requests(subject).iter().map(|r| json!({ "value": r.as_str(), "label": ctx.t(&format!("complaint-request-{}", r.as_str())), "checked": f.request == r.as_str() })).collect::<Vec<_>>(),
            "grounds": f.grounds,
            "contact": f.contact,
            "periods": periods,
        }),
    )?;
    Ok(crate::pages::private(res, !errors.is_empty()))
}

/// POST /applications/{id}/complaint: lodges it.
pub async fn lodge(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let form = service::complaints::Lodge {
        request: get("request"),
        grounds: get("grounds"),
        contact: get("contact"),
        confirm: get("confirm"),
    };
    match complaints::lodge(&ctx.app, &acc, &user, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}#complaints")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => {
            render_complaint(&ctx, &acc, &session.csrf, &form, &e.fields).await
        }
        Err(e) => Err(e.into()),
    }
}
