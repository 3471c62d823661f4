//! A letter in words: its facts put into the sentences of `locales/letters/{kk,ru,en}.ftl`, with
//! dates, offices, grounds and documents named in the letter's language. Reference items are read
//! from the list versions the facts recorded (the ground's text and its legal basis never change under
//! a letter already sent); offices and documents by the lists in force on the letter's date.

use domain::Lang;

use super::say::Words;
use super::{Block, Facts, Kind, Letter};
use crate::app::App;

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
