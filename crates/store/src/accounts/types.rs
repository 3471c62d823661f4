//! The rows of accounts, tokens, sessions, staff enrolment and role changes as the store reads and writes them.

use serde::Serialize;

/// A person who signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The id.
    pub id: i64,
    /// The e-mail address, lower-cased.
    pub email: String,
    /// The argon2id PHC string.
    #[serde(skip)]
    pub password_hash: String,
    /// The language of messages (`kk`, `ru`, `en`).
    pub lang: String,
    /// What the person is to the service.
    pub role: domain::account::Role,
    /// The office of a staff member (`embassy-MN`, `department-KZ-75`, `foundation`).
    pub office: Option<String>,
    /// When the address was verified.
    pub verified_at: Option<i64>,
    /// When the account was made.
    pub created_at: i64,
    /// A staff member's name, as the administrator typed it.
    pub name: Option<String>,
    /// When a staff member set their own password and second factor (`None`: enrolment pending).
    pub enrolled_at: Option<i64>,
    /// When the account was disabled (`None`: it works).
    pub disabled_at: Option<i64>,
    /// Why it was disabled.
    pub disabled_reason: Option<String>,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// The e-mail address, lower-cased.
    pub email: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// The language of messages.
    pub lang: String,
    /// When.
    pub now: i64,
}

/// What a single-use e-mail token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Verifying the e-mail address.
    Verify,
    /// Resetting the password.
    Reset,
    /// A staff member's enrolment: they set their own password and second factor.
    Enrol,
}

impl TokenPurpose {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Verify => "verify",
            TokenPurpose::Reset => "reset",
            TokenPurpose::Enrol => "enrol",
        }
    }
}

/// A single-use token sent by e-mail; only its SHA-256 is stored.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// What it is for.
    pub purpose: TokenPurpose,
    /// When it was made.
    pub created_at: i64,
    /// When it stops working.
    pub expires_at: i64,
}

/// How a session is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A browser cookie (forms carry the CSRF token).
    Cookie,
    /// An `Authorization: Bearer` token (the mobile app).
    Bearer,
    /// Staff between their password and their second factor: signs nobody in.
    Pending,
}

impl SessionKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Cookie => "cookie",
            SessionKind::Bearer => "bearer",
            SessionKind::Pending => "pending",
        }
    }
}

/// A session; only the SHA-256 of its secret is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the secret, hex.
    pub token_hash: String,
    /// Whose.
    pub user_id: i64,
    /// `cookie` or `bearer`.
    pub kind: String,
    /// The CSRF token bound to this session.
    pub csrf: String,
    /// When it began.
    pub created_at: i64,
    /// When it ends.
    pub expires_at: i64,
}

/// A staff account an administrator creates; the person enrols themselves through a link.
#[derive(Debug, Clone)]
pub struct NewStaff {
    /// The e-mail address, lower-cased.
    pub email: String,
    /// The person's name.
    pub name: String,
    /// The language of messages.
    pub lang: String,
    /// The role.
    pub role: domain::account::Role,
    /// The office, for the roles that have one.
    pub office: Option<String>,
    /// A hash of a random password nobody knows, until the person sets theirs.
    pub password_hash: String,
    /// When.
    pub now: i64,
}

/// What an enrolment sets: the person's own password and second factor.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// SHA-256 of the enrolment link's token, hex.
    pub token_hash: String,
    /// The argon2id PHC string of the chosen password.
    pub password_hash: String,
    /// The TOTP secret, sealed (`service::secrets`).
    pub totp_sealed: String,
    /// The TOTP step of the code that confirmed it (used: it does not sign in again).
    pub step: i64,
    /// When.
    pub now: i64,
}

/// What a session records besides its secret: the device and, for staff, its idle limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionMeta {
    /// Seconds without a request after which the session ends (`None`: no idle limit).
    pub idle_secs: Option<i64>,
    /// The browser or app that signed in (its `User-Agent`, cut short).
    pub user_agent: Option<String>,
}

/// A live session as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionInfo {
    /// A public name for it: the first 16 hex digits of its secret's hash (not usable as a token).
    pub id: String,
    /// `cookie` or `bearer`.
    pub kind: String,
    /// The device.
    pub user_agent: Option<String>,
    /// When it began.
    pub created_at: i64,
    /// When it was last used.
    pub last_seen_at: i64,
    /// When it ends at the latest.
    pub expires_at: i64,
    /// When it ends if unused (staff), else `None`.
    pub idle_until: Option<i64>,
}

/// A change of a staff member's role that waits for a second administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleChange {
    /// The id.
    pub id: i64,
    /// Whose role.
    pub user_id: i64,
    /// Their address.
    pub email: String,
    /// The role when proposed.
    pub from_role: domain::account::Role,
    /// The role proposed.
    pub role: domain::account::Role,
    /// The office proposed.
    pub office: Option<String>,
    /// The administrator who proposed it.
    pub proposed_by: i64,
    /// Their address.
    pub proposer_email: String,
    /// When.
    pub proposed_at: i64,
    /// The administrator who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<i64>,
    /// `approved` or `rejected`.
    pub outcome: Option<String>,
}

/// A proposed role change.
#[derive(Debug, Clone)]
pub struct NewRoleChange {
    /// Whose role.
    pub user_id: i64,
    /// Their role now (the change applies only if it is still this).
    pub from_role: domain::account::Role,
    /// The role proposed.
    pub role: domain::account::Role,
    /// The office proposed.
    pub office: Option<String>,
    /// The proposing administrator.
    pub proposed_by: i64,
    /// When.
    pub now: i64,
}

/// How a decision on a role change came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleDecision {
    /// Decided (and, when approved, applied).
    Decided(RoleChange),
    /// No open change with that id.
    NotFound,
    /// The decider proposed it, or it is about the decider's own role.
    OwnChange,
    /// The account's role changed since the proposal: nothing applied.
    Stale,
}
