//! Messages: every id in every language; every id the templates and the code use exists.

use std::collections::BTreeSet;

use domain::Lang;

fn ids(src: &str) -> BTreeSet<String> {
    src.lines()
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_message_exists_in_every_language() {
    let sources = service::locale_sources();
    let all: Vec<(Lang, BTreeSet<String>)> = sources.iter().map(|(l, s)| (*l, ids(s))).collect();
    let union: BTreeSet<String> = all.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
    assert!(union.len() > 100);
    for (lang, set) in &all {
        let missing: Vec<&String> = union.difference(set).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
    }
    // Each message is defined once: Fluent keeps the first of two and drops the second silently.
    for (lang, src) in &sources {
        let mut seen = BTreeSet::new();
        for line in src.lines() {
            if let Some((id, _)) =
                line.split_once(" =").filter(|(id, _)| !id.starts_with(' ') && !id.starts_with('#') && !id.is_empty())
            {
                assert!(seen.insert(id.to_owned()), "{} defines {id} twice", lang.code());
            }
        }
    }
    // And they are translations, not copies.
    let i18n = service::I18n::load();
    let same: Vec<&String> = union
        .iter()
        .filter(|id| i18n.t(Lang::Kk, id) == i18n.t(Lang::En, id) && !id.starts_with("error-field"))
        .collect();
    assert!(same.len() < 5, "kk equals en for {same:?}");
}

#[test]
fn every_message_the_templates_and_code_use_exists() {
    let i18n = service::I18n::load();
    let mut used = BTreeSet::new();
    for (name, src) in web::template_sources() {
        for quote in ['"', '\''] {
            let pat = format!("t({quote}");
            for part in src.split(&pat).skip(1) {
                if let Some(id) = part.split(quote).next() {
                    used.insert((name.to_string(), id.to_owned()));
                }
            }
        }
    }
    // Ids the code builds from fields, problems and outcome codes.
    let fields = ["citizenship", "kazakh", "ethnicity", "residence", "profession", "business", "passport-expiry"];
    for f in fields {
        for suffix in ["title", "hint", "short"] {
            used.insert(("code".into(), format!("check-{f}-{suffix}")));
        }
    }
    for id in [
        "err-citizenship-required",
        "err-citizenship-unknown",
        "err-ethnicity-required",
        "err-ethnicity-unknown",
        "err-residence-required",
        "err-residence-unknown",
        "err-profession-required",
        "err-profession-unknown",
        "err-business-required",
        "err-business-unknown",
        "err-passport-expiry-required",
        "err-passport-expiry-invalid-date",
        "err-passport-expiry-too-far",
        "err-on-invalid-date",
        "err-q-required",
        "err-q-too-long",
        "err-limit-out-of-range",
        "outcome-citizen-kz",
        "outcome-passport-expired",
        "outcome-no-category",
        "outcome-cat1-profession",
        "outcome-cat2-profession",
        "outcome-cat3-business",
        "outcome-doc-passport",
        "outcome-doc-ethnicity",
        "outcome-doc-profession",
        "outcome-doc-business",
        "outcome-doc-translation",
        "outcome-card-limited-by-passport",
        "outcome-passport-expiring-soon",
        "outcome-resident-in-kz",
        "outcome-kandas-alternative",
        "outcome-summary-may-apply",
        "outcome-summary-cannot-apply",
        "error-bad-request",
        "error-not-found",
        "error-validation",
        "error-internal",
        "error-unavailable",
        "problem-unknown-field",
        "problem-invalid-type",
        "answer-yes",
        "answer-no",
    ] {
        used.insert(("code".into(), id.to_owned()));
    }
    for (place, id) in &used {
        for lang in Lang::ALL {
            assert!(i18n.has(lang, id), "{place} uses {id}, missing in {}", lang.code());
        }
    }
}
