//! The card's life: invalidated by the citizenship registry, revoked by two supervisors, reissued on a
//! new passport, expired by the job, signing keys rotated and withdrawn, and an intermediary's cards.

use std::sync::Arc;

use credential::Verdict;
use serde_json::json;

use crate::applications::{applicant, form};
use crate::cards::{granted, independent_check, offline_verdict, published_keys, verify_api};
use crate::cases::{iin, staff};
use crate::support::{FixedClock, on_each_backend};

#[tokio::test]
async fn the_registry_invalidates_two_supervisors_revoke_and_a_new_passport_reissues() {
    on_each_backend(|app| async move {
        // Citizenship: the registry's API key, by IIN; retrying is harmless; no key, no change.
        let a = granted(&app, "citizen@example.com", "E6660001", 21).await;
        let token = crate::support::registry_key(&app).await;
        let body = json!({ "iin": iin(21), "reference": "Decree 1234 of 2026-11-20" }).to_string();
        let r = app.post_json("/api/v1/registry/citizenship", &body, &[]).await;
        assert_eq!(r.status, 401);
        let r = app.post_json("/api/v1/registry/citizenship", &body, &[("authorization", "Bearer azk_wrong")]).await;
        assert_eq!(r.status, 401);
        let r = app.post_json("/api/v1/registry/citizenship", &body, &[("authorization", &a.auth)]).await;
        assert_eq!(r.status, 401, "an applicant's token is not the registry's");
        assert_eq!(app.state.store.card(a.card.id).await.expect("q").expect("c").state.as_str(), "valid");
        let bearer = format!("Bearer {token}");
        for _ in 0..2 {
            let r = app.post_json("/api/v1/registry/citizenship", &body, &[("authorization", &bearer)]).await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(r.json()["cards"][0]["state"], "invalidated");
        }
        let bad = json!({ "iin": "123", "reference": "x" }).to_string();
        let r = app.post_json("/api/v1/registry/citizenship", &bad, &[("authorization", &bearer)]).await;
        assert_eq!(r.status, 422);
        assert_eq!(app.state.store.card_events(a.card.id).await.expect("e").len(), 2, "issue, invalidate: once");
        assert_eq!(offline_verdict(&app, &a.card.qr_text).await, Verdict::Invalidated);
        assert_eq!(verify_api(&app, &json!({ "qr": a.card.qr_text })).await["category"], "invalidated");
        let inbox = app.state.store.inbox(a.card.holder_id.expect("holder")).await.expect("inbox");
        assert!(inbox.iter().any(|m| m.subject.contains(&a.card.number)), "the holder is told");

        // Revocation: proposed by one supervisor, countersigned by another; the card stays valid between.
        let b = granted(&app, "revoked@example.com", "E6660002", 22).await;
        let (s1, c1) = staff(&app, "s1@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (s2, c2) = staff(&app, "s2@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let revoke = format!("/cases/{}/card_revoke?lang=en", b.id);
        let r = form(&app, &revoke, &[("csrf", &b.ocsrf), ("ground", "court"), ("reason", "x")], &b.officer).await;
        assert_eq!(r.status, 403, "an officer cannot revoke");
        let r = form(&app, &revoke, &[("csrf", &c1), ("ground", "nonsense"), ("reason", "")], &s1).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("ground of revocation") && r.body.contains("Give the reason"), "{}", r.body);
        let r = form(&app, &revoke, &[("csrf", &c1), ("ground", "court"), ("reason", "Case 2-77/2026")], &s1).await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(offline_verdict(&app, &b.card.qr_text).await, Verdict::Valid, "not before the countersignature");
        let countersign = format!("/cases/{}/card_countersign", b.id);
        let r = form(&app, &countersign, &[("csrf", &c1)], &s1).await;
        assert_eq!(r.status, 422, "not one's own proposal");
        assert_eq!(form(&app, &countersign, &[("csrf", &c2)], &s2).await.status, 303);
        assert_eq!(app.state.store.card(b.card.id).await.expect("q").expect("c").state.as_str(), "revoked");
        assert_eq!(offline_verdict(&app, &b.card.qr_text).await, Verdict::Revoked);
        // Nothing is left to countersign: said as such (the supervisor may act; there is nothing open).
        let r = form(&app, &countersign, &[("csrf", &c2)], &s2).await;
        assert_eq!(r.status, 422, "nothing left to countersign: {}", r.body);

        // A new passport: the holder reports it (errors named), an officer accepts, a new card replaces the old.
        let c = granted(&app, "renewed@example.com", "E6660003", 23).await;
        let (holder, hcsrf) = crate::applications::page_session(&app, "renewed@example.com").await;
        let report = format!("/account/cards/{}/passport?lang=en", c.card.number);
        let r = form(
            &app,
            &report,
            &[
                ("csrf", &hcsrf),
                ("passport_number", "E6660003"),
                ("passport_issued", "2026-12-01"),
                ("passport_expires", "2020-01-01"),
            ],
            &holder,
        )
        .await;
        assert_eq!(r.status, 422);
        for message in ["the card was issued on", "the date must be in the past", "The passport has expired"] {
            assert!(r.body.contains(message), "{message}: {}", r.body);
        }
        let fields = [
            ("csrf", hcsrf.as_str()),
            ("passport_number", "E7770003"),
            ("passport_issued", "2026-11-01"),
            ("passport_expires", "2040-10-31"),
        ];
        assert_eq!(form(&app, &report, &fields, &holder).await.status, 303);
        assert_eq!(form(&app, &report, &fields, &holder).await.status, 422, "one open request at a time");
        let queue = app.get_with("/cases?lang=en", &[("cookie", &c.officer)]).await;
        assert!(queue.body.contains("New passports to check") && queue.body.contains(&c.card.number), "{}", queue.body);
        let case = app.get_with(&format!("/cases/{}?lang=en", c.id), &[("cookie", &c.officer)]).await;
        assert!(case.body.contains("New passport reported: E7770003") && case.body.contains("id=\"card-reissue\""));
        let reissue = format!("/cases/{}/card_reissue", c.id);
        assert_eq!(form(&app, &reissue, &[("csrf", &c.ocsrf)], &c.officer).await.status, 303);
        let cards = app.state.store.cards_of_application(c.id).await.expect("cards");
        assert_eq!(cards.len(), 2);
        let (new, old) = (&cards[0], &cards[1]);
        assert_eq!((old.state.as_str(), new.state.as_str()), ("superseded", "valid"));
        assert_eq!((new.replaces, new.passport_number.as_str()), (Some(old.id), "E7770003"));
        assert_eq!(new.valid_until, "2036-11-23", "ten years, the new passport lasting longer");
        assert_eq!(offline_verdict(&app, &old.qr_text).await, Verdict::Superseded);
        assert_eq!(offline_verdict(&app, &new.qr_text).await, Verdict::Valid);
        independent_check(&app, new, &[(&a.card, 3), (&b.card, 1), (old, 11), (new, 0)]).await;
        assert_eq!(
            form(&app, &reissue, &[("csrf", &c.ocsrf)], &c.officer).await.status,
            422,
            "decided once: nothing open"
        );
        let list = app.get_with("/account/cards?lang=en", &[("cookie", &holder)]).await;
        assert!(list.body.contains(&new.number) && list.body.contains("Replaced by a new card"));
        // Staff of another office cannot touch the card.
        let (elsewhere, ecsrf) = staff(&app, "o71@kz71.kz", "officer", Some("department-KZ-71")).await;
        let r = form(
            &app,
            &format!("/cases/{}/card_invalidate", c.id),
            &[("csrf", &ecsrf), ("reference", "x")],
            &elsewhere,
        )
        .await;
        assert_eq!(r.status, 404);
    })
    .await;
}

