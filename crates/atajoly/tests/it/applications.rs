//! Applications: drafts over the API and the pages, the MRZ, uploads (content checks, limits, encryption,
//! downloads), submission (idempotent, with notices), corrections, intermediaries, duplicates, and that
//! nobody sees or touches another's application.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::support::{TestApp, TestResponse, link_token, on_each_backend, on_each_backend_with, test_settings};

const PASSWORD: &str = "жылқы-сүт-2026";
// The ICAO 9303 specimen with a Mongolian nationality and dates that hold on the test clock (2026-11-24):
// built by `mrz()` below so that every check digit is right.
pub fn mrz(number: &str, birth: &str, expiry: &str) -> String {
    let cd = |s: &str| domain::mrz::check_digit(s).to_string();
    let l1 = format!("{:<<44}", "P<MNGBEKOV<<NURLAN");
    let num = format!("{number:<<9}");
    let opt = "<".repeat(14);
    let body = format!("{num}{}MNG{birth}{}M{expiry}{}{opt}<", cd(&num), cd(birth), cd(expiry));
    let composite = format!("{}{}{}{}", &body[0..10], &body[13..20], &body[21..28], &body[28..43]);
    format!("{l1}\n{body}{}", cd(&composite))
}

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----atajolyboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn send(
    app: &TestApp,
    method: &str,
    uri: &str,
    auth: &str,
    content_type: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) -> TestResponse {
    let mut b = Request::builder().method(method).uri(uri).header("authorization", auth);
    if !content_type.is_empty() {
        b = b.header("content-type", content_type);
    }
    for (k, v) in extra {
        b = b.header(*k, *v);
    }
    app.request(b.body(Body::from(body)).expect("request")).await
}

pub async fn upload(
    app: &TestApp,
    auth: &str,
    id: i64,
    item: &str,
    extra: &[(&str, &str)],
    file: (&str, &[u8]),
) -> TestResponse {
    let mut fields = vec![("item", item)];
    fields.extend_from_slice(extra);
    let (ct, body) = multipart(&fields, Some(file));
    send(app, "POST", &format!("/api/v1/applications/{id}/documents"), auth, &ct, body, &[]).await
}

