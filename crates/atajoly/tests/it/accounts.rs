//! Accounts: sign-up, e-mail verification through a real SMTP server, sign-in (pages with cookies and
//! CSRF, the API with bearer tokens), rate limits, password reset, the inbox, the job queue's retries.

use axum::body::Body;
use axum::http::Request;
use serde_json::Value;

use crate::servers::SmtpServer;
use crate::support::{TestApp, TestResponse, link_token, on_each_backend, on_each_backend_with, test_settings};

const PASSWORD: &str = "жылқы-сүт-2026";

async fn post_form(app: &TestApp, uri: &str, form: &[(&str, &str)], cookies: &str) -> TestResponse {
    let body: String = form.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookies)
        .body(Body::from(body))
        .expect("request");
    app.request(req).await
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn get_cookie(app: &TestApp, uri: &str, cookies: &str) -> TestResponse {
    app.get_with(uri, &[("cookie", cookies)]).await
}

/// `name=value` of every `Set-Cookie` of a response.
fn set_cookies(r: &TestResponse) -> Vec<String> {
    r.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
}

fn cookie_value(r: &TestResponse, name: &str) -> Option<String> {
    set_cookies(r)
        .iter()
        .filter_map(|c| c.split(';').next())
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no hidden {name} in {body}")) + marker.len();
    body[start..].split('"').next().expect("value").to_owned()
}

async fn run_jobs(app: &TestApp) -> usize {
    service::jobs::run_due_jobs(&app.state).await.expect("jobs run")
}

fn mail_to<'a>(smtp: &'a [Value], to: &str) -> Vec<&'a Value> {
    smtp.iter().filter(|m| m["rcpt_tos"][0] == to).collect()
}

#[tokio::test]
async fn the_app_signs_up_verifies_by_email_and_signs_in_with_a_bearer_token() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.mail.smtp_url = Some(url.clone());
            s
        },
        |app| {
            let smtp = &smtp;
            async move {
                let email = format!("aigerim.{}@example.com", app.backend);
                let body = format!(r#"{{"email":" {} ","password":"{PASSWORD}","lang":"kk"}}"#, email.to_uppercase());
                let r = app.post_json("/api/v1/accounts", &body, &[]).await;
                assert_eq!(r.status, 202, "{}", r.body);
                // Nothing is sent until the worker runs; then exactly one message, in Kazakh.
                assert!(mail_to(&smtp.messages(), &email).is_empty());
                assert_eq!(run_jobs(&app).await, 1);
                let sent = smtp.messages();
                let mine = mail_to(&sent, &email);
                assert_eq!(mine.len(), 1, "{sent:?}");
                assert!(mine[0]["subject"].as_str().expect("subject").contains("растаңыз"), "{}", mine[0]);
                let text = mine[0]["body"].as_str().expect("body");
                assert!(text.contains("https://atajoly.test/account/verify?token="), "{text}");
                let token = link_token(text);
                assert_eq!(token.len(), 64);

                // Signing in before verifying is refused, with a fresh link sent.
                let creds = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
                let r = app.post_json("/api/v1/auth/token", &creds, &[("accept-language", "en")]).await;
                assert_eq!(r.status, 403, "{}", r.body);
                assert_eq!(r.json()["errors"][0]["code"], "unverified");
                assert_eq!(run_jobs(&app).await, 1);
                let fresh = link_token(mail_to(&smtp.messages(), &email)[1]["body"].as_str().expect("body"));
                assert_ne!(fresh, token);
                // Only the latest link works.
                let old = app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{token}"}}"#), &[]).await;
                assert_eq!(old.status, 422);
                assert_eq!(old.json()["errors"][0]["field"], "token");
                let ok = app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{fresh}"}}"#), &[]).await;
                assert_eq!(ok.status, 200, "{}", ok.body);
                assert_eq!(ok.json()["email"], email.as_str());
                let again = app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{fresh}"}}"#), &[]).await;
                assert_eq!(again.status, 422, "a link works once");

                let r = app.post_json("/api/v1/auth/token", &creds, &[]).await;
                assert_eq!(r.status, 201, "{}", r.body);
                let bearer = r.json()["token"].as_str().expect("token").to_owned();
                let auth = format!("Bearer {bearer}");
                let me = app.get_with("/api/v1/me", &[("authorization", &auth)]).await;
                assert_eq!(me.status, 200);
                assert_eq!(me.json()["email"], email.as_str());
                assert_eq!(me.json()["verified"], true);
                assert!(me.json().get("password_hash").is_none());
                let inbox = app.get_with("/api/v1/me/inbox", &[("authorization", &auth)]).await.json();
                assert_eq!(inbox["messages"].as_array().expect("messages").len(), 1);
                assert_eq!(inbox["messages"][0]["subject"], "Қош келдіңіз");

                // Cookies are not accepted by the API; a wrong or missing token is a 401.
                assert_eq!(app.get("/api/v1/me").await.status, 401);
                assert_eq!(app.get_with("/api/v1/me", &[("authorization", "Bearer nope")]).await.status, 401);
                let del = app
                    .request(
                        Request::delete("/api/v1/auth/token")
                            .header("authorization", &auth)
                            .body(Body::empty())
                            .expect("req"),
                    )
                    .await;
                assert_eq!(del.status, 204);
                assert_eq!(app.get_with("/api/v1/me", &[("authorization", &auth)]).await.status, 401);
            }
        },
    )
    .await;
}

