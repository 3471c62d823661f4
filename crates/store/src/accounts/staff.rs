//! Staff accounts: creation, enrolment, the second factor (TOTP), disabling, and role changes.

use super::types::{Enrolment, NewRoleChange, NewStaff, NewToken, NewUser, RoleChange, RoleDecision, User};
use crate::StoreError;
use crate::jobs::NewJob;

/// Staff accounts, their second factor and their roles.
#[async_trait::async_trait]
pub trait StaffRepo {
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
    /// Every stored TOTP secret: account, address, stored value.
    async fn totp_secrets(&self) -> Result<Vec<(i64, String, String)>, StoreError>;
    /// Replaces a stored TOTP secret if it is still `from` (a re-seal); `false` when it changed meanwhile.
    async fn replace_totp_secret(&self, user_id: i64, from: &str, to: &str) -> Result<bool, StoreError>;
    /// Proposes a role change; `None` when the account has an open one already.
    async fn propose_role_change(&self, change: &NewRoleChange) -> Result<Option<i64>, StoreError>;
    /// Role changes: the open ones, or (`open` false) the last decided ones too, newest first.
    async fn role_changes(&self, open: bool) -> Result<Vec<RoleChange>, StoreError>;
    /// Another administrator approves (the role and office change, in the same transaction) or rejects
    /// an open role change.
    async fn decide_role_change(&self, id: i64, by: i64, approve: bool, now: i64) -> Result<RoleDecision, StoreError>;
}

/// Generates [`StaffRepo`] for one backend. It calls `user_in` of `impl_users!`, the token helpers of
/// `impl_tokens!` and `enqueue_in` of `impl_jobs!`, expanded in the same module.
macro_rules! impl_staff {
    ($store:ty, $db:ty) => {
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
        impl $crate::accounts::StaffRepo for $store {
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

pub(crate) use impl_staff;
