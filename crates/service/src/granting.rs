//! Granting, from the officer's decision to the card's signed credential, in one file: the officer's
//! grant (`grant`, countersigned when a check answered "adverse information"), what every grant needs
//! (`grant_allowed`: for the officer, the supervisor's countersignature and the higher body on a
//! complaint alike), the card a grant issues (`card_for`) and its issue in the grant's unit of work
//! (`issue`, `issue_in`: serial, signature, row). The rules themselves are `domain::case::GrantFacts`
//! and `domain::card::validity`; the store records. Below every use case that grants or reissues, so
//! that none of them imports another.

use credential::{CardClaims, CardNumber, Citizenship, StatusReference};
use domain::application::Action;
use domain::card::CardState;
use domain::case::CaseAction;
use domain::reference::Kind;
use store::{Application, CardEvent, Event, NewCard, Signed, User};
use time::{Date, OffsetDateTime};

use crate::app::App;
use crate::clock::KZ_OFFSET;
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::policy;
use crate::step::Move;

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

/// What the law requires before a grant, read under the case's lock: every document reviewed and
/// accepted, nothing open for correction, no citizenship reported for the IIN, no other valid card of
/// the person (the database refuses a second one too, should two grants race).
pub async fn grant_allowed(app: &App, step: &mut Move, card: &store::NewCard) -> Result<(), AppError> {
    let mut docs = app.store.documents(step.app.id).await?;
    // Files attached to an answer are evidence read with it, not documents of the checklist.
    docs.retain(|d| d.item != crate::hearings::RESPONSE_ITEM);
    let reviews = app.store.reviews(step.app.id).await?;
    let verdict = |id: i64| reviews.iter().find(|r| r.document_id == id).map(|r| r.verdict.as_str());
    // The person is held first: a registry report of them on another instance waits for this grant's
    // commit (and then invalidates its card), or this grant sees the report.
    if let Some(iin) = step.app.iin.clone() {
        step.work.lock_person(&iin).await?;
    }
    let facts = domain::case::GrantFacts {
        unreviewed: docs.iter().filter(|d| verdict(d.id).is_none()).count(),
        rejected: docs.iter().filter(|d| verdict(d.id) == Some("rejected")).count(),
        reopened: step.app.reopened.len(),
        citizen: match step.app.iin.as_deref() {
            Some(iin) => step.work.standing_report(iin).await?.is_some(),
            None => false,
        },
        holds_card: !step
            .work
            .valid_cards_of(card.iin.as_deref(), &card.citizenship, &card.passport_number)
            .await?
            .is_empty(),
    };
    let problems = facts.problems();
    if problems.is_empty() { Ok(()) } else { Err(AppError::invalid(problems.into_iter().map(|(f, p)| field(f, p)))) }
}

/// Issues `card` in the move to "granted" and finishes it.
pub async fn issue(app: &App, mut step: Move, card: &store::NewCard, event: &Event) -> Result<Application, AppError> {
    let issue = issue_event(event, step.app.reference.clone());
    let serial = issue_in(app, step.work.as_mut(), card, None, &issue).await?;
    let number = u32::try_from(serial)
        .ok()
        .and_then(|s| credential::CardNumber::from_serial(s).ok())
        .ok_or_else(|| AppError::internal(&"card serial out of range"))?;
    step.letter = Some(Box::new(crate::letters::grant(app, &step.app, card, number.as_str())));
    let granted = step.finish(app, event).await?;
    app.cards.changed();
    Ok(granted)
}

/// What a decision relied on, written into its audit event.
pub(crate) fn relied_on(app: &App, today: Date) -> String {
    let versions: Vec<String> =
        crate::letters::rules_in_force(app, today).into_iter().map(|r| format!("{}={}", r.list, r.version)).collect();
    format!("rules: {}; decided on {today}", versions.join(", "))
}

/// Whether a background check answered "adverse information".
async fn adverse(app: &App, id: i64) -> Result<bool, AppError> {
    Ok(app.store.checks(id).await?.iter().any(|c| c.result.as_deref() == Some("adverse")))
}

/// Grants the card. Over an adverse background-check answer the officer cannot grant alone: the grant
/// is proposed with a written `reason`, and takes effect when a supervisor countersigns it.
pub async fn grant(app: &App, officer: &User, a: &Application, reason: &str) -> Result<Application, AppError> {
    policy::check(officer, CaseAction::Grant)?;
    let note = relied_on(app, app.clock.today());
    let card = crate::cards::card_for(app, a)?;
    if adverse(app, a.id).await? {
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 4000 {
            return Err(AppError::field("reason", "adverse_needs_reason"));
        }
        let mut step = Move::begin(app, a, Action::ProposeGrant).await?;
        grant_allowed(app, &mut step, &card).await?;
        // The decision's deadline runs on while the supervisor considers it.
        step.change.due_on = step.app.due_on.clone();
        let note = format!("over adverse information: {reason}; {note}");
        let event = step.event(Some(officer), officer.role.as_str(), "propose_grant", Some(note));
        return step.finish(app, &event).await;
    }
    let mut step = Move::begin(app, a, Action::Grant).await?;
    grant_allowed(app, &mut step, &card).await?;
    let event = step.event(Some(officer), officer.role.as_str(), "grant", Some(note));
    issue(app, step, &card, &event).await
}

