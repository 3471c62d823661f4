//! Hearings before an intended refusal (APPC Art. 73): while the notice's window is open, the applicant
//! (or the intermediary who filed) asks to be heard and books one of the office's slots within the
//! period (`hearing_within`), online or in person; moves it once, for a reason; the officer records it
//! (who came, what was said). The refusal cannot be countersigned while a hearing asked for is still
//! to be held and recorded (`cases::countersign`).

use domain::application::Status;
use domain::case::CaseAction;
use domain::hearing::{self, Booked, Mode};
use store::{Application, Hearing, NewHearing, User};

use crate::access::Access;
use crate::app::App;
use crate::clock::KZ_OFFSET;
use crate::error::{AppError, ErrorCode};
use crate::policy;

/// The item of a file the applicant attaches to their written answer to an intended refusal: evidence
/// for the officer, not one of the checklist's documents (a grant does not wait for its review).
pub const RESPONSE_ITEM: &str = "response";

/// The time of the proposal of refusal the case is waiting on (its `propose_refusal` event), if it is.
pub async fn proposal_at(app: &App, a: &Application) -> Result<Option<i64>, AppError> {
    if a.status != Status::RefusalPending.as_str() {
        return Ok(None);
    }
    let events = app.store.events(a.id).await?;
    Ok(events.iter().rev().find(|e| e.action == "propose_refusal").map(|e| e.at))
}

/// The hearing of the proposal the case is waiting on, if one was asked for.
pub async fn current(app: &App, a: &Application) -> Result<Option<Hearing>, AppError> {
    let Some(at) = proposal_at(app, a).await? else { return Ok(None) };
    Ok(app.store.hearings(a.id).await?.into_iter().find(|h| h.proposal_at == at))
}

fn booked(h: Option<&Hearing>) -> Option<Booked> {
    h.map(|h| Booked { slot_at: h.slot_at, rescheduled: h.rescheduled_at.is_some(), recorded: h.recorded_at.is_some() })
}

/// Whether the decision must wait for a hearing still to be held and recorded.
pub async fn blocks_decision(app: &App, a: &Application) -> Result<bool, AppError> {
    Ok(hearing::blocks_decision(booked(current(app, a).await?.as_ref())))
}

/// Whether the window of the intended refusal is open today (its last day included).
pub fn window_open(app: &App, a: &Application) -> bool {
    a.status == Status::RefusalPending.as_str()
        && a.due_on.as_deref().is_some_and(|d| d >= app.clock.today().to_string().as_str())
}

/// The slots the case's office offers to a request made now (Unix seconds).
pub async fn slots(app: &App, a: &Application) -> Result<Vec<i64>, AppError> {
    let office = a.assigned_office.clone().unwrap_or_default();
    let now = app.clock.now().unix_timestamp();
    let within = app.procedure.days(domain::procedure::HEARING_WITHIN);
    // The period is a few working days; three weeks cover it whatever the holidays.
    let taken = app.store.taken_slots(&office, now, now + 21 * 86_400).await?;
    let today = app.clock.today();
    Ok(hearing::slots(&app.calendar(), today, within, &app.settings.hearing_hours, KZ_OFFSET, &taken))
}

fn refused((field, problem): (&'static str, &'static str)) -> AppError {
    AppError::field(field, problem)
}

/// The applicant (or intermediary) asks to be heard at `slot`, `online` or `in_person`.
pub async fn book(app: &App, access: &Access, actor: &User, slot: i64, mode: &str) -> Result<Hearing, AppError> {
    let (mut work, a) = crate::step::lock(app, access.app.id).await?;
    let Some(proposal) = proposal_at(app, &a).await? else {
        return Err(AppError::field("hearing", "not_open"));
    };
    let existing = current(app, &a).await?;
    if let Some(problem) = hearing::booking_refused(window_open(app, &a), booked(existing.as_ref())) {
        return Err(refused(problem));
    }
    let mode = Mode::parse(mode).ok_or_else(|| AppError::field("mode", "required"))?;
    if !slots(app, &a).await?.contains(&slot) {
        return Err(AppError::field("slot", "unavailable"));
    }
    let at = app.clock.now().unix_timestamp();
    let new = NewHearing {
        application_id: a.id,
        proposal_at: proposal,
        office: a.assigned_office.clone().unwrap_or_default(),
        mode: mode.as_str().to_owned(),
        slot_at: slot,
        requested_by: actor.id,
        requested_at: at,
    };
    match work.add_hearing(&new).await {
        Ok(_) => {}
        Err(store::StoreError::Conflict(_)) => return Err(AppError::field("slot", "taken")),
        Err(e) => return Err(e.into()),
    }
    let note = format!("{} {}", mode.as_str(), app.i18n.moment(domain::Lang::En, slot));
    finish(app, work, &a, actor, access.role.as_str(), "hearing_booked", note, slot, mode, at).await?;
    current(app, &a).await?.ok_or_else(|| AppError::internal(&"hearing vanished"))
}

