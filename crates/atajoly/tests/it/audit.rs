//! The audit log: every event a leaf of a Merkle tree appended with its change, checkpoints signed,
//! proofs served; an independent implementation written from the RFCs agrees; the records of keys,
//! sign-ins and administrators' actions; void leaves. Tampering caught and named is in `audit_tamper.rs`.

use serde_json::{Value, json};
use sqlx::Connection as _;
use store::LogRecord;

use crate::support::{Cleanup, TestApp, on_each_backend, pg_url};

/// Runs SQL on the test's database behind the service's back (as someone with the database's keys).
pub(crate) async fn sql(db: &Cleanup, statements: &str) {
    match db {
        Cleanup::File(p) => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", p.display())).await.expect("sqlite");
            sqlx::raw_sql(statements).execute(&mut c).await.unwrap_or_else(|e| panic!("{statements}: {e}"));
        }
        Cleanup::Schema(s) => {
            let mut c = sqlx::PgConnection::connect(&pg_url()).await.expect("pg");
            let all = format!("SET search_path TO {s}; {statements}");
            sqlx::raw_sql(&all).execute(&mut c).await.unwrap_or_else(|e| panic!("{statements}: {e}"));
        }
    }
}

/// Inserts a log entry and subtree hashes with bound values.
pub(crate) async fn put(db: &Cleanup, entry: Option<(u64, &str, &[u8])>, nodes: &[(i64, Vec<u8>)]) {
    macro_rules! go {
        ($c:expr) => {{
            let c = $c;
            if let Some((seq, data, leaf)) = entry {
                sqlx::query(
                    "INSERT INTO log_entries (seq, at, kind, actor_role, action, data, leaf) \
                     VALUES ($1, 1, 'admin', 'administrator', 'staff_create', $2, $3)",
                )
                .bind(i64::try_from(seq).expect("seq"))
                .bind(data)
                .bind(leaf.to_vec())
                .execute(&mut *c)
                .await
                .expect("insert entry");
            }
            for (key, hash) in nodes {
                sqlx::query("INSERT INTO log_nodes (node, hash) VALUES ($1, $2)")
                    .bind(key)
                    .bind(hash)
                    .execute(&mut *c)
                    .await
                    .expect("insert node");
            }
        }};
    }
    match db {
        Cleanup::File(p) => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", p.display())).await.expect("sqlite");
            go!(&mut c);
        }
        Cleanup::Schema(s) => {
            let mut c = sqlx::PgConnection::connect(&pg_url()).await.expect("pg");
            sqlx::raw_sql(&format!("SET search_path TO {s}")).execute(&mut c).await.expect("path");
            go!(&mut c);
        }
    }
}

pub(crate) fn drop_triggers(app: &TestApp) -> &'static str {
    if app.backend == "postgres" {
        "DROP TRIGGER log_entries_append_only ON log_entries; DROP TRIGGER log_nodes_append_only ON log_nodes; \
         DROP TRIGGER log_truncate ON log_entries; DROP TRIGGER application_events_no_update ON application_events; \
         DROP TRIGGER application_events_no_delete ON application_events;"
    } else {
        "DROP TRIGGER log_entries_no_update; DROP TRIGGER log_entries_no_delete; DROP TRIGGER log_nodes_no_update; \
         DROP TRIGGER log_nodes_no_delete; DROP TRIGGER application_events_no_update; \
         DROP TRIGGER application_events_no_delete;"
    }
}

async fn staff_user(app: &TestApp, email: &str) -> store::User {
    app.state.store.user_by_email(email).await.expect("q").expect("user")
}

async fn checkpoint_note(app: &TestApp) -> String {
    let r = app.get("/.well-known/atajoly/log/checkpoint").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.header("content-type").starts_with("text/plain"));
    r.body
}

