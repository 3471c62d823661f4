//! Outgoing e-mail: SMTP, or `.eml` files in an outbox directory. E-mails are enqueued as jobs in the
//! same transaction as the change they announce (`crate::jobs`), then sent at least once.
//!
//! The relay is named by a URL ([`SmtpUrl`]): `smtps://` (TLS from the first byte, port 465),
//! `smtp+starttls://` (STARTTLS required: a server that does not offer it is refused, port 587), or
//! `smtp://` (in clear, port 25: only for a relay on the same machine or network, and never with
//! credentials). TLS is rustls on ring, trusting the system's roots and `ATAJOLY_SMTP_CA_FILE`'s.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

/// Where e-mail goes.
#[derive(Clone)]
pub struct MailSettings {
    /// The relay's URL ([`SmtpUrl`]: `smtps://`, `smtp+starttls://` or, in clear, `smtp://`), or
    /// `None` to write each message as an `.eml` file into `outbox_dir` (development).
    pub smtp_url: Option<String>,
    /// A PEM file of certificates the relay's may be signed by, besides the system's roots.
    pub smtp_ca_file: Option<PathBuf>,
    /// The sender.
    pub from: String,
    /// Where messages go without SMTP.
    pub outbox_dir: PathBuf,
    /// Attempts before a message is given up.
    pub max_attempts: i64,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("smtp_url", &self.smtp_url.as_deref().map(store::redact_url))
            .field("smtp_ca_file", &self.smtp_ca_file)
            .field("from", &self.from)
            .field("outbox_dir", &self.outbox_dir)
            .field("max_attempts", &self.max_attempts)
            .finish()
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_url: None,
            smtp_ca_file: None,
            from: "Ata Zholy <no-reply@atajoly.kz>".into(),
            outbox_dir: PathBuf::from("data/outbox"),
            max_attempts: 8,
        }
    }
}

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://`: in clear (a relay on the same machine or a closed network).
    Plain,
    /// `smtp+starttls://`: in clear until STARTTLS, which the server must offer.
    StartTls,
    /// `smtps://`: TLS from the first byte (implicit TLS, RFC 8314).
    Tls,
}

/// The relay an `smtp_url` names: `SCHEME://[user:password@]host[:port]`, the user and password
/// percent-encoded. The password is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    /// How the connection is protected.
    pub security: SmtpSecurity,
    /// The host name or address, which the server's certificate must name.
    pub host: String,
    /// The port (default 25, 587 or 465 by the scheme).
    pub port: u16,
    /// The user and password to authenticate with (only over TLS).
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpUrl")
            .field("security", &self.security)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.credentials.as_ref().map(|(u, _)| u))
            .finish_non_exhaustive()
    }
}

impl SmtpUrl {
    /// Parses an `smtp_url`; errors name the URL with its password hidden.
    pub fn parse(text: &str) -> Result<SmtpUrl, MailError> {
        let shown = store::redact_url(text);
        let bad = |why: &str| MailError::Config(format!("ATAJOLY_SMTP_URL {shown}: {why}"));
        let url = url::Url::parse(text).map_err(|e| bad(&e.to_string()))?;
        let (security, default_port) = match url.scheme() {
            "smtp" => (SmtpSecurity::Plain, 25),
            "smtp+starttls" => (SmtpSecurity::StartTls, 587),
            "smtps" => (SmtpSecurity::Tls, 465),
            _ => return Err(bad("the scheme must be smtps://, smtp+starttls:// or (in clear) smtp://")),
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_owned(),
            Some(url::Host::Ipv4(a)) => a.to_string(),
            Some(url::Host::Ipv6(a)) => a.to_string(),
            _ => return Err(bad("no host")),
        };
        if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
            return Err(bad("only SCHEME://[user:password@]host[:port] is understood"));
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(std::borrow::Cow::into_owned)
                .map_err(|_| bad("the user and password must be percent-encoded UTF-8"))
        };
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, Some(password)) if !user.is_empty() => Some((decode(user)?, decode(password)?)),
            _ => return Err(bad("give both a user and a password, or neither")),
        };
        if credentials.is_some() && security == SmtpSecurity::Plain {
            return Err(bad(
                "credentials are refused on smtp://, where they would travel in clear; use smtps:// or smtp+starttls://",
            ));
        }
        Ok(SmtpUrl { security, host, port: url.port().unwrap_or(default_port), credentials })
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

/// What the relay's certificate is checked against: the system's roots and the extra CA file's.
fn tls_parameters(host: &str, s: &MailSettings) -> Result<TlsParameters, MailError> {
    crate::tls::use_ring();
    let mut params = TlsParameters::builder(host.to_owned());
    if let Some(ca) = &s.smtp_ca_file {
        for cert in crate::tls::extra_roots(ca).map_err(MailError::Config)? {
            let cert = Certificate::from_der(cert.to_vec())
                .map_err(|e| MailError::Config(format!("the certificate file {}: {e}", ca.display())))?;
            params = params.add_root_certificate(cert);
        }
    }
    params.build_rustls().map_err(|e| MailError::Config(format!("TLS for the SMTP relay {host}: {e}")))
}

