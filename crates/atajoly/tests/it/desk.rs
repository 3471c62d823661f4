//! The officer's workbench in words: no two statuses share a label in any language, the case page and
//! the queue show values by name (not codes), the queue finds a case by passport number or by a name
//! typed in another script, and a grant goes through its summary; the queue counts up to 1,000 cases and
//! says "more than" past them.

use std::collections::HashMap;

use domain::Lang;

use crate::applications::form;
use crate::cases::{iin, staff, submitted_case};
use crate::support::{on_each_backend, on_each_backend_with_db, test_settings};

#[test]
fn no_two_statuses_share_a_label_in_any_language() {
    let i18n = service::I18n::load();
    let mut ids: Vec<String> = domain::application::Status::ALL
        .iter()
        .map(|s| format!("app-status-{}", s.as_str().replace('_', "-")))
        .collect();
    ids.extend(domain::card::CardState::ALL.iter().map(|s| format!("card-state-{}", s.as_str())));
    ids.extend(["case-result-no-information", "case-result-adverse"].map(String::from));
    ids.extend(["case-verdict-accepted", "case-verdict-rejected", "desk-not-reviewed"].map(String::from));
    for lang in Lang::ALL {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for id in &ids {
            let label = i18n.t(lang, id).to_lowercase();
            assert_ne!(label, *id, "{id} is missing in {}", lang.code());
            if let Some(other) = seen.insert(label.clone(), id) {
                panic!("{}: {other} and {id} both read «{label}»", lang.code());
            }
        }
    }
}

#[tokio::test]
async fn the_case_page_and_the_queue_show_words_and_the_grant_has_a_summary() {
    on_each_backend(|app| async move {
        let (id, _) = submitted_case(&app, "desk@example.com", "E3330001").await;
        let (officer, ocsrf) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let page = app.get_with(&format!("/cases/{id}?lang=kk"), &[("cookie", &officer)]).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let b = &page.body;
        assert!(b.contains("Тапсырылды") && !b.contains(">Берілді<"), "submitted is not «granted»");
        assert!(b.contains("жылғы") && b.contains("Астана уақыты"), "dates in Kazakh, the zone named");
        assert!(!b.contains(">M<") && !b.contains(">MN<") && !b.contains(">28<"), "sex, country, profession in words");
        assert!(!b.contains("passport/") && !b.contains("(passport,"), "document kinds in words");
        assert!(!b.contains(">department-KZ-75") && !b.contains("send_checks"), "offices and actions in words");
        assert!(b.contains("name=\"item\" value=\"names\""), "corrections are ticked");
        assert!(!b.contains("<option value=\"accepted\" selected"), "reviews start on no choice");
        assert!(b.contains("aria-label=\"Қызметкер мәзірі\""), "staff get their own menu");

        let q = app.get_with("/cases?lang=en&q=E3330001", &[("cookie", &officer)]).await;
        assert!(q.body.contains(&format!("/cases/{id}\"")) && q.body.contains("Mongolia"), "{}", q.body);
        let by_name = app.get_with("/cases?lang=en&q=%D0%B1%D0%B5%D0%BA%D0%BE%D0%B2", &[("cookie", &officer)]).await;
        assert!(by_name.body.contains(&format!("/cases/{id}\"")), "a Latin name found by its Cyrillic spelling");
        let none = app.get_with("/cases?lang=en&q=NOSUCHNAME", &[("cookie", &officer)]).await;
        assert!(!none.body.contains(&format!("/cases/{id}\"")));
        let mine = app.get_with("/cases?lang=en&mine=yes", &[("cookie", &officer)]).await;
        assert!(!mine.body.contains(&format!("/cases/{id}\"")), "nobody acted on it yet");

        // Through the checks and the IIN to the decision.
        assert_eq!(form(&app, &format!("/cases/{id}/checks"), &[("csrf", &ocsrf)], &officer).await.status, 303);
        let mine = app.get_with("/cases?lang=en&mine=yes", &[("cookie", &officer)]).await;
        assert!(mine.body.contains(&format!("/cases/{id}\"")), "the officer acted last");
        for agency in ["police", "knb"] {
            let c = app.state.store.checks(id).await.expect("checks");
            let check = c.iter().find(|c| c.agency == agency).expect("check");
            let (checker, csrf) = staff(&app, &format!("{agency}@gov.kz"), &format!("checker_{agency}"), None).await;
            let r = form(
                &app,
                &format!("/checks/{}", check.id),
                &[("csrf", &csrf), ("result", "no_information"), ("reference", "R-1")],
                &checker,
            )
            .await;
            assert_eq!(r.status, 303);
        }
        assert_eq!(
            form(&app, &format!("/cases/{id}/iin"), &[("csrf", &ocsrf), ("iin", &iin(7))], &officer).await.status,
            303
        );
        let summary =
            form(&app, &format!("/cases/{id}/confirm?lang=en"), &[("csrf", &ocsrf), ("decision", "grant")], &officer)
                .await;
        assert_eq!(summary.status, 200, "{}", summary.body);
        assert!(summary.body.contains("Confirm: grant the card") && summary.body.contains("Mongolia"));
        let a = app.state.store.application(id).await.expect("q").expect("app");
        assert_eq!(a.status, "iin_recorded", "the summary decides nothing");
        let refuse = form(
            &app,
            &format!("/cases/{id}/confirm?lang=en"),
            &[("csrf", &ocsrf), ("decision", "refuse"), ("ground", ""), ("reason", "")],
            &officer,
        )
        .await;
        assert_eq!(refuse.status, 422, "a refusal without its ground goes back to the case page");
    })
    .await;
}

