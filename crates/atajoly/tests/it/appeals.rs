//! Hearings before an intended refusal (APPC Art. 73) and complaints (Art. 91-93), on both backends:
//! the notice says the ground, basis, reasons and last day; a hearing is booked once from the office's
//! slots, moved once for a reason, recorded by the officer, and the refusal waits for it; a complaint
//! goes through the deciding office to the higher body, which overturns or upholds; each step is
//! refused with its item named when it does not fit, and nothing changes then.

use time::OffsetDateTime;
use time::macros::datetime;

use crate::applications::{form, page_session};
use crate::cards::ready_for_grant;
use crate::cases::staff;
use crate::support::{FixedClock, TestApp, on_each_backend};

/// The same service and database seen at another moment.
async fn at(app: &TestApp, t: OffsetDateTime) -> TestApp {
    let state =
        service::App::new(app.state.store.clone(), std::sync::Arc::new(FixedClock(t)), app.state.settings.clone())
            .await
            .expect("app");
    TestApp { router: web::build_router(state.clone()), state, backend: app.backend }
}

async fn user(app: &TestApp, email: &str) -> store::User {
    app.state.store.user_by_email(email).await.expect("q").expect("user")
}

async fn events(app: &TestApp, id: i64) -> Vec<String> {
    app.state.store.events(id).await.expect("events").into_iter().map(|e| e.action).collect()
}

/// A case with an intended refusal on the ground "security", proposed on Tuesday 24 November 2026.
async fn intended_refusal(app: &TestApp, email: &str, passport: &str, serial: u16) -> (i64, String, String) {
    let (id, officer, ocsrf, _) = intended_refusal_with_token(app, email, passport, serial).await;
    (id, officer, ocsrf)
}

