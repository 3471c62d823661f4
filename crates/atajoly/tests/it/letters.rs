//! Decision letters: the notice of an intended refusal, the refusal and the grant are each a PDF letter
//! in the application's language (kk and en here) that an independent reader (pypdf) reads back with
//! the reference, the ground in words, its legal basis, the last day to be heard or to complain; the
//! e-mail and the inbox message carry the letter's text word for word; nobody else gets a letter, and
//! staff who open one are recorded.

use serde_json::{Value, json};

use crate::applications::{applicant, form, page_session};
use crate::cards::ready_for_grant_in;
use crate::cases::staff;
use crate::support::{TestApp, on_each_backend};

const REASON: &str = "The birth certificate K-77 names another person.";

/// A date as the letter writes it in `lang` (kk or en).
pub(crate) fn in_words(lang: &str, iso: &str) -> String {
    let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September"];
    let en_rest = ["October", "November", "December"];
    let kk = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек"];
    let kk_rest = ["қазан", "қараша", "желтоқсан"];
    let (year, rest) = iso.split_once('-').expect("iso");
    let (month, day) = rest.split_once('-').expect("iso");
    let m: usize = month.parse().expect("month");
    let d: u32 = day.parse().expect("day");
    let name = |short: &[&str], long: &[&str]| short.iter().chain(long).nth(m - 1).copied().expect("month").to_owned();
    if lang == "en" {
        format!("{d} {} {year}", name(&en, &en_rest))
    } else {
        format!("{year} жылғы {d} {}", name(&kk, &kk_rest))
    }
}

/// The words the refusal ground "documents" and the list's source (its legal basis) have in `lang`.
fn ground(lang: &str) -> (&'static str, &'static str) {
    if lang == "en" {
        (
            "The documents are incomplete or contain false information",
            "Rules approved by Order of the Minister of Labour and Social Protection No. 280 of 30 June 2023",
        )
    } else {
        (
            "Құжаттар толық емес немесе жалған мәліметтер берілген",
            "ҚР Еңбек және халықты әлеуметтік қорғау министрінің 2023 жылғы 30 маусымдағы № 280 бұйрығымен",
        )
    }
}

