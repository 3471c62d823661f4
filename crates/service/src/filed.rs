//! Applications filed for someone by an office (an embassy, a regional department, the Otandastar
//! Foundation), decision 0028: every notice of such an application is copied into the office's shared
//! inbox (every intermediary of the office sees it) and, when the office asked for copies, by e-mail
//! to the office's address; the office issues a claim code, shown once on the receipt and kept as its
//! SHA-256 only, with which the applicant takes the application into their own account.

use domain::account::Role;
use domain::application::Status;
use store::{Application, Event, OfficeNotice, User};

use crate::app::App;
use crate::applications::{Access, Capacity};
use crate::auth::{digest, same};
use crate::error::{AppError, ErrorCode};
use crate::limits;
pub use crate::office::{copy_to_office, filing_office, office_addresses};

/// The notices in the shared inbox of the caller's office, newest first (intermediaries only).
pub async fn office_inbox(app: &App, user: &User) -> Result<Vec<OfficeNotice>, AppError> {
    if !crate::applications::is_intermediary(user) {
        return Err(AppError::code(ErrorCode::Forbidden));
    }
    let office = user.office.as_deref().unwrap_or_default();
    Ok(app.store.office_inbox(office, 500).await?)
}

/// The symbols of a claim code: Crockford's Base32 (no I, L, O, U), 5 bits each.
const SYMBOLS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Symbols in a claim code: 20 × 5 = 100 random bits.
const CODE_LEN: usize = 20;

