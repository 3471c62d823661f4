//! The applicant's journey after submission: what happens next, with the stage's last day and the
//! office in words; the times of the history with their zone; "your card is ready" after a grant; and
//! before it, the start page and the eligible result that lead to applying here.

use crate::cases::submitted_case;
use crate::support::on_each_backend;

#[tokio::test]
async fn the_applicant_is_told_what_happens_next_in_words_and_when_the_card_is_ready() {
    on_each_backend(|app| async move {
        let (id, _) = submitted_case(&app, "journey@example.com", "J1234567").await;
        let (page, _) = crate::applications::page_session(&app, "journey@example.com").await;
        let case = app.state.store.application(id).await.expect("q").expect("a");
        let due = case.due_on.clone().expect("a submitted case has a deadline");
        let (year, month, day) = (&due[..4], due[5..7].parse::<usize>().expect("m"), due[8..].trim_start_matches('0'));
        let months = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let en = app.get_with(&format!("/applications/{id}?lang=en"), &[("cookie", &page)]).await;
        assert_eq!(en.status, 200);
        let next = en.body.split("id=\"next-text\">").nth(1).and_then(|r| r.split("</p>").next()).expect("#next-text");
        assert!(next.contains(&format!("{day} {} {year}", months[month - 1])), "the last day in words: {next}");
        assert!(next.contains("Employment department of"), "the office by name: {next}");
        assert!(!en.body.contains("department-KZ-75"), "no office code on the applicant's page");
        assert!(en.body.contains("id=\"handled-by\">Employment department of"), "the office handling the case");
        assert!(!en.body.contains("id=\"iin\""), "no IIN before it is recorded");
        assert!(en.body.contains("(Astana time)"), "the history's times name their zone");
        for lang in ["kk", "ru"] {
            let other = app.get_with(&format!("/applications/{id}?lang={lang}"), &[("cookie", &page)]).await;
            assert!(other.body.contains("id=\"next-text\""), "no next step in {lang}");
            assert!(!other.body.contains(&due), "an ISO date on the {lang} page");
        }
        assert!(!en.body.contains("id=\"card-ready\""));
        // After a grant: the card is ready, and nothing more to wait for.
        let g = crate::cards::granted(&app, "ready@example.com", "J7654321", 31).await;
        let (page, _) = crate::applications::page_session(&app, "ready@example.com").await;
        let done = app.get_with(&format!("/applications/{}?lang=en", g.id), &[("cookie", &page)]).await;
        assert!(
            done.body.contains("id=\"card-ready\"") && done.body.contains("href=\"/account/cards\""),
            "{}",
            done.body
        );
        assert!(!done.body.contains("id=\"next-text\""));
        let iin = app.state.store.application(g.id).await.expect("q").expect("a").iin.expect("recorded");
        assert!(done.body.contains(&format!("id=\"iin\">{iin}<")), "the IIN once recorded");
    })
    .await;
}

/// The start page says what is needed before starting (the documents, the days the law gives, that it
/// is free) and starts an application here; an eligible result leads to it and names the other ways.
#[tokio::test]
async fn before_you_start_and_the_eligible_result_lead_to_applying_here() {
    on_each_backend(|app| async move {
        let days = domain::application::Status::days_to_decision();
        for (lang, time, free, other) in [
            ("en", format!("{days} working days in all"), "It is free", "You can also apply through: "),
            ("ru", format!("{days} рабочих дней в сумме"), "Бесплатно", "Подать заявление можно также через: "),
            ("kk", format!("жалпы {days} жұмыс күнін береді"), "Тегін", "Сондай-ақ мына жолдар арқылы"),
        ] {
            let start = app.get(&format!("/apply?lang={lang}")).await;
            assert_eq!(start.status, 200);
            let b = &start.body;
            assert!(b.contains("id=\"before-you-start\"") && b.contains(&time) && b.contains(free), "{lang}: {b}");
            assert!(b.contains("href=\"/applications\" role=\"button\" id=\"start-application\""), "{lang}");
            let q = "citizenship=MN&kazakh=yes&ethnicity=yes&residence=MN&profession=2-2217-4-001&business=yes\
                     &passport_day=15&passport_month=6&passport_year=2031";
            let r = app.get(&format!("/check/result?{q}&lang={lang}")).await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert!(r.body.contains("id=\"apply-here-start\"") && r.body.contains(other), "{lang}: {}", r.body);
            assert!(lang != "en" || r.body.contains("Embassies of Kazakhstan abroad"), "the other channels named");
            let not = app.get(&format!("/check/result?citizenship=MN&kazakh=no&lang={lang}")).await;
            assert!(!not.body.contains("id=\"apply-here\""), "{lang}: no invitation to apply when not eligible");
        }
    })
    .await;
}
