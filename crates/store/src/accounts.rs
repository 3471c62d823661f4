//! Accounts, sessions, single-use e-mail tokens and sign-in failures (for rate limiting); the job queue
//! and the inbox are in `jobs`. Instants are Unix seconds (UTC) in both backends, so one SQL text serves
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
}

impl TokenPurpose {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Verify => "verify",
            TokenPurpose::Reset => "reset",
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

/// Accounts, sessions, tokens and sign-in failures.
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
    /// Records a failed sign-in under `key` (an address or a client).
    async fn record_failure(&self, key: &str, now: i64) -> Result<(), StoreError>;
    /// Failed sign-ins under `key` since `since`.
    async fn failures_since(&self, key: &str, since: i64) -> Result<i64, StoreError>;
    /// Forgets the failures under `key` (after a successful sign-in).
    async fn clear_failures(&self, key: &str) -> Result<(), StoreError>;
}

pub(crate) const USER_COLUMNS: &str = "id, email, password_hash, lang, role, office, verified_at, created_at";

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
                     totp_secret) VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id",
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
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(&s.kind)
                .bind(&s.csrf)
                .bind(s.created_at)
                .bind(s.expires_at)
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
                let sql = format!(
                    "SELECT s.token_hash, s.user_id, s.kind, s.csrf, s.created_at AS s_created, s.expires_at, {} \
                     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
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
                Ok(Some((session, user_row(&r)?)))
            }

            async fn delete_session(&self, token_hash: &str) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn record_failure(&self, key: &str, now: i64) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // Old entries go as new ones come: the table holds about a day.
                sqlx::query("DELETE FROM auth_failures WHERE key = $1 AND at < $2")
                    .bind(key)
                    .bind(now - 86_400)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO auth_failures (key, at) VALUES ($1, $2)")
                    .bind(key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn failures_since(&self, key: &str, since: i64) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM auth_failures WHERE key = $1 AND at >= $2")
                    .bind(key)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn clear_failures(&self, key: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM auth_failures WHERE key = $1").bind(key).execute(&self.pool).await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_accounts;