/// [`intended_refusal`], with the applicant's bearer token too.
async fn intended_refusal_with_token(
    app: &TestApp,
    email: &str,
    passport: &str,
    serial: u16,
) -> (i64, String, String, String) {
    let (id, auth, officer, ocsrf) = ready_for_grant(app, email, passport, serial).await;
    let r = form(
        app,
        &format!("/cases/{id}/refuse"),
        &[("csrf", &ocsrf), ("ground", "security"), ("reason", "Police record K-12 of 2019.")],
        &officer,
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    (id, officer, ocsrf, auth)
}

#[tokio::test]
async fn an_intended_refusal_says_why_and_until_when_and_waits_for_the_hearing_asked_for() {
    on_each_backend(|app| async move {
        let (id, officer, ocsrf, auth) = intended_refusal_with_token(&app, "hear@example.com", "E8800001", 97).await;
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.due_on.as_deref(), Some("2026-12-01"), "5 working days, never fewer than the law's 3");
        let (me, csrf) = page_session(&app, "hear@example.com").await;
        let page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &me)]).await;
        assert_eq!(page.status, 200);
        for says in [
            "Adverse information was received",
            "Order of the Minister",
            "Police record K-12",
            "1 December 2026",
            "APPC Art. 73(3)",
            "Ask for a hearing",
        ] {
            assert!(page.body.contains(says), "the notice says {says:?}: {}", page.body);
        }
        // The e-mail says the last day in words too.
        let mails = app.state.store.jobs_in_state("pending").await.expect("jobs");
        let bodies: Vec<String> = mails
            .iter()
            .map(|j| crate::support::mail(&app.state, j)["body"].as_str().unwrap_or_default().to_owned())
            .collect();
        let notice = bodies
            .iter()
            .find(|b| b.contains("refus") || b.contains("бас тарт") || b.contains("отказ"))
            .expect("the notice's e-mail");
        assert!(notice.contains("2026") && !notice.contains("2026-12-01"), "the last day in words: {notice}");

        // The office's slots: the next two working days (25 and 26 November), at the office's hours.
        let page = app.get_with(&format!("/applications/{id}/hearing?lang=en"), &[("cookie", &me)]).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(
            page.body.contains("25 November 2026, 10:00 (Astana time)") && page.body.contains("26 November 2026"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("27 November 2026"), "within 2 working days of the request");
        let slot = hidden_slot(&page.body, 0);
        let path = format!("/applications/{id}/hearing?lang=en");
        let r = form(&app, &path, &[("csrf", &csrf), ("slot", &slot)], &me).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("online or in person"), "the field named: {}", r.body);
        let r = form(&app, &path, &[("csrf", &csrf), ("slot", "12345"), ("mode", "online")], &me).await;
        assert!(r.status == 422 && r.body.contains("Choose one of the times offered"), "{}", r.body);
        let r = form(&app, &path, &[("csrf", &csrf), ("slot", &slot), ("mode", "in_person")], &me).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = form(&app, &path, &[("csrf", &csrf), ("slot", &slot), ("mode", "online")], &me).await;
        assert!(r.status == 422 && r.body.contains("already booked"), "a hearing booked twice: {}", r.body);

        // A file attached to the written answer: evidence for the officer, not a document to review.
        let (ct, body) =
            crate::applications::multipart(&[("item", "response")], Some(("court.pdf", crate::applications::PDF)));
        let r = crate::applications::send(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/documents"),
            &auth,
            &ct,
            body,
            &[],
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let case = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
        assert!(case.body.contains("File attached to the answer") && case.body.contains("court.pdf"), "{}", case.body);
        let response_doc = app
            .state
            .store
            .documents(id)
            .await
            .expect("docs")
            .into_iter()
            .find(|d| d.item == "response")
            .expect("kept");
        assert!(
            !case.body.contains(&format!("name=\"document\" value=\"{}\"", response_doc.id)),
            "no review form for it"
        );

        // The officer cannot record it before it is held.
        let r = form(
            &app,
            &format!("/cases/{id}/hearing?lang=en"),
            &[("csrf", &ocsrf), ("attended", "yes"), ("minutes", "x")],
            &officer,
        )
        .await;
        assert!(r.status == 422 && r.body.contains("has not taken place yet"), "{}", r.body);

        // Moved once, for a reason; not twice.
        let page = app.get_with(&format!("/applications/{id}/hearing?lang=en"), &[("cookie", &me)]).await;
        let other = hidden_slot(&page.body, 1);
        let r = form(&app, &path, &[("csrf", &csrf), ("slot", &other), ("reason", " ")], &me).await;
        assert!(r.status == 422 && r.body.contains("Give the reason"), "{}", r.body);
        let r =
            form(&app, &path, &[("csrf", &csrf), ("slot", &other), ("reason", "My flight was cancelled.")], &me).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let page = app.get_with(&format!("/applications/{id}/hearing?lang=en"), &[("cookie", &me)]).await;
        assert!(page.body.contains("cannot be moved again"), "{}", page.body);
        let third = hidden_slot_or(&page.body, 0, &slot);
        let r = form(&app, &path, &[("csrf", &csrf), ("slot", &third), ("reason", "Again.")], &me).await;
        assert!(r.status == 422 && r.body.contains("moved once already"), "{}", r.body);
        let hearing = app.state.store.hearings(id).await.expect("h").pop().expect("one hearing");
        assert_eq!(hearing.slot_at.to_string(), other);
        assert_eq!(hearing.reschedule_reason.as_deref(), Some("My flight was cancelled."));

        // After the window, the refusal still waits for the hearing's record.
        let later = at(&app, datetime!(2026-12-02 05:00 UTC)).await;
        let chief_email = "chief-hear@kz75.kz";
        let _ = staff(&app, chief_email, "supervisor", Some("department-KZ-75")).await;
        let chief = user(&app, chief_email).await;
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let e = service::cases::countersign(&later.state, &chief, &a, true).await.expect_err("hearing first");
        assert_eq!((e.fields[0].field.as_str(), e.fields[0].problem), ("countersign", "hearing_pending"));
        let officer_user = user(&app, "officer-hear.example.com@kz75.kz").await;
        let e = service::hearings::record(&later.state, &officer_user, &a, "maybe", "").await.expect_err("invalid");
        assert_eq!(e.fields.len(), 2, "both fields named: {:?}", e.fields);
        service::hearings::record(&later.state, &officer_user, &a, "yes", "The applicant says K-12 is a namesake.")
            .await
            .expect("recorded");
        let e = service::hearings::record(&later.state, &officer_user, &a, "yes", "again").await.expect_err("once");
        assert_eq!(e.fields[0].problem, "recorded");
        service::cases::countersign(&later.state, &chief, &a, true).await.expect("countersigned after the hearing");
        let (ct, body) =
            crate::applications::multipart(&[("item", "response")], Some(("late.pdf", crate::applications::PDF)));
        let r = crate::applications::send(
            &later,
            "POST",
            &format!("/api/v1/applications/{id}/documents"),
            &auth,
            &ct,
            body,
            &[],
        )
        .await;
        assert_eq!(r.status, 422, "no answer after the decision: {}", r.body);
        let actions = events(&app, id).await;
        for a in ["propose_refusal", "hearing_booked", "hearing_rescheduled", "hearing_recorded", "countersign"] {
            assert!(actions.iter().any(|x| x == a), "{a} in the history: {actions:?}");
        }
    })
    .await;
}

