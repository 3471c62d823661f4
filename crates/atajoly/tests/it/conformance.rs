//! The repository conformance suite: every method of every repository, on both backends, as one story.

use domain::reference::{Catalog, Kind, ListVersion};
use store::{ImportOutcome, NewJob, NewToken, NewUser, Session, StoreError, TokenPurpose};
use time::macros::date;

use crate::support::{backends, fresh_store};

fn right_list(version: &str, from: &str, name_en: &str) -> ListVersion {
    let text = format!(
        r#"kind = "right"
version = "{version}"
effective_from = "{from}"
[source]
kk = "Заң"
ru = "Закон"
en = "Law"
reference = "test"
[[items]]
key = "a"
origin = "project"
name = {{ kk = "құқық", ru = "право", en = "{name_en}" }}
text = {{ kk = "мәтін", ru = "текст", en = "text" }}
aliases = {{ en = ["alias"] }}
[[items]]
key = "b"
origin = "reconstructed"
name = {{ kk = "екі", ru = "два", en = "two" }}
fragments = ["ек", "і"]
"#
    );
    ListVersion::parse("test.toml", &text).expect("valid list")
}

#[tokio::test]
async fn repository_story_on_every_backend() {
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        assert_eq!(store.backend(), backend);
        store.ping().await.expect("ping");

        // Migrations apply once, then never again.
        assert_eq!(store.migrate().await.expect("migrate"), store::schema_versions(), "{backend}");
        assert_eq!(store::schema_versions(), 20, "both backends carry every migration");
        assert_eq!(store.migrate().await.expect("migrate again"), 0, "{backend}");

        // Import is idempotent and all-or-nothing.
        let v1 = right_list("v1", "2023-07-01", "right");
        assert_eq!(store.import_list(&v1, "right/v1.toml").await.expect("import"), ImportOutcome::Inserted);
        assert_eq!(store.import_list(&v1, "right/v1.toml").await.expect("re-import"), ImportOutcome::Unchanged);
        let changed = right_list("v1", "2023-07-01", "changed");
        let err = store.import_list(&changed, "right/v1.toml").await.expect_err("changed content is refused");
        assert!(matches!(err, StoreError::Conflict(_)), "{backend}: {err}");
        let v2 = right_list("v2", "2025-01-01", "right, amended");
        assert_eq!(store.import_list(&v2, "right/v2.toml").await.expect("import v2"), ImportOutcome::Inserted);

        // Versions come back oldest first with their metadata.
        let versions = store.list_versions(Kind::Right).await.expect("versions");
        assert_eq!(versions.iter().map(|v| v.version.as_str()).collect::<Vec<_>>(), ["v1", "v2"], "{backend}");
        assert_eq!(versions[0].items, 2);
        assert_eq!(versions[0].content_sha256, v1.content_hash());
        assert_eq!(versions[0].effective_from, date!(2023 - 07 - 01));
        assert_eq!(versions[0].file, "right/v1.toml");
        assert!(store.list_versions(Kind::Country).await.expect("none").is_empty());

        // A loaded list equals what was stored, item order and all.
        let loaded = store.load_list(Kind::Right, "v1").await.expect("load").expect("present");
        assert_eq!(loaded, v1, "{backend}");
        assert!(store.load_list(Kind::Right, "v9").await.expect("load").is_none());

        // Everything loads, and the version in force follows the date asked.
        let all = store.load_all_lists().await.expect("all");
        assert_eq!(all.len(), 2);
        let catalog = Catalog::new(all);
        assert_eq!(catalog.in_force(Kind::Right, date!(2024 - 12 - 31)).expect("v1").version, "v1");
        assert_eq!(catalog.in_force(Kind::Right, date!(2025 - 01 - 01)).expect("v2").version, "v2");

        // The real data files load on top, and a second load changes nothing.
        let first = atajoly::migrate(store.as_ref()).await.expect("data");
        assert!(first.inserted >= 11, "{backend}: {first:?}");
        let second = atajoly::migrate(store.as_ref()).await.expect("data again");
        assert_eq!((second.schema, second.inserted, second.unchanged), (0, 0, first.inserted));
        cleanup.run().await;
    }
}

#[tokio::test]
async fn concurrent_migrations_do_not_collide() {
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        let (a, b) = tokio::join!(atajoly::migrate(store.as_ref()), atajoly::migrate(store.as_ref()));
        let (a, b) = (a.expect("first"), b.expect("second"));
        assert_eq!(a.schema + b.schema, store::schema_versions(), "{backend}");
        let files = atajoly::reference_lists().expect("files").len();
        assert_eq!(a.inserted + b.inserted, files, "{backend}: each list stored exactly once");
        assert_eq!(a.unchanged + b.unchanged, files, "{backend}");
        assert_eq!(store.load_all_lists().await.expect("all").len(), files, "{backend}");
        cleanup.run().await;
    }
}

fn job(kind: &str, dedup: Option<&str>, run_at: i64) -> NewJob {
    NewJob {
        kind: kind.into(),
        payload: serde_json::json!({ "n": kind }),
        run_at,
        dedup_key: dedup.map(str::to_owned),
        max_attempts: 2,
    }
}

