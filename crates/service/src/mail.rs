//! Outgoing e-mail: SMTP, or `.eml` files in an outbox directory. E-mails are enqueued as jobs in the
//! same transaction as the change they announce (`crate::jobs`), then sent at least once.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

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
