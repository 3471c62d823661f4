//! The application in the browser: a task list, one question per page, the passport's MRZ, documents
//! with uploads, "check your answers", submission, status and history. Every form is a POST with the
//! session's CSRF token; errors come back on the same page with a summary naming each field.
//!
//! Here: the list, the task list (overview) and the answer to an intended refusal; the questions and
//! the MRZ are in `steps`, the documents in `documents`, "check your answers" and submission in `check`,
//! what an office filed for someone has (its shared inbox, the receipt, the card, the claim) in `filed`.

mod appeal;
mod check;
mod delete;
mod documents;
mod filed;
mod steps;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::application::{self, Status, Step};
use serde_json::{Value, json};
use store::{Application, User};

use super::PageCtx;
use super::account::field_message;
use crate::auth;
use crate::error::{AppError, InvalidField};
use service::applications::{self, Access, OnBehalf};

pub use super::signed::{SignedIn, SignedPost};
pub use appeal::{book as hearing_book, complaint, hearing, lodge as complaint_lodge};
pub use check::{check, submit, submitted};
pub use delete::{confirm as delete_confirm, delete as delete_draft, deleted as draft_deleted};
pub use documents::{delete_document, documents, download, upload};
pub use filed::{card_pdf, claim, claim_form, inbox as office_inbox, issue_code as issue_claim_code, receipt};
pub(crate) use steps::display;
pub use steps::{mrz_form, mrz_save, step_form, step_save};

pub(crate) fn date_ts(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .map(|t| {
            let t = t.to_offset(service::KZ_OFFSET);
            format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
        })
        .unwrap_or_default()
}

fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("app-status-{}", status.replace('_', "-")))
}

/// GET /applications
pub async fn list(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    render_list(&ctx, &session, &user, &[], None).await
}