/// A new claim code, in groups of four (`7KQ2-M9XD-…`), 100 random bits.
fn new_code() -> Result<String, AppError> {
    let mut buf = [0u8; CODE_LEN];
    getrandom::fill(&mut buf).map_err(|e| AppError::internal(&e))?;
    let symbols: Vec<char> =
        buf.iter().filter_map(|b| SYMBOLS.get(usize::from(b & 31))).map(|s| char::from(*s)).collect();
    Ok(symbols.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

/// A claim code as typed, in the form its hash is taken of: capitals, no spaces or dashes, and the
/// letters that look like digits read as those digits (O → 0, I and L → 1).
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// What the receipt says of the claim code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimState {
    /// The application is no office's (or the applicant owns it from the start).
    NotFiled,
    /// No code yet.
    NoCode,
    /// A code was issued at this time and not used.
    Issued(i64),
    /// The applicant took the application into their account at this time.
    Claimed(i64),
}

/// Where the application's claim stands.
pub async fn claim_state(app: &App, a: &Application) -> Result<ClaimState, AppError> {
    if filing_office(a).is_none() {
        return Ok(ClaimState::NotFiled);
    }
    Ok(match app.store.claim_code(a.id).await? {
        Some(c) => c.used_at.map_or(ClaimState::Issued(c.issued_at), ClaimState::Claimed),
        None => ClaimState::NoCode,
    })
}

/// Issues a claim code for an application the caller's office filed and submitted, replacing one not
/// yet used (the old one stops working). Returns the code: it is shown once and kept as its hash only.
pub async fn issue_claim_code(app: &App, access: &Access, actor: &User) -> Result<String, AppError> {
    if access.role != Capacity::Intermediary {
        return Err(AppError::field("claim_code", "office_only"));
    }
    let at = app.clock.now().unix_timestamp();
    let (mut work, a) = crate::step::lock(app, access.app.id).await?;
    if a.owner_id.is_some() {
        return Err(AppError::field("claim_code", "claimed"));
    }
    if a.reference.is_none() || a.status == Status::Draft.as_str() {
        return Err(AppError::field("claim_code", "not_submitted"));
    }
    let code = new_code()?;
    if !work.set_claim_code(a.id, &digest(&normalize_code(&code)), actor.id, at).await? {
        return Err(AppError::field("claim_code", "claimed"));
    }
    let event = Event {
        at,
        actor_id: Some(actor.id),
        actor_role: Capacity::Intermediary.as_str().to_owned(),
        office: actor.office.clone(),
        action: "issue_claim_code".into(),
        from_status: a.status.clone(),
        to_status: a.status.clone(),
        note: None,
    };
    work.event(a.id, &event).await?;
    work.commit().await?;
    Ok(code)
}

/// The applicant, signed in with their own account, takes the application with this reference number
/// into it with its claim code: they become its owner (its inbox and notices from then on go to them;
/// the office keeps its copies), and the holder of its card if one was issued. A wrong code (or a
/// reference with no code) is refused with nothing changed and counted ([`limits::CLAIM`]); a used
/// code is refused as used. Every claim is an audit event.
pub async fn claim(app: &App, user: &User, reference: &str, code: &str) -> Result<Application, AppError> {
    if user.role != Role::Applicant {
        return Err(AppError::code(ErrorCode::Forbidden));
    }
    let reference = reference.trim().to_uppercase();
    let code = normalize_code(code);
    let mut problems = Vec::new();
    if reference.is_empty() {
        problems.push(crate::InvalidField { field: "application_reference".into(), problem: "required" });
    } else if !domain::application::is_reference_number(&reference) {
        problems.push(crate::InvalidField { field: "application_reference".into(), problem: "invalid_reference" });
    }
    if code.is_empty() {
        problems.push(crate::InvalidField { field: "claim_code".into(), problem: "required" });
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let attempt = limits::take(app, limits::CLAIM, &user.id.to_string(), Some(("claim_code", "too_many"))).await?;
    let no_match = || AppError::field("claim_code", "no_match");
    let Some(seen) = app.store.application_by_reference(&reference).await? else { return Err(no_match()) };
    let hash = digest(&code);
    let Some(kept) = app.store.claim_code(seen.id).await? else { return Err(no_match()) };
    if !same(&kept.code_hash, &hash) {
        return Err(no_match());
    }
    // The right code: not a guess, whatever comes next (taken back before the write lock is held).
    attempt.give_back(app).await?;
    if kept.used_at.is_some() || seen.owner_id.is_some() {
        return Err(AppError::field("claim_code", "used"));
    }
    let at = app.clock.now().unix_timestamp();
    let (mut work, a) = crate::step::lock(app, seen.id).await?;
    // Under the lock the code must still be this one and unused, and the application nobody's.
    if !work.take_application(a.id, &hash, user.id, &user.email, at).await? {
        return Err(AppError::field("claim_code", "used"));
    }
    let event = Event {
        at,
        actor_id: Some(user.id),
        actor_role: Capacity::Applicant.as_str().to_owned(),
        office: None,
        action: "claim".into(),
        from_status: a.status.clone(),
        to_status: a.status.clone(),
        note: None,
    };
    // The office hears that the applicant has the application in their own account now.
    let lang = domain::Lang::parse(&a.lang).unwrap_or_default();
    let args = [("reference", reference.clone())];
    let subject = app.i18n.message(lang, "filed-claimed-subject", &args);
    let body = app.i18n.message(lang, "filed-claimed-body", &args);
    copy_to_office(app, work.as_mut(), &a, (&subject, &body), at, &format!("claim:{}:{at}", a.id), false).await?;
    let changed = work.application(a.id).await?.ok_or_else(|| AppError::internal(&"application vanished"))?;
    work.event(a.id, &event).await?;
    work.commit().await?;
    Ok(changed)
}

/// The application's card (its newest), for its applicant or the office that filed it to print; the
/// office's look is recorded, as every staff read is, for the applicant to see.
pub async fn card_of(app: &App, access: &Access, user: &User) -> Result<store::Card, AppError> {
    let cards = app.store.cards_of_application(access.app.id).await?;
    let card = cards.into_iter().max_by_key(|c| c.id).ok_or_else(AppError::not_found)?;
    if access.role == Capacity::Intermediary {
        crate::audit::read(app, user, access.app.id, crate::audit::Read::Card(card.id)).await?;
    }
    Ok(card)
}

#[cfg(test)]
mod tests {
    use super::{CODE_LEN, new_code, normalize_code};

    #[test]
    fn codes_are_long_random_and_typed_back_in_any_form() {
        let a = new_code().expect("code");
        let b = new_code().expect("code");
        assert_ne!(a, b);
        assert_eq!(normalize_code(&a).len(), CODE_LEN);
        assert_eq!(a.len(), CODE_LEN + CODE_LEN / 4 - 1, "groups of four");
        assert_eq!(normalize_code(&a.to_lowercase().replace('-', " ")), normalize_code(&a));
        assert_eq!(normalize_code("o1-Il"), "0111");
    }
}
