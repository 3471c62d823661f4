//! The card: issued with the grant, verified online and offline against what the service publishes,
//! its log shown to the holder, `atajoly verify`, damaged texts, and who may use the card routes. Its life
//! (invalidation, revocation, reissue, expiry, keys rotated and withdrawn) is in `card_life.rs`.

use credential::{KeySet, StatusListToken, Verdict};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::applications::{applicant, form};
use crate::cases::{iin, staff};
use crate::support::{TestApp, on_each_backend};

pub(crate) struct Granted {
    pub id: i64,
    pub auth: String,
    pub officer: String,
    pub ocsrf: String,
    pub card: store::Card,
}

/// A case taken through the checks, the IIN (`iin(serial)`) and the review of every document by an
/// officer of department-KZ-75: all a grant needs. Returns the case, the applicant's token, and the
/// officer's cookie and CSRF token.
pub(crate) async fn ready_for_grant(
    app: &TestApp,
    email: &str,
    passport: &str,
    serial: u16,
) -> (i64, String, String, String) {
    Box::pin(ready_for_grant_in(app, email, passport, serial, None)).await
}

/// [`ready_for_grant`], the application in `lang`.
pub(crate) async fn ready_for_grant_in(
    app: &TestApp,
    email: &str,
    passport: &str,
    serial: u16,
    lang: Option<&str>,
) -> (i64, String, String, String) {
    let (id, auth) = crate::cases::submitted_case_in(app, email, passport, lang).await;
    let (officer, ocsrf) =
        staff(app, &format!("officer-{}@kz75.kz", email.replace('@', ".")), "officer", Some("department-KZ-75")).await;
    assert_eq!(form(app, &format!("/cases/{id}/checks"), &[("csrf", &ocsrf)], &officer).await.status, 303);
    for c in app.state.store.checks(id).await.expect("checks") {
        let role = if c.agency == "police" { "checker_police" } else { "checker_knb" };
        let user = store::NewUser {
            email: format!("{}-{}@agency.kz", c.agency, email.replace('@', ".")),
            password_hash: "x".into(),
            lang: "kk".into(),
            now: 1,
        };
        let u = app
            .state
            .store
            .create_staff(&user, crate::support::role(role), None, &crate::support::sealed_totp(app, &user.email))
            .await
            .expect("q")
            .expect("new");
        service::cases::answer_check(&app.state, &u, c.id, "no_information", "R-1").await.expect("answer");
    }
    let iin = iin(serial);
    assert_eq!(form(app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &iin)], &officer).await.status, 303);
    crate::cases::accept_documents(app, id, &officer, &ocsrf).await;
    (id, auth, officer, ocsrf)
}

/// A case taken through checks and the IIN to a grant by an officer of department-KZ-75.
pub(crate) async fn granted(app: &TestApp, email: &str, passport: &str, serial: u16) -> Granted {
    let (id, auth, officer, ocsrf) = ready_for_grant(app, email, passport, serial).await;
    assert_eq!(form(app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status, 303);
    let cards = app.state.store.cards_of_application(id).await.expect("cards");
    assert_eq!(cards.len(), 1, "one card per grant");
    Granted { id, auth, officer, ocsrf, card: cards[0].clone() }
}

/// The published key set, fetched as a verifier would.
pub(crate) async fn published_keys(app: &TestApp) -> KeySet {
    let jwks = app.get("/.well-known/atajoly/jwks.json").await;
    assert_eq!(jwks.status, 200);
    assert_eq!(jwks.header("content-type"), "application/jwk-set+json");
    let cose = app.get("/.well-known/atajoly/keys.cose").await;
    assert_eq!(cose.header("content-type"), "application/cose-key-set");
    let from_cose = KeySet::from_cose_key_set(&cose.raw).expect("COSE key set");
    let from_jwks = KeySet::from_jwks(&jwks.body).expect("JWK set");
    assert_eq!(from_cose, from_jwks, "the two publications hold the same keys");
    from_jwks
}

/// Status list 1, fetched and checked as a verifier would.
async fn published_list(app: &TestApp, keys: &KeySet) -> StatusListToken {
    let r = app.get("/api/v1/status-lists/1").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), "application/statuslist+cwt");
    StatusListToken::verify(&r.raw, keys).expect("a signed status list")
}