/// 1,000 cases are counted; one more and the queue says "more than 1,000" in the page's language, pages
/// on without a last page, and its count reads at most 1,001 rows.
#[tokio::test]
async fn the_queue_counts_up_to_a_thousand_and_says_more_past_them() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let (id, _) = submitted_case(&app, "many@example.com", "E3330002").await;
        let (officer, _) = staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        // 999 more cases of the same office, copied from the real one behind the service's back.
        let copies = |n: u32| {
            format!(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
                 INSERT INTO applications (reference, status, owner_id, applicant_email, created_by, channel, lang, \
                 answers, reopened, version, created_at, updated_at, submitted_at, assigned_office, due_on) \
                 SELECT 'AZ-COPY-' || CAST(n.i + 1000000 * (SELECT COUNT(*) FROM applications) AS TEXT), status, owner_id, \
                 applicant_email, created_by, channel, lang, answers, reopened, version, created_at, updated_at, \
                 submitted_at, assigned_office, due_on FROM n, applications a WHERE a.id = {id}"
            )
        };
        crate::audit::sql(&db, &copies(999)).await;
        let q = app.get_with("/cases?lang=en", &[("cookie", &officer)]).await;
        assert!(q.body.contains(": 1,000 cases.") && q.body.contains("Page 1 of 40"), "{}", q.body);
        assert!(!q.body.contains("more than"));
        crate::audit::sql(&db, &copies(1)).await;
        let q = app.get_with("/cases?lang=en", &[("cookie", &officer)]).await;
        assert!(q.body.contains(": more than 1,000 cases.") && q.body.contains("Page 1 <a"), "{}", q.body);
        let kk = app.get_with("/cases?lang=kk", &[("cookie", &officer)]).await;
        assert!(kk.body.contains(": 1\u{a0}000 істен астам."), "{}", kk.body);
        let ru = app.get_with("/cases?lang=ru&page=40", &[("cookie", &officer)]).await;
        assert!(ru.body.contains(": более 1\u{a0}000 дел.") && ru.body.contains("page=41"), "page 41 is offered");
        let last = app.get_with("/cases?lang=en&page=41", &[("cookie", &officer)]).await;
        assert!(last.body.contains(": 1,001 cases.") && !last.body.contains("page=42"), "{}", last.body);
        let far = app.get_with("/cases?lang=en&page=999999999999999999", &[("cookie", &officer)]).await;
        assert_eq!(far.status, 200, "a page past every case is an empty page, not an overflow");
        let filtered = store::QueueFilter {
            office: "department-KZ-75".into(),
            page: 1,
            per_page: 25,
            ..store::QueueFilter::default()
        };
        let found = app.state.store.queue(&filtered).await.expect("queue");
        assert_eq!((found.rows.len(), found.counted, found.more), (25, 1000, true));
    })
    .await;
}
