//! Applications: drafts over the API and the pages, the MRZ, submission (idempotent, with notices), and
//! that nobody sees or touches another's application; the helpers the other files share (an applicant,
//! a draft filled in, uploads, browser sessions and forms). Uploads are in `uploads.rs`, corrections in
//! `corrections.rs`, intermediaries in `intermediaries.rs`, the applicant's archive in `export.rs`.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::support::{TestApp, TestResponse, link_token, on_each_backend};

pub(crate) const PASSWORD: &str = "жылқы-сүт-2026";
// The ICAO 9303 specimen with a Mongolian nationality and dates that hold on the test clock (2026-11-24):
// built by `mrz()` below so that every check digit is right.
pub(crate) fn mrz(number: &str, birth: &str, expiry: &str) -> String {
    let cd = |s: &str| domain::mrz::check_digit(s).to_string();
    let l1 = format!("{:<<44}", "P<MNGBEKOV<<NURLAN");
    let num = format!("{number:<<9}");
    let opt = "<".repeat(14);
    let body = format!("{num}{}MNG{birth}{}M{expiry}{}{opt}<", cd(&num), cd(birth), cd(expiry));
    let composite = format!("{}{}{}{}", &body[0..10], &body[13..20], &body[21..28], &body[28..43]);
    format!("{l1}\n{body}{}", cd(&composite))
}

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

pub(crate) fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
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

pub(crate) async fn send(
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

pub(crate) async fn upload(
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
pub(crate) async fn applicant(app: &TestApp, email: &str) -> String {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
    assert_eq!(app.post_json("/api/v1/accounts", &body, &[]).await.status, 202);
    let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
    let token = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
    assert_eq!(app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{token}"}}"#), &[]).await.status, 200);
    bearer(app, email).await
}

pub(crate) async fn bearer(app: &TestApp, email: &str) -> String {
    let r =
        app.post_json("/api/v1/auth/token", &format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#), &[]).await;
    assert_eq!(r.status, 201, "{}", r.body);
    format!("Bearer {}", r.json()["token"].as_str().expect("token"))
}

pub(crate) async fn patch(app: &TestApp, auth: &str, id: i64, v: &Value) -> TestResponse {
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

pub(crate) fn good_answers() -> Value {
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
pub(crate) async fn complete_draft(app: &TestApp, auth: &str, passport: &str) -> i64 {
    Box::pin(complete_draft_in(app, auth, passport, None)).await
}

/// [`complete_draft`], the application in `lang` (the language its notices and letters take).
pub(crate) async fn complete_draft_in(app: &TestApp, auth: &str, passport: &str, lang: Option<&str>) -> i64 {
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
pub(crate) fn files_dir(app: &crate::support::TestApp) -> &std::path::Path {
    match &app.state.settings.files {
        service::files::Location::Dir(dir) => dir,
        other => panic!("the files are not in a directory: {other:?}"),
    }
}

pub(crate) fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
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
pub(crate) fn set_cookie(r: &TestResponse, name: &str) -> String {
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
pub(crate) fn hidden_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no field {name}")) + marker.len();
    body[start..].split('"').next().expect("value").to_owned()
}

/// The anonymous CSRF cookie (`name=value`) of the sign-in page, and its token.
pub(crate) async fn sign_in_csrf(app: &TestApp) -> (String, String) {
    let page = app.get("/account/sign-in").await;
    let csrf_cookie = set_cookie(&page, "__Host-azc");
    let token = csrf_cookie.trim_start_matches("__Host-azc=").to_owned();
    (csrf_cookie, token)
}

/// A browser session (cookie header, its CSRF token) for a verified account.
pub(crate) async fn page_session(app: &TestApp, email: &str) -> (String, String) {
    let (csrf_cookie, token) = sign_in_csrf(app).await;
    let r = form(app, "/account/sign-in", &[("csrf", &token), ("email", email), ("password", PASSWORD)], &csrf_cookie)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let session = set_cookie(&r, "__Host-azs");
    let home = app.get_with("/account", &[("cookie", &session)]).await;
    (session, hidden_value(&home.body, "csrf"))
}

/// A staff browser session: password, then the second factor on its own page.
pub(crate) async fn staff_page_session(app: &TestApp, email: &str, code: &str) -> String {
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

pub(crate) async fn form(app: &TestApp, uri: &str, fields: &[(&str, &str)], cookie: &str) -> TestResponse {
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