#[tokio::test]
async fn cards_expire_keys_rotate_and_a_withdrawn_key_stops_its_cards() {
    on_each_backend(|app| async move {
        let g = granted(&app, "expiring@example.com", "E8880001", 31).await;
        let keys_before = published_keys(&app).await;
        // Rotation: a new key signs from now; the old card still verifies, the next is signed by the new key.
        let now = app.state.clock.now().unix_timestamp();
        let new_kid =
            service::cards::rotate(&app.state.store, &app.state.settings.keys_dir, now, now).await.expect("rotate");
        service::cards::reload_keys(&app.state).await.expect("reload");
        let keys = published_keys(&app).await;
        assert_eq!((keys_before.keys().len(), keys.keys().len()), (1, 2));
        assert_eq!(offline_verdict(&app, &g.card.qr_text).await, Verdict::Valid);
        let h = granted(&app, "second@example.com", "E8880002", 32).await;
        assert_eq!(h.card.kid, new_kid);
        assert_ne!(g.card.kid, new_kid);
        // Withdrawing the old key (compromised) stops its cards at once, and only those.
        assert!(app.state.store.withdraw_signing_key(&g.card.kid, now).await.expect("withdraw"));
        service::cards::reload_keys(&app.state).await.expect("reload");
        assert!(matches!(offline_verdict(&app, &g.card.qr_text).await, Verdict::UnknownKeyId(_)));
        assert_eq!(offline_verdict(&app, &h.card.qr_text).await, Verdict::Valid);
        // Expiry: the day after the last day, the job marks the card and verifiers say expired.
        let after = time::macros::datetime!(2031-06-16 00:30 +05:00).to_offset(time::UtcOffset::UTC);
        let later = service::App::new(
            app.state.store.clone(),
            Arc::new(FixedClock(after)),
            service::Settings { keys_dir: app.state.settings.keys_dir.clone(), ..crate::support::test_settings() },
        )
        .await
        .expect("state");
        assert_eq!(service::cards::expire(&later).await.expect("expire"), 2, "both cards end with the same passport");
        assert_eq!(app.state.store.card(h.card.id).await.expect("q").expect("c").state.as_str(), "expired");
        let o = service::cards::verify_qr(&later, &h.card.qr_text, "hospital", "api").await.expect("verify");
        assert_eq!((o.result.as_str(), o.category), ("expired", "expired"));
        let n = service::cards::verify_number(&later, &h.card.number, "hospital", Some(&h.card.birth_date), "test")
            .await
            .expect("verify");
        assert_eq!(n.result, "expired");
        let alone =
            service::cards::verify_number(&later, &h.card.number, "hospital", None, "test").await.expect("verify");
        assert_eq!(alone.result, "no-valid-card", "a number alone does not tell an expired card from none");
        assert_eq!(service::cards::expire(&later).await.expect("expire"), 0, "once");
    })
    .await;
}

