//! Decisions on a case besides the officer's grant (`crate::granting::grant`): a proposed refusal, and
//! the supervisor's countersignature or return.

use domain::application::{Action, Status};
use domain::case::CaseAction;
use domain::reference::Kind;
use store::{Application, User};

use super::{act, field};
use crate::app::App;
use crate::error::AppError;
use crate::granting::{grant_allowed, issue, relied_on};
use crate::policy;
use crate::step::Move;

/// Proposes a refusal with a ground of the reference list and a written reason; it takes effect only
/// when a supervisor countersigns.
pub async fn propose_refusal(
    app: &App,
    officer: &User,
    a: &Application,
    ground: &str,
    reason: &str,
) -> Result<Application, AppError> {
    policy::check(officer, CaseAction::ProposeRefusal)?;
    let today = app.clock.today();
    let mut problems = Vec::new();
    if app.catalog.in_force(Kind::RefusalGround, today).is_none_or(|l| l.item(ground).is_none()) {
        problems.push(field("ground", "unknown"));
    }
    if reason.trim().is_empty() {
        problems.push(field("reason", "required"));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let note = format!("ground {ground}: {}; {}", reason.trim(), relied_on(app, today));
    let mut step = Move::begin(app, a, Action::ProposeRefusal).await?;
    // The notice's letter states the last day to answer, fixed here with the case's deadline.
    let letter =
        crate::letters::intended_refusal(app, &step.app, ground, reason, step.change.due_on.as_deref()).await?;
    step.letter = Some(Box::new(letter));
    let event = step.event(Some(officer), officer.role.as_str(), "propose_refusal", Some(note));
    step.finish(app, &event).await
}

/// A supervisor countersigns a proposed refusal or a proposed grant (never their own proposal), or
/// sends it back to the officer.
pub async fn countersign(app: &App, supervisor: &User, a: &Application, agree: bool) -> Result<Application, AppError> {
    policy::check(supervisor, if agree { CaseAction::Countersign } else { CaseAction::ReturnRefusal })?;
    let grant = a.status == Status::GrantPending.as_str();
    let proposal = if grant { "propose_grant" } else { "propose_refusal" };
    let events = app.store.events(a.id).await?;
    let proposer = events.iter().rev().find(|e| e.action == proposal).and_then(|e| e.actor_id);
    if proposer == Some(supervisor.id) {
        return Err(AppError::field("countersign", "own_proposal"));
    }
    if !agree {
        let name = if grant { "return_grant" } else { "return_refusal" };
        return act(app, a, supervisor, Action::SendBack, name, None).await;
    }
    if grant {
        // Everything a grant needs is checked again under the lock, then the card is issued.
        let card = crate::granting::card_for(app, a)?;
        let mut step = Move::begin(app, a, Action::Countersign).await?;
        grant_allowed(app, &mut step, &card).await?;
        let note = Some("grant over adverse information countersigned".to_owned());
        let event = step.event(Some(supervisor), supervisor.role.as_str(), "countersign", note);
        return issue(app, step, &card, &event).await;
    }
    // The applicant's window to respond must have passed. Its last day was fixed when the notice was
    // sent (it is the case's deadline): a setting changed since does not cut it short.
    if a.due_on.as_deref().is_some_and(|d| d >= app.clock.today().to_string().as_str()) {
        return Err(AppError::field("countersign", "window_open"));
    }
    // A hearing asked for is held and recorded before the decision (APPC Art. 73).
    if crate::hearings::blocks_decision(app, a).await? {
        return Err(AppError::field("countersign", "hearing_pending"));
    }
    let mut step = Move::begin(app, a, Action::Countersign).await?;
    step.letter = Some(Box::new(crate::letters::refusal(app, &step.app).await?));
    let event = step.event(Some(supervisor), supervisor.role.as_str(), "countersign", None);
    step.finish(app, &event).await
}
