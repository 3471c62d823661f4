//! Case work: routing, the office queue with working days left, background checks seen and answered by
//! the agencies with only what they need, the IIN, a refusal that needs a supervisor's countersignature,
//! a grant, every action refused in the wrong state, two officers at once, and who may open what; the
//! helpers the other files share (staff signed in, a submitted case, IINs). Deadlines are in
//! `deadlines.rs`, the case API in `case_api.rs`, every route for every role in `access.rs`, staff and the
//! calendar's administration in `administration.rs`.

use serde_json::json;

use crate::applications::{applicant, form, send};
use crate::support::{TestApp, on_each_backend};

pub(crate) const PASSWORD: &str = "жылқы-сүт-2026";
pub(crate) const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A staff member of `office` in `role`, signed in through the pages (password, then the TOTP code):
/// the session cookie and its CSRF token.
pub(crate) async fn staff(app: &TestApp, email: &str, role: &str, office: Option<&str>) -> (String, String) {
    let hash = service::auth::hash_password(PASSWORD.into(), app.state.settings.hash).await.expect("hash");
    let user = store::NewUser { email: email.into(), password_hash: hash, lang: "en".into(), now: 1 };
    app.state
        .store
        .create_staff(&user, crate::support::role(role), office, &crate::support::sealed_totp(app, &user.email))
        .await
        .expect("staff")
        .expect("new");
    let secret = domain::totp::base32_decode(SECRET).expect("base32");
    let step = app.state.clock.now().unix_timestamp() / 30;
    let code = format!("{:06}", domain::totp::hotp(&secret, u64::try_from(step).expect("step")));
    let session = crate::applications::staff_page_session(app, email, &code).await;
    let home = app.get_with("/account", &[("cookie", &session)]).await;
    let marker = "name=\"csrf\" value=\"";
    let start = home.body.find(marker).expect("csrf") + marker.len();
    (session, home.body[start..].split('"').next().expect("v").to_owned())
}

/// An IIN for a man born on 27 March 1990 (the test applicant), with its check digit.
pub(crate) fn iin(serial: u16) -> String {
    checked_iin(serial).expect("a serial whose check digit exists")
}

/// [`iin`], or `None` for a serial whose IIN can have no check digit (the rule's second pass gives 10).
pub(crate) fn checked_iin(serial: u16) -> Option<String> {
    let body = format!("900327{}{serial:04}", 3);
    let digits: [u8; 11] = body.bytes().map(|b| b - b'0').collect::<Vec<_>>().try_into().expect("11 digits");
    domain::iin::check_digit(&digits).map(|check| format!("{body}{check}"))
}

pub(crate) async fn submitted_case(app: &TestApp, email: &str, passport: &str) -> (i64, String) {
    Box::pin(submitted_case_in(app, email, passport, None)).await
}

