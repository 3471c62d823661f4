//! A complaint's letters (decision 0027, 0029), on both backends, in kk and en: the receipt, the
//! forwarding, the office's revision and the higher body's outcome are each a letter recorded with the
//! step, that pypdf reads back with the reference, the reason given, the period's last day in words
//! and its basis; the e-mail and the inbox message are the letter's text word for word; the
//! application's page and the case page list them.

use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::applications::{form, page_session};
use crate::cards::ready_for_grant_in;
use crate::cases::staff;
use crate::letters::{assert_pdf_says, assert_told_in_the_letters_words, download, in_words, letters};
use crate::support::{FixedClock, TestApp, on_each_backend};

const GROUNDS: &str = "Record K-12 concerns a namesake: my passport gives another birth date.";
const KEPT: &str = "The police record was checked twice and names the applicant.";
const DECIDED: &str = "The record K-12 is about another person: the refusal has no ground.";

/// The same service and database seen at another moment.
async fn at(app: &TestApp, t: OffsetDateTime) -> TestApp {
    let state =
        service::App::new(app.state.store.clone(), std::sync::Arc::new(FixedClock(t)), app.state.settings.clone())
            .await
            .expect("app");
    TestApp { router: web::build_router(state.clone()), state, backend: app.backend }
}

/// The words of the periods' bases, and of the remark that a period is the service's reading.
fn bases(lang: &str) -> (&'static str, &'static str, &'static str) {
    if lang == "en" {
        ("APPC Art. 92", "APPC Art. 98", "reconstructed")
    } else {
        ("ҚР ӘРПК 92-бабы", "ҚР ӘРПК 98-бабы", "қалпына келтірілген")
    }
}

/// An application in `lang` refused on Wednesday 2 December 2026 (the notice of 24 November, the
/// countersignature after its window), seen on that day: its id, the applicant's bearer token and
/// address, the later app, and a supervisor of the deciding office signed in then (page cookie and
/// token).
struct Refused {
    id: i64,
    auth: String,
    email: String,
    later: TestApp,
    chief: (String, String),
}

async fn refused(app: &TestApp, name: &str, lang: &str, serial: u16) -> Refused {
    let email = format!("{name}-{lang}@example.com");
    let (id, auth, officer, ocsrf) =
        ready_for_grant_in(app, &email, &format!("E77{serial}001"), serial, Some(lang)).await;
    let fields = [("csrf", ocsrf.as_str()), ("ground", "security"), ("reason", "Police record K-12 of 2019.")];
    assert_eq!(form(app, &format!("/cases/{id}/refuse"), &fields, &officer).await.status, 303);
    let signer = format!("signer-{name}-{lang}@kz75.kz");
    let _ = staff(app, &signer, "supervisor", Some("department-KZ-75")).await;
    let signer = app.state.store.user_by_email(&signer).await.expect("q").expect("signer");
    let later = at(app, datetime!(2026-12-02 05:00 UTC)).await;
    let a = app.state.store.application(id).await.expect("q").expect("a");
    service::cases::countersign(&later.state, &signer, &a, true).await.expect("refused");
    let chief = staff(&later, &format!("chief-{name}-{lang}@kz75.kz"), "supervisor", Some("department-KZ-75")).await;
    Refused { id, auth, email, later, chief }
}

/// Lodges the complaint from the application's page, as the applicant.
async fn lodge(r: &Refused, request: &str) {
    let (me, csrf) = page_session(&r.later, &r.email).await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("request", request),
        ("grounds", GROUNDS),
        ("contact", "A. Test, Ulaanbaatar, +97699112233"),
        ("confirm", "yes"),
    ];
    let res = form(&r.later, &format!("/applications/{}/complaint", r.id), &fields, &me).await;
    assert_eq!(res.status, 303, "{}", res.body);
}

/// A step on the case's complaint from the case page.
async fn step(app: &TestApp, id: i64, action: &str, fields: &[(&str, &str)], (cookie, csrf): (&str, &str)) {
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    let res = form(app, &format!("/cases/{id}/{action}"), &all, cookie).await;
    assert_eq!(res.status, 303, "{action}: {}", res.body);
}

