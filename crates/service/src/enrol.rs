//! A staff member's enrolment: through the single-use link an administrator had sent, the person sets
//! their own password and second factor (a TOTP secret shown to them once, confirmed with a code).
//! Nobody else ever sees either. A link that is unknown, used or past its 24 hours changes nothing.
//!
//! The page carries the secret it showed to its form sealed under the secrets key and bound to the
//! link's token (`enrol:<token hash>`), so the form cannot be given a secret the service did not make
//! for that link, and nothing is written before the person confirms.

use store::{Enrolment, Session, SessionKind, TokenPurpose, User};

use crate::app::App;
use crate::auth::{self, digest};
use crate::error::{AppError, InvalidField};

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

fn invalid_link() -> AppError {
    AppError::field("token", "invalid_token")
}

fn place(token: &str) -> String {
    format!("enrol:{}", digest(token))
}

/// What the enrolment page shows: whose account, and the new second factor.
#[derive(Debug, Clone)]
pub struct EnrolPage {
    /// The account enrolling.
    pub user: User,
    /// The TOTP secret (Base32), to type into an authenticator app.
    pub secret: String,
    /// The same as an `otpauth://` URI (for the QR code).
    pub uri: String,
    /// The secret sealed for the form (a hidden field).
    pub sealed: String,
}

async fn owner(app: &App, token: &str) -> Result<User, AppError> {
    if token.is_empty() {
        return Err(invalid_link());
    }
    let t = app.clock.now().unix_timestamp();
    app.store
        .user_for_token(&digest(token), TokenPurpose::Enrol, t)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or_else(invalid_link)
}

/// The enrolment page for a link: a fresh second factor, or, when the form comes back with problems,
/// the one it showed (`sealed`), so the person's authenticator app keeps the code it already has.
pub async fn page(app: &App, token: &str, sealed: Option<&str>) -> Result<EnrolPage, AppError> {
    let user = owner(app, token).await?;
    let keys = &app.settings.secrets_keys;
    let secret = match sealed.and_then(|s| crate::secrets::open(keys, &place(token), s).ok()) {
        Some(s) if s.len() == 20 => s,
        _ => {
            let mut s = vec![0u8; 20];
            getrandom::fill(&mut s).map_err(|e| AppError::internal(&e))?;
            s
        }
    };
    let sealed = crate::secrets::seal(keys, &place(token), &secret)?;
    Ok(EnrolPage { uri: domain::totp::uri(&secret, &user.email), secret: domain::totp::base32(&secret), sealed, user })
}

/// What the person types on the enrolment page.
#[derive(Debug, Clone, Copy)]
pub struct EnrolForm<'a> {
    /// The link's token.
    pub token: &'a str,
    /// The new password.
    pub password: &'a str,
    /// Its confirmation.
    pub confirm: &'a str,
    /// The second factor the page showed, sealed.
    pub sealed: &'a str,
    /// A code from the authenticator app, which proves it holds the secret.
    pub code: &'a str,
}

/// Completes an enrolment: checks the password and the code, stores the password's hash and the sealed
/// secret, uses the link (once), and signs the person in.
pub async fn finish(app: &App, f: EnrolForm<'_>, user_agent: &str) -> Result<(String, Session), AppError> {
    let user = owner(app, f.token).await?;
    let keys = &app.settings.secrets_keys;
    let secret = crate::secrets::open(keys, &place(f.token), f.sealed)
        .ok()
        .filter(|s| s.len() == 20)
        .ok_or_else(|| AppError::invalid([field("code", "invalid")]))?;
    let mut errors = Vec::new();
    let email = domain::account::Email::parse(&user.email).ok();
    if let Err(p) = domain::account::check_password(f.password, email.as_ref()) {
        errors.push(field("password", p.as_str()));
    }
    if f.confirm.is_empty() && !f.password.is_empty() {
        errors.push(field("password_confirm", "required"));
    } else if !f.password.is_empty() && f.confirm != f.password {
        errors.push(field("password_confirm", "mismatch"));
    }
    // Counted first (parallel attempts each get their own count); only a wrong code stays counted.
    let attempt =
        crate::limits::take(app, crate::limits::ENROL, &user.id.to_string(), Some(("code", "locked"))).await?;
    let t = app.clock.now().unix_timestamp();
    let step = match f.code.trim() {
        "" => {
            errors.push(field("code", "required"));
            None
        }
        c => {
            let step = domain::totp::verify(&secret, c, t, None);
            if step.is_none() {
                errors.push(field("code", "invalid"));
            }
            step
        }
    };
    if step.is_some() || f.code.trim().is_empty() {
        attempt.give_back(app).await?;
    }
    let Some(step) = step.filter(|_| errors.is_empty()) else {
        return Err(AppError::invalid(errors));
    };
    let enrolment = Enrolment {
        token_hash: digest(f.token),
        password_hash: auth::hash_password(f.password.to_owned(), app.settings.hash).await?,
        totp_sealed: crate::secrets::seal_totp(keys, &user.email, &secret)?,
        step,
        now: t,
    };
    let enrolled = app.store.complete_enrolment(&enrolment).await?.ok_or_else(invalid_link)?;
    attempt.forget(app).await?;
    auth::start_session(app, &enrolled, SessionKind::Cookie, user_agent).await
}
