//! Two instances on one database and one file store, on both backends (one PostgreSQL schema; one
//! SQLite file), behind a round-robin balancer: every action that must happen once, sent to both at the
//! same moment, happens once (a grant, a card's reissue and its revocation, the agencies' answers, the
//! registry's report, a key rotation, each e-mail job with both workers running); and a revocation on
//! one instance is seen by verification on the other within the status list's minute
//! (`docs/credential.md`), on the other instance's own clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};

use serde_json::json;

use crate::applications::form;
use crate::cards::{granted, ready_for_grant};
use crate::cases::{iin, staff};
use crate::support::{Cleanup, TestApp, TestResponse, fixed_clock, on_each_backend_with_db, pg_url, test_settings};

/// A clock the test moves: an instance's own time, apart from the other's.
struct MovingClock(AtomicI64);

impl service::Clock for MovingClock {
    fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::from_unix_timestamp(self.0.load(Ordering::SeqCst)).expect("instant")
    }
}

impl MovingClock {
    fn at(t: time::OffsetDateTime) -> Arc<MovingClock> {
        Arc::new(MovingClock(AtomicI64::new(t.unix_timestamp())))
    }

    fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

/// Another instance of `app`: its own connections to the same database, the same settings (file store,
/// keys, outbox), its own caches, on `clock`.
async fn instance(app: &TestApp, db: &Cleanup, clock: Arc<dyn service::Clock>) -> TestApp {
    let store: Arc<dyn store::Store> = match db {
        Cleanup::File(p) => {
            Arc::new(store::SqliteStore::connect(&format!("sqlite://{}", p.display())).await.expect("db"))
        }
        Cleanup::Schema(s) => Arc::new(store::PgStore::connect(&pg_url(), Some(s)).await.expect("db")),
    };
    let state = service::App::new(store, clock, app.state.settings.clone()).await.expect("second instance");
    TestApp { router: web::build_router(state.clone()), state, backend: app.backend }
}

/// A round-robin balancer over the instances: each request goes to the next one.
struct Balancer<'a> {
    instances: [&'a TestApp; 2],
    next: AtomicUsize,
}

impl<'a> Balancer<'a> {
    fn new(a: &'a TestApp, b: &'a TestApp) -> Balancer<'a> {
        Balancer { instances: [a, b], next: AtomicUsize::new(0) }
    }

    fn pick(&self) -> &'a TestApp {
        self.instances[self.next.fetch_add(1, Ordering::SeqCst) % 2]
    }

    async fn form(&self, uri: &str, fields: &[(&str, &str)], cookie: &str) -> TestResponse {
        form(self.pick(), uri, fields, cookie).await
    }

    async fn post_json(&self, uri: &str, body: &str, auth: &str) -> TestResponse {
        self.pick().post_json_auth(uri, body, auth).await
    }
}

/// The statuses of two answers, in order; exactly one of them a success.
fn one_success(statuses: [u16; 2], success: u16) -> u16 {
    let wins = statuses.iter().filter(|s| **s == success).count();
    assert_eq!(wins, 1, "exactly one of the two succeeds: {statuses:?}");
    statuses.into_iter().find(|s| *s != success).expect("the other")
}

/// Of two results, exactly one a success and the other refused as a conflict (the action was taken
/// already), never failed.
fn one_taken<T: std::fmt::Debug>(r1: Result<T, service::AppError>, r2: Result<T, service::AppError>, what: &str) {
    match (r1, r2) {
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
            assert_eq!(e.code, service::ErrorCode::Conflict, "{what}: the second is refused as taken: {e:?}");
        }
        (r1, r2) => panic!("{what}: exactly one is taken: {r1:?} {r2:?}"),
    }
}

/// The e-mail jobs waiting, and the inbox of `user`.
async fn told(app: &TestApp, user: i64) -> (usize, usize) {
    let jobs = app.state.store.jobs_in_state("pending").await.expect("jobs").len();
    (jobs, app.state.store.inbox(user).await.expect("inbox").len())
}

/// The audit log recomputed from the database holds: every event of the races is in it once.
async fn audit_verifies(app: &TestApp) {
    let log = &app.state.log;
    let v = service::audit::verify(app.state.store.as_ref(), log.verifier(), log.origin(), None).await.expect("verify");
    assert!(v.failures.is_empty(), "the audit log verifies: {:?}", v.failures);
}