/// A verified applicant with a bearer token; returns `Bearer …`.
pub async fn applicant(app: &TestApp, email: &str) -> String {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
    assert_eq!(app.post_json("/api/v1/accounts", &body, &[]).await.status, 202);
    let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
    let token = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
    assert_eq!(app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{token}"}}"#), &[]).await.status, 200);
    bearer(app, email).await
}

pub async fn bearer(app: &TestApp, email: &str) -> String {
    let r =
        app.post_json("/api/v1/auth/token", &format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#), &[]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    format!("Bearer {}", r.json()["token"].as_str().expect("token"))
}

pub async fn patch(app: &TestApp, auth: &str, id: i64, v: &Value) -> TestResponse {
    send(
        app,
        "PATCH",
        &format!("/api/v1/applications/{id}/answers"),
        auth,
        "application/json",
        v.to_string().into_bytes(),
        &[],
    )
    .await
}

pub fn good_answers() -> Value {
    json!({
        "surname_kk": "Беков", "given_names_kk": "Нұрлан", "passport_issued": "2020-05-01",
        "phone": "+976 9911 2233", "contact_email": "nurlan@example.com",
        "residence_country": "MN", "residence_address": "Ulaanbaatar, Bayangol district",
        "ethnicity": "certificate", "category": "1", "cat1_row": "28",
        "cat1_evidence": "MSc in computer science; AWS certificate; 8 years of software development.",
        "region": "KZ-75", "consent": "yes",
    })
}

/// A draft filled in completely (answers, MRZ) with the files it needs; returns its id.
pub async fn complete_draft(app: &TestApp, auth: &str, passport: &str) -> i64 {
    Box::pin(complete_draft_in(app, auth, passport, None)).await
}

/// [`complete_draft`], the application in `lang` (the language its notices and letters take).
pub async fn complete_draft_in(app: &TestApp, auth: &str, passport: &str, lang: Option<&str>) -> i64 {
    let uri = lang.map_or_else(|| "/api/v1/applications".to_owned(), |l| format!("/api/v1/applications?lang={l}"));
    let r = send(app, "POST", &uri, auth, "", vec![], &[]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().expect("id");
    let r = app
        .post_json_auth(
            &format!("/api/v1/applications/{id}/mrz"),
            &json!({ "mrz": mrz(passport, "900327", "310615") }).to_string(),
            auth,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = patch(app, auth, id, &good_answers()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for item in ["passport", "ethnicity_certificate", "profession_proof"] {
        assert_eq!(upload(app, auth, id, item, &[], ("scan.pdf", PDF)).await.status, 201);
    }
    id
}

#[tokio::test]
async fn an_applicant_fills_uploads_and_submits_once_over_the_api() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "nurlan@example.com").await;
        // Idempotent create.
        let a = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[("idempotency-key", "k-1")]).await;
        let b = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[("idempotency-key", "k-1")]).await;
        assert_eq!((a.status.as_u16(), b.status.as_u16()), (201, 201));
        let id = a.json()["id"].as_i64().expect("id");
        assert_eq!(b.json()["id"].as_i64(), Some(id), "the same key gives the same draft");
        assert_eq!(a.json()["answers"]["contact_email"], "nurlan@example.com");
        assert_eq!(a.json()["channel"], "app");

        // Bad answers: every field named, in the caller's language, and nothing saved.
        let bad = json!({ "citizenship": "KZ", "birth_date": "2030-01-01", "passport_expires": "2025-01-01", "category": "4", "cat2_code": "9999-9-999", "surname_latin": "Беков" });
        let r = send(&app, "PATCH", &format!("/api/v1/applications/{id}/answers"), &auth, "application/json", bad.to_string().into_bytes(), &[("accept-language", "en")]).await;
        assert_eq!(r.status, 422, "{}", r.body);
        let errs: Vec<(String, String)> = r.json()["errors"].as_array().expect("errors").iter().map(|e| (e["field"].as_str().unwrap_or_default().to_owned(), e["code"].as_str().unwrap_or_default().to_owned())).collect();
        for expected in [("surname_latin", "latin_only"), ("birth_date", "in_future"), ("citizenship", "citizen_kz"), ("passport_expires", "expired"), ("category", "unknown"), ("cat2_code", "unknown")] {
            assert!(errs.contains(&(expected.0.to_owned(), expected.1.to_owned())), "{expected:?} not in {errs:?}");
        }
        assert!(r.body.contains("cannot get the Ata Zholy card"), "{}", r.body);
        let now = app.get_with(&format!("/api/v1/applications/{id}"), &[("authorization", &auth)]).await.json();
        assert_eq!(now["answers"]["citizenship"], "", "nothing saved");
        assert_eq!(patch(&app, &auth, id, &json!({ "nonsense": "x" })).await.status, 422);

        // The MRZ: a wrong check digit is named; a right one fills the passport fields.
        let good = mrz("E1234567", "900327", "310615");
        let mut broken: Vec<char> = good.chars().collect();
        let pos = 45 + 9;
        broken[pos] = if broken[pos] == '0' { '1' } else { '0' };
        let broken: String = broken.into_iter().collect();
        let r = app.post_json_auth(&format!("/api/v1/applications/{id}/mrz"), &json!({ "mrz": broken }).to_string(), &auth).await;
        assert_eq!(r.status, 422);
        assert_eq!(r.json()["errors"][0]["field"], "mrz");
        assert_eq!(r.json()["errors"][0]["code"], "mrz_check_digit");
        let r = app.post_json_auth(&format!("/api/v1/applications/{id}/mrz"), &json!({ "mrz": good }).to_string(), &auth).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let ans = &r.json()["answers"];
        assert_eq!((ans["surname_latin"].as_str(), ans["passport_number"].as_str(), ans["citizenship"].as_str()), (Some("BEKOV"), Some("E1234567"), Some("MN")));
        assert_eq!((ans["birth_date"].as_str(), ans["passport_expires"].as_str(), ans["sex"].as_str()), (Some("1990-03-27"), Some("2031-06-15"), Some("M")));
        // A stale version is a conflict.
        let r = send(&app, "PATCH", &format!("/api/v1/applications/{id}/answers"), &auth, "application/json", json!({"phone": "+976 9911 2233"}).to_string().into_bytes(), &[("if-match", "1")]).await;
        assert_eq!(r.status, 409);
        let r = patch(&app, &auth, id, &good_answers()).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let missing: Vec<String> = r.json()["missing"].as_array().expect("missing").iter().map(|m| m["field"].as_str().unwrap_or_default().to_owned()).collect();
        assert_eq!(missing, ["doc_passport", "doc_ethnicity_certificate", "doc_profession_proof"], "only files are missing");

        // Files: recognised by content; bad ones refused with nothing kept.
        let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00 This program cannot be run in DOS mode";
        let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", exe)).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["code"].as_str()), (422, Some("unsupported_type")));
        // A PDF with an archive appended (an image would be written anew instead: `images.rs`).
        let mut polyglot = PDF.to_vec();
        polyglot.extend_from_slice(b"PK\x03\x04 zip PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        let r = upload(&app, &auth, id, "passport", &[], ("scan.pdf", &polyglot)).await;
        assert_eq!(r.json()["errors"][0]["code"], "polyglot");
        // A PDF that runs a script when it is opened: refused with its own message.
        let active = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", active)).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["code"].as_str()), (422, Some("active_content")), "{}", r.body);
        assert!(r.json()["errors"][0]["message"].as_str().expect("message").contains("белсенді мазмұн"), "in the applicant's language: {}", r.body);
        let r = upload(&app, &auth, id, "passport", &[], ("empty.pdf", b"")).await;
        assert_eq!(r.json()["errors"][0]["code"], "empty");
        let r = upload(&app, &auth, id, "business_proof", &[], ("x.pdf", PDF)).await;
        assert_eq!(r.json()["errors"][0]["field"], "item", "not on this applicant's checklist");
        assert!(app.state.store.documents(id).await.expect("docs").is_empty());
        let stored = walk(files_dir(&app));
        assert!(stored.iter().all(|p| !p.to_string_lossy().contains(".part")), "no partial files: {stored:?}");
        assert!(stored.is_empty(), "nothing kept: {stored:?}");

        // A passport in Mongolian (a foreign language) needs its notarised translation.
        let r = upload(&app, &auth, id, "passport", &[("role", "original"), ("foreign_language", "true")], ("passport.pdf", PDF)).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let doc = r.json();
        assert_eq!(doc["sha256"], hex::encode(sha2::Sha256::digest(PDF)));
        assert_eq!(doc["content_type"], "application/pdf");
        assert!(doc.get("blob_key").is_none(), "storage names are not shown");
        let raw = std::fs::read(&walk(files_dir(&app))[0]).expect("stored");
        assert!(!raw.windows(8).any(|w| w == b"%PDF-1.4"), "encrypted at rest");
        let dl = app.get_with(&format!("/api/v1/applications/{id}/documents/{}", doc["id"]), &[("authorization", &auth)]).await;
        assert_eq!(dl.status, 200);
        assert_eq!(dl.body.as_bytes(), PDF);
        assert_eq!(dl.header("content-type"), "application/pdf");
        assert!(dl.header("content-disposition").starts_with("attachment;"));
        assert_eq!(dl.header("x-content-type-options"), "nosniff");
        assert!(dl.header("content-security-policy").contains("sandbox"));
        assert_eq!(dl.header("cache-control"), "private, no-store");
        for item in ["ethnicity_certificate", "profession_proof"] {
            assert_eq!(upload(&app, &auth, id, item, &[], ("scan.jpg", &crate::images::jpeg(16, 8))).await.status, 201);
        }
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 422);
        assert_eq!(r.json()["errors"][0]["field"], "doc_passport");
        assert_eq!(r.json()["errors"][0]["code"], "translation_missing");
        assert_eq!(upload(&app, &auth, id, "passport", &[("role", "translation")], ("perevod.pdf", PDF)).await.status, 201);

        // Submitted once, whatever the retries.
        let first = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[("idempotency-key", "s-1")]).await;
        assert_eq!(first.status, 200, "{}", first.body);
        let reference = first.json()["reference"].as_str().expect("reference").to_owned();
        assert!(domain::application::is_reference_number(&reference), "{reference}");
        let again = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[("idempotency-key", "s-1")]).await;
        assert_eq!((again.status.as_u16(), again.json()["reference"].as_str()), (200, Some(reference.as_str())));
        let events = app.get_with(&format!("/api/v1/applications/{id}/events"), &[("authorization", &auth)]).await.json();
        let actions: Vec<&str> = events["events"].as_array().expect("events").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions, ["create", "submit"], "one submission in the history");
        let mails: Vec<store::Job> = app.state.store.jobs_in_state("pending").await.expect("jobs").into_iter().filter(|j| crate::support::mail(&app.state, j)["subject"].as_str().is_some_and(|s| s.contains(&reference))).collect();
        assert_eq!(mails.len(), 1, "one notice");
        assert_eq!(mails[0].payload["to"], "nurlan@example.com");
        let inbox = app.get_with("/api/v1/me/inbox", &[("authorization", &auth)]).await.json();
        assert!(inbox["messages"][0]["subject"].as_str().expect("subject").contains(&reference), "the same notice in the inbox");

        // Frozen.
        let r = patch(&app, &auth, id, &json!({ "phone": "+976 8800 1122" })).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["code"].as_str()), (422, Some("not_editable")));
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("x.pdf", PDF)).await.json()["errors"][0]["code"], "not_editable");
        let del = send(&app, "DELETE", &format!("/api/v1/applications/{id}/documents/{}", doc["id"]), &auth, "", vec![], &[]).await;
        assert_eq!(del.status, 422);
    })
    .await;
}

