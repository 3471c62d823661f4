//! What accounts do, whoever asks (a page or the API): sign up, verify the address, sign in, reset the
//! password. Handlers only translate. Answers never tell whether an address has an account.

use domain::Lang;
use domain::account::{AccountProblem, Email, check_password};
use store::{NewToken, NewUser, Session, SessionKind, TokenPurpose, User};

use crate::app::App;
use crate::auth::{self, digest, random_token};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::jobs::{email_job, sealed_email_job};
use crate::limits;
use crate::mail;

fn field(field: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: field.to_owned(), problem }
}

fn account_field(name: &str, p: AccountProblem) -> InvalidField {
    field(name, p.as_str())
}

fn fail(code: ErrorCode, name: &str, problem: &'static str) -> AppError {
    AppError::with_fields(code, [field(name, problem)])
}

/// Checks a new password and its confirmation (when the form has one).
fn new_password(password: &str, confirm: Option<&str>, email: Option<&Email>) -> Vec<InvalidField> {
    let mut errors = Vec::new();
    if let Err(p) = check_password(password, email) {
        errors.push(account_field("password", p));
    }
    match confirm {
        Some("") if !password.is_empty() => errors.push(field("password_confirm", "required")),
        Some(c) if !password.is_empty() && c != password => errors.push(field("password_confirm", "mismatch")),
        _ => {}
    }
    errors
}

fn link(app: &App, path: &str, token: &str) -> String {
    format!("{}{path}?token={token}", app.settings.public_url.trim_end_matches('/'))
}

fn message(app: &App, lang: Lang, id: &str, args: &[(&str, String)]) -> mail::Email {
    mail::Email {
        to: String::new(),
        subject: app.i18n.message(lang, &format!("{id}-subject"), args),
        body: app.i18n.message(lang, &format!("{id}-body"), args),
    }
}

fn to(mut m: mail::Email, address: &str) -> mail::Email {
    address.clone_into(&mut m.to);
    m
}

fn now(app: &App) -> i64 {
    app.clock.now().unix_timestamp()
}

