//! The case page's hearing and complaints, and the complaints open at an office (`/complaints`).

use axum::response::Response;
use domain::case::CaseAction;
use domain::hearing;
use serde_json::{Value, json};
use service::{complaints, hearings, policy};
use store::{Application, User};

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use crate::error::AppError;

/// The hearing of the case (the current proposal's, else the last one held) and its complaints, with
/// the steps the caller may take on them.
pub(super) async fn case_part(ctx: &PageCtx, user: &User, a: &Application) -> Result<Value, AppError> {
    let all = ctx.app.store.hearings(a.id).await?;
    let current = hearings::current(&ctx.app, a).await?;
    let shown = current.clone().or_else(|| all.last().cloned());
    let now = ctx.app.clock.now().unix_timestamp();
    let hearing = shown.map(|h| {
        let booked = hearing::Booked {
            slot_at: h.slot_at,
            rescheduled: h.rescheduled_at.is_some(),
            recorded: h.recorded_at.is_some(),
        };
        let may_record = current.as_ref().is_some_and(|c| c.id == h.id)
            && policy::allows(user.role, CaseAction::RecordHearing)
            && hearing::record_refused(Some(booked), now).is_none();
        json!({
            "when": words::moment(ctx, h.slot_at),
            "mode": ctx.t(&format!("hearing-mode-{}", h.mode.replace('_', "-"))),
            "asked": words::moment(ctx, h.requested_at),
            "moved": h.reschedule_reason,
            "attended": h.attended.as_ref().map(|x| ctx.t(&format!("case-hearing-attended-{x}"))),
            "minutes": h.minutes,
            "can_record": may_record,
            "not_yet": h.recorded_at.is_none() && h.slot_at > now,
        })
    });
    let stored = ctx.app.store.complaints(a.id).await?;
    let list: Vec<Value> = stored
        .iter()
        .map(|c| {
            let open = matches!(c.status.as_str(), "lodged" | "forwarded");
            let here = |office: &str| user.office.as_deref() == Some(office);
            json!({
                "id": c.id,
                "subject": ctx.t(&format!("complaint-subject-{}", c.subject)),
                "request": ctx.t(&format!("complaint-request-{}", c.request)),
                "grounds": c.grounds,
                "contact": c.contact,
                "stage": ctx.t(&format!("complaint-stage-{}", c.status)),
                "stage_key": c.status,
                "lodged": words::moment(ctx, c.lodged_at),
                "due": words::date(ctx, &c.due_on),
                "open": open,
                "outcome": c.outcome.as_ref().map(|o| ctx.t(&format!("complaint-outcome-{}", o.replace('_', "-")))),
                "reason": c.reason,
                "appeals": words::office(ctx, &c.appeals_office),
                "can_office": open && c.status == "lodged" && here(&c.office)
                    && policy::allows(user.role, CaseAction::ComplaintForward),
                "can_decide": open && c.status == "forwarded" && here(&c.appeals_office)
                    && policy::allows(user.role, CaseAction::ComplaintOverturn),
                "refusal": c.subject == "refusal",
            })
        })
        .collect();
    Ok(json!({ "hearing": hearing, "complaints": list }))
}

/// GET /complaints: the complaints open at the caller's office, the earliest due first.
pub async fn queue(ctx: PageCtx, SignedIn(_, user): SignedIn) -> Result<Response, AppError> {
    let open = complaints::at_office(&ctx.app, &user).await?;
    let mut rows = Vec::new();
    for c in &open {
        let a = ctx.app.store.application(c.application_id).await?;
        rows.push(json!({
            "href": format!("/cases/{}#complaints-title", c.application_id),
            "reference": a.and_then(|a| a.reference).unwrap_or_else(|| format!("#{}", c.application_id)),
            "subject": ctx.t(&format!("complaint-subject-{}", c.subject)),
            "stage": ctx.t(&format!("complaint-stage-{}", c.status)),
            "lodged": words::moment(&ctx, c.lodged_at),
            "due": words::date(&ctx, &c.due_on),
            "overdue": c.due_on < ctx.app.clock.today().to_string(),
        }));
    }
    let res = ctx.render(
        "complaints.html",
        json!({
            "staff": true,
            "supervisor": user.role == policy::SUPERVISOR,
            "appeals": user.role == policy::APPEALS,
            "office": user.office.as_deref().map(|o| words::office(&ctx, o)),
            "rows": rows,
        }),
    )?;
    Ok(super::super::private(res, false))
}
