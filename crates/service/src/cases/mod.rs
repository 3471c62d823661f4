//! Case work, whoever asks (a page or the API): routing, the office queue, background checks, the IIN,
//! decisions with a supervisor's countersignature, document reviews and notes. Who may do what is
//! decided here, deny by default; every change of status is a checked transition with its audit event.

use domain::account::Role;
use domain::application::{Action, Status};
use domain::case::CaseAction;
use domain::reference::Kind;
use store::{Application, Event, Note, QueueFilter, Review, User};
use time::Date;

pub use crate::access::load_case as load;
use crate::app::App;
use crate::applications;
pub use crate::deadlines::{days_left, due, resumed_due, route};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::policy;
use crate::step::{self, Move};

mod decide;
mod flow;
pub use crate::granting::grant;
pub use decide::{countersign, propose_refusal};
pub use flow::{WEEKS, flow};

pub use crate::policy::{AUDITOR, KNB, OFFICER, POLICE, SUPERVISOR};

/// The agencies asked for background checks, and the role that answers for each.
pub const AGENCIES: [(&str, Role); 2] = [("police", POLICE), ("knb", KNB)];

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

pub(crate) fn now(app: &App) -> i64 {
    app.clock.now().unix_timestamp()
}

/// The case, to be shown to the caller ([`load`]'s rule), the look recorded in the audit log first.
pub async fn open(app: &App, user: &User, id: i64) -> Result<Application, AppError> {
    let a = load(app, user, id).await?;
    crate::audit::read(app, user, a.id, crate::audit::Read::Case).await?;
    Ok(a)
}

/// A document of the case, opened for the caller ([`load`]'s rule), the look recorded first.
pub async fn open_document(
    app: &App,
    user: &User,
    id: i64,
    doc_id: i64,
) -> Result<(store::Document, crate::files::FileReader), AppError> {
    let a = load(app, user, id).await?;
    let opened = crate::applications::open_document(app, a.id, doc_id).await?;
    crate::audit::read(app, user, a.id, crate::audit::Read::Document(doc_id)).await?;
    Ok(opened)
}

/// One page of the caller's office queue, its cases counted up to a bound (`store::QUEUE_COUNT_BOUND`).
pub async fn queue(app: &App, user: &User, mut filter: QueueFilter) -> Result<store::QueuePage, AppError> {
    policy::check_view(user, policy::View::Queue)?;
    filter.office = user.office.clone().ok_or_else(|| AppError::code(ErrorCode::Forbidden))?;
    Ok(app.store.queue(&filter).await?)
}

/// The ground and the reason of a proposal, read from its history note (`ground {key}: {reason}; ...`
/// for a refusal, `over adverse information: {reason}; ...` for a grant).
pub fn proposal_parts(note: &str) -> (Option<String>, String) {
    let body = note.rsplit_once("; ").map_or(note, |(b, _)| b);
    if let Some(rest) = body.strip_prefix("ground ") {
        let (ground, reason) = rest.split_once(": ").unwrap_or((rest, ""));
        (Some(ground.to_owned()), reason.to_owned())
    } else {
        (None, body.strip_prefix("over adverse information: ").unwrap_or(body).to_owned())
    }
}

/// Moves a case by `action` (named `name` in its history), with its audit event, notices and the
/// deadline of the new status, in one unit of work. Refused (409, nothing changed) when the action
/// does not fit the status, or someone acted first.
async fn act(
    app: &App,
    a: &Application,
    actor: &User,
    action: Action,
    name: &str,
    note: Option<String>,
) -> Result<Application, AppError> {
    let step = Move::begin(app, a, action).await?;
    let event = step.event(Some(actor), actor.role.as_str(), name, note);
    step.finish(app, &event).await
}

/// Sends the background-check requests to the police and the National Security Committee; their
/// answers are due in 5 working days.
pub async fn send_checks(app: &App, officer: &User, a: &Application) -> Result<Application, AppError> {
    policy::check(officer, CaseAction::SendChecks)?;
    let due = app
        .calendar()
        .add_working_days(app.clock.today(), 5)
        .map(|d| d.to_string())
        .ok_or_else(|| AppError::internal(&"no date 5 working days ahead"))?;
    let mut step = Move::begin(app, a, Action::SendChecks).await?;
    for (agency, _) in AGENCIES {
        step.work.request_check(a.id, agency, step.at, &due).await?;
    }
    let event = step.event(Some(officer), officer.role.as_str(), "send_checks", None);
    step.finish(app, &event).await
}