#[tokio::test]
async fn sign_up_names_each_bad_field_in_the_callers_language_and_stores_nothing() {
    on_each_backend(|app| async move {
        let r = app
            .post_json(
                "/api/v1/accounts",
                r#"{"email":"not-an-address","password":"short"}"#,
                &[("accept-language", "ru")],
            )
            .await;
        assert_eq!(r.status, 422);
        let errors = r.json()["errors"].as_array().expect("errors").clone();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0]["field"], "email");
        assert!(errors[0]["message"].as_str().expect("message").contains("правильном формате"), "{errors:?}");
        assert_eq!(errors[1]["field"], "password");
        assert_eq!(errors[1]["code"], "too_short");
        let r = app.post_json("/api/v1/accounts", r#"{"email":5,"extra":"x"}"#, &[]).await;
        assert_eq!(r.status, 422);
        assert_eq!(app.post_json("/api/v1/accounts", "not json", &[]).await.status, 400);
        let r = app.post_json("/api/v1/accounts", r#"{"email":"a@example.com","password":"1234567890"}"#, &[]).await;
        assert_eq!(r.json()["errors"][0]["code"], "too_common");
        assert!(app.state.store.user_by_email("a@example.com").await.expect("query").is_none());
        assert!(app.state.store.jobs_in_state("pending").await.expect("jobs").is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_taken_address_gets_the_same_answer_and_its_owner_a_notice() {
    on_each_backend(|app| async move {
        let body = format!(r#"{{"email":"nurlan@example.com","password":"{PASSWORD}"}}"#);
        assert_eq!(app.post_json("/api/v1/accounts", &body, &[]).await.status, 202);
        let first = app.state.store.user_by_email("nurlan@example.com").await.expect("q").expect("user");
        let again = app.post_json("/api/v1/accounts", &body.replace(PASSWORD, "другой-пароль-1"), &[]).await;
        assert_eq!(again.status, 202, "same answer: no way to learn that the address has an account");
        let still = app.state.store.user_by_email("nurlan@example.com").await.expect("q").expect("user");
        assert_eq!(still, first, "the account is untouched");
        let jobs = app.state.store.jobs_in_state("pending").await.expect("jobs");
        assert_eq!(jobs.len(), 2, "a verification link, then a notice to the owner");
        assert!(jobs[1].payload["body"].as_str().expect("body").contains("/account/sign-in"));
        // Jobs written to the outbox directory when no SMTP server is configured.
        assert_eq!(run_jobs(&app).await, 2);
        assert_eq!(app.state.store.jobs_in_state("done").await.expect("jobs").len(), 2);
        let files = std::fs::read_dir(&app.state.settings.mail.outbox_dir).expect("outbox").count();
        assert_eq!(files, 2);
    })
    .await;
}

async fn verified_user(app: &TestApp, email: &str) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
    assert_eq!(app.post_json("/api/v1/accounts", &body, &[]).await.status, 202);
    let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
    let token = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
    let r = app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{token}"}}"#), &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
async fn guessing_locks_the_account_for_the_window() {
    on_each_backend(|app| async move {
        verified_user(&app, "dana@example.com").await;
        let wrong = r#"{"email":"dana@example.com","password":"wrong-password-1"}"#;
        for _ in 0..5 {
            let r = app.post_json("/api/v1/auth/token", wrong, &[]).await;
            assert_eq!(r.status, 401);
            assert_eq!(r.json()["code"], "AZ0401");
        }
        // The right password no longer helps within the window.
        let right = format!(r#"{{"email":"dana@example.com","password":"{PASSWORD}"}}"#);
        let r = app.post_json("/api/v1/auth/token", &right, &[("accept-language", "en")]).await;
        assert_eq!(r.status, 429);
        assert!(r.json()["errors"][0]["message"].as_str().expect("msg").contains("15 minutes"));
        // An unknown address answers exactly like a wrong password.
        let r = app
            .post_json("/api/v1/auth/token", r#"{"email":"nobody@example.com","password":"whatever-123"}"#, &[])
            .await;
        assert_eq!(r.status, 401);
        assert_eq!(r.json()["errors"][0]["code"], "wrong_credentials");
    })
    .await;
}

#[tokio::test]
async fn a_password_reset_works_once_and_ends_every_session() {
    on_each_backend(|app| async move {
        verified_user(&app, "erlan@example.com").await;
        let creds = format!(r#"{{"email":"erlan@example.com","password":"{PASSWORD}"}}"#);
        let bearer =
            app.post_json("/api/v1/auth/token", &creds, &[]).await.json()["token"].as_str().expect("t").to_owned();
        let auth = format!("Bearer {bearer}");
        let before = app.state.store.jobs_in_state("pending").await.expect("jobs").len();
        // Unknown addresses get the same answer and no e-mail.
        let r = app.post_json("/api/v1/password-resets", r#"{"email":"ghost@example.com"}"#, &[]).await;
        assert_eq!(r.status, 202);
        assert_eq!(app.state.store.jobs_in_state("pending").await.expect("jobs").len(), before);
        let r = app.post_json("/api/v1/password-resets", r#"{"email":"erlan@example.com"}"#, &[]).await;
        assert_eq!(r.status, 202);
        let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
        let mail = crate::support::mail(&app.state, &job);
        let text = mail["body"].as_str().expect("body");
        assert!(text.contains("/account/reset/new?token="), "{text}");
        let token = link_token(text);
        let short = app
            .post_json("/api/v1/password-resets/confirm", &format!(r#"{{"token":"{token}","password":"short"}}"#), &[])
            .await;
        assert_eq!(short.status, 422);
        assert_eq!(short.json()["errors"][0]["field"], "password");
        let ok = app
            .post_json(
                "/api/v1/password-resets/confirm",
                &format!(r#"{{"token":"{token}","password":"жаңа құпиясөз"}}"#),
                &[],
            )
            .await;
        assert_eq!(ok.status, 204, "{}", ok.body);
        assert_eq!(app.get_with("/api/v1/me", &[("authorization", &auth)]).await.status, 401, "sessions ended");
        let reuse = app
            .post_json(
                "/api/v1/password-resets/confirm",
                &format!(r#"{{"token":"{token}","password":"тағы бір құпия"}}"#),
                &[],
            )
            .await;
        assert_eq!(reuse.status, 422);
        assert_eq!(app.post_json("/api/v1/auth/token", &creds, &[]).await.status, 401, "the old password is gone");
        let new = r#"{"email":"erlan@example.com","password":"жаңа құпиясөз"}"#;
        assert_eq!(app.post_json("/api/v1/auth/token", new, &[]).await.status, 201);
        let last = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
        assert!(
            crate::support::mail(&app.state, &last)["subject"].as_str().expect("s").contains("өзгертілді"),
            "the owner is told, in Kazakh"
        );
    })
    .await;
}

#[tokio::test]
async fn pages_sign_up_verify_sign_in_and_out_with_csrf_and_secure_cookies() {
    on_each_backend(|app| async move {
        let r = app.get("/account").await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location"), "/account/sign-in?next=/account");

        let form = app.get("/account/sign-up?lang=en").await;
        assert_eq!(form.status, 200);
        let csrf_cookie = cookie_value(&form, "__Host-azc").expect("anonymous CSRF cookie");
        let c = set_cookies(&form).into_iter().find(|c| c.starts_with("__Host-azc")).expect("cookie");
        for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(c.contains(attr), "{c} lacks {attr}");
        }
        let csrf = hidden(&form.body, "csrf");
        assert_eq!(csrf, csrf_cookie);
        let cookies = format!("__Host-azc={csrf_cookie}; lang=en");

        // Without the token, or with another one: refused, nothing stored.
        let fields = [("email", "saule@example.com"), ("password", PASSWORD), ("password_confirm", PASSWORD)];
        let r = post_form(&app, "/account/sign-up", &fields, &cookies).await;
        assert_eq!(r.status, 403);
        let mut forged = fields.to_vec();
        forged.push(("csrf", "0000"));
        assert_eq!(post_form(&app, "/account/sign-up", &forged, &cookies).await.status, 403);
        assert!(app.state.store.user_by_email("saule@example.com").await.expect("q").is_none());

        // Bad answers: the same page, an error summary naming each field, in the page's language.
        let bad = [("csrf", csrf.as_str()), ("email", "saule"), ("password", PASSWORD), ("password_confirm", "other")];
        let r = post_form(&app, "/account/sign-up", &bad, &cookies).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("There is a problem"));
        assert!(r.body.contains("href=\"#email\""));
        assert!(r.body.contains("href=\"#password-confirm\""));
        assert!(r.body.contains("The two passwords are not the same"));
        assert!(r.body.contains("value=\"saule\""), "what was typed is kept");
        assert!(!r.body.contains(PASSWORD), "passwords are never sent back");

        let mut good = fields.to_vec();
        good.push(("csrf", &csrf));
        let r = post_form(&app, "/account/sign-up", &good, &cookies).await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location"), "/account/check-email");
        let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
        assert!(
            crate::support::mail(&app.state, &job)["subject"].as_str().expect("s").starts_with("Confirm"),
            "e-mail in the page's language"
        );
        let token = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
        let v = app.get(&format!("/account/verify?token={token}&lang=en")).await;
        assert_eq!(v.status, 200);
        assert!(v.body.contains("Your e-mail address is confirmed"));
        assert_eq!(app.get(&format!("/account/verify?token={token}")).await.status, 422);

        // Sign in, go to the account, sign out.
        let login = [
            ("csrf", csrf.as_str()),
            ("email", "saule@example.com"),
            ("password", PASSWORD),
            ("next", "//evil.example"),
        ];
        let r = post_form(&app, "/account/sign-in", &login, &cookies).await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location"), "/account", "no open redirect");
        let session = cookie_value(&r, "__Host-azs").expect("session cookie");
        let c = set_cookies(&r).into_iter().find(|c| c.starts_with("__Host-azs")).expect("cookie");
        assert!(c.contains("Secure") && c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
        let signed_in = format!("__Host-azs={session}; lang=en");
        let home = get_cookie(&app, "/account", &signed_in).await;
        assert_eq!(home.status, 200);
        assert!(home.body.contains("saule@example.com"));
        assert!(home.body.contains("Welcome"), "the inbox shows the welcome message");
        assert_eq!(home.header("cache-control"), "no-store");
        let session_csrf = hidden(&home.body, "csrf");
        assert_ne!(session_csrf, csrf, "a signed-in form carries the session's own token");
        assert_eq!(post_form(&app, "/account/sign-out", &[("csrf", &csrf)], &signed_in).await.status, 403);
        let out = post_form(&app, "/account/sign-out", &[("csrf", &session_csrf)], &signed_in).await;
        assert_eq!(out.status, 303);
        assert!(set_cookies(&out).iter().any(|c| c.starts_with("__Host-azs=;") && c.contains("Max-Age=0")));
        assert_eq!(get_cookie(&app, "/account", &signed_in).await.status, 303, "the session is gone on the server");

        // A wrong password: the form again, in Kazakh by default.
        let kk = format!("__Host-azc={csrf_cookie}");
        let wrong = [("csrf", csrf.as_str()), ("email", "saule@example.com"), ("password", "wrong-password-9")];
        let r = post_form(&app, "/account/sign-in", &wrong, &kk).await;
        assert_eq!(r.status, 401);
        assert!(r.body.contains("Электрондық пошта мекенжайы немесе құпиясөз дұрыс емес"), "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn failed_e_mails_are_retried_with_back_off_then_given_up() {
    // Nothing listens on this port: every attempt fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.mail.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"));
            s.mail.max_attempts = 2;
            s
        },
        |app| async move {
            let body = format!(r#"{{"email":"talgat@example.com","password":"{PASSWORD}"}}"#);
            assert_eq!(app.post_json("/api/v1/accounts", &body, &[]).await.status, 202);
            assert_eq!(run_jobs(&app).await, 1);
            let pending = app.state.store.jobs_in_state("pending").await.expect("jobs");
            assert_eq!(pending.len(), 1);
            assert_eq!(pending[0].attempts, 1);
            assert!(pending[0].last_error.is_some());
            let now = app.state.clock.now().unix_timestamp();
            assert_eq!(pending[0].run_at, now + 30, "retried after 30 s");
            assert_eq!(run_jobs(&app).await, 0, "not due yet");
            // Due again (the clock is fixed, so move the job instead).
            let job = app.state.store.claim(now + 31, 120).await.expect("claim").expect("due");
            app.state.store.fail(job.id, "still down", now, now + 60).await.expect("fail");
            let dead = app.state.store.jobs_in_state("dead").await.expect("jobs");
            assert_eq!(dead.len(), 1, "given up after max_attempts");
            assert_eq!(dead[0].last_error.as_deref(), Some("still down"));
        },
    )
    .await;
}

#[tokio::test]
async fn two_instances_share_sessions_and_jobs_through_the_database() {
    use crate::support::{Cleanup, backends, fixed_clock, fresh_store, pg_url};
    for backend in backends() {
        let (first, cleanup) = fresh_store(backend).await;
        atajoly::migrate(first.as_ref()).await.expect("migrate");
        // A second instance: its own connections to the same database.
        let second: std::sync::Arc<dyn store::Store> = match &cleanup {
            Cleanup::File(p) => std::sync::Arc::new(
                store::SqliteStore::connect(&format!("sqlite://{}", p.display())).await.expect("sqlite"),
            ),
            Cleanup::Schema(s) => std::sync::Arc::new(store::PgStore::connect(&pg_url(), Some(s)).await.expect("pg")),
        };
        let settings = test_settings();
        let a = service::App::new(first, fixed_clock(), settings.clone()).await.expect("a");
        let b = service::App::new(second, fixed_clock(), settings).await.expect("b");
        let (ra, rb) = (web::build_router(a.clone()), web::build_router(b.clone()));
        let call = |router: axum::Router, req: Request<Body>| async move {
            let res = tower::ServiceExt::oneshot(router, req).await.expect("infallible");
            let status = res.status();
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
            (status, serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null))
        };
        let json = |uri: &str, body: String| {
            Request::post(uri).header("content-type", "application/json").body(Body::from(body)).expect("req")
        };
        let creds = format!(r#"{{"email":"shared@example.com","password":"{PASSWORD}"}}"#);
        // Sign up on A; B's worker sends the e-mail; verify on B; sign in on A; the token works on B.
        assert_eq!(call(ra.clone(), json("/api/v1/accounts", creds.clone())).await.0, 202);
        // The link is read before delivery: once sent, the job keeps not even its sealed text.
        let job = b.store.jobs_in_state("pending").await.expect("jobs").pop().expect("pending");
        let token = link_token(crate::support::mail(&b, &job)["body"].as_str().expect("body"));
        assert_eq!(service::jobs::run_due_jobs(&b).await.expect("jobs"), 1, "{backend}: any instance runs the jobs");
        assert_eq!(service::jobs::run_due_jobs(&a).await.expect("jobs"), 0, "{backend}: and each job runs once");
        let done = b.store.jobs_in_state("done").await.expect("jobs").pop().expect("done");
        assert_eq!(done.payload, serde_json::json!({ "sealed": null }), "{backend}: forgotten once delivered");
        assert_eq!(call(rb.clone(), json("/api/v1/accounts/verify", format!(r#"{{"token":"{token}"}}"#))).await.0, 200);
        let (status, body) = call(ra.clone(), json("/api/v1/auth/token", creds.clone())).await;
        assert_eq!(status, 201, "{backend}");
        let bearer = format!("Bearer {}", body["token"].as_str().expect("token"));
        let me = Request::get("/api/v1/me").header("authorization", &bearer).body(Body::empty()).expect("req");
        let (status, body) = call(rb.clone(), me).await;
        assert_eq!((status.as_u16(), body["email"].as_str()), (200, Some("shared@example.com")), "{backend}");
        // Signed out on B: refused on A too.
        let out =
            Request::delete("/api/v1/auth/token").header("authorization", &bearer).body(Body::empty()).expect("req");
        assert_eq!(call(rb, out).await.0, 204);
        let me = Request::get("/api/v1/me").header("authorization", &bearer).body(Body::empty()).expect("req");
        assert_eq!(call(ra, me).await.0, 401, "{backend}");
        cleanup.run().await;
    }
}
