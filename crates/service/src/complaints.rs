//! Complaints (APPC Art. 91-93): the applicant (or the intermediary who filed) complains of a refusal,
//! of the card's revocation, or of silence once a statutory deadline of the office has passed, through
//! the office that decided, with what Art. 93 asks (grounds, what is asked for, the complainant's
//! particulars, a signature: the signed-in account confirming). The office's supervisor may revise the
//! decision within the revision period, or forwards the complaint with the file to the higher body
//! (`Settings::appeals_office`), which upholds or overturns it within the review period. Each step is
//! in the case's history and the audit log, told to the applicant, on the working-day clock.

use domain::application::{Action, Status};
use domain::card::CardState;
use domain::case::CaseAction;
use domain::complaint::{self, Effect, State, Step, Subject};
use domain::procedure::{REVIEW, REVISION};
use store::{Application, Complaint, ComplaintMove, NewComplaint, User};
use time::Date;

use crate::access::Access;
use crate::app::App;
use crate::clock::KZ_OFFSET;
use crate::error::{AppError, ErrorCode};
use crate::letters::{self, After, Facts};
use crate::policy;

/// What Art. 93 asks of a complaint, as the complainant gave it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Lodge {
    /// What is asked for (`grant`, `reconsider`, `decide`, `reinstate`).
    #[serde(default)]
    pub request: String,
    /// Why the decision, or the silence, is unlawful.
    #[serde(default)]
    pub grounds: String,
    /// The complainant's name, address and how to reach them.
    #[serde(default)]
    pub contact: String,
    /// `yes`: the complainant confirms and signs it with their account.
    #[serde(default)]
    pub confirm: String,
}

/// The complaint open on the application, if one is.
pub async fn open(app: &App, application_id: i64) -> Result<Option<Complaint>, AppError> {
    let all = app.store.complaints(application_id).await?;
    Ok(all.into_iter().find(|c| State::parse(&c.status).is_some_and(State::is_open)))
}

fn day_of(ts: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(ts).ok().map(|t| t.to_offset(KZ_OFFSET).date())
}

/// Whether a statutory deadline of the office has passed on `a` with no step taken.
pub fn overdue(app: &App, a: &Application) -> bool {
    let waiting_on_office = matches!(
        Status::parse(&a.status),
        Some(
            Status::Submitted
                | Status::ChecksPending
                | Status::AwaitingIin
                | Status::IinRecorded
                | Status::GrantPending
        )
    );
    waiting_on_office && a.due_on.as_deref().is_some_and(|d| d < app.clock.today().to_string().as_str())
}

/// What a complaint on `a` may be about now, and its last day (`None`: silence, which lasts), or the
/// problem that keeps one from being lodged.
pub async fn lodgeable(app: &App, a: &Application) -> Result<Result<(Subject, Option<Date>), &'static str>, AppError> {
    if open(app, a.id).await?.is_some() {
        return Ok(Err("open"));
    }
    let status = Status::parse(&a.status).ok_or_else(|| AppError::internal(&"unknown status"))?;
    let card = app.store.cards_of_application(a.id).await?.into_iter().next();
    let revoked = card.as_ref().is_some_and(|c| c.state == CardState::Revoked);
    let subject = match complaint::subject(status, overdue(app, a), revoked) {
        Ok(s) => s,
        Err(problem) => return Ok(Err(problem)),
    };
    let decided = decided_at(app, a, subject).await?;
    let last = decided.and_then(day_of).map(|d| app.procedure.complaint_last_day(d));
    if last.is_some_and(|l| l < app.clock.today()) {
        return Ok(Err("too_late"));
    }
    Ok(Ok((subject, last)))
}

/// When the decision complained of was made known (the refusal's countersignature, the revocation);
/// none for silence.
async fn decided_at(app: &App, a: &Application, subject: Subject) -> Result<Option<i64>, AppError> {
    Ok(match subject {
        Subject::Refusal => app.store.events(a.id).await?.iter().rev().find(|e| e.to_status == "refused").map(|e| e.at),
        Subject::Revocation => match app.store.cards_of_application(a.id).await?.into_iter().next() {
            Some(c) => app.store.card_events(c.id).await?.iter().rev().find(|e| e.action == "revoke").map(|e| e.at),
            None => None,
        },
        Subject::Silence => None,
    })
}

/// The day the letters name as the decision complained of (ISO): the refusal's or the revocation's,
/// or for silence the office's last day that passed.
async fn decided_on(app: &App, a: &Application, subject: Subject) -> Result<String, AppError> {
    Ok(match subject {
        Subject::Silence => a.due_on.clone().unwrap_or_default(),
        _ => decided_at(app, a, subject).await?.and_then(day_of).map(|d| d.to_string()).unwrap_or_default(),
    })
}

fn working_days(app: &App, key: domain::procedure::PeriodKey) -> Result<String, AppError> {
    app.calendar()
        .add_working_days(app.clock.today(), app.procedure.days(key))
        .map(|d| d.to_string())
        .ok_or_else(|| AppError::internal(&"no date that many working days ahead"))
}

