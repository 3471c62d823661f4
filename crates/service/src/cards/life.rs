//! The card's life: invalidation on Kazakh citizenship, revocation with a countersignature, expiry,
//! reissue on a new passport. Who may do what is decided here, deny by default.

use super::REGISTRY;
use crate::granting::{card_for, issue_in};
use domain::account::Role;
use domain::card::CardState;
use domain::case::CaseAction;

use domain::reference::Kind;
use store::{ApiKey, Application, Card, CardEvent, CardRequest, User, Work};

use crate::app::App;
use crate::error::{AppError, ErrorCode, InvalidField};

/// Who acts on a card.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The account (none for another system).
    pub id: Option<i64>,
    /// The role.
    pub role: String,
}

impl From<&User> for Actor {
    fn from(u: &User) -> Self {
        Actor { id: Some(u.id), role: u.role.as_str().to_owned() }
    }
}

impl From<&ApiKey> for Actor {
    fn from(k: &ApiKey) -> Self {
        Actor { id: None, role: k.role.clone() }
    }
}

fn event(app: &App, actor: &Actor, action: &str, note: Option<String>) -> CardEvent {
    CardEvent {
        at: app.clock.now().unix_timestamp(),
        actor_id: actor.id,
        actor_role: actor.role.clone(),
        action: action.to_owned(),
        from_state: String::new(),
        to_state: String::new(),
        note,
    }
}

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

/// A card an office's staff may act on: that of a case of their office.
pub async fn staff_card(app: &App, user: &User, number: &str) -> Result<(Card, Application), AppError> {
    let card = app.store.card_by_number(number).await?.ok_or_else(AppError::not_found)?;
    let a = crate::access::load_case(app, user, card.application_id).await?;
    crate::audit::read(app, user, a.id, crate::audit::Read::Card(card.id)).await?;
    Ok((card, a))
}

/// The holder's cards: those of their account and those of applications filed for them by an
/// intermediary under their verified address (the rule of [`crate::applications::load`]).
pub async fn holder_cards(app: &App, user: &User) -> Result<Vec<Card>, AppError> {
    if user.role != Role::Applicant {
        return Ok(Vec::new());
    }
    let email = user.verified_at.is_some().then_some(user.email.as_str());
    Ok(app.store.cards_of_holder(user.id, email).await?)
}

/// The holder's own card.
pub async fn holder_card(app: &App, user: &User, number: &str) -> Result<Card, AppError> {
    holder_cards(app, user).await?.into_iter().find(|c| c.number == number).ok_or_else(AppError::not_found)
}

/// What the holder may see of a card's history: its changes of state and their own requests, without
/// who in the office acted or the office's internal notes (a proposed revocation stays internal).
pub fn holder_events(events: Vec<CardEvent>) -> Vec<CardEvent> {
    const SHOWN: [&str; 7] =
        ["issue", "invalidate", "revoke", "expire", "reissue", "report_passport", "return_reissue"];
    events
        .into_iter()
        .filter(|e| SHOWN.contains(&e.action.as_str()))
        .map(|e| CardEvent { actor_id: None, note: None, ..e })
        .collect()
}

fn notice(app: &App, a: Option<&Application>, card: &Card, what: &str) -> Notice {
    let lang = a.and_then(|a| domain::Lang::parse(&a.lang)).unwrap_or_default();
    let link = format!("{}/account/cards/{}", app.settings.public_url.trim_end_matches('/'), card.number);
    let args = [("number", card.number.clone()), ("link", link)];
    let subject = app.i18n.message(lang, &format!("card-notice-{what}-subject"), &args);
    let body = app.i18n.message(lang, &format!("card-notice-{what}-body"), &args);
    let mut jobs = Vec::new();
    if let Some(to) = a.and_then(|a| a.applicant_email.clone()) {
        let m = crate::mail::Email { to, subject: subject.clone(), body: body.clone() };
        let dedup = format!("card:{}:{what}:{}", card.id, app.clock.now().unix_timestamp());
        jobs.push(crate::jobs::email_job(
            &m,
            app.clock.now().unix_timestamp(),
            Some(dedup),
            app.settings.mail.max_attempts,
        ));
    }
    (jobs, Some((subject, body)), a.cloned())
}