/// The value of the `n`th slot radio button on the hearing page.
fn hidden_slot(body: &str, n: usize) -> String {
    body.split("name=\"slot\" value=\"").nth(n + 1).and_then(|s| s.split('"').next()).expect("a slot").to_owned()
}

fn hidden_slot_or(body: &str, n: usize, fallback: &str) -> String {
    body.split("name=\"slot\" value=\"").nth(n + 1).and_then(|s| s.split('"').next()).unwrap_or(fallback).to_owned()
}

#[tokio::test]
async fn a_complaint_goes_through_the_office_to_the_higher_body_which_overturns_and_grants() {
    on_each_backend(|app| async move {
        let (id, _, _) = intended_refusal(&app, "appeal@example.com", "E8800002", 98).await;
        let _ = staff(&app, "chief-appeal@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let chief = user(&app, "chief-appeal@kz75.kz").await;
        // Refused on Wednesday 2 December, after the window.
        let later = at(&app, datetime!(2026-12-02 05:00 UTC)).await;
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::countersign(&later.state, &chief, &a, true).await.expect("refused");

        let (me, csrf) = page_session(&later, "appeal@example.com").await;
        let page = later.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &me)]).await;
        assert!(page.body.contains("Complain about the decision"), "{}", page.body);
        assert!(page.body.contains("until 2 March 2027"), "three months from the decision: {}", page.body);
        let form_page = later.get_with(&format!("/applications/{id}/complaint?lang=en"), &[("cookie", &me)]).await;
        assert_eq!(form_page.status, 200);
        assert!(
            form_page.body.contains("Ministry of Labour") && form_page.body.contains("Employment department of Almaty"),
            "to whom, through whom"
        );
        let path = format!("/applications/{id}/complaint?lang=en");
        let r = form(
            &later,
            &path,
            &[("csrf", &csrf), ("request", "grant"), ("grounds", ""), ("contact", "A. Test, Ulaanbaatar")],
            &me,
        )
        .await;
        assert_eq!(r.status, 422);
        assert!(
            r.body.contains("why you think the decision is wrong") && r.body.contains("sign the complaint"),
            "{}",
            r.body
        );
        assert!(app.state.store.complaints(id).await.expect("c").is_empty(), "nothing lodged");
        let good = [
            ("csrf", csrf.as_str()),
            ("request", "grant"),
            ("grounds", "K-12 is about a namesake; my passport shows another birth date."),
            ("contact", "A. Test, Ulaanbaatar, +97699112233"),
            ("confirm", "yes"),
        ];
        let r = form(&later, &path, &good, &me).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = form(&later, &path, &good, &me).await;
        assert!(r.status == 422 && r.body.contains("already being considered"), "a second complaint: {}", r.body);
        assert_eq!(app.state.store.complaints(id).await.expect("c").len(), 1, "one complaint open at a time");
        let c = &app.state.store.complaints(id).await.expect("c")[0];
        assert_eq!(
            (c.status.as_str(), c.due_on.as_str(), c.office.as_str()),
            ("lodged", "2026-12-07", "department-KZ-75")
        );

        // The higher body does not see the file before it is forwarded; the office may not decide it.
        let (ministry, mcsrf) = staff(&later, "judge@ministry.kz", "appeals", Some("ministry")).await;
        assert_eq!(later.get_with(&format!("/cases/{id}"), &[("cookie", &ministry)]).await.status, 404);
        let (chief_page, chief_csrf) =
            staff(&later, "chief2-appeal@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let list = later.get_with("/complaints?lang=en", &[("cookie", &chief_page)]).await;
        assert!(list.status == 200 && list.body.contains(&format!("/cases/{id}")), "{}", list.body);
        let r = form(
            &later,
            &format!("/cases/{id}/complaint_overturn"),
            &[("csrf", &chief_csrf), ("reason", "x")],
            &chief_page,
        )
        .await;
        assert_eq!(r.status, 403, "the office cannot decide its own complaint");
        let r = form(
            &later,
            &format!("/cases/{id}/complaint_forward?lang=en"),
            &[("csrf", &chief_csrf), ("reason", "")],
            &chief_page,
        )
        .await;
        assert!(r.status == 422 && r.body.contains("Give the reason"), "{}", r.body);
        let r = form(
            &later,
            &format!("/cases/{id}/complaint_forward"),
            &[("csrf", &chief_csrf), ("reason", "The police record stands.")],
            &chief_page,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let c = &app.state.store.complaints(id).await.expect("c")[0];
        assert_eq!(c.status, "forwarded");
        assert_eq!(c.due_on, "2026-12-31", "20 working days of the calendar in force (16 December is a holiday)");

        // The higher body reads the file and overturns, granting the card.
        let list = later.get_with("/complaints?lang=en", &[("cookie", &ministry)]).await;
        assert!(list.body.contains(&format!("/cases/{id}")), "{}", list.body);
        let file = later.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &ministry)]).await;
        assert_eq!(file.status, 200);
        assert!(file.body.contains("namesake") && file.body.contains("Overturn the decision"), "{}", file.body);
        assert!(!file.body.contains("id=\"countersign\""), "nothing of the office's own work is offered");
        let r = form(&later, &format!("/cases/{id}/grant"), &[("csrf", &mcsrf)], &ministry).await;
        assert_eq!(r.status, 403, "the higher body does not take the office's actions");
        let r = form(
            &later,
            &format!("/cases/{id}/complaint_overturn"),
            &[("csrf", &mcsrf), ("remedy", "grant"), ("reason", "K-12 concerns another person.")],
            &ministry,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "granted");
        assert_eq!(app.state.store.cards_of_application(id).await.expect("cards").len(), 1, "the card is issued");
        let c = &app.state.store.complaints(id).await.expect("c")[0];
        assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("overturned", Some("grant")));
        let actions = events(&app, id).await;
        assert!(
            actions.ends_with(&["complaint_lodged".into(), "complaint_forward".into(), "complaint_overturn".into()]),
            "{actions:?}"
        );
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let inbox = app.state.store.inbox(a.owner_id.expect("owner")).await.expect("inbox");
        let lang = domain::Lang::parse(&a.lang).unwrap_or_default();
        for stage in ["lodged", "forwarded", "overturned"] {
            let args = [("reference", a.reference.clone().unwrap_or_default())];
            let subject = app.state.i18n.message(lang, &format!("letter-subject-complaint-{stage}"), &args);
            assert!(inbox.iter().any(|m| m.subject == subject), "told, in the application's language: {subject}");
        }
        // Granted: nothing left to complain of.
        let e = service::complaints::lodgeable(
            &later.state,
            &app.state.store.application(id).await.expect("q").expect("a"),
        )
        .await
        .expect("q");
        assert_eq!(e, Err("granted"));
    })
    .await;
}