/// [`submitted_case`], the application in `lang`.
pub(crate) async fn submitted_case_in(app: &TestApp, email: &str, passport: &str, lang: Option<&str>) -> (i64, String) {
    let auth = applicant(app, email).await;
    let id = crate::applications::complete_draft_in(app, &auth, passport, lang).await;
    let r = send(app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    (id, auth)
}

pub(crate) async fn status(app: &TestApp, id: i64) -> String {
    app.state.store.application(id).await.expect("q").expect("app").status
}

#[tokio::test]
async fn a_case_goes_from_the_queue_through_checks_and_the_iin_to_a_countersigned_refusal() {
    on_each_backend(|app| async move {
        let (id, applicant_auth) = submitted_case(&app, "case@example.com", "E2220001").await;
        let a = app.state.store.application(id).await.expect("q").expect("app");
        assert_eq!(a.assigned_office.as_deref(), Some("department-KZ-75"), "routed to the region of settlement");
        // Submitted on Tuesday 24 November 2026: the checks are due the next working day.
        assert_eq!(a.due_on.as_deref(), Some("2026-11-25"));
        let (officer, ocsrf) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let (supervisor, scsrf) = staff(&app, "chief@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (police, pcsrf) = staff(&app, "police@mvd.kz", "checker_police", None).await;
        let (knb, kcsrf) = staff(&app, "knb@knb.kz", "checker_knb", None).await;

        let q = app.get_with("/cases?lang=en", &[("cookie", &officer)]).await;
        assert_eq!(q.status, 200);
        assert!(q.body.contains(&format!("/cases/{id}")) && q.body.contains("1 working days left"), "{}", q.body);
        let filtered = app.get_with("/cases?category=3", &[("cookie", &officer)]).await;
        assert!(!filtered.body.contains(&format!("/cases/{id}")), "filters apply");

        // A decision before its time: refused, nothing changes.
        let r = form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(r.status, 422);
        assert_eq!(status(&app, id).await, "submitted");

        let r = form(&app, &format!("/cases/{id}/checks"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(status(&app, id).await, "checks_pending");
        let checks = app.state.store.checks(id).await.expect("checks");
        assert_eq!(
            checks.iter().map(|c| (c.agency.as_str(), c.due_on.as_str())).collect::<Vec<_>>(),
            [("knb", "2026-12-01"), ("police", "2026-12-01")]
        );

        // The police see only what a check needs.
        let page = app.get_with("/checks", &[("cookie", &police)]).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("E2220001") && page.body.contains("BEKOV"));
        assert!(!page.body.contains("Ulaanbaatar") && !page.body.contains("+976"), "no address, no phone");
        let police_check = checks.iter().find(|c| c.agency == "police").expect("police").id;
        let knb_check = checks.iter().find(|c| c.agency == "knb").expect("knb").id;
        assert_eq!(
            form(
                &app,
                &format!("/checks/{police_check}"),
                &[("csrf", &kcsrf), ("result", "no_information"), ("reference", "K-1")],
                &knb
            )
            .await
            .status,
            404,
            "another agency's request"
        );
        assert_eq!(
            form(
                &app,
                &format!("/checks/{police_check}"),
                &[("csrf", &pcsrf), ("result", "no_information"), ("reference", "")],
                &police
            )
            .await
            .status,
            422
        );
        assert_eq!(
            form(
                &app,
                &format!("/checks/{police_check}"),
                &[("csrf", &pcsrf), ("result", "no_information"), ("reference", "P-77")],
                &police
            )
            .await
            .status,
            303
        );
        assert_eq!(status(&app, id).await, "checks_pending");
        assert_eq!(
            form(
                &app,
                &format!("/checks/{knb_check}"),
                &[("csrf", &kcsrf), ("result", "adverse"), ("reference", "K-12")],
                &knb
            )
            .await
            .status,
            303
        );
        assert_eq!(status(&app, id).await, "awaiting_iin", "the last answer moves the case on");
        let again = form(
            &app,
            &format!("/checks/{police_check}"),
            &[("csrf", &pcsrf), ("result", "adverse"), ("reference", "P-78")],
            &police,
        )
        .await;
        assert_eq!(again.status, 422, "an answer on a closed check");

        // The IIN: a wrong check digit, another birth date, then the right one.
        let good = iin(1);
        let mut bad = good.clone().into_bytes();
        bad[11] = if bad[11] == b'9' { b'0' } else { bad[11] + 1 };
        let bad = String::from_utf8(bad).expect("ascii");
        let r = form(&app, &format!("/cases/{id}/iin?lang=en"), &[("csrf", &ocsrf), ("iin", &bad)], &officer).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("check digit"), "{}", r.body);
        let other = "950327300000";
        let r = form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", other)], &officer).await;
        assert_eq!(r.status, 422);
        let r = form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &good)], &officer).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let a = app.state.store.application(id).await.expect("q").expect("app");
        assert_eq!(
            (a.status.as_str(), a.iin.as_deref(), a.due_on.as_deref()),
            ("iin_recorded", Some(good.as_str()), Some("2026-11-27"))
        );

        // A refusal needs a ground from the list and a reason, then a supervisor.
        assert_eq!(
            form(
                &app,
                &format!("/cases/{id}/refuse"),
                &[("csrf", &ocsrf), ("ground", "whim"), ("reason", "")],
                &officer
            )
            .await
            .status,
            422
        );
        let r = form(
            &app,
            &format!("/cases/{id}/refuse"),
            &[("csrf", &ocsrf), ("ground", "security"), ("reason", "Adverse information K-12.")],
            &officer,
        )
        .await;
        assert_eq!(r.status, 303);
        assert_eq!(status(&app, id).await, "refusal_pending");
        assert_eq!(
            form(&app, &format!("/cases/{id}/countersign"), &[("csrf", &ocsrf)], &officer).await.status,
            403,
            "officers do not countersign"
        );
        // The applicant has a window to answer (5 working days): no countersignature before it closes.
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.due_on.as_deref(), Some("2026-12-01"));
        let r = form(&app, &format!("/cases/{id}/countersign?lang=en"), &[("csrf", &scsrf)], &supervisor).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("can still answer"), "{}", r.body);
        let r = app
            .post_json_auth(
                &format!("/api/v1/applications/{id}/respond"),
                r#"{"response":"The K-12 record is about a namesake."}"#,
                &applicant_auth,
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.body);
        let page = app.get_with(&format!("/cases/{id}"), &[("cookie", &supervisor)]).await;
        assert!(page.body.contains("namesake"), "the supervisor reads the answer");
        // After the window (seen on 2 December), the supervisor countersigns.
        let later = service::App::new(
            app.state.store.clone(),
            std::sync::Arc::new(crate::support::FixedClock(time::macros::datetime!(2026-12-02 05:00 UTC))),
            app.state.settings.clone(),
        )
        .await
        .expect("app");
        let chief = app.state.store.user_by_email("chief@kz75.kz").await.expect("q").expect("u");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::countersign(&later, &chief, &a, true).await.expect("countersigned");
        assert_eq!(status(&app, id).await, "refused");
        assert_eq!(
            form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status,
            422,
            "no second decision"
        );

        let events = app.state.store.events(id).await.expect("events");
        let trail: Vec<(&str, &str)> = events.iter().map(|e| (e.action.as_str(), e.actor_role.as_str())).collect();
        assert_eq!(
            trail,
            [
                ("create", "applicant"),
                ("submit", "applicant"),
                ("send_checks", "officer"),
                ("checks_answered", "system"),
                ("record_iin", "officer"),
                ("propose_refusal", "officer"),
                ("respond", "applicant"),
                ("countersign", "supervisor")
            ]
        );
        assert!(
            events[5]
                .note
                .as_deref()
                .is_some_and(|n| n.contains("refusal_ground=") && n.contains("decided on 2026-11-24")),
            "the rules version and dates relied on"
        );
        // The applicant was told of every change.
        let subjects: Vec<String> = app
            .state
            .store
            .jobs_in_state("pending")
            .await
            .expect("jobs")
            .into_iter()
            .filter_map(|j| j.payload["subject"].as_str().map(str::to_owned))
            .collect();
        let reference = app.state.store.application(id).await.expect("q").expect("a").reference.expect("reference");
        assert_eq!(subjects.iter().filter(|s| s.contains(&reference)).count(), 6, "{subjects:?}");
    })
    .await;
}

