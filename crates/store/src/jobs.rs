//! The durable job queue (at-least-once delivery, retries with back-off, deduplication) and the in-app
//! inbox. Instants are Unix seconds (UTC); one SQL text serves both backends, generated for each by
//! `impl_jobs!`.

use serde::{Deserialize, Serialize};

use crate::StoreError;

/// Work to do later: sent through the job queue at least once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewJob {
    /// Which handler runs it (`email`).
    pub kind: String,
    /// The handler's input.
    pub payload: serde_json::Value,
    /// Not before.
    pub run_at: i64,
    /// A job with the same key is enqueued once.
    pub dedup_key: Option<String>,
    /// Attempts before the job is given up (`dead`).
    pub max_attempts: i64,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The id.
    pub id: i64,
    /// The handler.
    pub kind: String,
    /// The input.
    pub payload: serde_json::Value,
    /// Attempts so far, this one included once claimed.
    pub attempts: i64,
    /// The limit.
    pub max_attempts: i64,
    /// `pending`, `done` or `dead`.
    pub state: String,
    /// The last failure.
    pub last_error: Option<String>,
    /// Next run.
    pub run_at: i64,
}

/// A message in a user's in-app inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboxMessage {
    /// The id.
    pub id: i64,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// When it arrived.
    pub created_at: i64,
}

/// The durable job queue: at-least-once delivery, retries with back-off, deduplication.
#[async_trait::async_trait]
pub trait JobRepo {
    /// Enqueues a job; `false` when a job with the same dedup key exists.
    async fn enqueue(&self, job: &NewJob, now: i64) -> Result<bool, StoreError>;
    /// Claims the next due job for `lease` seconds (another worker sees it again only after that).
    async fn claim(&self, now: i64, lease: i64) -> Result<Option<Job>, StoreError>;
    /// Marks a job done.
    async fn complete(&self, id: i64, now: i64) -> Result<(), StoreError>;
    /// Records a failure: retried at `retry_at`, or `dead` once its attempts are used up.
    async fn fail(&self, id: i64, error: &str, now: i64, retry_at: i64) -> Result<(), StoreError>;
    /// A job by id.
    async fn job(&self, id: i64) -> Result<Option<Job>, StoreError>;
    /// Jobs by state (`pending`, `done`, `dead`), oldest first.
    async fn jobs_in_state(&self, state: &str) -> Result<Vec<Job>, StoreError>;
    /// The jobs of `kind` still to run (pending), with their payloads.
    async fn open_jobs(&self, kind: &str) -> Result<Vec<(i64, serde_json::Value)>, StoreError>;
    /// Replaces a job's payload (a re-seal, or forgetting a delivered message).
    async fn set_job_payload(&self, id: i64, payload: &serde_json::Value) -> Result<(), StoreError>;
}

/// The in-app inbox.
#[async_trait::async_trait]
pub trait InboxRepo {
    /// Adds a message.
    async fn add_message(&self, user_id: i64, subject: &str, body: &str, now: i64) -> Result<i64, StoreError>;
    /// A user's messages, newest first.
    async fn inbox(&self, user_id: i64) -> Result<Vec<InboxMessage>, StoreError>;
}

pub(crate) const JOB_COLUMNS: &str = "id, kind, payload, attempts, max_attempts, state, last_error, run_at";

/// Generates the repositories above for one backend. Both backends take the same SQL; what differs is
/// passed in: the database type and the row lock of a job claim. The expansion also defines
/// `enqueue_in`, which the other repositories of the backend call to enqueue inside their transaction.
macro_rules! impl_jobs {
    ($store:ty, $db:ty, $claim_lock:expr) => {
        fn job_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::jobs::Job, sqlx::Error> {
            use sqlx::Row as _;
            let payload: String = r.try_get("payload")?;
            Ok($crate::jobs::Job {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                payload: serde_json::from_str(&payload).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                attempts: r.try_get("attempts")?,
                max_attempts: r.try_get("max_attempts")?,
                state: r.try_get("state")?,
                last_error: r.try_get("last_error")?,
                run_at: r.try_get("run_at")?,
            })
        }

        async fn enqueue_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            job: &$crate::jobs::NewJob,
            now: i64,
        ) -> Result<bool, $crate::StoreError> {
            let r = sqlx::query(
                "INSERT INTO jobs (kind, payload, dedup_key, run_at, max_attempts, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedup_key) DO NOTHING",
            )
            .bind(&job.kind)
            .bind(job.payload.to_string())
            .bind(&job.dedup_key)
            .bind(job.run_at)
            .bind(job.max_attempts.max(1))
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok(r.rows_affected() == 1)
        }

        #[async_trait::async_trait]
        impl $crate::jobs::JobRepo for $store {
            async fn enqueue(&self, job: &$crate::jobs::NewJob, now: i64) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let inserted = enqueue_in(&mut tx, job, now).await?;
                tx.commit().await?;
                Ok(inserted)
            }

            async fn claim(&self, now: i64, lease: i64) -> Result<Option<$crate::jobs::Job>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let sql = format!(
                    "SELECT id FROM jobs WHERE state = 'pending' AND run_at <= $1 \
                     AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_at, id LIMIT 1{}",
                    $claim_lock
                );
                let id: Option<i64> = sqlx::query_scalar(&sql).bind(now).fetch_optional(&mut *tx).await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                let sql = format!(
                    "UPDATE jobs SET attempts = attempts + 1, locked_until = $1 WHERE id = $2 RETURNING {}",
                    $crate::jobs::JOB_COLUMNS
                );
                let row = sqlx::query(&sql).bind(now + lease).bind(id).fetch_one(&mut *tx).await?;
                let job = job_row(&row)?;
                tx.commit().await?;
                Ok(Some(job))
            }

            async fn complete(&self, id: i64, now: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE jobs SET state = 'done', finished_at = $1, locked_until = NULL WHERE id = $2")
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn fail(&self, id: i64, error: &str, now: i64, retry_at: i64) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE jobs SET last_error = $1, locked_until = NULL, \
                     state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END, \
                     finished_at = CASE WHEN attempts >= max_attempts THEN $2 ELSE NULL END, \
                     run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE $3 END WHERE id = $4",
                )
                .bind(error)
                .bind(now)
                .bind(retry_at)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn job(&self, id: i64) -> Result<Option<$crate::jobs::Job>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM jobs WHERE id = $1", $crate::jobs::JOB_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(job_row).transpose()?)
            }

            async fn jobs_in_state(&self, state: &str) -> Result<Vec<$crate::jobs::Job>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM jobs WHERE state = $1 ORDER BY id", $crate::jobs::JOB_COLUMNS);
                let rows = sqlx::query(&sql).bind(state).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(job_row).collect::<Result<_, _>>()?)
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
        }

        #[async_trait::async_trait]
        impl $crate::jobs::InboxRepo for $store {
            async fn add_message(
                &self,
                user_id: i64,
                subject: &str,
                body: &str,
                now: i64,
            ) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO inbox (user_id, subject, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(user_id)
                .bind(subject)
                .bind(body)
                .bind(now)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn inbox(&self, user_id: i64) -> Result<Vec<$crate::jobs::InboxMessage>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT id, subject, body, created_at FROM inbox WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok($crate::jobs::InboxMessage {
                            id: r.try_get("id")?,
                            subject: r.try_get("subject")?,
                            body: r.try_get("body")?,
                            created_at: r.try_get("created_at")?,
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err($crate::StoreError::from)
            }
        }
    };
}

pub(crate) use impl_jobs;
