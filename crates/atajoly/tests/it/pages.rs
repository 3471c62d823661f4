//! The pages: every guide page in every language, the language choice, the screener, errors, operations.

use crate::support::on_each_backend;

const GUIDE: [&str; 12] = [
    "/",
    "/rights",
    "/categories",
    "/categories/1",
    "/categories/2",
    "/professions",
    "/professions?q=programmist",
    "/professions/1/28",
    "/professions/2/2217-4-001",
    "/apply",
    "/contacts",
    "/check",
];

#[tokio::test]
async fn every_guide_page_renders_in_every_language() {
    on_each_backend(|app| async move {
        for page in GUIDE {
            for lang in ["kk", "ru", "en"] {
                let sep = if page.contains('?') { '&' } else { '?' };
                let r = app.get(&format!("{page}{sep}lang={lang}")).await;
                assert_eq!(r.status, 200, "{page} {lang}: {}", r.body);
                assert!(r.body.contains(&format!("<html lang=\"{lang}\">")), "{page} {lang}");
                assert_eq!(r.header("content-language"), lang);
                assert!(r.header("content-security-policy").contains("default-src 'none'"));
                assert_eq!(r.header("x-content-type-options"), "nosniff");
                // No message id leaks through untranslated.
                for leaked in ["nav-", "home-", "check-", "legal-source", "err-"] {
                    assert!(!r.body.contains(&format!(">{leaked}")), "{page} {lang}: message id {leaked}… shown");
                }
            }
        }
        // The guide shows reference data, not template text: the Kazakh original of a right.
        let rights = app.get("/rights?lang=kk").await;
        assert!(rights.body.contains("мемлекет кепілдік берген заң көмегін алу"));
        let row12 = app.get("/professions/1/12?lang=en").await;
        assert!(row12.body.contains("id=\"reconstructed-12\""), "reconstructed rows are marked");
    })
    .await;
}