/// The local directory the test app keeps its files in.
fn files_dir(app: &crate::support::TestApp) -> &std::path::Path {
    match &app.state.settings.files {
        service::files::Location::Dir(dir) => dir,
        other => panic!("the files are not in a directory: {other:?}"),
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_while_it_streams_and_nothing_is_kept() {
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.max_file_bytes = 100_000;
            s
        },
        |app| async move {
            let auth = applicant(&app, "big@example.com").await;
            let id = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"]
                .as_i64()
                .expect("id");
            let mut big = PDF.to_vec();
            big.extend(std::iter::repeat_n(b'x', 150_000));
            let r = upload(&app, &auth, id, "passport", &[], ("big.pdf", &big)).await;
            assert_eq!(
                (r.status.as_u16(), r.json()["errors"][0]["code"].as_str()),
                (422, Some("too_large")),
                "{}",
                r.body
            );
            // Declared far over the limit: refused before reading.
            let (ct, body) = multipart(&[("item", "passport")], Some(("huge.pdf", &vec![b'x'; 300_000])));
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/documents"), &auth, &ct, body, &[]).await;
            assert_eq!(r.status, 413);
            assert_eq!(r.json()["code"], "AZ0413");
            assert!(app.state.store.documents(id).await.expect("docs").is_empty());
            assert!(walk(files_dir(&app)).is_empty(), "nothing kept");
            // Ordinary requests keep their small limit.
            let r = app.post_json("/api/v1/eligibility", &"x".repeat(70_000), &[]).await;
            assert_eq!(r.status, 413);
            assert_eq!(r.json()["code"], "AZ0413", "cut off as it streamed: still the service's problem details");
        },
    )
    .await;
}

