//! Decisions the law allows, and only those: one valid card per person (also when two instances grant
//! at once), a grant only on accepted documents, and the citizenship registry's reports kept by IIN
//! whether or not a card exists yet, with the registry's corrections.

use serde_json::json;

use crate::applications::form;
use crate::cards::ready_for_grant;
use crate::cases::iin;
use crate::support::{Cleanup, TestApp, on_each_backend, pg_url};

/// A second instance of the service over the same database: its own connections, its own key ring.
pub(crate) async fn second_instance(app: &TestApp, db: &Cleanup) -> service::AppState {
    let store: std::sync::Arc<dyn store::Store> = match db {
        Cleanup::File(p) => std::sync::Arc::new(
            store::SqliteStore::connect(&format!("sqlite://{}", p.display())).await.expect("sqlite"),
        ),
        Cleanup::Schema(s) => std::sync::Arc::new(store::PgStore::connect(&pg_url(), Some(s)).await.expect("pg")),
    };
    service::App::new(store, crate::support::fixed_clock(), app.state.settings.clone()).await.expect("second")
}

#[tokio::test]
async fn a_person_holds_one_valid_card_even_when_two_instances_grant_at_once() {
    crate::support::on_each_backend_with_db(crate::support::test_settings, |app, db| async move {
        // The same person applied twice, from two accounts: same passport, same IIN.
        let (first, _, officer, ocsrf) = ready_for_grant(&app, "twice-a@example.com", "E7710001", 81).await;
        let (second, _, _, _) = ready_for_grant(&app, "twice-b@example.com", "E7710001", 81).await;
        let (third, _, _, _) = ready_for_grant(&app, "twice-c@example.com", "E7710001", 81).await;
        let other = second_instance(&app, &db).await;
        let u = app.state.store.user_by_email("officer-twice-a.example.com@kz75.kz").await.expect("q").expect("u");
        let v = other.store.user_by_email("officer-twice-b.example.com@kz75.kz").await.expect("q").expect("u");
        let a1 = app.state.store.application(first).await.expect("q").expect("a");
        let a2 = other.store.application(second).await.expect("q").expect("a");
        let (r1, r2) =
            tokio::join!(service::cases::grant(&app.state, &u, &a1, ""), service::cases::grant(&other, &v, &a2, ""));
        assert!(r1.is_ok() != r2.is_ok(), "exactly one grant: {r1:?} {r2:?}");
        let refused = r1.err().or(r2.err()).expect("one refused");
        assert_eq!(refused.code, service::ErrorCode::Validation);
        assert_eq!((refused.fields[0].field.as_str(), refused.fields[0].problem), ("card", "holds_valid_card"));
        // Afterwards, on the page: the officer is told why, in words; nothing changes.
        let r = form(&app, &format!("/cases/{third}/grant?lang=en"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("already holds a valid Ata Zholy card"), "{}", r.body);
        assert_eq!(app.state.store.application(third).await.expect("q").expect("a").status, "iin_recorded");
        let mut cards = 0;
        for id in [first, second, third] {
            cards += app.state.store.cards_of_application(id).await.expect("cards").len();
        }
        assert_eq!(cards, 1, "one card in all");
        // The database keeps the rule too, whatever a caller does: a second valid card is refused.
        let card = app.state.store.cards_by_iin(&iin(81)).await.expect("q").remove(0);
        let mut work = app.state.store.begin().await.expect("begin");
        let serial = work.card_serial(1).await.expect("serial");
        let copy = store::NewCard {
            application_id: third,
            holder_id: None,
            family_name: card.family_name.clone(),
            given_names: card.given_names.clone(),
            family_name_kk: None,
            given_names_kk: None,
            birth_date: card.birth_date.clone(),
            citizenship: card.citizenship.clone(),
            passport_number: "X0000001".into(),
            passport_expires: card.passport_expires.clone(),
            valid_from: card.valid_from.clone(),
            valid_until: card.valid_until.clone(),
            issued_at: 1,
            expires_at: 2,
            iin: Some(iin(81)),
        };
        let signed = store::Signed { number: "AZ0000000000".into(), kid: card.kid.clone(), qr_text: "x".into() };
        let event = store::CardEvent {
            at: 1,
            actor_id: None,
            actor_role: "system".into(),
            action: "issue".into(),
            from_state: String::new(),
            to_state: "valid".into(),
            note: None,
        };
        let refused = work.insert_card(serial, &copy, &signed, None, &event).await.expect_err("same IIN");
        assert!(matches!(refused, store::StoreError::Conflict(_)), "{refused}");
    })
    .await;
}

#[tokio::test]
async fn registry_reports_are_kept_by_iin_and_stop_a_case_until_the_registry_corrects_them() {
    on_each_backend(|app| async move {
        let token = "azk_fedcba9876543210fedcba9876543210";
        app.state
            .store
            .add_api_key("Citizenship registry", "registry", &service::auth::digest(token), 1, 4_102_444_800)
            .await
            .expect("key");
        let bearer = format!("Bearer {token}");
        let post = |path: &'static str, body: serde_json::Value| {
            let bearer = bearer.clone();
            let app = &app;
            async move { app.post_json(path, &body.to_string(), &[("authorization", &bearer)]).await }
        };
        // A wrong check digit is a clear 422 naming the IIN, not a 404.
        let mut wrong = iin(91);
        let last = wrong.pop().expect("digit");
        wrong.push(if last == '0' { '1' } else { '0' });
        let r = post("/api/v1/registry/citizenship", json!({ "iin": wrong, "reference": "Decree 9" })).await;
        assert_eq!(r.status, 422);
        assert_eq!(
            (r.json()["errors"][0]["field"].as_str(), r.json()["errors"][0]["code"].as_str()),
            (Some("iin"), Some("iin_check_digit"))
        );

        // Reported while the case is still pending: kept, and the grant is refused with the reason.
        let (id, _, officer, ocsrf) = ready_for_grant(&app, "pending@example.com", "E7720001", 91).await;
        let r = post("/api/v1/registry/citizenship", json!({ "iin": iin(91), "reference": "Decree 91" })).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["cards"], json!([]), "no card yet");
        assert_eq!(r.json()["report"]["reference"], "Decree 91");
        let again = post("/api/v1/registry/citizenship", json!({ "iin": iin(91), "reference": "Decree 91b" })).await;
        assert_eq!(again.json()["report"]["reference"], "Decree 91", "a repeated report answers as the first");
        let grant = form(&app, &format!("/cases/{id}/grant?lang=en"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(grant.status, 422);
        assert!(grant.body.contains("is a citizen of Kazakhstan"), "{}", grant.body);
        assert!(app.state.store.cards_of_application(id).await.expect("cards").is_empty());
        let page = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
        assert!(
            page.body.contains("The registry reports that this person is a citizen") && page.body.contains("Decree 91")
        );

        // Only the registry's key may withdraw a report: none is 401, another system's key is 403.
        let withdraw = json!({ "iin": iin(91), "reference": "Correction 7" }).to_string();
        let r = app.post_json("/api/v1/registry/citizenship/withdrawals", &withdraw, &[]).await;
        assert_eq!(r.status, 401);
        let other = "azk_00000000000000000000000000000000";
        app.state
            .store
            .add_api_key("A bank", "bank", &service::auth::digest(other), 1, 4_102_444_800)
            .await
            .expect("key");
        let r = app
            .post_json(
                "/api/v1/registry/citizenship/withdrawals",
                &withdraw,
                &[("authorization", &format!("Bearer {other}"))],
            )
            .await;
        assert_eq!(r.status, 403);
        // The registry corrects itself: the report is withdrawn, and the case may be granted.
        let r =
            post("/api/v1/registry/citizenship/withdrawals", json!({ "iin": iin(91), "reference": "Correction 7" }))
                .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["report"]["withdrawn_reference"], "Correction 7");
        let r =
            post("/api/v1/registry/citizenship/withdrawals", json!({ "iin": iin(91), "reference": "Correction 7" }))
                .await;
        assert_eq!(r.status, 404, "nothing stands any more");
        assert_eq!(form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        let card = app.state.store.cards_of_application(id).await.expect("cards").remove(0);

        // Reported after the grant: the card is invalidated; a correction makes it valid again, audited.
        let r = post("/api/v1/registry/citizenship", json!({ "iin": iin(91), "reference": "Decree 92" })).await;
        assert_eq!(r.json()["cards"][0]["state"], "invalidated");
        let r =
            post("/api/v1/registry/citizenship/withdrawals", json!({ "iin": iin(91), "reference": "Correction 8" }))
                .await;
        assert_eq!(r.json()["cards"][0]["state"], "valid", "{}", r.body);
        let events = app.state.store.card_events(card.id).await.expect("events");
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["issue", "invalidate", "reinstate"]);
        assert_eq!(events[2].note.as_deref(), Some("Decree 92 withdrawn: Correction 8"));
        let inbox = app.state.store.inbox(card.holder_id.expect("holder")).await.expect("inbox");
        let told = inbox.iter().any(|m| m.subject.contains(&card.number) && m.subject.contains("қайтадан жарамды"));
        assert!(told, "the holder is told, in the application's language");
    })
    .await;
}