/// Letter `n` of the refused application: of `kind`, in `lang`, saying every one of `wanted` in its
/// text and its PDF (read back by pypdf), told by e-mail and in the inbox in its words.
async fn assert_letter(r: &Refused, lang: &str, n: usize, kind: &str, wanted: &[&str]) -> Value {
    let list = letters(&r.later, r.id, &r.auth).await;
    assert_eq!(list.len(), n, "letter {n} is the last: {list:?}");
    let letter = list[n - 1].clone();
    assert_eq!((letter["kind"].as_str(), letter["lang"].as_str()), (Some(kind), Some(lang)));
    let text = letter["text"].as_str().expect("text");
    for w in wanted {
        assert!(text.contains(w), "{lang} {kind}: {w:?} in\n{text}");
    }
    assert_told_in_the_letters_words(&r.later, r.id, &r.email, &letter).await;
    let (page, _) = page_session(&r.later, &r.email).await;
    let pdf = download(&r.later, r.id, n, &page).await;
    let lang_code = domain::Lang::parse(lang).expect("lang");
    let title = r.later.state.i18n.t(lang_code, &format!("letter-title-{}", kind.replace('_', "-")));
    assert_pdf_says(&pdf, &letter, &title, wanted);
    letter
}

/// Every sentence of the application's complaint letters has its words in Russian too.
async fn assert_russian_has_words(app: &TestApp, id: i64) {
    for recorded in app.state.store.letters(id).await.expect("letters") {
        let mut facts: service::letters::Facts = serde_json::from_value(recorded.facts).expect("facts");
        if !facts.kind.is_complaint() {
            continue;
        }
        facts.lang = "ru".into();
        let ru = service::letters::build(&app.state, &facts).text();
        for id in ["letter-", "desk-", "complaint-", "case-", "{"] {
            assert!(!ru.contains(id), "{id} in\n{ru}");
        }
        assert!(ru.contains("АППК РК") && ru.contains("Жалоба №"), "{ru}");
    }
}

#[tokio::test]
async fn a_complaints_receipt_its_forwarding_and_its_overturning_are_letters() {
    on_each_backend(|app| async move {
        for (lang, serial) in [("kk", 31), ("en", 32)] {
            let r = refused(&app, "overturned", lang, serial).await;
            let judge = format!("judge-overturned-{lang}@ministry.kz");
            let (ministry, mcsrf) = staff(&r.later, &judge, "appeals", Some("ministry")).await;
            let reference = app.state.store.application(r.id).await.expect("q").expect("a").reference.expect("ref");
            let (revision_basis, review_basis, remark) = bases(lang);
            let refused_on = in_words(lang, "2026-12-02");

            // The receipt: to whom, through whom, the office's last day to revise (3 working days from
            // 2 December: 7 December), the higher body's 20 working days, each with its basis.
            lodge(&r, "reconsider").await;
            let revise_by = in_words(lang, "2026-12-07");
            let to = if lang == "en" {
                "Ministry of Labour"
            } else {
                "Еңбек және халықты әлеуметтік қорғау министрлігі"
            };
            let through = if lang == "en" {
                "Employment department of Almaty"
            } else {
                "Жұмыспен қамту басқармасы"
            };
            let wanted =
                [&reference, GROUNDS, &revise_by, revision_basis, review_basis, remark, to, through, &refused_on];
            let receipt = assert_letter(&r, lang, 3, "complaint_lodged", &wanted).await;
            assert!(receipt["text"].as_str().expect("text").contains("20"), "the higher body's period in days");

            // Forwarded with the office's reason: the higher body decides by 31 December.
            let chief = (r.chief.0.as_str(), r.chief.1.as_str());
            step(&r.later, r.id, "complaint_forward", &[("reason", KEPT)], chief).await;
            let review_by = in_words(lang, "2026-12-31");
            let wanted = [&reference, KEPT, &review_by, review_basis, remark, to, &refused_on];
            assert_letter(&r, lang, 4, "complaint_forwarded", &wanted).await;

            // Overturned, the case returned for a new decision: the move's letter is its notice, with
            // the new decision's last day as the move fixed it.
            let fields = [("remedy", "reconsider"), ("reason", DECIDED)];
            step(&r.later, r.id, "complaint_overturn", &fields, (&ministry, &mcsrf)).await;
            let a = app.state.store.application(r.id).await.expect("q").expect("a");
            assert_eq!(a.status, "iin_recorded", "decided again");
            let next = in_words(lang, a.due_on.as_deref().expect("the new decision's deadline"));
            let wanted = [&reference, DECIDED, &review_by, review_basis, &next, &refused_on];
            let letter = assert_letter(&r, lang, 5, "complaint_overturned", &wanted).await;
            let text = letter["text"].as_str().expect("text");
            let head = text.split("\n\n").next().expect("letterhead");
            assert!(head.contains(to), "the higher body writes its outcome: {head}");
            assert!(!text.contains(GROUNDS), "the grounds are stated in the receipt only");

            // Both pages list the letters by their titles.
            let (page, _) = page_session(&r.later, &r.email).await;
            let overview = r.later.get_with(&format!("/applications/{}?lang={lang}", r.id), &[("cookie", &page)]).await;
            let lang_code = domain::Lang::parse(lang).expect("lang");
            for (n, kind) in [(3, "lodged"), (4, "forwarded"), (5, "overturned")] {
                let title = app.state.i18n.t(lang_code, &format!("letter-title-complaint-{kind}"));
                assert!(
                    overview.body.contains(&format!("id=\"letter-{n}\"")) && overview.body.contains(&title),
                    "{title}: {}",
                    overview.body
                );
            }
            let case = r.later.get_with(&format!("/cases/{}?lang=en", r.id), &[("cookie", &r.chief.0)]).await;
            assert!(case.body.contains(&format!("href=\"/cases/{}/letters/5\"", r.id)), "{}", case.body);
            assert_russian_has_words(&app, r.id).await;
        }
    })
    .await;
}

