//! The JSON API: reference data, the eligibility check, problem details, the OpenAPI document.

use serde_json::{Value, json};

use crate::support::on_each_backend;

const MN_DEVELOPER: &str = r#"{"citizenship":"MN","kazakh":"yes","ethnicity":"no","residence":"MN","profession":"1-28","business":false,"passport_expiry":"2030-01-01"}"#;

#[tokio::test]
async fn reference_lists_follow_the_date_asked() {
    on_each_backend(|app| async move {
        let kinds = app.get("/api/v1/reference").await.json();
        assert_eq!(kinds["on"], "2026-11-24", "today comes from the clock");
        assert_eq!(kinds["lists"].as_array().expect("lists").len(), 13);
        let c1 = app.get("/api/v1/reference/profession_cat1").await.json();
        assert_eq!(c1["items"].as_array().expect("items").len(), 40);
        assert_eq!(c1["effective_from"], "2023-07-01");
        assert!(c1["items"][27]["name"]["kk"].as_str().is_some_and(|s| s.starts_with("Бағдарламалық")));
        // Before the card existed no list was in force.
        let before = app.get("/api/v1/reference/profession_cat1?on=2020-01-01").await;
        assert_eq!(before.status, 404);
        assert_eq!(before.json()["code"], "AZ0404");
        let versions = app.get("/api/v1/reference/right/versions").await.json();
        assert_eq!(versions["versions"][0]["version"], "brochure-2023");
        assert_eq!(versions["versions"][0]["items"], 6);
        assert_eq!(app.get("/api/v1/reference/nonsense").await.status, 404);
        let bad = app.get("/api/v1/reference/right?on=yesterday").await;
        assert_eq!(bad.status, 422);
        assert_eq!(bad.json()["errors"][0]["field"], "on");
    })
    .await;
}

#[tokio::test]
async fn profession_lookup_and_unknown_codes() {
    on_each_backend(|app| async move {
        let p = app.get("/api/v1/professions/2/2217-4-001").await;
        assert_eq!(p.status, 200);
        assert_eq!(p.json()["item"]["name"]["en"], "Neurosurgeon");
        let unknown = app.get("/api/v1/professions/2/9999-9-999").await;
        assert_eq!(unknown.status, 404);
        let body = unknown.json();
        assert_eq!(body["status"], 404);
        assert_eq!(body["request_id"].as_str().map(str::len), Some(32));
        assert_eq!(unknown.header("x-request-id"), body["request_id"].as_str().unwrap_or("-"));
        assert_eq!(app.get("/api/v1/professions/3/1").await.status, 404);
        assert_eq!(app.get("/api/v1/professions/1/41").await.status, 404);
    })
    .await;
}