#[tokio::test]
async fn the_window_promised_in_a_notice_of_intended_refusal_holds_whatever_the_setting_says_later() {
    crate::support::on_each_backend_with_db(crate::support::test_settings, |app, db| async move {
        let (id, _, _, _) = ready_for_grant(&app, "window@example.com", "E7730001", 93).await;
        let officer = app.state.store.user_by_email("officer-window.example.com@kz75.kz").await.expect("q").expect("u");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let proposed =
            service::cases::propose_refusal(&app.state, &officer, &a, "security", "Adverse information K-12.")
                .await
                .expect("proposed");
        let last_day = proposed.due_on.clone().expect("the window's last day");
        assert!(last_day > app.state.clock.today().to_string(), "a window of working days");
        // An administrator changes the setting to no window at all; the promise stands.
        let mut settings = app.state.settings.clone();
        settings.refusal_response_days = 0;
        let store: std::sync::Arc<dyn store::Store> = match &db {
            Cleanup::File(p) => std::sync::Arc::new(
                store::SqliteStore::connect(&format!("sqlite://{}", p.display())).await.expect("db"),
            ),
            Cleanup::Schema(s) => std::sync::Arc::new(store::PgStore::connect(&pg_url(), Some(s)).await.expect("pg")),
        };
        let later = service::App::new(store, crate::support::fixed_clock(), settings).await.expect("later");
        let (chief, _) =
            crate::cases::staff(&app, "chief-window@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let _ = chief;
        let supervisor = later.store.user_by_email("chief-window@kz75.kz").await.expect("q").expect("u");
        let e = service::cases::countersign(&later, &supervisor, &proposed, true).await.expect_err("window open");
        assert_eq!((e.fields[0].field.as_str(), e.fields[0].problem), ("countersign", "window_open"));
        assert_eq!(later.store.application(id).await.expect("q").expect("a").status, "refusal_pending");
    })
    .await;
}

#[tokio::test]
async fn a_grant_over_adverse_information_needs_a_reason_and_another_persons_countersignature() {
    on_each_backend(|app| async move {
        let (id, auth) = crate::cases::submitted_case(&app, "adverse@example.com", "E7740001").await;
        let (officer, ocsrf) =
            crate::cases::staff(&app, "officer-adv@kz75.kz", "officer", Some("department-KZ-75")).await;
        assert_eq!(form(&app, &format!("/cases/{id}/checks"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        for c in app.state.store.checks(id).await.expect("checks") {
            let role = if c.agency == "police" { "checker_police" } else { "checker_knb" };
            let user = store::NewUser {
                email: format!("{}-adv@agency.kz", c.agency),
                password_hash: "x".into(),
                lang: "kk".into(),
                now: 1,
            };
            let u = app
                .state
                .store
                .create_staff(&user, crate::support::role(role), None, crate::cases::SECRET)
                .await
                .expect("q")
                .expect("new");
            let result = if c.agency == "knb" { "adverse" } else { "no_information" };
            service::cases::answer_check(&app.state, &u, c.id, result, "K-77").await.expect("answer");
        }
        assert_eq!(
            form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &iin(94))], &officer).await.status,
            303
        );
        crate::cases::accept_documents(&app, id, &officer, &ocsrf).await;
        // The page asks for the reason; without one, nothing happens and the officer is told why.
        let page = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
        assert!(page.body.contains("Why grant despite the adverse information"), "{}", page.body);
        let r = form(&app, &format!("/cases/{id}/grant?lang=en"), &[("csrf", &ocsrf), ("reason", " ")], &officer).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("write why the card should be granted"), "{}", r.body);
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "iin_recorded");
        // With a reason: proposed, no card yet, the applicant not told of an internal step.
        let reason = "The adverse note concerns a namesake; K-77 confirms a different birth date.";
        let r = form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf), ("reason", reason)], &officer).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.status, "grant_pending");
        assert!(app.state.store.cards_of_application(id).await.expect("cards").is_empty());
        let mine = app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &auth)]).await;
        assert_eq!(mine.json()["status"], "grant_pending");
        // The proposer cannot countersign, even as a supervisor; another supervisor can.
        let proposer = app.state.store.user_by_email("officer-adv@kz75.kz").await.expect("q").expect("u");
        let mut as_supervisor = proposer.clone();
        as_supervisor.role = domain::account::Role::Supervisor;
        let e = service::cases::countersign(&app.state, &as_supervisor, &a, true).await.expect_err("own proposal");
        assert_eq!(e.fields[0].problem, "own_proposal");
        let (chief, chief_csrf) =
            crate::cases::staff(&app, "chief-adv@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let page = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &chief)]).await;
        assert!(page.body.contains("despite adverse information") && page.body.contains("namesake"), "{}", page.body);
        assert_eq!(form(&app, &format!("/cases/{id}/countersign"), &[("csrf", &chief_csrf)], &chief).await.status, 303);
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "granted");
        let cards = app.state.store.cards_of_application(id).await.expect("cards");
        assert_eq!(cards.len(), 1);
        // The record shows both: the officer's proposal with its reason, the supervisor's countersignature.
        let events = app.state.store.events(id).await.expect("events");
        let propose = events.iter().find(|e| e.action == "propose_grant").expect("proposal");
        assert_eq!(propose.actor_id, Some(proposer.id));
        assert!(propose.note.as_deref().is_some_and(|n| n.contains("namesake")));
        let signed = events.iter().find(|e| e.action == "countersign").expect("countersignature");
        assert_eq!((signed.from_status.as_str(), signed.to_status.as_str()), ("grant_pending", "granted"));
        assert_ne!(signed.actor_id, Some(proposer.id));
        let card_events = app.state.store.card_events(cards[0].id).await.expect("card events");
        assert_eq!(card_events[0].actor_id, signed.actor_id, "the card is issued by the countersignature");
    })
    .await;
}