#[tokio::test]
async fn nobody_sees_or_touches_another_applicants_application() {
    on_each_backend(|app| async move {
        let owner = applicant(&app, "owner@example.com").await;
        let other = applicant(&app, "other@example.com").await;
        let id = complete_draft(&app, &owner, "E7654321").await;
        let doc = app.state.store.documents(id).await.expect("docs")[0].id;
        let json_body = json!({ "phone": "+7 701 000 1404" }).to_string().into_bytes();
        let (ct, mp) = multipart(&[("item", "passport")], Some(("x.pdf", PDF)));
        let calls: Vec<(&str, String, &str, Vec<u8>)> = vec![
            ("GET", format!("/api/v1/applications/{id}"), "", vec![]),
            ("PATCH", format!("/api/v1/applications/{id}/answers"), "application/json", json_body.clone()),
            (
                "POST",
                format!("/api/v1/applications/{id}/mrz"),
                "application/json",
                json!({"mrz": mrz("E1", "900327", "310615")}).to_string().into_bytes(),
            ),
            ("POST", format!("/api/v1/applications/{id}/documents"), &ct, mp.clone()),
            ("GET", format!("/api/v1/applications/{id}/documents/{doc}"), "", vec![]),
            ("DELETE", format!("/api/v1/applications/{id}/documents/{doc}"), "", vec![]),
            ("POST", format!("/api/v1/applications/{id}/submit"), "", vec![]),
            ("GET", format!("/api/v1/applications/{id}/events"), "", vec![]),
        ];
        for (method, uri, ct, body) in &calls {
            let r = send(&app, method, uri, &other, ct, body.clone(), &[]).await;
            assert_eq!(r.status, 404, "{method} {uri} as another applicant: {}", r.body);
            let r = send(&app, method, uri, "Bearer nope", ct, body.clone(), &[]).await;
            assert_eq!(r.status, 401, "{method} {uri} without a valid token");
        }
        let list = app.get_with("/api/v1/applications", &[("authorization", &other)]).await.json();
        assert_eq!(list["applications"].as_array().expect("list").len(), 0);
        // Nothing changed.
        let a = app.state.store.application(id).await.expect("q").expect("app");
        assert_eq!((a.status.as_str(), a.version), ("draft", a.version));
        assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 3);

        // The pages too: another applicant's session gets "not found" on every route.
        let cookie = page_session(&app, "other@example.com").await;
        let pages = [
            format!("/applications/{id}"),
            format!("/applications/{id}/steps/names"),
            format!("/applications/{id}/mrz"),
            format!("/applications/{id}/documents"),
            format!("/applications/{id}/documents/{doc}"),
            format!("/applications/{id}/check"),
            format!("/applications/{id}/submitted"),
        ];
        for p in &pages {
            assert_eq!(app.get_with(p, &[("cookie", &cookie.0)]).await.status, 404, "GET {p}");
        }
        for p in [
            format!("/applications/{id}/steps/phone"),
            format!("/applications/{id}/submit"),
            format!("/applications/{id}/mrz"),
            format!("/applications/{id}/documents/{doc}/delete"),
        ] {
            let r = form(&app, &p, &[("csrf", &cookie.1), ("phone", "+7 701 000 1404")], &cookie.0).await;
            assert!(r.status == 404, "POST {p}: {}", r.status);
        }
        // Signed out: sent to sign in.
        let r = app.get(&format!("/applications/{id}")).await;
        assert_eq!(r.status, 303);
        assert!(r.header("location").starts_with("/account/sign-in?next="));
    })
    .await;
}

/// The `name=value` of the cookie `name` that a response sets.
pub fn set_cookie(r: &TestResponse, name: &str) -> String {
    let prefix = format!("{name}=");
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no cookie {name}"))
        .split(';')
        .next()
        .expect("kv")
        .to_owned()
}

/// The value of the form field `name` in a page (the first `name="…" value="…"`).
pub fn hidden_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no field {name}")) + marker.len();
    body[start..].split('"').next().expect("value").to_owned()
}

/// The anonymous CSRF cookie (`name=value`) of the sign-in page, and its token.
pub async fn sign_in_csrf(app: &TestApp) -> (String, String) {
    let page = app.get("/account/sign-in").await;
    let csrf_cookie = set_cookie(&page, "__Host-azc");
    let token = csrf_cookie.trim_start_matches("__Host-azc=").to_owned();
    (csrf_cookie, token)
}

/// A browser session (cookie header, its CSRF token) for a verified account.
pub async fn page_session(app: &TestApp, email: &str) -> (String, String) {
    let (csrf_cookie, token) = sign_in_csrf(app).await;
    let r = form(app, "/account/sign-in", &[("csrf", &token), ("email", email), ("password", PASSWORD)], &csrf_cookie)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let session = set_cookie(&r, "__Host-azs");
    let home = app.get_with("/account", &[("cookie", &session)]).await;
    (session, hidden_value(&home.body, "csrf"))
}

/// A staff browser session: password, then the second factor on its own page.
pub async fn staff_page_session(app: &TestApp, email: &str, code: &str) -> String {
    let (csrf_cookie, token) = sign_in_csrf(app).await;
    let r = form(
        app,
        "/account/sign-in",
        &[("csrf", &token), ("email", email), ("password", PASSWORD), ("next", "/applications")],
        &csrf_cookie,
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), "/account/sign-in/code?next=/applications");
    assert!(
        r.headers.get_all("set-cookie").iter().all(|c| !c.to_str().unwrap_or("").starts_with("__Host-azs=")),
        "no session before the code"
    );
    let pending = set_cookie(&r, "__Host-azp");
    let cookies = format!("{csrf_cookie}; {pending}");
    // The pending cookie signs nobody in.
    assert_eq!(app.get_with("/account", &[("cookie", &pending)]).await.status, 303);
    let page = app.get_with("/account/sign-in/code?lang=en", &[("cookie", &cookies)]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("autocomplete=\"one-time-code\""));
    let r = form(
        app,
        "/account/sign-in/code",
        &[("csrf", &token), ("code", "000000"), ("next", "/applications")],
        &cookies,
    )
    .await;
    assert_eq!(r.status, 401, "a wrong code: the page again");
    let r =
        form(app, "/account/sign-in/code", &[("csrf", &token), ("code", code), ("next", "/applications")], &cookies)
            .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), "/applications");
    set_cookie(&r, "__Host-azs")
}

