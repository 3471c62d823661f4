//! Sessions: starting one, reading it with its user on each request, listing and ending them.

use super::types::{Session, SessionInfo, SessionMeta, User};
use crate::StoreError;

/// Sessions of signed-in users.
#[async_trait::async_trait]
pub trait SessionRepo {
    /// Starts a session.
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;
    /// The live session with this hash and its user.
    async fn session(&self, token_hash: &str, now: i64) -> Result<Option<(Session, User)>, StoreError>;
    /// Ends a session; `true` when there was one.
    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError>;
    /// Starts a session with what it records besides its secret.
    async fn start_session(&self, session: &Session, meta: &SessionMeta) -> Result<(), StoreError>;
    /// A user's live sessions (not the halves of sign-ins waiting for a code), newest first.
    async fn sessions_of(&self, user_id: i64, now: i64) -> Result<Vec<SessionInfo>, StoreError>;
    /// Ends one of a user's sessions by its public id; `false` when they have none of that id.
    async fn end_session_of(&self, user_id: i64, id: &str) -> Result<bool, StoreError>;
}

/// Generates [`SessionRepo`] for one backend. It calls `user_row` of `impl_users!`, expanded in the same
/// module.
macro_rules! impl_sessions {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::accounts::SessionRepo for $store {
            async fn create_session(&self, s: &$crate::accounts::Session) -> Result<(), $crate::StoreError> {
                $crate::accounts::SessionRepo::start_session(self, s, &$crate::accounts::SessionMeta::default()).await
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
        }
    };
}

pub(crate) use impl_sessions;