#[tokio::test]
async fn corrections_may_be_asked_at_any_stage_before_the_decision_and_the_case_resumes_where_it_was() {
    on_each_backend(|app| async move {
        let (id, auth) = crate::cases::submitted_case(&app, "midway@example.com", "E7750001").await;
        let (officer, ocsrf) =
            crate::cases::staff(&app, "officer-mid@kz75.kz", "officer", Some("department-KZ-75")).await;
        assert_eq!(form(&app, &format!("/cases/{id}/checks"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        // While the agencies check, the officer finds the phone number wrong: corrections, not a 409.
        let fields = [("csrf", ocsrf.as_str()), ("items", "contact"), ("reason", "The phone number does not answer.")];
        let r = form(&app, &format!("/cases/{id}/corrections"), &fields, &officer).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "corrections_requested");
        // The police answer meanwhile: kept; the case waits for the applicant.
        let checks = app.state.store.checks(id).await.expect("checks");
        let mut checkers = Vec::new();
        for c in &checks {
            let role = if c.agency == "police" { "checker_police" } else { "checker_knb" };
            let user = store::NewUser {
                email: format!("{}-mid@agency.kz", c.agency),
                password_hash: "x".into(),
                lang: "kk".into(),
                now: 1,
            };
            checkers.push(
                app.state
                    .store
                    .create_staff(&user, crate::support::role(role), None, crate::cases::SECRET)
                    .await
                    .expect("q")
                    .expect("new"),
            );
        }
        let police = checks.iter().position(|c| c.agency == "police").expect("police");
        let moved =
            service::cases::answer_check(&app.state, &checkers[police], checks[police].id, "no_information", "P-1")
                .await
                .expect("kept");
        assert!(!moved);
        // The applicant corrects and resubmits: the case goes back to the checks, not to the start.
        let r = crate::applications::patch(&app, &auth, id, &json!({ "phone": "+976 8800 7777" })).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = crate::applications::send(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/submit"),
            &auth,
            "",
            vec![],
            &[],
        )
        .await;
        assert_eq!((r.status.as_u16(), r.json()["status"].as_str()), (200, Some("checks_pending")), "{}", r.body);
        assert_eq!(app.state.store.checks(id).await.expect("checks").len(), 2, "the same requests, not new ones");
        let knb = 1 - police;
        assert!(
            service::cases::answer_check(&app.state, &checkers[knb], checks[knb].id, "no_information", "K-1")
                .await
                .expect("last")
        );
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "awaiting_iin");
        // Once the IIN is recorded, too: the IIN stays, and so does the step.
        assert_eq!(
            form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &iin(95))], &officer).await.status,
            303
        );
        let r = form(
            &app,
            &format!("/cases/{id}/corrections"),
            &[("csrf", ocsrf.as_str()), ("items", "contact"), ("reason", "Still wrong.")],
            &officer,
        )
        .await;
        assert_eq!(r.status, 303);
        let r = crate::applications::patch(&app, &auth, id, &json!({ "phone": "+976 8800 8888" })).await;
        assert_eq!(r.status, 200);
        let r = crate::applications::send(
            &app,
            "POST",
            &format!("/api/v1/applications/{id}/submit"),
            &auth,
            "",
            vec![],
            &[],
        )
        .await;
        assert_eq!(r.json()["status"], "iin_recorded");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.iin.as_deref(), Some(iin(95).as_str()));
        // After the decision: no more corrections.
        crate::cases::accept_documents(&app, id, &officer, &ocsrf).await;
        assert_eq!(form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        let r = form(
            &app,
            &format!("/cases/{id}/corrections"),
            &[("csrf", ocsrf.as_str()), ("items", "contact"), ("reason", "x")],
            &officer,
        )
        .await;
        assert_eq!(r.status, 422, "refused, the case's state named");
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "granted");
    })
    .await;
}

