//! Decision letters (decision 0027): every intended refusal, final refusal and grant is also a letter
//! in the applicant's language, as a PDF (laid out by `cardpdf`, in the web layer) and as the text of
//! its e-mail and inbox message, which are the same words.
//!
//! A letter is data first: [`Facts`] are gathered by the use case that decides, under the case's lock,
//! from what is recorded (the decision's ground, reasons and rules versions, the background-check
//! answers, the document reviews, the card, the last day fixed in the move) and stored with the status
//! change (`letters` table). [`build`] turns recorded facts into a [`Letter`] (title, letterhead,
//! labelled lines, headings and paragraphs) with the reference lists *of the versions recorded*: the
//! same facts give the same letter whenever it is opened. A complaint's steps (its receipt, its
//! forwarding, the office's revision, the higher body's outcome) are letters too: their facts and
//! paragraphs are in `complaint.rs`.

mod complaint;
mod say;
mod words;

use domain::Lang;
use domain::procedure::{COMPLAINT, OBJECTION, PeriodKey, Procedure};
use domain::reference::Kind as ListKind;
use serde::{Deserialize, Serialize};
use store::{Application, User};
use time::Date;

use crate::access::Access;
use crate::app::App;
use crate::error::AppError;
pub use complaint::{After, ComplaintFacts, Span, complaint, receipt};
pub use words::build;

/// The office key of the higher body that reviews complaints by default.
pub const DEFAULT_APPEALS_OFFICE: &str = "ministry";

/// The office key of the higher body that reviews complaints (`Settings::appeals_office`): the one
/// place the letters take it from.
pub fn appeals_office(app: &App) -> String {
    app.settings.appeals_office.clone()
}

/// What a letter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The notice of an intended refusal (APPC Art. 73): ground, reasons, evidence, the right to be
    /// heard and its last day.
    IntendedRefusal,
    /// The refusal, countersigned: ground, reasons, and how, by when and to whom to appeal.
    Refusal,
    /// The grant: the card, its validity and how to use it.
    Grant,
    /// The receipt of a complaint (APPC Art. 91-92): to whom, through whom, the office's last day to
    /// revise its decision and the higher body's period.
    ComplaintLodged,
    /// The complaint forwarded to the higher body: the office's reason, the review's last day.
    ComplaintForwarded,
    /// The office revised its own decision on the complaint: the reason and what follows.
    ComplaintRevised,
    /// The higher body rejected the complaint: the decision stands; the administrative court remains.
    ComplaintUpheld,
    /// The higher body overturned the decision: the reason and what follows.
    ComplaintOverturned,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 8] = [
        Kind::IntendedRefusal,
        Kind::Refusal,
        Kind::Grant,
        Kind::ComplaintLodged,
        Kind::ComplaintForwarded,
        Kind::ComplaintRevised,
        Kind::ComplaintUpheld,
        Kind::ComplaintOverturned,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::IntendedRefusal => "intended_refusal",
            Kind::Refusal => "refusal",
            Kind::Grant => "grant",
            Kind::ComplaintLodged => "complaint_lodged",
            Kind::ComplaintForwarded => "complaint_forwarded",
            Kind::ComplaintRevised => "complaint_revised",
            Kind::ComplaintUpheld => "complaint_upheld",
            Kind::ComplaintOverturned => "complaint_overturned",
        }
    }

    /// The kind with this stored name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The letter of a complaint that has reached `state`.
    pub fn of_complaint(state: domain::complaint::State) -> Kind {
        use domain::complaint::State;
        match state {
            State::Lodged => Kind::ComplaintLodged,
            State::Forwarded => Kind::ComplaintForwarded,
            State::Revised => Kind::ComplaintRevised,
            State::Upheld => Kind::ComplaintUpheld,
            State::Overturned => Kind::ComplaintOverturned,
        }
    }

    /// Whether the letter is a step of a complaint.
    pub fn is_complaint(self) -> bool {
        self.as_str().starts_with("complaint_")
    }

    /// The kind's part of message ids (`letter-title-{slug}`).
    pub fn slug(self) -> String {
        self.as_str().replace('_', "-")
    }
}

