//! A letter in words: its facts put into the sentences of `locales/letters/{kk,ru,en}.ftl`, with
//! dates, offices, grounds and documents named in the letter's language. Reference items are read
//! from the list versions the facts recorded (the ground's text and its legal basis never change under
//! a letter already sent); offices and documents by the lists in force on the letter's date.

use domain::Lang;
use domain::reference::{Kind as ListKind, ListVersion, parse_iso_date};

use super::{Block, Evidence, Facts, Kind, Letter, Period};
use crate::app::App;

/// The words of one letter.
pub(super) struct Words<'a> {
    app: &'a App,
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
    fn list(&self, kind: ListKind) -> Option<&ListVersion> {
        let day = parse_iso_date(&self.facts.on)?;
        self.app.catalog.in_force(kind, day)
    }

    /// An item's name from the list in force on the letter's date (the key when it is not there).
    fn item(&self, kind: ListKind, key: &str) -> String {
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
    fn ground(&self) -> Option<(String, String)> {
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

    fn evidence(&self, e: &Evidence) -> String {
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

    fn rules(&self) -> String {
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

/// The letter its facts describe, in the language they recorded.
pub fn build(app: &App, facts: &Facts) -> Letter {
    let lang = Lang::parse(&facts.lang).unwrap_or_default();
    let w = Words { app, lang, facts };
    let slug = facts.kind.slug();
    let office = w.office(&facts.office);
    let reference = facts.reference.clone();
    let date = w.date(&facts.on);
    let letterhead = vec![w.t("trust-banner", &[]), office.clone(), facts.site.clone()];
    let fields = vec![
        (w.t("letter-field-date", &[]), date.clone()),
        (w.t("letter-field-reference", &[]), reference.clone()),
        (w.t("letter-field-to", &[]), facts.applicant.clone()),
    ];
    let mut blocks = Vec::new();
    let mut p = |text: String| blocks.push(Block::Paragraph(text));
    // A complaint's letters name the higher body in their lead.
    let to = facts.complaint.as_ref().map(|c| w.office(&c.to)).unwrap_or_default();
    p(w.t(
        &format!("letter-lead-{slug}"),
        &[("office", office.clone()), ("reference", reference.clone()), ("date", date.clone()), ("to", to)],
    ));
    let mut body = Vec::new();
    if let Some((ground, basis)) = w.ground() {
        body.push(Block::Heading(w.t("letter-heading-ground", &[])));
        body.push(Block::Paragraph(w.t("letter-ground", &[("ground", ground), ("basis", basis)])));
    }
    // A complaint's letter states the reason after the complaint it answers (`complaint::blocks`).
    if let Some(reasons) = facts.reasons.as_deref().filter(|r| !r.is_empty() && !facts.kind.is_complaint()) {
        body.push(Block::Heading(w.t("letter-heading-reasons", &[])));
        body.push(Block::Paragraph(reasons.to_owned()));
    }
    if facts.kind != Kind::Grant && !facts.evidence.is_empty() {
        body.push(Block::Heading(w.t("letter-heading-evidence", &[])));
        let lines: Vec<String> = facts.evidence.iter().map(|e| format!("– {}", w.evidence(e))).collect();
        body.push(Block::Paragraph(lines.join("\n")));
    }
    match facts.kind {
        Kind::IntendedRefusal => {
            if let Some(h) = &facts.hearing {
                body.push(Block::Heading(w.t("letter-heading-heard", &[])));
                let args = [("date", w.date(&h.until)), ("link", facts.link.clone()), ("basis", w.basis(h))];
                body.push(Block::Paragraph(w.t("letter-heard", &args)));
                body.extend(w.remark(h));
                body.push(Block::Paragraph(w.t("letter-heard-after", &[("date", w.date(&h.until))])));
            }
        }
        Kind::Refusal => {
            if let (Some(notice), Some(h)) = (&facts.noticed_on, &facts.hearing) {
                let args = [("notice", w.date(notice)), ("until", w.date(&h.until))];
                body.push(Block::Paragraph(w.t("letter-refusal-heard", &args)));
            }
            if let Some(a) = &facts.appeal {
                body.push(Block::Heading(w.t("letter-heading-appeal", &[])));
                let args = [
                    ("date", w.date(&a.period.until)),
                    ("months", a.period.length.to_string()),
                    ("basis", w.basis(&a.period)),
                    ("to", w.office(&a.to)),
                    ("through", w.office(&a.through)),
                    ("link", format!("{}/complaint", facts.link)),
                ];
                body.push(Block::Paragraph(w.t("letter-appeal", &args)));
                body.extend(w.remark(&a.period));
                if a.to == super::DEFAULT_APPEALS_OFFICE {
                    // The default higher body is the project's reading, not a named body of the law.
                    body.push(Block::Paragraph(w.t("letter-appeals-body-reconstructed", &[("to", w.office(&a.to))])));
                }
                body.push(Block::Paragraph(w.t("letter-appeal-court", &[])));
            }
        }
        Kind::Grant => {
            if let Some(c) = &facts.card {
                body.push(Block::Heading(w.t("letter-heading-card", &[])));
                let args =
                    [("number", c.number.clone()), ("from", w.date(&c.valid_from)), ("until", w.date(&c.valid_until))];
                body.push(Block::Paragraph(w.t("letter-card", &args)));
                body.push(Block::Paragraph(w.t("letter-card-use", &[("site", facts.site.clone())])));
                body.push(Block::Paragraph(w.t("card-ready-arrival", &[])));
            }
        }
        Kind::ComplaintLodged
        | Kind::ComplaintForwarded
        | Kind::ComplaintRevised
        | Kind::ComplaintUpheld
        | Kind::ComplaintOverturned => {
            if let Some(c) = &facts.complaint {
                body.extend(super::complaint::blocks(&w, c));
            }
        }
    }
    body.push(Block::Heading(w.t("letter-heading-rules", &[])));
    body.push(Block::Paragraph(w.rules()));
    body.push(Block::Paragraph(w.t("letter-closing", &[("office", office), ("link", facts.link.clone())])));
    blocks.extend(body);
    Letter {
        kind: facts.kind,
        lang,
        subject: w.t(&format!("letter-subject-{slug}"), &[("reference", reference)]),
        title: w.t(&format!("letter-title-{slug}"), &[]),
        letterhead,
        fields,
        blocks,
    }
}