#[tokio::test]
async fn a_complaint_after_its_period_or_on_no_decision_is_refused_and_silence_can_be_complained_of() {
    on_each_backend(|app| async move {
        let (id, _) = crate::cases::submitted_case(&app, "silence@example.com", "E8800003").await;
        let a = app.state.store.application(id).await.expect("q").expect("a");
        // Submitted on 24 November, due the next working day: not overdue yet.
        assert_eq!(service::complaints::lodgeable(&app.state, &a).await.expect("q"), Err("not_overdue"));
        // On 27 November the office's day has passed with no step: silence may be complained of.
        let later = at(&app, datetime!(2026-11-27 05:00 UTC)).await;
        let (me, csrf) = page_session(&later, "silence@example.com").await;
        let page = later.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &me)]).await;
        assert!(page.body.contains("deadline has passed with no decision"), "{}", page.body);
        let path = format!("/applications/{id}/complaint");
        let r = form(
            &later,
            &path,
            &[("csrf", &csrf), ("request", "grant"), ("grounds", "No answer."), ("contact", "S."), ("confirm", "yes")],
            &me,
        )
        .await;
        assert_eq!(r.status, 422, "a grant is not what a complaint of silence asks");
        let r = form(
            &later,
            &path,
            &[("csrf", &csrf), ("request", "decide"), ("grounds", "No answer."), ("contact", "S."), ("confirm", "yes")],
            &me,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        // The office revises: it is told to decide, the deadline starts again.
        let _ = staff(&later, "chief-silence@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let chief = user(&later, "chief-silence@kz75.kz").await;
        let a = later.state.store.application(id).await.expect("q").expect("a");
        service::complaints::decide(
            &later.state,
            &chief,
            &a,
            domain::case::CaseAction::ComplaintRevise,
            "Sorry: the case is taken up today.",
            false,
        )
        .await
        .expect("revised");
        let a = later.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.status, "submitted");
        assert_eq!(a.due_on.as_deref(), Some("2026-11-30"), "one working day from Friday 27 November");
        let e = service::complaints::decide(
            &later.state,
            &chief,
            &a,
            domain::case::CaseAction::ComplaintForward,
            "x",
            false,
        )
        .await
        .expect_err("decided");
        assert_eq!(e.fields[0].problem, "none", "the complaint is no longer open");
        let c = &later.state.store.complaints(id).await.expect("c")[0];
        assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("revised", Some("order_decision")));

        // A refusal complained of after three months: too late.
        let (rid, _, _) = intended_refusal(&app, "late@example.com", "E8800004", 99).await;
        let _ = staff(&app, "chief-late@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let chief = user(&app, "chief-late@kz75.kz").await;
        let decided = at(&app, datetime!(2026-12-02 05:00 UTC)).await;
        let a = app.state.store.application(rid).await.expect("q").expect("a");
        service::cases::countersign(&decided.state, &chief, &a, true).await.expect("refused");
        let a = app.state.store.application(rid).await.expect("q").expect("a");
        let last = at(&app, datetime!(2027-03-02 05:00 UTC)).await;
        assert!(service::complaints::lodgeable(&last.state, &a).await.expect("q").is_ok(), "the last day counts");
        let after = at(&app, datetime!(2027-03-03 05:00 UTC)).await;
        assert_eq!(service::complaints::lodgeable(&after.state, &a).await.expect("q"), Err("too_late"));
    })
    .await;
}