pub async fn form(app: &TestApp, uri: &str, fields: &[(&str, &str)], cookie: &str) -> TestResponse {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect::<String>()
    };
    let body = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Body::from(body))
        .expect("req");
    app.request(req).await
}

#[tokio::test]
async fn pages_walk_one_question_at_a_time_with_errors_named_in_kazakh() {
    on_each_backend(|app| async move {
        applicant(&app, "saule@example.com").await;
        let (cookie, csrf) = page_session(&app, "saule@example.com").await;
        let list = app.get_with("/applications", &[("cookie", &cookie)]).await;
        assert_eq!(list.status, 200);
        let key = hidden_value(&list.body, "idempotency_key");
        // A double click: two posts with the same key, one draft.
        let a = form(&app, "/applications", &[("csrf", &csrf), ("idempotency_key", &key)], &cookie).await;
        let b = form(&app, "/applications", &[("csrf", &csrf), ("idempotency_key", &key)], &cookie).await;
        assert_eq!(a.status, 303);
        assert_eq!(a.header("location"), b.header("location"));
        let id: i64 = a.header("location").rsplit('/').next().expect("id").parse().expect("id");
        assert_eq!(form(&app, "/applications", &[("idempotency_key", "zzz")], &cookie).await.status, 403, "CSRF");

        let page = app.get_with(&format!("/applications/{id}"), &[("cookie", &cookie)]).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Өтінішіңіз"), "Kazakh by default");
        let step = app.get_with(&format!("/applications/{id}/steps/birth"), &[("cookie", &cookie)]).await;
        assert_eq!(step.status, 200);
        let version = hidden_value(&step.body, "version");
        let r = form(
            &app,
            &format!("/applications/{id}/steps/birth"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("birth_date_day", "31"),
                ("birth_date_month", "2"),
                ("birth_date_year", "1990"),
            ],
            &cookie,
        )
        .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("error-summary"));
        assert!(r.body.contains("href=\"#birth-date-day\""), "links to the first box of the date");
        assert!(r.body.contains("Туған күні: нақты күнді енгізіңіз"), "{}", r.body);
        assert!(r.body.contains("href=\"#sex-0\""), "the missing sex is named too");
        let r = form(
            &app,
            &format!("/applications/{id}/steps/birth"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("birth_date_day", "27"),
                ("birth_date_month", "3"),
                ("birth_date_year", "1990"),
                ("sex", "F"),
            ],
            &cookie,
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.header("location"), format!("/applications/{id}/steps/passport"), "on to the next question");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!(a.answers["birth_date"], "1990-03-27");
        // Check your answers names what is missing and refuses to submit.
        let r = form(&app, &format!("/applications/{id}/submit"), &[("csrf", &csrf)], &cookie).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("error-summary"));
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "draft");
        // Uploading from the page: a renamed executable is named on the page.
        let (ct, body) = multipart(
            &[("csrf", &csrf), ("item", "passport"), ("role_choice", "original-kk")],
            Some(("passport.pdf", b"\x7fELF\x02\x01\x01\0 not a pdf")),
        );
        let req = Request::post(format!("/applications/{id}/documents"))
            .header("content-type", ct)
            .header("cookie", &cookie)
            .body(Body::from(body))
            .expect("req");
        let r = app.request(req).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("PDF, JPEG немесе PNG"), "{}", r.body);
        let (ct, body) = multipart(
            &[("csrf", &csrf), ("item", "passport"), ("role_choice", "original-kk")],
            Some(("passport.pdf", PDF)),
        );
        let req = Request::post(format!("/applications/{id}/documents"))
            .header("content-type", ct)
            .header("cookie", &cookie)
            .body(Body::from(body))
            .expect("req");
        assert_eq!(app.request(req).await.status, 303);
        let (ct, body) = multipart(&[("item", "passport")], Some(("passport.pdf", PDF)));
        let req = Request::post(format!("/applications/{id}/documents"))
            .header("content-type", ct)
            .header("cookie", &cookie)
            .body(Body::from(body))
            .expect("req");
        assert_eq!(app.request(req).await.status, 403, "uploads need the CSRF token too");
        assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 1);
    })
    .await;
}

