//! Retention of decided cases (`docs/retention.md`): a refused case loses its documents and answers
//! once its appeal window and then its period have passed, a granted case its documents and the
//! answers its card does not need after its period; each kind's count in the audit log, a second
//! sweep erasing nothing; the officer's case page and the applicant's data export still work and say
//! what went under the retention policy.

use std::sync::Arc;

use time::OffsetDateTime;

use crate::applications::{bearer, form};
use crate::cards::ready_for_grant;
use crate::export::python_tar;
use crate::support::{FixedClock, TestApp};

/// The service on the same database and files, its clock at `at`.
async fn at(app: &TestApp, at: OffsetDateTime) -> TestApp {
    let state = service::App::new(
        app.state.store.clone(),
        Arc::new(FixedClock(at)),
        service::Settings {
            files: app.state.settings.files.clone(),
            files_keys: app.state.settings.files_keys.clone(),
            ..crate::support::test_settings()
        },
    )
    .await
    .expect("state");
    TestApp { router: web::build_router(state.clone()), state, backend: app.backend }
}

fn stored_files(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map_or(0, |rd| rd.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
    }
    match &app.state.settings.files {
        service::files::Location::Dir(d) => walk(d),
        other => panic!("{other:?}"),
    }
}

/// The audit log's retention records for `subject`.
async fn logged(app: &TestApp, subject: &str) -> Vec<store::LogEntry> {
    let q = store::LogQuery { action: Some("retention_delete".into()), limit: 100, ..store::LogQuery::default() };
    let all = app.state.store.log_search(&q).await.expect("log");
    all.into_iter().filter(|e| e.record.subject.as_deref() == Some(subject)).collect()
}