/// The list of applications with the form that starts one (and its errors, when it was refused).
async fn render_list(
    ctx: &PageCtx,
    session: &store::Session,
    user: &User,
    errors: &[InvalidField],
    applicant_email: Option<&String>,
) -> Result<Response, AppError> {
    let apps = applications::list(&ctx.app, user).await?;
    let rows: Vec<Value> = apps
        .iter()
        .map(|a| {
            let answers = applications::answers(a);
            let name = format!("{} {}", answers.surname_latin, answers.given_names_latin).trim().to_owned();
            json!({
                "id": a.id,
                "reference": a.reference,
                "status": status_label(ctx, &a.status),
                "name": if name.is_empty() { ctx.t("app-unnamed") } else { name },
                "updated": crate::pages::words::moment(ctx, a.updated_at),
            })
        })
        .collect();
    let key = auth::random_token()?;
    let res = ctx.render(
        "app_list.html",
        json!({
            "apps": rows,
            "csrf": session.csrf,
            "idempotency_key": key,
            "intermediary": applications::is_intermediary(user),
            "claimer": service::policy::CLAIMERS.contains(&user.role),
            "office": user.office,
            "errors": errors
                .iter()
                .map(|x| json!({ "href": format!("#{}", x.field.replace('_', "-")), "text": field_message(ctx, &x.field, x.problem) }))
                .collect::<Vec<_>>(),
            "applicant_email": applicant_email,
        }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// POST /applications: a new draft (a repeated key, from a double click, gives the same draft).
pub async fn create(
    ctx: PageCtx,
    SignedPost { session, user, path: (), form: f }: SignedPost<()>,
) -> Result<Response, AppError> {
    let on_behalf = OnBehalf {
        applicant_email: f.get("applicant_email").cloned(),
        notify_office: f.get("notify_office").is_some_and(|v| v == "yes"),
    };
    let key = f.get("idempotency_key").filter(|k| !k.is_empty() && k.len() <= 100).cloned();
    match applications::create(&ctx.app, &user, Some(on_behalf), "web", ctx.lang, key).await {
        Ok(a) => Ok(Redirect::to(&format!("/applications/{}", a.id)).into_response()),
        Err(e) if !e.fields.is_empty() => render_list(&ctx, &session, &user, &e.fields, f.get("applicant_email")).await,
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn access(ctx: &PageCtx, user: &User, id: i64) -> Result<Access, AppError> {
    Ok(applications::load(&ctx.app, user, id).await?)
}

/// GET /applications/{id}
pub async fn overview(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let a = &acc.app;
    let answers = applications::answers(a);
    let docs = ctx.app.store.documents(id).await?;
    let problems = applications::problems(&ctx.app, a, &docs);
    let tasks: Vec<Value> = Step::ALL
        .into_iter()
        .filter(|s| s.applies(&answers))
        .map(|s| {
            let done =
                !answers.step_empty(s) && !problems.iter().any(|p| s.fields().iter().any(|(f, _)| *f == p.field));
            json!({
                "title": ctx.t(&format!("app-step-{}-title", s.slug())),
                "href": format!("/applications/{id}/steps/{}", s.slug()),
                "editable": applications::editable(a, s.slug()),
                "done": done,
                "id": s.slug(),
            })
        })
        .collect();
    let docs_done = !problems.iter().any(|p| p.field.starts_with("doc_"));
    let events = ctx.app.store.events(id).await?;
    let history: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "at": crate::pages::words::moment(&ctx, e.at),
                "what": ctx.t(&format!("app-event-{}", e.action.replace('_', "-"))),
                "who": ctx.t(&format!("app-role-{}", e.actor_role.replace('_', "-"))),
                "office": e.office.as_deref().map(|o| crate::pages::words::office(&ctx, o)),
                "status": status_label(&ctx, &e.to_status),
                "note": e.note.as_deref().filter(|_| e.action == "request_corrections"),
            })
        })
        .collect();
    let duplicates = applications::duplicates_seen_by(&ctx.app, &acc).await?;
    let dups: Vec<Value> = duplicates
        .iter()
        .map(|d| json!({ "reference": d.reference.clone().unwrap_or_else(|| format!("#{}", d.id)), "reason": ctx.t(&format!("app-duplicate-{}", d.reason.replace('_', "-"))) }))
        .collect();
    let status = Status::parse(&a.status);
    let letters = service::letters::list(&ctx.app, &acc).await?;
    let letters = crate::pages::letters::entries(&ctx, &format!("/applications/{id}"), &letters);
    let res = ctx.render(
        "app_overview.html",
        json!({
            "id": id,
            "reference": a.reference,
            "status": status_label(&ctx, &a.status),
            "status_key": a.status,
            "draft": status == Some(Status::Draft),
            "reopened": status == Some(Status::CorrectionsRequested),
            "submittable": matches!(status, Some(Status::Draft | Status::CorrectionsRequested)),
            "tasks": tasks,
            "docs_done": docs_done,
            "docs_editable": answers_docs_editable(a),
            "history": history,
            "letters": letters,
            "notices": notices_text(&ctx, a),
            "channel": ctx.t(&format!("app-channel-{}", a.channel)),
            "office": a.office.as_deref().map(|o| crate::pages::words::office(&ctx, o)),
            "next": status.and_then(|s| next_step(&ctx, s, a)),
            "handled_by": a.assigned_office.as_deref().map(|o| crate::pages::words::office(&ctx, o)),
            "iin": a.iin,
            "card_ready": status == Some(Status::Granted),
            "office_view": acc.role == service::applications::Capacity::Intermediary,
            "receipt": a.reference.is_some(),
            "duplicates": dups,
            "csrf": session.csrf,
            "mrz_editable": applications::editable(a, "passport"),
            "refusal_pending": status == Some(Status::RefusalPending),
            "idle_days": ctx.app.settings.retention.draft_idle_days,
            "response_until": a.due_on,
            "appeal": appeal::overview_part(&ctx, a).await?,
        }),
    )?;
    Ok(super::private(res, false))
}

/// What happens next at the application's stage, with the stage's last day in words (the deadline the
/// case carries, counted in working days when the stage began).
fn next_step(ctx: &PageCtx, status: Status, a: &Application) -> Option<String> {
    let date = a.due_on.as_deref().map(|d| crate::pages::words::date(ctx, d));
    let office = a.assigned_office.as_deref().map(|o| crate::pages::words::office(ctx, o)).unwrap_or_default();
    let with_date = |id: &str, extra: Vec<(&str, String)>| match &date {
        Some(d) => {
            let mut args = extra;
            args.push(("date", d.clone()));
            ctx.app.i18n.message(ctx.lang, id, &args)
        }
        None => ctx.t("next-no-date"),
    };
    Some(match status {
        Status::Submitted => with_date("next-submitted", vec![("office", office)]),
        Status::ChecksPending => with_date("next-checks-pending", Vec::new()),
        Status::IinRecorded => with_date("next-iin-recorded", Vec::new()),
        Status::AwaitingIin => ctx.t("next-awaiting-iin"),
        Status::GrantPending => ctx.t("next-grant-pending"),
        Status::CorrectionsRequested => ctx.t("next-corrections-requested"),
        Status::Refused => ctx.t("next-refused"),
        Status::Draft | Status::RefusalPending | Status::Granted => return None,
    })
}

fn answers_docs_editable(a: &Application) -> bool {
    let answers = applications::answers(a);
    application::documents_needed(&answers).iter().any(|d| applications::editable(a, &format!("doc:{d}")))
}

/// Who receives which notices, in words both sides see.
pub(super) fn notices_text(ctx: &PageCtx, a: &Application) -> Vec<String> {
    let mut out = Vec::new();
    match &a.applicant_email {
        Some(e) => out.push(ctx.app.i18n.message(ctx.lang, "app-notice-applicant-email", &[("email", e.clone())])),
        None => out.push(ctx.t("app-notice-applicant-none")),
    }
    if a.owner_id.is_some() || a.applicant_email.is_some() {
        out.push(ctx.t("app-notice-inbox"));
    }
    // Filed by an office: its shared inbox always, and its e-mail copies when it asked for them.
    if let Some(code) = service::filed::filing_office(a) {
        let office = crate::pages::words::office(ctx, code);
        out.push(ctx.app.i18n.message(ctx.lang, "filed-notice-office-inbox", &[("office", office.clone())]));
        if a.notify_office {
            out.push(match ctx.app.settings.office_mail.get(code) {
                Some(address) => ctx.app.i18n.message(
                    ctx.lang,
                    "filed-notice-office-address",
                    &[("office", office), ("email", address.clone())],
                ),
                None => ctx.app.i18n.message(ctx.lang, "filed-notice-office-staff", &[("office", office)]),
            });
        }
    }
    out
}

/// POST /applications/{id}/respond: the answer to an intended refusal, while its window is open.
pub async fn respond(
    ctx: PageCtx,
    SignedPost { user, path: id, form: f, .. }: SignedPost<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    applications::respond_to_refusal(&ctx.app, &acc, &user, f.get("response").map_or("", String::as_str)).await?;
    Ok(Redirect::to(&format!("/applications/{id}")).into_response())
}