/// A card's notice: the e-mails, the inbox message, and the application (the office that filed it
/// gets a copy).
type Notice = (Vec<store::NewJob>, Option<(String, String)>, Option<Application>);

/// Opens a unit of work with the card locked in it; refused (409) when its state is no longer as seen.
async fn lock_card(app: &App, seen: &Card) -> Result<Box<dyn Work>, AppError> {
    let mut work = app.store.begin().await?;
    let card = work.card(seen.id).await?.ok_or_else(AppError::not_found)?;
    if card.state != seen.state {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    Ok(work)
}

/// Moves the locked card from `from` to `to`; refused (409) when it is no longer in `from`.
async fn move_card(work: &mut dyn Work, card: &Card, to: CardState, note: &str, at: i64) -> Result<(), AppError> {
    if work.set_card_state(card.id, card.state, to, Some(note), at).await? {
        Ok(())
    } else {
        Err(AppError::code(ErrorCode::Conflict))
    }
}

/// Writes the card's audit event (`to` its state after) and notices.
async fn record(
    app: &App,
    work: &mut dyn Work,
    card: &Card,
    to: CardState,
    event: CardEvent,
    (jobs, inbox, a): Notice,
) -> Result<(), AppError> {
    let event = CardEvent { from_state: card.state.as_str().to_owned(), to_state: to.as_str().to_owned(), ..event };
    work.card_event(card.id, &event).await?;
    for job in &jobs {
        work.enqueue(job, event.at).await?;
    }
    if let (Some((subject, body)), Some(a)) = (&inbox, &a) {
        let key = format!("card:{}:{}:{}", card.id, event.action, event.at);
        crate::office::copy_to_office(app, work, a, (subject, body), event.at, &key, true).await?;
    }
    if let (Some((subject, body)), Some(holder)) = (inbox, card.holder_id) {
        work.inbox(holder, &subject, &body, event.at).await?;
    }
    Ok(())
}

/// [`record`]s the change and commits; returns the card as changed.
async fn finish(
    app: &App,
    mut work: Box<dyn Work>,
    card: &Card,
    to: CardState,
    event: CardEvent,
    notices: Notice,
) -> Result<Card, AppError> {
    record(app, work.as_mut(), card, to, event, notices).await?;
    let changed = work.card(card.id).await?.ok_or_else(|| AppError::internal(&"card vanished"))?;
    work.commit().await?;
    app.cards.changed();
    Ok(changed)
}

/// Invalidates a valid card because its holder acquired Kazakh citizenship; `reference` names the
/// decree or the registry's record. Already invalidated: returned unchanged (the registry may retry).
pub async fn invalidate(app: &App, actor: &Actor, card: &Card, reference: &str) -> Result<Card, AppError> {
    let reference = reference.trim();
    if reference.is_empty() || reference.chars().count() > 200 {
        return Err(AppError::field("reference", "decree_required"));
    }
    if card.state == CardState::Invalidated {
        return Ok(card.clone());
    }
    if card.state != CardState::Valid {
        return Err(AppError::field("state", "wrong_state"));
    }
    let a = app.store.application(card.application_id).await?;
    let notices = notice(app, a.as_ref(), card, "invalidated");
    let e = event(app, actor, "invalidate", Some(reference.to_owned()));
    let mut work = lock_card(app, card).await?;
    move_card(work.as_mut(), card, CardState::Invalidated, reference, e.at).await?;
    finish(app, work, card, CardState::Invalidated, e, notices).await
}

/// A supervisor proposes revoking a card on a ground of the reference list, with a written reason;
/// it takes effect when another supervisor countersigns.
pub async fn propose_revocation(
    app: &App,
    user: &User,
    card: &Card,
    ground: &str,
    reason: &str,
) -> Result<i64, AppError> {
    crate::policy::check(user, CaseAction::CardRevoke)?;
    let today = app.clock.today();
    let mut problems = Vec::new();
    if app.catalog.in_force(Kind::RevocationGround, today).is_none_or(|l| l.item(ground).is_none()) {
        problems.push(field("revocation_ground", "unknown"));
    }
    if reason.trim().is_empty() || reason.chars().count() > 2000 {
        problems.push(field("reason", "required"));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let payload = serde_json::json!({ "ground": ground, "reason": reason.trim() });
    let note = format!("ground {ground}: {}", reason.trim());
    app.store
        .add_card_request(
            card.id,
            "revocation",
            &payload,
            Some(user.id),
            &event(app, &user.into(), "propose_revocation", Some(note)),
        )
        .await?
        .ok_or_else(|| AppError::field("state", "wrong_state"))
}

/// Whether `user` may take `action` on `request`: an open request of `kind` on `card`.
fn deciding(user: &User, action: CaseAction, card: &Card, request: &CardRequest, kind: &str) -> Result<(), AppError> {
    crate::policy::check(user, action)?;
    if request.card_id != card.id || request.kind != kind || request.decided_at.is_some() {
        return Err(AppError::not_found());
    }
    Ok(())
}

/// Another supervisor countersigns a proposed revocation (the card is revoked) or returns it.
pub async fn decide_revocation(
    app: &App,
    user: &User,
    card: &Card,
    request: &CardRequest,
    agree: bool,
) -> Result<Card, AppError> {
    deciding(
        user,
        if agree { CaseAction::CardCountersign } else { CaseAction::CardReturn },
        card,
        request,
        "revocation",
    )?;
    if request.requested_by == Some(user.id) {
        return Err(AppError::field("countersign", "own_proposal"));
    }
    let ground = request.payload.get("ground").and_then(|g| g.as_str()).unwrap_or_default().to_owned();
    let a = app.store.application(card.application_id).await?;
    let (to, action, outcome, notices) = if agree {
        (CardState::Revoked, "revoke", "approved", notice(app, a.as_ref(), card, "revoked"))
    } else {
        (card.state, "return_revocation", "returned", (Vec::new(), None, None))
    };
    let note = format!("ground {ground}");
    let e = event(app, &user.into(), action, Some(note.clone()));
    let mut work = lock_card(app, card).await?;
    if !work.close_card_request(request.id, card.id, outcome, Some(user.id), e.at).await? {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    if agree {
        move_card(work.as_mut(), card, to, &note, e.at).await?;
    }
    finish(app, work, card, to, e, notices).await
}

/// The new passport a holder reports.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct NewPassport {
    /// Its number.
    #[serde(default)]
    pub passport_number: String,
    /// Issue date (ISO).
    #[serde(default)]
    pub passport_issued: String,
    /// Expiry date (ISO).
    #[serde(default)]
    pub passport_expires: String,
}

/// The holder reports a new passport; an officer checks it before a new card is issued.
pub async fn report_passport(app: &App, user: &User, card: &Card, p: &NewPassport) -> Result<i64, AppError> {
    let today = app.clock.today();
    let mut problems = Vec::new();
    let number = p.passport_number.trim().to_uppercase();
    if number.len() < 5 || number.len() > 20 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        problems.push(field("passport_number", "invalid_passport_number"));
    } else if number == card.passport_number.to_uppercase() {
        problems.push(field("passport_number", "same"));
    }
    let issued = domain::reference::parse_iso_date(p.passport_issued.trim());
    match issued {
        None => problems.push(field("passport_issued", "invalid_date")),
        Some(d) if d > today => problems.push(field("passport_issued", "in_future")),
        Some(_) => {}
    }
    match domain::reference::parse_iso_date(p.passport_expires.trim()) {
        None => problems.push(field("passport_expires", "invalid_date")),
        Some(d) if d <= today => problems.push(field("passport_expires", "passport_expired")),
        Some(_) => {}
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let payload = serde_json::json!({
        "passport_number": number,
        "passport_issued": p.passport_issued.trim(),
        "passport_expires": p.passport_expires.trim(),
    });
    app.store
        .add_card_request(
            card.id,
            "reissue",
            &payload,
            Some(user.id),
            &event(app, &user.into(), "report_passport", Some(number)),
        )
        .await?
        .ok_or_else(|| AppError::field("state", "wrong_state"))
}

/// An officer of the case's office checks a reported passport: on approval a new card is issued on
/// it and the old one is superseded, in one transaction; otherwise the request is returned.
pub async fn decide_reissue(
    app: &App,
    user: &User,
    card: &Card,
    a: &Application,
    request: &CardRequest,
    agree: bool,
) -> Result<Card, AppError> {
    deciding(
        user,
        if agree { CaseAction::CardReissue } else { CaseAction::CardReissueReturn },
        card,
        request,
        "reissue",
    )?;
    let requests = app.store.card_requests(card.id).await?;
    if requests.iter().any(|r| r.kind == "revocation" && r.decided_at.is_none()) {
        return Err(AppError::field("state", "revocation_pending"));
    }
    let text = |k: &str| request.payload.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let number = text("passport_number");
    let e = event(app, &user.into(), if agree { "reissue" } else { "return_reissue" }, Some(number.clone()));
    let outcome = if agree { "approved" } else { "returned" };
    let mut work = lock_card(app, card).await?;
    if !work.close_card_request(request.id, card.id, outcome, Some(user.id), e.at).await? {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    if !agree {
        return finish(app, work, card, card.state, e, notice(app, Some(a), card, "reissue-returned")).await;
    }
    let mut renewed = a.clone();
    let mut answers = crate::access::answers(a);
    answers.passport_number = number.clone();
    answers.passport_issued = text("passport_issued");
    answers.passport_expires = text("passport_expires");
    renewed.answers = serde_json::to_value(&answers).map_err(|e| AppError::internal(&e))?;
    let new_card = card_for(app, &renewed)?;
    move_card(work.as_mut(), card, CardState::Superseded, &format!("new passport {number}"), e.at).await?;
    issue_in(app, work.as_mut(), &new_card, Some(card.id), &e).await?;
    finish(app, work, card, CardState::Superseded, e, notice(app, Some(a), card, "reissued")).await
}

/// Marks cards past their last day as expired (the worker runs it with the deadline sweep).
pub async fn expire(app: &App) -> Result<usize, store::StoreError> {
    let cards = app.store.expire_cards(app.clock.now().unix_timestamp()).await?;
    if !cards.is_empty() {
        app.cards.changed();
    }
    Ok(cards.len())
}

/// What a registry report did: the report as kept, and the person's cards after it.
#[derive(Debug, Clone)]
pub struct Reported {
    /// The report (the standing one, when the registry repeats itself).
    pub report: store::CitizenshipReport,
    /// The person's cards (valid or invalidated), after the report.
    pub cards: Vec<Card>,
}

fn registry_input(key: &ApiKey, iin: &str, reference: &str) -> Result<(String, String), AppError> {
    if key.role != REGISTRY {
        return Err(AppError::code(ErrorCode::Forbidden));
    }
    let mut problems = Vec::new();
    let iin = domain::iin::Iin::parse(iin).map_err(|p| problems.push(field("iin", p.as_str()))).ok();
    let reference = reference.trim();
    if reference.is_empty() || reference.chars().count() > 200 {
        problems.push(field("reference", "decree_required"));
    }
    match iin {
        Some(iin) if problems.is_empty() => Ok((iin.as_string(), reference.to_owned())),
        _ => Err(AppError::invalid(problems)),
    }
}

/// The registry reports that the person with this IIN acquired Kazakh citizenship. The report is kept
/// by IIN whether or not a card exists yet, so that a case with that IIN can no longer be granted; each
/// valid card of the person is invalidated with it, in one transaction. A repeated report changes
/// nothing and answers as the first did.
pub async fn citizenship_acquired(app: &App, key: &ApiKey, iin: &str, reference: &str) -> Result<Reported, AppError> {
    let (iin, reference) = registry_input(key, iin, reference)?;
    let mut work = app.store.begin().await?;
    // A grant of the same person on another instance commits first (its card is invalidated below) or
    // sees this report.
    work.lock_person(&iin).await?;
    let e = event(app, &key.into(), "invalidate", Some(reference.clone()));
    let report = match work.add_report(&iin, &reference, &key.name, e.at).await? {
        Ok(new) => new,
        Err(standing) => standing,
    };
    for seen in app.store.cards_by_iin(&iin).await? {
        let Some(card) = work.card(seen.id).await? else { continue };
        if card.state != CardState::Valid {
            continue;
        }
        let a = app.store.application(card.application_id).await?;
        let notices = notice(app, a.as_ref(), &card, "invalidated");
        move_card(work.as_mut(), &card, CardState::Invalidated, &report.reference, e.at).await?;
        record(app, work.as_mut(), &card, CardState::Invalidated, e.clone(), notices).await?;
    }
    work.commit().await?;
    app.cards.changed();
    Ok(Reported { cards: app.store.cards_by_iin(&iin).await?, report })
}

/// The registry withdraws its report for this IIN (a correction: the person did not become a citizen).
/// The report stays, marked withdrawn; each card the report invalidated is valid again, with an audit
/// event naming the correction, unless the person holds another valid card by now (refused, 422).
pub async fn citizenship_withdrawn(app: &App, key: &ApiKey, iin: &str, reference: &str) -> Result<Reported, AppError> {
    let (iin, reference) = registry_input(key, iin, reference)?;
    let mut work = app.store.begin().await?;
    let report = work.standing_report(&iin).await?.ok_or_else(AppError::not_found)?;
    let e = event(app, &key.into(), "reinstate", Some(format!("{} withdrawn: {reference}", report.reference)));
    if !work.withdraw_report(&iin, &reference, e.at).await? {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    for seen in app.store.cards_by_iin(&iin).await? {
        let Some(card) = work.card(seen.id).await? else { continue };
        if card.state != CardState::Invalidated || card.state_note.as_deref() != Some(report.reference.as_str()) {
            continue;
        }
        reinstate(app, work.as_mut(), &card, e.clone()).await?;
    }
    work.commit().await?;
    app.cards.changed();
    let report = store::CitizenshipReport { withdrawn_at: Some(e.at), withdrawn_reference: Some(reference), ..report };
    Ok(Reported { cards: app.store.cards_by_iin(&iin).await?, report })
}

/// Makes a revoked card valid again inside `work`: a complaint against its revocation was satisfied.
/// Its audit event names the complaint's step; the holder is told. The caller commits.
pub(crate) async fn reinstate_in(
    app: &App,
    work: &mut dyn Work,
    card_id: i64,
    by: &User,
    note: &str,
) -> Result<(), AppError> {
    let card = work.card(card_id).await?.ok_or_else(AppError::not_found)?;
    if card.state != CardState::Revoked {
        return Err(AppError::field("card", "not_revoked"));
    }
    reinstate(app, work, &card, event(app, &by.into(), "reinstate", Some(note.to_owned()))).await
}

/// Makes the locked `card` valid again, with the event `e` (its note the card's note) and the holder's
/// notice; refused when the person holds another valid card by now (the database's own guard).
async fn reinstate(app: &App, work: &mut dyn Work, card: &Card, e: CardEvent) -> Result<(), AppError> {
    let note = e.note.clone().unwrap_or_default();
    match work.set_card_state(card.id, card.state, CardState::Valid, Some(&note), e.at).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::code(ErrorCode::Conflict)),
        Err(store::StoreError::Conflict(_)) => return Err(AppError::field("card", "holds_valid_card")),
        Err(other) => return Err(other.into()),
    }
    let a = app.store.application(card.application_id).await?;
    let notices = notice(app, a.as_ref(), card, "reinstated");
    record(app, work, card, CardState::Valid, e, notices).await
}