#[tokio::test]
async fn a_grant_a_reissue_and_a_revocation_sent_to_both_instances_happen_once() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let other = instance(&app, &db, fixed_clock()).await;
        let lb = Balancer::new(&app, &other);

        // The same case granted from both instances at once: one grant, one card, one notice.
        let (id, _, officer, ocsrf) = ready_for_grant(&app, "lb-grant@example.com", "E8810001", 91).await;
        let holder = app.state.store.application(id).await.expect("q").expect("a").owner_id.expect("owner");
        let before = told(&app, holder).await;
        let uri = format!("/cases/{id}/grant");
        let fields = [("csrf", ocsrf.as_str())];
        let (r1, r2) = tokio::join!(lb.form(&uri, &fields, &officer), lb.form(&uri, &fields, &officer));
        let lost = one_success([r1.status.as_u16(), r2.status.as_u16()], 303);
        assert!(matches!(lost, 409 | 422), "the second grant is refused in words, not failed: {lost}");
        assert_eq!(app.state.store.cards_of_application(id).await.expect("cards").len(), 1, "one card");
        let after = told(&app, holder).await;
        assert_eq!((after.0 - before.0, after.1 - before.1), (1, 1), "one e-mail and one inbox message");
        let events = app.state.store.events(id).await.expect("events");
        assert_eq!(events.iter().filter(|e| e.action == "grant").count(), 1, "one grant in the history");

        // A reissue on a new passport decided from both at once: one new card, the old one superseded.
        let card = app.state.store.cards_of_application(id).await.expect("q").remove(0);
        let user = app.state.store.user_by_id(holder).await.expect("q").expect("holder");
        let passport = service::cards::NewPassport {
            passport_number: "E8819999".into(),
            passport_issued: "2026-11-01".into(),
            passport_expires: "2036-10-31".into(),
        };
        let request = service::cards::report_passport(&app.state, &user, &card, &passport).await.expect("reported");
        let request = app.state.store.card_request(request).await.expect("q").expect("request");
        let clerk = app.state.store.user_by_email("officer-lb-grant.example.com@kz75.kz").await.expect("q").expect("u");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let before = told(&app, holder).await;
        let (d1, d2) = tokio::join!(
            service::cards::decide_reissue(&app.state, &clerk, &card, &a, &request, true),
            service::cards::decide_reissue(&other.state, &clerk, &card, &a, &request, true),
        );
        one_taken(d1, d2, "the reissue");
        let after = told(&app, holder).await;
        assert_eq!((after.0 - before.0, after.1 - before.1), (1, 1), "one e-mail and one inbox message");
        let cards = app.state.store.cards_of_application(id).await.expect("cards");
        let states: Vec<&str> = cards.iter().map(|c| c.state.as_str()).collect();
        assert_eq!(cards.len(), 2, "one new card: {states:?}");
        assert_eq!(states.iter().filter(|s| **s == "valid").count(), 1, "{states:?}");

        // Its revocation countersigned from both at once: revoked once, one event, one notice.
        let card = cards.into_iter().find(|c| c.state.as_str() == "valid").expect("the new card");
        staff(&app, "lb-s1@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        staff(&app, "lb-s2@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let first = app.state.store.user_by_email("lb-s1@kz75.kz").await.expect("q").expect("u");
        let second = app.state.store.user_by_email("lb-s2@kz75.kz").await.expect("q").expect("u");
        let proposed = service::cards::propose_revocation(&app.state, &first, &card, "court", "Case 2-91/2026")
            .await
            .expect("proposed");
        let request = app.state.store.card_request(proposed).await.expect("q").expect("request");
        let before = told(&app, holder).await;
        let (v1, v2) = tokio::join!(
            service::cards::decide_revocation(&app.state, &second, &card, &request, true),
            service::cards::decide_revocation(&other.state, &second, &card, &request, true),
        );
        one_taken(v1, v2, "the revocation");
        let events = app.state.store.card_events(card.id).await.expect("events");
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions.iter().filter(|a| **a == "revoke").count(), 1, "{actions:?}");
        let after = told(&app, holder).await;
        assert_eq!((after.0 - before.0, after.1 - before.1), (1, 1), "one e-mail and one inbox message");
        audit_verifies(&app).await;
    })
    .await;
}

