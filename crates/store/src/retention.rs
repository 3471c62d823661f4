//! Deleting what is kept no longer, in batches (`service::retention` decides what is due and records
//! each sweep in the audit log; `docs/retention.md` is the policy). A draft is *erased*, not deleted:
//! its row and its history stay (they are in the append-only audit log, and hold no content), while its
//! answers, the keys that find duplicates and its documents go; its files' storage keys are returned
//! for the caller to remove from the file store once the change has committed.

use crate::StoreError;
use crate::applications::Event;

/// Deleting what is due.
#[async_trait::async_trait]
pub trait RetentionRepo {
    /// Drafts not changed since `before` and not erased (at most `limit` ids, oldest first).
    async fn idle_drafts(&self, before: i64, limit: i64) -> Result<Vec<i64>, StoreError>;
    /// Erases draft `id` (answers, duplicate keys, e-mail, documents) and records `event`, in one
    /// transaction. Returns the storage keys of its files, or `None` when it is not an unerased draft.
    async fn erase_draft(&self, id: i64, event: &Event) -> Result<Option<Vec<String>>, StoreError>;
    /// Deletes sessions that ended before `now` (at most `limit`); returns how many.
    async fn purge_sessions(&self, now: i64, limit: i64) -> Result<u64, StoreError>;
    /// Deletes e-mail tokens that expired before `before` (at most `limit`).
    async fn purge_tokens(&self, before: i64, limit: i64) -> Result<u64, StoreError>;
    /// Deletes finished jobs (done, or dead after their last attempt) that finished before `before` (at most `limit`).
    async fn purge_jobs(&self, before: i64, limit: i64) -> Result<u64, StoreError>;
    /// Deletes card checks logged before `before` (at most `limit`).
    async fn purge_verifications(&self, before: i64, limit: i64) -> Result<u64, StoreError>;
    /// Cases in the final `status` whose move to it (its last event that entered it) is older than
    /// `before` and whose documents and answers are still kept (at most `limit` ids, lowest first).
    async fn decided_due(&self, status: &str, before: i64, limit: i64) -> Result<Vec<i64>, StoreError>;
    /// Erases what a decided case keeps no longer, in one transaction, while it is still in `status`
    /// and not erased: its documents (rows; their reviews go with them), its answers replaced by `kept`
    /// (what the card still needs, or nothing), the corrections snapshot and idempotency key, the
    /// duplicate-finding keys unless `keep_keys`; sets `content_erased_at` and records `event`.
    /// Returns the storage keys of its files, or `None` when there was nothing to erase.
    async fn erase_decided(
        &self,
        id: i64,
        status: &str,
        kept: &serde_json::Value,
        keep_keys: bool,
        event: &Event,
    ) -> Result<Option<Vec<String>>, StoreError>;
}

