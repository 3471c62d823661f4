//! Benchmark: `audit verify` over a log of `ENTRIES` events (default 1,000,000) on SQLite, in seconds,
//! with its rate against raw SHA-256 of the same leaf bytes in the same run (the floor any
//! verification has: every byte hashed once).
//!
//! `cargo bench --bench audit_verify` (`ENTRIES` to change the size).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs, reason = "a benchmark fails loudly")]
#![allow(clippy::too_many_lines, reason = "a benchmark reads best in order")]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::Instant;

use store::{Event, Store};

fn main() {
    let n: u64 = std::env::var("ENTRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("atajoly-bench-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = format!("sqlite://{}", dir.join("a.db").display());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let store: Arc<dyn Store> = Arc::new(store::SqliteStore::connect(&url).await.expect("sqlite"));
        atajoly::migrate(store.as_ref()).await.expect("migrate");
        let log = service::audit::AuditLog::new("bench.test/atajoly/log", &[5u8; 32]).expect("key");
        let id: i64 = {
            let now = 1_800_000_000;
            let token = store::NewToken {
                token_hash: "x".into(),
                purpose: store::TokenPurpose::Verify,
                created_at: now,
                expires_at: now,
            };
            let user = store
                .create_user(
                    &store::NewUser {
                        email: "b@example.com".into(),
                        password_hash: "x".into(),
                        lang: "kk".into(),
                        now,
                    },
                    &token,
                    &[],
                )
                .await
                .expect("user")
                .expect("new");
            store
                .create_application(&store::NewApplication {
                    owner_id: Some(user.id),
                    applicant_email: Some(user.email.clone()),
                    created_by: user.id,
                    channel: "app".into(),
                    office: None,
                    notify_office: false,
                    lang: "kk".into(),
                    answers: serde_json::json!({}),
                    idempotency_key: None,
                    now,
                })
                .await
                .expect("draft")
                .id
        };
        eprintln!("appending {n} events ...");
        let started = Instant::now();
        let mut done = 0u64;
        while done < n {
            let mut w = store.begin().await.expect("begin");
            for i in done..(done + 10_000).min(n) {
                let at = 1_800_000_000 + i64::try_from(i).expect("i");
                if i % 4 == 0 {
                    let mut r = service::audit::system_record("read", "officer", "open_case", None, at);
                    r.application_id = Some(id);
                    r.office = Some("department-KZ-75".into());
                    w.log(&r).await.expect("log");
                } else {
                    let e = Event {
                        at,
                        actor_id: None,
                        actor_role: "officer".into(),
                        office: Some("department-KZ-75".into()),
                        action: "note".into(),
                        from_status: "checks_pending".into(),
                        to_status: "checks_pending".into(),
                        note: Some(format!("Бақылау жазбасы {i}: құжаттар тексерілді")),
                    };
                    w.event(id, &e).await.expect("event");
                }
            }
            w.commit().await.expect("commit");
            done = (done + 10_000).min(n);
        }
        let append = started.elapsed().as_secs_f64();
        service::audit::checkpoint(store.as_ref(), &log, 1).await.expect("checkpoint");

        let started = Instant::now();
        let v = service::audit::verify(store.as_ref(), log.verifier(), log.origin(), None).await.expect("verify");
        let verify = started.elapsed().as_secs_f64();
        assert!(v.failures.is_empty(), "{:?}", v.failures.first());

        // The floor: SHA-256 of the same leaf bytes, read from the same database in the same batches.
        let started = Instant::now();
        let mut from = 0u64;
        let mut hashed = 0u64;
        loop {
            let batch = store.log_entries(from, 5000).await.expect("entries");
            let Some(last) = batch.last() else { break };
            from = last.seq + 1;
            for e in &batch {
                let h = tlog::leaf_hash(e.data.as_bytes());
                hashed += u64::from(h[0] == 0) + e.data.len() as u64;
            }
        }
        let raw = started.elapsed().as_secs_f64();
        let _ = std::fs::remove_dir_all(&dir);
        println!(
            "machine: {} cores; SQLite; {n} entries, {} bytes of leaf data",
            std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
            v.bytes
        );
        println!("append (10,000 events a transaction): {append:.1} s ({:.0} events/s)", n as f64 / append);
        println!("audit verify: {verify:.2} s ({:.0} entries/s)", n as f64 / verify);
        println!("read + SHA-256 of the same bytes: {raw:.2} s ({hashed} bytes)");
        println!(
            "ratio verify / raw: {:.2} (verify also checks event rows, subtree hashes and checkpoints)",
            verify / raw
        );
    });
}