/// An agency checker's answer: `no_information` or `adverse`, with the agency's reference. The last
/// answer moves the case on. An answer on a closed check or case is refused (409).
pub async fn answer_check(
    app: &App,
    checker: &User,
    check_id: i64,
    result: &str,
    reference: &str,
) -> Result<bool, AppError> {
    let check = app.store.check(check_id).await?.ok_or_else(AppError::not_found)?;
    let role = AGENCIES.iter().find(|(agency, _)| *agency == check.agency).map(|(_, r)| *r);
    if role != Some(checker.role) {
        return Err(AppError::not_found());
    }
    let mut problems = Vec::new();
    if !matches!(result, "no_information" | "adverse") {
        problems.push(field("result", "required"));
    }
    if reference.trim().is_empty() || reference.chars().count() > 100 {
        problems.push(field("reference", "required"));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    // The answers are taken while checks are pending, with the case locked: two agencies answering at
    // the same moment take turns, and the last one moves the case on as the state machine says.
    // Answers are taken while corrections interrupt the checks too; the resubmission moves on then.
    let (mut work, a) = step::lock(app, check.application_id).await?;
    let interrupted = a.status == Status::CorrectionsRequested.as_str()
        && a.reopened_snapshot.as_ref().is_some_and(|s| s["from"] == Status::ChecksPending.as_str());
    let open = (a.status == Status::ChecksPending.as_str() || interrupted)
        && work.answer_check(check_id, a.id, result, reference.trim(), checker.id, now(app)).await?;
    if !open {
        return Err(AppError::field("check", "closed"));
    }
    if interrupted || work.open_checks(a.id).await? > 0 {
        work.commit().await?;
        return Ok(false);
    }
    let step = Move::on(app, work, a, Action::ChecksAnswered)?;
    let event = step.event(None, "system", "checks_answered", None);
    step.finish(app, &event).await?;
    Ok(true)
}

/// The IIN typed for `a`, checked: 12 digits, the check digit, and the birth date and sex the
/// application gives.
fn checked_iin(a: &Application, iin: &str) -> Result<String, AppError> {
    let answers = applications::answers(a);
    let birth = domain::reference::parse_iso_date(&answers.birth_date)
        .ok_or_else(|| AppError::field("iin", "no_birth_date"))?;
    let sex = answers.sex.chars().next().unwrap_or('X');
    let parsed = domain::iin::check_iin(iin.trim(), birth, sex).map_err(|p| AppError::field("iin", p.as_str()))?;
    Ok(parsed.as_string())
}

/// Records the IIN issued for the applicant: 12 digits, the check digit, and the birth date and sex
/// the application gives. The decision is then due in 3 working days.
pub async fn record_iin(app: &App, officer: &User, a: &Application, iin: &str) -> Result<Application, AppError> {
    policy::check(officer, CaseAction::RecordIin)?;
    let parsed = checked_iin(a, iin)?;
    let mut step = Move::begin(app, a, Action::RecordIin).await?;
    step.change.iin = Some(parsed);
    let event = step.event(Some(officer), officer.role.as_str(), "record_iin", None);
    step.finish(app, &event).await
}

/// Corrects the recorded IIN (a typing error), with a written reason; audited with the old and the new
/// number. The new IIN is checked as when it was recorded. Refused once the case is decided.
pub async fn correct_iin(app: &App, officer: &User, a: &Application, iin: &str, reason: &str) -> Result<(), AppError> {
    policy::check(officer, CaseAction::CorrectIin)?;
    let parsed = checked_iin(a, iin)?;
    if reason.trim().is_empty() || reason.chars().count() > 2000 {
        return Err(AppError::field("reason", "required"));
    }
    let (mut work, locked) = step::lock(app, a.id).await?;
    let old = locked.iin.clone().ok_or_else(|| AppError::field("iin", "not_recorded"))?;
    let new = parsed;
    if old == new {
        return Err(AppError::field("iin", "same"));
    }
    let at = now(app);
    if !work.correct_iin(a.id, &new, at).await? {
        return Err(AppError::field("status", "wrong_state"));
    }
    let event = Event {
        at,
        actor_id: Some(officer.id),
        actor_role: officer.role.as_str().to_owned(),
        office: officer.office.clone(),
        action: "correct_iin".into(),
        from_status: locked.status.clone(),
        to_status: locked.status.clone(),
        note: Some(format!("{old} -> {new}: {}", reason.trim())),
    };
    work.event(a.id, &event).await?;
    work.commit().await?;
    Ok(())
}

/// A supervisor moves a case to another office (a regional department).
pub async fn reassign(app: &App, supervisor: &User, a: &Application, office: &str) -> Result<(), AppError> {
    policy::check(supervisor, CaseAction::Reassign)?;
    let today = app.clock.today();
    let known = office
        .strip_prefix("department-")
        .is_some_and(|r| app.catalog.in_force(Kind::Region, today).is_some_and(|l| l.item(r).is_some()));
    if !known || a.assigned_office.as_deref() == Some(office) {
        return Err(AppError::field("office", "unknown"));
    }
    let event = Event {
        at: now(app),
        actor_id: Some(supervisor.id),
        actor_role: supervisor.role.as_str().to_owned(),
        office: supervisor.office.clone(),
        action: "reassign".into(),
        from_status: a.status.clone(),
        to_status: a.status.clone(),
        note: Some(format!("{} -> {office}", a.assigned_office.clone().unwrap_or_default())),
    };
    if app.store.reassign(a.id, office, &event).await? { Ok(()) } else { Err(AppError::field("status", "wrong_state")) }
}

/// An officer asks for corrections of the items named (the applicant can change only those).
pub async fn request_corrections(
    app: &App,
    officer: &User,
    a: &Application,
    items: &[String],
    reason: &str,
) -> Result<Application, AppError> {
    policy::check(officer, CaseAction::RequestCorrections)?;
    applications::request_corrections(app, a, officer, items, reason).await
}

/// An officer accepts or rejects a document (a rejection needs its reason).
pub async fn review_document(
    app: &App,
    officer: &User,
    a: &Application,
    doc: &str,
    verdict: &str,
    reason: &str,
) -> Result<(), AppError> {
    policy::check(officer, CaseAction::Review)?;
    let doc = doc.parse::<i64>().map_err(|_| AppError::field("document", "unknown"))?;
    if !matches!(verdict, "accepted" | "rejected") {
        return Err(AppError::field("verdict", "unknown"));
    }
    if verdict == "rejected" && reason.trim().is_empty() {
        return Err(AppError::field("reason", "required"));
    }
    let review = Review {
        document_id: doc,
        verdict: verdict.to_owned(),
        reason: Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        reviewed_by: officer.id,
        reviewed_at: now(app),
    };
    if app.store.review_document(a.id, &review).await? { Ok(()) } else { Err(AppError::not_found()) }
}

/// An officer's or supervisor's note on the case.
pub async fn add_note(app: &App, staff: &User, a: &Application, text: &str) -> Result<(), AppError> {
    policy::check(staff, CaseAction::Note)?;
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 4000 {
        return Err(AppError::field("note", "required"));
    }
    Ok(app.store.add_note(a.id, &Note { author_id: staff.id, at: now(app), text: text.to_owned() }).await?)
}

/// What an agency checker sees of a case: only what a check needs.
pub fn check_view(a: &Application) -> serde_json::Value {
    let x = applications::answers(a);
    serde_json::json!({
        "surname_latin": x.surname_latin,
        "given_names_latin": x.given_names_latin,
        "surname_kk": x.surname_kk,
        "given_names_kk": x.given_names_kk,
        "birth_date": x.birth_date,
        "passport_number": x.passport_number,
        "citizenship": x.citizenship,
    })
}

/// Reminders and escalations, run by the job worker: a case due today reminds its office's officers; an
/// overdue case is escalated to the office's supervisors; an overdue background check to the supervisors
/// of the office that asked. Each notice is a job with a key made of the case and its deadline, so it is
/// sent once however often the sweep runs. Returns how many notices were enqueued.
pub async fn sweep_deadlines(app: &App) -> Result<usize, store::StoreError> {
    let today = app.clock.today();
    let t = now(app);
    let mut sent = 0;
    let mut notify = async |office: &str,
                            role: Role,
                            id: &str,
                            what: &str,
                            reference: &str,
                            due_on: &str|
           -> Result<(), store::StoreError> {
        for (email, lang) in app.store.staff_emails(office, role).await? {
            let lang = domain::Lang::parse(&lang).unwrap_or_default();
            let args = [("reference", reference.to_owned()), ("date", due_on.to_owned())];
            let m = crate::mail::Email {
                to: email.clone(),
                subject: app.i18n.message(lang, &format!("{id}-subject"), &args),
                body: app.i18n.message(lang, &format!("{id}-body"), &args),
            };
            let key = format!("{what}:{reference}:{due_on}:{email}");
            if app.store.enqueue(&crate::jobs::email_job(&m, t, Some(key), app.settings.mail.max_attempts), t).await? {
                sent += 1;
            }
        }
        Ok(())
    };
    for a in app.store.due_cases(&today.to_string()).await? {
        let (Some(office), Some(due_on)) = (a.assigned_office.as_deref(), a.due_on.as_deref()) else { continue };
        let reference = a.reference.clone().unwrap_or_default();
        if due_on == today.to_string() {
            notify(office, OFFICER, "deadline-reminder", "remind", &reference, due_on).await?;
        } else {
            notify(office, SUPERVISOR, "deadline-escalation", "escalate", &reference, due_on).await?;
        }
    }
    let yesterday = (today - time::Duration::days(1)).to_string();
    for c in app.store.due_checks(&yesterday).await? {
        let Some(a) = app.store.application(c.application_id).await? else { continue };
        let Some(office) = a.assigned_office.as_deref() else { continue };
        let reference = format!("{} ({})", a.reference.clone().unwrap_or_default(), c.agency);
        notify(office, SUPERVISOR, "check-escalation", "check", &reference, &c.due_on).await?;
    }
    Ok(sent)
}

/// A queue filter from query parameters (`status`, `category`, `country`, `channel`, `deadline=overdue`,
/// `q` for a reference, passport number or name in any script, `sort`, `page`); unknown values are ignored, as a search form would.
pub fn filter_from<H: std::hash::BuildHasher>(
    params: &std::collections::HashMap<String, String, H>,
    today: Date,
) -> QueueFilter {
    let opt = |k: &str| params.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    QueueFilter {
        office: String::new(),
        status: opt("status").filter(|s| Status::parse(s).is_some()),
        category: opt("category").filter(|c| matches!(c.as_str(), "1" | "2" | "3")),
        country: opt("country").map(|c| c.to_uppercase()),
        channel: opt("channel"),
        due_by: (opt("deadline").as_deref() == Some("overdue")).then(|| (today - time::Duration::days(1)).to_string()),
        search: opt("q").map(|q| (q.to_uppercase(), domain::fold::words(&q))),
        last_actor: None,
        sort: opt("sort").filter(|s| matches!(s.as_str(), "oldest" | "newest" | "reference")).unwrap_or_default(),
        page: opt("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1),
        per_page: 25,
    }
}

/// Runs one action on a case (the pages' and the API's actions are the same).
pub async fn run_action(
    app: &App,
    user: &User,
    a: &Application,
    action: CaseAction,
    get: impl Fn(&str) -> String,
) -> Result<(), AppError> {
    use CaseAction as A;
    policy::check(user, action)?;
    match action {
        A::SendChecks => send_checks(app, user, a).await.map(|_| ()),
        A::RequestCorrections => {
            let items: Vec<String> =
                get("items").split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
            request_corrections(app, user, a, &items, &get("reason")).await.map(|_| ())
        }
        A::RecordIin => record_iin(app, user, a, &get("iin")).await.map(|_| ()),
        A::CorrectIin => correct_iin(app, user, a, &get("iin"), &get("reason")).await,
        A::Grant => grant(app, user, a, &get("reason")).await.map(|_| ()),
        A::ProposeRefusal => propose_refusal(app, user, a, &get("ground"), &get("reason")).await.map(|_| ()),
        A::Countersign => countersign(app, user, a, true).await.map(|_| ()),
        A::ReturnRefusal => countersign(app, user, a, false).await.map(|_| ()),
        A::Note => add_note(app, user, a, &get("note")).await,
        A::Reassign => reassign(app, user, a, &get("office")).await,
        A::Review => review_document(app, user, a, &get("document"), &get("verdict"), &get("reason")).await,
        A::RecordHearing => crate::hearings::record(app, user, a, &get("attended"), &get("minutes")).await,
        A::ComplaintRevise | A::ComplaintForward | A::ComplaintUphold | A::ComplaintOverturn => {
            crate::complaints::decide(app, user, a, action, &get("reason"), get("remedy") == "grant").await
        }
        A::CardInvalidate
        | A::CardRevoke
        | A::CardCountersign
        | A::CardReturn
        | A::CardReissue
        | A::CardReissueReturn => card_action(app, user, a, action, get).await,
    }
}

/// An action on the case's current card: invalidation (citizenship), a revocation proposed and
/// countersigned by two supervisors, a reissue on a reported passport decided by an officer.
async fn card_action(
    app: &App,
    user: &User,
    a: &Application,
    action: CaseAction,
    get: impl Fn(&str) -> String,
) -> Result<(), AppError> {
    use crate::cards;
    // Who may act comes first (deny by default); then whether there is anything to act on.
    policy::check(user, action)?;
    let card = app
        .store
        .cards_of_application(a.id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::field("state", "no_card"))?;
    let open = |kind: &'static str| async move {
        let requests = app.store.card_requests(card.id).await?;
        requests
            .into_iter()
            .find(|r| r.kind == kind && r.decided_at.is_none())
            .ok_or_else(|| AppError::field("state", "nothing_open"))
    };
    match action {
        CaseAction::CardInvalidate => cards::invalidate(app, &user.into(), &card, &get("reference")).await.map(|_| ()),
        CaseAction::CardRevoke => {
            cards::propose_revocation(app, user, &card, &get("ground"), &get("reason")).await.map(|_| ())
        }
        CaseAction::CardCountersign | CaseAction::CardReturn => {
            let r = open("revocation").await?;
            cards::decide_revocation(app, user, &card, &r, action == CaseAction::CardCountersign).await.map(|_| ())
        }
        CaseAction::CardReissue | CaseAction::CardReissueReturn => {
            let r = open("reissue").await?;
            cards::decide_reissue(app, user, &card, a, &r, action == CaseAction::CardReissue).await.map(|_| ())
        }
        _ => Err(AppError::not_found()),
    }
}

/// What a supervisor (or auditor) sees of the work: counts by office and status, the office's overdue
/// cases, each officer's open cases, and working days from submission to decision.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Dashboard {
    /// Office, status, count (every office: aggregates only).
    pub counts: Vec<(String, String, i64)>,
    /// The office's overdue cases: id, reference, due date, working days overdue.
    pub overdue: Vec<(i64, Option<String>, String, i64)>,
    /// Officer's address and open cases they acted on last.
    pub load: Vec<(String, i64)>,
    /// Decided cases counted.
    pub decided: usize,
    /// Median working days from submission to decision.
    pub median_days: Option<i64>,
    /// 90th percentile of the same.
    pub p90_days: Option<i64>,
}