#[tokio::test]
async fn the_same_iin_on_two_live_cases_is_flagged_on_both_and_an_officer_corrects_it_with_a_reason() {
    on_each_backend(|app| async move {
        let (first, _, officer, ocsrf) = ready_for_grant(&app, "typo-a@example.com", "E7760001", 96).await;
        let (second, _, _, _) = ready_for_grant(&app, "typo-b@example.com", "E7760002", 96).await;
        for id in [first, second] {
            let page = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
            assert!(page.body.contains("the same IIN"), "flagged on case {id}: {}", page.body);
        }
        // A correction needs a valid IIN and a reason; it is audited with both numbers.
        let path = format!("/cases/{second}/iin_correct?lang=en");
        let r = form(&app, &path, &[("csrf", &ocsrf), ("iin", &iin(97)), ("reason", "")], &officer).await;
        assert_eq!(r.status, 422);
        let r = form(&app, &path, &[("csrf", &ocsrf), ("iin", &iin(96)), ("reason", "typo")], &officer).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("already recorded"), "{}", r.body);
        let reason = "Two digits swapped when typed from the certificate.";
        let r = form(&app, &path, &[("csrf", &ocsrf), ("iin", &iin(97)), ("reason", reason)], &officer).await;
        assert_eq!(r.status, 303, "{}", r.body);
        let a = app.state.store.application(second).await.expect("q").expect("a");
        assert_eq!(a.iin.as_deref(), Some(iin(97).as_str()));
        let events = app.state.store.events(second).await.expect("events");
        let e = events.iter().find(|e| e.action == "correct_iin").expect("audited");
        assert_eq!(e.note.as_deref(), Some(format!("{} -> {}: {reason}", iin(96), iin(97)).as_str()));
        let page = app.get_with(&format!("/cases/{first}?lang=en"), &[("cookie", &officer)]).await;
        assert!(!page.body.contains("the same IIN"), "no longer flagged");
    })
    .await;
}

