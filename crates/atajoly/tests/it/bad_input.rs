//! Bad input, as an attacker would type it: open-redirect payloads after sign-in, markup in every
//! free-text field, header injection in e-mail fields, oversized requests (and, with real sockets,
//! oversized headers). Each is refused with a clear answer or shown as inert text; nothing answers 500.

use serde_json::json;

use crate::applications::{PDF, applicant, complete_draft, form, multipart, patch, send, sign_in_csrf};
use crate::cases::{PASSWORD, staff};
use crate::support::on_each_backend;

/// Payloads for `next`: tabs, newlines, backslashes, encoded slashes, other schemes, other hosts.
const REDIRECTS: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "/%09/evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "https://evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "/\u{3000}/evil.example",
    "/account\r\nSet-Cookie: x=1",
];

/// A `Location` that stays on the site: a path with one leading `/`, no backslash, no control
/// character, no space, no percent-encoded slash or backslash that a browser or proxy may decode.
fn stays_here(location: &str) -> bool {
    let lower = location.to_ascii_lowercase();
    location.starts_with('/')
        && !location.starts_with("//")
        && !location.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace())
        && !lower.contains("%2f%2f")
        && !lower.starts_with("/%2f")
        && !lower.starts_with("/%5c")
        && !lower.starts_with("/%09")
        && !location.contains("evil.example")
}

