//! The audit log under attack: any one altered, deleted, inserted or reordered event is caught and named,
//! by the library and by `atajoly audit verify`.

use store::{Event, LogRecord};

use crate::audit::{drop_triggers, put, sql};
use crate::support::{Cleanup, TestApp, on_each_backend_with_db, test_settings};

/// A tiny deterministic generator: the test reports its seed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[tokio::test]
async fn any_one_altered_deleted_inserted_or_reordered_event_is_caught_and_named() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let store = app.state.store.clone();
        let (id, _) = crate::cases::submitted_case(&app, "log-t@example.com", "E5520001").await;
        // A log of a few thousand entries: events of the case, and records of administrators' actions.
        let mut w = store.begin().await.expect("begin");
        for i in 0..2400i64 {
            if i % 3 == 0 {
                let r = LogRecord {
                    kind: "admin".into(),
                    at: 1_800_000_000 + i,
                    application_id: None,
                    card_id: None,
                    actor_id: None,
                    actor_role: "administrator".into(),
                    office: None,
                    action: "staff_create".into(),
                    subject: Some(format!("user:{i}")),
                    from: None,
                    to: None,
                    note: None,
                };
                w.log(&r).await.expect("log");
            } else {
                let e = Event {
                    at: 1_800_000_000 + i,
                    actor_id: None,
                    actor_role: "system".into(),
                    office: None,
                    action: "note".into(),
                    from_status: "submitted".into(),
                    to_status: "submitted".into(),
                    note: Some(format!("note {i}")),
                };
                w.event(id, &e).await.expect("event");
            }
            if i == 1199 {
                w.commit().await.expect("commit");
                service::audit::checkpoint(store.as_ref(), &app.state.log, 1).await.expect("checkpoint");
                w = store.begin().await.expect("begin");
            }
        }
        w.commit().await.expect("commit");
        let mid = store.latest_checkpoint().await.expect("q").expect("cp").size;
        let size = service::audit::checkpoint(store.as_ref(), &app.state.log, 2).await.expect("checkpoint").size;
        let (verifier, origin) = (app.state.log.verifier().clone(), app.state.log.origin().to_owned());
        let verify = || async { service::audit::verify(store.as_ref(), &verifier, &origin, None).await.expect("verify") };
        assert!(verify().await.failures.is_empty());
        let entries = store.log_entries(0, 10_000).await.expect("entries");
        let event_seqs: Vec<u64> = entries.iter().filter(|e| e.record.kind == "application").map(|e| e.seq).collect();
        let admin_seqs: Vec<u64> = entries.iter().filter(|e| e.record.kind == "admin").map(|e| e.seq).collect();
        sql(&db, drop_triggers(&app)).await;

        let seed = 0x5eed_u64 + u64::from(app.backend == "postgres");
        let mut rng = Rng(seed);
        let trials = 48;
        let mut caught = 0;
        for t in 0..trials {
            let pick = |rng: &mut Rng, from: &[u64]| from[usize::try_from(rng.below(from.len() as u64)).expect("i")];
            let (what, expected, undo): (&str, Option<u64>, String) = match t % 8 {
                0 => {
                    let s = pick(&mut rng, &event_seqs);
                    sql(&db, &format!("UPDATE application_events SET note = note || 'x' WHERE log_seq = {s}")).await;
                    ("an event row altered", Some(s), format!(
                        "UPDATE application_events SET note = substr(note, 1, length(note) - 1) WHERE log_seq = {s}"
                    ))
                }
                1 => {
                    let s = pick(&mut rng, &event_seqs);
                    sql(&db, &format!("UPDATE application_events SET at = at + 1 WHERE log_seq = {s}")).await;
                    ("an event's time altered", Some(s), format!("UPDATE application_events SET at = at - 1 WHERE log_seq = {s}"))
                }
                2 => {
                    let s = rng.below(size);
                    sql(&db, &format!("UPDATE log_entries SET data = data || ' ' WHERE seq = {s}")).await;
                    ("an entry's data altered", Some(s), format!(
                        "UPDATE log_entries SET data = substr(data, 1, length(data) - 1) WHERE seq = {s}"
                    ))
                }
                3 => {
                    let s = pick(&mut rng, &event_seqs);
                    sql(&db, &format!(
                        "CREATE TABLE bak AS SELECT * FROM application_events WHERE log_seq = {s}; \
                         DELETE FROM application_events WHERE log_seq = {s}"
                    ))
                    .await;
                    ("an event row deleted", Some(s), "INSERT INTO application_events SELECT * FROM bak; DROP TABLE bak".into())
                }
                4 => {
                    let s = rng.below(size - 1);
                    sql(&db, &format!(
                        "CREATE TABLE bak AS SELECT * FROM log_entries WHERE seq = {s}; \
                         CREATE TABLE bak2 AS SELECT * FROM application_events WHERE log_seq = {s}; \
                         DELETE FROM application_events WHERE log_seq = {s}; DELETE FROM log_entries WHERE seq = {s}"
                    ))
                    .await;
                    ("an entry and its event deleted", Some(s), "INSERT INTO log_entries SELECT * FROM bak; \
                      INSERT INTO application_events SELECT * FROM bak2; DROP TABLE bak; DROP TABLE bak2".into())
                }
                5 => {
                    let i = rng.below(size - 2);
                    let j = i + 1 + rng.below(size - i - 1);
                    let swap = |a: u64, b: u64| {
                        format!(
                            "UPDATE log_entries SET seq = -1 WHERE seq = {a}; UPDATE log_entries SET seq = {a} WHERE seq = {b}; \
                             UPDATE log_entries SET seq = {b} WHERE seq = -1"
                        )
                    };
                    sql(&db, &swap(i, j)).await;
                    ("two entries reordered", Some(i), swap(i, j))
                }
                6 => {
                    // A well-formed entry inserted in the middle, the ones after moved up, their event
                    // rows renumbered to match: everything a careful forger would do but re-sign.
                    let k = 1 + rng.below(size - 2);
                    let shift = |d: i64| {
                        format!(
                            "UPDATE log_entries SET seq = seq + 1000000 WHERE seq >= {from}; \
                             UPDATE log_entries SET seq = seq - 1000000 + ({d}) WHERE seq >= 1000000; \
                             UPDATE application_events SET log_seq = log_seq + 1000000 WHERE log_seq >= {from}; \
                             UPDATE application_events SET log_seq = log_seq - 1000000 + ({d}) WHERE log_seq >= 1000000; \
                             UPDATE log_head SET size = size + ({d})",
                            from = if d > 0 { k } else { k + 1 },
                        )
                    };
                    sql(&db, &shift(1)).await;
                    let fake = LogRecord {
                        kind: "admin".into(),
                        at: 1,
                        application_id: None,
                        card_id: None,
                        actor_id: None,
                        actor_role: "administrator".into(),
                        office: None,
                        action: "staff_create".into(),
                        subject: None,
                        from: None,
                        to: None,
                        note: None,
                    };
                    let data = store::log::encode(k, &fake);
                    put(&db, Some((k, &data, &tlog::leaf_hash(data.as_bytes()))), &[]).await;
                    ("an entry inserted", Some(k), format!("DELETE FROM log_entries WHERE seq = {k}; {}", shift(-1)))
                }
                _ => {
                    // The most careful forger: an administrator's record rewritten, its leaf and every
                    // stored hash recomputed. Only the signed checkpoints can tell, and they say which
                    // stretch changed (the two checkpoints split the log in two).
                    let s = pick(&mut rng, &admin_seqs);
                    let e = &entries[usize::try_from(s).expect("i")];
                    let forged = store::log::encode(s, &LogRecord { at: e.record.at + 7, ..e.record.clone() });
                    sql(&db, &format!(
                        "CREATE TABLE bak AS SELECT * FROM log_entries WHERE seq = {s}; \
                         CREATE TABLE bak_nodes AS SELECT * FROM log_nodes; DELETE FROM log_nodes; \
                         DELETE FROM log_entries WHERE seq = {s}"
                    ))
                    .await;
                    put(&db, Some((s, &forged, &tlog::leaf_hash(forged.as_bytes()))), &[]).await;
                    // The forged entry keeps the columns the insert gave it: set them as the original's.
                    sql(&db, &format!(
                        "UPDATE log_entries SET at = {}, subject = '{}' WHERE seq = {s}",
                        e.record.at + 7,
                        e.record.subject.as_deref().unwrap_or_default()
                    ))
                    .await;
                    let mut f = tlog::Frontier::new();
                    let mut nodes = Vec::new();
                    for x in &entries {
                        let data = if x.seq == s { forged.as_str() } else { x.data.as_str() };
                        for (id, h) in f.push(tlog::leaf_hash(data.as_bytes())) {
                            nodes.push(((i64::from(id.level) << 56) | i64::try_from(id.index).expect("i"), h.to_vec()));
                        }
                    }
                    put(&db, None, &nodes).await;
                    let from = if s < mid { 0 } else { mid };
                    ("a record rewritten with every hash recomputed", Some(from), format!(
                        "DELETE FROM log_entries WHERE seq = {s}; INSERT INTO log_entries SELECT * FROM bak; DROP TABLE bak; \
                         DELETE FROM log_nodes; INSERT INTO log_nodes SELECT * FROM bak_nodes; DROP TABLE bak_nodes"
                    ))
                }
            };
            let v = verify().await;
            let first = v.failures.first().unwrap_or_else(|| panic!("trial {t} (seed {seed}): {what} went unseen"));
            assert_eq!(first.entry(), expected, "trial {t} (seed {seed}): {what}: {:?}", v.failures);
            if t % 8 == 7 {
                assert!(matches!(first, service::audit::Failure::Checkpoint { .. }), "{first:?}");
            }
            caught += 1;
            sql(&db, &undo).await;
            if t % 8 == 7 {
                assert!(verify().await.failures.is_empty(), "trial {t}: restored");
            }
        }
        assert!(verify().await.failures.is_empty(), "every tampering undone");
        println!("audit log tampering on {}: {caught} of {trials} caught and named, in a log of {size}", app.backend);
        assert_eq!(caught, trials);
    })
    .await;
}