/// What an erased case still shows: the officer's case page (a new officer signed in at `later`'s
/// clock) with `page_says`, and the applicant's export with the retention note in their language.
async fn still_shown(later: &TestApp, id: i64, email: &str, officer: &str, page_says: &str) -> serde_json::Value {
    let (cookie, _) = crate::cases::staff(later, officer, "officer", Some("department-KZ-75")).await;
    let page = later.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &cookie)]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let note = page.body.find("id=\"retention-erased\"").map(|i| &page.body[i..(i + 600).min(page.body.len())]);
    assert!(note.is_some_and(|n| n.contains(page_says)), "{note:?}");
    assert!(page.body.contains("Documents and answers deleted under the retention policy"), "the history says so");
    let auth = bearer(later, email).await;
    let r = later.get_with("/api/v1/me/data", &[("authorization", &auth)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let tar = python_tar(&r.raw);
    assert_eq!(tar["members"].as_array().map(Vec::len), Some(1), "data.json alone: no files left");
    let a = tar["data"]["applications"][0].clone();
    assert_eq!(a["documents"], serde_json::json!([]));
    let note = a["retention"]["note"].as_str().expect("the export says what went");
    assert!(note.contains("сақтау ережесі бойынша"), "in the applicant's language (kk): {note}");
    a
}

#[tokio::test]
async fn a_refused_case_loses_documents_and_answers_after_its_appeal_window_and_its_period() {
    crate::support::on_each_backend(|app| async move {
        let email = "refused@example.com";
        let (id, _, officer, ocsrf) = ready_for_grant(&app, email, "E8880001", 11).await;
        let fields = [("csrf", ocsrf.as_str()), ("ground", "security"), ("reason", "Adverse information K-12.")];
        assert_eq!(form(&app, &format!("/cases/{id}/refuse"), &fields, &officer).await.status, 303);
        // Countersigned after the applicant's window to answer: the refusal is decided then.
        let decided_at = time::macros::datetime!(2026-12-02 05:00 UTC);
        let decided = at(&app, decided_at).await;
        crate::cases::staff(&decided, "chief@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let chief = app.state.store.user_by_email("chief@kz75.kz").await.expect("q").expect("u");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::countersign(&decided.state, &chief, &a, true).await.expect("countersigned");
        let files = stored_files(&app);
        assert_eq!(files, 3, "its three documents");
        let p = service::retention::Decided::default();
        assert_eq!((p.appeal_days, p.refused_days), (90, 365));

        // The refused period alone has passed, the appeal window too, but not one after the other.
        let early = at(&app, decided_at + time::Duration::days(p.appeal_days + p.refused_days - 1)).await;
        let swept = service::retention::sweep(&early.state).await.expect("sweep");
        assert_eq!(swept.decided, service::retention::DecidedSwept::default(), "not yet");
        assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 3);

        let later =
            at(&app, decided_at + time::Duration::days(p.appeal_days + p.refused_days) + time::Duration::hours(1))
                .await;
        let swept = service::retention::sweep(&later.state).await.expect("sweep");
        assert_eq!((swept.decided.refused, swept.decided.granted, swept.decided.files), (1, 0, 3), "{swept:?}");
        assert_eq!(stored_files(&app), 0, "the files are removed");
        let a = later.state.store.application(id).await.expect("q").expect("the case stays");
        assert_eq!(a.status, "refused");
        assert_eq!(a.answers, serde_json::json!({}), "no answers kept");
        assert!(a.reference.is_some() && a.iin.is_some(), "the case record stays");
        assert!(a.content_erased_at.is_some());
        assert!(later.state.store.documents(id).await.expect("docs").is_empty());
        assert!(later.state.store.duplicates(id).await.expect("dups").is_empty());
        let events = later.state.store.events(id).await.expect("events");
        let last = events.last().expect("event");
        assert_eq!((last.action.as_str(), last.actor_role.as_str()), ("retention_erase", "system"));
        assert!(events.iter().any(|e| e.action == "countersign"), "the decision's history stays");
        let log = logged(&later, "refused_cases").await;
        assert_eq!(log.len(), 1);
        assert!(log[0].data.contains("deleted:1"), "{}", log[0].data);

        let shown = still_shown(&later, id, email, "late@kz75.kz", "were deleted on").await;
        assert_eq!(shown["answers"], serde_json::json!({}));
        // Again: nothing more.
        let again = service::retention::sweep(&later.state).await.expect("sweep");
        assert_eq!(again.decided, service::retention::DecidedSwept::default());
        assert_eq!(logged(&later, "refused_cases").await.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_granted_case_keeps_its_card_and_what_the_card_needs_and_loses_the_rest() {
    crate::support::on_each_backend(|app| async move {
        let email = "granted@example.com";
        let (id, _, officer, ocsrf) = ready_for_grant(&app, email, "E8880002", 12).await;
        assert_eq!(form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        let granted_at = app.state.clock.now();
        let card = app.state.store.cards_of_application(id).await.expect("cards").pop().expect("a card");
        let before = app.state.store.application(id).await.expect("q").expect("a");
        let p = service::retention::Decided::default();
        assert_eq!(p.granted_days, 1825);

        let early = at(&app, granted_at + time::Duration::days(p.granted_days - 1)).await;
        assert_eq!(service::retention::sweep(&early.state).await.expect("sweep").decided.granted, 0, "not yet");
        let later = at(&app, granted_at + time::Duration::days(p.granted_days) + time::Duration::hours(1)).await;
        let swept = service::retention::sweep(&later.state).await.expect("sweep");
        assert_eq!((swept.decided.granted, swept.decided.files), (1, 3), "{swept:?}");
        assert_eq!(stored_files(&app), 0);
        let a = later.state.store.application(id).await.expect("q").expect("the case stays");
        assert_eq!(a.status, "granted");
        let kept: Vec<&String> = a.answers.as_object().expect("answers").keys().collect();
        let mut expected: Vec<&str> = service::retention::CARD_ANSWERS.to_vec();
        expected.sort_unstable();
        assert_eq!(kept, expected, "only what the card needs");
        for k in service::retention::CARD_ANSWERS {
            assert_eq!(a.answers[k], before.answers[k], "{k} as it was");
        }
        assert_eq!(before.answers["phone"], "+976 9911 2233", "the erased answers were there");
        // The card stays, and a reissue on a new passport can still be made from what is kept.
        let cards = later.state.store.cards_of_application(id).await.expect("cards");
        assert_eq!(cards, std::slice::from_ref(&card), "the card is untouched");
        let mut renewed = a.clone();
        renewed.answers["passport_number"] = "E9990002".into();
        renewed.answers["passport_expires"] = "2040-01-01".into();
        // (Made by the service whose signing key covers its own day.)
        let new_card = service::cards::card_for(&app.state, &renewed).expect("a reissued card");
        assert_eq!((new_card.family_name, new_card.birth_date), (card.family_name, card.birth_date));
        let log = logged(&later, "granted_cases").await;
        assert_eq!(log.len(), 1);
        assert!(log[0].data.contains("deleted:1"), "{}", log[0].data);

        let shown = still_shown(&later, id, email, "late@kz75.kz", "the answers printed on it are kept").await;
        assert_eq!(shown["answers"]["surname_latin"], before.answers["surname_latin"]);
        assert!(shown["answers"].get("residence_address").is_none());
        let again = service::retention::sweep(&later.state).await.expect("sweep");
        assert_eq!(again.decided, service::retention::DecidedSwept::default());
    })
    .await;
}
