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

/// The payload of a `sealed_email` job: an e-mail that carries a link with a token, sealed under the
/// secrets key (`crate::secrets`), so the job table never holds a usable link; `None` once delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SealedMail {
    /// The sealed JSON of the [`Email`].
    pub sealed: Option<String>,
}

/// Sends one e-mail whose text is sealed, then forgets it.
pub struct SendSealedEmail;

impl JobKind for SendSealedEmail {
    const KIND: &'static str = "sealed_email";
    type Payload = SealedMail;

    async fn handle(app: &App, job_id: i64, mail: SealedMail) -> Result<(), String> {
        let Some(sealed) = mail.sealed else {
            // Delivered already (the worker stopped before marking the job done).
            return Ok(());
        };
        let clear = crate::secrets::open(&app.settings.secrets_keys, crate::secrets::MAIL_PLACE, &sealed)
            .map_err(|e| e.to_string())?;
        let email: Email = serde_json::from_slice(&clear).map_err(|e| format!("sealed payload: {e}"))?;
        app.mailer.send(&email, &format!("job-{job_id}")).await.map_err(|e| e.to_string())?;
        metrics::counter!("emails_sent_total").increment(1);
        // Not even the sealed link is kept once it is out.
        let forgotten = serde_json::to_value(SealedMail { sealed: None }).map_err(|e| e.to_string())?;
        app.store.set_job_payload(job_id, &forgotten).await.map_err(|e| e.to_string())
    }
}

/// The job that sends `email`, which carries a link with a token: sealed, forgotten once sent.
pub fn sealed_email_job(app: &App, email: &Email, now: i64) -> Result<NewJob, crate::AppError> {
    sealed_email_job_with(&app.settings.secrets_keys, email, now, app.settings.mail.max_attempts)
}

/// [`sealed_email_job`] with the key ring given (the command line has no `App`).
pub fn sealed_email_job_with(
    keys: &crate::files::FileKeys,
    email: &Email,
    now: i64,
    max_attempts: i64,
) -> Result<NewJob, crate::AppError> {
    let json = serde_json::to_vec(email).map_err(|e| crate::AppError::internal(&e))?;
    let sealed = crate::secrets::seal(keys, crate::secrets::MAIL_PLACE, &json)?;
    Ok(new_job::<SendSealedEmail>(&SealedMail { sealed: Some(sealed) }, now, None, max_attempts))
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
        SendSealedEmail::KIND => run::<SendSealedEmail>(app, job).await,
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