/// A reference list's version a decision relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The list (`refusal_ground`, ...).
    pub list: String,
    /// Its version.
    pub version: String,
}

/// The ground of a refusal: a key of the `refusal_ground` list, in the version relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ground {
    /// The item's key.
    pub key: String,
    /// The list's version.
    pub version: String,
}

/// What a decision stands on, as recorded when it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Evidence {
    /// An agency's answer to a background check.
    Check {
        /// `police` or `knb`.
        agency: String,
        /// `no_information` or `adverse`.
        result: String,
        /// The agency's reference.
        reference: String,
        /// When it answered (ISO date, Astana).
        on: String,
    },
    /// An officer's verdict on a document.
    Review {
        /// The checklist item (a key of the `document` list).
        item: String,
        /// `accepted` or `rejected`.
        verdict: String,
        /// Why, for a rejection.
        reason: Option<String>,
        /// When (ISO date, Astana).
        on: String,
    },
}

/// A period of the procedure as the letter states it: its last day and its basis in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The last day (ISO), inclusive.
    pub until: String,
    /// How long, in the unit of the data (`3` months, `2` working days).
    pub length: u32,
    /// The legal basis in words.
    pub basis: domain::lang::Text,
    /// Whether the period's wording was checked against a published text; the letter says when not.
    pub verified: bool,
}

/// How to appeal a decision: by when, to whom, through whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// The complaint period, from the date of the decision.
    pub period: Period,
    /// The higher body's office key.
    pub to: String,
    /// The deciding office's key: the complaint is lodged through it.
    pub through: String,
}

/// The card a grant issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardFacts {
    /// Its number.
    pub number: String,
    /// First day of validity (ISO).
    pub valid_from: String,
    /// Last day of validity (ISO).
    pub valid_until: String,
}

/// Everything a letter states, recorded with the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// What the letter is.
    pub kind: Kind,
    /// The application's language when the letter was made (`kk`, `ru`, `en`).
    pub lang: String,
    /// The reference number.
    pub reference: String,
    /// The applicant's name (Latin as in the passport, then Kazakh Cyrillic when given).
    pub applicant: String,
    /// The office that decided (or intends to).
    pub office: String,
    /// The date of the decision or notice (ISO, Astana).
    pub on: String,
    /// The service's address, and the application's page in it.
    pub site: String,
    /// The application's page.
    pub link: String,
    /// The reference lists' versions relied on.
    pub rules: Vec<Rule>,
    /// The ground of a refusal.
    pub ground: Option<Ground>,
    /// The officer's reasons.
    pub reasons: Option<String>,
    /// The evidence relied on.
    pub evidence: Vec<Evidence>,
    /// For an intended refusal: the period to answer or ask for a hearing; for a refusal, the period
    /// the notice gave (with the notice's date in `noticed_on`).
    pub hearing: Option<Period>,
    /// For a refusal: the date of the notice of intended refusal.
    pub noticed_on: Option<String>,
    /// For a refusal: how to appeal.
    pub appeal: Option<Appeal>,
    /// For a grant: the card; for a revocation set aside on a complaint, the card valid again.
    pub card: Option<CardFacts>,
    /// For a step of a complaint: the complaint, its periods and what follows.
    #[serde(default)]
    pub complaint: Option<ComplaintFacts>,
    /// The procedure data's version the periods come from.
    pub procedure: String,
}

/// A letter as built from its facts, in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// What it is.
    pub kind: Kind,
    /// Its language.
    pub lang: Lang,
    /// The e-mail's and inbox message's subject.
    pub subject: String,
    /// The title.
    pub title: String,
    /// Who writes: the service, then the office.
    pub letterhead: Vec<String>,
    /// Date, reference number, addressee: label and value.
    pub fields: Vec<(String, String)>,
    /// The body.
    pub blocks: Vec<Block>,
}

/// One block of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading.
    Heading(String),
    /// A paragraph (`\n` starts a new line).
    Paragraph(String),
}