/// Implements [`RetentionRepo`] for a store (the applications' `event_in` in scope; `$lock` locks the
/// draft's row where the backend can).
macro_rules! impl_retention {
    ($store:ty, $db:ty, $lock:expr) => {
        /// Deletes a case's document rows in `tx`; the storage keys of their files, to delete after commit.
        async fn documents_out(tx: &mut sqlx::Transaction<'_, $db>, id: i64) -> Result<Vec<String>, sqlx::Error> {
            let keys: Vec<String> = sqlx::query_scalar("SELECT blob_key FROM documents WHERE application_id = $1")
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM documents WHERE application_id = $1").bind(id).execute(&mut **tx).await?;
            Ok(keys)
        }

        /// One batch of a purge: `sql` deletes at most `$2` rows older than `$1`; how many went.
        async fn purge(pool: &sqlx::Pool<$db>, sql: &str, before: i64, limit: i64) -> Result<u64, $crate::StoreError> {
            Ok(sqlx::query(sql).bind(before).bind(limit).execute(pool).await?.rows_affected())
        }

        #[async_trait::async_trait]
        impl $crate::retention::RetentionRepo for $store {
            async fn idle_drafts(&self, before: i64, limit: i64) -> Result<Vec<i64>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT id FROM applications WHERE status = 'draft' AND erased_at IS NULL AND updated_at < $1 \
                     ORDER BY updated_at, id LIMIT $2",
                )
                .bind(before)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn erase_draft(
                &self,
                id: i64,
                event: &$crate::applications::Event,
            ) -> Result<Option<Vec<String>>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let sql = format!("SELECT status FROM applications WHERE id = $1 AND erased_at IS NULL{}", $lock);
                let status: Option<String> = sqlx::query_scalar(&sql).bind(id).fetch_optional(&mut *tx).await?;
                if status.as_deref() != Some("draft") {
                    return Ok(None);
                }
                let keys = documents_out(&mut tx, id).await?;
                sqlx::query(
                    "UPDATE applications SET answers = '{}', applicant_email = NULL, passport_number = NULL, \
                     name_key_latin = NULL, name_key_kk = NULL, birth_date = NULL, idempotency_key = NULL, \
                     reopened_snapshot = NULL, category = NULL, country = NULL, erased_at = $2, updated_at = $2, \
                     version = version + 1 WHERE id = $1",
                )
                .bind(id)
                .bind(event.at)
                .execute(&mut *tx)
                .await?;
                event_in(&mut tx, id, event).await?;
                tx.commit().await?;
                Ok(Some(keys))
            }

            async fn purge_sessions(&self, now: i64, limit: i64) -> Result<u64, $crate::StoreError> {
                purge(
                    &self.pool,
                    "DELETE FROM sessions WHERE token_hash IN \
                     (SELECT token_hash FROM sessions WHERE expires_at < $1 LIMIT $2)",
                    now,
                    limit,
                )
                .await
            }

            async fn purge_tokens(&self, before: i64, limit: i64) -> Result<u64, $crate::StoreError> {
                purge(
                    &self.pool,
                    "DELETE FROM email_tokens WHERE token_hash IN \
                     (SELECT token_hash FROM email_tokens WHERE expires_at < $1 LIMIT $2)",
                    before,
                    limit,
                )
                .await
            }

            async fn purge_jobs(&self, before: i64, limit: i64) -> Result<u64, $crate::StoreError> {
                purge(
                    &self.pool,
                    "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state IN ('done', 'dead') \
                     AND finished_at < $1 LIMIT $2)",
                    before,
                    limit,
                )
                .await
            }

            async fn purge_verifications(&self, before: i64, limit: i64) -> Result<u64, $crate::StoreError> {
                let sql = "DELETE FROM verifications WHERE id IN (SELECT id FROM verifications WHERE at < $1 LIMIT $2)";
                purge(&self.pool, sql, before, limit).await
            }

            async fn decided_due(&self, status: &str, before: i64, limit: i64) -> Result<Vec<i64>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT a.id FROM applications a WHERE a.status = $1 AND a.erased_at IS NULL \
                     AND a.content_erased_at IS NULL AND (SELECT MAX(e.at) FROM application_events e \
                     WHERE e.application_id = a.id AND e.to_status = $1 AND e.from_status <> $1) < $2 \
                     ORDER BY a.id LIMIT $3",
                )
                .bind(status)
                .bind(before)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn erase_decided(
                &self,
                id: i64,
                status: &str,
                kept: &serde_json::Value,
                keep_keys: bool,
                event: &$crate::applications::Event,
            ) -> Result<Option<Vec<String>>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let sql = format!(
                    "SELECT status FROM applications WHERE id = $1 AND erased_at IS NULL AND content_erased_at IS NULL{}",
                    $lock
                );
                let now: Option<String> = sqlx::query_scalar(&sql).bind(id).fetch_optional(&mut *tx).await?;
                if now.as_deref() != Some(status) {
                    return Ok(None);
                }
                let keys = documents_out(&mut tx, id).await?;
                let keys_sql = if keep_keys {
                    ""
                } else {
                    ", passport_number = NULL, name_key_latin = NULL, name_key_kk = NULL, birth_date = NULL"
                };
                let sql = format!(
                    "UPDATE applications SET answers = $2, reopened_snapshot = NULL, idempotency_key = NULL, \
                     content_erased_at = $3, version = version + 1{keys_sql} WHERE id = $1"
                );
                sqlx::query(&sql).bind(id).bind(kept.to_string()).bind(event.at).execute(&mut *tx).await?;
                event_in(&mut tx, id, event).await?;
                tx.commit().await?;
                Ok(Some(keys))
            }
        }
    };
}
pub(crate) use impl_retention;