#[tokio::test]
async fn a_walked_case_is_in_the_log_and_an_independent_checker_agrees() {
    on_each_backend(|app| async move {
        let (id, applicant, officer, _) =
            crate::cards::ready_for_grant(&app, "log-a@example.com", "E5510001", 61).await;
        // The officer opens the case: a read, recorded before it is shown.
        assert_eq!(app.get_with(&format!("/cases/{id}"), &[("cookie", &officer)]).await.status, 200);
        let first = checkpoint_note(&app).await;
        let vkey = app.get("/.well-known/atajoly/log/vkey").await.body;
        let verifier = tlog::parse_vkey(&vkey).expect("vkey");
        let c1 = tlog::Checkpoint::open(&first, &verifier, app.state.log.origin()).expect("signed");
        assert_eq!(c1.origin, "atajoly.test/atajoly/log");
        let officer_user = staff_user(&app, "officer-log-a.example.com@kz75.kz").await;
        let case = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::grant(&app.state, &officer_user, &case, "").await.expect("grant");
        let second = checkpoint_note(&app).await;
        let c2 = tlog::Checkpoint::open(&second, &verifier, app.state.log.origin()).expect("signed");
        assert!(c2.size > c1.size);
        assert_eq!(c2.size, app.state.store.log_size().await.expect("size"));

        // Every event row is a leaf, with what it says; the read too, with office and role.
        let entries = app.state.store.log_entries(0, 10_000).await.expect("entries");
        let events = app.state.store.events(id).await.expect("events");
        let of_case = entries.iter().filter(|e| e.record.kind == "application" && e.record.application_id == Some(id));
        assert_eq!(of_case.count(), events.len());
        assert!(entries.iter().any(|e| e.record.kind == "card" && e.record.action == "issue"), "the card's issue");
        let read = entries.iter().find(|e| e.record.kind == "read").expect("the read");
        assert_eq!((read.record.action.as_str(), read.record.actor_id), ("open_case", Some(officer_user.id)));
        let looks = service::audit::looks(&app.state, id).await.expect("looks");
        assert_eq!(looks[0].office.as_deref(), Some("department-KZ-75"));
        assert_eq!(looks[0].role, "officer");

        // The applicant sees who looked, by office and role, never by name or id.
        let r = app.get_with(&format!("/api/v1/applications/{id}/looks"), &[("authorization", &applicant)]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let first_look = &r.json()["looks"][0];
        assert_eq!(first_look["office"], "department-KZ-75");
        assert_eq!(first_look["action"], "open_case");
        assert!(first_look.get("actor_id").is_none() && !r.body.contains(&officer_user.email));
        let (page, _) = crate::applications::page_session(&app, "log-a@example.com").await;
        for (lang, words) in
            [("kk", "Жұмыспен қамту басқармасы"), ("ru", "Управление занятости"), ("en", "Employment department of")]
        {
            let r = app
                .get_with(&format!("/applications/{id}/looks"), &[("cookie", &page), ("accept-language", lang)])
                .await;
            assert_eq!(r.status, 200, "{lang}: {}", r.body);
            assert!(r.body.contains(words) && !r.body.contains("department-KZ-75"), "{lang}: the office in words");
        }
        let other = crate::applications::applicant(&app, "log-other@example.com").await;
        let r = app.get_with(&format!("/api/v1/applications/{id}/looks"), &[("authorization", &other)]).await;
        assert_eq!(r.status, 404, "another applicant is not told");

        // The service's own verification: clean, fully signed, and the first checkpoint a prefix.
        let v = service::audit::verify(app.state.store.as_ref(), &verifier, &c1.origin, Some(&first)).await.expect("v");
        assert!(v.failures.is_empty(), "{:?}", v.failures);
        assert_eq!((v.size, v.signed, v.older_ok), (c2.size, c2.size, Some(c1.size)));

        // Proofs from the public API, and an implementation written from the RFCs checks them.
        let mut inclusion = Vec::new();
        for index in 0..c2.size {
            let r = app.get(&format!("/api/v1/log/proofs/inclusion?index={index}&size={}", c2.size)).await;
            assert_eq!(r.status, 200, "{}", r.body);
            let p = r.json();
            let hashes: Vec<tlog::Hash> = p["hashes"]
                .as_array()
                .expect("hashes")
                .iter()
                .map(|h| {
                    use base64::Engine as _;
                    let b = base64::engine::general_purpose::STANDARD.decode(h.as_str().expect("s")).expect("b64");
                    b.try_into().expect("32 bytes")
                })
                .collect();
            let leaf = tlog::leaf_hash(entries[usize::try_from(index).expect("i")].data.as_bytes());
            tlog::verify_inclusion(index, c2.size, &leaf, &hashes, &c2.root).expect("inclusion verifies");
            inclusion.push(p);
        }
        let mut consistency = Vec::new();
        for (m, n) in [(c1.size, c2.size), (1, c2.size), (c1.size - 1, c1.size), (c2.size, c2.size)] {
            let r = app.get(&format!("/api/v1/log/proofs/consistency?first={m}&second={n}")).await;
            assert_eq!(r.status, 200, "{}", r.body);
            consistency.push(r.json());
        }
        let spec = json!({
            "leaves": entries.iter().map(|e| e.data.clone()).collect::<Vec<_>>(),
            "checkpoints": [first, second],
            "vkey": vkey,
            "inclusion": inclusion,
            "consistency": consistency,
        });
        let file = std::env::temp_dir().join(format!("atajoly-log-{}.json", uuid::Uuid::new_v4().simple()));
        std::fs::write(&file, spec.to_string()).expect("write");
        let out = std::process::Command::new(crate::support::python())
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/log/rfc6962_check.py"))
            .arg(&file)
            .output()
            .expect("python runs");
        let _ = std::fs::remove_file(&file);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).expect("report");
        assert_eq!(report["checkpoints"], 2);
        assert_eq!(report["inclusion"], c2.size);
        assert_eq!(report["consistency"], 4);
        assert!(report["tampered_refused"].as_u64().expect("n") > 0);

        // Bad requests: a clear error with the field named, never a crash.
        for (uri, field, code) in [
            (format!("/api/v1/log/proofs/inclusion?index={}&size={}", c2.size, c2.size), "index", "out_of_range"),
            (format!("/api/v1/log/proofs/inclusion?index=0&size={}", c2.size + 50), "size", "beyond_log"),
            ("/api/v1/log/proofs/inclusion?index=x".into(), "index", "not_a_number"),
            ("/api/v1/log/proofs/inclusion".into(), "index", "required"),
            ("/api/v1/log/proofs/consistency?first=5&second=2".into(), "first", "out_of_range"),
        ] {
            let r = app.get_with(&uri, &[("accept-language", "ru")]).await;
            assert_eq!(r.status, 422, "{uri}: {}", r.body);
            let e = &r.json()["errors"][0];
            assert_eq!((e["field"].as_str(), e["code"].as_str()), (Some(field), Some(code)), "{uri}");
        }
        assert_eq!(app.get("/api/v1/log/checkpoints/999999").await.status, 404);
        assert_eq!(app.get(&format!("/api/v1/log/checkpoints/{}", c1.size)).await.body, first);
    })
    .await;
}

