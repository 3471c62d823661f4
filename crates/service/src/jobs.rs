//! Background jobs: each kind is a type with its payload and its handler; jobs are enqueued in the same
//! transaction as the change they belong to, then run at least once by a worker on any instance, with
//! retries and back-off (`crate::worker` runs them).

use serde::Serialize;
use serde::de::DeserializeOwned;
use store::{Job, NewJob};

use crate::app::App;
use crate::mail::Email;

/// A kind of job: its name in the queue, its payload, and what running it does.
pub trait JobKind {
    /// The `kind` stored with each job.
    const KIND: &'static str;
    /// What the job carries.
    type Payload: Serialize + DeserializeOwned;
    /// Runs the job (`job_id` makes delivery idempotent where the other side allows it).
    fn handle(app: &App, job_id: i64, payload: Self::Payload) -> impl Future<Output = Result<(), String>> + Send;
}

/// Sends one e-mail.
pub struct SendEmail;

impl JobKind for SendEmail {
    const KIND: &'static str = "email";
    type Payload = Email;

    async fn handle(app: &App, job_id: i64, email: Email) -> Result<(), String> {
        app.mailer.send(&email, &format!("job-{job_id}")).await.map_err(|e| e.to_string())?;
        metrics::counter!("emails_sent_total").increment(1);
        Ok(())
    }
}

/// The job that sends `email`; `dedup` makes a repeated enqueue a no-op.
pub fn email_job(email: &Email, now: i64, dedup: Option<String>, max_attempts: i64) -> NewJob {
    new_job::<SendEmail>(email, now, dedup, max_attempts)
}

/// A job of kind `K` due `now`; `dedup` makes a repeated enqueue a no-op.
pub fn new_job<K: JobKind>(payload: &K::Payload, now: i64, dedup: Option<String>, max_attempts: i64) -> NewJob {
    NewJob {
        kind: K::KIND.into(),
        payload: serde_json::to_value(payload).unwrap_or_default(),
        run_at: now,
        dedup_key: dedup,
        max_attempts,
    }
}

/// The wait before the next attempt: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    (30_i64 << exp).min(3600)
}

/// How long a claimed job is hidden from other workers.
const LEASE_SECS: i64 = 120;

/// Runs every due job once; returns how many ran (succeeded or failed).
pub async fn run_due_jobs(app: &App) -> Result<usize, store::StoreError> {
    let mut ran = 0;
    loop {
        let now = app.clock.now().unix_timestamp();
        let Some(job) = app.store.claim(now, LEASE_SECS).await? else {
            return Ok(ran);
        };
        ran += 1;
        let outcome = handle(app, &job).await;
        let now = app.clock.now().unix_timestamp();
        match outcome {
            Ok(()) => app.store.complete(job.id, now).await?,
            Err(e) => {
                tracing::warn!(job = job.id, kind = job.kind, attempts = job.attempts, error = %e, "job failed");
                metrics::counter!("jobs_failed_total", "kind" => job.kind.clone()).increment(1);
                app.store.fail(job.id, &e, now, now + backoff(job.attempts)).await?;
            }
        }
    }
}

async fn handle(app: &App, job: &Job) -> Result<(), String> {
    match job.kind.as_str() {
        SendEmail::KIND => run::<SendEmail>(app, job).await,
        other => Err(format!("no handler for job kind {other:?}")),
    }
}

async fn run<K: JobKind>(app: &App, job: &Job) -> Result<(), String> {
    let payload: K::Payload = serde_json::from_value(job.payload.clone()).map_err(|e| format!("payload: {e}"))?;
    K::handle(app, job.id, payload).await
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!([1, 2, 3, 4, 7, 8, 20].map(backoff), [30, 60, 120, 240, 1920, 3600, 3600]);
    }
}