#[tokio::test]
async fn no_payload_leads_away_from_the_site_after_sign_in() {
    on_each_backend(|app| async move {
        applicant(&app, "redirect@example.com").await;
        for next in REDIRECTS.iter().copied().chain(["/applications?q=ақ&x=1", "/account/cards#top"]) {
            // The form carries `next` as a hidden field: what it keeps is local.
            let page = app.get(&format!("/account/sign-in?next={}", enc(next))).await;
            assert_eq!(page.status, 200, "sign-in page with next={next:?}");
            let (cookie, csrf) = sign_in_csrf(&app).await;
            let fields =
                [("csrf", csrf.as_str()), ("email", "redirect@example.com"), ("password", PASSWORD), ("next", next)];
            let r = form(&app, "/account/sign-in", &fields, &cookie).await;
            assert_eq!(r.status, 303, "next={next:?}: {}", r.body);
            let to = r.header("location");
            assert!(stays_here(to), "next={next:?} sent the browser to {to:?}");
        }
        // A local path with a query and non-Latin letters is kept, encoded for the header.
        let (cookie, csrf) = sign_in_csrf(&app).await;
        let fields = [
            ("csrf", csrf.as_str()),
            ("email", "redirect@example.com"),
            ("password", PASSWORD),
            ("next", "/applications?q=ақ"),
        ];
        let r = form(&app, "/account/sign-in", &fields, &cookie).await;
        assert_eq!(r.header("location"), "/applications?q=%D0%B0%D2%9B");
    })
    .await;
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Markup payloads; each carries a marker (`AZX1`…) so that the test also proves the text was shown.
const MARKUP: &[(&str, &str)] = &[
    ("AZX1", "<script>alert('AZX1')</script>"),
    ("AZX2", "\"><img src=x onerror=alert('AZX2')>"),
    ("AZX3", "'><svg onload=alert('AZX3')>"),
];

/// The page shows the text (its marker) but none of the markup as markup.
fn inert(page: &str, what: &str, marker: &str, payload: &str) {
    assert!(page.contains(marker), "{what}: the text {marker} is not shown at all");
    assert!(!page.contains(payload), "{what}: {payload:?} is in the page as markup");
    for raw in ["<script>alert", "<img src=x", "<svg onload"] {
        assert!(!page.contains(raw), "{what}: {raw:?} in the page");
    }
}

#[tokio::test]
async fn markup_in_every_free_text_field_is_shown_as_text() {
    on_each_backend(|app| async move {
        let (admin, acsrf) = staff(&app, "adm-xss@kz.kz", "administrator", None).await;
        let (officer, ocsrf) = staff(&app, "o-xss@kz.kz", "officer", Some("department-KZ-75")).await;
        let (supervisor, _) = staff(&app, "s-xss@kz.kz", "supervisor", Some("department-KZ-75")).await;
        let (auditor, _) = staff(&app, "a-xss@kz.kz", "auditor", None).await;
        for (n, (marker, payload)) in MARKUP.iter().enumerate() {
            let email = format!("xss{n}@example.com");
            let auth = applicant(&app, &email).await;
            let id = complete_draft(&app, &auth, &format!("X{n:07}")).await;
            // Answers that take free text, and a file name.
            let r = patch(
                &app,
                &auth,
                id,
                &json!({ "residence_address": format!("Ulaanbaatar {payload}"), "cat1_evidence": format!("MSc {payload}") }),
            )
            .await;
            assert_eq!(r.status, 200, "{}", r.body);
            let (ct, body) = multipart(&[("item", "passport")], Some((&format!("{payload}.pdf"), PDF)));
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/documents"), &auth, &ct, body, &[]).await;
            assert_eq!(r.status, 201, "{}", r.body);
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
            assert_eq!(r.status, 200, "{}", r.body);
            // An officer's note and a request for corrections with its reason.
            let note = format!("Note {payload}");
            assert_eq!(form(&app, &format!("/cases/{id}/note"), &[("csrf", &ocsrf), ("note", &note)], &officer).await.status, 303);
            let case = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
            assert_eq!(case.status, 200);
            inert(&case.body, "the case page", marker, payload);
            let sup = app.get_with(&format!("/cases/{id}?lang=ru"), &[("cookie", &supervisor)]).await;
            inert(&sup.body, "the supervisor's case page", marker, payload);
            let (page, _) = crate::applications::page_session(&app, &email).await;
            let overview = app.get_with(&format!("/applications/{id}?lang=kk"), &[("cookie", &page)]).await;
            assert_eq!(overview.status, 200);
            assert!(!overview.body.contains(payload), "the applicant's page shows {payload:?} as markup");
            let uri = format!("/applications/{id}/check?lang=en");
            let answers = app.get_with(&uri, &[("cookie", &page)]).await;
            assert_eq!(answers.status, 200, "{uri}");
            inert(&answers.body, &uri, marker, payload);
            // Searches echo what was typed.
            for (uri, cookie) in [
                (format!("/professions?q={}", enc(payload)), String::new()),
                (format!("/cases?q={}", enc(payload)), officer.clone()),
                (format!("/audit?q={}", enc(payload)), auditor.clone()),
                (format!("/check/citizenship?return={}", enc(payload)), String::new()),
            ] {
                let r = app.get_with(&uri, &[("cookie", &cookie)]).await;
                assert!(r.status.as_u16() < 500, "{uri}: {}", r.status);
                assert!(!r.body.contains(payload), "{uri} echoes {payload:?} as markup");
            }
            // The public check keeps what was typed on its form.
            let (cookie, csrf) = sign_in_csrf(&app).await;
            let r = form(
                &app,
                "/verify",
                &[("csrf", &csrf), ("number", payload), ("verifier", "employer"), ("birth_date", "1990-03-27")],
                &cookie,
            )
            .await;
            assert!(r.status.as_u16() < 500);
            assert!(!r.body.contains(payload), "the public check echoes {payload:?} as markup");
            // A staff member's name, on the administration page and in the office's load chart.
            let staff_email = format!("named{n}@kz.kz");
            let fields = [
                ("csrf", acsrf.as_str()),
                ("email", staff_email.as_str()),
                ("name", payload),
                ("role", "officer"),
                ("office", "department-KZ-75"),
            ];
            let r = form(&app, "/admin/staff", &fields, &admin).await;
            assert!(r.status.as_u16() < 500, "{}", r.body);
            let page = app.get_with("/admin?lang=en", &[("cookie", &admin)]).await;
            inert(&page.body, "the administration page", marker, payload);
        }
        let dash = app.get_with("/dashboard?lang=en", &[("cookie", &supervisor)]).await;
        assert_eq!(dash.status, 200);
        for (_, payload) in MARKUP {
            assert!(!dash.body.contains(payload), "the dashboard shows {payload:?} as markup");
        }
    })
    .await;
}

/// E-mail fields refuse anything that could add a header (CR, LF, a second address), naming the field;
/// no e-mail is queued to such an address.
#[tokio::test]
async fn header_injection_in_e_mail_fields_is_refused() {
    on_each_backend(|app| async move {
        let bad = [
            "victim@example.com\r\nBcc: evil@evil.example",
            "victim@example.com\nBcc: evil@evil.example",
            "victim@example.com%0d%0aBcc:evil@evil.example",
            "victim@example.com, evil@evil.example",
            "\"evil\" <evil@evil.example>",
            "victim@example.com\r\n\r\nbody",
        ];
        for email in bad {
            let body = json!({ "email": email, "password": PASSWORD }).to_string();
            let r = app.post_json("/api/v1/accounts", &body, &[]).await;
            assert_eq!(r.status, 422, "sign-up with {email:?}: {}", r.body);
            assert!(r.body.contains("\"email\""), "the field is named: {}", r.body);
            let r = app.post_json("/api/v1/password-resets", &json!({ "email": email }).to_string(), &[]).await;
            assert!(matches!(r.status.as_u16(), 202 | 422), "reset with {email:?}: {}", r.status);
            let (cookie, csrf) = sign_in_csrf(&app).await;
            let r = form(
                &app,
                "/account/sign-up?lang=en",
                &[("csrf", &csrf), ("email", email), ("password", PASSWORD)],
                &cookie,
            )
            .await;
            assert_eq!(r.status, 422, "the sign-up page with {email:?}");
        }
        // The applicant's contact address and the address an intermediary gives.
        let auth = applicant(&app, "contact@example.com").await;
        let id = complete_draft(&app, &auth, "H1234567").await;
        for email in bad {
            let r = patch(&app, &auth, id, &json!({ "contact_email": email })).await;
            assert_eq!(r.status, 422, "contact_email {email:?}: {}", r.body);
            assert!(r.body.contains("contact_email"), "{}", r.body);
        }
        let (desk, dcsrf) = staff(&app, "desk-inj@kz.kz", "intermediary", Some("embassy-MN")).await;
        for email in bad {
            let r = form(&app, "/applications", &[("csrf", &dcsrf), ("applicant_email", email)], &desk).await;
            assert_eq!(r.status, 422, "applicant_email {email:?}");
        }
        // Nothing queued goes to an address that carries a line break or a second address.
        for job in app.state.store.jobs_in_state("pending").await.expect("jobs") {
            let to = job.payload["to"].as_str().unwrap_or_default();
            assert!(!to.contains(['\r', '\n', ',', '<']), "a job to {to:?}");
        }
    })
    .await;
}

/// Bodies over the limits get the service's own 413, as problem details or a page.
#[tokio::test]
async fn oversized_bodies_are_refused_with_the_service_s_own_answer() {
    on_each_backend(|app| async move {
        let big = format!("{{\"answers\":\"{}\"}}", "a".repeat(200 * 1024));
        let r = app.post_json("/api/v1/eligibility", &big, &[]).await;
        assert_eq!(r.status, 413);
        assert_eq!(r.header("content-type"), "application/problem+json");
        let (cookie, csrf) = sign_in_csrf(&app).await;
        let long = "a".repeat(2 * 1024 * 1024);
        let r = form(&app, "/account/sign-in", &[("csrf", &csrf), ("email", &long), ("password", "x")], &cookie).await;
        assert_eq!(r.status, 413, "a 2 MiB form");
        assert!(r.header("content-type").starts_with("text/html"), "a page: {}", r.header("content-type"));
    })
    .await;
}

/// With a real socket: a request whose headers are too large is answered 431 and the server goes on.
#[tokio::test]
async fn oversized_headers_get_431_over_a_real_socket() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let server = crate::servers::RealServer::start(atajoly::Limits::default()).await;
    let addr = server.addr;
    let mut c = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let header =
        format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n", "a".repeat(256 * 1024));
    let _ = c.write_all(header.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), c.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{}", answer.chars().take(200).collect::<String>());
    // And the next client is served.
    let mut ok = tokio::net::TcpStream::connect(addr).await.expect("connect");
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.expect("write");
    let mut answer = String::new();
    ok.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    server.stop().await;
}