/// Accepts every document of case `id`, as its officer would on the case page.
pub(crate) async fn accept_documents(app: &TestApp, id: i64, officer: &str, csrf: &str) {
    for d in app.state.store.documents(id).await.expect("docs") {
        let doc = d.id.to_string();
        let fields = [("csrf", csrf), ("document", doc.as_str()), ("verdict", "accepted"), ("reason", "")];
        assert_eq!(form(app, &format!("/cases/{id}/review"), &fields, officer).await.status, 303);
    }
}

#[tokio::test]
async fn a_grant_and_who_may_open_what() {
    on_each_backend(|app| async move {
        let (id, applicant_auth) = submitted_case(&app, "grant@example.com", "E3330001").await;
        let (officer, ocsrf) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let (stranger, scsrf) = staff(&app, "officer@kz71.kz", "officer", Some("department-KZ-71")).await;
        let (police, _) = staff(&app, "police@mvd.kz", "checker_police", None).await;
        let (auditor, auditor_token) = staff(&app, "audit@gov.kz", "auditor", None).await;
        let (clerk, _) = staff(&app, "clerk@mfa.kz", "intermediary", Some("embassy-MN")).await;
        let (applicant_page, applicant_token) = crate::applications::page_session(&app, "grant@example.com").await;
        // Deny by default: every case route, for every role that has no business there.
        let gets = [format!("/cases/{id}"), format!("/cases/{id}/documents/1")];
        for (who, cookie) in [
            ("another office", &stranger),
            ("police", &police),
            ("intermediary", &clerk),
            ("applicant", &applicant_page),
        ] {
            for uri in &gets {
                assert_eq!(app.get_with(uri, &[("cookie", cookie)]).await.status, 404, "{who} GET {uri}");
            }
        }
        for (who, cookie) in
            [("police", &police), ("intermediary", &clerk), ("applicant", &applicant_page), ("auditor", &auditor)]
        {
            assert_eq!(app.get_with("/cases", &[("cookie", cookie)]).await.status, 403, "{who} GET /cases");
        }
        for (who, cookie) in [("officer", &officer), ("applicant", &applicant_page), ("auditor", &auditor)] {
            assert_eq!(app.get_with("/checks", &[("cookie", cookie)]).await.status, 403, "{who} GET /checks");
        }
        assert_eq!(app.get("/cases").await.status, 303, "signed out: to sign in");
        // The office's own supervisor, for the actions the table gives officers alone.
        let (chief, chief_csrf) = staff(&app, "head@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        for action in domain::case::CaseAction::ALL {
            let uri = format!("/cases/{id}/{}", action.as_str());
            // Of the office's own staff, the roles the policy table leaves out are refused (403) before
            // anything is looked at; the others are not walked here (they would change the case).
            for (role, cookie, csrf) in [("officer", &officer, &ocsrf), ("supervisor", &chief, &chief_csrf)] {
                if !service::policy::allows(crate::support::role(role), action) {
                    assert_eq!(form(&app, &uri, &[("csrf", csrf)], cookie).await.status, 403, "{role} POST {uri}");
                }
            }
            assert_eq!(form(&app, &uri, &[("csrf", &scsrf)], &stranger).await.status, 404, "another office POST {uri}");
            assert_eq!(
                form(&app, &uri, &[("csrf", &applicant_token)], &applicant_page).await.status,
                404,
                "applicant POST {uri}"
            );
            assert_eq!(form(&app, &uri, &[("csrf", &auditor_token)], &auditor).await.status, 403, "auditor POST {uri}");
            assert_eq!(form(&app, &uri, &[], &officer).await.status, 403, "no CSRF token: POST {uri}");
        }
        let unknown = form(&app, &format!("/cases/{id}/delete"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(unknown.status, 404, "an action that does not exist");
        assert_eq!(app.get_with(&format!("/cases/{id}"), &[("cookie", &auditor)]).await.status, 200, "auditors read");
        assert_eq!(status(&app, id).await, "submitted", "nothing changed");

        // Two officers at once: one wins, the other gets a conflict, the case moves once.
        let (other_officer, _) = staff(&app, "officer2@kz75.kz", "officer", Some("department-KZ-75")).await;
        let _ = other_officer;
        let u1 = app.state.store.user_by_email("officer@kz75.kz").await.expect("q").expect("u");
        let u2 = app.state.store.user_by_email("officer2@kz75.kz").await.expect("q").expect("u");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let (r1, r2) = tokio::join!(
            service::cases::send_checks(&app.state, &u1, &a),
            service::cases::send_checks(&app.state, &u2, &a)
        );
        assert!(r1.is_ok() != r2.is_ok(), "exactly one succeeds");
        let loser = r1.err().or(r2.err()).expect("one error");
        assert_eq!(loser.code, service::ErrorCode::Conflict);
        assert_eq!(app.state.store.checks(id).await.expect("checks").len(), 2, "one pair of requests");
        assert_eq!(
            app.state.store.events(id).await.expect("e").iter().filter(|e| e.action == "send_checks").count(),
            1
        );

        // Through to a grant.
        let police_user = app.state.store.user_by_email("police@mvd.kz").await.expect("q").expect("u");
        let knb_hash = service::auth::hash_password(PASSWORD.into(), app.state.settings.hash).await.expect("hash");
        let knb_user = app
            .state
            .store
            .create_staff(
                &store::NewUser { email: "knb@knb.kz".into(), password_hash: knb_hash, lang: "kk".into(), now: 1 },
                domain::account::Role::CheckerKnb,
                None,
                SECRET,
            )
            .await
            .expect("q")
            .expect("new");
        // Both agencies answer at the same moment: they take turns on the locked case, and the last one
        // moves it on (on PostgreSQL it once stayed in checks_pending for ever).
        let checks = app.state.store.checks(id).await.expect("checks");
        let answer = |agency: &'static str| {
            let c = checks.iter().find(|c| c.agency == agency).expect("check");
            let who = if agency == "police" { &police_user } else { &knb_user };
            service::cases::answer_check(&app.state, who, c.id, "no_information", "R-1")
        };
        let (p, k) = tokio::join!(answer("police"), answer("knb"));
        assert!(p.expect("police answer") != k.expect("knb answer"), "exactly one answer was the last");
        assert_eq!(status(&app, id).await, "awaiting_iin", "the last answer moved the case on");
        let closed = answer("police").await.expect_err("answered twice");
        assert_eq!(closed.fields[0].field, "check");
        assert_eq!(
            form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &iin(2))], &officer).await.status,
            303
        );
        assert_eq!(
            form(
                &app,
                &format!("/cases/{id}/note"),
                &[("csrf", &ocsrf), ("note", "All documents in order.")],
                &officer
            )
            .await
            .status,
            303
        );
        // No grant while a document is not reviewed: the officer is told why, nothing changes.
        let early = form(&app, &format!("/cases/{id}/grant?lang=en"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(early.status, 422);
        assert!(early.body.contains("Review every document before the grant"), "{}", early.body);
        assert_eq!(status(&app, id).await, "iin_recorded");
        let doc = app.state.store.documents(id).await.expect("docs")[0].id;
        let doc_s = doc.to_string();
        assert_eq!(
            form(
                &app,
                &format!("/cases/{id}/review"),
                &[("csrf", &ocsrf), ("document", &doc_s), ("verdict", "rejected"), ("reason", "")],
                &officer
            )
            .await
            .status,
            422,
            "a rejection needs its reason"
        );
        assert_eq!(
            form(
                &app,
                &format!("/cases/{id}/review"),
                &[("csrf", &ocsrf), ("document", &doc_s), ("verdict", "accepted"), ("reason", "")],
                &officer
            )
            .await
            .status,
            303
        );
        let view = app.get_with(&format!("/cases/{id}/documents/{doc}"), &[("cookie", &officer)]).await;
        assert_eq!(view.status, 200);
        accept_documents(&app, id, &officer, &ocsrf).await;
        assert_eq!(form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        assert_eq!(status(&app, id).await, "granted");
        let mine =
            app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &applicant_auth)]).await.json();
        assert_eq!(mine["status"], "granted", "the applicant sees the decision");
        let page = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
        assert!(page.body.contains("All documents in order.") && page.body.contains("accepted"));
        // The dashboard: supervisors and auditors only; one decision, the same day as the submission.
        let (chief, _) = staff(&app, "chief@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        assert_eq!(app.get_with("/dashboard", &[("cookie", &officer)]).await.status, 403);
        assert_eq!(app.get_with("/dashboard", &[("cookie", &police)]).await.status, 403);
        let dash = app.get_with("/dashboard?lang=en", &[("cookie", &chief)]).await;
        assert_eq!(dash.status, 200);
        assert!(dash.body.contains("id=\"decided\">1<") && dash.body.contains("id=\"median\">0<"), "{}", dash.body);
        assert!(dash.body.contains("<svg class=\"chart\" role=\"img\""));
        assert_eq!(app.get_with("/dashboard?office=department-KZ-75", &[("cookie", &auditor)]).await.status, 200);
        // Over time: this week one case in and one out; each stage ended the day it began, on time; the
        // same figures as CSV, with the officer's steps on rows of their own.
        let week = "<td data-label=\"In\">1</td><td data-label=\"Out\">1</td>";
        assert!(dash.body.contains(week) && dash.body.contains("id=\"officer-table\""), "{}", dash.body);
        assert!(dash.body.contains("<td data-label=\"On time\">100\u{a0}%</td>"));
        assert_eq!(app.get_with("/dashboard.csv", &[("cookie", &officer)]).await.status, 403);
        let csv = app.get_with("/dashboard.csv?lang=en&weeks=2", &[("cookie", &chief)]).await;
        assert_eq!((csv.status.as_u16(), csv.header("content-type")), (200, "text/csv; charset=utf-8"));
        let lines: Vec<&str> = csv.body.lines().collect();
        assert!(lines[0].starts_with("\u{feff}table,week,group,group_name,stage,stage_name,cases_in"), "{}", csv.body);
        assert_eq!(lines.iter().filter(|l| l.starts_with("week,")).count(), 2, "two weeks asked for");
        assert!(lines.iter().any(|l| l.starts_with("week,") && l.ends_with(",1,1,,,,,")), "{}", csv.body);
        assert!(lines.contains(&"stage,,all,All cases,submitted,Submitted,,,1,1,1,0,0"), "{}", csv.body);
        assert!(
            lines.contains(&"stage,,officer:officer@kz75.kz,officer@kz75.kz,iin_recorded,Decision due,,,1,1,1,0,0"),
            "{}",
            csv.body
        );
        let _ = json!(null);
    })
    .await;
}

