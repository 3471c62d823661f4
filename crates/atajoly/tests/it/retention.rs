//! Retention: the applicant deletes a draft (page and API), and the sweep deletes what is due of each
//! kind (idle drafts with their files, ended sessions, expired e-mail tokens, finished jobs, old card
//! checks), in batches, each kind's count in the audit log; what is not due stays.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;

use crate::applications::{PDF, applicant, page_session, send};
use crate::support::{FixedClock, TestApp, on_each_backend};

async fn new_draft(app: &TestApp, auth: &str) -> i64 {
    send(app, "POST", "/api/v1/applications", auth, "", vec![], &[]).await.json()["id"].as_i64().expect("id")
}

async fn upload_pdf(app: &TestApp, auth: &str, id: i64) {
    let (ct, body) = crate::applications::multipart(&[("item", "passport")], Some(("passport.pdf", PDF)));
    let r = send(app, "POST", &format!("/api/v1/applications/{id}/documents"), auth, &ct, body, &[]).await;
    assert_eq!(r.status, 201, "{}", r.body);
}

fn files_in(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map_or(0, |rd| rd.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
    }
    match &app.state.settings.files {
        service::files::Location::Dir(d) => walk(d),
        other => panic!("{other:?}"),
    }
}

async fn logged(app: &service::App, action: &str) -> Vec<store::LogEntry> {
    app.store
        .log_search(&store::LogQuery { action: Some(action.into()), limit: 100, ..store::LogQuery::default() })
        .await
        .expect("log")
}

#[tokio::test]
async fn an_applicant_deletes_a_draft_and_its_content_goes_at_once() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "gone@example.com").await;
        let id = new_draft(&app, &auth).await;
        let r = crate::applications::patch(&app, &auth, id, &serde_json::json!({ "surname_kk": "Беков" })).await;
        assert_eq!(r.status, 200, "{}", r.body);
        upload_pdf(&app, &auth, id).await;
        assert_eq!(files_in(&app), 1);
        // Someone else cannot delete it.
        let other = applicant(&app, "not-mine@example.com").await;
        assert_eq!(
            send(&app, "DELETE", &format!("/api/v1/applications/{id}"), &other, "", vec![], &[]).await.status,
            404
        );
        // The page: a link on the draft, a confirmation page, then the deletion with CSRF.
        let (cookie, csrf) = page_session(&app, "gone@example.com").await;
        let page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &cookie)]).await;
        assert!(page.body.contains(&format!("href=\"/applications/{id}/delete\"")), "{}", page.body);
        assert!(page.body.contains("180 days"), "the applicant is told when an idle draft goes: {}", page.body);
        let confirm = app.get_with(&format!("/applications/{id}/delete?lang=en"), &[("cookie", &cookie)]).await;
        assert_eq!(confirm.status, 200);
        assert!(confirm.body.contains("id=\"delete-confirm\"") && confirm.body.contains("cannot be brought back"));
        let post = |token: String| {
            Request::builder()
                .method("POST")
                .uri(format!("/applications/{id}/delete"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", &cookie)
                .body(Body::from(format!("csrf={token}")))
                .expect("request")
        };
        assert_eq!(app.request(post("forged".into())).await.status, 403, "CSRF checked");
        let r = app.request(post(csrf.clone())).await;
        assert_eq!((r.status.as_u16(), r.header("location")), (303, "/applications/deleted"));
        assert!(
            app.get_with("/applications/deleted?lang=en", &[("cookie", &cookie)])
                .await
                .body
                .contains("The draft is deleted")
        );
        // Gone everywhere: the API, the list, the store's view; its file too; twice is 404.
        assert_eq!(app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &auth)]).await.status, 404);
        let list = app.get_with("/api/v1/applications", &[("authorization", &auth)]).await;
        assert!(!list.body.contains(&format!("\"id\":{id}")), "{}", list.body);
        assert!(app.state.store.documents(id).await.expect("docs").is_empty());
        assert_eq!(files_in(&app), 0, "the file is removed");
        assert_eq!(
            send(&app, "DELETE", &format!("/api/v1/applications/{id}"), &auth, "", vec![], &[]).await.status,
            404
        );
        // Its history stays, in the audit log too, without the content.
        let events = app.state.store.events(id).await.expect("events");
        assert_eq!(events.last().map(|e| (e.action.as_str(), e.actor_role.as_str())), Some(("erase", "applicant")));
        let erased = logged(&app.state, "erase").await;
        assert_eq!(erased.len(), 1);
        assert!(!erased[0].data.contains("Беков"), "no answers in the log: {}", erased[0].data);
        // Over the API: a new draft goes with 204; a filed application cannot be deleted.
        let id2 = new_draft(&app, &auth).await;
        assert_eq!(
            send(&app, "DELETE", &format!("/api/v1/applications/{id2}"), &auth, "", vec![], &[]).await.status,
            204
        );
        let (filed, owner) = crate::cases::submitted_case(&app, "filed@example.com", "E7770009").await;
        let r = send(
            &app,
            "DELETE",
            &format!("/api/v1/applications/{filed}"),
            &owner,
            "",
            vec![],
            &[("accept-language", "en")],
        )
        .await;
        assert_eq!(
            (r.status.as_u16(), r.json()["errors"][0]["code"].as_str()),
            (409, Some("not_a_draft")),
            "{}",
            r.body
        );
        assert!(r.body.contains("Only a draft can be deleted"), "{}", r.body);
        assert_eq!(
            app.get_with(&format!("/api/v1/applications/{filed}"), &[("authorization", &owner)]).await.status,
            200
        );
    })
    .await;
}

