//! Intermediaries file applications for others, and duplicates are flagged.

use serde_json::json;

use crate::applications::{
    PASSWORD, PDF, applicant, complete_draft, good_answers, mrz, page_session, patch, send, staff_page_session, upload,
};
use crate::support::on_each_backend;

#[tokio::test]
async fn intermediaries_file_for_others_and_duplicates_are_flagged() {
    on_each_backend(|app| async move {
        let cfg = crate::support::cli_config();
        let bad =
            atajoly::add_staff(app.state.store.clone(), &cfg, "clerk@mfa.kz", "Clerk", "intermediary", "embassy-XX")
                .await;
        assert!(bad.is_err(), "unknown office refused");
        let link =
            atajoly::add_staff(app.state.store.clone(), &cfg, "clerk@mfa.kz", "Clerk", "intermediary", "embassy-MN")
                .await
                .expect("staff");
        let secret = domain::totp::base32_decode(&crate::support::enrol(&app, &link, PASSWORD).await).expect("base32");
        let step = app.state.clock.now().unix_timestamp() / 30;
        let code = |s: i64| format!("{:06}", domain::totp::hotp(&secret, u64::try_from(s).expect("step")));
        // Staff need their second factor: without it, or with a wrong one, no token.
        let creds = |c: &str| format!(r#"{{"email":"clerk@mfa.kz","password":"{PASSWORD}"{c}}}"#);
        let r = app.post_json("/api/v1/auth/token", &creds(""), &[]).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["field"].as_str()), (401, Some("code")));
        let wrong = format!("{:06}", (domain::totp::hotp(&secret, u64::try_from(step).expect("s")) + 1) % 1_000_000);
        assert_eq!(
            app.post_json("/api/v1/auth/token", &creds(&format!(r#","code":"{wrong}""#)), &[]).await.status,
            401
        );
        let r = app.post_json("/api/v1/auth/token", &creds(&format!(r#","code":"{}""#, code(step))), &[]).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let clerk = format!("Bearer {}", r.json()["token"].as_str().expect("token"));
        let again = app.post_json("/api/v1/auth/token", &creds(&format!(r#","code":"{}""#, code(step))), &[]).await;
        assert_eq!(again.status, 401, "a code works once");
        // Without the applicant's e-mail, someone must get the notices.
        let r = send(
            &app,
            "POST",
            "/api/v1/applications",
            &clerk,
            "application/json",
            json!({ "notify_office": "no" }).to_string().into_bytes(),
            &[],
        )
        .await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["field"].as_str()), (422, Some("notify_office")));
        let r = send(
            &app,
            "POST",
            "/api/v1/applications",
            &clerk,
            "application/json",
            json!({ "applicant_email": "erbol@example.com", "notify_office": "yes" }).to_string().into_bytes(),
            &[],
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let id = r.json()["id"].as_i64().expect("id");
        assert_eq!((r.json()["channel"].as_str(), r.json()["office"].as_str()), (Some("embassy"), Some("embassy-MN")));
        assert_eq!(patch(&app, &clerk, id, &json!({ "phone": "+976 9911 0000" })).await.status, 200);

        // The applicant signs up with that address and sees the application too.
        let erbol = applicant(&app, "erbol@example.com").await;
        let mine = app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &erbol)]).await;
        assert_eq!(mine.status, 200);
        assert_eq!(mine.json()["notify_office"], true);
        // Both sides see who gets which notice.
        let (cookie, _) = page_session(&app, "erbol@example.com").await;
        let page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &cookie)]).await;
        assert!(page.body.contains("by e-mail to erbol@example.com"), "{}", page.body);
        assert!(page.body.contains("shared inbox of Embassy of Kazakhstan: Mongolia"), "{}", page.body);
        assert!(page.body.contains("to the staff of Embassy of Kazakhstan: Mongolia"), "{}", page.body);
        assert!(!page.body.contains("embassy-MN"), "the office by name, not its code");

        // An applicant's own application with the same passport number: flagged for staff only.
        let own = complete_draft(&app, &erbol, "E5550001").await;
        let mrz_text = mrz("E5550001", "900327", "310615");
        let r = app
            .post_json_auth(&format!("/api/v1/applications/{id}/mrz"), &json!({ "mrz": mrz_text }).to_string(), &clerk)
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let dups = app.state.store.duplicates(id).await.expect("dups");
        assert_eq!(dups.iter().map(|d| (d.id, d.reason)).collect::<Vec<_>>(), [(own, "passport")]);
        // Name in another script and the same birth date.
        let r = patch(
            &app,
            &clerk,
            id,
            &json!({ "passport_number": "ZZ999999", "surname_kk": "Беков", "given_names_kk": "Нұрлан" }),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let dups = app.state.store.duplicates(id).await.expect("dups");
        assert_eq!(dups.iter().map(|d| (d.id, d.reason)).collect::<Vec<_>>(), [(own, "name_and_birth_date")]);
        let clerk_cookie = staff_page_session(&app, "clerk@mfa.kz", &code(step + 1)).await;
        let staff_page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &clerk_cookie)]).await;
        // The deciding officer sees them on the case; the embassy is not told what other offices or
        // applicants hold (nor whether that passport applied anywhere).
        assert!(!staff_page.body.contains("Possible duplicates"), "{}", staff_page.body);
        let applicant_page = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &cookie)]).await;
        assert!(
            !applicant_page.body.contains("Possible duplicates"),
            "least data: applicants do not see others' cases"
        );
        // The clerk's office cannot see applications it did not file.
        assert_eq!(
            app.get_with(&format!("/api/v1/applications/{own}"), &[("authorization", &clerk)]).await.status,
            404
        );
        // Filed for someone without an e-mail address: it submits, and the office hears every notice.
        let r = send(
            &app,
            "POST",
            "/api/v1/applications",
            &clerk,
            "application/json",
            json!({ "notify_office": "yes" }).to_string().into_bytes(),
            &[],
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let quiet = r.json()["id"].as_i64().expect("id");
        let mrz_text = mrz("E5559999", "900327", "310615");
        let r = app
            .post_json_auth(
                &format!("/api/v1/applications/{quiet}/mrz"),
                &json!({ "mrz": mrz_text }).to_string(),
                &clerk,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let mut answers = good_answers();
        answers["contact_email"] = "".into();
        assert_eq!(patch(&app, &clerk, quiet, &answers).await.status, 200);
        for item in ["passport", "ethnicity_certificate", "profession_proof"] {
            assert_eq!(upload(&app, &clerk, quiet, item, &[], ("scan.pdf", PDF)).await.status, 201);
        }
        let r = send(&app, "POST", &format!("/api/v1/applications/{quiet}/submit"), &clerk, "", vec![], &[]).await;
        assert_eq!(r.status, 200, "no address needed: {}", r.body);
        let officer = app
            .state
            .store
            .create_staff(
                &store::NewUser {
                    email: "officer-q@kz75.kz".into(),
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
        let filed = app.state.store.application(quiet).await.expect("q").expect("a");
        service::applications::request_corrections(
            &app.state,
            &filed,
            &officer,
            &["contact".into()],
            "A phone that answers?",
        )
        .await
        .expect("corrections");
        let jobs = app.state.store.jobs_in_state("pending").await.expect("jobs");
        let to_office = jobs.iter().filter(|j| crate::support::mail(&app.state, j)["to"] == "clerk@mfa.kz").count();
        assert_eq!(to_office, 2, "the filing office hears of the submission and gets the notice the applicant cannot");
    })
    .await;
}