#[tokio::test]
async fn a_supervisor_moves_a_case_to_another_office() {
    on_each_backend(|app| async move {
        let (id, _) = submitted_case(&app, "move@example.com", "E6660001").await;
        let (officer, _) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let (chief, ccsrf) = staff(&app, "chief@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (other, _) = staff(&app, "officer@kz71.kz", "officer", Some("department-KZ-71")).await;
        assert_eq!(
            form(&app, &format!("/cases/{id}/reassign"), &[("csrf", &ccsrf), ("office", "department-XX")], &chief)
                .await
                .status,
            422
        );
        let r =
            form(&app, &format!("/cases/{id}/reassign"), &[("csrf", &ccsrf), ("office", "department-KZ-71")], &chief)
                .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(
            app.get_with(&format!("/cases/{id}"), &[("cookie", &officer)]).await.status,
            404,
            "the old office no longer sees it"
        );
        assert_eq!(app.get_with(&format!("/cases/{id}"), &[("cookie", &other)]).await.status, 200, "the new one does");
        let e = app.state.store.events(id).await.expect("events").pop().expect("event");
        assert_eq!((e.action.as_str(), e.note.as_deref()), ("reassign", Some("department-KZ-75 -> department-KZ-71")));
    })
    .await;
}

#[tokio::test]
async fn the_routing_rule_is_a_setting() {
    crate::support::on_each_backend_with(
        || {
            let mut s = crate::support::test_settings();
            s.route_all_to = Some("department-KZ-71".into());
            s
        },
        |app| async move {
            let (id, _) = submitted_case(&app, "routed@example.com", "E8880001").await;
            let a = app.state.store.application(id).await.expect("q").expect("a");
            assert_eq!(a.assigned_office.as_deref(), Some("department-KZ-71"), "not the region of settlement (KZ-75)");
        },
    )
    .await;
}