#[tokio::test]
async fn corrections_reopen_only_the_items_named() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "aruzhan@example.com").await;
        let id = complete_draft(&app, &auth, "E1112223").await;
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let officer = app
            .state
            .store
            .create_staff(
                &store::NewUser {
                    email: "officer@example.kz".into(),
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
        let a = app.state.store.application(id).await.expect("q").expect("a");
        let bad = service::applications::request_corrections(&app.state, &a, &officer, &["nonsense".into()], "x").await;
        assert!(bad.is_err());
        let items = vec!["contact".to_owned(), "doc:passport".to_owned()];
        let reopened = service::applications::request_corrections(
            &app.state,
            &a,
            &officer,
            &items,
            "The phone number does not answer; the scan is unreadable.",
        )
        .await
        .expect("reopen");
        assert_eq!(reopened.status, "corrections_requested");
        // The statutory clock is paused with the day it had left (submitted Tuesday, due Wednesday).
        assert_eq!((reopened.due_on.as_deref(), reopened.clock_left), (None, Some(1)));
        // A second request on the same state is refused, nothing changes.
        assert!(service::applications::request_corrections(&app.state, &a, &officer, &items, "again").await.is_err());
        // Sent back unchanged: refused, each untouched item named, in the applicant's language.
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit?lang=en"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 422, "{}", r.body);
        let errors = r.json()["errors"].clone();
        let unchanged: Vec<(String, String)> = errors
            .as_array()
            .expect("errors")
            .iter()
            .filter(|e| e["code"] == "unchanged")
            .map(|e| {
                (
                    e["field"].as_str().unwrap_or_default().to_owned(),
                    e["message"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert_eq!(unchanged.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), ["contact", "doc_passport"]);
        assert!(unchanged[0].1.starts_with("Contact details: reopened for correction"), "{unchanged:?}");
        assert_eq!(app.state.store.application(id).await.expect("q").expect("a").status, "corrections_requested");
        assert_eq!(patch(&app, &auth, id, &json!({ "phone": "+976 8800 1122" })).await.status, 200);
        // Half corrected: the passport file is still the old one.
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["field"].as_str()), (422, Some("doc_passport")));
        let r = patch(&app, &auth, id, &json!({ "surname_kk": "Басқа" })).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["code"].as_str()), (422, Some("not_editable")));
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("better.pdf", PDF)).await.status, 201);
        assert_eq!(
            upload(&app, &auth, id, "profession_proof", &[], ("x.pdf", PDF)).await.json()["errors"][0]["code"],
            "not_editable"
        );
        let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["status"], "submitted");
        assert_eq!(r.json()["reopened"], json!([]));
        assert_eq!(r.json()["reference"], a.reference.clone().expect("reference").as_str(), "the same reference");
        let resumed = app.state.store.application(id).await.expect("q").expect("a");
        assert_eq!((resumed.due_on.as_deref(), resumed.clock_left), (Some("2026-11-25"), None), "it resumes");
        let events = app.state.store.events(id).await.expect("events");
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["create", "submit", "request_corrections", "resubmit"]);
        assert_eq!(events[2].actor_role, "officer");
        assert_eq!(events[2].office.as_deref(), Some("department-KZ-75"));
    })
    .await;
}

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

#[tokio::test]
async fn files_go_to_an_s3_compatible_bucket_over_tls_sealed_when_configured() {
    let server = crate::support::S3Server::start();
    let bucket = format!("files-{}", uuid::Uuid::new_v4().simple());
    server.create_bucket(&bucket);
    let cfg = server.settings(&bucket);
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.files = service::files::Location::S3(cfg.clone());
            s
        },
        |app| async move {
            use object_store::ObjectStoreExt as _;
            let auth = applicant(&app, "s3@example.com").await;
            let id = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"]
                .as_i64()
                .expect("id");
            // Several chunks of 64 KiB, so the file spans sealed chunks.
            let mut pdf = PDF.to_vec();
            pdf.splice(9..9, (0..300_000u32).map(|i| u8::try_from(i % 253).expect("< 253")));
            let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", &pdf)).await;
            assert_eq!(r.status, 201, "{}", r.body);
            let doc = app.state.store.documents(id).await.expect("docs").pop().expect("doc");
            // In the bucket under its generated name, and not in clear.
            let files = &app.state.files;
            let path = files.path(&doc.blob_key).expect("path");
            let raw = files.objects().get(&path).await.expect("stored in the bucket").bytes().await.expect("bytes");
            assert!(raw.len() > pdf.len(), "sealed chunks carry tags");
            assert!(!raw.windows(8).any(|w| w == b"%PDF-1.4"), "encrypted at rest");
            let dl = app
                .get_with(&format!("/api/v1/applications/{id}/documents/{}", doc.id), &[("authorization", &auth)])
                .await;
            assert_eq!(dl.status, 200);
            assert_eq!(dl.raw.len(), pdf.len());
            assert!(dl.raw == pdf, "the same bytes come back");
            // A refused file leaves no object; a removed document's object goes.
            let r = upload(&app, &auth, id, "passport", &[], ("x.pdf", b"MZ not a pdf")).await;
            assert_eq!(r.status, 422);
            let del = send(
                &app,
                "DELETE",
                &format!("/api/v1/applications/{id}/documents/{}", doc.id),
                &auth,
                "",
                vec![],
                &[],
            )
            .await;
            assert_eq!(del.status, 204);
            assert!(files.objects().head(&path).await.is_err(), "the object is deleted with its document");
        },
    )
    .await;
    assert_eq!(server.boto(&["keys", &bucket]), "[]", "nothing left in the bucket");
    assert_eq!(server.boto(&["uploads", &bucket]), "0", "no upload left unfinished");
}