#[tokio::test]
async fn the_office_revising_and_the_higher_body_upholding_or_granting_are_letters() {
    on_each_backend(|app| async move {
        for (lang, serial) in [("kk", 33), ("en", 35)] {
            let later = at(&app, datetime!(2026-12-02 05:00 UTC)).await;
            let judge = format!("judge-steps-{lang}@ministry.kz");
            let (ministry, mcsrf) = staff(&later, &judge, "appeals", Some("ministry")).await;
            let (revision_basis, review_basis, remark) = bases(lang);
            let review_by = in_words(lang, "2026-12-31");

            // The office revises its own refusal: the case is decided again, by its new deadline.
            let r = refused(&app, "revised", lang, serial).await;
            lodge(&r, "reconsider").await;
            let chief = (r.chief.0.as_str(), r.chief.1.as_str());
            step(&r.later, r.id, "complaint_revise", &[("reason", DECIDED)], chief).await;
            let a = app.state.store.application(r.id).await.expect("q").expect("a");
            assert_eq!(a.status, "iin_recorded");
            let reference = a.reference.clone().expect("ref");
            let next = in_words(lang, a.due_on.as_deref().expect("deadline"));
            let revise_by = in_words(lang, "2026-12-07");
            let wanted = [&reference, DECIDED, &next, &revise_by, revision_basis, remark];
            assert_letter(&r, lang, 4, "complaint_revised", &wanted).await;

            // The higher body rejects the complaint: the decision stands, the court remains open.
            let r = refused(&app, "upheld", lang, serial + 100).await;
            let reference = app.state.store.application(r.id).await.expect("q").expect("a").reference.expect("ref");
            lodge(&r, "grant").await;
            let chief = (r.chief.0.as_str(), r.chief.1.as_str());
            step(&r.later, r.id, "complaint_forward", &[("reason", KEPT)], chief).await;
            step(&r.later, r.id, "complaint_uphold", &[("reason", KEPT)], (&ministry, &mcsrf)).await;
            let court = if lang == "en" { "administrative court" } else { "әкімшілік сотқа" };
            let wanted = [&reference, KEPT, &review_by, review_basis, remark, court];
            assert_letter(&r, lang, 5, "complaint_upheld", &wanted).await;
            assert_eq!(app.state.store.application(r.id).await.expect("q").expect("a").status, "refused");

            // The higher body grants the card itself: its outcome's letter, then the grant's.
            let r = refused(&app, "granted", lang, serial + 200).await;
            let reference = app.state.store.application(r.id).await.expect("q").expect("a").reference.expect("ref");
            lodge(&r, "grant").await;
            let chief = (r.chief.0.as_str(), r.chief.1.as_str());
            step(&r.later, r.id, "complaint_forward", &[("reason", KEPT)], chief).await;
            let fields = [("remedy", "grant"), ("reason", DECIDED)];
            step(&r.later, r.id, "complaint_overturn", &fields, (&ministry, &mcsrf)).await;
            let card = app.state.store.cards_of_application(r.id).await.expect("cards").remove(0);
            let list = letters(&r.later, r.id, &r.auth).await;
            let kinds: Vec<&str> = list.iter().filter_map(|l| l["kind"].as_str()).collect();
            assert_eq!(kinds[4..], ["complaint_overturned", "grant"], "{kinds:?}");
            let overturned = &list[4];
            let text = overturned["text"].as_str().expect("text");
            for w in [reference.as_str(), DECIDED, review_by.as_str(), review_basis] {
                assert!(text.contains(w), "{w:?} in\n{text}");
            }
            assert_told_in_the_letters_words(&r.later, r.id, &r.email, overturned).await;
            assert_told_in_the_letters_words(&r.later, r.id, &r.email, &list[5]).await;
            assert!(list[5]["text"].as_str().expect("text").contains(&card.number), "the grant's letter: the card");
            assert_russian_has_words(&app, r.id).await;
        }
    })
    .await;
}

