//! Staff who alone hold their secrets (decision 0020): enrolment through a single-use link, secrets
//! sealed so that the database's rows open nothing, disabling, sessions seen and ended by their owner,
//! and role changes that need a second administrator.

use crate::applications::form;
use crate::cases::{PASSWORD, staff};
use crate::support::{TestApp, enrol, link_token, on_each_backend};

/// Every text value of the tables that keep secrets, as stored.
async fn stored_values(app: &TestApp) -> Vec<String> {
    let store = &app.state.store;
    let mut out = Vec::new();
    for (_, _, v) in store.totp_secrets().await.expect("q") {
        out.push(v);
    }
    for state in ["pending", "done", "dead"] {
        for j in store.jobs_in_state(state).await.expect("jobs") {
            out.push(j.payload.to_string());
        }
    }
    out
}

/// An officer of department-KZ-75 created by an administrator on the page; the enrolment link shown once.
pub async fn new_officer_link(app: &TestApp, admin: &str, acsrf: &str, email: &str) -> String {
    let f = [("csrf", acsrf), ("email", email), ("name", "N"), ("role", "officer"), ("office", "department-KZ-75")];
    let r = form(app, "/admin/staff?lang=en", &f, admin).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let start = r.body.find("enrol?token=").expect("link");
    r.body[start..].chars().take_while(|c| *c != '<').collect()
}

