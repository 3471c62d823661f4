//! Case work over the API with staff tokens, and every case API route answering only the roles it is for.

use serde_json::json;

use crate::cases::{PASSWORD, SECRET, iin, submitted_case};
use crate::support::on_each_backend;

#[tokio::test]
async fn case_work_over_the_api_with_staff_tokens() {
    on_each_backend(|app| async move {
        let (id, applicant_auth) = submitted_case(&app, "api@example.com", "E5550002").await;
        let hash = service::auth::hash_password(PASSWORD.into(), app.state.settings.hash).await.expect("hash");
        for (email, role, office) in [
            ("o@kz75.kz", "officer", Some("department-KZ-75")),
            ("p@mvd.kz", "checker_police", None),
            ("k@knb.kz", "checker_knb", None),
        ] {
            let u = store::NewUser { email: email.into(), password_hash: hash.clone(), lang: "en".into(), now: 1 };
            app.state
                .store
                .create_staff(&u, crate::support::role(role), office, &crate::support::sealed_totp(&app, &u.email))
                .await
                .expect("q")
                .expect("new");
        }
        let secret = domain::totp::base32_decode(SECRET).expect("base32");
        let step = app.state.clock.now().unix_timestamp() / 30;
        let token = |email: &'static str| {
            let app = &app;
            let code = format!("{:06}", domain::totp::hotp(&secret, u64::try_from(step).expect("step")));
            async move {
                let body = json!({ "email": email, "password": PASSWORD, "code": code }).to_string();
                let r = app.post_json("/api/v1/auth/token", &body, &[]).await;
                assert_eq!(r.status, 201, "{email}: {}", r.body);
                format!("Bearer {}", r.json()["token"].as_str().expect("token"))
            }
        };
        let officer = token("o@kz75.kz").await;
        let police = token("p@mvd.kz").await;
        let knb = token("k@knb.kz").await;
        let q = app.get_with("/api/v1/cases?deadline=overdue", &[("authorization", &officer)]).await.json();
        assert_eq!((q["total"].as_i64(), q["more"].as_bool()), (Some(0), Some(false)), "nothing overdue");
        let q = app.get_with("/api/v1/cases", &[("authorization", &officer)]).await.json();
        assert_eq!((q["total"].as_i64(), q["cases"][0]["working_days_left"].as_i64()), (Some(1), Some(1)));
        assert_eq!(app.get_with("/api/v1/cases", &[("authorization", &applicant_auth)]).await.status, 403);
        assert_eq!(app.get_with(&format!("/api/v1/cases/{id}"), &[("authorization", &police)]).await.status, 404);
        // The API reads the same table: an officer's token is refused every action officers may not take,
        // and an action that does not exist is not found.
        for action in domain::case::CaseAction::ALL
            .into_iter()
            .filter(|a| !service::policy::allows(domain::account::Role::Officer, *a))
        {
            let r = app.post_json_auth(&format!("/api/v1/cases/{id}/{}", action.as_str()), "", &officer).await;
            assert_eq!(r.status.as_u16(), 403, "officer {action:?}: {}", r.body);
        }
        assert_eq!(app.post_json_auth(&format!("/api/v1/cases/{id}/delete"), "", &officer).await.status.as_u16(), 404);
        let r = app.post_json_auth(&format!("/api/v1/cases/{id}/checks"), "", &officer).await;
        assert_eq!((r.status.as_u16(), r.json()["status"].as_str()), (200, Some("checks_pending")), "{}", r.body);
        let again = app.post_json_auth(&format!("/api/v1/cases/{id}/checks"), "", &officer).await;
        assert_eq!((again.status.as_u16(), again.json()["errors"][0]["code"].as_str()), (422, Some("wrong_state")));
        for (who, auth) in [("police", &police), ("knb", &knb)] {
            let list = app.get_with("/api/v1/checks", &[("authorization", auth)]).await.json();
            let check = &list["checks"][0];
            assert!(check["person"].get("residence_address").is_none(), "{who}: least data");
            let cid = check["id"].as_i64().expect("id");
            let r = app
                .post_json_auth(
                    &format!("/api/v1/checks/{cid}"),
                    r#"{"result":"no_information","reference":"R-9"}"#,
                    auth,
                )
                .await;
            assert_eq!(r.status, 200, "{who}: {}", r.body);
        }
        let r = app
            .post_json_auth(&format!("/api/v1/cases/{id}/iin"), &json!({ "iin": iin(7) }).to_string(), &officer)
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let r = app.post_json_auth(&format!("/api/v1/cases/{id}/grant"), "", &officer).await;
        assert_eq!(
            (r.status.as_u16(), r.json()["errors"][0]["field"].as_str()),
            (422, Some("documents")),
            "{}",
            r.body
        );
        for d in app.state.store.documents(id).await.expect("docs") {
            let review = json!({ "document": d.id.to_string(), "verdict": "accepted" }).to_string();
            let r = app.post_json_auth(&format!("/api/v1/cases/{id}/review"), &review, &officer).await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        let r = app.post_json_auth(&format!("/api/v1/cases/{id}/grant"), "", &officer).await;
        assert_eq!((r.status.as_u16(), r.json()["status"].as_str()), (200, Some("granted")));
        let case = app.get_with(&format!("/api/v1/cases/{id}"), &[("authorization", &officer)]).await.json();
        assert_eq!(case["events"].as_array().expect("events").len(), 6);
        assert_eq!(case["iin"], iin(7).as_str());
    })
    .await;
}