/// `POST /api/v1/applications` on `instance` with this idempotency key.
async fn draft(instance: &TestApp, auth: &str, key: &str) -> TestResponse {
    crate::applications::send(instance, "POST", "/api/v1/applications", auth, "", vec![], &[("idempotency-key", key)])
        .await
}

#[tokio::test]
async fn one_idempotency_key_sent_to_both_instances_at_once_makes_one_draft_and_its_files_are_shared() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let other = instance(&app, &db, fixed_clock()).await;
        let auth = crate::applications::applicant(&app, "lb-draft@example.com").await;
        for n in 0..5 {
            let key = format!("lb-key-{n}");
            let (a, b) = tokio::join!(draft(&app, &auth, &key), draft(&other, &auth, &key));
            assert_eq!((a.status.as_u16(), b.status.as_u16()), (201, 201), "{} {}", a.body, b.body);
            assert_eq!(a.json()["id"], b.json()["id"], "the same key gives the same draft");
        }
        let user = app.state.store.user_by_email("lb-draft@example.com").await.expect("q").expect("u");
        let drafts = app.state.store.applications_of(user.id, &user.email).await.expect("q");
        assert_eq!(drafts.len(), 5, "one draft per key");
        for d in drafts {
            let events = app.state.store.events(d.id).await.expect("events");
            assert_eq!(events.iter().filter(|e| e.action == "create").count(), 1);
        }
        // Its files, uploaded through one instance, are read through the other from the one file store.
        let id = crate::applications::complete_draft(&app, &auth, "E8850001").await;
        for doc in app.state.store.documents(id).await.expect("documents") {
            let uri = format!("/api/v1/applications/{id}/documents/{}", doc.id);
            let r = other.get_with(&uri, &[("authorization", &auth)]).await;
            assert_eq!((r.status.as_u16(), r.raw.as_slice()), (200, crate::applications::PDF), "{uri}");
        }
        // Its submission, the same request arriving on both (a retry): filed once, both told so.
        let before = app.state.store.jobs_in_state("pending").await.expect("jobs").len();
        let uri = format!("/api/v1/applications/{id}/submit");
        let (a, b) = tokio::join!(
            crate::applications::send(&app, "POST", &uri, &auth, "", vec![], &[]),
            crate::applications::send(&other, "POST", &uri, &auth, "", vec![], &[]),
        );
        assert_eq!((a.status.as_u16(), b.status.as_u16()), (200, 200), "{} {}", a.body, b.body);
        assert_eq!((a.json()["status"].clone(), b.json()["status"].clone()), (json!("submitted"), json!("submitted")));
        let events = app.state.store.events(id).await.expect("events");
        assert_eq!(events.iter().filter(|e| e.action == "submit").count(), 1, "submitted once");
        let after = app.state.store.jobs_in_state("pending").await.expect("jobs").len();
        assert_eq!(after - before, 1, "one receipt");
        audit_verifies(&app).await;
    })
    .await;
}

#[tokio::test]
async fn the_agencies_answers_arriving_twice_on_both_instances_are_taken_once() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let other = instance(&app, &db, fixed_clock()).await;
        let (id, _) = crate::cases::submitted_case(&app, "lb-checks@example.com", "E8820001").await;
        let (officer, ocsrf) = staff(&app, "officer-lb-checks@kz75.kz", "officer", Some("department-KZ-75")).await;
        assert_eq!(form(&app, &format!("/cases/{id}/checks"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        let checks = app.state.store.checks(id).await.expect("checks");
        assert_eq!(checks.len(), 2, "police and security");
        let mut moved = 0;
        for c in &checks {
            let role = if c.agency == "police" { "checker_police" } else { "checker_knb" };
            let email = format!("{}-lb@agency.kz", c.agency);
            staff(&app, &email, role, None).await;
            let checker = app.state.store.user_by_email(&email).await.expect("q").expect("u");
            let (r1, r2) = tokio::join!(
                service::cases::answer_check(&app.state, &checker, c.id, "no_information", "R-1"),
                service::cases::answer_check(&other.state, &checker, c.id, "no_information", "R-2"),
            );
            let (won, lost) = match (r1, r2) {
                (Ok(m), Err(e)) | (Err(e), Ok(m)) => (m, e),
                (r1, r2) => panic!("exactly one answer is taken: {r1:?} {r2:?}"),
            };
            assert_eq!((lost.fields[0].field.as_str(), lost.fields[0].problem), ("check", "closed"), "{lost:?}");
            moved += usize::from(won);
        }
        assert_eq!(moved, 1, "the last answer moves the case on, once");
        let events = app.state.store.events(id).await.expect("events");
        assert_eq!(events.iter().filter(|e| e.action == "checks_answered").count(), 1);
        for c in app.state.store.checks(id).await.expect("checks") {
            assert!(c.result.as_deref() == Some("no_information"), "answered: {c:?}");
        }
        audit_verifies(&app).await;
    })
    .await;
}

