//! Deny by default on the pages: every staff and applicant route of a case, for every role.

use crate::applications::{applicant, form};
use crate::cases::{staff, submitted_case};
use crate::support::on_each_backend;

/// Deny by default: every staff and applicant route, for every role. Allowed roles get an answer that
/// is not a refusal; every other role gets 303 (sign in), 401, 403 or 404, and nothing changes.
#[tokio::test]
async fn every_route_answers_only_the_roles_it_is_for() {
    on_each_backend(|app| async move {
        let (id, _) = submitted_case(&app, "owner@example.com", "E7770001").await;
        applicant(&app, "other@example.com").await;
        let (owner_page, _) = crate::applications::page_session(&app, "owner@example.com").await;
        let (other_page, _) = crate::applications::page_session(&app, "other@example.com").await;
        let mut cookies: Vec<(&str, String, String)> = vec![
            ("anonymous", String::new(), String::new()),
            ("owner", owner_page, String::new()),
            ("other applicant", other_page, String::new()),
        ];
        for (who, email, role, office) in [
            ("officer", "o75@kz.kz", "officer", Some("department-KZ-75")),
            ("officer elsewhere", "o71@kz.kz", "officer", Some("department-KZ-71")),
            ("supervisor", "s75@kz.kz", "supervisor", Some("department-KZ-75")),
            ("police", "p@kz.kz", "checker_police", None),
            ("knb", "k@kz.kz", "checker_knb", None),
            ("auditor", "a@kz.kz", "auditor", None),
            ("administrator", "adm@kz.kz", "administrator", None),
            ("intermediary", "i@kz.kz", "intermediary", Some("embassy-MN")),
        ] {
            let (cookie, csrf) = staff(&app, email, role, office).await;
            cookies.push((who, cookie, csrf));
        }
        let doc = app.state.store.documents(id).await.expect("docs")[0].id;
        let gets: Vec<(String, &[&str])> = vec![
            ("/cases".into(), &["officer", "officer elsewhere", "supervisor"]),
            (format!("/cases/{id}"), &["officer", "supervisor", "auditor"]),
            (format!("/cases/{id}/documents/{doc}"), &["officer", "supervisor", "auditor"]),
            ("/checks".into(), &["police", "knb"]),
            ("/dashboard".into(), &["supervisor", "auditor"]),
            ("/dashboard.csv".into(), &["supervisor", "auditor"]),
            ("/admin".into(), &["administrator"]),
            (format!("/applications/{id}"), &["owner"]),
            (format!("/applications/{id}/check"), &["owner"]),
            (format!("/applications/{id}/documents/{doc}"), &["owner"]),
            // A filed application has nothing to delete: its owner is sent back to it (303).
            (format!("/applications/{id}/delete"), &[]),
            (
                "/account/data.tar".into(),
                &[
                    "owner",
                    "other applicant",
                    "officer",
                    "officer elsewhere",
                    "supervisor",
                    "police",
                    "knb",
                    "auditor",
                    "administrator",
                    "intermediary",
                ],
            ),
            (
                "/account".into(),
                &[
                    "owner",
                    "other applicant",
                    "officer",
                    "officer elsewhere",
                    "supervisor",
                    "police",
                    "knb",
                    "auditor",
                    "administrator",
                    "intermediary",
                ],
            ),
        ];
        for (uri, allowed) in &gets {
            for (who, cookie, _) in &cookies {
                let r =
                    if cookie.is_empty() { app.get(uri).await } else { app.get_with(uri, &[("cookie", cookie)]).await };
                let refused = matches!(r.status.as_u16(), 303 | 401 | 403 | 404);
                assert_eq!(!refused, allowed.contains(who), "GET {uri} as {who}: {}", r.status);
            }
        }
        // Every POST with the caller's own valid CSRF token: nobody but the allowed roles gets through.
        let posts: Vec<(String, &[&str])> = vec![
            (format!("/cases/{id}/checks"), &["officer"]),
            (format!("/cases/{id}/note"), &["officer", "supervisor"]),
            (format!("/cases/{id}/countersign"), &["supervisor"]),
            ("/admin/staff".into(), &["administrator"]),
            ("/admin/calendar".into(), &["administrator"]),
            (format!("/applications/{id}/respond"), &["owner"]),
            (format!("/applications/{id}/submit"), &["owner"]),
            (format!("/applications/{id}/delete"), &[]),
            // Last: it moves the case away from the office.
            (format!("/cases/{id}/reassign"), &["supervisor"]),
        ];
        for (uri, allowed) in &posts {
            for (who, cookie, csrf) in &cookies {
                if cookie.is_empty() || *who == "owner" || *who == "other applicant" {
                    // Applicants' CSRF tokens live on their pages; refused roles are refused before it matters.
                    continue;
                }
                let before = app.state.store.application(id).await.expect("q").expect("a").version;
                let r = form(&app, uri, &[("csrf", csrf), ("note", "x"), ("office", "department-KZ-71")], cookie).await;
                let refused = matches!(r.status.as_u16(), 401 | 403 | 404)
                    || (r.status == 303 && r.header("location").starts_with("/account/sign-in"));
                assert_eq!(!refused, allowed.contains(who), "POST {uri} as {who}: {}", r.status);
                if refused {
                    let after = app.state.store.application(id).await.expect("q").expect("a").version;
                    assert_eq!(before, after, "POST {uri} as {who} changed the case");
                }
            }
        }
    })
    .await;
}
