//! The letters' way of saying things in the applicant's language: dates, offices, items of the lists in
//! force on the letter's date, a ground with its basis, a period's remark. Used by every kind of letter.

use domain::Lang;
use domain::reference::{Kind as ListKind, ListVersion, parse_iso_date};

use super::{Block, Evidence, Facts, Period};
use crate::app::App;

/// The words of one letter.
pub(super) struct Words<'a> {
    pub(super) app: &'a App,
    /// The letter's language.
    pub(super) lang: Lang,
    /// What it states.
    pub(super) facts: &'a Facts,
}

impl Words<'_> {
    pub(super) fn t(&self, id: &str, args: &[(&str, String)]) -> String {
        self.app.i18n.message(self.lang, id, args)
    }

    /// A list in force on the letter's date.
    pub(super) fn list(&self, kind: ListKind) -> Option<&ListVersion> {
        let day = parse_iso_date(&self.facts.on)?;
        self.app.catalog.in_force(kind, day)
    }

    /// An item's name from the list in force on the letter's date (the key when it is not there).
    pub(super) fn item(&self, kind: ListKind, key: &str) -> String {
        self.list(kind).and_then(|l| l.item(key)).map_or_else(|| key.to_owned(), |i| i.name.get(self.lang).to_owned())
    }

    /// A date (ISO) in words.
    pub(super) fn date(&self, iso: &str) -> String {
        let Some(d) = parse_iso_date(iso) else { return iso.to_owned() };
        let month = self.t(&format!("desk-month-{}", u8::from(d.month())), &[]);
        self.t("desk-date", &[("day", d.day().to_string()), ("month", month), ("year", d.year().to_string())])
    }

    /// An office by name.
    pub(super) fn office(&self, key: &str) -> String {
        if let Some(region) = key.strip_prefix("department-") {
            self.t("desk-office-department", &[("region", self.item(ListKind::Region, region))])
        } else if let Some(country) = key.strip_prefix("embassy-") {
            self.t("desk-office-embassy", &[("country", self.item(ListKind::Country, country))])
        } else if key == "foundation" || key == super::DEFAULT_APPEALS_OFFICE {
            self.t(&format!("desk-office-{key}"), &[])
        } else {
            key.to_owned()
        }
    }

    /// The ground's words and its legal basis, from the list version recorded.
    pub(super) fn ground(&self) -> Option<(String, String)> {
        let g = self.facts.ground.as_ref()?;
        let list = self.app.catalog.versions(ListKind::RefusalGround).iter().find(|l| l.version == g.version);
        let name =
            list.and_then(|l| l.item(&g.key)).map_or_else(|| g.key.clone(), |i| i.name.get(self.lang).to_owned());
        let basis = list.map_or_else(String::new, |l| match self.lang {
            Lang::Kk => l.source.kk.clone(),
            Lang::Ru => l.source.ru.clone(),
            Lang::En => l.source.en.clone(),
        });
        Some((name, basis))
    }

    /// A period's basis in words.
    pub(super) fn basis(&self, p: &Period) -> String {
        p.basis.get(self.lang).to_owned()
    }

    /// The remark that a period's wording was not checked against the published text, if it was not.
    pub(super) fn remark(&self, p: &Period) -> Option<Block> {
        self.remark_on(&self.basis(p), p.verified)
    }

    /// The remark that the period under `basis` was not checked against the published text, unless
    /// it was (`verified`).
    pub(super) fn remark_on(&self, basis: &str, verified: bool) -> Option<Block> {
        (!verified).then(|| Block::Paragraph(self.t("letter-reconstructed", &[("basis", basis.to_owned())])))
    }

    pub(super) fn evidence(&self, e: &Evidence) -> String {
        match e {
            Evidence::Check { agency, result, reference, on } => self.t(
                "letter-evidence-check",
                &[
                    ("agency", self.t(&format!("case-agency-{agency}"), &[])),
                    ("result", self.t(&format!("case-result-{}", result.replace('_', "-")), &[])),
                    ("reference", reference.clone()),
                    ("date", self.date(on)),
                ],
            ),
            Evidence::Review { item, verdict, reason, on } => {
                let mut args = vec![
                    ("document", self.item(ListKind::Document, item)),
                    ("verdict", self.t(&format!("case-verdict-{verdict}"), &[])),
                    ("date", self.date(on)),
                ];
                match reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                    Some(r) => {
                        args.push(("reason", r.to_owned()));
                        self.t("letter-evidence-review-reason", &args)
                    }
                    None => self.t("letter-evidence-review", &args),
                }
            }
        }
    }

    pub(super) fn rules(&self) -> String {
        let versions: Vec<String> = self
            .facts
            .rules
            .iter()
            .map(|r| format!("{}: {}", self.t(&format!("letter-list-{}", r.list.replace('_', "-")), &[]), r.version))
            .collect();
        // The lists were read when the decision was prepared: on the notice's day for a refusal.
        let day = self.facts.noticed_on.as_deref().unwrap_or(&self.facts.on);
        let args =
            [("versions", versions.join("; ")), ("procedure", self.facts.procedure.clone()), ("date", self.date(day))];
        self.t("letter-rules", &args)
    }
}