/// Whether `host` is this machine (where a relay in clear is expected).
fn is_local(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_loopback())
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
        let Some(text) = &s.smtp_url else {
            return Ok(Mailer::Dir(s.outbox_dir.clone(), from));
        };
        let url = SmtpUrl::parse(text)?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(url.host.clone())
            .port(url.port)
            .timeout(Some(Duration::from_secs(20)));
        builder = match url.security {
            SmtpSecurity::Plain => {
                if s.smtp_ca_file.is_some() {
                    return Err(MailError::Config(
                        "ATAJOLY_SMTP_CA_FILE is set but ATAJOLY_SMTP_URL is smtp:// (in clear): \
                         use smtps:// or smtp+starttls://"
                            .into(),
                    ));
                }
                if !is_local(&url.host) {
                    tracing::warn!(
                        relay = %store::redact_url(text),
                        "e-mail goes to a relay in clear (smtp://): use smtps:// or smtp+starttls:// \
                         unless the relay is on this machine or a closed network"
                    );
                }
                builder.tls(Tls::None)
            }
            SmtpSecurity::StartTls => builder.tls(Tls::Required(tls_parameters(&url.host, s)?)),
            SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls_parameters(&url.host, s)?)),
        };
        if let Some((user, password)) = url.credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Mailer::Smtp(Arc::new(builder.build()), from))
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

#[cfg(test)]
mod tests {
    use super::{MailError, MailSettings, Mailer, SmtpSecurity, SmtpUrl};

    fn parse(url: &str) -> SmtpUrl {
        SmtpUrl::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    fn refused(url: &str) -> String {
        match SmtpUrl::parse(url) {
            Err(MailError::Config(e)) => e,
            other => panic!("{url} is accepted: {other:?}"),
        }
    }

    #[test]
    fn each_scheme_has_its_protection_and_default_port() {
        let u = parse("smtp://127.0.0.1");
        assert_eq!((u.security, u.host.as_str(), u.port, u.credentials), (SmtpSecurity::Plain, "127.0.0.1", 25, None));
        let u = parse("smtp+starttls://mail.example.kz");
        assert_eq!((u.security, u.port), (SmtpSecurity::StartTls, 587));
        let u = parse("smtps://mail.example.kz/");
        assert_eq!((u.security, u.port), (SmtpSecurity::Tls, 465));
        let u = parse("smtps://[::1]:2465");
        assert_eq!((u.host.as_str(), u.port), ("::1", 2465));
    }

    #[test]
    fn credentials_are_percent_decoded_and_never_printed() {
        let u = parse("smtps://no-reply%40atajoly.kz:p%40ss%3Aw%2Frd@mail.example.kz:2465");
        assert_eq!(u.credentials, Some(("no-reply@atajoly.kz".to_owned(), "p@ss:w/rd".to_owned())));
        assert!(!format!("{u:?}").contains("p@ss"), "{u:?}");
        let settings =
            MailSettings { smtp_url: Some("smtps://u:hunter2@mail.example.kz".into()), ..MailSettings::default() };
        assert!(!format!("{settings:?}").contains("hunter2"), "{settings:?}");
        let e = refused("smtps://u:hunter2@mail.example.kz:notaport");
        assert!(!e.contains("hunter2"), "{e}");
    }

    #[test]
    fn credentials_in_clear_and_other_schemes_are_refused() {
        let e = refused("smtp://u:hunter2@relay.example.kz");
        assert!(e.contains("in clear") && !e.contains("hunter2"), "{e}");
        assert!(refused("http://mail.example.kz").contains("scheme"));
        assert!(refused("smtp+ssl://mail.example.kz").contains("scheme"));
        assert!(refused("smtps://u@mail.example.kz").contains("both"));
        assert!(refused("smtps://mail.example.kz/inbox").contains("only"));
        assert!(refused("smtps://mail.example.kz?tls=none").contains("only"));
        assert!(refused("smtps://").contains("host") || refused("smtps://").contains("empty host"));
    }

    #[test]
    fn a_ca_file_on_a_relay_in_clear_or_without_certificates_is_refused() {
        let plain = MailSettings {
            smtp_url: Some("smtp://127.0.0.1:2525".into()),
            smtp_ca_file: Some("/nonexistent/ca.pem".into()),
            ..MailSettings::default()
        };
        assert!(matches!(Mailer::new(&plain), Err(MailError::Config(e)) if e.contains("smtp://")));
        let tls = MailSettings { smtp_url: Some("smtps://127.0.0.1:2465".into()), ..plain };
        assert!(matches!(Mailer::new(&tls), Err(MailError::Config(e)) if e.contains("/nonexistent/ca.pem")));
        let ok = MailSettings { smtp_ca_file: None, ..tls };
        assert!(matches!(Mailer::new(&ok), Ok(Mailer::Smtp(..))));
    }
}