/// The letters of application `id` over the API (checked against the OpenAPI document by the harness).
pub(crate) async fn letters(app: &TestApp, id: i64, auth: &str) -> Vec<Value> {
    let r = app.get_with(&format!("/api/v1/applications/{id}/letters"), &[("authorization", auth)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["letters"].as_array().expect("letters").clone()
}

/// The e-mail to `to` with this subject, and the inbox message of the application's owner: both the
/// letter's text.
pub(crate) async fn assert_told_in_the_letters_words(app: &TestApp, id: i64, to: &str, letter: &Value) {
    let (subject, text) = (letter["subject"].as_str().expect("subject"), letter["text"].as_str().expect("text"));
    let mails: Vec<Value> = app
        .state
        .store
        .jobs_in_state("pending")
        .await
        .expect("jobs")
        .iter()
        .map(|j| crate::support::mail(&app.state, j))
        .filter(|m| m["to"] == to && m["subject"] == subject)
        .collect();
    assert_eq!(mails.len(), 1, "one e-mail of the letter to {to}");
    assert_eq!(mails[0]["body"].as_str(), Some(text), "the e-mail is the letter's text");
    let owner = app.state.store.application(id).await.expect("q").expect("a").owner_id.expect("owner");
    let inbox = app.state.store.inbox(owner).await.expect("inbox");
    let message = inbox.iter().find(|m| m.subject == subject).expect("in the inbox");
    assert_eq!(message.body, text, "the inbox message is the letter's text");
}

/// Reads the PDF back with pypdf (tests/cardpdf/letter.py): its language, its title, every part of
/// the letter's text (fields by label and value) and `wanted`.
pub(crate) fn assert_pdf_says(pdf: &[u8], letter: &Value, title: &str, wanted: &[&str]) {
    let text = letter["text"].as_str().expect("text");
    let mut parts: Vec<String> = Vec::new();
    for (i, part) in text.split("\n\n").enumerate() {
        if i == 1 {
            // The labelled lines: label and value side by side in the PDF.
            for line in part.lines() {
                let (label, value) = line.split_once(": ").expect("label: value");
                parts.extend([label.to_owned(), value.to_owned()]);
            }
        } else {
            parts.push(part.to_owned());
        }
    }
    parts.extend(wanted.iter().map(|w| (*w).to_owned()));
    let dir = std::env::temp_dir().join(format!("atajoly-letter-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("letter.pdf"), pdf).expect("pdf");
    let expected = json!({ "lang": letter["lang"], "title": title, "parts": parts, "absent": ["{", "letter-"] });
    std::fs::write(dir.join("letter.json"), expected.to_string()).expect("json");
    let out = std::process::Command::new(crate::support::python())
        .arg("../../tests/cardpdf/letter.py")
        .arg(dir.join("letter.pdf"))
        .arg(dir.join("letter.json"))
        .output()
        .expect("python");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// Letter `n` of application `id` as the applicant downloads it from the application's page.
pub(crate) async fn download(app: &TestApp, id: i64, n: usize, cookie: &str) -> Vec<u8> {
    let r = app.get_with(&format!("/applications/{id}/letters/{n}"), &[("cookie", cookie)]).await;
    assert_eq!((r.status.as_u16(), r.header("content-type")), (200, "application/pdf"), "{}", r.body);
    assert!(r.header("content-disposition").ends_with(&format!("-letter-{n}.pdf\"")));
    r.raw.clone()
}

#[tokio::test]
async fn an_intended_refusal_and_the_refusal_are_letters_saying_the_ground_the_basis_and_the_last_day() {
    on_each_backend(|app| async move {
        staff(&app, "chief-letters@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let (elsewhere, _) = staff(&app, "officer-letters@kz71.kz", "officer", Some("department-KZ-71")).await;
        let other_auth = applicant(&app, "someone-else@example.com").await;
        let (other_page, _) = page_session(&app, "someone-else@example.com").await;
        for (lang, serial, title, refused_title) in [
            (
                "kk",
                61,
                "«Ата жолы» картасын беруден бас тарту туралы алдын ала шешім туралы хабарлама",
                "«Ата жолы» картасын беруден бас тарту туралы шешім",
            ),
            (
                "en",
                62,
                "Notice of an intended decision to refuse the Ata Zholy card",
                "Decision to refuse the Ata Zholy card",
            ),
        ] {
            let email = format!("letters-{lang}@example.com");
            let (id, auth, officer, ocsrf) =
                ready_for_grant_in(&app, &email, &format!("E66{serial}001"), serial, Some(lang)).await;
            let fields = [("csrf", ocsrf.as_str()), ("ground", "documents"), ("reason", REASON)];
            assert_eq!(form(&app, &format!("/cases/{id}/refuse"), &fields, &officer).await.status, 303);
            let a = app.state.store.application(id).await.expect("q").expect("a");
            let reference = a.reference.clone().expect("reference");
            // Proposed on 24 November 2026: the applicant may answer until 1 December (5 working days).
            assert_eq!(a.due_on.as_deref(), Some("2026-12-01"));

            // The notice: one letter, in the application's language, that says it all.
            let list = letters(&app, id, &auth).await;
            assert_eq!(list.len(), 1, "{list:?}");
            let notice = &list[0];
            assert_eq!((notice["n"].as_u64(), notice["kind"].as_str()), (Some(1), Some("intended_refusal")));
            assert_eq!(notice["lang"], lang);
            let text = notice["text"].as_str().expect("text");
            let (words, basis) = ground(lang);
            let last_day = in_words(lang, "2026-12-01");
            let hearing_basis =
                if lang == "en" { "APPC Art. 73(3)" } else { "ҚР ӘРПК 73-бабының 3-тармағы" };
            for wanted in [&reference, words, basis, REASON, &last_day, hearing_basis, "BEKOV NURLAN", "R-1"] {
                assert!(text.contains(wanted), "{lang}: {wanted:?} in\n{text}");
            }
            assert_told_in_the_letters_words(&app, id, &email, notice).await;
            let (page, _) = page_session(&app, &email).await;
            let pdf = download(&app, id, 1, &page).await;
            assert_pdf_says(&pdf, notice, title, &[&reference, words, basis, REASON, &last_day]);
            let overview = app.get_with(&format!("/applications/{id}?lang={lang}"), &[("cookie", &page)]).await;
            assert!(overview.body.contains("id=\"letter-1\"") && overview.body.contains(title), "{}", overview.body);

            // Nobody else: another applicant, another office's officer; a letter that does not exist.
            for (uri, cookie) in [
                (format!("/applications/{id}/letters/1"), &other_page),
                (format!("/cases/{id}/letters/1"), &elsewhere),
                (format!("/applications/{id}/letters/2"), &page),
                (format!("/applications/{id}/letters/0"), &page),
            ] {
                assert_eq!(app.get_with(&uri, &[("cookie", cookie)]).await.status, 404, "{uri}");
            }
            for uri in [format!("/api/v1/applications/{id}/letters"), format!("/api/v1/applications/{id}/letters/1")] {
                assert_eq!(app.get_with(&uri, &[("authorization", &other_auth)]).await.status, 404, "{uri}");
            }
            // The case's office opens it from the case page, and the look is recorded for the applicant.
            let case = app.get_with(&format!("/cases/{id}?lang=en"), &[("cookie", &officer)]).await;
            assert!(case.body.contains(&format!("href=\"/cases/{id}/letters/1\"")), "{}", case.body);
            let r = app.get_with(&format!("/cases/{id}/letters/1"), &[("cookie", &officer)]).await;
            assert_eq!((r.status.as_u16(), r.raw.as_ref()), (200, pdf.as_slice()), "the same letter, byte for byte");
            let looks = app.get_with(&format!("/api/v1/applications/{id}/looks"), &[("authorization", &auth)]).await;
            assert!(looks.json()["looks"].as_array().expect("looks").iter().any(|l| l["action"] == "open_letter"));

            // After the window, the supervisor countersigns on 2 December: the refusal's letter says how,
            // by when (3 months: 2 March 2027), to whom and through whom to complain.
            let later = service::App::new(
                app.state.store.clone(),
                std::sync::Arc::new(crate::support::FixedClock(time::macros::datetime!(2026-12-02 05:00 UTC))),
                app.state.settings.clone(),
            )
            .await
            .expect("later");
            let chief = app.state.store.user_by_email("chief-letters@kz75.kz").await.expect("q").expect("u");
            service::cases::countersign(&later, &chief, &a, true).await.expect("countersigned");
            let list = letters(&app, id, &auth).await;
            assert_eq!(list.len(), 2);
            let refusal = &list[1];
            assert_eq!((refusal["n"].as_u64(), refusal["kind"].as_str()), (Some(2), Some("refusal")));
            let text = refusal["text"].as_str().expect("text");
            let deadline = in_words(lang, "2027-03-02");
            let (complaint_basis, to) = if lang == "en" {
                ("APPC Art. 91", "Ministry of Labour and Social Protection of the Population")
            } else {
                ("ҚР ӘРПК 91-бабы", "Еңбек және халықты әлеуметтік қорғау министрлігі")
            };
            let complaint_page = format!("/applications/{id}/complaint");
            for wanted in [&reference, words, basis, REASON, &deadline, complaint_basis, to, &complaint_page, &last_day]
            {
                assert!(text.contains(wanted), "{lang}: {wanted:?} in\n{text}");
            }
            assert_told_in_the_letters_words(&app, id, &email, refusal).await;
            let pdf = download(&app, id, 2, &page).await;
            assert_pdf_says(&pdf, refusal, refused_title, &[&reference, words, basis, &deadline, complaint_basis]);
            // The notice is as it was: a letter is rebuilt from what was recorded with it.
            assert_eq!(letters(&app, id, &auth).await[0], list[0]);
            // The same facts in Russian: every sentence has its words (no message id left showing).
            for recorded in app.state.store.letters(id).await.expect("letters") {
                let mut facts: service::letters::Facts = serde_json::from_value(recorded.facts).expect("facts");
                facts.lang = "ru".into();
                let ru = service::letters::build(&app.state, &facts).text();
                assert!(!ru.contains("letter-") && !ru.contains("desk-") && !ru.contains("case-"), "{ru}");
                assert!(ru.contains("Документы неполные") && ru.contains("Правила, утверждённые приказом"), "{ru}");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_grant_is_a_letter_with_the_card_its_validity_and_how_to_use_it() {
    on_each_backend(|app| async move {
        for (lang, serial, title) in
            [("kk", 63, "«Ата жолы» картасын беру туралы шешім"), ("en", 64, "Decision to grant the Ata Zholy card")]
        {
            let email = format!("granted-{lang}@example.com");
            let (id, auth, officer, ocsrf) =
                ready_for_grant_in(&app, &email, &format!("E66{serial}001"), serial, Some(lang)).await;
            assert_eq!(form(&app, &format!("/cases/{id}/grant"), &[("csrf", &ocsrf)], &officer).await.status, 303);
            let card = app.state.store.cards_of_application(id).await.expect("cards").remove(0);
            let reference = app.state.store.application(id).await.expect("q").expect("a").reference.expect("ref");
            let list = letters(&app, id, &auth).await;
            assert_eq!(list.len(), 1);
            let letter = &list[0];
            assert_eq!((letter["kind"].as_str(), letter["lang"].as_str()), (Some("grant"), Some(lang)));
            let text = letter["text"].as_str().expect("text");
            let until = in_words(lang, &card.valid_until);
            for wanted in [reference.as_str(), card.number.as_str(), until.as_str(), "/verify"] {
                assert!(text.contains(wanted), "{lang}: {wanted:?} in\n{text}");
            }
            let (words, _) = ground(lang);
            assert!(!text.contains(words), "a grant states no ground of refusal");
            assert_told_in_the_letters_words(&app, id, &email, letter).await;
            let (page, _) = page_session(&app, &email).await;
            let pdf = download(&app, id, 1, &page).await;
            assert_pdf_says(&pdf, letter, title, &[&reference, &card.number, &until]);
        }
    })
    .await;
}