#[tokio::test]
async fn a_download_whose_file_is_not_the_recorded_one_is_cut_off_and_never_whole() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "swap@example.com").await;
        let id =
            send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"].as_i64().expect("id");
        let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", PDF)).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let doc_id = r.json()["id"].as_i64().expect("id");
        let doc = app.state.store.documents(id).await.expect("docs").pop().expect("doc");
        // Other bytes sealed for the same document and key (a mixed-up write, a restored backup): they
        // decrypt, but they are not the file whose SHA-256 the document row recorded.
        let mut other = PDF.to_vec();
        other.splice(9..9, std::iter::repeat_n(b'x', 150_000));
        let file = service::files::FileRef { application_id: id, key: &doc.blob_key };
        let mut w = app.state.files.create(file).await.expect("create");
        w.write(&other).await.expect("write");
        w.finish().await.expect("finish");
        let req = Request::get(format!("/api/v1/applications/{id}/documents/{doc_id}"))
            .header("authorization", &auth)
            .body(Body::empty())
            .expect("request");
        let res = tower::ServiceExt::oneshot(app.router.clone(), req).await.expect("infallible");
        assert_eq!(res.status(), 200, "the first chunks were good");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await;
        assert!(body.is_err(), "the body is cut off before its last chunk, never given whole");
        let err = service::applications::open_document(&app.state, id, doc_id)
            .await
            .expect("the header opens")
            .1
            .read_all()
            .await
            .expect_err("refused");
        assert!(matches!(err, service::files::StoreFileError::Digest { .. }), "{err}");
    })
    .await;
}

#[tokio::test]
async fn with_the_clock_running_through_corrections_the_deadline_stays() {
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.deficiency_pauses_clock = false;
            s
        },
        |app| async move {
            let auth = applicant(&app, "runs@example.com").await;
            let id = complete_draft(&app, &auth, "E1112299").await;
            assert_eq!(
                send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await.status,
                200
            );
            let user =
                store::NewUser { email: "o@kz75.kz".into(), password_hash: "x".into(), lang: "kk".into(), now: 1 };
            let officer = app
                .state
                .store
                .create_staff(&user, domain::account::Role::Officer, Some("department-KZ-75"), "GEZDGNBV")
                .await
                .expect("q")
                .expect("new");
            let a = app.state.store.application(id).await.expect("q").expect("a");
            let reopened =
                service::applications::request_corrections(&app.state, &a, &officer, &["contact".into()], "Phone?")
                    .await
                    .expect("reopen");
            assert_eq!(
                (reopened.due_on.as_deref(), reopened.clock_left),
                (Some("2026-11-25"), None),
                "the deadline runs on"
            );
            assert_eq!(patch(&app, &auth, id, &json!({ "phone": "+976 8800 1122" })).await.status, 200);
            assert_eq!(
                send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await.status,
                200
            );
            let again = app.state.store.application(id).await.expect("q").expect("a");
            assert_eq!(again.due_on.as_deref(), Some("2026-11-25"));
        },
    )
    .await;
}

#[tokio::test]
async fn every_upload_is_scanned_by_clamd_and_a_scanner_that_is_down_loses_nothing() {
    let clamd = std::sync::Arc::new(std::sync::Mutex::new(crate::support::ClamdServer::start()));
    let at = clamd.lock().expect("clamd").at();
    on_each_backend_with(
        move || service::Settings { scanner: at.clone(), ..test_settings() },
        |app| {
            let clamd = clamd.clone();
            async move {
                let auth = applicant(&app, "scan@example.com").await;
                let id = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"]
                    .as_i64()
                    .expect("id");
                // A clean PDF goes through the scanner and is kept.
                let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", PDF)).await;
                assert_eq!(r.status, 201, "{}", r.body);
                let kept = walk(files_dir(&app)).len();
                assert_eq!(kept, 1);
                // The EICAR test file inside a PDF: refused with its own message, nothing kept.
                let infected = [&PDF[..PDF.len() - 6], b"% ", &crate::support::eicar()[..], b"\n%%EOF\n"].concat();
                let r = send(
                    &app,
                    "POST",
                    &format!("/api/v1/applications/{id}/documents"),
                    &auth,
                    &multipart(&[("item", "passport")], Some(("diploma.pdf", &infected))).0,
                    multipart(&[("item", "passport")], Some(("diploma.pdf", &infected))).1,
                    &[("accept-language", "en")],
                )
                .await;
                assert_eq!(
                    (
                        r.status.as_u16(),
                        r.json()["errors"][0]["field"].as_str(),
                        r.json()["errors"][0]["code"].as_str()
                    ),
                    (422, Some("file"), Some("malware")),
                    "{}",
                    r.body
                );
                assert!(r.body.contains("contains malware"), "said in words: {}", r.body);
                assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 1);
                assert_eq!(walk(files_dir(&app)).len(), kept, "the infected file is not kept");
                // The scanner is down: 503, "try again later", nothing kept, nothing accepted unscanned.
                clamd.lock().expect("clamd").stop();
                let r = upload(&app, &auth, id, "passport", &[], ("diploma.pdf", PDF)).await;
                assert_eq!(
                    (r.status.as_u16(), r.json()["errors"][0]["code"].as_str()),
                    (503, Some("scanner_unavailable")),
                    "{}",
                    r.body
                );
                assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 1);
                assert_eq!(walk(files_dir(&app)).len(), kept, "nothing written while the scanner is down");
                // The page says so on the form, in the applicant's language, and asks to come back.
                let (page_cookie, csrf) = page_session(&app, "scan@example.com").await;
                let (ct, body) = multipart(&[("csrf", &csrf), ("item", "passport")], Some(("diploma.pdf", PDF)));
                let req = Request::builder()
                    .method("POST")
                    .uri(format!("/applications/{id}/documents?lang=kk"))
                    .header("content-type", ct)
                    .header("cookie", &page_cookie)
                    .body(Body::from(body))
                    .expect("request");
                let r = app.request(req).await;
                assert_eq!(r.status, 503, "{}", r.body);
                assert_eq!(r.header("retry-after"), "60");
                assert!(r.body.contains("вирусқа тексеру мүмкін емес"), "{}", r.body);
                // Back up: the same upload goes through.
                clamd.lock().expect("clamd").restart();
                let r = upload(&app, &auth, id, "passport", &[], ("diploma.pdf", PDF)).await;
                assert_eq!(r.status, 201, "{}", r.body);
                assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 2);
            }
        },
    )
    .await;
}