#[tokio::test]
async fn the_sweep_deletes_what_is_due_of_each_kind_and_nothing_else() {
    on_each_backend(|app| async move {
        // At the test clock (2026-11-24): an account (its e-mail token used, its e-mail sent), two
        // drafts (one with a file), a card check.
        let auth = applicant(&app, "old@example.com").await;
        let idle = new_draft(&app, &auth).await;
        upload_pdf(&app, &auth, idle).await;
        let idle2 = new_draft(&app, &auth).await;
        assert!(service::jobs::run_due_jobs(&app.state).await.expect("jobs") >= 1, "the sign-up e-mail is sent");
        let t0 = app.state.clock.now().unix_timestamp();
        // Card checks: one from 600 days ago (past the 730 days once 181 more have gone), one of today.
        let check = |at: i64| store::VerificationEntry {
            at,
            verifier: "border".into(),
            channel: "number".into(),
            result: "no-valid-card".into(),
        };
        app.state
            .store
            .log_verifications(&[(None, check(t0 - 600 * 86_400)), (None, check(t0))])
            .await
            .expect("checks");
        // 181 days later, on the same database and files.
        let later_at = app.state.clock.now() + time::Duration::days(181);
        let later = service::App::new(
            app.state.store.clone(),
            Arc::new(FixedClock(later_at)),
            service::Settings {
                files: app.state.settings.files.clone(),
                files_keys: app.state.settings.files_keys.clone(),
                ..crate::support::test_settings()
            },
        )
        .await
        .expect("state");
        let later_app =
            TestApp { router: web::build_router(later.clone()), state: later.clone(), backend: app.backend };
        // Something fresh of each kind, which must stay: a new sign-in session and a new draft.
        let fresh_auth = crate::applications::bearer(&later_app, "old@example.com").await;
        let fresh = new_draft(&later_app, &fresh_auth).await;
        let before_files = files_in(&app);

        let swept = service::retention::sweep(&later).await.expect("sweep");
        // Drafts: the two idle ones erased (and the one file), the fresh one kept.
        assert_eq!((swept.drafts, swept.files), (2, 1), "{swept:?}");
        assert_eq!(files_in(&app), before_files - 1);
        for id in [idle, idle2] {
            assert!(later.store.application(id).await.expect("app").is_none(), "{id} erased");
            assert_eq!(
                later.store.events(id).await.expect("events").last().map(|e| e.actor_role.clone()),
                Some("system".into())
            );
        }
        assert!(later.store.application(fresh).await.expect("app").is_some(), "the fresh draft stays");
        // Sessions: the ones from sign-up day ended long ago; the fresh one works.
        assert!(swept.sessions >= 1, "{swept:?}");
        assert_eq!(later_app.get_with("/api/v1/me", &[("authorization", &fresh_auth)]).await.status, 200);
        // Tokens, jobs, checks: each old one gone.
        assert!(swept.tokens >= 1, "{swept:?}");
        assert!(swept.jobs >= 1, "{swept:?}");
        assert_eq!(swept.verifications, 1, "{swept:?}");
        // Each kind's count is in the audit log.
        let records = logged(&later, "retention_delete").await;
        let mut kinds: Vec<String> = records.iter().filter_map(|e| e.record.subject.clone()).collect();
        kinds.sort();
        // (Rate limits: the sign-up's window, counted on sign-up day.)
        assert_eq!(kinds, ["drafts", "jobs", "rate_limits", "sessions", "tokens", "verifications"]);
        assert!(
            records.iter().any(|e| e.record.subject.as_deref() == Some("drafts") && e.data.contains("deleted:2")),
            "the drafts' count"
        );
        // Again: nothing more is due, nothing more is logged.
        let again = service::retention::sweep(&later).await.expect("sweep");
        assert_eq!(again, service::retention::Swept::default());
        assert_eq!(logged(&later, "retention_delete").await.len(), 6);
    })
    .await;
}