impl Letter {
    /// The letter as plain text: the e-mail's body and the inbox message, word for word the PDF's.
    pub fn text(&self) -> String {
        let mut parts = vec![self.letterhead.join("\n")];
        parts.push(self.fields.iter().map(|(l, v)| format!("{l}: {v}")).collect::<Vec<_>>().join("\n"));
        parts.push(self.title.clone());
        for block in &self.blocks {
            match block {
                Block::Heading(h) => parts.push(h.to_uppercase()),
                Block::Paragraph(p) => parts.push(p.clone()),
            }
        }
        parts.join("\n\n")
    }
}

/// The reference lists' versions in force on `day` that a decision relies on.
pub fn rules_in_force(app: &App, day: Date) -> Vec<Rule> {
    [ListKind::Category, ListKind::ProfessionCat1, ListKind::ProfessionCat2, ListKind::RefusalGround]
        .into_iter()
        .filter_map(|k| {
            app.catalog.in_force(k, day).map(|l| Rule { list: k.as_str().to_owned(), version: l.version.clone() })
        })
        .collect()
}

/// A Unix time as an ISO date in Astana.
fn iso_day(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .map(|t| t.to_offset(crate::clock::KZ_OFFSET).date().to_string())
        .unwrap_or_default()
}

/// A period of the procedure data that starts on `from`.
fn period(procedure: &Procedure, key: PeriodKey, until: Date) -> Period {
    let p = procedure.period(key);
    Period { until: until.to_string(), length: p.days, basis: p.basis.clone(), verified: p.verified }
}

/// The facts every letter of the application `a` shares, on `day`.
fn common(app: &App, a: &Application, kind: Kind, day: Date) -> Facts {
    let answers = crate::access::answers(a);
    let latin = format!("{} {}", answers.surname_latin, answers.given_names_latin).trim().to_owned();
    let kk = format!("{} {}", answers.surname_kk, answers.given_names_kk).trim().to_owned();
    let applicant = if kk.is_empty() || kk == latin { latin } else { format!("{latin} ({kk})") };
    let site = app.settings.public_url.trim_end_matches('/').to_owned();
    Facts {
        kind,
        lang: Lang::parse(&a.lang).unwrap_or_default().code().to_owned(),
        reference: a.reference.clone().unwrap_or_default(),
        applicant,
        office: a.assigned_office.clone().unwrap_or_default(),
        on: day.to_string(),
        link: format!("{site}/applications/{}", a.id),
        site,
        rules: rules_in_force(app, day),
        ground: None,
        reasons: None,
        evidence: Vec::new(),
        hearing: None,
        noticed_on: None,
        appeal: None,
        card: None,
        complaint: None,
        procedure: app.procedure.version.clone(),
    }
}

/// The notice of an intended refusal of `a` on `ground` for `reasons`, whose window to answer ends on
/// `until` (fixed by the move): with the checks' answers and the document reviews it stands on.
pub async fn intended_refusal(
    app: &App,
    a: &Application,
    ground: &str,
    reasons: &str,
    until: Option<&str>,
) -> Result<Facts, AppError> {
    let today = app.clock.today();
    let mut facts = common(app, a, Kind::IntendedRefusal, today);
    let version = app.catalog.in_force(ListKind::RefusalGround, today).map(|l| l.version.clone()).unwrap_or_default();
    facts.ground = Some(Ground { key: ground.to_owned(), version });
    facts.reasons = Some(reasons.trim().to_owned());
    for c in app.store.checks(a.id).await? {
        if let (Some(result), Some(at)) = (c.result, c.answered_at) {
            let reference = c.reference.unwrap_or_default();
            facts.evidence.push(Evidence::Check { agency: c.agency, result, reference, on: iso_day(at) });
        }
    }
    let docs = app.store.documents(a.id).await?;
    for r in app.store.reviews(a.id).await? {
        if let Some(d) = docs.iter().find(|d| d.id == r.document_id) {
            let on = iso_day(r.reviewed_at);
            facts.evidence.push(Evidence::Review { item: d.item.clone(), verdict: r.verdict, reason: r.reason, on });
        }
    }
    let until = until.and_then(domain::reference::parse_iso_date).unwrap_or(today);
    facts.hearing = Some(period(&app.procedure, OBJECTION, until));
    Ok(facts)
}

