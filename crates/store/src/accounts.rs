//! Accounts, sessions and single-use e-mail tokens; the job queue and the inbox are in `jobs`, rate
//! limits' counters in `limits`. Instants are Unix seconds (UTC) in both backends, so one SQL text serves
//! both; the implementations are generated once for each backend by `impl_accounts!`.

use serde::Serialize;

use crate::StoreError;
// Named here too by the other repositories (`crate::accounts::NewJob`).
pub(crate) use crate::jobs::NewJob;

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

/// Accounts, sessions and tokens.
#[async_trait::async_trait]
pub trait AccountRepo {
    /// Creates the account with its verification token and enqueues `jobs`, all in one transaction;
    /// `None` (and nothing written) when the address is taken.
    async fn create_user(&self, user: &NewUser, token: &NewToken, jobs: &[NewJob]) -> Result<Option<User>, StoreError>;
    /// Creates a verified staff account (by an administrator) with its TOTP secret (Base32); `None` when
    /// the address is taken.
    async fn create_staff(
        &self,
        user: &NewUser,
        role: domain::account::Role,
        office: Option<&str>,
        totp_secret: &str,
    ) -> Result<Option<User>, StoreError>;
    /// The account's TOTP secret (Base32), if it has one.
    async fn totp_secret(&self, user_id: i64) -> Result<Option<String>, StoreError>;
    /// The last TOTP step used by the account.
    async fn totp_last_step(&self, user_id: i64) -> Result<Option<i64>, StoreError>;
    /// Records that the code of `step` was used; `false` when that step (or a later one) was used already
    /// (a code works once, even when two requests race).
    async fn use_totp_step(&self, user_id: i64, step: i64) -> Result<bool, StoreError>;
    /// The account with this (lower-cased) address.
    async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError>;
    /// The account with this id.
    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError>;
    /// The account a live (unused, unexpired) token belongs to.
    async fn user_for_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<User>, StoreError>;
    /// Stores a token for `user_id` and enqueues `job` in one transaction.
    async fn issue_token(&self, user_id: i64, token: &NewToken, job: &NewJob) -> Result<(), StoreError>;
    /// Uses a verification token: marks the address verified and writes the inbox message, in one
    /// transaction. `None` when the token is unknown, used or expired.
    async fn verify_email(&self, token_hash: &str, now: i64, welcome: (&str, &str))
    -> Result<Option<User>, StoreError>;
    /// Uses a reset token: sets the password, ends every session of the account and enqueues `job`, in
    /// one transaction. `None` when the token is unknown, used or expired.
    async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
        job: &NewJob,
    ) -> Result<Option<User>, StoreError>;
    /// Starts a session.
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;
    /// The live session with this hash and its user.
    async fn session(&self, token_hash: &str, now: i64) -> Result<Option<(Session, User)>, StoreError>;
    /// Ends a session; `true` when there was one.
    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError>;
    /// Creates a staff account waiting for its enrolment, with its enrolment token and the e-mail that
    /// carries the link, in one transaction; `None` (nothing written) when the address is taken.
    async fn create_enrolling_staff(
        &self,
        staff: &NewStaff,
        token: &NewToken,
        job: &NewJob,
    ) -> Result<Option<User>, StoreError>;
    /// Starts a staff member's enrolment again (a factor reset): forgets the password and second factor,
    /// ends every session, replaces any earlier enrolment link with `token` and enqueues `job`, in one
    /// transaction; `false` for no such staff account.
    async fn restart_enrolment(
        &self,
        user_id: i64,
        password_hash: &str,
        token: &NewToken,
        job: &NewJob,
    ) -> Result<bool, StoreError>;
    /// Uses an enrolment token: sets the password and the sealed second factor, in one transaction.
    /// `None` when the token is unknown, used or expired, or the account is disabled.
    async fn complete_enrolment(&self, e: &Enrolment) -> Result<Option<User>, StoreError>;
    /// Disables (`true`) or re-enables a staff account; disabling ends its sessions and voids its links
    /// at once. `false` when nothing changed (no such staff account, or already so).
    async fn set_disabled(&self, user_id: i64, disabled: bool, reason: &str, now: i64) -> Result<bool, StoreError>;
    /// Starts a session with what it records besides its secret.
    async fn start_session(&self, session: &Session, meta: &SessionMeta) -> Result<(), StoreError>;
    /// A user's live sessions (not the halves of sign-ins waiting for a code), newest first.
    async fn sessions_of(&self, user_id: i64, now: i64) -> Result<Vec<SessionInfo>, StoreError>;
    /// Ends one of a user's sessions by its public id; `false` when they have none of that id.
    async fn end_session_of(&self, user_id: i64, id: &str) -> Result<bool, StoreError>;
    /// Every stored TOTP secret: account, address, stored value.
    async fn totp_secrets(&self) -> Result<Vec<(i64, String, String)>, StoreError>;
    /// Replaces a stored TOTP secret if it is still `from` (a re-seal); `false` when it changed meanwhile.
    async fn replace_totp_secret(&self, user_id: i64, from: &str, to: &str) -> Result<bool, StoreError>;
    /// The jobs of `kind` still to run (pending), with their payloads.
    async fn open_jobs(&self, kind: &str) -> Result<Vec<(i64, serde_json::Value)>, StoreError>;
    /// Replaces a job's payload (a re-seal, or forgetting a delivered message).
    async fn set_job_payload(&self, id: i64, payload: &serde_json::Value) -> Result<(), StoreError>;
    /// Proposes a role change; `None` when the account has an open one already.
    async fn propose_role_change(&self, change: &NewRoleChange) -> Result<Option<i64>, StoreError>;
    /// Role changes: the open ones, or (`open` false) the last decided ones too, newest first.
    async fn role_changes(&self, open: bool) -> Result<Vec<RoleChange>, StoreError>;
    /// Another administrator approves (the role and office change, in the same transaction) or rejects
    /// an open role change.
    async fn decide_role_change(&self, id: i64, by: i64, approve: bool, now: i64) -> Result<RoleDecision, StoreError>;
}

