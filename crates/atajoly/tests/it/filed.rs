//! Applications filed for someone (decision 0028): submitted without the applicant's address, every
//! notice in the filing office's shared inbox (each of its intermediaries sees it, no other office
//! does) and by e-mail to the office, the receipt with its claim code shown once, the card printed by
//! the office, and the applicant's claim (right, wrong, used, too many).

use serde_json::{Value, json};
use store::SessionKind;

use crate::applications::{PDF, form, good_answers, mrz, patch, send, upload};
use crate::cases::staff;
use crate::support::{TestApp, on_each_backend, on_each_backend_with, test_settings};

/// A member of staff made in the store (no sign-in needed for the service calls).
async fn staff_user(app: &TestApp, email: &str, role: &str, office: Option<&str>) -> store::User {
    let u = store::NewUser { email: email.into(), password_hash: "x".into(), lang: "en".into(), now: 1 };
    app.state
        .store
        .create_staff(&u, crate::support::role(role), office, &crate::support::sealed_totp(app, email))
        .await
        .expect("q")
        .expect("new")
}

/// A bearer token for a user, straight from the service.
async fn bearer_of(app: &TestApp, email: &str) -> String {
    let user = app.state.store.user_by_email(email).await.expect("q").expect("user");
    let (token, _) = service::auth::start_session(&app.state, &user, SessionKind::Bearer, "t").await.expect("s");
    format!("Bearer {token}")
}

