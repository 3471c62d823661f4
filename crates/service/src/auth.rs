//! Authentication: argon2id passwords, random secrets kept only as SHA-256, sessions in the database
//! (a cookie for browsers, a bearer token for the app), CSRF tokens for forms (rate limits on
//! guessing are in `limits`). Nothing here trusts the client: every check is made on each request.

use sha2::{Digest, Sha256};
use store::{Session, SessionKind, User};

pub use crate::password::{HashParams, hash_password, verify_password};

use crate::app::App;
use crate::error::{AppError, ErrorCode};

/// How long a browser session lasts.
pub const COOKIE_SESSION_SECS: i64 = 12 * 3600;
/// How long an app token lasts.
pub const BEARER_SESSION_SECS: i64 = 30 * 86_400;
/// How long staff have to type their second factor after their password.
pub const PENDING_SESSION_SECS: i64 = 300;
/// How long an e-mail verification link works.
pub const VERIFY_TOKEN_SECS: i64 = 3 * 86_400;
/// How long a password-reset link works.
pub const RESET_TOKEN_SECS: i64 = 3600;
/// How long a staff enrolment link works.
pub const ENROL_TOKEN_SECS: i64 = 24 * 3600;
/// 32 random bytes, hex: session secrets, e-mail tokens, CSRF tokens.
pub fn random_token() -> Result<String, AppError> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|e| AppError::internal(&e))?;
    Ok(hex::encode(buf))
}

/// SHA-256 of a secret, hex: what the database keeps instead of the secret.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Constant-time equality of two strings (CSRF tokens).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The longest device description kept with a session.
const USER_AGENT_MAX: usize = 200;

/// Starts a session for `user` from the device `user_agent`; returns the secret to hand to the client.
/// Staff sessions end after `staff_idle_secs` without a request and `staff_session_secs` in all (a
/// bearer token of staff too); applicants keep a browser session 12 hours and an app token 30 days.
pub async fn start_session(
    app: &App,
    user: &User,
    kind: SessionKind,
    user_agent: &str,
) -> Result<(String, Session), AppError> {
    let secret = random_token()?;
    let now = app.clock.now().unix_timestamp();
    let staff = user.role != domain::account::Role::Applicant;
    let ttl = match kind {
        SessionKind::Pending => PENDING_SESSION_SECS,
        _ if staff => app.settings.staff_session_secs,
        SessionKind::Cookie => COOKIE_SESSION_SECS,
        SessionKind::Bearer => BEARER_SESSION_SECS,
    };
    let session = Session {
        token_hash: digest(&secret),
        user_id: user.id,
        kind: kind.as_str().to_owned(),
        csrf: random_token()?,
        created_at: now,
        expires_at: now + ttl,
    };
    let ua: String = user_agent.chars().filter(|c| !c.is_control()).take(USER_AGENT_MAX).collect();
    let meta = store::SessionMeta {
        idle_secs: (staff && kind != SessionKind::Pending).then_some(app.settings.staff_idle_secs),
        user_agent: Some(ua).filter(|u| !u.trim().is_empty()),
    };
    app.store.start_session(&session, &meta).await?;
    // A member of staff signed in (the second factor given, or the enrolment done): in the audit log.
    if staff && kind != SessionKind::Pending {
        let mut r =
            crate::audit::staff_record(user, "staff", "sign_in", Some(format!("session:{}", kind.as_str())), now);
        r.note = meta.user_agent.clone();
        app.store.log_append(&r).await?;
    }
    Ok((secret, session))
}

/// Refuses a signed-in form whose CSRF token is not its session's.
pub fn check_session_csrf(session: &Session, sent: Option<&String>) -> Result<(), AppError> {
    match sent {
        Some(s) if same(&session.csrf, s) => Ok(()),
        _ => Err(AppError::code(ErrorCode::Forbidden)),
    }
}

#[cfg(test)]
mod tests {
    use super::{digest, same};

    #[test]
    fn digests_and_comparisons() {
        assert_eq!(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