#[tokio::test]
async fn a_copy_of_the_database_holds_no_usable_token_or_second_factor() {
    on_each_backend(|app| async move {
        let (admin, acsrf) = staff(&app, "admin@gov.kz", "administrator", None).await;
        // Sign-up and a reset: their links travel sealed.
        let r =
            app.post_json("/api/v1/accounts", r#"{"email":"a@example.com","password":"жылқы-сүт-2026"}"#, &[]).await;
        assert_eq!(r.status, 202);
        let r = app.post_json("/api/v1/password-resets", r#"{"email":"admin@gov.kz"}"#, &[]).await;
        assert_eq!(r.status, 202);
        // An administrator creates an account: the page shows the link once, no secret.
        let r = form(
            &app,
            "/admin/staff?lang=en",
            &[
                ("csrf", &acsrf),
                ("email", "new@kz75.kz"),
                ("name", "Aigerim"),
                ("role", "officer"),
                ("office", "department-KZ-75"),
            ],
            &admin,
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let start = r.body.find("enrol?token=").expect("link");
        let link: String = r.body[start..].chars().take_while(|c| *c != '<').collect();
        assert!(!r.body.contains("otpauth://"), "the administrator sees no second factor");
        let secret = enrol(&app, &link, PASSWORD).await;
        // Every token and secret handed out, and what the rows hold instead.
        let values = stored_values(&app).await;
        let all = values.join("\n");
        assert!(!all.contains(&secret) && !all.contains(crate::cases::SECRET), "no TOTP secret in clear");
        assert!(!all.contains(&link_token(&link)), "no enrolment token in clear");
        assert!(!all.contains("token="), "no link in any job payload");
        // The stored values tried as TOTP seeds: none gives the codes the real secret gives.
        let real = domain::totp::base32_decode(&secret).expect("b32");
        let now = app.state.clock.now().unix_timestamp() / 30;
        let code = domain::totp::hotp(&real, u64::try_from(now).expect("s"));
        for (_, _, v) in app.state.store.totp_secrets().await.expect("q") {
            assert!(v.starts_with("s1."), "sealed: {v}");
            for seed in [v.as_bytes().to_vec(), domain::totp::base32_decode(&v).unwrap_or_default()] {
                assert_ne!(domain::totp::hotp(&seed, u64::try_from(now).expect("s")), code);
            }
        }
        // The stored hashes and values tried as tokens: none signs in or enrols.
        let me = app.state.store.user_by_email("admin@gov.kz").await.expect("q").expect("u");
        let mut tries: Vec<String> = values.clone();
        tries.extend(
            app.state
                .store
                .sessions_of(me.id, app.state.clock.now().unix_timestamp())
                .await
                .expect("q")
                .into_iter()
                .map(|s| s.id),
        );
        for t in &tries {
            let auth = format!("Bearer {}", t.replace(['\n', '"'], ""));
            assert_eq!(app.get_with("/api/v1/me", &[("authorization", &auth)]).await.status, 401);
            let t: String = t.chars().filter(char::is_ascii_alphanumeric).collect();
            let r = app.get(&format!("/account/enrol?token={t}&lang=en")).await;
            assert_eq!(r.status, 422, "a stored value is no enrolment link");
        }
    })
    .await;
}

#[tokio::test]
async fn enrolment_links_work_once_disabled_staff_are_out_and_roles_need_a_second_administrator() {
    on_each_backend(|app| async move {
        let (admin, acsrf) = staff(&app, "admin@gov.kz", "administrator", None).await;
        let (second, second_csrf) = staff(&app, "admin2@gov.kz", "administrator", None).await;
        let new = |email: &'static str| {
            let app = &app;
            let (admin, acsrf) = (admin.clone(), acsrf.clone());
            async move { new_officer_link(app, &admin, &acsrf, email).await }
        };
        // Supervisors are never made in one step.
        let f = [
            ("csrf", acsrf.as_str()),
            ("email", "s@kz75.kz"),
            ("name", "S"),
            ("role", "supervisor"),
            ("office", "department-KZ-75"),
        ];
        assert_eq!(form(&app, "/admin/staff?lang=en", &f, &admin).await.status, 422);
        let link = new("o1@kz75.kz").await;
        let token = link_token(&link);
        for lang in ["kk", "ru", "en"] {
            let r = app.get(&format!("/account/enrol?token={token}&lang={lang}")).await;
            assert_eq!(r.status, 200, "{lang}: {}", r.body);
            assert!(r.body.contains("id=\"totp-secret\""), "{lang}");
        }
        enrol(&app, &link, PASSWORD).await;
        // Used: a clear page, nothing changed.
        let r = app.get(&format!("/account/enrol?token={token}&lang=en")).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("has been used already"), "{}", r.body);
        let o1 = app.state.store.user_by_email("o1@kz75.kz").await.expect("q").expect("u");
        assert!(o1.enrolled_at.is_some());
        // Its owner's sessions, through the API: seen and ended.
        let sessions = app.state.store.sessions_of(o1.id, app.state.clock.now().unix_timestamp()).await.expect("q");
        assert_eq!(sessions.len(), 1, "the enrolment signed them in");
        assert_eq!(sessions[0].idle_until, Some(sessions[0].last_seen_at + 30 * 60), "staff: 30 minutes idle");
        assert_eq!(sessions[0].expires_at - sessions[0].created_at, 12 * 3600, "12 hours in all");
        // Disabling needs a reason, ends the sessions at once, and refuses the sign-in.
        let r = form(
            &app,
            &format!("/admin/staff/{}/disable?lang=en", o1.id),
            &[("csrf", &acsrf), ("reason", " ")],
            &admin,
        )
        .await;
        assert_eq!(r.status, 422);
        let r = form(&app, &format!("/admin/staff/{}/disable", o1.id), &[("csrf", &acsrf), ("reason", "left")], &admin)
            .await;
        assert_eq!(r.status, 303);
        assert!(
            app.state.store.sessions_of(o1.id, app.state.clock.now().unix_timestamp()).await.expect("q").is_empty()
        );
        let creds = format!(r#"{{"email":"o1@kz75.kz","password":"{PASSWORD}","code":"000000"}}"#);
        let r = app.post_json("/api/v1/auth/token", &creds, &[("accept-language", "en")]).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["code"].as_str()), (403, Some("disabled")), "{}", r.body);
        let r = form(&app, &format!("/admin/staff/{}/enable", o1.id), &[("csrf", &acsrf), ("reason", "back")], &admin)
            .await;
        assert_eq!(r.status, 303);
        // Granting the supervisor role waits for a second administrator; the proposer cannot approve.
        let r = form(
            &app,
            &format!("/admin/staff/{}", o1.id),
            &[("csrf", &acsrf), ("role", "supervisor"), ("office", "department-KZ-75")],
            &admin,
        )
        .await;
        assert_eq!(r.status, 200);
        let change = app.state.store.role_changes(true).await.expect("q").pop().expect("open");
        let still = app.state.store.user_by_id(o1.id).await.expect("q").expect("u");
        assert_eq!(still.role.as_str(), "officer", "not yet");
        let r = form(
            &app,
            &format!("/admin/role-changes/{}", change.id),
            &[("csrf", &acsrf), ("decision", "approve")],
            &admin,
        )
        .await;
        assert_eq!(r.status, 422, "not by the proposer");
        let r = form(
            &app,
            &format!("/admin/role-changes/{}", change.id),
            &[("csrf", &second_csrf), ("decision", "approve")],
            &second,
        )
        .await;
        assert_eq!(r.status, 303);
        let now = app.state.store.user_by_id(o1.id).await.expect("q").expect("u");
        assert_eq!(now.role.as_str(), "supervisor");
    })
    .await;
}
