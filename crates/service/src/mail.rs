//! Outgoing e-mail and the job worker that sends it. E-mails are enqueued in the same transaction as the
//! change they announce, then sent at least once by the worker, with retries and back-off; any
//! instance may run the worker.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use store::{Job, NewJob};

use crate::app::App;

/// Where e-mail goes.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (plain or STARTTLS when offered is not negotiated: a local relay) or `None`
    /// to write each message as an `.eml` file into `outbox_dir` (development).
    pub smtp_url: Option<String>,
    /// The sender.
    pub from: String,
    /// Where messages go without SMTP.
    pub outbox_dir: PathBuf,
    /// Attempts before a message is given up.
    pub max_attempts: i64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_url: None,
            from: "Ata Zholy <no-reply@atajoly.kz>".into(),
            outbox_dir: PathBuf::from("data/outbox"),
            max_attempts: 8,
        }
    }
}

/// The payload of an `email` job: one plain-text message, already in the recipient's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// The recipient.
    pub to: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
}

/// The job that sends `email`; `dedup` makes a repeated enqueue a no-op.
pub fn email_job(email: &Email, now: i64, dedup: Option<String>, max_attempts: i64) -> NewJob {
    NewJob {
        kind: "email".into(),
        payload: serde_json::to_value(email).unwrap_or_default(),
        run_at: now,
        dedup_key: dedup,
        max_attempts,
    }
}

/// Sends messages.
#[derive(Clone)]
pub enum Mailer {
    /// Through an SMTP server.
    Smtp(Arc<AsyncSmtpTransport<Tokio1Executor>>, Mailbox),
    /// Into a directory, one `.eml` file per message.
    Dir(PathBuf, Mailbox),
}

/// What went wrong sending.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The configuration cannot work.
    #[error("mail configuration: {0}")]
    Config(String),
    /// The message cannot be built (a bad address).
    #[error("message: {0}")]
    Message(String),
    /// The server refused or could not be reached.
    #[error("sending: {0}")]
    Send(String),
}

impl Mailer {
    /// Builds the mailer the settings describe.
    pub fn new(s: &MailSettings) -> Result<Mailer, MailError> {
        let from: Mailbox = s.from.parse().map_err(|e| MailError::Config(format!("from {:?}: {e}", s.from)))?;
        match &s.smtp_url {
            None => Ok(Mailer::Dir(s.outbox_dir.clone(), from)),
            Some(url) => {
                let rest = url
                    .strip_prefix("smtp://")
                    .ok_or_else(|| MailError::Config(format!("smtp_url must start with smtp://, not {url:?}")))?;
                let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
                    Some((h, p)) => {
                        (h.to_owned(), p.parse::<u16>().map_err(|_| MailError::Config(format!("bad port in {url:?}")))?)
                    }
                    None => (rest.trim_end_matches('/').to_owned(), 25),
                };
                let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .port(port)
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp(Arc::new(transport), from))
            }
        }
    }

    /// Sends one message.
    pub async fn send(&self, email: &Email, message_id: &str) -> Result<(), MailError> {
        let from = match self {
            Mailer::Smtp(_, f) | Mailer::Dir(_, f) => f.clone(),
        };
        let to: Mailbox = email.to.parse().map_err(|e| MailError::Message(format!("to: {e}")))?;
        let msg = Message::builder()
            .from(from)
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(format!("<{message_id}@atajoly.kz>")))
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| MailError::Message(e.to_string()))?;
        match self {
            Mailer::Smtp(t, _) => t.send(msg).await.map(|_| ()).map_err(|e| MailError::Send(e.to_string())),
            Mailer::Dir(dir, _) => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| MailError::Send(e.to_string()))?;
                let path = dir.join(format!("{message_id}.eml"));
                tokio::fs::write(&path, msg.formatted()).await.map_err(|e| MailError::Send(e.to_string()))
            }
        }
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
        "email" => {
            let email: Email = serde_json::from_value(job.payload.clone()).map_err(|e| format!("payload: {e}"))?;
            app.mailer.send(&email, &format!("job-{}", job.id)).await.map_err(|e| e.to_string())?;
            metrics::counter!("emails_sent_total").increment(1);
            Ok(())
        }
        other => Err(format!("no handler for job kind {other:?}")),
    }
}

/// How often an instance reloads the calendar (administrators' edits reach every instance this fast).
const CALENDAR_EVERY: Duration = Duration::from_mins(1);
/// How often an instance looks for deadlines to remind of and escalate: deadlines are days, and each
/// notice is sent once whatever the cadence, so there is no need to scan every open case on every tick.
const SWEEP_EVERY: Duration = Duration::from_mins(15);

/// Runs the worker until the process ends: due jobs every `every`, the calendar reload and the
/// deadline sweep on their own slower cadences.
pub fn spawn_worker(app: crate::AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        let mut calendar_at: Option<std::time::Instant> = None;
        let mut sweep_at: Option<std::time::Instant> = None;
        let due = |at: Option<std::time::Instant>, every: Duration| at.is_none_or(|t| t.elapsed() >= every);
        loop {
            tick.tick().await;
            if due(calendar_at, CALENDAR_EVERY) {
                calendar_at = Some(std::time::Instant::now());
                if let Err(e) = app.reload_calendar().await {
                    tracing::error!(error = %e, "calendar reload");
                }
            }
            if due(sweep_at, SWEEP_EVERY) {
                sweep_at = Some(std::time::Instant::now());
                if let Err(e) = crate::cases::sweep_deadlines(&app).await {
                    tracing::error!(error = %e, "deadline sweep");
                }
                if let Err(e) = crate::cards::expire(&app).await {
                    tracing::error!(error = %e, "card expiry");
                }
            }
            if let Err(e) = run_due_jobs(&app).await {
                tracing::error!(error = %e, "job worker");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!([1, 2, 3, 4, 7, 8, 20].map(backoff), [30, 60, 120, 240, 1920, 3600, 3600]);
    }
}