/// What the review of the first version found: a card filed for someone by an intermediary is theirs
/// once they sign up with that address; a reissue waits for a pending revocation, and requests lapse
/// when their card stops being valid; the holder does not see the office's deliberations; a withdrawn
/// key's cards fail by number too.
#[tokio::test]
async fn intermediary_cards_lapsed_requests_and_what_the_holder_sees() {
    on_each_backend(|app| async move {
        // A card on an application with no owner (filed by an intermediary for filed@example.com).
        let g = granted(&app, "owner-later@example.com", "E3030001", 71).await;
        let clerk =
            app.state.store.user_by_email("officer-owner-later.example.com@kz75.kz").await.expect("q").expect("u");
        let filed = app
            .state
            .store
            .create_application(&store::NewApplication {
                owner_id: None,
                applicant_email: Some("filed@example.com".into()),
                created_by: clerk.id,
                channel: "embassy".into(),
                office: Some("embassy-MN".into()),
                notify_office: false,
                lang: "kk".into(),
                answers: {
                    // Another person (one valid card per person): the same answers but the passport.
                    let mut answers = app.state.store.application(g.id).await.expect("q").expect("a").answers;
                    answers["passport_number"] = "E3039999".into();
                    answers
                },
                idempotency_key: None,
                now: 1,
            })
            .await
            .expect("application");
        let a = app.state.store.application(filed.id).await.expect("q").expect("a");
        // Granted straight from a draft (a fixture: the state machine would not allow it).
        let card = service::cards::card_for(&app.state, &a).expect("card");
        let mut work = app.state.store.begin().await.expect("begin");
        let change = store::StatusChange { from: "draft".into(), to: "granted".into(), at: 2, ..Default::default() };
        assert!(work.move_application(filed.id, &change).await.expect("q"), "moved");
        let grant = store::Event {
            at: 2,
            actor_id: None,
            actor_role: "system".into(),
            office: None,
            action: "grant".into(),
            from_status: "draft".into(),
            to_status: "granted".into(),
            note: None,
        };
        let issue = service::cards::issue_event(&grant, None);
        service::cards::issue_in(&app.state, work.as_mut(), &card, None, &issue).await.expect("issue");
        work.commit().await.expect("commit");
        let card = app.state.store.cards_of_application(filed.id).await.expect("q")[0].clone();
        assert_eq!(card.holder_id, None);
        applicant(&app, "filed@example.com").await;
        let (page, _) = crate::applications::page_session(&app, "filed@example.com").await;
        let r = app.get_with(&format!("/account/cards/{}", card.number), &[("cookie", &page)]).await;
        assert_eq!(r.status, 200, "the person it was filed for sees the card");
        let (other, _) = crate::applications::page_session(&app, "owner-later@example.com").await;
        let r = app.get_with(&format!("/account/cards/{}", card.number), &[("cookie", &other)]).await;
        assert_eq!(r.status, 404);

        // A revocation pending: no reissue; the request lapses when the card is invalidated.
        let (s1, c1) = staff(&app, "rev1@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (holder, hcsrf) = crate::applications::page_session(&app, "owner-later@example.com").await;
        let report = format!("/account/cards/{}/passport", g.card.number);
        let fields = [
            ("csrf", hcsrf.as_str()),
            ("passport_number", "E3130001"),
            ("passport_issued", "2026-11-01"),
            ("passport_expires", "2040-10-31"),
        ];
        assert_eq!(form(&app, &report, &fields, &holder).await.status, 303);
        let r = form(
            &app,
            &format!("/cases/{}/card_revoke", g.id),
            &[("csrf", &c1), ("ground", "security"), ("reason", "Internal note: NSC letter 77")],
            &s1,
        )
        .await;
        assert_eq!(r.status, 303);
        let r = form(&app, &format!("/cases/{}/card_reissue", g.id), &[("csrf", &g.ocsrf)], &g.officer).await;
        assert_eq!(r.status, 422, "not while a revocation is pending");
        let mine = app.get_with("/api/v1/me/cards", &[("authorization", &g.auth)]).await.json();
        let text = mine.to_string();
        assert!(!text.contains("NSC letter") && !text.contains("propose_revocation"), "{text}");
        let r = form(
            &app,
            &format!("/cases/{}/card_invalidate", g.id),
            &[("csrf", &g.ocsrf), ("reference", "Decree 9")],
            &g.officer,
        )
        .await;
        assert_eq!(r.status, 303);
        let requests = app.state.store.card_requests(g.card.id).await.expect("q");
        assert!(requests.iter().all(|r| r.outcome.as_deref() == Some("lapsed")), "{requests:?}");
        assert!(app.state.store.open_card_requests("revocation", "department-KZ-75").await.expect("q").is_empty());

        // A withdrawn key: the number lookup no longer says valid either.
        let now = app.state.clock.now().unix_timestamp();
        service::cards::rotate(&app.state.store, &app.state.settings.keys_dir, now, now).await.expect("rotate");
        assert!(app.state.store.withdraw_signing_key(&card.kid, now).await.expect("withdraw"));
        service::cards::reload_keys(&app.state).await.expect("reload");
        let body = json!({ "number": card.number, "verifier": "other", "birth_date": card.birth_date });
        assert_eq!(verify_api(&app, &body).await["result"], "unknown-key-id");
        let alone = verify_api(&app, &json!({ "number": card.number, "verifier": "other" })).await;
        assert_eq!(alone["result"], "no-valid-card");
    })
    .await;
}