/// Fills draft `id` for someone with no e-mail address: the MRZ, the answers (no contact address),
/// the files.
async fn fill_without_address(app: &TestApp, auth: &str, id: i64, passport: &str) {
    let r = app
        .post_json_auth(
            &format!("/api/v1/applications/{id}/mrz"),
            &json!({ "mrz": mrz(passport, "900327", "310615") }).to_string(),
            auth,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut answers = good_answers();
    answers["contact_email"] = "".into();
    let r = patch(app, auth, id, &answers).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for item in ["passport", "ethnicity_certificate", "profession_proof"] {
        assert_eq!(upload(app, auth, id, item, &[], ("scan.pdf", PDF)).await.status, 201);
    }
}

/// A draft the clerk's office files over the API for someone with no address, filled in.
async fn filed_draft(app: &TestApp, clerk: &str, passport: &str) -> i64 {
    let body = json!({ "notify_office": "yes" }).to_string().into_bytes();
    let r = send(app, "POST", "/api/v1/applications", clerk, "application/json", body, &[]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().expect("id");
    fill_without_address(app, clerk, id, passport).await;
    id
}

/// Every pending e-mail: (to, subject).
async fn mails(app: &TestApp) -> Vec<(String, String)> {
    let jobs = app.state.store.jobs_in_state("pending").await.expect("jobs");
    jobs.iter()
        .filter(|j| j.kind == "email")
        .map(|j| crate::support::mail(&app.state, j))
        .map(|m: Value| (m["to"].as_str().unwrap_or("").to_owned(), m["subject"].as_str().unwrap_or("").to_owned()))
        .collect()
}

fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body.find(start).unwrap_or_else(|| panic!("no {start} in {body}")) + start.len();
    body[from..].split(end).next().expect("end")
}

async fn claim(app: &TestApp, auth: &str, reference: &str, code: &str) -> crate::support::TestResponse {
    let body = json!({ "application_reference": reference, "claim_code": code }).to_string();
    app.post_json_auth("/api/v1/claims", &body, auth).await
}

fn problem(r: &crate::support::TestResponse) -> (u16, String, String) {
    let e = &r.json()["errors"][0];
    (r.status.as_u16(), e["field"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned())
}

#[tokio::test]
async fn filed_without_an_address_it_submits_and_every_colleague_of_the_office_sees_its_notices() {
    on_each_backend(|app| async move {
        let (clerk, clerk_csrf) = staff(&app, "clerk1@mfa.kz", "intermediary", Some("embassy-MN")).await;
        let (colleague, _) = staff(&app, "clerk2@mfa.kz", "intermediary", Some("embassy-MN")).await;
        let (other, other_csrf) = staff(&app, "clerk@cn.mfa.kz", "intermediary", Some("embassy-CN")).await;
        let (officer_page, _) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let clerk_api = bearer_of(&app, "clerk1@mfa.kz").await;

        // Started on the page for someone with no address, the office asking for copies.
        let r = form(
            &app,
            "/applications",
            &[("csrf", &clerk_csrf), ("applicant_email", ""), ("notify_office", "yes"), ("idempotency_key", "f-1")],
            &clerk,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let id: i64 = r.header("location").trim_start_matches("/applications/").parse().expect("id");
        fill_without_address(&app, &clerk_api, id, "E7770001").await;
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!((a.applicant_email.as_deref(), a.owner_id), (None, None));
        assert_eq!(service::applications::answers(&a).contact_email, "", "no invented address");

        // Submitted without an address: the answer is the receipt, with the claim code shown once.
        let r = form(&app, &format!("/applications/{id}/submit?lang=en"), &[("csrf", &clerk_csrf)], &clerk).await;
        assert_eq!(r.status, 200, "the receipt, not a redirect: {}", r.body);
        let code = between(&r.body, "<strong id=\"claim-code\">", "</strong>").to_owned();
        assert_eq!(code.len(), 24, "{code}");
        assert!(r.body.contains("shown only this once"), "{}", r.body);
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.status, "submitted");
        let reference = a.reference.clone().expect("reference");
        assert!(r.body.contains(&reference));
        // Kept as its hash only.
        let kept = app.state.store.claim_code(id).await.expect("q").expect("a code");
        assert_eq!(kept.code_hash, service::auth::digest(&service::filed::normalize_code(&code)));
        assert!(!kept.code_hash.contains(&service::filed::normalize_code(&code)));

        // Every staff member of the filing office opens it and its receipt (never the code again); no
        // other office does, nor can it issue a code.
        for (who, cookie) in [("creator", &clerk), ("colleague", &colleague)] {
            let page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", cookie)]).await;
            assert_eq!(page.status, 200, "{who}");
            assert!(page.body.contains("The applicant has given no e-mail address"), "{who}: {}", page.body);
            assert!(page.body.contains("shared inbox of Embassy of Kazakhstan: Mongolia"), "{who}: {}", page.body);
            let receipt = app.get_with(&format!("/applications/{id}/receipt?lang=en"), &[("cookie", cookie)]).await;
            assert_eq!(receipt.status, 200, "{who}");
            assert!(receipt.body.contains("A claim code was issued on"), "{who}: {}", receipt.body);
            assert!(!receipt.body.contains(&code), "{who}: the code is shown once");
        }
        for uri in [format!("/applications/{id}"), format!("/applications/{id}/receipt")] {
            assert_eq!(app.get_with(&uri, &[("cookie", &other)]).await.status, 404, "another office: {uri}");
        }
        let r = form(&app, &format!("/applications/{id}/claim-code"), &[("csrf", &other_csrf)], &other).await;
        assert_eq!(r.status, 404, "another office issues no code");
        assert_eq!(app.state.store.claim_code(id).await.expect("q").expect("code"), kept, "nothing changed");

        // A status notice: every staff member of the office sees it in the shared inbox, no other office.
        let officer = app.state.store.user_by_email("officer@kz75.kz").await.expect("q").expect("u");
        service::cases::send_checks(&app.state, &officer, &a).await.expect("checks sent");
        let shared = app.state.store.office_inbox("embassy-MN", 50).await.expect("inbox");
        assert_eq!(shared.len(), 2, "the submission and the checks: {shared:?}");
        assert!(shared.iter().all(|n| n.application_id == id && n.reference.as_deref() == Some(reference.as_str())));
        for (who, cookie) in [("creator", &clerk), ("colleague", &colleague)] {
            let page = app.get_with("/office/inbox?lang=en", &[("cookie", cookie)]).await;
            assert_eq!(page.status, 200, "{who}");
            assert_eq!(page.body.matches("class=\"office-notice\"").count(), 2, "{who}: {}", page.body);
            assert!(page.body.contains(&format!("<a href=\"/applications/{id}\">{reference}</a>")), "{who}");
        }
        let elsewhere = app.get_with("/office/inbox?lang=en", &[("cookie", &other)]).await;
        assert_eq!(elsewhere.status, 200);
        assert!(!elsewhere.body.contains(&reference), "another office's inbox: {}", elsewhere.body);
        assert!(elsewhere.body.contains("No notices yet."));
        assert!(app.state.store.office_inbox("embassy-CN", 50).await.expect("inbox").is_empty());
        assert_eq!(app.get_with("/office/inbox", &[("cookie", &officer_page)]).await.status, 403, "officers");

        // By e-mail: the office has no address of its own, so each of its intermediaries gets the copies
        // (the submission's and the checks' notice); nobody of another office does.
        let sent = mails(&app).await;
        for to in ["clerk1@mfa.kz", "clerk2@mfa.kz"] {
            let subjects: Vec<&String> = sent.iter().filter(|(t, _)| t == to).map(|(_, s)| s).collect();
            assert_eq!(subjects.len(), 2, "{to}: {subjects:?}");
            assert!(subjects.iter().all(|s| s.contains(&reference)), "{to}: {subjects:?}");
        }
        assert!(!sent.iter().any(|(t, _)| t == "clerk@cn.mfa.kz"), "{sent:?}");
    })
    .await;
}

#[tokio::test]
async fn the_applicant_claims_with_the_code_once_and_hears_the_next_notice_the_office_keeps_its_copies() {
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.office_mail.insert("embassy-MN".into(), "mn-office@mfa.kz".into());
            s
        },
        |app| async move {
            staff_user(&app, "clerk1@mfa.kz", "intermediary", Some("embassy-MN")).await;
            let clerk = bearer_of(&app, "clerk1@mfa.kz").await;
            let id = filed_draft(&app, &clerk, "E7770002").await;
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &clerk, "", vec![], &[]).await;
            assert_eq!(r.status, 200, "no address needed: {}", r.body);
            let reference = r.json()["reference"].as_str().expect("reference").to_owned();
            // The office's own address gets the copies; its staff's addresses do not.
            let sent = mails(&app).await;
            assert_eq!(sent.iter().filter(|(t, _)| t == "mn-office@mfa.kz").count(), 1, "{sent:?}");
            assert!(!sent.iter().any(|(t, _)| t == "clerk1@mfa.kz"), "{sent:?}");

            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/claim-code"), &clerk, "", vec![], &[]).await;
            assert_eq!(r.status, 201, "{}", r.body);
            let first = r.json()["claim_code"].as_str().expect("code").to_owned();
            // A new code replaces the one not yet used.
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/claim-code"), &clerk, "", vec![], &[]).await;
            assert_eq!(r.status, 201, "{}", r.body);
            let code = r.json()["claim_code"].as_str().expect("code").to_owned();
            assert_ne!(first, code);

            let erbol = crate::applications::applicant(&app, "erbol@example.com").await;
            let erbol_user = app.state.store.user_by_email("erbol@example.com").await.expect("q").expect("u");
            // Not theirs yet: the applicant can neither see it nor issue its code.
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/claim-code"), &erbol, "", vec![], &[]).await;
            assert_eq!(r.status, 404);
            let before = app.state.store.application(id).await.expect("q").expect("a");
            // Bad input: named, nothing changes.
            assert_eq!(
                problem(&claim(&app, &erbol, "", &code).await),
                (422, "application_reference".into(), "required".into())
            );
            assert_eq!(
                problem(&claim(&app, &erbol, "AZ-12", &code).await).2,
                "invalid_reference",
                "not a reference number"
            );
            assert_eq!(
                problem(&claim(&app, &erbol, &reference, "").await),
                (422, "claim_code".into(), "required".into())
            );
            // A wrong code, and the old code: no match, nothing changes.
            let wrong = claim(&app, &erbol, &reference, "0000-0000-0000-0000-0000").await;
            assert_eq!(problem(&wrong), (422, "claim_code".into(), "no_match".into()), "{}", wrong.body);
            assert_eq!(problem(&claim(&app, &erbol, &reference, &first).await).2, "no_match", "replaced");
            let r = app.get_with("/api/v1/claims", &[("authorization", &erbol)]).await;
            assert_eq!(r.status, 405);
            let still = app.state.store.application(id).await.expect("q").expect("a");
            assert_eq!((still.owner_id, still.version), (None, before.version), "nothing changed");
            assert_eq!(
                app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &erbol)]).await.status,
                404
            );

            // The right code, typed in lower case with spaces: the applicant owns it now.
            let typed = code.to_lowercase().replace('-', " ");
            let r = claim(&app, &erbol, &reference, &typed).await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(r.json()["id"].as_i64(), Some(id));
            let a = app.state.store.application(id).await.expect("q").expect("a");
            assert_eq!((a.owner_id, a.applicant_email.as_deref()), (Some(erbol_user.id), Some("erbol@example.com")));
            assert_eq!(
                app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &erbol)]).await.status,
                200
            );
            // A used code works no more, for anyone.
            let aliya = crate::applications::applicant(&app, "aliya@example.com").await;
            assert_eq!(problem(&claim(&app, &aliya, &reference, &code).await).2, "used");
            assert_eq!(problem(&claim(&app, &erbol, &reference, &code).await).2, "used");
            assert_eq!(app.state.store.application(id).await.expect("q").expect("a").owner_id, Some(erbol_user.id));
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/claim-code"), &clerk, "", vec![], &[]).await;
            assert_eq!(problem(&r), (422, "claim_code".into(), "claimed".into()), "no code once claimed");

            // Every claim (and every code issued) is an audit event.
            let events = app.state.store.events(id).await.expect("events");
            let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
            assert_eq!(actions, ["create", "submit", "issue_claim_code", "issue_claim_code", "claim"]);
            let claimed = events.last().expect("claim");
            assert_eq!((claimed.actor_id, claimed.actor_role.as_str()), (Some(erbol_user.id), "applicant"));
            assert_eq!(claimed.from_status, claimed.to_status, "a claim changes no status");

            // From now on the applicant gets the notices (inbox and e-mail); the office keeps its copies.
            let officer = staff_user(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
            service::cases::send_checks(&app.state, &officer, &a).await.expect("checks sent");
            let inbox = app.get_with("/api/v1/me/inbox", &[("authorization", &erbol)]).await;
            assert_eq!(inbox.status, 200);
            let subjects: Vec<String> = inbox.json()["messages"]
                .as_array()
                .expect("messages")
                .iter()
                .map(|m| m["subject"].as_str().unwrap_or("").to_owned())
                .collect();
            assert_eq!(subjects.iter().filter(|s| s.contains(&reference)).count(), 1, "{subjects:?}");
            let sent = mails(&app).await;
            assert_eq!(sent.iter().filter(|(t, s)| t == "erbol@example.com" && s.contains(&reference)).count(), 1);
            assert_eq!(sent.iter().filter(|(t, _)| t == "mn-office@mfa.kz").count(), 2, "{sent:?}");
            let shared = app.state.store.office_inbox("embassy-MN", 50).await.expect("inbox");
            assert_eq!(shared.len(), 3, "submitted, claimed, checks: {shared:?}");
            assert_eq!(
                app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &clerk)]).await.status,
                200
            );

            // Wrong codes are limited per account: past five, refused with when to try again, and even
            // the right code then changes nothing.
            let id2 = filed_draft(&app, &clerk, "E7770003").await;
            let r = send(&app, "POST", &format!("/api/v1/applications/{id2}/submit"), &clerk, "", vec![], &[]).await;
            let reference2 = r.json()["reference"].as_str().expect("reference").to_owned();
            let r =
                send(&app, "POST", &format!("/api/v1/applications/{id2}/claim-code"), &clerk, "", vec![], &[]).await;
            let code2 = r.json()["claim_code"].as_str().expect("code").to_owned();
            for n in 0..5 {
                assert_eq!(
                    problem(&claim(&app, &aliya, &reference2, "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ").await).2,
                    "no_match",
                    "{n}"
                );
            }
            let r = claim(&app, &aliya, &reference2, &code2).await;
            assert_eq!(r.status, 429, "{}", r.body);
            assert_eq!(r.json()["errors"][0]["field"], "claim_code");
            assert_eq!(app.state.store.application(id2).await.expect("q").expect("a").owner_id, None);
            // Another account is not held back by it.
            let r = claim(&app, &erbol, &reference2, &code2).await;
            assert_eq!(r.status, 200, "{}", r.body);
        },
    )
    .await;
}