/// Lodges a complaint through the office that decided.
pub async fn lodge(app: &App, access: &Access, actor: &User, f: &Lodge) -> Result<Complaint, AppError> {
    let (mut work, a) = crate::step::lock(app, access.app.id).await?;
    let (subject, _) = lodgeable(app, &a).await?.map_err(|p| AppError::field("complaint", p))?;
    let mut problems = Vec::new();
    let request = domain::complaint::Request::parse(&f.request).filter(|r| complaint::requests(subject).contains(r));
    if request.is_none() {
        problems.push(crate::error::InvalidField { field: "request".into(), problem: "required" });
    }
    if f.grounds.trim().is_empty() || f.grounds.chars().count() > 8000 {
        problems.push(crate::error::InvalidField { field: "grounds".into(), problem: "required" });
    }
    if f.contact.trim().is_empty() || f.contact.chars().count() > 2000 {
        problems.push(crate::error::InvalidField { field: "contact".into(), problem: "required" });
    }
    if f.confirm != "yes" {
        problems.push(crate::error::InvalidField { field: "confirm".into(), problem: "required" });
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let at = app.clock.now().unix_timestamp();
    let new = NewComplaint {
        application_id: a.id,
        subject: subject.as_str().to_owned(),
        request: request.map(domain::complaint::Request::as_str).unwrap_or_default().to_owned(),
        grounds: f.grounds.trim().to_owned(),
        contact: f.contact.trim().to_owned(),
        office: a.assigned_office.clone().unwrap_or_default(),
        appeals_office: app.settings.appeals_office.clone(),
        lodged_by: actor.id,
        lodged_at: at,
        due_on: working_days(app, REVISION)?,
    };
    let id = match work.add_complaint(&new).await {
        Ok(id) => id,
        Err(store::StoreError::Conflict(_)) => return Err(AppError::field("complaint", "open")),
        Err(e) => return Err(e.into()),
    };
    let note = format!("complaint {id} against {}, asks {}", new.subject, new.request);
    let event = crate::step::note_event(&a, actor, access.role.as_str(), "complaint_lodged", note, at);
    // The receipt: a letter recorded with the complaint, its text the e-mail's and the inbox's.
    let lodged = as_lodged(id, &new);
    let after = After { decided_on: decided_on(app, &a, subject).await?, ..After::default() };
    let letter = letters::complaint(app, &a, &lodged, None, None, after);
    tell(app, work.as_mut(), &a, &letter, at).await?;
    work.event(a.id, &event).await?;
    work.commit().await?;
    app.store.complaint(id).await?.ok_or_else(|| AppError::internal(&"complaint vanished"))
}

/// The complaint `new` as recorded with the id `id`, before the unit of work commits.
fn as_lodged(id: i64, new: &NewComplaint) -> Complaint {
    Complaint {
        id,
        application_id: new.application_id,
        subject: new.subject.clone(),
        request: new.request.clone(),
        grounds: new.grounds.clone(),
        contact: new.contact.clone(),
        status: State::Lodged.as_str().to_owned(),
        office: new.office.clone(),
        appeals_office: new.appeals_office.clone(),
        lodged_by: new.lodged_by,
        lodged_at: new.lodged_at,
        due_on: new.due_on.clone(),
        forwarded_at: None,
        decided_at: None,
        decided_by: None,
        outcome: None,
        reason: None,
    }
}

/// Records the letter of a complaint's step and tells the applicant in its words (e-mail, inbox, the
/// office's copy), in the unit of work of the step.
async fn tell(app: &App, work: &mut dyn store::Work, a: &Application, facts: &Facts, at: i64) -> Result<(), AppError> {
    let json = serde_json::to_value(facts).map_err(|e| AppError::internal(&e))?;
    work.add_letter(a.id, facts.kind.as_str(), at, &json).await?;
    let letter = crate::letters::build(app, facts);
    let key = format!("complaint:{}:{}:{at}", a.id, facts.kind.as_str());
    crate::inform::tell(app, work, a, (&letter.subject, &letter.text()), &key, at, true).await
}

fn step_of(action: CaseAction) -> Option<Step> {
    match action {
        CaseAction::ComplaintRevise => Some(Step::Revise),
        CaseAction::ComplaintForward => Some(Step::Forward),
        CaseAction::ComplaintUphold => Some(Step::Uphold),
        CaseAction::ComplaintOverturn => Some(Step::Overturn),
        _ => None,
    }
}

/// A step on the case's open complaint: the deciding office revises or forwards it; the higher body
/// upholds or overturns the decision (`grant`: on a refusal overturned, the card is granted at once,
/// rather than the case returned for a new decision). Refused with the item named, nothing changed,
/// when the step does not fit.
pub async fn decide(
    app: &App,
    user: &User,
    seen: &Application,
    action: CaseAction,
    reason: &str,
    grant: bool,
) -> Result<(), AppError> {
    policy::check(user, action)?;
    let step = step_of(action).ok_or_else(AppError::not_found)?;
    let c = open(app, seen.id).await?.ok_or_else(|| AppError::field("complaint", "none"))?;
    let at_office = match step {
        Step::Revise | Step::Forward => &c.office,
        Step::Uphold | Step::Overturn => &c.appeals_office,
    };
    if user.office.as_deref() != Some(at_office.as_str()) {
        return Err(AppError::field("complaint", "not_here"));
    }
    let to = State::parse(&c.status)
        .and_then(|s| s.after(step))
        .ok_or_else(|| AppError::field("complaint", "wrong_state"))?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 4000 {
        return Err(AppError::field("reason", "required"));
    }
    let subject = Subject::parse(&c.subject).ok_or_else(|| AppError::internal(&"unknown subject"))?;
    let effect = complaint::effect(subject, step, grant);
    let due_on = (step == Step::Forward).then(|| working_days(app, REVIEW)).transpose()?;
    let outcome = (!to.is_open()).then(|| outcome_name(effect).to_owned());
    let at = app.clock.now().unix_timestamp();
    let m = ComplaintMove {
        from: c.status.clone(),
        to: to.as_str().to_owned(),
        at,
        by: user.id,
        due_on,
        outcome,
        reason: reason.to_owned(),
    };
    // The day of the decision complained of, as the receipt stated it.
    let receipt = letters::receipt(app, seen.id, c.id).await?;
    let decided_on = match &receipt {
        Some(r) => r.decided_on.clone(),
        None => decided_on(app, seen, subject).await?,
    };
    let mut after = After { decided_on, ..After::default() };
    let (mut work, a) = crate::step::lock(app, seen.id).await?;
    if a.status != seen.status {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    if !work.move_complaint(c.id, &m).await? {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    let name = format!("complaint_{}", step.as_str());
    let note = format!("complaint {}: {reason}", c.id);
    match effect {
        Effect::Reconsider | Effect::Grant => {
            let action = if effect == Effect::Grant { Action::GrantOnAppeal } else { Action::Reconsider };
            let mut mv = crate::step::Move::on(app, work, a, action)?;
            let event = mv.event(Some(user), user.role.as_str(), &name, Some(note));
            if effect == Effect::Grant {
                // The complaint's letter first; the grant's own letter comes with the card.
                let facts = letters::complaint(app, &mv.app, &c, Some(&m), receipt.as_ref(), after);
                tell(app, mv.work.as_mut(), &mv.app.clone(), &facts, at).await?;
                let card = crate::granting::card_for(app, &mv.app)?;
                crate::granting::grant_allowed(app, &mut mv, &card).await?;
                crate::granting::issue(app, mv, &card, &event).await?;
            } else {
                // The case is decided again: the letter is the move's, and its text the new status's
                // notice, with the new decision's last day the move fixed.
                after.next_due = mv.change.due_on.clone();
                let facts = letters::complaint(app, &mv.app, &c, Some(&m), receipt.as_ref(), after);
                mv.letter = Some(Box::new(facts));
                mv.finish(app, &event).await?;
            }
            return Ok(());
        }
        Effect::Reinstate => {
            let card = app.store.cards_of_application(a.id).await?.into_iter().next();
            let card = card.ok_or_else(|| AppError::field("card", "no_card"))?;
            crate::cards::reinstate_in(app, work.as_mut(), card.id, user, &note).await?;
            after.card = Some(letters::CardFacts::of(&card));
        }
        Effect::OrderDecision => {
            let days = Status::parse(&a.status).and_then(Status::statutory_days).unwrap_or(3);
            let due = app
                .calendar()
                .add_working_days(app.clock.today(), days)
                .map(|d| d.to_string())
                .ok_or_else(|| AppError::internal(&"no date ahead"))?;
            work.set_due(a.id, &due, at).await?;
            after.next_due = Some(due);
        }
        Effect::None => {}
    }
    let facts = letters::complaint(app, &a, &c, Some(&m), receipt.as_ref(), after);
    tell(app, work.as_mut(), &a, &facts, at).await?;
    let event = crate::step::note_event(&a, user, user.role.as_str(), &name, note, at);
    work.event(a.id, &event).await?;
    work.commit().await?;
    if effect == Effect::Reinstate {
        app.cards.changed();
    }
    Ok(())
}

/// The stored name of an outcome.
pub fn outcome_name(effect: Effect) -> &'static str {
    match effect {
        Effect::None => "none",
        Effect::Reconsider => "reconsider",
        Effect::Grant => "grant",
        Effect::Reinstate => "reinstate",
        Effect::OrderDecision => "order_decision",
    }
}

/// The complaints open at the caller's office (lodged with it, or forwarded to it).
pub async fn at_office(app: &App, user: &User) -> Result<Vec<Complaint>, AppError> {
    policy::check_view(user, policy::View::Complaints)?;
    let office = user.office.clone().ok_or_else(|| AppError::code(ErrorCode::Forbidden))?;
    Ok(app.store.complaints_at(&office).await?)
}