/// The card a grant of `a` issues now. Refused when the passport has expired, the answers cannot
/// make a card, or no signing key here covers now.
pub fn card_for(app: &App, a: &Application) -> Result<NewCard, AppError> {
    let answers = crate::access::answers(a);
    let today = app.clock.today();
    let passport = domain::reference::parse_iso_date(&answers.passport_expires)
        .ok_or_else(|| AppError::field("passport_expires", "required"))?;
    let (from, until) = domain::card::validity(today, passport)
        .ok_or_else(|| AppError::field("passport_expires", "passport_expired"))?;
    let alpha3 = app
        .catalog
        .in_force(Kind::Country, today)
        .and_then(|l| l.item(&answers.citizenship))
        .and_then(|i| i.code.clone())
        .ok_or_else(|| AppError::field("citizenship", "unknown"))?;
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let now = app.clock.now().replace_nanosecond(0).unwrap_or_else(|_| app.clock.now());
    if app.cards.ring().signer_at(now).is_none() {
        tracing::error!("no signing key here covers now: cards cannot be issued");
        return Err(AppError::code(ErrorCode::Unavailable));
    }
    let card = NewCard {
        application_id: a.id,
        holder_id: a.owner_id,
        family_name: answers.surname_latin.trim().to_uppercase(),
        given_names: answers.given_names_latin.trim().to_uppercase(),
        family_name_kk: opt(&answers.surname_kk),
        given_names_kk: opt(&answers.given_names_kk),
        birth_date: answers.birth_date.clone(),
        citizenship: alpha3,
        passport_number: answers.passport_number.trim().to_uppercase(),
        iin: a.iin.clone(),
        passport_expires: answers.passport_expires.clone(),
        valid_from: from.to_string(),
        valid_until: until.to_string(),
        issued_at: now.unix_timestamp(),
        expires_at: midnight(until.next_day().unwrap_or(until)).unix_timestamp(),
    };
    Ok(card)
}

/// The `issue` entry of a new card's trail, by whoever took the decision `event` records; `note` says
/// why (the application's reference, or the card it replaces).
pub fn issue_event(event: &store::Event, note: Option<String>) -> CardEvent {
    CardEvent {
        at: event.at,
        actor_id: event.actor_id,
        actor_role: event.actor_role.clone(),
        action: "issue".into(),
        from_state: String::new(),
        to_state: CardState::Valid.as_str().to_owned(),
        note,
    }
}

/// Issues `card` in the unit of work `work`: allocates its serial, signs its credential with this
/// instance's key for the issue time, and stores it (replacing card `replaces`, if any). Returns the
/// serial.
pub async fn issue_in(
    app: &App,
    work: &mut dyn store::Work,
    card: &NewCard,
    replaces: Option<i64>,
    event: &CardEvent,
) -> Result<i64, AppError> {
    let serial = work.card_serial(card.issued_at).await?;
    let signed = sign(app, serial, card).map_err(|e| AppError::internal(&e))?;
    match work.insert_card(serial, card, &signed, replaces, event).await {
        Ok(()) => Ok(serial),
        // The database's own guard: another valid card of the person was issued meanwhile.
        Err(store::StoreError::Conflict(_)) => Err(AppError::field("card", "holds_valid_card")),
        Err(e) => Err(e.into()),
    }
}

/// The credential of card `serial`: its number, the key that signs it and its QR text.
fn sign(app: &App, serial: i64, c: &NewCard) -> Result<Signed, String> {
    let ring = app.cards.ring();
    let number =
        CardNumber::from_serial(u32::try_from(serial).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let (list_id, idx) = store::list_slot(serial);
    let issued_at = OffsetDateTime::from_unix_timestamp(c.issued_at).map_err(|e| e.to_string())?;
    let key = ring.signer_at(issued_at).ok_or("no signing key covers the issue time")?;
    let parse = |d: &str| domain::reference::parse_iso_date(d).ok_or_else(|| format!("bad date {d}"));
    let claims = CardClaims {
        issuer: "KZ".into(),
        card_number: number.clone(),
        family_name: c.family_name.clone(),
        given_names: c.given_names.clone(),
        family_name_cyrillic: c.family_name_kk.clone(),
        given_names_cyrillic: c.given_names_kk.clone(),
        birth_date: parse(&c.birth_date)?,
        citizenship: Citizenship::parse(&c.citizenship).ok_or("bad citizenship")?,
        issued_at,
        not_before: midnight(parse(&c.valid_from)?),
        expires_at: OffsetDateTime::from_unix_timestamp(c.expires_at).map_err(|e| e.to_string())?,
        status: StatusReference { idx: u64::try_from(idx).map_err(|e| e.to_string())?, uri: list_uri(app, list_id) },
    };
    let qr_text = credential::issue(&claims, key).map_err(|e| e.to_string())?;
    Ok(Signed { number: number.as_str().to_owned(), kid: key.kid().to_hex(), qr_text })
}

fn midnight(day: Date) -> OffsetDateTime {
    day.midnight().assume_offset(KZ_OFFSET)
}

/// The absolute URL of status list `id`.
pub fn list_uri(app: &App, id: i64) -> String {
    status_uri(&app.settings.public_url, id)
}

fn status_uri(public_url: &str, id: i64) -> String {
    format!("{}/api/v1/status-lists/{id}", public_url.trim_end_matches('/'))
}