#[tokio::test]
async fn signing_keys_and_other_systems_keys_leave_records() {
    on_each_backend(|app| async move {
        let store = app.state.store.clone();
        let dir = app.state.settings.keys_dir.clone();
        let kid = service::cards::rotate(&store, &dir, 2_000_000_000, 1_900_000_000).await.expect("rotate");
        assert!(service::cards::withdraw(&store, &kid, 1_900_000_001).await.expect("withdraw"));
        let token = "azk_test-registry-token";
        store
            .add_api_key("Citizenship registry", "registry", &service::auth::digest(token), 1, 4_102_444_800)
            .await
            .expect("key");
        for _ in 0..3 {
            let r = app
                .post_json_auth(
                    "/api/v1/registry/citizenship",
                    &json!({ "iin": crate::cases::iin(93), "reference": "Decree 93" }).to_string(),
                    &format!("Bearer {token}"),
                )
                .await;
            assert!(r.status.is_success(), "{}", r.body);
        }
        let entries = store.log_entries(0, 1000).await.expect("entries");
        let actions: Vec<(&str, Option<&str>)> = entries
            .iter()
            .filter(|e| matches!(e.record.kind.as_str(), "key" | "system"))
            .map(|e| (e.record.action.as_str(), e.record.subject.as_deref()))
            .collect();
        let key = format!("key:{kid}");
        assert!(actions.contains(&("signing_key_add", Some(&key))), "{actions:?}");
        assert!(actions.contains(&("signing_key_withdraw", Some(&key))), "{actions:?}");
        let uses = actions.iter().filter(|(a, _)| *a == "api_key_use").count();
        assert_eq!(uses, 1, "the first use of the day only: {actions:?}");
    })
    .await;
}

#[tokio::test]
async fn the_auditors_workbench_searches_shows_proofs_and_exports() {
    on_each_backend(|app| async move {
        let (id, _) = crate::cases::submitted_case(&app, "log-w@example.com", "E5540001").await;
        let (auditor, _) = crate::cases::staff(&app, "auditor-w@kz.kz", "auditor", None).await;
        let (officer, _) = crate::cases::staff(&app, "officer-w@kz.kz", "officer", Some("department-KZ-75")).await;
        for (lang, title) in [("kk", "Аудит журналы"), ("ru", "Журнал аудита"), ("en", "Audit log")]
        {
            let r = app
                .get_with(&format!("/audit?application={id}"), &[("cookie", &auditor), ("accept-language", lang)])
                .await;
            assert_eq!(r.status, 200, "{lang}: {}", r.body);
            assert!(r.body.contains(title) && r.body.contains("<code>submit</code>"), "{lang}");
        }
        let r = app.get_with("/audit?application=x&since=2026-13-45", &[("cookie", &auditor)]).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("href=\"#application\"") && r.body.contains("href=\"#since\""), "both fields named");
        let r = app.get_with("/audit/entries/0", &[("cookie", &auditor)]).await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("atajoly.test/atajoly/log"), "the checkpoint is shown");
        let r = app.get_with("/audit/export", &[("cookie", &auditor)]).await;
        assert_eq!((r.status.as_u16(), r.header("content-type")), (200, "application/jsonl"));
        let size = app.state.store.log_size().await.expect("size");
        assert_eq!(r.body.lines().count() as u64, size);
        assert!(r.body.lines().all(|l| store::log::decode(l).is_some()), "each line a leaf, byte for byte");
        for uri in ["/audit", "/audit/entries/0", "/audit/export"] {
            assert_eq!(app.get_with(uri, &[("cookie", &officer)]).await.status, 403, "{uri}: not an auditor");
        }
    })
    .await;
}