#[tokio::test]
async fn a_registry_report_sent_to_both_instances_invalidates_once() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let other = instance(&app, &db, fixed_clock()).await;
        let lb = Balancer::new(&app, &other);
        let g = granted(&app, "lb-registry@example.com", "E8830001", 93).await;
        let token = crate::support::registry_key(&app).await;
        let holder = g.card.holder_id.expect("holder");
        let before = told(&app, holder).await;
        let body = json!({ "iin": iin(93), "reference": "Decree 93 of 2026-11-20" }).to_string();
        let bearer = format!("Bearer {token}");
        let uri = "/api/v1/registry/citizenship";
        let (r1, r2) = tokio::join!(lb.post_json(uri, &body, &bearer), lb.post_json(uri, &body, &bearer));
        assert_eq!(
            (r1.status.as_u16(), r2.status.as_u16()),
            (200, 200),
            "a report is kept, and sending it again is harmless"
        );
        assert_eq!(r1.json()["cards"][0]["state"], "invalidated");
        assert_eq!(r2.json()["cards"][0]["state"], "invalidated");
        let events = app.state.store.card_events(g.card.id).await.expect("events");
        assert_eq!(events.len(), 2, "issue, invalidate: once");
        let after = told(&app, holder).await;
        assert_eq!((after.0 - before.0, after.1 - before.1), (1, 1), "one e-mail and one inbox message");
    })
    .await;
}

#[tokio::test]
async fn both_instances_rotating_the_signing_key_at_once_leave_one_key_signing() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let other = instance(&app, &db, fixed_clock()).await;
        let now = app.state.clock.now().unix_timestamp();
        let dir = app.state.settings.keys_dir.clone();
        for _ in 0..3 {
            let (k1, k2) = tokio::join!(
                service::cards::rotate(&app.state.store, &dir, now + 120, now),
                service::cards::rotate(&other.state.store, &dir, now + 120, now),
            );
            let (k1, k2) = (k1.expect("rotated here"), k2.expect("rotated there"));
            assert_ne!(k1, k2);
            let keys = app.state.store.signing_keys().await.expect("keys");
            let open: Vec<&str> = keys
                .iter()
                .filter(|k| k.sign_until.is_none() && k.withdrawn_at.is_none())
                .map(|k| k.kid.as_str())
                .collect();
            assert_eq!(open.len(), 1, "one key signs from the rotation on: {keys:?}");
            // Every window but the open one is closed, and none overlaps the next.
            let mut windows: Vec<(i64, i64)> = keys
                .iter()
                .filter(|k| k.withdrawn_at.is_none())
                .map(|k| (k.sign_from.unwrap_or(k.created_at), k.sign_until.unwrap_or(i64::MAX)))
                .collect();
            windows.sort_unstable();
            for w in windows.windows(2) {
                assert!(w[0].1 <= w[1].0, "signing windows overlap: {windows:?}");
            }
        }
        // Both instances reload and publish the same keys, and sign with the same one.
        service::cards::reload_keys(&app.state).await.expect("reload here");
        service::cards::reload_keys(&other.state).await.expect("reload there");
        let (here, there) =
            (app.get("/.well-known/atajoly/jwks.json").await, other.get("/.well-known/atajoly/jwks.json").await);
        assert_eq!(here.body, there.body, "the same key set from both");
        let later = app.state.clock.now() + time::Duration::seconds(180);
        let (a, b) = (app.state.cards.ring(), other.state.cards.ring());
        assert_eq!(
            a.signer_at(later).map(|k| k.kid().to_hex()),
            b.signer_at(later).map(|k| k.kid().to_hex()),
            "the same signing key"
        );
    })
    .await;
}