#[tokio::test]
async fn language_is_negotiated_and_remembered() {
    on_each_backend(|app| async move {
        let first = app.get_with("/", &[("accept-language", "ru-RU,ru;q=0.9,en;q=0.8")]).await;
        assert!(first.body.contains("<html lang=\"ru\">"));
        assert!(first.header("set-cookie").is_empty(), "a negotiated language is not a choice");
        let unknown = app.get_with("/?lang=xx", &[("accept-language", "de")]).await;
        assert_eq!(unknown.status, 200);
        assert!(unknown.body.contains("<html lang=\"kk\">"), "unknown language → Kazakh");
        let chosen = app.get("/?lang=en").await;
        let cookie = chosen.header("set-cookie");
        assert!(
            cookie.starts_with("lang=en;")
                && cookie.contains("HttpOnly")
                && cookie.contains("Secure")
                && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let later = app.get_with("/rights", &[("cookie", "lang=en"), ("accept-language", "ru")]).await;
        assert!(later.body.contains("<html lang=\"en\">"), "the remembered choice wins over Accept-Language");
        // The switcher links keep the page and its query.
        let search = app.get("/professions?q=pilot&lang=en").await;
        assert!(search.body.contains("href=\"/professions?q=pilot&amp;lang=ru\""), "switcher keeps the query");
    })
    .await;
}

#[tokio::test]
async fn screener_walks_one_question_per_page_to_a_result() {
    on_each_backend(|app| async move {
        // An empty answer: the same page, 422, an error summary naming the field, in the page's language.
        let empty = app.get("/check/citizenship?submitted=1&lang=ru").await;
        assert_eq!(empty.status, 422);
        assert!(empty.body.contains("class=\"error-summary\""));
        assert!(empty.body.contains("href=\"#citizenship\""));
        assert!(empty.body.contains(&app.state.i18n.t(domain::Lang::Ru, "err-citizenship-required")));

        let mut q = String::from("citizenship=MN&submitted=1");
        let steps = [
            ("citizenship", "", "/check/kazakh?"),
            ("kazakh", "kazakh=yes", "/check/ethnicity?"),
            ("ethnicity", "ethnicity=no", "/check/residence?"),
            ("residence", "residence=MN", "/check/profession?"),
            ("profession", "profession=2-2217-4-001", "/check/business?"),
            ("business", "business=yes", "/check/passport?"),
            ("passport", "passport_day=15&passport_month=6&passport_year=2031", "/check/answers?"),
        ];
        for (slug, answer, next) in steps {
            if !answer.is_empty() {
                q = format!("{}&{answer}&submitted=1", q.replace("&submitted=1", ""));
            }
            let r = app.get(&format!("/check/{slug}?{q}")).await;
            assert_eq!(r.status, 303, "{slug}: {}", r.body);
            assert!(r.header("location").starts_with(next), "{slug} → {}", r.header("location"));
        }
        let answers_url = app.get(&format!("/check/passport?{q}")).await.header("location").to_owned();
        let answers = app.get(&format!("{answers_url}&lang=en")).await;
        assert_eq!(answers.status, 200);
        assert!(answers.body.contains("Neurosurgeon") && answers.body.contains("Mongolia"));
        assert!(answers.body.contains("return=answers"), "each answer can be changed");
        let result = app.get(&format!("{}&lang=en", answers_url.replace("/check/answers", "/check/result"))).await;
        assert_eq!(result.status, 200);
        assert!(result.body.contains("panel-ok"));
        assert!(result.body.contains("id=\"result-category-2\"") && result.body.contains("id=\"result-category-3\""));
        assert!(result.body.contains(&app.state.i18n.t(domain::Lang::En, "outcome-doc-ethnicity")));

        // Changing an answer returns to the check-your-answers page.
        let change = app
            .get(&format!("/check/business?{}&business=no&submitted=1&return=answers", q.replace("business=yes&", "")))
            .await;
        assert!(change.header("location").starts_with("/check/answers?"), "{}", change.header("location"));

        // A citizen of Kazakhstan goes straight to the result, which says no.
        let kz = app.get("/check/citizenship?citizenship=KZ&submitted=1").await;
        assert!(kz.header("location").starts_with("/check/result?"));
        let kz = app.get(kz.header("location")).await;
        assert!(kz.body.contains("panel-stop"));

        // Someone who is not an ethnic Kazakh is told at once that the card is not for them, and where
        // to turn, whatever profession they have.
        let no = app.get("/check/kazakh?citizenship=MN&kazakh=no&submitted=1").await;
        assert!(no.header("location").starts_with("/check/result?"), "{}", no.header("location"));
        let no = app.get(&format!("{}&lang=en", no.header("location"))).await;
        assert!(no.body.contains("panel-stop"), "{}", no.body);
        assert!(no.body.contains("only for ethnic Kazakhs living abroad, so it is not for you"));
        assert!(!no.body.contains("id=\"result-category-1\""));

        // A skipped question sends the person back to it.
        let skipped = app.get("/check/result?citizenship=MN").await;
        assert_eq!(skipped.status, 303);
        assert!(skipped.header("location").starts_with("/check/kazakh?"));

        // A passport date that does not exist is named.
        let bad =
            app.get("/check/passport?passport_day=31&passport_month=2&passport_year=2030&submitted=1&lang=en").await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("href=\"#passport-expiry-day\""));
        assert!(bad.body.contains("Passport expiry date must be a real date"));
    })
    .await;
}

#[tokio::test]
async fn errors_and_operations() {
    on_each_backend(|app| async move {
        let missing = app.get("/no/such/page?lang=en").await;
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains("Page not found") && missing.body.contains("AZ0404"));
        assert!(missing.body.contains(missing.header("x-request-id")), "the page shows the request id");
        assert_eq!(app.get("/professions/1/99").await.status, 404);
        assert_eq!(app.get("/professions?on=2024-02-30").await.status, 422);

        assert_eq!(app.get("/healthz").await.body, "ok");
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status, 200);
        assert_eq!(ready.json()["backend"], app.backend);
        let css = app.get("/assets/app.css").await;
        assert!(css.header("content-type").starts_with("text/css"));
        assert_eq!(app.get("/assets/nope.js").await.status, 404);
        // Metrics are not public: without the scraper's token (and not from the machine itself), nothing.
        assert_eq!(app.get("/metrics").await.status, 404);
        assert_eq!(app.get_with("/metrics", &[("authorization", "Bearer wrong")]).await.status, 404);
        let metrics = app.get_with("/metrics", &[("authorization", "Bearer test-metrics-token")]).await;
        assert!(metrics.body.contains("http_requests_total"), "{}", metrics.body);
        // Labelled with the matched route, and `unmatched` for the fallback (the page above).
        assert!(metrics.body.contains(r#"route="/healthz""#), "{}", metrics.body);
        assert!(metrics.body.contains(r#"route="unmatched""#), "{}", metrics.body);
        assert!(metrics.body.contains("http_request_duration_seconds"), "{}", metrics.body);
    })
    .await;
}