#[tokio::test]
async fn the_applicants_history_names_roles_and_offices_not_staff_and_keeps_internal_notes_internal() {
    on_each_backend(|app| async move {
        let (id, auth) = crate::cases::submitted_case(&app, "log-h@example.com", "E5550001").await;
        crate::cases::staff(&app, "officer-h@kz75.kz", "officer", Some("department-KZ-75")).await;
        let officer = staff_user(&app, "officer-h@kz75.kz").await;
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::add_note(&app.state, &officer, &a, "Internal: the scan looks retouched").await.expect("note");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::request_corrections(&app.state, &officer, &a, &["contact".into()], "The phone does not answer")
            .await
            .expect("corrections");
        let r = app.get_with(&format!("/api/v1/applications/{id}/events"), &[("authorization", &auth)]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("The phone does not answer"), "the reasons to correct are the applicant's");
        assert!(!r.body.contains("retouched"), "an officer's case note is not: {}", r.body);
        let events = r.json()["events"].as_array().expect("events").clone();
        assert!(events.iter().all(|e| e["actor_id"].is_null()), "no staff ids: {events:?}");
        assert!(events.iter().any(|e| e["office"] == "department-KZ-75"), "the office is named");
    })
    .await;
}

#[tokio::test]
async fn answers_with_personal_data_are_never_cached_and_https_is_kept_to() {
    on_each_backend(|app| async move {
        let (id, auth) = crate::cases::submitted_case(&app, "log-c@example.com", "E5560001").await;
        for uri in
            [format!("/api/v1/applications/{id}"), "/api/v1/me".into(), format!("/api/v1/applications/{id}/events")]
        {
            let r = app.get_with(&uri, &[("authorization", &auth)]).await;
            assert_eq!(r.status, 200, "{uri}");
            assert_eq!(r.header("cache-control"), "no-store", "{uri}");
            assert_eq!(r.header("strict-transport-security"), "max-age=31536000; includeSubDomains", "{uri}");
        }
        // What may be cached says so itself.
        assert!(app.get("/.well-known/atajoly/jwks.json").await.header("cache-control").starts_with("public"));
    })
    .await;
}

fn note_record(n: i64) -> LogRecord {
    service::audit::system_record("admin", "administrator", "calendar_edit", Some(format!("calendar:{n}")), n)
}

/// Appends take no lock: on PostgreSQL a number comes from a sequence, and one whose change rolled
/// back is filled with a void leaf once it has stood missing a moment; a change still in flight keeps
/// its number (the filler waits for it) and joins the tree when it commits.
#[tokio::test]
async fn numbers_of_changes_that_never_commit_become_void_leaves_and_in_flight_ones_are_kept() {
    on_each_backend(|app| async move {
        let (store, log) = (app.state.store.clone(), &app.state.log);
        let base = service::audit::checkpoint(store.as_ref(), log, 1).await.expect("cp").size;
        // A change that rolls back after taking its number.
        let mut w = store.begin().await.expect("begin");
        w.log(&note_record(1)).await.expect("log");
        drop(w);
        store.log_append(&note_record(2)).await.expect("append");
        let now = service::audit::seal(store.as_ref(), log, 3).await.expect("seal");
        if app.backend == "postgres" {
            assert_eq!(now, base, "the gap waits: its change might still commit");
            tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        }
        let sealed = service::audit::seal(store.as_ref(), log, 4).await.expect("seal");
        assert_eq!(sealed, base + if app.backend == "postgres" { 2 } else { 1 });
        let entries = store.log_entries(base, 10).await.expect("entries");
        let kinds: Vec<&str> = entries.iter().map(|e| e.record.kind.as_str()).collect();
        assert_eq!(kinds, if app.backend == "postgres" { vec!["void", "admin"] } else { vec!["admin"] });

        if app.backend == "postgres" {
            // In flight past the grace: the filler waits for it, and it keeps its number.
            let mut slow = store.begin().await.expect("begin");
            let seq = slow.log(&note_record(5)).await.expect("log");
            store.log_append(&note_record(6)).await.expect("append");
            assert_eq!(service::audit::seal(store.as_ref(), log, 7).await.expect("seal"), sealed);
            tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
            let filler = {
                let (store, state) = (store.clone(), app.state.clone());
                tokio::spawn(async move { service::audit::seal(store.as_ref(), &state.log, 8).await })
            };
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            assert!(!filler.is_finished(), "the filler waits for the change in flight");
            slow.commit().await.expect("commit");
            let size = filler.await.expect("task").expect("seal");
            assert_eq!(size, sealed + 2);
            let kept = store.log_entries(seq, 1).await.expect("entries");
            assert_eq!(kept[0].record.kind, "admin", "the change kept its number");
        }
        let v = service::audit::verify(store.as_ref(), log.verifier(), log.origin(), None).await.expect("verify");
        assert!(v.failures.is_empty(), "{:?}", v.failures);
    })
    .await;
}

