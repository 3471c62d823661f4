//! Trust: every page says whose service it is and how to tell the real site; the privacy notice gives
//! the retention periods in force; the cookie statement lists every cookie the service sets.

use crate::applications::{applicant, sign_in_csrf};
use crate::support::{TestApp, on_each_backend_with, test_settings};

fn cookie_names(r: &crate::support::TestResponse) -> Vec<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|c| c.split('=').next().map(str::to_owned))
        .collect()
}

async fn page(app: &TestApp, uri: &str) -> String {
    let r = app.get(uri).await;
    assert_eq!(r.status, 200, "{uri}");
    r.body
}

#[tokio::test]
async fn every_page_names_the_service_and_the_trust_pages_say_what_they_must() {
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.public_url = "https://atazholy.example.kz".into();
            s.retention.draft_idle_days = 45;
            s
        },
        |app| async move {
            for lang in ["kk", "ru", "en"] {
                for uri in ["/", "/check", "/privacy", "/cookies", "/accessibility", "/feedback", "/verify"] {
                    let body = page(&app, &format!("{uri}?lang={lang}")).await;
                    assert!(body.contains("id=\"official-identity\""), "{uri} in {lang}: no identity");
                    assert!(body.contains("atazholy.example.kz"), "{uri} in {lang}: the real address is not named");
                    for link in ["/privacy", "/cookies", "/accessibility", "/feedback"] {
                        assert!(body.contains(&format!("href=\"{link}\"")), "{uri} in {lang}: no link to {link}");
                    }
                }
                // The privacy notice gives the periods in force (a setting), and marks the law's article.
                let privacy = page(&app, &format!("/privacy?lang={lang}")).await;
                assert!(privacy.contains("45"), "the draft period in force is not given in {lang}");
                assert!(privacy.contains("94-V") && privacy.contains("privacy-reconstructed"));
                assert!(privacy.contains("komek@oq.gov.kz"), "the contact of the reference data");
                let feedback = page(&app, &format!("/feedback?lang={lang}")).await;
                assert!(feedback.contains("mailto:komek@oq.gov.kz?subject="));
            }
            let en = page(&app, "/cookies?lang=en").await;
            assert!(
                en.contains("12 hours") && en.contains("5 minutes") && en.contains("24 hours") && en.contains("1 year")
            );
            let ru = page(&app, "/cookies?lang=ru").await;
            assert!(ru.contains("12 часов") && ru.contains("5 минут") && ru.contains("24 часа"), "Russian plurals");
        },
    )
    .await;
}

/// Every cookie a visitor, an applicant and a member of staff are given is on the cookie page.
#[tokio::test]
async fn the_cookie_statement_lists_every_cookie_the_service_sets() {
    on_each_backend_with(test_settings, |app| async move {
        let listed: Vec<&str> = web::cookies_set(&app.state).into_iter().map(|(name, _, _)| name).collect();
        let statement = page(&app, "/cookies?lang=en").await;
        for name in &listed {
            assert!(statement.contains(&format!("<code>{name}</code>")), "{name} is not on the page");
        }
        let mut set = Vec::new();
        set.extend(cookie_names(&app.get("/?lang=ru").await));
        set.extend(cookie_names(&app.get("/account/sign-in").await));
        // An applicant signs in on the page; a member of staff stops at the second factor.
        applicant(&app, "cookies@example.com").await;
        let (cookie, csrf) = sign_in_csrf(&app).await;
        let fields = [("csrf", csrf.as_str()), ("email", "cookies@example.com"), ("password", crate::cases::PASSWORD)];
        set.extend(cookie_names(&crate::applications::form(&app, "/account/sign-in", &fields, &cookie).await));
        crate::cases::staff(&app, "cookie-staff@kz.kz", "officer", Some("department-KZ-75")).await;
        let (cookie, csrf) = sign_in_csrf(&app).await;
        let fields = [("csrf", csrf.as_str()), ("email", "cookie-staff@kz.kz"), ("password", crate::cases::PASSWORD)];
        set.extend(cookie_names(&crate::applications::form(&app, "/account/sign-in", &fields, &cookie).await));
        assert!(set.len() >= 4, "{set:?}");
        for name in set {
            assert!(listed.contains(&name.as_str()), "{name} is set but not on the cookie page");
        }
    })
    .await;
}