/// Moves the booked hearing, once, for a reason, to another free slot.
pub async fn reschedule(
    app: &App,
    access: &Access,
    actor: &User,
    slot: i64,
    reason: &str,
) -> Result<Hearing, AppError> {
    let (mut work, a) = crate::step::lock(app, access.app.id).await?;
    let existing = current(app, &a).await?;
    let now = app.clock.now().unix_timestamp();
    if let Some(problem) = hearing::reschedule_refused(booked(existing.as_ref()), now, reason) {
        return Err(refused(problem));
    }
    let h = existing.ok_or_else(|| AppError::field("hearing", "none"))?;
    if reason.chars().count() > 1000 {
        return Err(AppError::field("reason", "too_long"));
    }
    if !slots(app, &a).await?.contains(&slot) {
        return Err(AppError::field("slot", "unavailable"));
    }
    match work.reschedule_hearing(h.id, slot, reason.trim(), now).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::code(ErrorCode::Conflict)),
        Err(store::StoreError::Conflict(_)) => return Err(AppError::field("slot", "taken")),
        Err(e) => return Err(e.into()),
    }
    let mode = Mode::parse(&h.mode).unwrap_or(Mode::InPerson);
    let note = format!("{} {}: {}", mode.as_str(), app.i18n.moment(domain::Lang::En, slot), reason.trim());
    finish(app, work, &a, actor, access.role.as_str(), "hearing_rescheduled", note, slot, mode, at_now(app)).await?;
    current(app, &a).await?.ok_or_else(|| AppError::internal(&"hearing vanished"))
}

fn at_now(app: &App) -> i64 {
    app.clock.now().unix_timestamp()
}

/// The history's event and the applicant's confirmation of a booking or a move, then the commit.
#[allow(clippy::too_many_arguments)]
async fn finish(
    app: &App,
    mut work: Box<dyn store::Work>,
    a: &Application,
    actor: &User,
    role: &str,
    action: &str,
    note: String,
    slot: i64,
    mode: Mode,
    at: i64,
) -> Result<(), AppError> {
    let lang = crate::inform::lang_of(a);
    let args = [
        ("reference", a.reference.clone().unwrap_or_default()),
        ("when", app.i18n.moment(lang, slot)),
        ("mode", app.i18n.t(lang, &format!("hearing-mode-{}", mode.as_str().replace('_', "-")))),
        ("link", crate::inform::link(app, a)),
    ];
    let message = crate::inform::message(app, a, &format!("notice-{}", action.replace('_', "-")), &args);
    let key = format!("{action}:{}:{at}", a.id);
    crate::inform::tell(app, work.as_mut(), a, (&message.0, &message.1), &key, at, true).await?;
    let event = crate::step::note_event(a, actor, role, action, note, at);
    work.event(a.id, &event).await?;
    work.commit().await?;
    Ok(())
}

/// The officer records the hearing held (or that nobody came): `attended` is `yes` or `no`, the
/// minutes say what was said.
pub async fn record(app: &App, officer: &User, a: &Application, attended: &str, minutes: &str) -> Result<(), AppError> {
    policy::check(officer, CaseAction::RecordHearing)?;
    let (mut work, a) = crate::step::lock(app, a.id).await?;
    let existing = current(app, &a).await?;
    let now = at_now(app);
    if let Some(problem) = hearing::record_refused(booked(existing.as_ref()), now) {
        return Err(refused(problem));
    }
    let h = existing.ok_or_else(|| AppError::field("hearing", "none"))?;
    let mut problems = Vec::new();
    if !matches!(attended, "yes" | "no") {
        problems.push(crate::error::InvalidField { field: "attended".into(), problem: "required" });
    }
    if minutes.trim().is_empty() || minutes.chars().count() > 8000 {
        problems.push(crate::error::InvalidField { field: "minutes".into(), problem: "required" });
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    if !work.record_hearing(h.id, officer.id, now, attended, minutes.trim()).await? {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    let note = format!("attended {attended}: {}", minutes.trim());
    let event = crate::step::note_event(&a, officer, officer.role.as_str(), "hearing_recorded", note, now);
    work.event(a.id, &event).await?;
    work.commit().await?;
    Ok(())
}