#[tokio::test]
async fn each_e_mail_job_is_delivered_once_with_both_workers_running() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let other = instance(&app, &db, fixed_clock()).await;
        let now = app.state.clock.now().unix_timestamp();
        let n = 60;
        for i in 0..n {
            let email = service::mail::Email {
                to: format!("person-{i}@example.com"),
                subject: format!("Message {i}"),
                body: format!("Body {i}"),
            };
            let job = service::jobs::sealed_email_job(&app.state, &email, now).expect("job");
            assert!(app.state.store.enqueue(&job, now).await.expect("enqueue"));
        }
        let (r1, r2) = tokio::join!(service::jobs::run_due_jobs(&app.state), service::jobs::run_due_jobs(&other.state));
        let (r1, r2) = (r1.expect("worker here"), r2.expect("worker there"));
        assert_eq!(r1 + r2, n, "every job run once between the two workers ({r1} + {r2})");
        let done = app.state.store.jobs_in_state("done").await.expect("jobs");
        assert_eq!(done.len(), n);
        assert!(done.iter().all(|j| j.attempts == 1), "no job claimed twice");
        let outbox = &app.state.settings.mail.outbox_dir;
        let mut subjects = Vec::new();
        for f in std::fs::read_dir(outbox).expect("outbox") {
            let text = std::fs::read_to_string(f.expect("file").path()).expect("mail");
            let subject = text.lines().find_map(|l| l.strip_prefix("Subject: ")).expect("subject").to_owned();
            subjects.push(subject);
        }
        subjects.sort();
        let before = subjects.len();
        subjects.dedup();
        assert_eq!((before, subjects.len()), (n, n), "each message sent once");
    })
    .await;
}

/// What online verification on `instance` answers for the card with this QR text.
async fn verdict(instance: &TestApp, qr: &str) -> String {
    let body = json!({ "qr": qr, "verifier": "other" }).to_string();
    let r = instance.post_json("/api/v1/verifications", &body, &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["result"].as_str().expect("result").to_owned()
}

#[tokio::test]
async fn a_revocation_on_one_instance_is_seen_on_the_other_within_the_status_list_s_minute() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let clock = MovingClock::at(app.state.clock.now());
        let other = instance(&app, &db, clock.clone()).await;
        let g = granted(&app, "lb-revoked@example.com", "E8840001", 94).await;
        let verify = |instance| verdict(instance, &g.card.qr_text);
        // The other instance checks the card: valid, and it keeps the signed list for a minute.
        assert_eq!(verify(&other).await, "valid");
        staff(&app, "lb-r1@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        staff(&app, "lb-r2@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let first = app.state.store.user_by_email("lb-r1@kz75.kz").await.expect("q").expect("u");
        let second = app.state.store.user_by_email("lb-r2@kz75.kz").await.expect("q").expect("u");
        let proposed = service::cards::propose_revocation(&app.state, &first, &g.card, "court", "Case 2-94/2026")
            .await
            .expect("proposed");
        let request = app.state.store.card_request(proposed).await.expect("q").expect("request");
        service::cards::decide_revocation(&app.state, &second, &g.card, &request, true).await.expect("revoked");
        // Where it was revoked: at once.
        assert_eq!(verify(&app).await, "revoked");
        // On the other: at most the list's minute later (docs/credential.md), by its own clock.
        clock.advance(59);
        let seen = verify(&other).await;
        assert!(seen == "valid" || seen == "revoked", "{seen}");
        clock.advance(1);
        assert_eq!(verify(&other).await, "revoked", "60 s after the list was signed the other sees the revocation");
        let list = other.get("/api/v1/status-lists/1").await;
        assert_eq!(list.status, 200);
        assert_eq!(list.header("cache-control"), "public, max-age=60", "verifiers are told the same minute");
    })
    .await;
}