/// Reads a tar archive with Python's `tarfile` (an independent implementation): each member's name,
/// size and SHA-256, and `data.json` parsed.
pub fn python_tar(bytes: &[u8]) -> Value {
    use std::io::Write as _;
    let script = r#"
import sys, tarfile, io, json, hashlib
t = tarfile.open(fileobj=io.BytesIO(sys.stdin.buffer.read()), mode="r:")
out = {"members": [], "data": None}
for m in t.getmembers():
    b = t.extractfile(m).read()
    out["members"].append({"name": m.name, "size": m.size, "sha256": hashlib.sha256(b).hexdigest(), "regular": m.isreg()})
    if m.name == "data.json":
        out["data"] = json.loads(b)
print(json.dumps(out))
"#;
    let mut child = std::process::Command::new(crate::support::python())
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python");
    child.stdin.take().expect("stdin").write_all(bytes).expect("write");
    let out = child.wait_with_output().expect("python");
    assert!(out.status.success(), "tarfile could not read the archive: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[tokio::test]
async fn an_applicant_downloads_everything_kept_about_them_as_one_archive() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "mine@example.com").await;
        let other = applicant(&app, "other@example.com").await;
        let id =
            send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"].as_i64().expect("id");
        assert_eq!(patch(&app, &auth, id, &good_answers()).await.status, 200);
        let jpeg = [&crate::images::jpeg(16, 8)[..], &[0u8; 700][..]].concat();
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("passport.pdf", PDF)).await.status, 201);
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("page2.jpg", &jpeg)).await.status, 201);
        let theirs = send(&app, "POST", "/api/v1/applications", &other, "", vec![], &[]).await.json()["id"]
            .as_i64()
            .expect("id");
        assert_eq!(upload(&app, &other, theirs, "passport", &[], ("theirs.pdf", PDF)).await.status, 201);

        let r = app.get_with("/api/v1/me/data", &[("authorization", &auth)]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("content-type"), "application/x-tar");
        assert_eq!(r.header("cache-control"), "private, no-store");
        assert!(r.header("content-disposition").starts_with("attachment; filename=\"atajoly-data-"));
        assert_eq!(r.header("content-length"), r.raw.len().to_string(), "the length is announced right");
        let tar = python_tar(&r.raw);
        let data = &tar["data"];
        assert_eq!(data["account"]["email"], "mine@example.com");
        assert!(data["account"].get("password_hash").is_none());
        let apps = data["applications"].as_array().expect("applications");
        assert_eq!(apps.len(), 1, "only the person's own applications: {apps:?}");
        assert_eq!(apps[0]["answers"]["surname_kk"], "Беков");
        assert_eq!(apps[0]["history"][0]["action"], "create");
        assert!(apps[0]["history"][0].get("actor_id").is_none(), "no staff ids");
        let docs = apps[0]["documents"].as_array().expect("documents");
        assert_eq!(docs.len(), 2);
        let members = tar["members"].as_array().expect("members");
        for (d, original) in docs.iter().zip([Some(PDF), None]) {
            let m = members.iter().find(|m| m["name"] == d["file"]).unwrap_or_else(|| panic!("{d} not in {members:?}"));
            if let Some(bytes) = original {
                assert_eq!(m["sha256"], hex::encode(sha2::Sha256::digest(bytes)), "the file decrypted, byte for byte");
            } else {
                assert_ne!(m["sha256"], hex::encode(sha2::Sha256::digest(&jpeg)), "the image as written anew");
            }
            assert_eq!(m["sha256"], d["sha256"], "and as recorded");
        }
        assert_eq!(members.len(), 3, "data.json and the two files: {members:?}");
        // The page: the same archive, from the account page's link.
        let (cookie, _) = page_session(&app, "mine@example.com").await;
        let home = app.get_with("/account", &[("cookie", &cookie)]).await;
        assert!(home.body.contains("href=\"/account/data.tar\""), "{}", home.body);
        let r = app.get_with("/account/data.tar", &[("cookie", &cookie)]).await;
        assert_eq!(r.status, 200);
        assert_eq!(python_tar(&r.raw)["members"].as_array().map(Vec::len), Some(3));
        // Nobody else's, and not without signing in.
        assert_eq!(app.get("/api/v1/me/data").await.status, 401);
        assert_eq!(app.get("/account/data.tar").await.status, 303);
        let r = app.get_with("/api/v1/me/data", &[("authorization", &other)]).await;
        let theirs = python_tar(&r.raw);
        assert_eq!(theirs["data"]["account"]["email"], "other@example.com");
        assert_eq!(theirs["data"]["applications"].as_array().map(Vec::len), Some(1));
    })
    .await;
}