#[tokio::test]
async fn staff_sign_ins_and_administrators_actions_are_in_the_log() {
    on_each_backend(|app| async move {
        crate::cases::staff(&app, "adm-log@kz.kz", "administrator", None).await;
        crate::cases::staff(&app, "off-log@kz75.kz", "officer", Some("department-KZ-75")).await;
        let admin = staff_user(&app, "adm-log@kz.kz").await;
        let officer = staff_user(&app, "off-log@kz75.kz").await;
        let wrong = json!({ "email": "off-log@kz75.kz", "password": "not-the-password", "code": "000000" });
        assert_eq!(app.post_json("/api/v1/auth/token", &wrong.to_string(), &[]).await.status, 401);
        service::admin::set_disabled(&app.state, &admin, officer.id, true, "Left the department")
            .await
            .expect("disable");
        service::admin::set_disabled(&app.state, &admin, officer.id, false, "Came back").await.expect("enable");
        let entries = app.state.store.log_entries(0, 1000).await.expect("entries");
        let seen: Vec<(&str, &str, Option<i64>)> = entries
            .iter()
            .filter(|e| matches!(e.record.kind.as_str(), "staff" | "admin"))
            .map(|e| (e.record.kind.as_str(), e.record.action.as_str(), e.record.actor_id))
            .collect();
        assert!(seen.contains(&("staff", "sign_in", Some(officer.id))), "{seen:?}");
        assert!(seen.contains(&("staff", "sign_in_failed", None)), "{seen:?}");
        assert!(seen.contains(&("admin", "staff_disable", Some(admin.id))), "{seen:?}");
        assert!(seen.contains(&("admin", "staff_enable", Some(admin.id))), "{seen:?}");
        let reasons: Vec<Option<String>> = entries
            .iter()
            .filter(|e| e.record.kind == "admin")
            .filter_map(|e| store::log::decode(&e.data).map(|(_, r)| r.note))
            .collect();
        assert!(reasons.contains(&Some("Left the department".into())), "the reason is kept: {reasons:?}");
    })
    .await;
}

/// After many crashes (each leaving numbers of changes that never committed), every missing number
/// stands its grace at once and all are filled in one pass: the log does not wait a grace per gap.
#[tokio::test]
async fn many_missing_numbers_are_filled_in_one_pass() {
    on_each_backend(|app| async move {
        let (store, log) = (app.state.store.clone(), &app.state.log);
        let base = service::audit::checkpoint(store.as_ref(), log, 1).await.expect("cp").size;
        for n in 0..5 {
            let mut w = store.begin().await.expect("begin");
            w.log(&note_record(10 + n)).await.expect("log");
            drop(w);
            store.log_append(&note_record(20 + n)).await.expect("append");
        }
        let first = service::audit::seal(store.as_ref(), log, 30).await.expect("seal");
        if app.backend == "postgres" {
            assert_eq!(first, base, "the first gap waits: its change might still commit");
            tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        }
        let sealed = service::audit::seal(store.as_ref(), log, 31).await.expect("seal");
        let gaps = if app.backend == "postgres" { 5 } else { 0 };
        assert_eq!(sealed, base + 5 + gaps, "every gap filled in the same pass");
        let v = service::audit::verify(store.as_ref(), log.verifier(), log.origin(), None).await.expect("verify");
        assert!(v.failures.is_empty() && v.unsealed == 0, "{:?} {}", v.failures, v.unsealed);
    })
    .await;
}
