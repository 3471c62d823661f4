//! `atajoly check`: every invariant broken on purpose, one at a time, and the check names it (the
//! library on both backends, the command's exit code on a database file); an upload sent twice is
//! one document; what the orphan sweep deletes and what it leaves.

use object_store::ObjectStoreExt as _;
use service::invariants::{CheckOptions, Report, check, sweep_orphans};

use crate::audit::{drop_triggers, sql};
use crate::support::{TestApp, on_each_backend_with_db, test_settings};

/// Checks with `now` an hour ahead of the real time (so every file written now is past a minute's
/// grace) and no job counted as stuck.
async fn run(app: &TestApp, read_files: bool) -> Report {
    let o = CheckOptions {
        now: time::OffsetDateTime::now_utc().unix_timestamp() + 3600,
        grace_secs: 60,
        read_files,
        stuck_secs: i64::MAX / 4,
    };
    let log = &app.state.log;
    check(app.state.store.as_ref(), &app.state.files, (log.verifier(), log.origin()), &o).await.expect("check")
}

fn kinds(r: &Report) -> Vec<&'static str> {
    let mut k: Vec<&'static str> = r.violations.iter().map(|v| v.kind).collect();
    k.sort_unstable();
    k.dedup();
    k
}

/// Asserts that the check finds `kind`, naming `ids`, and prints what it said.
async fn finds(app: &TestApp, kind: &str, ids: &str) -> Report {
    let r = run(app, true).await;
    assert!(
        r.violations.iter().any(|v| v.kind == kind && v.ids.contains(ids) && !v.text.is_empty()),
        "{}: {kind} naming {ids:?} not found in {:?}",
        app.backend,
        r.violations
    );
    r
}

fn files_dir(app: &TestApp) -> std::path::PathBuf {
    match &app.state.settings.files {
        service::files::Location::Dir(d) => d.clone(),
        other => panic!("the tests keep files in a directory, not {other:?}"),
    }
}