/// The same for the case work API, with bearer tokens (staff give their second factor).
#[tokio::test]
async fn every_case_api_route_answers_only_the_roles_it_is_for() {
    on_each_backend(|app| async move {
        let (id, owner) = submitted_case(&app, "api-owner@example.com", "E9990001").await;
        let hash = service::auth::hash_password(PASSWORD.into(), app.state.settings.hash).await.expect("hash");
        let secret = domain::totp::base32_decode(SECRET).expect("base32");
        let step = app.state.clock.now().unix_timestamp() / 30;
        let code = format!("{:06}", domain::totp::hotp(&secret, u64::try_from(step).expect("step")));
        let mut tokens: Vec<(&str, String)> = vec![("anonymous", "Bearer none".into()), ("owner", owner)];
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
            let u = store::NewUser { email: email.into(), password_hash: hash.clone(), lang: "en".into(), now: 1 };
            app.state
                .store
                .create_staff(&u, crate::support::role(role), office, &crate::support::sealed_totp(&app, &u.email))
                .await
                .expect("q")
                .expect("new");
            let body = json!({ "email": email, "password": PASSWORD, "code": code }).to_string();
            let r = app.post_json("/api/v1/auth/token", &body, &[]).await;
            assert_eq!(r.status, 201, "{who}: {}", r.body);
            tokens.push((who, format!("Bearer {}", r.json()["token"].as_str().expect("token"))));
        }
        let gets: [(String, &[&str]); 6] = [
            ("/api/v1/cases".into(), &["officer", "officer elsewhere", "supervisor"]),
            (format!("/api/v1/cases/{id}"), &["officer", "supervisor", "auditor"]),
            ("/api/v1/checks".into(), &["police", "knb"]),
            // The audit log's entries are the auditors' (its checkpoints and proofs are public hashes).
            (format!("/api/v1/log/entries?application={id}"), &["auditor"]),
            ("/api/v1/log/entries/0".into(), &["auditor"]),
            ("/api/v1/log/export?from=0&to=1".into(), &["auditor"]),
        ];
        for (uri, allowed) in &gets {
            for (who, token) in &tokens {
                let r = app.get_with(uri, &[("authorization", token)]).await;
                let refused = matches!(r.status.as_u16(), 401 | 403 | 404);
                assert_eq!(!refused, allowed.contains(who), "GET {uri} as {who}: {}", r.status);
            }
        }
        for (action, allowed) in [("note", &["officer", "supervisor"][..]), ("checks", &["officer"][..])] {
            let uri = format!("/api/v1/cases/{id}/{action}");
            for (who, token) in &tokens {
                let before = app.state.store.application(id).await.expect("q").expect("a").version;
                let r = app.post_json_auth(&uri, r#"{"note":"x"}"#, token).await;
                let refused = matches!(r.status.as_u16(), 401 | 403 | 404);
                assert_eq!(!refused, allowed.contains(who), "POST {uri} as {who}: {}", r.status);
                if refused {
                    assert_eq!(app.state.store.application(id).await.expect("q").expect("a").version, before);
                }
            }
        }
    })
    .await;
}