/// The nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    // Nearest rank: the smallest value with at least p of the values at or below it.
    let n = sorted.len();
    let i = (1..=n).find(|k| *k as f64 >= p * n as f64).unwrap_or(n);
    sorted.get(i.saturating_sub(1)).copied()
}

/// The dashboard of the caller's office (supervisors), or of `office` (auditors).
pub async fn dashboard(app: &App, user: &User, office: Option<&str>) -> Result<Dashboard, AppError> {
    policy::check_view(user, policy::View::Dashboard)?;
    let office = match user.role {
        SUPERVISOR => user.office.clone().ok_or_else(|| AppError::code(ErrorCode::Forbidden))?,
        AUDITOR => office.map(str::to_owned).or_else(|| user.office.clone()).unwrap_or_default(),
        _ => return Err(AppError::code(ErrorCode::Forbidden)),
    };
    let today = app.clock.today();
    let counts = app.store.status_counts().await?;
    let yesterday = (today - time::Duration::days(1)).to_string();
    let filter = QueueFilter {
        office: office.clone(),
        due_by: Some(yesterday),
        page: 1,
        per_page: 200,
        ..QueueFilter::default()
    };
    let overdue = app
        .store
        .queue(&filter)
        .await?
        .rows
        .into_iter()
        .filter_map(|a| {
            let due = a.due_on.clone()?;
            let late = -days_left(app, &due)?;
            Some((a.id, a.reference, due, late))
        })
        .collect();
    let day = |ts: i64| {
        time::OffsetDateTime::from_unix_timestamp(ts).ok().map(|t| t.to_offset(crate::clock::KZ_OFFSET).date())
    };
    let mut days: Vec<i64> = app
        .store
        .decision_times(&office)
        .await?
        .into_iter()
        .filter_map(|(s, d)| Some(app.calendar().working_days_between(day(s)?, day(d)?)))
        .collect();
    days.sort_unstable();
    Ok(Dashboard {
        counts,
        overdue,
        load: app.store.officer_load(&office).await?,
        decided: days.len(),
        median_days: percentile(&days, 0.5),
        p90_days: percentile(&days, 0.9),
    })
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!((percentile(&v, 0.5), percentile(&v, 0.9)), (Some(5), Some(9)));
        assert_eq!(percentile(&[4], 0.9), Some(4));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
