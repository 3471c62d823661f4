//! Rate limits (decision 0023): counted before the check by one atomic statement, so parallel guesses,
//! on one instance or two, do not get through; per (address, network) for refusing, so a stranger
//! does not lock the owner out; IPv6 per /64; the second factor, enrolment, sign-up, reset links and
//! the public check by number and birth date limited; `Retry-After` on every 429; the window's end
//! lifts it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use futures_util::future::join_all;

use crate::applications::set_cookie;
use crate::support::{FixedClock, TestApp, TestResponse, link_token, on_each_backend, on_each_backend_with};

const PASSWORD: &str = "жылқы-сүт-2026";
const TOKEN: &str = "/api/v1/auth/token";

/// A form POST from the client at `ip`, with the anonymous CSRF cookie of the page at `page`.
async fn form_from(app: &TestApp, page: &str, uri: &str, fields: &[(&str, &str)], ip: &str) -> TestResponse {
    let csrf = set_cookie(&app.get(page).await, "__Host-azc");
    let token = csrf.trim_start_matches("__Host-azc=").to_owned();
    let enc = |s: &str| {
        s.bytes()
            .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect::<String>()
    };
    let body: Vec<String> = std::iter::once(("csrf", token.as_str()))
        .chain(fields.iter().copied())
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    let peer = SocketAddr::new(ip.parse().expect("ip"), 40_000);
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &csrf)
        .extension(ConnectInfo(peer))
        .body(Body::from(body.join("&")))
        .expect("request");
    app.request(req).await
}

/// A JSON POST from the client at `ip` (as the server's socket would see it).
async fn post_from(app: &TestApp, uri: &str, body: &str, ip: &str) -> TestResponse {
    let peer = SocketAddr::new(ip.parse().expect("ip"), 40_000);
    let req = Request::post(uri)
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .extension(ConnectInfo(peer))
        .body(Body::from(body.to_owned()))
        .expect("request");
    app.request(req).await
}

fn creds(email: &str, password: &str) -> String {
    serde_json::json!({ "email": email, "password": password }).to_string()
}

