//! Users: creating an account, finding one by address or id; the row reader the other repositories use.

use super::types::{NewToken, NewUser, User};
use crate::StoreError;
use crate::jobs::NewJob;

/// Accounts: creating one, finding one.
#[async_trait::async_trait]
pub trait UserRepo {
    /// Creates the account with its verification token and enqueues `jobs`, all in one transaction;
    /// `None` (and nothing written) when the address is taken.
    async fn create_user(&self, user: &NewUser, token: &NewToken, jobs: &[NewJob]) -> Result<Option<User>, StoreError>;
    /// The account with this (lower-cased) address.
    async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError>;
    /// The account with this id.
    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError>;
}

pub(crate) const USER_COLUMNS: &str = "id, email, password_hash, lang, role, office, verified_at, created_at, name, enrolled_at, disabled_at, disabled_reason";

/// Generates [`UserRepo`] for one backend, with `user_row` and `user_in`, which the other account
/// repositories of the backend call. It calls `enqueue_in` of `impl_jobs!`, expanded in the same module.
macro_rules! impl_users {
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

        async fn user_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: i64,
        ) -> Result<$crate::accounts::User, $crate::StoreError> {
            let sql = format!("SELECT {} FROM users WHERE id = $1", $crate::accounts::USER_COLUMNS);
            let row = sqlx::query(&sql).bind(id).fetch_one(&mut **tx).await?;
            Ok(user_row(&row)?)
        }

        #[async_trait::async_trait]
        impl $crate::accounts::UserRepo for $store {
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
        }
    };
}

pub(crate) use impl_users;