#[tokio::test]
async fn api_keys_expire_and_can_be_revoked_each_change_in_the_audit_log() {
    on_each_backend(|app| async move {
        let t0 = app.state.clock.now().unix_timestamp();
        let store = app.state.store.as_ref();
        let report = |token: String| {
            let app = &app;
            async move {
                let body = json!({ "iin": iin(77), "reference": "Decree 12" }).to_string();
                app.post_json("/api/v1/registry/citizenship", &body, &[("authorization", &format!("Bearer {token}"))])
                    .await
                    .status
                    .as_u16()
            }
        };
        // Out of range, or another role: refused, naming the field.
        for (role, days, field) in [("registry", 0, "days"), ("registry", 731, "days"), ("bank", 30, "role")] {
            let e = service::apikeys::add(store, "Registry", role, days, t0).await.expect_err("refused");
            assert_eq!(e.fields[0].field, field);
        }
        let (first, token) =
            service::apikeys::add(store, "Citizenship registry", "registry", 1, t0).await.expect("key");
        assert_ne!(report(token.clone()).await, 401, "a new key works");
        // Two days later it has expired.
        let later_at = app.state.clock.now() + time::Duration::days(2);
        let later = service::App::new(
            app.state.store.clone(),
            std::sync::Arc::new(crate::support::FixedClock(later_at)),
            crate::support::test_settings(),
        )
        .await
        .expect("state");
        let later_app = TestApp { router: web::build_router(later.clone()), state: later, backend: app.backend };
        let body = json!({ "iin": iin(77), "reference": "Decree 12" }).to_string();
        let r = later_app
            .post_json("/api/v1/registry/citizenship", &body, &[("authorization", &format!("Bearer {token}"))])
            .await;
        assert_eq!(r.status, 401, "an expired key: {}", r.body);
        // A revoked key stops at once; revoking twice says so.
        let (second, other) =
            service::apikeys::add(store, "Citizenship registry", "registry", 365, t0).await.expect("key");
        assert_ne!(report(other.clone()).await, 401);
        assert!(service::apikeys::revoke(store, second, t0).await.expect("revoke"));
        assert_eq!(report(other).await, 401, "a revoked key");
        assert!(!service::apikeys::revoke(store, second, t0).await.expect("revoke"), "already revoked");
        let keys = service::apikeys::list(store).await.expect("list");
        assert_eq!(
            keys.iter().map(|k| (k.key.id, k.revoked_at.is_some())).collect::<Vec<_>>(),
            [(second, true), (first, false)]
        );
        assert_eq!(keys[1].expires_at, t0 + 86_400);
        for (action, n) in [("api_key_add", 2), ("api_key_revoke", 1)] {
            let q = store::LogQuery { action: Some(action.into()), limit: 10, ..store::LogQuery::default() };
            assert_eq!(store.log_search(&q).await.expect("log").len(), n, "{action}");
        }
    })
    .await;
}