/// A verified applicant (signed up and verified from `unknown`, the in-process client).
async fn verified(app: &TestApp, email: &str) {
    assert_eq!(app.post_json("/api/v1/accounts", &creds(email, PASSWORD), &[]).await.status, 202);
    let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
    let token = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
    let r = app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{token}"}}"#), &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// A 429 that says to retry in `secs` seconds, in the header and in words.
fn refused_for(r: &TestResponse, secs: u64, words: &str) {
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(r.header("retry-after"), secs.to_string(), "{}", r.body);
    assert!(r.body.contains(words), "{words:?} in {}", r.body);
}

/// The same app (store, settings) at a later instant: another instance, or the clock moved on.
async fn at(app: &TestApp, when: time::OffsetDateTime) -> TestApp {
    let settings = app.state.settings.clone();
    let state = service::App::new(app.state.store.clone(), Arc::new(FixedClock(when)), settings).await.expect("state");
    TestApp { router: web::build_router(state.clone()), state, backend: app.backend }
}

#[tokio::test]
async fn parallel_wrong_passwords_on_two_instances_are_checked_no_more_than_the_limit() {
    on_each_backend(|app| async move {
        verified(&app, "dana@example.com").await;
        let other = at(&app, app.state.clock.now()).await;
        let wrong = creds("dana@example.com", "wrong-password-1");
        let net = "203.0.113.9";
        let answers = join_all((0..20).map(|i| {
            let (one, wrong) = (if i % 2 == 0 { &app } else { &other }, &wrong);
            async move { post_from(one, TOKEN, wrong, net).await }
        }))
        .await;
        let checked = answers.iter().filter(|r| r.status == 401).count();
        assert_eq!(checked, 5, "only the limit's worth reach the password");
        // The rest are refused without a look at the password, until the window (15 minutes at the
        // test clock, 05:00) ends.
        for r in answers.iter().filter(|r| r.status != 401) {
            refused_for(r, 900, "Try again in 15 minutes");
        }
        let right = creds("dana@example.com", PASSWORD);
        refused_for(&post_from(&app, TOKEN, &right, net).await, 900, "in 15 minutes");
        // The owner, from their own network, is not locked out by someone else's guesses.
        let r = post_from(&app, TOKEN, &right, "198.51.100.7").await;
        assert_eq!(r.status, 201, "{}", r.body);
        // The pages answer the same 429, with the header, in the reader's language.
        let fields = [("email", "dana@example.com"), ("password", PASSWORD)];
        let r = form_from(&app, "/account/sign-in", "/account/sign-in?lang=ru", &fields, net).await;
        refused_for(&r, 900, "через 15 минут");
    })
    .await;
}

#[tokio::test]
async fn the_window_s_end_lifts_the_refusal() {
    on_each_backend(|app| async move {
        verified(&app, "erzhan@example.com").await;
        let net = "203.0.113.20";
        for _ in 0..5 {
            assert_eq!(post_from(&app, TOKEN, &creds("erzhan@example.com", "wrong-password-1"), net).await.status, 401);
        }
        let right = creds("erzhan@example.com", PASSWORD);
        let r = post_from(&app, TOKEN, &right, net).await;
        refused_for(&r, 900, "in 15 minutes");
        // A minute before the end: one minute to wait.
        let nearly = at(&app, app.state.clock.now() + time::Duration::seconds(841)).await;
        refused_for(&post_from(&nearly, TOKEN, &right, net).await, 59, "in 59 seconds");
        // When Retry-After said: the right password works again.
        let later = at(&app, app.state.clock.now() + time::Duration::seconds(900)).await;
        let r = post_from(&later, TOKEN, &right, net).await;
        assert_eq!(r.status, 201, "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn ipv6_addresses_count_per_64() {
    on_each_backend(|app| async move {
        verified(&app, "aru@example.com").await;
        let wrong = creds("aru@example.com", "wrong-password-1");
        // Five addresses of one /64: one client.
        for i in 1..=5 {
            assert_eq!(post_from(&app, TOKEN, &wrong, &format!("2001:db8:1:2::{i}")).await.status, 401);
        }
        refused_for(&post_from(&app, TOKEN, &wrong, "2001:db8:1:2:ffff::99").await, 900, "in 15 minutes");
        // The next /64 is another client: its guess is checked.
        assert_eq!(post_from(&app, TOKEN, &wrong, "2001:db8:1:3::1").await.status, 401);
        // Sign-ups (10 an hour per client): addresses of one /64 count together, another /64 apart.
        for i in 0..10 {
            let r =
                post_from(&app, "/api/v1/accounts", &creds(&format!("n{i}@example.com"), PASSWORD), "2001:db8:9:9::1")
                    .await;
            assert_eq!(r.status, 202, "{}", r.body);
        }
        let r = post_from(&app, "/api/v1/accounts", &creds("n10@example.com", PASSWORD), "2001:db8:9:9::abcd").await;
        refused_for(&r, 3600, "in 60 minutes");
        let r = post_from(&app, "/api/v1/accounts", &creds("n11@example.com", PASSWORD), "2001:db8:9:a::1").await;
        assert_eq!(r.status, 202, "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn guesses_from_many_networks_only_slow_the_answers() {
    let settings =
        || service::Settings { slow_down_unit: Duration::from_millis(100), ..crate::support::test_settings() };
    on_each_backend_with(settings, |app| async move {
        verified(&app, "timur@example.com").await;
        let wrong = creds("timur@example.com", "wrong-password-1");
        // Ten guesses from two networks: each checked, none delayed.
        for net in ["203.0.113.1", "203.0.113.2"] {
            for _ in 0..5 {
                assert_eq!(post_from(&app, TOKEN, &wrong, net).await.status, 401);
            }
        }
        // From a third network: still checked, but each answer waits longer (1, 2 units).
        for units in [1, 2] {
            let start = Instant::now();
            assert_eq!(post_from(&app, TOKEN, &wrong, "203.0.113.3").await.status, 401);
            assert!(start.elapsed() >= Duration::from_millis(100 * units), "{:?}", start.elapsed());
        }
        // The owner waits (4 units) but is let in: slowed, never locked out.
        let start = Instant::now();
        let r = post_from(&app, TOKEN, &creds("timur@example.com", PASSWORD), "198.51.100.50").await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert!(start.elapsed() >= Duration::from_millis(400), "{:?}", start.elapsed());
    })
    .await;
}

#[tokio::test]
async fn the_second_factor_is_limited_even_in_parallel() {
    on_each_backend(|app| async move {
        let hash = service::auth::hash_password(PASSWORD.into(), app.state.settings.hash).await.expect("hash");
        let user = store::NewUser { email: "officer@kz75.kz".into(), password_hash: hash, lang: "en".into(), now: 1 };
        let totp = crate::support::sealed_totp(&app, &user.email);
        let role = crate::support::role("officer");
        app.state.store.create_staff(&user, role, Some("department-KZ-75"), &totp).await.expect("q").expect("new");
        let with_code = |code: &str| {
            serde_json::json!({ "email": "officer@kz75.kz", "password": PASSWORD, "code": code }).to_string()
        };
        // Over the API, one wrong code after another (the password is right each time).
        let wrong = with_code("000000");
        for _ in 0..2 {
            let r = post_from(&app, TOKEN, &wrong, "203.0.113.30").await;
            assert_eq!((r.status.as_u16(), r.json()["errors"][0]["field"].clone()), (401, "code".into()));
        }
        // In parallel (the pages' second step calls the same check): the limit's worth are checked.
        let officer = app.state.store.user_by_email("officer@kz75.kz").await.expect("q").expect("officer");
        let results = join_all((0..12).map(|_| service::accounts::check_code(&app.state, &officer, "000000"))).await;
        let codes: Vec<service::ErrorCode> = results.into_iter().map(|r| r.expect_err("a wrong code").code).collect();
        assert_eq!(codes.iter().filter(|c| **c == service::ErrorCode::Unauthorized).count(), 3, "5 in all");
        refused_for(
            &post_from(&app, TOKEN, &wrong, "203.0.113.30").await,
            900,
            "Too many wrong codes. Try again in 15 minutes.",
        );
        // The right code does not help within the window, from any network.
        let secret = domain::totp::base32_decode(crate::cases::SECRET).expect("base32");
        let step = app.state.clock.now().unix_timestamp() / 30;
        let code = format!("{:06}", domain::totp::hotp(&secret, u64::try_from(step).expect("step")));
        refused_for(&post_from(&app, TOKEN, &with_code(&code), "198.51.100.8").await, 900, "wrong codes");
    })
    .await;
}

#[tokio::test]
async fn enrolment_codes_are_limited_even_in_parallel() {
    on_each_backend(|app| async move {
        let t = app.state.clock.now().unix_timestamp();
        let staff = store::NewStaff {
            email: "new@kz75.kz".into(),
            name: "Aigerim".into(),
            lang: "en".into(),
            role: crate::support::role("officer"),
            office: Some("department-KZ-75".into()),
            password_hash: "x".into(),
            now: t,
        };
        let token = "ab".repeat(32);
        let new_token = store::NewToken {
            token_hash: service::auth::digest(&token),
            purpose: store::TokenPurpose::Enrol,
            created_at: t,
            expires_at: t + 3600,
        };
        let mail = service::mail::Email { to: staff.email.clone(), subject: "s".into(), body: "b".into() };
        let job = service::jobs::email_job(&mail, t, None, 3);
        app.state.store.create_enrolling_staff(&staff, &new_token, &job).await.expect("q").expect("new");
        let page = service::enrol::page(&app.state, &token, None).await.expect("page");
        let form = service::enrol::EnrolForm {
            token: &token,
            password: PASSWORD,
            confirm: PASSWORD,
            sealed: &page.sealed,
            code: "000000",
        };
        let results = join_all((0..12).map(|_| service::enrol::finish(&app.state, form, "test"))).await;
        let errors: Vec<service::AppError> = results.into_iter().map(|r| r.expect_err("a wrong code")).collect();
        let checked = errors.iter().filter(|e| e.code == service::ErrorCode::Validation).count();
        assert_eq!(checked, 5, "only the limit's worth of codes are checked");
        assert!(
            errors.iter().filter(|e| e.code == service::ErrorCode::TooManyRequests).all(|e| e.retry_after == Some(900))
        );
    })
    .await;
}

#[tokio::test]
async fn reset_links_asked_for_from_one_network_are_limited() {
    on_each_backend(|app| async move {
        for i in 0..20 {
            let body = format!(r#"{{"email":"p{i}@example.com"}}"#);
            assert_eq!(post_from(&app, "/api/v1/password-resets", &body, "203.0.113.40").await.status, 202);
        }
        let r = post_from(&app, "/api/v1/password-resets", r#"{"email":"p20@example.com"}"#, "203.0.113.40").await;
        refused_for(&r, 3600, "Too many links have been asked for from here. Try again in 60 minutes.");
        let r = post_from(&app, "/api/v1/password-resets", r#"{"email":"p20@example.com"}"#, "203.0.113.41").await;
        assert_eq!(r.status, 202);
    })
    .await;
}

#[tokio::test]
async fn the_public_check_limits_birth_dates_and_checks_a_minute() {
    let settings = || service::Settings { verify_per_minute: 12, ..crate::support::test_settings() };
    on_each_backend_with(settings, |app| async move {
        let number = credential::CardNumber::from_serial(4242).expect("number");
        let check = |birth: Option<String>| {
            let mut b = serde_json::json!({ "number": number.as_str(), "verifier": "employer" });
            if let Some(d) = birth {
                b["birth_date"] = d.into();
            }
            b.to_string()
        };
        let net = "203.0.113.50";
        // Birth dates tried with one number: five, then refused from this network.
        for day in 1..=5 {
            let r = post_from(&app, "/api/v1/verifications", &check(Some(format!("1990-01-0{day}"))), net).await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
        let r = post_from(&app, "/api/v1/verifications", &check(Some("1990-01-06".into())), net).await;
        refused_for(&r, 900, "Try again in 15 minutes.");
        // The number alone still answers; another network's verifier may still give a birth date.
        assert_eq!(post_from(&app, "/api/v1/verifications", &check(None), net).await.status, 200);
        let r = post_from(&app, "/api/v1/verifications", &check(Some("1990-01-07".into())), "198.51.100.9").await;
        assert_eq!(r.status, 200);
        // The /verify page: the same refusal, with the header.
        let fields = [("verifier", "employer"), ("number", number.as_str()), ("birth_date", "1990-01-08")];
        refused_for(
            &form_from(&app, "/verify", "/verify?lang=en", &fields, net).await,
            900,
            "Try again in 15 minutes.",
        );
        // Checks a minute per network (12 here; this network has made 8): the rest of the minute waits.
        for _ in 0..4 {
            assert_eq!(post_from(&app, "/api/v1/verifications", &check(None), net).await.status, 200);
        }
        refused_for(&post_from(&app, "/api/v1/verifications", &check(None), net).await, 60, "in 1 minute");
        let a_minute_on = at(&app, app.state.clock.now() + time::Duration::seconds(60)).await;
        assert_eq!(post_from(&a_minute_on, "/api/v1/verifications", &check(None), net).await.status, 200);
    })
    .await;
}

#[test]
fn every_429_in_the_document_says_retry_after() {
    let doc = &*crate::openapi::DOC;
    let mut seen = 0;
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for (method, op) in ops.as_object().expect("ops") {
            if let Some(r) = op["responses"].get("429") {
                seen += 1;
                assert_eq!(r["headers"]["Retry-After"]["schema"]["type"], "integer", "{method} {path}");
            }
        }
    }
    assert_eq!(seen, 5, "sign-up, sign-in, reset links, the public check, claim codes");
}

/// The store's counting statement itself: 200 attempts at once on one key each get their own count.
#[tokio::test]
async fn parallel_counts_are_each_given_once() {
    on_each_backend(|app| async move {
        let store = app.state.store.clone();
        let all = join_all((0..200).map(|_| store.count_attempt("p", 0))).await;
        let mut counts: Vec<i64> = all.into_iter().map(|c| c.expect("count")).collect();
        counts.sort_unstable();
        assert_eq!(counts, (1..=200).collect::<Vec<_>>(), "{}", app.backend);
    })
    .await;
}

#[tokio::test]
async fn instances_count_the_public_checks_together_within_a_flush() {
    let settings = || service::Settings { verify_per_minute: 12, ..crate::support::test_settings() };
    crate::support::on_each_backend_with_db(settings, |app, db| async move {
        let other = crate::decisions::second_instance(&app, &db).await;
        let net = "203.0.113.77";
        for n in 1..=10 {
            service::cards::limit(&app.state, net).unwrap_or_else(|e| panic!("check {n}: {e:?}"));
        }
        // Nothing written yet: the other instance knows only its own check.
        service::cards::limit(&other, net).expect("the other instance's first");
        assert_eq!(service::cards::flush_checks(&app.state).await.expect("flush"), 1, "one client");
        assert_eq!(service::cards::flush_checks(&other).await.expect("flush"), 1, "one client");
        // Both wrote theirs: the other instance now counts all 11, so one more is the 12th and the next
        // is refused until the minute ends.
        service::cards::limit(&other, net).expect("the 12th");
        let refused = service::cards::limit(&other, net).expect_err("the 13th is past the limit");
        assert_eq!(refused.code, service::ErrorCode::TooManyRequests);
        assert!(refused.retry_after.is_some_and(|s| (1..=60).contains(&s)), "{:?}", refused.retry_after);
        // The first instance learns the total from its next write, and the database holds every attempt.
        service::cards::limit(&app.state, net).expect("the first instance knows 11 of its own");
        service::cards::flush_checks(&other).await.expect("flush");
        service::cards::flush_checks(&app.state).await.expect("flush");
        assert!(service::cards::limit(&app.state, net).is_err(), "now it knows the other's too");
        // The database holds every attempt counted (10 + 1 + 2 + 1 + 1 = 15, refused ones too): a third
        // instance, new, writes its first and learns the total.
        service::cards::flush_checks(&app.state).await.expect("flush");
        let third = crate::decisions::second_instance(&app, &db).await;
        service::cards::limit(&third, net).expect("the third instance's first, as far as it knows");
        service::cards::flush_checks(&third).await.expect("flush");
        assert!(service::cards::limit(&third, net).is_err(), "16 written: the third refuses too");
    })
    .await;
}