#[tokio::test]
async fn every_invariant_broken_on_purpose_is_named() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let store = app.state.store.clone();
        let g = crate::cards::granted(&app, "check-g@example.com", "E7710001", 71).await;
        let g2 = crate::cards::granted(&app, "check-h@example.com", "E7710002", 73).await;
        let (s, _) = crate::cases::submitted_case(&app, "check-s@example.com", "E7710003").await;
        let (s2, _) = crate::cases::submitted_case(&app, "check-t@example.com", "E7710004").await;
        let r = run(&app, true).await;
        assert!(r.violations.is_empty(), "{}: a walked service holds: {:?}", app.backend, r.violations);
        assert!(r.documents >= 12 && r.read == r.documents && r.stored == r.documents, "{r:?}");

        // A stored file gone.
        let docs = store.documents(s).await.expect("docs");
        app.state.files.remove(&docs[0].blob_key).await;
        finds(&app, "document_without_file", &format!("document {}", docs[0].id)).await;
        // A file that is not the one recorded: read, decrypted and compared; presence alone misses it.
        sql(&db, &format!("UPDATE documents SET sha256 = '{}' WHERE id = {}", "0".repeat(64), docs[1].id)).await;
        finds(&app, "file_sha256", &format!("document {}", docs[1].id)).await;
        assert!(!kinds(&run(&app, false).await).contains(&"file_sha256"), "--no-files-read reads no file");
        // A file whose sealed bytes were changed: it does not decrypt.
        let sealed = app.state.files.path(&docs[2].blob_key).expect("path");
        app.state.files.objects().put(&sealed, vec![7u8; 4096].into()).await.expect("overwrite");
        finds(&app, "file_unreadable", &format!("document {}", docs[2].id)).await;

        // A stored file no row names, and an upload's unfinished write: past the grace both are named;
        // within it (an upload in flight) neither.
        let key = "ab0123456789abcdef0123456789abcd";
        let path = app.state.files.path(key).expect("path");
        app.state.files.objects().put(&path, b"sealed bytes".to_vec().into()).await.expect("put");
        let part = files_dir(&app).join("cd").join("cd0123456789abcdef0123456789abcd#3");
        std::fs::create_dir_all(part.parent().expect("fan")).expect("fan");
        std::fs::write(&part, b"half a file").expect("part");
        finds(&app, "orphan_file", key).await;
        let r = finds(&app, "orphan_file", "unfinished write").await;
        assert_eq!(r.violations.iter().filter(|v| v.kind == "orphan_file").count(), 2);
        let young = CheckOptions {
            now: time::OffsetDateTime::now_utc().unix_timestamp(),
            grace_secs: 7200,
            read_files: false,
            stuck_secs: i64::MAX / 4,
        };
        let log = &app.state.log;
        let r = check(store.as_ref(), &app.state.files, (log.verifier(), log.origin()), &young).await.expect("check");
        assert!(!kinds(&r).contains(&"orphan_file"), "files younger than the grace are left alone");
        // The sweep deletes both once they are past its grace, and nothing a document names.
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        assert_eq!(sweep_orphans(store.as_ref(), &app.state.files, 3600, now).await.expect("sweep"), 0);
        assert_eq!(sweep_orphans(store.as_ref(), &app.state.files, 60, now + 3600).await.expect("sweep"), 2);
        assert!(!part.exists(), "the unfinished write is gone");
        assert!(!kinds(&run(&app, true).await).contains(&"orphan_file"));
        let named = store.documents(s2).await.expect("docs");
        assert!(app.state.files.open_document(&named[0]).await.is_ok(), "a document's file stays");

        // A card moved to another application: a grant without its card, a card without its grant.
        sql(&db, &format!("UPDATE cards SET application_id = {s} WHERE id = {}", g.card.id)).await;
        finds(&app, "grant_cards", &format!("application {}", g.id)).await;
        finds(&app, "card_without_grant", &format!("card {}", g.card.id)).await;
        sql(&db, &format!("UPDATE cards SET application_id = {} WHERE id = {}", g.id, g.card.id)).await;

        // Two valid cards of one person (past the unique index, dropped).
        sql(&db, "DROP INDEX cards_one_valid_per_iin").await;
        let iin = g.card.iin.clone().expect("iin");
        sql(&db, &format!("UPDATE cards SET iin = '{iin}' WHERE id = {}", g2.card.id)).await;
        finds(&app, "valid_cards_per_iin", &format!("cards {} and {}", g.card.id.min(g2.card.id), g.card.id.max(g2.card.id))).await;
        // A card's state changed with no event.
        sql(&db, &format!("UPDATE cards SET state = 'revoked' WHERE id = {}", g2.card.id)).await;
        finds(&app, "card_state_without_event", &format!("card {}", g2.card.id)).await;

        // A status changed with no event.
        sql(&db, &format!("UPDATE applications SET status = 'refused' WHERE id = {s2}")).await;
        finds(&app, "status_without_event", &format!("application {s2}")).await;

        // One upload recorded twice.
        let kept = store.documents(s2).await.expect("docs");
        let cols = "application_id, item, role, foreign_language, filename, content_type, size, sha256";
        sql(&db, &format!("INSERT INTO documents ({cols}, blob_key, created_at) SELECT {cols}, 'ff' || blob_key, created_at FROM documents WHERE id = {}", kept[0].id)).await;
        finds(&app, "duplicate_document", &format!("documents {}", kept[0].id)).await;

        // Two applications of one submission (past the unique constraint: PostgreSQL can drop it,
        // SQLite cannot drop a table's constraint).
        if app.backend == "postgres" {
            sql(&db, "ALTER TABLE applications DROP CONSTRAINT applications_created_by_idempotency_key_key").await;
            sql(&db, &format!("UPDATE applications SET idempotency_key = 'k-1' WHERE id IN ({s}, {s2})")).await;
            sql(&db, &format!("UPDATE applications SET created_by = (SELECT created_by FROM applications WHERE id = {s}) WHERE id = {s2}")).await;
            finds(&app, "duplicate_idempotency_key", &format!("applications {} and {}", s.min(s2), s.max(s2))).await;
        }

        // A job no worker ran: counted against the service's own clock.
        sql(&db, "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ('email', '{}', 1, 8, 1)").await;
        let o = CheckOptions {
            now: app.state.clock.now().unix_timestamp(),
            grace_secs: i64::MAX / 4,
            read_files: false,
            stuck_secs: 3600,
        };
        let r = check(store.as_ref(), &app.state.files, (log.verifier(), log.origin()), &o).await.expect("check");
        let stuck: Vec<_> = r.violations.iter().filter(|v| v.kind == "job_stuck").collect();
        assert_eq!(stuck.len(), 1, "only the job due long ago: {stuck:?}");

        // An event taken out of the audit log: named as such, and the log no longer verifies.
        sql(&db, drop_triggers(&app)).await;
        sql(&db, &format!("UPDATE application_events SET log_seq = NULL WHERE id = (SELECT MAX(id) FROM application_events WHERE application_id = {s})")).await;
        finds(&app, "event_not_in_log", &format!("of application {s}")).await;
        finds(&app, "audit_log", "audit log").await;
    })
    .await;
}

#[tokio::test]
async fn an_upload_sent_again_is_the_same_document() {
    on_each_backend_with_db(test_settings, |app, _| async move {
        let auth = crate::applications::applicant(&app, "again@example.com").await;
        let id = crate::applications::complete_draft(&app, &auth, "E7720001").await;
        let before = app.state.store.documents(id).await.expect("docs");
        let pdf = crate::applications::PDF;
        let r = crate::applications::upload(&app, &auth, id, "passport", &[], ("scan.pdf", pdf)).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let first = before.iter().find(|d| d.item == "passport").expect("passport");
        assert_eq!(r.json()["id"].as_i64(), Some(first.id), "the document of the first time");
        let after = app.state.store.documents(id).await.expect("docs");
        assert_eq!(after.len(), before.len(), "nothing new recorded");
        let r = run(&app, true).await;
        assert!(r.violations.is_empty(), "the second copy's file is gone too: {:?}", r.violations);
        // Other bytes for the same item are another document.
        let other =
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% another scan\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        let r = crate::applications::upload(&app, &auth, id, "passport", &[], ("scan2.pdf", other)).await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(app.state.store.documents(id).await.expect("docs").len(), before.len() + 1);
    })
    .await;
}