#[tokio::test]
async fn a_revocation_set_aside_on_a_complaint_makes_the_card_valid_again() {
    on_each_backend(|app| async move {
        let g = crate::cards::granted(&app, "revoked@example.com", "E8800005", 96).await;
        let _ = staff(&app, "chief-a-rev@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let _ = staff(&app, "chief-b-rev@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (one, two) = (user(&app, "chief-a-rev@kz75.kz").await, user(&app, "chief-b-rev@kz75.kz").await);
        let rid = service::cards::propose_revocation(&app.state, &one, &g.card, "court", "Court decision 2-118.")
            .await
            .expect("proposed");
        let request = app
            .state
            .store
            .card_requests(g.card.id)
            .await
            .expect("q")
            .into_iter()
            .find(|r| r.id == rid)
            .expect("request");
        service::cards::decide_revocation(&app.state, &two, &g.card, &request, true).await.expect("revoked");
        let a = app.state.store.application(g.id).await.expect("q").expect("a");
        let (subject, last) = service::complaints::lodgeable(&app.state, &a)
            .await
            .expect("q")
            .expect("a revocation may be complained of");
        assert_eq!(
            (subject, last),
            (domain::complaint::Subject::Revocation, Some(time::macros::date!(2027 - 02 - 24)))
        );
        let access = service::applications::load(&app.state, &user(&app, "revoked@example.com").await, g.id)
            .await
            .expect("access");
        let applicant = user(&app, "revoked@example.com").await;
        let lodge = |request: &str| service::complaints::Lodge {
            request: request.into(),
            grounds: "Decision 2-118 was quashed on appeal.".into(),
            contact: "R. Test, Bishkek".into(),
            confirm: "yes".into(),
        };
        let e = service::complaints::lodge(&app.state, &access, &applicant, &lodge("grant"))
            .await
            .expect_err("wrong request");
        assert_eq!(e.fields[0].field, "request");
        service::complaints::lodge(&app.state, &access, &applicant, &lodge("reinstate")).await.expect("lodged");
        service::complaints::decide(
            &app.state,
            &one,
            &a,
            domain::case::CaseAction::ComplaintRevise,
            "Quashed indeed.",
            false,
        )
        .await
        .expect("revised");
        let card = app.state.store.cards_of_application(g.id).await.expect("q").remove(0);
        assert_eq!(card.state, domain::card::CardState::Valid, "valid again");
        let trail: Vec<String> =
            app.state.store.card_events(card.id).await.expect("q").into_iter().map(|e| e.action).collect();
        assert_eq!(trail, ["issue", "propose_revocation", "revoke", "reinstate"], "{trail:?}");
        let c = &app.state.store.complaints(g.id).await.expect("q")[0];
        assert_eq!((c.status.as_str(), c.outcome.as_deref()), ("revised", Some("reinstate")));
    })
    .await;
}