#[tokio::test]
async fn eligibility_explains_categories_documents_and_warnings() {
    on_each_backend(|app| async move {
        let r = app.post_json("/api/v1/eligibility?lang=en", MN_DEVELOPER, &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let b = r.json();
        assert_eq!(b["may_apply"], true);
        assert_eq!(b["categories"][0]["category"], "1");
        assert_eq!(b["categories"][0]["item"]["key"], "28");
        assert!(b["categories"][0]["item"]["requirements"].as_str().is_some_and(|s| s.contains("three years")));
        let docs: Vec<&str> = b["documents"].as_array().expect("docs").iter().filter_map(|d| d["document"].as_str()).collect();
        assert_eq!(docs, ["passport", "ethnicity_certificate", "profession_proof", "notarised_translation"]);
        let warnings: Vec<&str> = b["warnings"].as_array().expect("w").iter().filter_map(|d| d["code"].as_str()).collect();
        assert_eq!(warnings, ["card_limited_by_passport", "kandas_alternative"]);
        assert_eq!(b["card_valid_until"], "2030-01-01");
        // Every statement names its legal basis from the reference data.
        assert_eq!(b["categories"][0]["reason"]["basis"]["kind"], "profession_cat1");
        assert_eq!(b["categories"][0]["reason"]["basis"]["item"], "Software developer");
        assert!(b["sources"]["profession_cat1"]["title"].as_str().is_some_and(|s| s.contains("1587")));
        assert_eq!(b["sources"]["document"]["version"], "brochure-2023");
        assert!(b["warnings"][0]["message"].as_str().is_some_and(|m| m.contains("2030-01-01")));

        // The same in Kazakh, by Accept-Language.
        let kk = app.post_json("/api/v1/eligibility", MN_DEVELOPER, &[("accept-language", "kk-KZ")]).await.json();
        assert_eq!(kk["lang"], "kk");
        assert_ne!(kk["summary"], b["summary"]);

        // A citizen of Kazakhstan cannot hold the card.
        let kz = MN_DEVELOPER.replace(r#""citizenship":"MN""#, r#""citizenship":"KZ""#);
        let kz = app.post_json("/api/v1/eligibility", &kz, &[]).await.json();
        assert_eq!(kz["may_apply"], false);
        assert_eq!(kz["blockers"][0]["code"], "citizen_kz");

        // A business owner with an expired passport.
        let expired = json!({"citizenship":"CN","kazakh":true,"ethnicity":true,"residence":"CN","profession":"none","business":"yes","passport_expiry":"2026-01-01"});
        let e = app.post_json("/api/v1/eligibility", &expired.to_string(), &[]).await.json();
        assert_eq!(e["may_apply"], false);
        assert_eq!(e["categories"][0]["category"], "3");
        assert_eq!(e["blockers"][0]["code"], "passport_expired");

        // Rules of another date.
        let old = app.post_json("/api/v1/eligibility", &MN_DEVELOPER.replace('}', r#","on":"2020-01-01"}"#), &[]).await;
        assert_eq!(old.status, 422, "no lists were in force in 2020: {}", old.body);
    })
    .await;
}

#[tokio::test]
async fn the_eligibility_check_says_the_card_is_only_for_ethnic_kazakhs() {
    on_each_backend(|app| async move {
        let body = MN_DEVELOPER.replace(r#""kazakh":"yes""#, r#""kazakh":false"#);
        let r = app.post_json("/api/v1/eligibility?lang=en", &body, &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        assert_eq!(v["may_apply"], false, "a listed profession is not enough");
        assert_eq!(v["blockers"][0]["code"], "not_ethnic_kazakh");
        assert_eq!(v["categories"], json!([]));
    })
    .await;
}

#[tokio::test]
async fn eligibility_names_every_invalid_field_in_the_callers_language() {
    on_each_backend(|app| async move {
        let body = json!({"citizenship":"XX","ethnicity":"maybe","profession":"1-99","business":3,"passport_expiry":"2031-02-30","extra":1});
        let r = app.post_json("/api/v1/eligibility", &body.to_string(), &[("accept-language", "ru")]).await;
        assert_eq!(r.status, 422);
        let p = r.json();
        assert_eq!(p["code"], "AZ0422");
        let fields: Vec<(&str, &str)> = p["errors"].as_array().expect("errors").iter().map(|e| (e["field"].as_str().unwrap_or(""), e["code"].as_str().unwrap_or(""))).collect();
        assert_eq!(fields, [("extra", "unknown_field"), ("business", "invalid_type")]);
        let body = json!({"citizenship":"XX","ethnicity":"maybe","profession":"1-99","passport_expiry":"2031-02-30"});
        let p = app.post_json("/api/v1/eligibility", &body.to_string(), &[("accept-language", "ru")]).await.json();
        let fields: Vec<(&str, &str)> = p["errors"].as_array().expect("errors").iter().map(|e| (e["field"].as_str().unwrap_or(""), e["code"].as_str().unwrap_or(""))).collect();
        assert_eq!(
            fields,
            [("citizenship", "unknown"), ("kazakh", "required"), ("ethnicity", "unknown"), ("residence", "required"), ("profession", "unknown"), ("business", "required"), ("passport_expiry", "invalid_date")]
        );
        let msg = p["errors"][0]["message"].as_str().unwrap_or("");
        assert_eq!(msg, app.state.i18n.t(domain::Lang::Ru, "err-citizenship-unknown"));
        let not_json = app.post_json("/api/v1/eligibility", "citizenship=MN", &[]).await;
        assert_eq!(not_json.status, 400);
        assert_eq!(not_json.json()["code"], "AZ0400");
    })
    .await;
}

#[tokio::test]
async fn openapi_document_covers_every_api_route() {
    on_each_backend(|app| async move {
        let doc: Value = app.get("/api/v1/openapi.json").await.json();
        assert_eq!(doc["openapi"], "3.1.0");
        let mut paths: Vec<String> = doc["paths"].as_object().expect("paths").keys().cloned().collect();
        paths.sort();
        let mut routes: Vec<String> = [
            "/openapi.json",
            "/reference",
            "/reference/{kind}",
            "/reference/{kind}/versions",
            "/professions",
            "/professions/{category}/{key}",
            "/eligibility",
            "/accounts",
            "/accounts/verify",
            "/auth/token",
            "/password-resets",
            "/password-resets/confirm",
            "/me",
            "/me/inbox",
            "/me/sessions",
            "/me/data",
            "/me/sessions/{id}",
            "/applications",
            "/applications/{id}",
            "/applications/{id}/answers",
            "/applications/{id}/mrz",
            "/applications/{id}/documents",
            "/applications/{id}/documents/{doc}",
            "/applications/{id}/submit",
            "/applications/{id}/events",
            "/applications/{id}/respond",
            "/applications/{id}/claim-code",
            "/claims",
            "/cases",
            "/cases/{id}",
            "/cases/{id}/{action}",
            "/checks",
            "/checks/{id}",
            "/status-lists/{id}",
            "/verifications",
            "/me/cards",
            "/me/cards/{number}/passport",
            "/registry/citizenship",
            "/registry/citizenship/withdrawals",
            "/.well-known/atajoly/keys.cose",
            "/.well-known/atajoly/jwks.json",
            "/.well-known/atajoly/log/checkpoint",
            "/.well-known/atajoly/log/vkey",
            "/applications/{id}/looks",
            "/applications/{id}/letters",
            "/applications/{id}/letters/{n}",
            "/log/proofs/inclusion",
            "/log/proofs/consistency",
            "/log/checkpoints/{size}",
            "/log/entries",
            "/log/entries/{seq}",
            "/log/export",
        ]
        .map(str::to_owned)
        .to_vec();
        routes.sort();
        assert_eq!(paths, routes);
        // Every route answers as documented, not with 405 or the fallback.
        for (path, item) in doc["paths"].as_object().expect("paths") {
            let base = if path.starts_with("/.well-known/") { "" } else { "/api/v1" };
            for method in item.as_object().expect("ops").keys().filter(|k| *k != "servers") {
                let concrete = path
                    .replace("{kind}", "right")
                    .replace("{category}", "1")
                    .replace("{key}", "28")
                    .replace("{id}", "1")
                    .replace("{doc}", "1")
                    .replace("{n}", "1")
                    .replace("{number}", "AZ0000000019")
                    .replace("{action}", "grant");
                let r = match method.as_str() {
                    "get" => app.get(&format!("{base}{concrete}")).await,
                    "post" => app.post_json(&format!("{base}{concrete}"), MN_DEVELOPER, &[]).await,
                    "patch" => {
                        app.request(
                            axum::http::Request::patch(format!("{base}{concrete}"))
                                .header("content-type", "application/json")
                                .body(axum::body::Body::from("{}"))
                                .expect("request"),
                        )
                        .await
                    }
                    "delete" => {
                        app.request(
                            axum::http::Request::delete(format!("{base}{concrete}"))
                                .body(axum::body::Body::empty())
                                .expect("request"),
                        )
                        .await
                    }
                    m => panic!("unexpected method {m}"),
                };
                let documented = item[method]["responses"].as_object().expect("responses");
                assert!(
                    documented.contains_key(r.status.as_str()),
                    "{method} {path} answered {} (undocumented)",
                    r.status
                );
            }
        }
        let docs = app.get("/api/docs?lang=en").await;
        assert_eq!(docs.status, 200);
        assert!(docs.body.contains("/api/v1/eligibility"));
    })
    .await;
}

/// Found by schemathesis (`scripts/schemathesis.sh`): a path parameter that does not parse names no
/// resource, so it is the 404 with problem details that the document gives, never axum's plain 400.
#[tokio::test]
async fn a_path_parameter_that_does_not_parse_is_a_404_with_problem_details() {
    on_each_backend(|app| async move {
        let auth = crate::applications::applicant(&app, "paths@example.com").await;
        for uri in [
            "/api/v1/status-lists/null,null",
            "/api/v1/status-lists/99999999999999999999",
            "/api/v1/applications/abc",
            "/api/v1/applications/1.5/events",
            "/api/v1/applications/1/documents/x",
            "/api/v1/applications/1/letters/-1",
            "/api/v1/cases/%00",
        ] {
            let r = app.get_with(uri, &[("authorization", &auth)]).await;
            assert_eq!(r.status, 404, "{uri}: {}", r.body);
            assert_eq!(r.header("content-type"), "application/problem+json", "{uri}");
            assert_eq!(r.json()["code"], "AZ0404", "{uri}");
        }
        let r = app.post_json_auth("/api/v1/cases/x/grant", "{}", &auth).await;
        assert_eq!((r.status.as_u16(), r.header("content-type")), (404, "application/problem+json"), "{}", r.body);
    })
    .await;
}