#[tokio::test]
async fn a_revocation_set_aside_and_a_silence_answered_are_letters() {
    on_each_backend(|app| async move {
        // A revocation complained of and revised: the card valid again, with its number and last day.
        let g = crate::cards::granted(&app, "revoked-letters@example.com", "E7740001", 34).await;
        let _ = staff(&app, "chief-a-rl@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let _ = staff(&app, "chief-b-rl@kz75.kz", "supervisor", Some("department-KZ-75")).await;
        let user = |e: &'static str| {
            let store = app.state.store.clone();
            async move { store.user_by_email(e).await.expect("q").expect("user") }
        };
        let (one, two) = (user("chief-a-rl@kz75.kz").await, user("chief-b-rl@kz75.kz").await);
        let rid = service::cards::propose_revocation(&app.state, &one, &g.card, "court", "Court decision 2-118.")
            .await
            .expect("proposed");
        let requests = app.state.store.card_requests(g.card.id).await.expect("q");
        let request = requests.into_iter().find(|r| r.id == rid).expect("request");
        service::cards::decide_revocation(&app.state, &two, &g.card, &request, true).await.expect("revoked");
        let applicant = user("revoked-letters@example.com").await;
        let access = service::applications::load(&app.state, &applicant, g.id).await.expect("access");
        let lodge = service::complaints::Lodge {
            request: "reinstate".into(),
            grounds: GROUNDS.into(),
            contact: "R. Test, Bishkek".into(),
            confirm: "yes".into(),
        };
        service::complaints::lodge(&app.state, &access, &applicant, &lodge).await.expect("lodged");
        let a = app.state.store.application(g.id).await.expect("q").expect("a");
        let case = domain::case::CaseAction::ComplaintRevise;
        service::complaints::decide(&app.state, &one, &a, case, DECIDED, false).await.expect("revised");
        let list = letters(&app, g.id, &g.auth).await;
        let kinds: Vec<&str> = list.iter().filter_map(|l| l["kind"].as_str()).collect();
        assert_eq!(kinds, ["grant", "complaint_lodged", "complaint_revised"]);
        let lang = list[2]["lang"].as_str().expect("lang").to_owned();
        let revoked_on = in_words(&lang, &app.state.clock.today().to_string());
        let until = in_words(&lang, &g.card.valid_until);
        let text = list[2]["text"].as_str().expect("text");
        for w in [g.card.number.as_str(), until.as_str(), DECIDED, revoked_on.as_str(), bases(&lang).0] {
            assert!(text.contains(w), "{w:?} in\n{text}");
        }
        let receipt = list[1]["text"].as_str().expect("text");
        assert!(receipt.contains(&revoked_on) && receipt.contains(GROUNDS), "{receipt}");
        let email = "revoked-letters@example.com";
        assert_told_in_the_letters_words(&app, g.id, email, &list[1]).await;
        assert_told_in_the_letters_words(&app, g.id, email, &list[2]).await;

        // Silence complained of, in English: the office's missed day, and the new decision's.
        let (id, auth) =
            crate::cases::submitted_case_in(&app, "silent-letters@example.com", "E7740002", Some("en")).await;
        let missed = app.state.store.application(id).await.expect("q").expect("a").due_on.expect("due");
        let later = at(&app, datetime!(2026-11-27 05:00 UTC)).await;
        let applicant = user("silent-letters@example.com").await;
        let access = service::applications::load(&later.state, &applicant, id).await.expect("access");
        let lodge = service::complaints::Lodge { request: "decide".into(), ..lodge };
        service::complaints::lodge(&later.state, &access, &applicant, &lodge).await.expect("lodged");
        let a = app.state.store.application(id).await.expect("q").expect("a");
        service::complaints::decide(&later.state, &one, &a, case, DECIDED, false).await.expect("revised");
        let due = app.state.store.application(id).await.expect("q").expect("a").due_on.expect("due");
        assert_ne!(due, missed, "the deadline starts again");
        let list = letters(&later, id, &auth).await;
        let kinds: Vec<&str> = list.iter().filter_map(|l| l["kind"].as_str()).collect();
        assert_eq!(kinds, ["complaint_lodged", "complaint_revised"]);
        let text = list[1]["text"].as_str().expect("text");
        for w in [in_words("en", &missed), in_words("en", &due), DECIDED.into(), "APPC Art. 92".into()] {
            assert!(text.contains(&w), "{w:?} in\n{text}");
        }
        assert_told_in_the_letters_words(&later, id, "silent-letters@example.com", &list[1]).await;
        let (page, _) = page_session(&later, "silent-letters@example.com").await;
        let pdf = download(&later, id, 2, &page).await;
        let title = "Decision on a complaint: the office revises its decision";
        assert_pdf_says(&pdf, &list[1], title, &[&in_words("en", &due), DECIDED, "APPC Art. 92"]);
    })
    .await;
}