/// Signs up: creates the account and e-mails a verification link, or, when the address is taken,
/// e-mails its owner instead. Either way the caller sees the same answer.
pub async fn sign_up(
    app: &App,
    email: &str,
    password: &str,
    confirm: Option<&str>,
    lang: Lang,
    client: &str,
) -> Result<(), AppError> {
    let parsed = Email::parse(email);
    let mut errors = Vec::new();
    if let Err(p) = &parsed {
        errors.push(account_field("email", *p));
    }
    errors.extend(new_password(password, confirm, parsed.as_ref().ok()));
    let Ok(email) = parsed else {
        return Err(AppError::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    limits::take(app, limits::SIGN_UP, client, Some(("email", "rate_limited"))).await?;
    let hash = auth::hash_password(password.to_owned(), app.settings.hash).await?;
    let token = random_token()?;
    let t = now(app);
    let verify =
        to(message(app, lang, "mail-verify", &[("link", link(app, "/account/verify", &token))]), email.as_str());
    let user = NewUser { email: email.as_str().to_owned(), password_hash: hash, lang: lang.code().to_owned(), now: t };
    let new_token = NewToken {
        token_hash: digest(&token),
        purpose: TokenPurpose::Verify,
        created_at: t,
        expires_at: t + auth::VERIFY_TOKEN_SECS,
    };
    let job = sealed_email_job(app, &verify, t)?;
    if app.store.create_user(&user, &new_token, &[job]).await?.is_none() {
        // Taken: tell the owner, at most a few times an hour, and answer as for a new account.
        if !limits::count(app, limits::LINKS, email.as_str()).await?.over() {
            let existing = app.store.user_by_email(email.as_str()).await?;
            let lang = existing.as_ref().and_then(|u| Lang::parse(&u.lang)).unwrap_or(lang);
            let sign_in = format!("{}/account/sign-in", app.settings.public_url.trim_end_matches('/'));
            let m = to(message(app, lang, "mail-exists", &[("link", sign_in)]), email.as_str());
            app.store.enqueue(&email_job(&m, t, None, app.settings.mail.max_attempts), t).await?;
        }
    }
    Ok(())
}

/// Uses a verification link; writes the welcome message to the inbox.
pub async fn verify(app: &App, token: &str) -> Result<User, AppError> {
    if token.is_empty() {
        return Err(fail(ErrorCode::Validation, "token", "required"));
    }
    let t = now(app);
    // The welcome message is in the account's language, which is known only once the token is used:
    // look the token's account up first (read only), then use the token in one transaction.
    let lang = match app.store.user_for_token(&digest(token), TokenPurpose::Verify, t).await? {
        Some(u) => Lang::parse(&u.lang).unwrap_or_default(),
        None => return Err(fail(ErrorCode::Validation, "token", "invalid_token")),
    };
    let welcome = message(app, lang, "inbox-welcome", &[]);
    app.store
        .verify_email(&digest(token), t, (&welcome.subject, &welcome.body))
        .await?
        .ok_or_else(|| fail(ErrorCode::Validation, "token", "invalid_token"))
}

/// The outcome of a correct address and password.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: the session's secret and the session.
    Done(String, Session),
    /// Staff: the second factor is still to come (the browser shows a page for it).
    NeedCode(User),
}

/// Signs in with an address and a password, and for staff a TOTP code (a browser without one is sent
/// to a page that asks for it). An unverified address gets a fresh link.
///
/// Attempts are counted before the password is checked (decision 0023): per address and client
/// network, and per network, past whose limits the password is not even checked (429); per address
/// from every network, which only delays the answer. The right password takes its attempt back.
pub async fn sign_in(
    app: &App,
    email: &str,
    password: &str,
    code: Option<&str>,
    client: &str,
    kind: SessionKind,
    user_agent: &str,
) -> Result<SignIn, AppError> {
    let mut errors = Vec::new();
    let parsed = Email::parse(email);
    if let Err(p) = &parsed {
        errors.push(account_field("email", *p));
    }
    if password.is_empty() {
        errors.push(field("password", "required"));
    }
    let Ok(email) = parsed else {
        return Err(AppError::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let locked = Some(("email", "locked"));
    let here = limits::take(app, limits::SIGN_IN, &limits::pair(email.as_str(), client), locked).await?;
    let network = match limits::take(app, limits::SIGN_IN_NETWORK, client, locked).await {
        Ok(n) => n,
        Err(e) => {
            here.give_back(app).await?;
            return Err(e);
        }
    };
    let everywhere = limits::count(app, limits::SIGN_IN_ACCOUNT, email.as_str()).await?;
    everywhere.slow_down(app).await;
    let user = app.store.user_by_email(email.as_str()).await?;
    let ok =
        auth::verify_password(password.to_owned(), user.as_ref().map(|u| u.password_hash.clone()), app.settings.hash)
            .await?;
    let t = now(app);
    let Some(user) = user.filter(|_| ok) else {
        // A wrong password for a staff account is in the audit log (not for applicants, nor for
        // addresses with no account: nothing to protect, and the log is not a guessing ground).
        if let Some(staff) =
            app.store.user_by_email(email.as_str()).await?.filter(|u| u.role != domain::account::Role::Applicant)
        {
            let mut r =
                crate::audit::staff_record(&staff, "staff", "sign_in_failed", Some(format!("client:{client}")), t);
            r.actor_id = None;
            r.note = Some(format!("user:{}", staff.id));
            app.store.log_append(&r).await?;
        }
        return Err(fail(ErrorCode::Unauthorized, "email", "wrong_credentials"));
    };
    here.forget(app).await?;
    network.give_back(app).await?;
    everywhere.give_back(app).await?;
    if user.disabled_at.is_some() {
        return Err(fail(ErrorCode::Forbidden, "email", "disabled"));
    }
    if user.role != domain::account::Role::Applicant && user.enrolled_at.is_none() {
        return Err(fail(ErrorCode::Forbidden, "email", "not_enrolled"));
    }
    if user.verified_at.is_none() {
        send_link(app, &user, TokenPurpose::Verify).await?;
        return Err(fail(ErrorCode::Forbidden, "email", "unverified"));
    }
    if user.role != domain::account::Role::Applicant {
        match code.map(str::trim).filter(|c| !c.is_empty()) {
            None if kind == SessionKind::Cookie => return Ok(SignIn::NeedCode(user)),
            None => return Err(fail(ErrorCode::Unauthorized, "code", "required")),
            Some(c) => check_code(app, &user, c).await?,
        }
    }
    let (secret, session) = auth::start_session(app, &user, kind, user_agent).await?;
    Ok(SignIn::Done(secret, session))
}

/// Checks a staff member's TOTP code: 5 wrong codes in 15 minutes lock the second step (counted per
/// account: only someone with the password gets here); a code works once; staff without a second
/// factor cannot sign in at all.
pub async fn check_code(app: &App, user: &User, code: &str) -> Result<(), AppError> {
    let attempt = limits::take(app, limits::SECOND_FACTOR, &user.id.to_string(), Some(("code", "locked"))).await?;
    // The secret is sealed under a key kept outside the database; what the row holds opens nothing.
    let secret = app
        .store
        .totp_secret(user.id)
        .await?
        .and_then(|s| crate::secrets::open_totp(&app.settings.secrets_keys, &user.email, &s).ok())
        .ok_or_else(|| fail(ErrorCode::Forbidden, "code", "no_second_factor"))?;
    let t = now(app);
    let last = app.store.totp_last_step(user.id).await?;
    let step = domain::totp::verify(&secret, code, t, last);
    match step {
        Some(step) if app.store.use_totp_step(user.id, step).await? => attempt.forget(app).await,
        _ => Err(fail(ErrorCode::Unauthorized, "code", "invalid")),
    }
}

/// E-mails a fresh verification or reset link, at most [`limits::LINKS`] an hour (past it, silently
/// none).
async fn send_link(app: &App, user: &User, purpose: TokenPurpose) -> Result<(), AppError> {
    if limits::count(app, limits::LINKS, &user.email).await?.over() {
        return Ok(());
    }
    let t = now(app);
    let token = random_token()?;
    let lang = Lang::parse(&user.lang).unwrap_or_default();
    let (id, path, ttl) = match purpose {
        TokenPurpose::Verify => ("mail-verify", "/account/verify", auth::VERIFY_TOKEN_SECS),
        TokenPurpose::Reset | TokenPurpose::Enrol => ("mail-reset", "/account/reset/new", auth::RESET_TOKEN_SECS),
    };
    let m = to(message(app, lang, id, &[("link", link(app, path, &token))]), &user.email);
    let new_token = NewToken { token_hash: digest(&token), purpose, created_at: t, expires_at: t + ttl };
    app.store.issue_token(user.id, &new_token, &sealed_email_job(app, &m, t)?).await?;
    Ok(())
}

/// Asks for a password-reset link from `client` (its network: at most [`limits::LINK_REQUESTS`] an
/// hour). The answer is the same whether or not the address has an account.
pub async fn request_reset(app: &App, email: &str, client: &str) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|p| AppError::invalid([account_field("email", p)]))?;
    limits::take(app, limits::LINK_REQUESTS, client, Some(("email", "too_many_links"))).await?;
    if let Some(user) = app.store.user_by_email(email.as_str()).await? {
        send_link(app, &user, TokenPurpose::Reset).await?;
    }
    Ok(())
}

/// Sets a new password with a reset link; every session of the account ends.
pub async fn reset(app: &App, token: &str, password: &str, confirm: Option<&str>) -> Result<User, AppError> {
    if token.is_empty() {
        return Err(fail(ErrorCode::Validation, "token", "required"));
    }
    let errors = new_password(password, confirm, None);
    if !errors.is_empty() {
        return Err(AppError::invalid(errors));
    }
    let t = now(app);
    let Some(owner) = app.store.user_for_token(&digest(token), TokenPurpose::Reset, t).await? else {
        return Err(fail(ErrorCode::Validation, "token", "invalid_token"));
    };
    let email = Email::parse(&owner.email).ok();
    if let Err(p) = check_password(password, email.as_ref()) {
        return Err(AppError::invalid([account_field("password", p)]));
    }
    let hash = auth::hash_password(password.to_owned(), app.settings.hash).await?;
    let lang = Lang::parse(&owner.lang).unwrap_or_default();
    let m = to(message(app, lang, "mail-password-changed", &[]), &owner.email);
    app.store
        .reset_password(&digest(token), &hash, t, &email_job(&m, t, None, app.settings.mail.max_attempts))
        .await?
        .ok_or_else(|| fail(ErrorCode::Validation, "token", "invalid_token"))
}

/// The signed-in person's live sessions (every device), newest first.
pub async fn sessions(app: &App, user: &User) -> Result<Vec<store::SessionInfo>, AppError> {
    crate::policy::check_account(user, crate::policy::AccountAction::SeeSessions)?;
    Ok(app.store.sessions_of(user.id, now(app)).await?)
}

/// Ends one of the signed-in person's sessions (never another person's: 404 for an unknown id).
pub async fn end_session(app: &App, user: &User, id: &str) -> Result<(), AppError> {
    crate::policy::check_account(user, crate::policy::AccountAction::EndSession)?;
    if app.store.end_session_of(user.id, id).await? { Ok(()) } else { Err(AppError::not_found()) }
}
