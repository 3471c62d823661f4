//! Benchmark: application submissions per second on PostgreSQL, against `pgbench` running the same
//! writes (the status update, the audit event, the e-mail job, the inbox message) in one transaction,
//! both in the same run on the same server. Our submission now also appends its event to the audit log
//! (decision 0019), which the baseline does not: target ours ≥ 0.6 of pgbench.
//!
//! `cargo bench --bench submissions` (PostgreSQL from `ATAJOLY_BENCH_PG`, default the local one;
//! `SUBMISSIONS` drafts, default 4000; `CLIENTS` concurrent clients, default 8).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs, reason = "a benchmark fails loudly")]

/// The same allocator as the `atajoly` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::json;
use store::{Document, DocumentLimits, NewApplication, NewToken, NewUser, Store, TokenPurpose};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let url = std::env::var("ATAJOLY_BENCH_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let n = env_usize("SUBMISSIONS", 4000);
    let clients = env_usize("CLIENTS", 8);
    let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let (app, user, ids) = rt.block_on(prepare(&url, &schema, n));
    let ours = rt.block_on(ours(app, user, Arc::new(ids), clients));
    let tps = pgbench(&url, &schema, n, clients);
    rt.block_on(async {
        if let Ok(mut c) = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await {
            let _ = sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&mut c).await;
        }
    });
    println!(
        "machine: {} cores; PostgreSQL at {}; {n} submissions, {clients} clients",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        store::redact_url(&url)
    );
    println!("atajoly submit: {ours:.0} submissions/s");
    println!("pgbench, same writes in one transaction: {tps:.0} transactions/s");
    println!("ratio: {:.2} (target >= 0.6, with the audit log)", ours / tps);
}

/// A schema with `n` complete drafts of one applicant (answers and document rows), and the app over it.
async fn prepare(url: &str, schema: &str, n: usize) -> (service::AppState, store::User, Vec<i64>) {
    let store: Arc<dyn Store> = Arc::new(store::PgStore::connect(url, Some(schema)).await.expect("PostgreSQL"));
    atajoly::migrate(store.as_ref()).await.expect("migrate");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let token = NewToken { token_hash: "x".into(), purpose: TokenPurpose::Verify, created_at: now, expires_at: now };
    let user = store
        .create_user(
            &NewUser { email: "bench@example.com".into(), password_hash: "x".into(), lang: "kk".into(), now },
            &token,
            &[],
        )
        .await
        .expect("user")
        .expect("new");
    let settings = service::Settings {
        mail: service::mail::MailSettings {
            outbox_dir: std::env::temp_dir().join(schema),
            ..service::mail::MailSettings::default()
        },
        ..service::Settings::default()
    };
    let app = service::App::new(store.clone(), Arc::new(service::SystemClock), settings).await.expect("app");
    eprintln!("preparing {n} complete drafts in schema {schema} ...");
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let answers = json!({
            "surname_latin": "BEKOV", "given_names_latin": "NURLAN", "surname_kk": "Беков", "given_names_kk": "Нұрлан",
            "birth_date": "1990-03-27", "sex": "M", "citizenship": "MN", "passport_number": format!("E{i:07}"),
            "passport_issued": "2020-05-01", "passport_expires": "2034-06-15", "phone": "+976 9911 2233",
            "contact_email": "bench@example.com", "residence_country": "MN", "residence_address": "Ulaanbaatar",
            "ethnicity": "in_id", "category": "2", "cat2_code": "2217-4-001", "region": "KZ-75", "consent": "yes",
        });
        let a = store
            .create_application(&NewApplication {
                owner_id: Some(user.id),
                applicant_email: Some(user.email.clone()),
                created_by: user.id,
                channel: "app".into(),
                office: None,
                notify_office: false,
                lang: "kk".into(),
                answers,
                idempotency_key: None,
                now,
            })
            .await
            .expect("draft");
        for item in ["passport", "profession_proof"] {
            let d = Document {
                id: 0,
                application_id: a.id,
                item: item.into(),
                role: "original".into(),
                foreign_language: false,
                filename: "scan.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1000,
                sha256: "0".repeat(64),
                blob_key: format!("bench-{}-{item}", a.id),
                created_at: now,
            };
            store
                .add_document(
                    &d,
                    DocumentLimits { max_files: 40, max_total: 1 << 30 },
                    &["doc:passport", "doc:profession_proof"],
                )
                .await
                .expect("doc");
        }
        ids.push(a.id);
    }
    (app, user, ids)
}

/// Ours: the real submission (access check, completeness, the transition with its event, notice and
/// inbox message in one transaction) from `clients` concurrent tasks; submissions per second.
async fn ours(app: service::AppState, user: store::User, ids: Arc<Vec<i64>>, clients: usize) -> f64 {
    // Ours: the real submission (access check, completeness, the state transition with its event,
    // notice and inbox message in one transaction), from `clients` concurrent tasks.
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (app, ids, next, user) = (app.clone(), ids.clone(), next.clone(), user.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(id) = ids.get(i) else { break };
                    let acc = service::applications::load(&app, &user, *id).await.expect("load");
                    let done = service::applications::submit(&app, &acc, &user).await.expect("submit");
                    assert_eq!(done.status, "submitted");
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    let secs = start.elapsed().as_secs_f64();
    ids.len() as f64 / secs
}

/// pgbench with the same writes in one transaction, the same clients, the same tables; transactions per second.
fn pgbench(url: &str, schema: &str, n: usize, clients: usize) -> f64 {
    let script = std::env::temp_dir().join(format!("{schema}.sql"));
    std::fs::write(
        &script,
        format!(
            "\\set id random(1, {n})\n\
             BEGIN;\n\
             UPDATE applications SET status = 'submitted', reference = COALESCE(reference, 'AZ-2026-' || :id), reopened = '[]', \
             submitted_at = COALESCE(submitted_at, 1800000000), updated_at = 1800000000, version = version + 1 WHERE id = :id;\n\
             INSERT INTO application_events (application_id, at, actor_id, actor_role, office, action, from_status, to_status, note) \
             VALUES (:id, 1800000000, 1, 'applicant', NULL, 'submit', 'draft', 'submitted', NULL);\n\
             INSERT INTO jobs (kind, payload, dedup_key, run_at, max_attempts, created_at) VALUES ('email', \
             '{{\"to\":\"bench@example.com\",\"subject\":\"Өтінішіңіз берілді\",\"body\":\"Сәлеметсіз бе! Өтінішіңіз берілді.\"}}', \
             'pgbench-' || gen_random_uuid(), 1800000000, 8, 1800000000);\n\
             INSERT INTO inbox (user_id, subject, body, created_at) VALUES (1, 'Өтінішіңіз берілді', 'Сәлеметсіз бе! Өтінішіңіз берілді.', 1800000000);\n\
             END;\n"
        ),
    )
    .expect("script");
    let out = std::process::Command::new("pgbench")
        .args(["-n", "-c", &clients.to_string(), "-j", "2", "-t", &(n / clients).to_string(), "-f"])
        .arg(&script)
        .arg(url)
        .env("PGOPTIONS", format!("-c search_path={schema}"))
        .output()
        .expect("pgbench runs (Debian's postgresql-client)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pgbench failed: {text}{}", String::from_utf8_lossy(&out.stderr));
    let tps: f64 = text
        .lines()
        .find(|l| l.starts_with("tps = "))
        .and_then(|l| l.trim_start_matches("tps = ").split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("tps in pgbench output");
    let _ = std::fs::remove_file(&script);
    tps
}
