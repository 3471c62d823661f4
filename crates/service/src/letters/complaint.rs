//! The letters of a complaint's steps (APPC Art. 91-93, decision 0029): its receipt, its forwarding to
//! the higher body, the office's revision of its own decision, and the higher body's outcome. Each
//! states the complaint (its number, what it is against in words, what it asks), the reason given for
//! the step, the procedure's periods with their basis as the procedure data had them, what follows, and
//! the dates relied on. Like every letter, the facts are recorded with the step and the words are put
//! to them when the letter is opened.

use domain::complaint::State;
use domain::lang::Text;
use domain::procedure::{REVIEW, REVISION};
use domain::reference::parse_iso_date;
use serde::{Deserialize, Serialize};
use store::{Application, Complaint, ComplaintMove};

use super::say::Words;
use super::{Block, CardFacts, Facts, Kind, Period};
use crate::app::App;
use crate::error::AppError;

/// A period of the procedure whose last day is not known yet: it runs from a step still to come (the
/// higher body's review, from the day the complaint reaches it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// How long, in the unit of the data (working days).
    pub length: u32,
    /// The legal basis in words.
    pub basis: Text,
    /// Whether the period's wording was checked against a published text.
    pub verified: bool,
}

/// What a complaint's letter states about the complaint, recorded with the step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintFacts {
    /// The complaint's number.
    pub number: i64,
    /// What it is against: `refusal`, `revocation` or `silence`.
    pub subject: String,
    /// What it asks for: `grant`, `reconsider`, `decide` or `reinstate`.
    pub request: String,
    /// Its grounds, in the complainant's words (stated in the receipt).
    pub grounds: String,
    /// The day of the decision complained of (ISO): the refusal's, the revocation's, or for silence the
    /// office's last day that passed with no decision.
    pub decided_on: String,
    /// When it was lodged (ISO).
    pub lodged_on: String,
    /// The higher body's office key.
    pub to: String,
    /// The deciding office's key, through which it was lodged.
    pub through: String,
    /// The office's period to revise its own decision, with its last day.
    pub revision: Option<Period>,
    /// When it was forwarded to the higher body (ISO).
    pub forwarded_on: Option<String>,
    /// The higher body's period to decide it.
    pub review: Span,
    /// The last day of the higher body's period, once the complaint is with it (ISO).
    pub review_until: Option<String>,
    /// What the outcome does (`none`, `reconsider`, `grant`, `reinstate`, `order_decision`).
    pub outcome: Option<String>,
    /// The last day of the new decision the outcome calls for (ISO).
    pub next_due: Option<String>,
}

/// What a complaint's step brings besides the complaint's record.
#[derive(Debug, Clone, Default)]
pub struct After {
    /// The day of the decision complained of (ISO; see [`ComplaintFacts::decided_on`]).
    pub decided_on: String,
    /// The last day of the new decision the outcome calls for (ISO).
    pub next_due: Option<String>,
    /// The card valid again, for a revocation set aside.
    pub card: Option<CardFacts>,
}

impl CardFacts {
    /// The facts of a card as stored.
    pub fn of(card: &store::Card) -> CardFacts {
        CardFacts {
            number: card.number.clone(),
            valid_from: card.valid_from.clone(),
            valid_until: card.valid_until.clone(),
        }
    }
}

