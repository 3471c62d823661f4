//! E-mail over TLS to a real SMTP server (aiosmtpd, `tests/smtp/server.py`) with a self-signed
//! certificate (`tests/tls/cert.py`): STARTTLS required and implicit TLS deliver, with credentials; a
//! relay whose certificate is not trusted, or one without STARTTLS, is refused and the notice waits.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::servers::SmtpServer;
use crate::support::{
    Cleanup, FixedClock, TestApp, on_each_backend_with, on_each_backend_with_db, pg_url, python, test_settings,
};

const PASSWORD: &str = "жылқы-сүт-2026";
/// The relay's login, percent-encoded in the URL as `atajoly:p%40ss%20w0rd`.
const RELAY_PASSWORD: &str = "p@ss w0rd";

/// A fresh self-signed certificate for 127.0.0.1 and localhost: the directory with `cert.pem`, `key.pem`.
fn certificate() -> PathBuf {
    let dir = std::env::temp_dir().join("atajoly-tests").join(format!("tls-{}", uuid::Uuid::new_v4().simple()));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/tls/cert.py");
    let out =
        std::process::Command::new(python()).arg(script).arg(&dir).output().unwrap_or_else(|e| {
            panic!("cannot run {script} with {} ({e}); run scripts/install-test-deps.sh", python())
        });
    assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
    dir
}

fn pem(dir: &Path) -> PathBuf {
    dir.join("cert.pem")
}

/// Signs up `email`, which queues its verification notice.
async fn sign_up(app: &TestApp, email: &str) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}","lang":"en"}}"#);
    let r = app.post_json("/api/v1/accounts", &body, &[]).await;
    assert_eq!(r.status, 202, "{}", r.body);
}

fn to<'a>(smtp: &'a [Value], email: &str) -> Vec<&'a Value> {
    smtp.iter().filter(|m| m["rcpt_tos"][0] == email).collect()
}

/// The one job left pending after a failed attempt, with its error.
async fn waiting(app: &TestApp) -> store::Job {
    let mut pending = app.state.store.jobs_in_state("pending").await.expect("jobs");
    assert_eq!(pending.len(), 1, "{pending:?}");
    let job = pending.pop().expect("one");
    assert_eq!(job.attempts, 1);
    job
}

#[tokio::test]
async fn a_notice_is_delivered_over_starttls_and_over_implicit_tls() {
    let cert = certificate();
    let login = format!("atajoly:{RELAY_PASSWORD}");
    let starttls = SmtpServer::start_with(&["starttls", cert.to_str().expect("utf-8"), &login]);
    let implicit = SmtpServer::start_with(&["tls", cert.to_str().expect("utf-8")]);
    let cases = [
        (&starttls, format!("smtp+starttls://atajoly:p%40ss%20w0rd@127.0.0.1:{}", starttls.port), Some("atajoly")),
        (&implicit, format!("smtps://127.0.0.1:{}", implicit.port), None),
    ];
    for (server, url, user) in &cases {
        on_each_backend_with(
            || {
                let mut s = test_settings();
                s.mail.smtp_url = Some(url.clone());
                s.mail.smtp_ca_file = Some(pem(&cert));
                s
            },
            |app| async move {
                let email = format!("tls.{}.{}@example.com", app.backend, server.port);
                sign_up(&app, &email).await;
                assert_eq!(service::jobs::run_due_jobs(&app.state).await.expect("jobs"), 1);
                let sent = server.messages();
                let mine = to(&sent, &email);
                assert_eq!(mine.len(), 1, "{url}: {sent:?}");
                assert!(mine[0]["tls"].as_str().is_some_and(|v| v.starts_with("TLSv1.")), "{url}: {}", mine[0]);
                assert_eq!(mine[0]["auth"].as_str(), *user, "{url}");
                assert!(mine[0]["body"].as_str().expect("body").contains("/account/verify?token="));
                assert!(app.state.store.jobs_in_state("pending").await.expect("jobs").is_empty());
            },
        )
        .await;
    }
    let _ = std::fs::remove_dir_all(&cert);
}

/// A second instance on the same database (an operator who fixed the setting and restarted), its clock
/// past the first retry.
async fn restarted(app: &TestApp, db: &Cleanup, mail: service::mail::MailSettings) -> service::AppState {
    let store: Arc<dyn store::Store> = match db {
        Cleanup::File(p) => {
            Arc::new(store::SqliteStore::connect(&format!("sqlite://{}", p.display())).await.expect("sqlite"))
        }
        Cleanup::Schema(s) => Arc::new(store::PgStore::connect(&pg_url(), Some(s)).await.expect("pg")),
    };
    let later = app.state.clock.now() + time::Duration::seconds(31);
    let settings = service::Settings { mail, ..app.state.settings.clone() };
    service::App::new(store, Arc::new(FixedClock(later)), settings).await.expect("second instance")
}

