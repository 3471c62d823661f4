//! Rate limits' counters (decision 0023): one row per key and fixed window, counted by one atomic
//! statement per attempt, so that parallel attempts, on one instance or many, each see their own count.
//! The service decides on the count it gets back; the retention sweep deletes windows that have ended.

use crate::StoreError;

/// The counters of rate limits.
#[async_trait::async_trait]
pub trait LimitRepo {
    /// Counts one attempt under `key` in the window that starts at `window_start`; the count with it.
    async fn count_attempt(&self, key: &str, window_start: i64) -> Result<i64, StoreError> {
        self.count_attempts(key, window_start, 1).await
    }
    /// Counts `n` attempts under `key` in that window at once (an instance's batch); the count with them.
    async fn count_attempts(&self, key: &str, window_start: i64, n: i64) -> Result<i64, StoreError>;
    /// Takes back one attempt under `key` in that window (it turned out not to be a failure).
    async fn uncount_attempt(&self, key: &str, window_start: i64) -> Result<(), StoreError>;
    /// Forgets every window of `key` (a successful sign-in clears its failures).
    async fn forget_attempts(&self, key: &str) -> Result<(), StoreError>;
    /// Deletes windows that started before `before` (at most `limit`); returns how many.
    async fn purge_rate_limits(&self, before: i64, limit: i64) -> Result<u64, StoreError>;
}

/// The statement that counts an attempt: the same text on SQLite and PostgreSQL, atomic on both (the
/// row is created or incremented under the database's own lock, and the new count is returned).
pub const COUNT_ATTEMPT: &str = "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3) \
     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + $3 RETURNING count";

/// Implements [`LimitRepo`] for a store.
macro_rules! impl_limits {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::limits::LimitRepo for $store {
            async fn count_attempts(&self, key: &str, window_start: i64, n: i64) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar($crate::limits::COUNT_ATTEMPT)
                    .bind(key)
                    .bind(window_start)
                    .bind(n)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn uncount_attempt(&self, key: &str, window_start: i64) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE rate_limits SET count = count - 1 WHERE key = $1 AND window_start = $2 AND count > 0",
                )
                .bind(key)
                .bind(window_start)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn forget_attempts(&self, key: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM rate_limits WHERE key = $1").bind(key).execute(&self.pool).await?;
                Ok(())
            }

            async fn purge_rate_limits(&self, before: i64, limit: i64) -> Result<u64, $crate::StoreError> {
                let r = sqlx::query(
                    "DELETE FROM rate_limits WHERE (key, window_start) IN \
                     (SELECT key, window_start FROM rate_limits WHERE window_start < $1 LIMIT $2)",
                )
                .bind(before)
                .bind(limit)
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected())
            }
        }
    };
}
pub(crate) use impl_limits;