#[tokio::test]
async fn the_command_exits_non_zero_on_any_violation() {
    let dir = std::env::temp_dir().join(format!("atajoly-check-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("a.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let (files, files_key, log_key) = (dir.join("files"), dir.join("files.key"), dir.join("log.key"));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_atajoly"))
            .args(args)
            .env("ATAJOLY_DATABASE_URL", &url)
            .env("ATAJOLY_FILES_DIR", &files)
            .env("ATAJOLY_FILES_KEY_FILE", &files_key)
            .env("ATAJOLY_LOG_KEY_FILE", &log_key)
            .env("ATAJOLY_PUBLIC_URL", "https://atajoly.test")
            .env_remove("ATAJOLY_CONFIG")
            .output()
            .expect("runs")
    };
    let doc = {
        let store: std::sync::Arc<dyn store::Store> =
            std::sync::Arc::new(store::SqliteStore::connect(&url).await.expect("sqlite"));
        atajoly::migrate(store.as_ref()).await.expect("migrate");
        let settings = service::Settings {
            log_key_file: Some(log_key.clone()),
            files: service::files::Location::Dir(files.clone()),
            files_keys: service::files::FileKeys::load_or_create(&files_key).expect("keys"),
            ..test_settings()
        };
        let state = service::App::new(store.clone(), crate::support::fixed_clock(), settings).await.expect("state");
        let app = TestApp { router: web::build_router(state.clone()), state, backend: "sqlite" };
        let (id, _) = crate::cases::submitted_case(&app, "check-cli@example.com", "E7730001").await;
        store.documents(id).await.expect("docs").remove(0)
    };
    // The service's clock is fixed in the past: its e-mails are not stuck jobs here.
    let out = run(&["check", "--stuck", "100000000"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("3 document(s), 3 stored file(s), 3 read") && text.contains("0 violation(s)"), "{text}");
    let fan = files.join(&doc.blob_key[..2]).join(&doc.blob_key);
    std::fs::remove_file(&fan).expect("remove the file");
    let out = run(&["check", "--no-files-read", "--stuck", "100000000"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("document_without_file\tdocument {} of application", doc.id)), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 invariant violation(s)"));
    // Without the file keys nothing can be read: the check says so and fails, and makes no key.
    std::fs::remove_file(&files_key).expect("remove the keys");
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("without them no stored file can be read"));
    assert!(!files_key.exists(), "a check makes no key");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A card's life holds every invariant: a reissue (the old card superseded, the new one current) and a
/// revocation countersigned by a second supervisor are no violations.
#[tokio::test]
async fn a_reissued_and_a_revoked_card_hold_every_invariant() {
    use crate::applications::form;
    on_each_backend_with_db(test_settings, |app, _| async move {
        let c = crate::cards::granted(&app, "check-renewed@example.com", "E7740001", 74).await;
        let (holder, hcsrf) = crate::applications::page_session(&app, "check-renewed@example.com").await;
        let fields = [
            ("csrf", hcsrf.as_str()),
            ("passport_number", "E7740009"),
            ("passport_issued", "2026-11-01"),
            ("passport_expires", "2040-10-31"),
        ];
        let report = format!("/account/cards/{}/passport", c.card.number);
        assert_eq!(form(&app, &report, &fields, &holder).await.status, 303);
        let reissue = format!("/cases/{}/card_reissue", c.id);
        assert_eq!(form(&app, &reissue, &[("csrf", &c.ocsrf)], &c.officer).await.status, 303);
        assert_eq!(app.state.store.cards_of_application(c.id).await.expect("cards").len(), 2);

        let b = crate::cards::granted(&app, "check-revoked@example.com", "E7740002", 75).await;
        let (s1, c1) = crate::cases::staff(&app, "check-s1@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (s2, c2) = crate::cases::staff(&app, "check-s2@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let revoke = format!("/cases/{}/card_revoke", b.id);
        let r = form(&app, &revoke, &[("csrf", &c1), ("ground", "court"), ("reason", "Case 2-77/2026")], &s1).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(form(&app, &format!("/cases/{}/card_countersign", b.id), &[("csrf", &c2)], &s2).await.status, 303);
        assert_eq!(app.state.store.card(b.card.id).await.expect("q").expect("c").state.as_str(), "revoked");

        let r = run(&app, true).await;
        assert!(r.violations.is_empty(), "{}: {:?}", app.backend, r.violations);
    })
    .await;
}