/// The complaint's facts in its receipt (the letter of its lodging), if one was made.
pub async fn receipt(app: &App, application_id: i64, complaint: i64) -> Result<Option<ComplaintFacts>, AppError> {
    for l in app.store.letters(application_id).await? {
        if l.kind != Kind::ComplaintLodged.as_str() {
            continue;
        }
        let facts: Facts = serde_json::from_value(l.facts).map_err(|e| AppError::internal(&e))?;
        if let Some(c) = facts.complaint.filter(|c| c.number == complaint) {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// The letter of complaint `c` on application `a` at its step `m` (none: its lodging, `c` as just
/// lodged), today. `receipt`: the complaint's facts as its receipt recorded them (the office's last
/// day to revise, once it has passed from the complaint's record).
pub fn complaint(
    app: &App,
    a: &Application,
    c: &Complaint,
    m: Option<&ComplaintMove>,
    receipt: Option<&ComplaintFacts>,
    after: After,
) -> Facts {
    let was = State::parse(&c.status).unwrap_or(State::Lodged);
    let state = m.and_then(|m| State::parse(&m.to)).unwrap_or(was);
    let mut facts = super::common(app, a, Kind::of_complaint(state), app.clock.today());
    // The higher body writes its outcome; the deciding office every other step.
    let by_higher_body = matches!(state, State::Upheld | State::Overturned);
    facts.office = if by_higher_body { c.appeals_office.clone() } else { c.office.clone() };
    facts.reasons = m.map(|m| m.reason.trim().to_owned()).filter(|r| !r.is_empty());
    facts.card = after.card;
    // The complaint's last day is the stage's: the revision's while it is lodged, the review's once
    // forwarded.
    let revision = if was == State::Lodged {
        parse_iso_date(&c.due_on).map(|d| super::period(&app.procedure, REVISION, d))
    } else {
        receipt.and_then(|r| r.revision.clone())
    };
    let review_until = match m {
        Some(m) if state == State::Forwarded => m.due_on.clone(),
        _ if was == State::Forwarded => Some(c.due_on.clone()),
        _ => None,
    };
    let forwarded_on = c.forwarded_at.or_else(|| m.filter(|_| state == State::Forwarded).map(|m| m.at));
    let review = app.procedure.period(REVIEW);
    facts.complaint = Some(ComplaintFacts {
        number: c.id,
        subject: c.subject.clone(),
        request: c.request.clone(),
        grounds: c.grounds.clone(),
        decided_on: after.decided_on,
        lodged_on: super::iso_day(c.lodged_at),
        to: c.appeals_office.clone(),
        through: c.office.clone(),
        revision,
        forwarded_on: forwarded_on.map(super::iso_day),
        review: Span { length: review.days, basis: review.basis.clone(), verified: review.verified },
        review_until,
        outcome: m.and_then(|m| m.outcome.clone()),
        next_due: after.next_due,
    });
    facts
}

/// The body of a complaint's letter: the complaint, the reason given, what happens now (with the
/// periods and their basis) and the dates relied on.
pub(super) fn blocks(w: &Words<'_>, c: &ComplaintFacts) -> Vec<Block> {
    let kind = w.facts.kind;
    let to = w.office(&c.to);
    let through = w.office(&c.through);
    let mut out = vec![Block::Heading(w.t("letter-heading-complaint", &[]))];
    let subject = w.t(&format!("letter-complaint-subject-{}", c.subject), &[("date", w.date(&c.decided_on))]);
    let request = w.t(&format!("letter-complaint-request-{}", c.request.replace('_', "-")), &[]);
    let args = [
        ("number", c.number.to_string()),
        ("lodged", w.date(&c.lodged_on)),
        ("subject", subject),
        ("request", request),
        ("to", to.clone()),
        ("through", through.clone()),
    ];
    out.push(Block::Paragraph(w.t("letter-complaint-about", &args)));
    if kind == Kind::ComplaintLodged && !c.grounds.trim().is_empty() {
        out.push(Block::Heading(w.t("letter-heading-grounds", &[])));
        out.push(Block::Paragraph(c.grounds.trim().to_owned()));
    }
    if let Some(reasons) = w.facts.reasons.as_deref().filter(|r| !r.is_empty()) {
        let heading = if kind == Kind::ComplaintForwarded { "letter-heading-kept" } else { "letter-heading-reasons" };
        out.push(Block::Heading(w.t(heading, &[])));
        out.push(Block::Paragraph(reasons.to_owned()));
    }
    out.push(Block::Heading(w.t("letter-heading-next", &[])));
    let revision = |out: &mut Vec<Block>, id: &str| {
        if let Some(p) = &c.revision {
            let args = [
                ("date", w.date(&p.until)),
                ("days", p.length.to_string()),
                ("basis", w.basis(p)),
                ("office", through.clone()),
                ("to", to.clone()),
            ];
            out.push(Block::Paragraph(w.t(id, &args)));
            out.extend(w.remark(p));
        }
    };
    let review = |out: &mut Vec<Block>| {
        let basis = c.review.basis.get(w.lang).to_owned();
        let args = |date: String| {
            [("date", date), ("days", c.review.length.to_string()), ("basis", basis.clone()), ("to", to.clone())]
        };
        match (&c.review_until, kind) {
            (None, _) => out.push(Block::Paragraph(w.t("letter-complaint-review-term", &args(String::new())))),
            (Some(until), Kind::ComplaintForwarded) => {
                out.push(Block::Paragraph(w.t("letter-complaint-review", &args(w.date(until)))));
            }
            (Some(until), _) => out.push(Block::Paragraph(w.t("letter-complaint-reviewed", &args(w.date(until))))),
        }
        out.extend(w.remark_on(&basis, c.review.verified));
    };
    let body = |out: &mut Vec<Block>| {
        if c.to == super::DEFAULT_APPEALS_OFFICE {
            out.push(Block::Paragraph(w.t("letter-appeals-body-reconstructed", &[("to", to.clone())])));
        }
    };
    match kind {
        Kind::ComplaintLodged => {
            revision(&mut out, "letter-complaint-revision");
            review(&mut out);
            body(&mut out);
            out.push(Block::Paragraph(w.t("letter-complaint-told", &[])));
        }
        Kind::ComplaintForwarded => {
            review(&mut out);
            body(&mut out);
            out.push(Block::Paragraph(w.t("letter-complaint-told", &[])));
        }
        Kind::ComplaintRevised => {
            out.extend(next(w, c));
            revision(&mut out, "letter-complaint-revised-within");
        }
        Kind::ComplaintUpheld => {
            out.push(Block::Paragraph(w.t("letter-complaint-stands", &[])));
            review(&mut out);
            out.push(Block::Paragraph(w.t("letter-complaint-court", &[])));
        }
        Kind::ComplaintOverturned => {
            out.extend(next(w, c));
            review(&mut out);
        }
        Kind::IntendedRefusal | Kind::Refusal | Kind::Grant => {}
    }
    out.push(Block::Heading(w.t("letter-heading-dates", &[])));
    out.push(Block::Paragraph(dates(w, c).join("\n")));
    out
}

/// What the outcome brings: a new decision by its last day, the card granted, or the card valid again.
fn next(w: &Words<'_>, c: &ComplaintFacts) -> Option<Block> {
    let date = w.date(c.next_due.as_deref().unwrap_or_default());
    let text = match c.outcome.as_deref()? {
        "reconsider" => w.t("letter-complaint-next-reconsider", &[("date", date)]),
        "order_decision" => w.t("letter-complaint-next-order-decision", &[("date", date)]),
        "grant" => w.t("letter-complaint-next-grant", &[]),
        "reinstate" => {
            let card = w.facts.card.as_ref()?;
            let args = [("number", card.number.clone()), ("until", w.date(&card.valid_until))];
            w.t("letter-complaint-next-reinstate", &args)
        }
        _ => return None,
    };
    Some(Block::Paragraph(text))
}

/// The dates the letter relies on, one line each.
fn dates(w: &Words<'_>, c: &ComplaintFacts) -> Vec<String> {
    let line = |id: &str, iso: &str| format!("– {}", w.t(id, &[("date", w.date(iso))]));
    let mut lines = vec![line(&format!("letter-date-decided-{}", c.subject), &c.decided_on)];
    lines.push(line("letter-date-lodged", &c.lodged_on));
    if let Some(p) = &c.revision {
        lines.push(line("letter-date-revision", &p.until));
    }
    if let Some(d) = &c.forwarded_on {
        lines.push(line("letter-date-forwarded", d));
    }
    if let Some(d) = &c.review_until {
        lines.push(line("letter-date-review", d));
    }
    if c.outcome.is_some() {
        lines.push(line("letter-date-outcome", &w.facts.on));
    }
    if let Some(d) = &c.next_due {
        lines.push(line("letter-date-next", d));
    }
    lines
}