pub(crate) const USER_COLUMNS: &str = "id, email, password_hash, lang, role, office, verified_at, created_at, name, enrolled_at, disabled_at, disabled_reason";

/// Generates the repository above for one backend. Both backends take the same SQL; what differs is
/// the database type. It calls `enqueue_in` of `impl_jobs!`, expanded in the same module.
macro_rules! impl_accounts {
    ($store:ty, $db:ty) => {
        fn user_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::accounts::User, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::accounts::User {
                id: r.try_get("id")?,
                email: r.try_get("email")?,
                password_hash: r.try_get("password_hash")?,
                lang: r.try_get("lang")?,
                role: {
                    let name: String = r.try_get("role")?;
                    domain::account::Role::parse(&name)
                        .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {name:?}").into()))?
                },
                office: r.try_get("office")?,
                verified_at: r.try_get("verified_at")?,
                created_at: r.try_get("created_at")?,
                name: r.try_get("name")?,
                enrolled_at: r.try_get("enrolled_at")?,
                disabled_at: r.try_get("disabled_at")?,
                disabled_reason: r.try_get("disabled_reason")?,
            })
        }

        async fn use_token(
            tx: &mut sqlx::Transaction<'_, $db>,
            token_hash: &str,
            purpose: $crate::accounts::TokenPurpose,
            now: i64,
        ) -> Result<Option<i64>, $crate::StoreError> {
            Ok(sqlx::query_scalar(
                "UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
                 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
            )
            .bind(now)
            .bind(token_hash)
            .bind(purpose.as_str())
            .fetch_optional(&mut **tx)
            .await?)
        }

        async fn user_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: i64,
        ) -> Result<$crate::accounts::User, $crate::StoreError> {
            let sql = format!("SELECT {} FROM users WHERE id = $1", $crate::accounts::USER_COLUMNS);
            let row = sqlx::query(&sql).bind(id).fetch_one(&mut **tx).await?;
            Ok(user_row(&row)?)
        }

        async fn insert_token(
            tx: &mut sqlx::Transaction<'_, $db>,
            user_id: i64,
            token: &$crate::accounts::NewToken,
        ) -> Result<(), $crate::StoreError> {
            sqlx::query(
                "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&token.token_hash)
            .bind(user_id)
            .bind(token.purpose.as_str())
            .bind(token.created_at)
            .bind(token.expires_at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// Every unused link of the account stops working.
        async fn void_tokens(
            tx: &mut sqlx::Transaction<'_, $db>,
            user_id: i64,
            now: i64,
        ) -> Result<(), $crate::StoreError> {
            sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
                .bind(now)
                .bind(user_id)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        const ROLE_CHANGE_SELECT: &str = "SELECT c.id, c.user_id, u.email, c.from_role, c.role, c.office, \
            c.proposed_by, p.email AS proposer_email, c.proposed_at, c.decided_by, c.decided_at, c.outcome \
            FROM role_changes c JOIN users u ON u.id = c.user_id JOIN users p ON p.id = c.proposed_by";

        fn role_change_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::accounts::RoleChange, sqlx::Error> {
            use sqlx::Row as _;
            let role = |name: String| {
                domain::account::Role::parse(&name)
                    .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {name:?}").into()))
            };
            Ok($crate::accounts::RoleChange {
                id: r.try_get("id")?,
                user_id: r.try_get("user_id")?,
                email: r.try_get("email")?,
                from_role: role(r.try_get("from_role")?)?,
                role: role(r.try_get("role")?)?,
                office: r.try_get("office")?,
                proposed_by: r.try_get("proposed_by")?,
                proposer_email: r.try_get("proposer_email")?,
                proposed_at: r.try_get("proposed_at")?,
                decided_by: r.try_get("decided_by")?,
                decided_at: r.try_get("decided_at")?,
                outcome: r.try_get("outcome")?,
            })
        }

        #[async_trait::async_trait]
        impl $crate::accounts::AccountRepo for $store {
            async fn create_user(
                &self,
                user: &$crate::accounts::NewUser,
                token: &$crate::accounts::NewToken,
                jobs: &[$crate::accounts::NewJob],
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO users (email, password_hash, lang, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (email) DO NOTHING RETURNING id",
                )
                .bind(&user.email)
                .bind(&user.password_hash)
                .bind(&user.lang)
                .bind(user.now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                sqlx::query(
                    "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&token.token_hash)
                .bind(id)
                .bind(token.purpose.as_str())
                .bind(token.created_at)
                .bind(token.expires_at)
                .execute(&mut *tx)
                .await?;
                for job in jobs {
                    enqueue_in(&mut tx, job, user.now).await?;
                }
                let created = user_in(&mut tx, id).await?;
                tx.commit().await?;
                Ok(Some(created))
            }

            async fn create_staff(
                &self,
                user: &$crate::accounts::NewUser,
                role: domain::account::Role,
                office: Option<&str>,
                totp_secret: &str,
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO users (email, password_hash, lang, role, office, verified_at, created_at, updated_at, \
                     totp_secret, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7, $6) \
                     ON CONFLICT (email) DO NOTHING RETURNING id",
                )
                .bind(&user.email)
                .bind(&user.password_hash)
                .bind(&user.lang)
                .bind(role.as_str())
                .bind(office)
                .bind(user.now)
                .bind(totp_secret)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                let created = user_in(&mut tx, id).await?;
                tx.commit().await?;
                Ok(Some(created))
            }

            async fn totp_secret(&self, user_id: i64) -> Result<Option<String>, $crate::StoreError> {
                let v: Option<Option<String>> = sqlx::query_scalar("SELECT totp_secret FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(v.flatten())
            }

            async fn totp_last_step(&self, user_id: i64) -> Result<Option<i64>, $crate::StoreError> {
                let v: Option<Option<i64>> = sqlx::query_scalar("SELECT totp_last_step FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(v.flatten())
            }

            async fn use_totp_step(&self, user_id: i64, step: i64) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
                )
                .bind(step)
                .bind(user_id)
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn user_by_email(&self, email: &str) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM users WHERE email = $1", $crate::accounts::USER_COLUMNS);
                let row = sqlx::query(&sql).bind(email).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(user_row).transpose()?)
            }

            async fn user_by_id(&self, id: i64) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM users WHERE id = $1", $crate::accounts::USER_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(user_row).transpose()?)
            }

            async fn user_for_token(
                &self,
                token_hash: &str,
                purpose: $crate::accounts::TokenPurpose,
                now: i64,
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM users WHERE id = (SELECT user_id FROM email_tokens WHERE token_hash = $1 \
                     AND purpose = $2 AND used_at IS NULL AND expires_at > $3)",
                    $crate::accounts::USER_COLUMNS
                );
                let row = sqlx::query(&sql)
                    .bind(token_hash)
                    .bind(purpose.as_str())
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(user_row).transpose()?)
            }

            async fn issue_token(
                &self,
                user_id: i64,
                token: &$crate::accounts::NewToken,
                job: &$crate::accounts::NewJob,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // A new token of a purpose replaces the unused ones: only the latest link works.
                sqlx::query(
                    "UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
                )
                .bind(token.created_at)
                .bind(user_id)
                .bind(token.purpose.as_str())
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&token.token_hash)
                .bind(user_id)
                .bind(token.purpose.as_str())
                .bind(token.created_at)
                .bind(token.expires_at)
                .execute(&mut *tx)
                .await?;
                enqueue_in(&mut tx, job, token.created_at).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn verify_email(
                &self,
                token_hash: &str,
                now: i64,
                welcome: (&str, &str),
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let Some(user_id) = use_token(&mut tx, token_hash, $crate::accounts::TokenPurpose::Verify, now).await?
                else {
                    return Ok(None);
                };
                sqlx::query("UPDATE users SET verified_at = $1, updated_at = $1 WHERE id = $2 AND verified_at IS NULL")
                    .bind(now)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO inbox (user_id, subject, body, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(user_id)
                    .bind(welcome.0)
                    .bind(welcome.1)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                let user = user_in(&mut tx, user_id).await?;
                tx.commit().await?;
                Ok(Some(user))
            }

            async fn reset_password(
                &self,
                token_hash: &str,
                password_hash: &str,
                now: i64,
                job: &$crate::accounts::NewJob,
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let Some(user_id) = use_token(&mut tx, token_hash, $crate::accounts::TokenPurpose::Reset, now).await?
                else {
                    return Ok(None);
                };
                // The link came by e-mail, so the address is proven too.
                sqlx::query(
                    "UPDATE users SET password_hash = $1, updated_at = $2, verified_at = COALESCE(verified_at, $2) \
                     WHERE id = $3",
                )
                .bind(password_hash)
                .bind(now)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
                enqueue_in(&mut tx, job, now).await?;
                let user = user_in(&mut tx, user_id).await?;
                tx.commit().await?;
                Ok(Some(user))
            }

            async fn create_session(&self, s: &$crate::accounts::Session) -> Result<(), $crate::StoreError> {
                $crate::accounts::AccountRepo::start_session(self, s, &$crate::accounts::SessionMeta::default()).await
            }

            async fn start_session(
                &self,
                s: &$crate::accounts::Session,
                meta: &$crate::accounts::SessionMeta,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at, last_seen_at, \
                     idle_secs, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $5, $7, $8)",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(&s.kind)
                .bind(&s.csrf)
                .bind(s.created_at)
                .bind(s.expires_at)
                .bind(meta.idle_secs)
                .bind(meta.user_agent.as_deref())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<($crate::accounts::Session, $crate::accounts::User)>, $crate::StoreError> {
                use sqlx::Row as _;
                // A disabled account's sessions end at once; a staff session ends after its idle limit.
                let sql = format!(
                    "SELECT s.token_hash, s.user_id, s.kind, s.csrf, s.created_at AS s_created, s.expires_at, \
                     s.idle_secs, COALESCE(s.last_seen_at, s.created_at) AS seen, {} \
                     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 \
                     AND u.disabled_at IS NULL \
                     AND (s.idle_secs IS NULL OR COALESCE(s.last_seen_at, s.created_at) + s.idle_secs > $2)",
                    $crate::accounts::USER_COLUMNS
                        .split(", ")
                        .map(|c| format!("u.{c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let Some(r) = sqlx::query(&sql).bind(token_hash).bind(now).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                let session = $crate::accounts::Session {
                    token_hash: r.try_get("token_hash")?,
                    user_id: r.try_get("user_id")?,
                    kind: r.try_get("kind")?,
                    csrf: r.try_get("csrf")?,
                    created_at: r.try_get("s_created")?,
                    expires_at: r.try_get("expires_at")?,
                };
                let idle: Option<i64> = r.try_get("idle_secs")?;
                let seen: i64 = r.try_get("seen")?;
                // Sessions with an idle limit note their use, at most once every 30 seconds (applicants'
                // sessions, without one, cost no write per request).
                if idle.is_some() && seen + 30 <= now {
                    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                        .bind(now)
                        .bind(token_hash)
                        .execute(&self.pool)
                        .await?;
                }
                Ok(Some((session, user_row(&r)?)))
            }

            async fn delete_session(&self, token_hash: &str) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn create_enrolling_staff(
                &self,
                staff: &$crate::accounts::NewStaff,
                token: &$crate::accounts::NewToken,
                job: &$crate::accounts::NewJob,
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO users (email, password_hash, lang, role, office, name, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (email) DO NOTHING RETURNING id",
                )
                .bind(&staff.email)
                .bind(&staff.password_hash)
                .bind(&staff.lang)
                .bind(staff.role.as_str())
                .bind(staff.office.as_deref())
                .bind(&staff.name)
                .bind(staff.now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                insert_token(&mut tx, id, token).await?;
                enqueue_in(&mut tx, job, staff.now).await?;
                let created = user_in(&mut tx, id).await?;
                tx.commit().await?;
                Ok(Some(created))
            }

            async fn restart_enrolment(
                &self,
                user_id: i64,
                password_hash: &str,
                token: &$crate::accounts::NewToken,
                job: &$crate::accounts::NewJob,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let r = sqlx::query(
                    "UPDATE users SET password_hash = $1, totp_secret = NULL, totp_last_step = NULL, \
                     enrolled_at = NULL, updated_at = $2 WHERE id = $3 AND role <> 'applicant'",
                )
                .bind(password_hash)
                .bind(token.created_at)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                if r.rows_affected() != 1 {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
                void_tokens(&mut tx, user_id, token.created_at).await?;
                insert_token(&mut tx, user_id, token).await?;
                enqueue_in(&mut tx, job, token.created_at).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn complete_enrolment(
                &self,
                e: &$crate::accounts::Enrolment,
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let Some(user_id) =
                    use_token(&mut tx, &e.token_hash, $crate::accounts::TokenPurpose::Enrol, e.now).await?
                else {
                    return Ok(None);
                };
                let r = sqlx::query(
                    "UPDATE users SET password_hash = $1, totp_secret = $2, totp_last_step = $3, enrolled_at = $4, \
                     verified_at = COALESCE(verified_at, $4), updated_at = $4 \
                     WHERE id = $5 AND role <> 'applicant' AND disabled_at IS NULL",
                )
                .bind(&e.password_hash)
                .bind(&e.totp_sealed)
                .bind(e.step)
                .bind(e.now)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                if r.rows_affected() != 1 {
                    // Dropping the transaction rolls the token's use back.
                    return Ok(None);
                }
                let user = user_in(&mut tx, user_id).await?;
                tx.commit().await?;
                Ok(Some(user))
            }

            async fn set_disabled(
                &self,
                user_id: i64,
                disabled: bool,
                reason: &str,
                now: i64,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let r = if disabled {
                    sqlx::query(
                        "UPDATE users SET disabled_at = $1, disabled_reason = $2, updated_at = $1 \
                         WHERE id = $3 AND role <> 'applicant' AND disabled_at IS NULL",
                    )
                } else {
                    sqlx::query(
                        "UPDATE users SET disabled_at = NULL, disabled_reason = NULL, updated_at = $1 \
                         WHERE id = $3 AND role <> 'applicant' AND disabled_at IS NOT NULL AND $2 <> ''",
                    )
                }
                .bind(now)
                .bind(reason)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                if r.rows_affected() != 1 {
                    return Ok(false);
                }
                if disabled {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
                    void_tokens(&mut tx, user_id, now).await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn sessions_of(
                &self,
                user_id: i64,
                now: i64,
            ) -> Result<Vec<$crate::accounts::SessionInfo>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT token_hash, kind, user_agent, created_at, COALESCE(last_seen_at, created_at) AS seen, \
                     expires_at, idle_secs FROM sessions WHERE user_id = $1 AND kind <> 'pending' AND expires_at > $2 \
                     AND (idle_secs IS NULL OR COALESCE(last_seen_at, created_at) + idle_secs > $2) \
                     ORDER BY created_at DESC, token_hash",
                )
                .bind(user_id)
                .bind(now)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let hash: String = r.try_get("token_hash")?;
                    let seen: i64 = r.try_get("seen")?;
                    let idle: Option<i64> = r.try_get("idle_secs")?;
                    out.push($crate::accounts::SessionInfo {
                        id: hash.chars().take(16).collect(),
                        kind: r.try_get("kind")?,
                        user_agent: r.try_get("user_agent")?,
                        created_at: r.try_get("created_at")?,
                        last_seen_at: seen,
                        expires_at: r.try_get("expires_at")?,
                        idle_until: idle.map(|i| seen + i),
                    });
                }
                Ok(out)
            }

            async fn end_session_of(&self, user_id: i64, id: &str) -> Result<bool, $crate::StoreError> {
                if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Ok(false);
                }
                let r = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2")
                    .bind(user_id)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn totp_secrets(&self) -> Result<Vec<(i64, String, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT id, email, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id")
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn replace_totp_secret(&self, user_id: i64, from: &str, to: &str) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
                    .bind(to)
                    .bind(user_id)
                    .bind(from)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn open_jobs(&self, kind: &str) -> Result<Vec<(i64, serde_json::Value)>, $crate::StoreError> {
                let rows: Vec<(i64, String)> =
                    sqlx::query_as("SELECT id, payload FROM jobs WHERE kind = $1 AND state = 'pending' ORDER BY id")
                        .bind(kind)
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter()
                    .map(|(id, p)| Ok((id, serde_json::from_str(&p)?)))
                    .collect::<Result<Vec<_>, serde_json::Error>>()
                    .map_err(Into::into)
            }

            async fn set_job_payload(&self, id: i64, payload: &serde_json::Value) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE jobs SET payload = $1 WHERE id = $2")
                    .bind(payload.to_string())
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn propose_role_change(
                &self,
                c: &$crate::accounts::NewRoleChange,
            ) -> Result<Option<i64>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO role_changes (user_id, from_role, role, office, proposed_by, proposed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
                )
                .bind(c.user_id)
                .bind(c.from_role.as_str())
                .bind(c.role.as_str())
                .bind(c.office.as_deref())
                .bind(c.proposed_by)
                .bind(c.now)
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn role_changes(&self, open: bool) -> Result<Vec<$crate::accounts::RoleChange>, $crate::StoreError> {
                let sql = format!(
                    "{} {} ORDER BY c.proposed_at DESC, c.id DESC LIMIT 50",
                    ROLE_CHANGE_SELECT,
                    if open { "WHERE c.decided_at IS NULL" } else { "" }
                );
                let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(role_change_row).collect::<Result<_, _>>()?)
            }

            async fn decide_role_change(
                &self,
                id: i64,
                by: i64,
                approve: bool,
                now: i64,
            ) -> Result<$crate::accounts::RoleDecision, $crate::StoreError> {
                use $crate::accounts::RoleDecision;
                let mut tx = self.begin_write().await?;
                let sql = format!("{ROLE_CHANGE_SELECT} WHERE c.id = $1 AND c.decided_at IS NULL");
                let Some(row) = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx).await? else {
                    return Ok(RoleDecision::NotFound);
                };
                let change = role_change_row(&row)?;
                if change.proposed_by == by || change.user_id == by {
                    return Ok(RoleDecision::OwnChange);
                }
                if approve {
                    let r = sqlx::query(
                        "UPDATE users SET role = $1, office = $2, updated_at = $3 WHERE id = $4 AND role = $5",
                    )
                    .bind(change.role.as_str())
                    .bind(change.office.as_deref())
                    .bind(now)
                    .bind(change.user_id)
                    .bind(change.from_role.as_str())
                    .execute(&mut *tx)
                    .await?;
                    if r.rows_affected() != 1 {
                        return Ok(RoleDecision::Stale);
                    }
                }
                let outcome = if approve { "approved" } else { "rejected" };
                sqlx::query("UPDATE role_changes SET decided_by = $1, decided_at = $2, outcome = $3 WHERE id = $4")
                    .bind(by)
                    .bind(now)
                    .bind(outcome)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(RoleDecision::Decided($crate::accounts::RoleChange {
                    decided_by: Some(by),
                    decided_at: Some(now),
                    outcome: Some(outcome.to_owned()),
                    ..change
                }))
            }
        }
    };
}

pub(crate) use impl_accounts;