#[tokio::test]
async fn operators_add_list_and_revoke_api_keys_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("atajoly-keys-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = format!("sqlite://{}", dir.join("k.db").display());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_atajoly"))
            .args(args)
            .env("ATAJOLY_DATABASE_URL", &url)
            .env_remove("ATAJOLY_CONFIG")
            .output()
            .expect("runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, out, err) = run(&["api-key-add", "--name", "Registry", "--days", "30"]);
    assert!(ok, "{err}");
    assert!(out.contains("API key 1 for Registry (registry), working 30 days, shown once: azk_"), "{out}");
    let (ok, _, err) = run(&["api-key-add", "--name", "Registry", "--days", "5000"]);
    assert!(!ok && err.contains("--days"), "{err}");
    let (ok, out, _) = run(&["api-key-list"]);
    assert!(
        ok && out.lines().nth(1).is_some_and(|l| l.starts_with("1\tRegistry\tregistry\t") && l.ends_with("\tworks")),
        "{out}"
    );
    let (ok, out, err) = run(&["api-key-revoke", "--id", "1"]);
    assert!(ok && out.contains("revoked"), "{err}");
    let (ok, _, err) = run(&["api-key-revoke", "--id", "1"]);
    assert!(!ok && err.contains("no API key 1"), "{err}");
    let (_, out, _) = run(&["api-key-list"]);
    assert!(out.lines().nth(1).is_some_and(|l| l.contains("\trevoked ")), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