#[tokio::test]
async fn audit_verify_on_the_command_line_exits_non_zero_naming_the_entry() {
    // The command reads a database file, as an operator's would: SQLite here (the library's checks
    // run on both backends above).
    let dir = std::env::temp_dir().join(format!("atajoly-audit-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("a.db");
    let url = format!("sqlite://{}", db.display());
    let key = dir.join("log.key");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_atajoly"))
            .args(args)
            .env("ATAJOLY_DATABASE_URL", &url)
            .env("ATAJOLY_LOG_KEY_FILE", &key)
            .env("ATAJOLY_PUBLIC_URL", "https://atajoly.test")
            .env_remove("ATAJOLY_CONFIG")
            .output()
            .expect("runs")
    };
    {
        let store: std::sync::Arc<dyn store::Store> =
            std::sync::Arc::new(store::SqliteStore::connect(&url).await.expect("sqlite"));
        atajoly::migrate(store.as_ref()).await.expect("migrate");
        let settings = service::Settings { log_key_file: Some(key.clone()), ..test_settings() };
        let state = service::App::new(store, crate::support::fixed_clock(), settings).await.expect("state");
        let app = TestApp { router: web::build_router(state.clone()), state, backend: "sqlite" };
        crate::cases::submitted_case(&app, "log-cli@example.com", "E5530001").await;
    }
    let out = run(&["audit", "checkpoint"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let saved = dir.join("checkpoint.txt");
    std::fs::write(&saved, &out.stdout).expect("save");
    let out = run(&["audit", "verify", "--checkpoint", saved.to_str().expect("p")]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("only grew") && text.contains("OK"), "{text}");

    // A checkpoint of another log, and one with a forged signature: specific verdicts.
    let other = service::audit::AuditLog::new("elsewhere.test/log", &[3u8; 32]).expect("log");
    let vkey_other = other.vkey();
    let out = run(&["audit", "verify", "--vkey", &vkey_other]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("no signature by elsewhere.test/log"), "{text}");
    let forged = std::fs::read_to_string(&saved).expect("read").replacen('\n', "\n1", 1);
    std::fs::write(dir.join("forged.txt"), forged).expect("write");
    let out = run(&["audit", "verify", "--checkpoint", dir.join("forged.txt").to_str().expect("p")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("the saved checkpoint"), "forged");

    // An event altered behind the service's back: exit 1, naming the entry.
    let cleanup = Cleanup::File(db.clone());
    sql(&cleanup, "DROP TRIGGER application_events_no_update; UPDATE application_events SET note = 'rewritten' WHERE id = (SELECT MIN(id) FROM application_events)").await;
    let out = run(&["audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL entry ") && text.contains("the event row differs"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