/// The refusal of `a`, countersigned today: the ground, reasons, rules and evidence of the last notice
/// of intended refusal, and the complaint period from today.
pub async fn refusal(app: &App, a: &Application) -> Result<Facts, AppError> {
    let today = app.clock.today();
    let notice = app.store.letters(a.id).await?.into_iter().rev().find(|l| l.kind == Kind::IntendedRefusal.as_str());
    let mut facts = match notice.map(|l| serde_json::from_value::<Facts>(l.facts)) {
        Some(Ok(notice)) => Facts { noticed_on: Some(notice.on.clone()), ..notice },
        Some(Err(e)) => return Err(AppError::internal(&e)),
        None => common(app, a, Kind::Refusal, today),
    };
    facts.kind = Kind::Refusal;
    facts.on = today.to_string();
    facts.office = a.assigned_office.clone().unwrap_or(facts.office);
    let through = facts.office.clone();
    let period = period(&app.procedure, COMPLAINT, app.procedure.complaint_last_day(today));
    facts.appeal = Some(Appeal { period, to: appeals_office(app), through });
    Ok(facts)
}

/// The grant of `a` today, with the card issued in the same move.
pub fn grant(app: &App, a: &Application, card: &store::NewCard, number: &str) -> Facts {
    let mut facts = common(app, a, Kind::Grant, app.clock.today());
    facts.card = Some(CardFacts {
        number: number.to_owned(),
        valid_from: card.valid_from.clone(),
        valid_until: card.valid_until.clone(),
    });
    facts
}

/// One letter in a list: its number on the application (from 1, in the order they were made), kind
/// and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its number on the application, from 1.
    pub n: usize,
    /// What it is.
    pub kind: Kind,
    /// When it was made (Unix seconds).
    pub at: i64,
}

/// The letters of an application, oldest first, numbered from 1, with their ids.
async fn recorded(app: &App, id: i64) -> Result<Vec<(Entry, i64, Facts)>, AppError> {
    let mut out = Vec::new();
    for (i, l) in app.store.letters(id).await?.into_iter().enumerate() {
        let facts: Facts = serde_json::from_value(l.facts).map_err(|e| AppError::internal(&e))?;
        out.push((Entry { n: i + 1, kind: facts.kind, at: l.at }, l.id, facts));
    }
    Ok(out)
}

/// Letter `n` (from 1) of an application, with its id; none such: not found.
async fn nth(app: &App, id: i64, n: usize) -> Result<(i64, Facts), AppError> {
    let found = recorded(app, id).await?.into_iter().find(|(e, _, _)| e.n == n);
    found.map(|(_, id, facts)| (id, facts)).ok_or_else(AppError::not_found)
}

/// The letters of an application the caller may see (as its applicant or the office that filed it).
pub async fn list(app: &App, access: &Access) -> Result<Vec<Entry>, AppError> {
    Ok(recorded(app, access.app.id).await?.into_iter().map(|(e, _, _)| e).collect())
}

/// The letters of a case, for its office's staff ([`crate::access::load_case`]'s rule).
pub async fn list_for_case(app: &App, user: &User, id: i64) -> Result<Vec<Entry>, AppError> {
    let a = crate::access::load_case(app, user, id).await?;
    Ok(recorded(app, a.id).await?.into_iter().map(|(e, _, _)| e).collect())
}

/// Letter `n` of an application the caller may see ([`crate::applications::load`]); none: not found.
pub async fn open(app: &App, access: &Access, n: usize) -> Result<Letter, AppError> {
    let (_, facts) = nth(app, access.app.id, n).await?;
    Ok(build(app, &facts))
}

/// Letter `n` of a case, for its office's staff, the look recorded in the audit log first (a letter
/// holds the applicant's data, as a document does).
pub async fn open_for_case(app: &App, user: &User, id: i64, n: usize) -> Result<Letter, AppError> {
    let a = crate::access::load_case(app, user, id).await?;
    let (letter_id, facts) = nth(app, a.id, n).await?;
    crate::audit::read(app, user, a.id, crate::audit::Read::Letter(letter_id)).await?;
    Ok(build(app, &facts))
}