#[tokio::test]
async fn the_office_prints_the_card_and_a_claim_makes_the_applicant_its_holder() {
    on_each_backend(|app| async move {
        staff_user(&app, "clerk1@mfa.kz", "intermediary", Some("embassy-MN")).await;
        let (colleague, _) = staff(&app, "clerk2@mfa.kz", "intermediary", Some("embassy-MN")).await;
        let (other, _) = staff(&app, "clerk@cn.mfa.kz", "intermediary", Some("embassy-CN")).await;
        let clerk = bearer_of(&app, "clerk1@mfa.kz").await;
        let id = filed_draft(&app, &clerk, "E7770004").await;
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &clerk, "", vec![], &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let reference = r.json()["reference"].as_str().expect("reference").to_owned();
        // Through the checks, the IIN and the documents to a grant.
        let (officer, ocsrf) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let officer_user = app.state.store.user_by_email("officer@kz75.kz").await.expect("q").expect("u");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::cases::send_checks(&app.state, &officer_user, &a).await.expect("checks");
        for c in app.state.store.checks(id).await.expect("checks") {
            let role = if c.agency == "police" { "checker_police" } else { "checker_knb" };
            let checker = staff_user(&app, &format!("{}@check.kz", c.agency), role, None).await;
            service::cases::answer_check(&app.state, &checker, c.id, "no_information", "R-1").await.expect("answer");
        }
        let iin = crate::cases::iin(2);
        assert_eq!(
            form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &iin)], &officer).await.status,
            303
        );
        crate::cases::accept_documents(&app, id, &officer, &ocsrf).await;
        let r = form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await;
        assert_eq!(r.status, 303, "granted: {}", r.body);
        let card = app.state.store.cards_of_application(id).await.expect("cards").pop().expect("a card");
        assert_eq!(card.holder_id, None, "nobody's account yet");
        let shared = app.state.store.office_inbox("embassy-MN", 50).await.expect("inbox");
        assert!(shared.len() >= 4, "every status notice up to the grant: {shared:?}");

        // The office's colleague prints the card; the look is recorded for the applicant to see.
        let page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &colleague)]).await;
        assert!(page.body.contains(&format!("/applications/{id}/card.pdf")), "{}", page.body);
        let pdf = app.get_with(&format!("/applications/{id}/card.pdf"), &[("cookie", &colleague)]).await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.header("content-type"), "application/pdf");
        assert!(pdf.raw.starts_with(b"%PDF-"));
        let looks = service::audit::looks(&app.state, id).await.expect("looks");
        assert!(looks.iter().any(|l| l.action == "open_card" && l.role == "intermediary"), "{looks:?}");
        assert_eq!(app.get_with(&format!("/applications/{id}/card.pdf"), &[("cookie", &other)]).await.status, 404);
        let receipt = app.get_with(&format!("/applications/{id}/receipt?lang=en"), &[("cookie", &colleague)]).await;
        assert!(receipt.body.contains("No claim code has been issued yet."), "{}", receipt.body);

        // The colleague issues the code on the receipt; the applicant claims and holds the card.
        let colleague_csrf = crate::applications::hidden_value(&receipt.body, "csrf");
        let r = form(&app, &format!("/applications/{id}/claim-code?lang=en"), &[("csrf", &colleague_csrf)], &colleague)
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let code = between(&r.body, "<strong id=\"claim-code\">", "</strong>").to_owned();
        crate::applications::applicant(&app, "card@example.com").await;
        let (cookie, csrf) = crate::applications::page_session(&app, "card@example.com").await;
        let page = app.get_with("/claim?lang=en", &[("cookie", &cookie)]).await;
        assert_eq!(page.status, 200);
        let r = form(
            &app,
            "/claim?lang=en",
            &[("csrf", &csrf), ("application_reference", &reference), ("claim_code", "WRONG-CODE")],
            &cookie,
        )
        .await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("do not match an application filed for someone"), "{}", r.body);
        let r = form(
            &app,
            "/claim",
            &[("csrf", &csrf), ("application_reference", &reference), ("claim_code", &code)],
            &cookie,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.header("location"), format!("/applications/{id}"));
        let holder = app.state.store.user_by_email("card@example.com").await.expect("q").expect("u");
        let card = app.state.store.cards_of_application(id).await.expect("cards").pop().expect("a card");
        assert_eq!(card.holder_id, Some(holder.id));
        let cards = app.get_with("/account/cards?lang=en", &[("cookie", &cookie)]).await;
        assert!(cards.body.contains(&card.number), "{}", cards.body);
        let receipt = app.get_with(&format!("/applications/{id}/receipt?lang=en"), &[("cookie", &colleague)]).await;
        assert!(receipt.body.contains("took this application into their own account"), "{}", receipt.body);
        assert!(!receipt.body.contains("claim-code\" method"), "no code to issue once claimed");

        // A card notice (the registry reports citizenship): the holder is told, and the office keeps
        // its copy in the shared inbox and by e-mail.
        let before = app.state.store.office_inbox("embassy-MN", 50).await.expect("inbox").len();
        let now = app.state.clock.now().unix_timestamp();
        let (_, key) = service::apikeys::add(app.state.store.as_ref(), "registry", service::cards::REGISTRY, 30, now)
            .await
            .expect("key");
        let body = json!({ "iin": iin, "reference": "Decree 1234 of 2026-11-20" }).to_string();
        let r =
            app.post_json("/api/v1/registry/citizenship", &body, &[("authorization", &format!("Bearer {key}"))]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let holder_inbox = app.state.store.inbox(holder.id).await.expect("inbox");
        assert!(holder_inbox.iter().any(|m| m.subject.contains(&card.number)), "{holder_inbox:?}");
        let shared = app.state.store.office_inbox("embassy-MN", 50).await.expect("inbox");
        assert_eq!(shared.len(), before + 1, "{shared:?}");
        assert!(shared.first().is_some_and(|n| n.subject.contains(&card.number)), "{shared:?}");
        let sent = mails(&app).await;
        for to in ["clerk1@mfa.kz", "clerk2@mfa.kz"] {
            assert!(sent.iter().any(|(t, s)| t == to && s.contains(&card.number)), "{to}: {sent:?}");
        }

        // The claim page in every language; a wrong code too often is refused with when to try again.
        for (lang, title) in
            [("kk", "Өтінішті өз есептік жазбаңызға көшіру"), ("ru", "Перенести заявление в свою учётную запись")]
        {
            let page = app.get_with(&format!("/claim?lang={lang}"), &[("cookie", &cookie)]).await;
            assert!(page.body.contains(title), "{lang}: {}", page.body);
        }
        for _ in 0..4 {
            let fields = [("csrf", csrf.as_str()), ("application_reference", &reference), ("claim_code", "WRONG")];
            assert_eq!(form(&app, "/claim", &fields, &cookie).await.status, 422);
        }
        let fields = [("csrf", csrf.as_str()), ("application_reference", &reference), ("claim_code", "WRONG")];
        let r = form(&app, "/claim?lang=en", &fields, &cookie).await;
        assert_eq!(r.status, 429, "{}", r.body);
        assert!(r.body.contains("Too many wrong claim codes"), "{}", r.body);
    })
    .await;
}