fn token(hash: &str, purpose: TokenPurpose, at: i64) -> NewToken {
    NewToken { token_hash: hash.into(), purpose, created_at: at, expires_at: at + 100 }
}

#[tokio::test]
async fn account_job_and_inbox_story_on_every_backend() {
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        store.migrate().await.expect("migrate");
        let t = 1_800_000_000;

        // Accounts: created once per address, with their token and jobs, all or nothing.
        let new = NewUser { email: "a@example.com".into(), password_hash: "h1".into(), lang: "kk".into(), now: t };
        let user = store.create_user(&new, &token("v1", TokenPurpose::Verify, t), &[job("email", None, t)]).await;
        let user = user.expect("create").expect("created");
        assert_eq!((user.email.as_str(), user.lang.as_str(), user.role.as_str()), ("a@example.com", "kk", "applicant"));
        assert_eq!(user.verified_at, None);
        let taken = store.create_user(&new, &token("v2", TokenPurpose::Verify, t), &[job("email", None, t)]).await;
        assert!(taken.expect("no error").is_none(), "{backend}: a taken address writes nothing");
        assert_eq!(store.jobs_in_state("pending").await.expect("jobs").len(), 1, "{backend}");
        assert!(store.user_for_token("v2", TokenPurpose::Verify, t).await.expect("q").is_none());
        assert_eq!(store.user_by_email("a@example.com").await.expect("q"), Some(user.clone()));
        assert_eq!(store.user_by_id(user.id).await.expect("q"), Some(user.clone()));
        assert!(store.user_by_id(user.id + 1000).await.expect("q").is_none());

        // Tokens: looked up while live, used once, only for their purpose; a new one retires the old.
        assert_eq!(store.user_for_token("v1", TokenPurpose::Verify, t).await.expect("q"), Some(user.clone()));
        assert!(store.user_for_token("v1", TokenPurpose::Reset, t).await.expect("q").is_none());
        assert!(store.user_for_token("v1", TokenPurpose::Verify, t + 100).await.expect("q").is_none(), "expired");
        store
            .issue_token(user.id, &token("v3", TokenPurpose::Verify, t + 1), &job("email", None, t))
            .await
            .expect("issue");
        assert!(store.verify_email("v1", t + 2, ("s", "b")).await.expect("q").is_none(), "{backend}: retired");
        let verified = store.verify_email("v3", t + 2, ("Welcome", "Body")).await.expect("q").expect("verified");
        assert_eq!(verified.verified_at, Some(t + 2));
        assert!(store.verify_email("v3", t + 3, ("s", "b")).await.expect("q").is_none(), "{backend}: used once");

        // Inbox: the welcome message, then one more, newest first.
        store.add_message(user.id, "Second", "Text", t + 5).await.expect("add");
        let inbox = store.inbox(user.id).await.expect("inbox");
        assert_eq!(inbox.iter().map(|m| m.subject.as_str()).collect::<Vec<_>>(), ["Second", "Welcome"], "{backend}");

        // Sessions: found while live and joined with their user; deleted once.
        let s = Session {
            token_hash: "s1".into(),
            user_id: user.id,
            kind: "cookie".into(),
            csrf: "c1".into(),
            created_at: t,
            expires_at: t + 60,
        };
        store.create_session(&s).await.expect("session");
        let (found, owner) = store.session("s1", t + 1).await.expect("q").expect("live");
        assert_eq!((found, owner.id), (s.clone(), user.id));
        assert!(store.session("s1", t + 60).await.expect("q").is_none(), "{backend}: expired");
        assert!(store.delete_session("s1").await.expect("delete"));
        assert!(!store.delete_session("s1").await.expect("delete"));

        // Reset: new password, every session ended, the notice enqueued, once.
        store.create_session(&Session { token_hash: "s2".into(), ..s.clone() }).await.expect("session");
        store.issue_token(user.id, &token("r1", TokenPurpose::Reset, t), &job("email", None, t)).await.expect("issue");
        let reset = store.reset_password("r1", "h2", t + 10, &job("email", Some("changed"), t + 10)).await;
        let reset = reset.expect("q").expect("reset");
        assert_eq!(reset.password_hash, "h2");
        assert!(store.session("s2", t + 11).await.expect("q").is_none(), "{backend}: sessions ended");
        assert!(store.reset_password("r1", "h3", t + 11, &job("email", None, t)).await.expect("q").is_none());

        // Staff: created verified, with an office and a second factor whose steps are used once.
        let staff = NewUser { email: "clerk@mfa.kz".into(), password_hash: "h".into(), lang: "ru".into(), now: t };
        let clerk = store
            .create_staff(&staff, domain::account::Role::Intermediary, Some("embassy-MN"), "GEZDGNBV")
            .await
            .expect("q")
            .expect("new");
        assert_eq!(
            (clerk.role.as_str(), clerk.office.as_deref(), clerk.verified_at),
            ("intermediary", Some("embassy-MN"), Some(t))
        );
        assert!(
            store.create_staff(&staff, domain::account::Role::Intermediary, None, "X").await.expect("q").is_none(),
            "{backend}: taken"
        );
        assert_eq!(store.totp_secret(clerk.id).await.expect("q").as_deref(), Some("GEZDGNBV"));
        assert_eq!(store.totp_secret(user.id).await.expect("q"), None);
        assert_eq!(store.totp_last_step(clerk.id).await.expect("q"), None);
        assert!(store.use_totp_step(clerk.id, 100).await.expect("q"));
        assert!(!store.use_totp_step(clerk.id, 100).await.expect("q"), "{backend}: a step works once");
        assert!(!store.use_totp_step(clerk.id, 99).await.expect("q"), "{backend}: never an older one");
        assert_eq!(store.totp_last_step(clerk.id).await.expect("q"), Some(100));

        // Rate limits: counted per key and window, each count returned by the statement that makes it;
        // taken back, forgotten, purged by window.
        for n in 1..=3 {
            assert_eq!(store.count_attempt("k", t).await.expect("count"), n, "{backend}");
        }
        assert_eq!(store.count_attempt("k", t + 900).await.expect("count"), 1, "{backend}: a new window");
        assert_eq!(store.count_attempt("other", t).await.expect("count"), 1, "{backend}: another key");
        store.uncount_attempt("k", t).await.expect("uncount");
        assert_eq!(store.count_attempt("k", t).await.expect("count"), 3, "{backend}: one was taken back");
        store.forget_attempts("k").await.expect("forget");
        assert_eq!(store.count_attempt("k", t).await.expect("count"), 1, "{backend}: forgotten");
        assert_eq!(store.purge_rate_limits(t + 1, 100).await.expect("purge"), 2, "{backend}: k and other at t");
        assert_eq!(store.count_attempt("k", t + 900).await.expect("count"), 1, "{backend}: forgotten, then new");

        // Jobs: deduplicated, claimed in order when due, leased, retried, then dead or done.
        assert!(store.enqueue(&job("x", Some("once"), t), t).await.expect("enqueue"));
        assert!(!store.enqueue(&job("x", Some("once"), t), t).await.expect("enqueue"), "{backend}: dedup");
        assert!(store.enqueue(&job("later", None, t + 1000), t).await.expect("enqueue"));
        let pending = store.jobs_in_state("pending").await.expect("jobs");
        assert_eq!(pending.len(), 6, "{backend}: 4 e-mails, x, later");
        let mut claimed = Vec::new();
        while let Some(j) = store.claim(t + 20, 60).await.expect("claim") {
            assert_eq!(j.attempts, 1);
            claimed.push(j.id);
        }
        assert_eq!(claimed.len(), 5, "{backend}: all due ones, each once while leased");
        assert!(store.claim(t + 79, 60).await.expect("claim").is_none(), "{backend}: leases hold");
        // A lease that runs out makes the job claimable again (its worker died).
        let expired = store.claim(t + 80, 60).await.expect("claim").expect("lease ran out");
        assert_eq!((expired.id, expired.attempts), (claimed[0], 2), "{backend}");
        for id in &claimed[2..] {
            store.complete(*id, t + 81).await.expect("complete");
        }
        let first = claimed[0];
        store.fail(first, "boom", t + 81, t + 200).await.expect("fail");
        assert_eq!(store.job(first).await.expect("q").expect("job").state, "dead", "{backend}: max_attempts = 2");
        let second = claimed[1];
        store.fail(second, "boom", t + 81, t + 200).await.expect("fail");
        let j = store.job(second).await.expect("q").expect("job");
        assert_eq!((j.state.as_str(), j.run_at, j.last_error.as_deref()), ("pending", t + 200, Some("boom")));
        assert!(store.claim(t + 199, 60).await.expect("claim").is_none(), "{backend}: not due before its retry");
        let again = store.claim(t + 200, 60).await.expect("claim").expect("due again");
        assert_eq!((again.id, again.attempts), (second, 2));
        store.complete(second, t + 201).await.expect("complete");
        assert_eq!(store.job(second).await.expect("q").expect("job").state, "done");
        assert!(store.job(-1).await.expect("q").is_none());
        assert_eq!(store.jobs_in_state("dead").await.expect("jobs").len(), 1);
        cleanup.run().await;
    }
}

#[tokio::test]
async fn concurrent_workers_never_claim_the_same_job() {
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        store.migrate().await.expect("migrate");
        let t = 1_800_000_000;
        for i in 0..40 {
            store.enqueue(&job("x", Some(&format!("j{i}")), t), t).await.expect("enqueue");
        }
        let worker = || {
            let store = store.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while let Some(j) = store.claim(t, 600).await.expect("claim") {
                    mine.push(j.id);
                }
                mine
            })
        };
        let handles: Vec<_> = (0..4).map(|_| worker()).collect();
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.await.expect("worker"));
        }
        all.sort_unstable();
        let before = all.len();
        all.dedup();
        assert_eq!((before, all.len()), (40, 40), "{backend}: every job claimed exactly once");
        cleanup.run().await;
    }
}