#[tokio::test]
async fn a_relay_whose_certificate_is_not_trusted_is_refused_and_the_notice_waits() {
    let (cert, other) = (certificate(), certificate());
    let relay = SmtpServer::start_with(&["tls", cert.to_str().expect("utf-8")]);
    let url = format!("smtps://127.0.0.1:{}", relay.port);
    on_each_backend_with_db(
        || {
            let mut s = test_settings();
            s.mail.smtp_url = Some(url.clone());
            // A CA file, but not the one that signed the relay's certificate.
            s.mail.smtp_ca_file = Some(pem(&other));
            s
        },
        |app, db| {
            let (relay, cert, url) = (&relay, &cert, &url);
            async move {
                let email = format!("untrusted.{}@example.com", app.backend);
                sign_up(&app, &email).await;
                assert_eq!(service::jobs::run_due_jobs(&app.state).await.expect("jobs"), 1);
                let job = waiting(&app).await;
                let error = job.last_error.clone().unwrap_or_default();
                assert!(error.contains("certificate"), "{error}");
                assert!(to(&relay.messages(), &email).is_empty(), "nothing reached the relay: {:?}", relay.messages());

                // With the system's roots alone, the same.
                let system = service::mail::MailSettings { smtp_ca_file: None, ..app.state.settings.mail.clone() };
                let email_job = service::mail::Email { to: email.clone(), subject: "x".into(), body: "y".into() };
                let e = service::mail::Mailer::new(&system).expect("mailer").send(&email_job, "t").await;
                assert!(matches!(&e, Err(service::mail::MailError::Send(m)) if m.contains("certificate")), "{e:?}");

                // Restarted with the right CA file, the worker sends the notice that waited.
                let fixed = service::mail::MailSettings {
                    smtp_url: Some(url.clone()),
                    smtp_ca_file: Some(pem(cert)),
                    ..app.state.settings.mail.clone()
                };
                let second = restarted(&app, &db, fixed).await;
                assert_eq!(service::jobs::run_due_jobs(&second).await.expect("jobs"), 1);
                let done = second.store.jobs_in_state("done").await.expect("jobs");
                assert_eq!(done.iter().map(|j| j.id).collect::<Vec<_>>(), [job.id]);
                let sent = relay.messages();
                let mine = to(&sent, &email);
                assert_eq!(mine.len(), 1, "{sent:?}");
                assert!(mine[0]["tls"].is_string(), "{}", mine[0]);
                assert!(mine[0]["body"].as_str().expect("body").contains("/account/verify?token="));
            }
        },
    )
    .await;
    let _ = (std::fs::remove_dir_all(&cert), std::fs::remove_dir_all(&other));
}

#[tokio::test]
async fn starttls_required_is_refused_by_a_relay_that_does_not_offer_it() {
    // The plain test server: no STARTTLS in its EHLO answer.
    let relay = SmtpServer::start();
    let url = format!("smtp+starttls://127.0.0.1:{}", relay.port);
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.mail.smtp_url = Some(url.clone());
            s
        },
        |app| {
            let relay = &relay;
            async move {
                let email = format!("nostarttls.{}@example.com", app.backend);
                sign_up(&app, &email).await;
                assert_eq!(service::jobs::run_due_jobs(&app.state).await.expect("jobs"), 1);
                let error = waiting(&app).await.last_error.unwrap_or_default();
                assert!(error.contains("STARTTLS"), "{error}");
                assert!(to(&relay.messages(), &email).is_empty(), "nothing sent in clear: {:?}", relay.messages());
            }
        },
    )
    .await;
}

#[tokio::test]
async fn credentials_are_refused_on_a_relay_in_clear_and_never_printed() {
    let (store, cleanup) = crate::support::fresh_store("sqlite").await;
    atajoly::migrate(store.as_ref()).await.expect("migrate");
    let mut settings = test_settings();
    settings.mail.smtp_url = Some("smtp://relay:hunter2@127.0.0.1:2525".into());
    let e = service::App::new(store, crate::support::fixed_clock(), settings).await.err().expect("refused");
    let e = e.to_string();
    assert!(e.contains("in clear") && e.contains("relay:***@127.0.0.1") && !e.contains("hunter2"), "{e}");
    cleanup.run().await;

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_atajoly"))
        .arg("config")
        .env("ATAJOLY_SMTP_URL", "smtps://relay:hunter2@mail.example.kz")
        .env("ATAJOLY_SMTP_CA_FILE", "/etc/atajoly/smtp-ca.pem")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("smtps://relay:***@mail.example.kz") && !text.contains("hunter2"), "{text}");
    assert!(text.contains("/etc/atajoly/smtp-ca.pem"), "{text}");
}
