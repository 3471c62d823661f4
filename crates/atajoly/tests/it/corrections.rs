//! Corrections: a request reopens only the items it names, and with the clock running through them the
//! deadline stays.

use serde_json::json;

use crate::applications::{PDF, applicant, complete_draft, patch, send, upload};
use crate::support::{on_each_backend, on_each_backend_with, test_settings};

#[tokio::test]
async fn corrections_reopen_only_the_items_named() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "aruzhan@example.com").await;
        let id = complete_draft(&app, &auth, "E1112223").await;
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let officer = app
            .state
            .store
            .create_staff(
                &store::NewUser {
                    email: "officer@example.kz".into(),
                    password_hash: "x".into(),
                    lang: "kk".into(),
                    now: 1,
                },
                domain::account::Role::Officer,
                Some("department-KZ-75"),
                "GEZDGNBVGY3TQOJQ",
            )
            .await
            .expect("staff")
            .expect("new");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let bad = service::applications::request_corrections(&app.state, &a, &officer, &["nonsense".into()], "x").await;
        assert!(bad.is_err());
        let items = vec!["contact".to_owned(), "doc:passport".to_owned()];
        let reopened = service::applications::request_corrections(
            &app.state,
            &a,
            &officer,
            &items,
            "The phone number does not answer; the scan is unreadable.",
        )
        .await
        .expect("reopen");
        assert_eq!(reopened.status, "corrections_requested");
        // The statutory clock is paused with the day it had left (submitted Tuesday, due Wednesday).
        assert_eq!((reopened.due_on.as_deref(), reopened.clock_left), (None, Some(1)));
        // A second request on the same state is refused, nothing changes.
        assert!(service::applications::request_corrections(&app.state, &a, &officer, &items, "again").await.is_err());
        // Sent back unchanged: refused, each untouched item named, in the applicant's language.
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit?lang=en"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 422, "{}", r.body);
        let errors = r.json()["errors"].clone();
        let unchanged: Vec<(String, String)> = errors
            .as_array()
            .expect("errors")
            .iter()
            .filter(|e| e["code"] == "unchanged")
            .map(|e| {
                (
                    e["field"].as_str().unwrap_or_default().to_owned(),
                    e["message"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert_eq!(unchanged.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), ["contact", "doc_passport"]);
        assert!(unchanged[0].1.starts_with("Contact details: reopened for correction"), "{unchanged:?}");
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "corrections_requested");
        assert_eq!(patch(&app, &auth, id, &json!({ "phone": "+976 8800 1122" })).await.status, 200);
        // Half corrected: the passport file is still the old one.
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["field"].as_str()), (422, Some("doc_passport")));
        let r = patch(&app, &auth, id, &json!({ "surname_kk": "Басқа" })).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["code"].as_str()), (422, Some("not_editable")));
        // Another scan (the same bytes again would be the same document: decision 0033).
        let better = [PDF, b"% a clearer scan\n".as_slice()].concat();
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("better.pdf", &better)).await.status, 201);
        assert_eq!(
            upload(&app, &auth, id, "profession_proof", &[], ("x.pdf", PDF)).await.json()["errors"][0]["code"],
            "not_editable"
        );
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["status"], "submitted");
        assert_eq!(r.json()["reopened"], json!([]));
        assert_eq!(r.json()["reference"], a.reference.clone().expect("reference").as_str(), "the same reference");
        let resumed = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!((resumed.due_on.as_deref(), resumed.clock_left), (Some("2026-11-25"), None), "it resumes");
        let events = app.state.store.events(id).await.expect("events");
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["create", "submit", "request_corrections", "resubmit"]);
        assert_eq!(events[2].actor_role, "officer");
        assert_eq!(events[2].office.as_deref(), Some("department-KZ-75"));
    })
    .await;
}

#[tokio::test]
async fn with_the_clock_running_through_corrections_the_deadline_stays() {
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.deficiency_pauses_clock = false;
            s
        },
        |app| async move {
            let auth = applicant(&app, "runs@example.com").await;
            let id = complete_draft(&app, &auth, "E1112299").await;
            assert_eq!(
                send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await.status,
                200
            );
            let user =
                store::NewUser { email: "o@kz75.kz".into(), password_hash: "x".into(), lang: "kk".into(), now: 1 };
            let officer = app
                .state
                .store
                .create_staff(&user, domain::account::Role::Officer, Some("department-KZ-75"), "GEZDGNBV")
                .await
                .expect("q")
                .expect("new");
            let a = app.state.store.application(id).await.expect("q").expect("a");
            let reopened =
                service::applications::request_corrections(&app.state, &a, &officer, &["contact".into()], "Phone?")
                    .await
                    .expect("reopen");
            assert_eq!(
                (reopened.due_on.as_deref(), reopened.clock_left),
                (Some("2026-11-25"), None),
                "the deadline runs on"
            );
            assert_eq!(patch(&app, &auth, id, &json!({ "phone": "+976 8800 1122" })).await.status, 200);
            assert_eq!(
                send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await.status,
                200
            );
            let again = app.state.store.application(id).await.expect("q").expect("a");
            assert_eq!(again.due_on.as_deref(), Some("2026-11-25"));
        },
    )
    .await;
}
