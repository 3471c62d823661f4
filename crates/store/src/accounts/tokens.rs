//! Single-use e-mail tokens: a new link, verifying an address, resetting a password.

use super::types::{NewToken, TokenPurpose, User};
use crate::StoreError;
use crate::jobs::NewJob;

/// The single-use links sent by e-mail.
#[async_trait::async_trait]
pub trait TokenRepo {
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
}

/// Generates [`TokenRepo`] for one backend, with `use_token`, `insert_token` and `void_tokens`, which
/// the staff repository of the backend calls too. It calls `user_in` of `impl_users!` and `enqueue_in`
/// of `impl_jobs!`, expanded in the same module.
macro_rules! impl_tokens {
    ($store:ty, $db:ty) => {
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

        #[async_trait::async_trait]
        impl $crate::accounts::TokenRepo for $store {
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
        }
    };
}

pub(crate) use impl_tokens;