/// A verification over the API; a check that names no verifier is made as `other` (the kind is required).
pub(crate) async fn verify_api(app: &TestApp, body: &Value) -> Value {
    let mut body = body.clone();
    if body.get("verifier").is_none() {
        body["verifier"] = json!("other");
    }
    let r = app.post_json("/api/v1/verifications", &body.to_string(), &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// The state a verifier sees now, offline, with what the service publishes.
pub(crate) async fn offline_verdict(app: &TestApp, qr: &str) -> Verdict {
    let keys = published_keys(app).await;
    let list = published_list(app, &keys).await;
    credential::verify(qr, &keys, Some(&list), app.state.clock.now()).verdict
}

#[tokio::test]
async fn a_grant_issues_a_card_that_anyone_can_verify_and_the_holder_sees_who_did() {
    on_each_backend(|app| async move {
        let g = granted(&app, "holder@example.com", "E5550001", 11).await;
        let card = &g.card;
        // The number carries its check character; validity ends with the passport (2031-06-15), before
        // ten years; the card is in the grant's audit trail and has its own.
        assert!(credential::CardNumber::parse(&card.number).is_ok(), "{}", card.number);
        assert_eq!((card.valid_from.as_str(), card.valid_until.as_str()), ("2026-11-24", "2031-06-15"));
        assert_eq!((card.state.as_str(), card.citizenship.as_str()), ("valid", "MNG"));
        let events = app.state.store.card_events(card.id).await.expect("events");
        assert_eq!(events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["issue"]);
        // Offline, with the published keys and list: valid; the claims are the passport's.
        let keys = published_keys(&app).await;
        let list = published_list(&app, &keys).await;
        let v = credential::verify(&card.qr_text, &keys, Some(&list), app.state.clock.now());
        assert_eq!(v.verdict, Verdict::Valid);
        let claims = v.claims.expect("claims");
        assert_eq!((claims.family_name.as_str(), claims.given_names.as_str()), ("BEKOV", "NURLAN"));
        assert_eq!(claims.family_name_cyrillic.as_deref(), Some("Беков"));
        assert_eq!(claims.status.uri, "https://atajoly.test/api/v1/status-lists/1");
        assert!(list.token_age_ok(app.state.clock.now()));
        // Online: the QR gives the passport data, the number only initials; wrong inputs get their verdict.
        let qr = verify_api(&app, &json!({ "qr": card.qr_text, "verifier": "employer" })).await;
        assert_eq!((qr["result"].as_str(), qr["valid"].as_bool()), (Some("valid"), Some(true)), "{qr}");
        assert_eq!(qr["card"]["birth_date"], "1990-03-27");
        // A number alone says only that a valid card has it: numbers can be walked.
        let by_number = verify_api(&app, &json!({ "number": card.number, "verifier": "border" })).await;
        assert_eq!(by_number["result"], "valid");
        assert!(by_number["card"].is_null(), "no initials or citizenship for a number alone: {by_number}");
        // With the birth date printed on the card: the holder's initials and citizenship.
        let proven =
            verify_api(&app, &json!({ "number": card.number, "verifier": "border", "birth_date": "1990-03-27" })).await;
        assert_eq!((proven["card"]["family_name"].as_str(), proven["card"].get("birth_date")), (Some("B."), None));
        let guessed =
            verify_api(&app, &json!({ "number": card.number, "verifier": "border", "birth_date": "1990-03-28" })).await;
        assert!(guessed["card"].is_null(), "a wrong birth date shows nothing more");
        let mut wrong = card.number.clone();
        let last_char = wrong.pop().expect("char");
        wrong.push(if last_char == '0' { '1' } else { '0' });
        let typo = verify_api(&app, &json!({ "number": wrong, "verifier": "bank" })).await;
        assert_eq!((typo["result"].as_str(), typo["category"].as_str()), (Some("bad-card-number"), Some("mistyped")));
        let unknown = credential::CardNumber::from_serial(999_999).expect("n");
        let none = verify_api(&app, &json!({ "number": unknown.as_str(), "verifier": "bank" })).await;
        assert_eq!(none["result"], "no-valid-card");
        // Who is checking has no default: the holder's log shows it.
        let r = app.post_json("/api/v1/verifications", &json!({ "number": card.number }).to_string(), &[]).await;
        assert_eq!((r.status.as_u16(), r.json()["errors"][0]["field"].as_str()), (422, Some("verifier")));
        let mut changed: Vec<char> = card.qr_text.chars().collect();
        changed[60] = if changed[60] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        let bad = verify_api(&app, &json!({ "qr": changed, "verifier": "bank" })).await;
        assert_eq!((bad["category"].as_str(), bad["valid"].as_bool()), (Some("not-genuine"), Some(false)), "{bad}");
        assert!(bad["card"].is_null(), "nothing is shown from a text that does not verify");
        for (text, code) in [
            ("AZ2:ABC", "wrong-prefix"),
            ("AZ1:", "truncated"),
            (&card.qr_text[..card.qr_text.len() - 7], "truncated"),
            ("AZ1:abc", "not-base45"),
        ] {
            let r = verify_api(&app, &json!({ "qr": text })).await;
            assert!(r["result"] == code || (code == "truncated" && r["result"] == "not-base45"), "{text}: {r}");
        }
        let empty = app.post_json("/api/v1/verifications", "{}", &[]).await;
        assert_eq!(empty.status, 422, "{}", empty.body);
        assert!(empty.body.contains("\"qr\""), "the field is named: {}", empty.body);
        let unknown_field = app.post_json("/api/v1/verifications", r#"{"qr":"x","iin":"1"}"#, &[]).await;
        assert_eq!(unknown_field.status, 422);
        // The log is written by the worker's flush; the holder sees it, others do not.
        service::cards::flush_log(&app.state).await.expect("flush");
        let log = app.state.store.verifications(card.id, 100).await.expect("log");
        assert_eq!(log.len(), 4, "the QR check and three number checks; a changed text cannot name its card: {log:?}");
        assert!(log.iter().any(|e| e.verifier == "border" && e.channel == "number" && e.result == "valid"));
        let (holder_page, _) = crate::applications::page_session(&app, "holder@example.com").await;
        let page = app.get_with(&format!("/account/cards/{}?lang=en", card.number), &[("cookie", &holder_page)]).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("id=\"verification-log\"") && page.body.contains("Border guard"), "{}", page.body);
        assert_eq!(page.header("cache-control"), "no-store");
        for (lang, log_title, list_title, verify_title) in [
            ("kk", "Картаңызды кім тексерді", "Сіздің «Ата жолы» карталарыңыз", "«Ата жолы» картасын тексеру"),
            ("ru", "Кто проверял вашу карту", "Ваши карты «Ата жолы»", "Проверить карту «Ата жолы»"),
            ("en", "Who checked your card", "Your Ata Zholy cards", "Check an Ata Zholy card"),
        ] {
            let page =
                app.get_with(&format!("/account/cards/{}?lang={lang}", card.number), &[("cookie", &holder_page)]).await;
            assert!(page.status == 200 && page.body.contains(log_title), "{lang}: {}", page.body);
            let list = app.get_with(&format!("/account/cards?lang={lang}"), &[("cookie", &holder_page)]).await;
            assert!(list.status == 200 && list.body.contains(list_title), "{lang}");
            let verify = app.get(&format!("/verify?lang={lang}")).await;
            assert!(verify.status == 200 && verify.body.contains(verify_title), "{lang}");
        }
        let mine = app.get_with("/api/v1/me/cards", &[("authorization", &g.auth)]).await.json();
        assert_eq!(mine["cards"][0]["verifications"].as_array().map(Vec::len), Some(4));
        // Downloads: the PDF with embedded fonts, the QR as SVG and PNG; nobody else gets them.
        let pdf = app
            .get_with(&format!("/account/cards/{}/card.pdf?lang=kk", card.number), &[("cookie", &holder_page)])
            .await;
        assert_eq!((pdf.status.as_u16(), pdf.header("content-type")), (200, "application/pdf"));
        assert!(pdf.raw.starts_with(b"%PDF-") && pdf.body.contains("/FontFile2"), "a PDF with embedded fonts");
        // Read back by tools that share no code with ours: the text (Kazakh letters included) by pypdf,
        // the fonts embedded, and the QR code decoded by zxing-cpp from a 300 dpi rendering by pdftoppm.
        let dir = std::env::temp_dir().join(format!("atajoly-card-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("card.pdf"), &pdf.raw).expect("pdf");
        let expected = json!({
            "lang": "kk", "letters": ["ұ"], "number": card.number, "qr_text": card.qr_text,
            "names": ["BEKOV NURLAN", "Беков Нұрлан"], "title": "«Ата жолы» картасы",
        });
        std::fs::write(dir.join("card.json"), expected.to_string()).expect("json");
        let out = std::process::Command::new(crate::support::python())
            .arg("../../tests/cardpdf/check.py")
            .arg(dir.join("card.pdf"))
            .arg(dir.join("card.json"))
            .output()
            .expect("python");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = std::fs::remove_dir_all(&dir);
        let svg = app.get_with(&format!("/account/cards/{}/qr.svg", card.number), &[("cookie", &holder_page)]).await;
        assert_eq!(svg.header("content-type"), "image/svg+xml");
        let png = app.get_with(&format!("/account/cards/{}/qr.png", card.number), &[("cookie", &holder_page)]).await;
        assert!(png.raw.starts_with(b"\x89PNG"));
        applicant(&app, "other@example.com").await;
        let (other_page, _) = crate::applications::page_session(&app, "other@example.com").await;
        for path in ["", "/card.pdf", "/qr.svg", "/qr.png"] {
            let uri = format!("/account/cards/{}{path}", card.number);
            assert_eq!(app.get_with(&uri, &[("cookie", &other_page)]).await.status, 404, "{uri}");
            assert_eq!(app.get(&uri).await.status, 303, "{uri}: to sign in");
            assert_eq!(app.get_with(&uri, &[("cookie", &g.officer)]).await.status, 404, "{uri}: staff");
        }
        // The public page: the number check, in Kazakh, with CSRF.
        let form_page = app.get("/verify?lang=kk").await;
        assert_eq!(form_page.status, 200);
        let cookie = form_page.header("set-cookie").split(';').next().expect("cookie").to_owned();
        let csrf =
            form_page.body.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).expect("csrf");
        let r =
            form(&app, "/verify?lang=kk", &[("csrf", csrf), ("number", &card.number), ("verifier", "school")], &cookie)
                .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("data-category=\"valid\"") && r.body.contains("Карта жарамды"), "{}", r.body);
        assert!(!r.body.contains("id=\"verified-name\""), "a number alone shows no name: {}", r.body);
        assert!(r.body.contains("id=\"number-only\""), "the page says how to see the initials: {}", r.body);
        let with_birth = [
            ("csrf", csrf),
            ("number", card.number.as_str()),
            ("verifier", "school"),
            ("birth_date", card.birth_date.as_str()),
        ];
        let r = form(&app, "/verify?lang=en", &with_birth, &cookie).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("id=\"verified-name\""), "the birth date shows the initials: {}", r.body);
        let r = form(
            &app,
            "/verify?lang=en",
            &[("csrf", csrf), ("number", &card.number), ("verifier", "school"), ("birth_date", "1990-02-31")],
            &cookie,
        )
        .await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(
            r.body.contains("href=\"#birth-date\"") && r.body.contains("Date of birth"),
            "the field is named: {}",
            r.body
        );
        let r = form(&app, "/verify?lang=en", &[("csrf", csrf), ("number", &card.number)], &cookie).await;
        assert_eq!(r.status, 422, "no default verifier: {}", r.body);
        assert!(r.body.contains("href=\"#verifier\""), "{}", r.body);
        let r = form(&app, "/verify?lang=en", &[("csrf", csrf), ("number", " "), ("qr", "")], &cookie).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Type the card number or paste the text of its QR code"), "{}", r.body);
        let r = form(&app, "/verify", &[("csrf", "forged"), ("number", &card.number)], &cookie).await;
        assert_eq!(r.status, 403, "a forged CSRF token is refused");
    })
    .await;
}

trait Age {
    fn token_age_ok(&self, now: OffsetDateTime) -> bool;
}

impl Age for StatusListToken {
    fn token_age_ok(&self, now: OffsetDateTime) -> bool {
        self.freshness(now) == credential::status::Freshness::Fresh && self.ttl == Some(time::Duration::days(1))
    }
}

/// The service's own publications checked by `tests/credential/verify.py` (base45, zlib, cbor2, pycose:
/// no code shared with ours): the card's QR text, both key sets and status list 1 with the states given.
pub(crate) async fn independent_check(app: &TestApp, card: &store::Card, states: &[(&store::Card, u8)]) {
    let midnight = |d: &str| {
        let date = domain::reference::parse_iso_date(d).expect("date");
        date.midnight().assume_offset(time::macros::offset!(+5)).unix_timestamp()
    };
    let expected: serde_json::Map<String, Value> =
        states.iter().map(|(c, v)| (c.list_idx.to_string(), json!(v))).collect();
    let fixture = json!({
        "prefix": "AZ1:",
        "qr_text": card.qr_text,
        "jwks": app.get("/.well-known/atajoly/jwks.json").await.json(),
        "cose_key_set_hex": hex::encode(app.get("/.well-known/atajoly/keys.cose").await.raw),
        "kid_hex": card.kid,
        "now": app.state.clock.now().unix_timestamp(),
        "expected": {
            "iss": "KZ",
            "exp": card.expires_at,
            "nbf": midnight(&card.valid_from),
            "iat": card.issued_at,
            "status": { "status_list": { "idx": card.list_idx, "uri": "https://atajoly.test/api/v1/status-lists/1" } },
            "card": {
                "1": card.number, "2": card.family_name, "3": card.given_names, "4": card.family_name_kk,
                "5": card.given_names_kk, "6": card.birth_date, "7": card.citizenship,
            },
        },
        "status_list": {
            "token_hex": hex::encode(app.get("/api/v1/status-lists/1").await.raw),
            "uri": "https://atajoly.test/api/v1/status-lists/1",
            "expected": expected,
        },
    });
    let path = std::env::temp_dir().join(format!("atajoly-interop-{}.json", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, fixture.to_string()).expect("fixture");
    let out = std::process::Command::new(crate::support::python())
        .arg("../../tests/credential/verify.py")
        .arg(&path)
        .output()
        .expect("python");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn atajoly_verify_works_offline_and_says_how_old_its_list_is() {
    on_each_backend(|app| async move {
        let g = granted(&app, "offline@example.com", "E9990001", 41).await;
        let keys_file = app.get("/.well-known/atajoly/keys.cose").await.raw;
        let jwks_file = app.get("/.well-known/atajoly/jwks.json").await.raw;
        let list_file = app.get("/api/v1/status-lists/1").await.raw;
        let keys = atajoly::offline::read_keys(&keys_file).expect("COSE");
        assert_eq!(keys, atajoly::offline::read_keys(&jwks_file).expect("JWKS"));
        let now = app.state.clock.now();
        let r = atajoly::offline::verify(&g.card.qr_text, &keys, Some(&list_file), now + time::Duration::hours(3)).expect("ok");
        assert_eq!(r.verdict, Verdict::Valid);
        assert!(r.text.contains("status list: issued") && r.text.contains("3 h 0 min old (ttl 1 d 0 h)"), "{}", r.text);
        let r = atajoly::offline::verify(&g.card.qr_text, &keys, Some(&list_file), now + time::Duration::days(2)).expect("ok");
        assert!(matches!(r.verdict, Verdict::StatusListStale { .. }), "{}", r.text);
        let r = atajoly::offline::verify(&g.card.qr_text, &keys, None, now).expect("ok");
        assert_eq!(r.verdict, Verdict::ValidStatusUnchecked);
        assert!(r.text.contains("were not checked"));
        let other = credential::KeySet::from_jwks(
            r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg","kid":"56475aa75463474c"}]}"#,
        )
        .expect("jwks");
        let r = atajoly::offline::verify(&g.card.qr_text, &other, None, now).expect("ok");
        assert!(matches!(r.verdict, Verdict::UnknownKeyId(_)));
        assert!(atajoly::offline::verify(&g.card.qr_text, &other, Some(&list_file), now).is_err(), "a list from another key");
    })
    .await;
}

#[tokio::test]
async fn card_routes_answer_only_the_roles_they_are_for() {
    on_each_backend(|app| async move {
        let g = granted(&app, "roles@example.com", "E4440001", 51).await;
        let (holder, hcsrf) = crate::applications::page_session(&app, "roles@example.com").await;
        applicant(&app, "nosy@example.com").await;
        let (nosy, ncsrf) = crate::applications::page_session(&app, "nosy@example.com").await;
        let mut who: Vec<(&str, String, String)> = vec![
            ("holder", holder, hcsrf),
            ("other applicant", nosy, ncsrf),
            ("officer", g.officer.clone(), g.ocsrf.clone()),
        ];
        for (name, email, role, office) in [
            ("officer elsewhere", "oe@kz71.kz", "officer", Some("department-KZ-71")),
            ("supervisor", "sv@kz75.kz", "supervisor", Some("department-KZ-75")),
            ("police", "pol@mvd.kz", "checker_police", None),
            ("auditor", "aud@kz.kz", "auditor", None),
            ("administrator", "admin@kz.kz", "administrator", None),
            ("intermediary", "int@kz.kz", "intermediary", Some("embassy-MN")),
        ] {
            let (cookie, csrf) = staff(&app, email, role, office).await;
            who.push((name, cookie, csrf));
        }
        let n = &g.card.number;
        for path in [
            format!("/account/cards/{n}"),
            format!("/account/cards/{n}/card.pdf"),
            format!("/account/cards/{n}/qr.png"),
        ] {
            for (name, cookie, _) in &who {
                let ok = app.get_with(&path, &[("cookie", cookie)]).await.status == 200;
                assert_eq!(ok, *name == "holder", "GET {path} as {name}");
            }
        }
        // Each card action, by every role, with the caller's own CSRF token and fields that would do it.
        let fields = |csrf: &str| -> Vec<(String, String)> {
            vec![
                ("csrf".into(), csrf.into()),
                ("reference".into(), "Decree 1".into()),
                ("ground".into(), "court".into()),
                ("reason".into(), "r".into()),
            ]
        };
        for (action, allowed) in
            [("card_revoke", &["supervisor"][..]), ("card_invalidate", &["officer", "supervisor"][..])]
        {
            for (name, cookie, csrf) in &who {
                let f = fields(csrf);
                let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let before = app.state.store.card_events(g.card.id).await.expect("e").len();
                let r = form(&app, &format!("/cases/{}/{action}", g.id), &f, cookie).await;
                let through = r.status == 303;
                assert_eq!(through, allowed.contains(name), "POST {action} as {name}: {}", r.status);
                let after = app.state.store.card_events(g.card.id).await.expect("e").len();
                assert_eq!(after > before, through, "{action} as {name} changed the card only if allowed");
                if through {
                    break;
                }
            }
        }
        assert_eq!(app.state.store.card(g.card.id).await.expect("q").expect("c").state.as_str(), "invalidated");
        assert_eq!(app.get("/api/v1/me/cards").await.status, 401);
        let r = app.post_json(&format!("/api/v1/me/cards/{n}/passport"), "{}", &[]).await;
        assert_eq!(r.status, 401);
        assert_eq!(app.get("/verify").await.status, 200, "the verification page is public");
    })
    .await;
}

/// Online, every damaged text gets a verdict and a 200, never a 500, a crash or "valid": each
/// one-character change of a real card's QR text at 400 positions spread over it (three replacement
/// characters each, one outside the Base45 alphabet), and every truncation.
#[tokio::test]
async fn damaged_texts_get_a_verdict_online_never_an_error() {
    crate::support::on_each_backend_with(
        || service::Settings { verify_per_minute: u32::MAX, ..crate::support::test_settings() },
        |app| async move {
            let g = granted(&app, "fuzz@example.com", "E1210001", 61).await;
            let text: Vec<char> = g.card.qr_text.chars().collect();
            let mut cases = 0;
            let mut codes = std::collections::BTreeMap::<String, usize>::new();
            let step = (text.len() / 400).max(1);
            for i in (0..text.len()).step_by(step) {
                for c in ['0', 'Z', 'a'] {
                    if text[i] == c {
                        continue;
                    }
                    let mut t = text.clone();
                    t[i] = c;
                    let s: String = t.into_iter().collect();
                    let r = verify_api(&app, &json!({ "qr": s })).await;
                    assert_eq!(r["valid"], false, "position {i} to {c}: {r}");
                    *codes.entry(r["result"].as_str().unwrap_or("?").to_owned()).or_default() += 1;
                    cases += 1;
                }
            }
            for n in 1..text.len() {
                let s: String = text[..n].iter().collect();
                let r = verify_api(&app, &json!({ "qr": s })).await;
                assert_eq!(r["valid"], false, "truncated to {n}: {r}");
                cases += 1;
            }
            eprintln!("online fuzz ({}): {cases} damaged texts, verdicts {codes:?}", app.backend);
            assert!(cases > 1500, "{cases}");
        },
    )
    .await;
}
