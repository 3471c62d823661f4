//! The eligibility check (screener): which categories may apply, why, what to bring, what to watch.

use serde::Serialize;
use time::Date;

use crate::reference::{Catalog, Kind};

/// A field of the screener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Country of citizenship (ISO 3166-1 alpha-2).
    Citizenship,
    /// Whether the person is an ethnic Kazakh (the card is for them alone).
    Kazakh,
    /// Whether the identity document states Kazakh ethnicity.
    Ethnicity,
    /// Country of residence.
    Residence,
    /// Profession from the lists, or none.
    Profession,
    /// Whether the person runs a registered, operating business.
    Business,
    /// Passport expiry date.
    PassportExpiry,
}

impl Field {
    /// Every field, in the order the screener asks.
    pub const ALL: [Field; 7] = [
        Field::Citizenship,
        Field::Kazakh,
        Field::Ethnicity,
        Field::Residence,
        Field::Profession,
        Field::Business,
        Field::PassportExpiry,
    ];

    /// The field's name in forms and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Citizenship => "citizenship",
            Field::Kazakh => "kazakh",
            Field::Ethnicity => "ethnicity",
            Field::Residence => "residence",
            Field::Profession => "profession",
            Field::Business => "business",
            Field::PassportExpiry => "passport_expiry",
        }
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// No answer given.
    Required,
    /// Not one of the allowed values (unknown country, profession, yes/no).
    Unknown,
    /// Not a real date.
    InvalidDate,
    /// A date implausibly far ahead.
    TooFar,
}

impl Problem {
    /// A stable code for APIs and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::Unknown => "unknown",
            Problem::InvalidDate => "invalid_date",
            Problem::TooFar => "too_far",
        }
    }
}

/// One invalid field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

/// A profession chosen from the lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "category", content = "key")]
pub enum Profession {
    /// A row of the category 1 list.
    #[serde(rename = "1")]
    Cat1(String),
    /// An НКЗ code of the category 2 list.
    #[serde(rename = "2")]
    Cat2(String),
    /// None of the listed professions.
    #[serde(rename = "none")]
    None,
}

impl Profession {
    /// The form value: `1-28`, `2-2217-4-001` or `none`.
    pub fn form_value(&self) -> String {
        match self {
            Profession::Cat1(k) => format!("1-{k}"),
            Profession::Cat2(k) => format!("2-{k}"),
            Profession::None => "none".into(),
        }
    }
}

/// Answers as typed: every field optional, nothing checked yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct RawAnswers {
    /// ISO alpha-2 country of citizenship.
    pub citizenship: Option<String>,
    /// `yes` or `no`: an ethnic Kazakh.
    pub kazakh: Option<String>,
    /// `yes` or `no`.
    pub ethnicity: Option<String>,
    /// ISO alpha-2 country of residence.
    pub residence: Option<String>,
    /// `1-<row>`, `2-<code>` or `none`.
    pub profession: Option<String>,
    /// `yes` or `no`.
    pub business: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub passport_expiry: Option<String>,
}

/// Checked answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answers {
    /// Country of citizenship.
    pub citizenship: String,
    /// Whether the person is an ethnic Kazakh.
    pub ethnic_kazakh: bool,
    /// Whether the identity document states Kazakh ethnicity.
    pub ethnicity_in_id: bool,
    /// Country of residence.
    pub residence: String,
    /// Chosen profession.
    pub profession: Profession,
    /// Runs a business registered and operating in the country of residence or citizenship.
    pub business: bool,
    /// Passport expiry date.
    #[serde(with = "crate::reference::iso_date")]
    pub passport_expiry: Date,
}

fn present(v: Option<&String>) -> Option<&str> {
    v.map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// Checks one field's raw value; `Ok(None)` never happens for a present, valid value.
pub fn check_field(field: Field, raw: &RawAnswers, catalog: &Catalog, today: Date) -> Result<(), Problem> {
    let value = match field {
        Field::Citizenship => &raw.citizenship,
        Field::Kazakh => &raw.kazakh,
        Field::Ethnicity => &raw.ethnicity,
        Field::Residence => &raw.residence,
        Field::Profession => &raw.profession,
        Field::Business => &raw.business,
        Field::PassportExpiry => &raw.passport_expiry,
    };
    let v = present(value.as_ref()).ok_or(Problem::Required)?;
    match field {
        Field::Citizenship | Field::Residence => {
            let known = catalog.in_force(Kind::Country, today).is_some_and(|l| l.item(v).is_some());
            if known { Ok(()) } else { Err(Problem::Unknown) }
        }
        Field::Kazakh | Field::Ethnicity | Field::Business => parse_yes_no(v).map(|_| ()).ok_or(Problem::Unknown),
        Field::Profession => parse_profession(v, catalog, today).map(|_| ()).ok_or(Problem::Unknown),
        Field::PassportExpiry => {
            let d = crate::reference::parse_iso_date(v).ok_or(Problem::InvalidDate)?;
            if d.year() > today.year() + 25 { Err(Problem::TooFar) } else { Ok(()) }
        }
    }
}

fn parse_yes_no(v: &str) -> Option<bool> {
    match v {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

fn parse_profession(v: &str, catalog: &Catalog, today: Date) -> Option<Profession> {
    if v == "none" {
        return Some(Profession::None);
    }
    let (cat, key) = v.split_once('-')?;
    let (kind, make): (Kind, fn(String) -> Profession) = match cat {
        "1" => (Kind::ProfessionCat1, Profession::Cat1),
        "2" => (Kind::ProfessionCat2, Profession::Cat2),
        _ => return None,
    };
    catalog.in_force(kind, today)?.item(key)?;
    Some(make(key.to_owned()))
}

impl RawAnswers {
    /// Checks every field; all errors at once, in the screener's order.
    pub fn parse(&self, catalog: &Catalog, today: Date) -> Result<Answers, Vec<FieldError>> {
        let errors: Vec<FieldError> = Field::ALL
            .into_iter()
            .filter_map(|f| check_field(f, self, catalog, today).err().map(|problem| FieldError { field: f, problem }))
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let get = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or_default().to_owned();
        let (Some(kazakh), Some(ethnicity), Some(business), Some(profession), Some(passport_expiry)) = (
            parse_yes_no(&get(&self.kazakh)),
            parse_yes_no(&get(&self.ethnicity)),
            parse_yes_no(&get(&self.business)),
            parse_profession(&get(&self.profession), catalog, today),
            crate::reference::parse_iso_date(&get(&self.passport_expiry)),
        ) else {
            return Err(vec![]);
        };
        Ok(Answers {
            citizenship: get(&self.citizenship),
            ethnic_kazakh: kazakh,
            ethnicity_in_id: ethnicity,
            residence: get(&self.residence),
            profession,
            business,
            passport_expiry,
        })
    }
}

/// A reference to the item of reference data a statement rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// The list.
    pub kind: Kind,
    /// The item's key.
    pub key: String,
}

fn basis(kind: Kind, key: &str) -> Basis {
    Basis { kind, key: key.to_owned() }
}

/// One statement of the result: a message id and the data it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// Stable code; also the message id suffix.
    pub code: &'static str,
    /// The legal basis.
    pub basis: Basis,
}

/// A category that may apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryMatch {
    /// "1", "2" or "3".
    pub category: &'static str,
    /// The matching profession's key, if any.
    pub item: Option<String>,
    /// Why it may apply.
    pub reason: Statement,
}

/// A document to bring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentNeed {
    /// The document's key in the document list.
    pub document: &'static str,
    /// Why it is needed.
    pub reason: Statement,
}

/// The screener's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Whether at least one category may apply and nothing blocks an application.
    pub may_apply: bool,
    /// What stops an application outright.
    pub blockers: Vec<Statement>,
    /// Categories that may apply.
    pub categories: Vec<CategoryMatch>,
    /// The document checklist.
    pub documents: Vec<DocumentNeed>,
    /// Things to watch.
    pub warnings: Vec<Statement>,
    /// The last day a card issued on the day asked could be valid.
    #[serde(with = "crate::reference::iso_date::option")]
    pub card_valid_until: Option<Date>,
}

/// Months before passport expiry under which the screener advises renewing first.
pub const RENEW_PASSPORT_MONTHS: u8 = 6;
/// Maximum validity of the card in years (Law "On Population Migration", art. 1).
pub const CARD_YEARS: i32 = 10;

fn add_years(d: Date, years: i32) -> Date {
    let y = d.year() + years;
    d.replace_year(y).or_else(|_| Date::from_calendar_date(y, d.month(), 28)).unwrap_or(d)
}

fn add_months(d: Date, months: u8) -> Date {
    let mut date = d;
    for _ in 0..months {
        let next = date.month().next();
        let year = if next == time::Month::January { date.year() + 1 } else { date.year() };
        let day = date.day().min(next.length(year));
        date = Date::from_calendar_date(year, next, day).unwrap_or(date);
    }
    date
}

/// The documents to file, each a key of the `document` list with the code of its reason, in checklist
/// order: the passport always; the ethnicity certificate when the ID does not state ethnicity; proof of
/// the profession for categories 1 and 2; proof of the business for category 3. The eligibility check
/// and the application's checklist both use this one rule.
pub fn documents_for(ethnicity_in_id: bool, profession: bool, business: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![("passport", "doc_passport")];
    if !ethnicity_in_id {
        out.push(("ethnicity_certificate", "doc_ethnicity"));
    }
    if profession {
        out.push(("profession_proof", "doc_profession"));
    }
    if business {
        out.push(("business_proof", "doc_business"));
    }
    out
}

/// Decides what the answers mean on `today`.
pub fn assess(a: &Answers, today: Date) -> Outcome {
    let st = |code, kind, key: &str| Statement { code, basis: basis(kind, key) };
    let mut out = Outcome {
        may_apply: false,
        blockers: Vec::new(),
        categories: Vec::new(),
        documents: Vec::new(),
        warnings: Vec::new(),
        card_valid_until: None,
    };
    if a.citizenship == "KZ" {
        out.blockers.push(st("citizen_kz", Kind::CardFact, "invalid_on_citizenship"));
        return out;
    }
    // The card is a document for ethnic Kazakhs abroad, whatever the identity document says; for anyone
    // else nothing more is said but where to turn.
    if !a.ethnic_kazakh {
        out.blockers.push(st("not_ethnic_kazakh", Kind::CardFact, "what"));
        return out;
    }
    if a.passport_expiry <= today {
        out.blockers.push(st("passport_expired", Kind::CardFact, "validity_passport"));
    }
    match &a.profession {
        Profession::Cat1(k) => out.categories.push(CategoryMatch {
            category: "1",
            item: Some(k.clone()),
            reason: st("cat1_profession", Kind::ProfessionCat1, k),
        }),
        Profession::Cat2(k) => out.categories.push(CategoryMatch {
            category: "2",
            item: Some(k.clone()),
            reason: st("cat2_profession", Kind::ProfessionCat2, k),
        }),
        Profession::None => {}
    }
    if a.business {
        out.categories.push(CategoryMatch {
            category: "3",
            item: None,
            reason: st("cat3_business", Kind::Category, "3"),
        });
    }
    if out.categories.is_empty() {
        out.blockers.push(st("no_category", Kind::Category, "1"));
    }
    out.may_apply = out.blockers.is_empty();

    let has_profession = matches!(a.profession, Profession::Cat1(_) | Profession::Cat2(_));
    for (document, code) in documents_for(a.ethnicity_in_id, has_profession, a.business) {
        out.documents.push(DocumentNeed { document, reason: st(code, Kind::Document, document) });
    }
    out.documents.push(DocumentNeed {
        document: "notarised_translation",
        reason: st("doc_translation", Kind::Document, "notarised_translation"),
    });

    if a.passport_expiry > today {
        let ten_years = add_years(today, CARD_YEARS);
        let until = a.passport_expiry.min(ten_years);
        out.card_valid_until = Some(until);
        if a.passport_expiry < ten_years {
            out.warnings.push(st("card_limited_by_passport", Kind::CardFact, "validity_passport"));
        }
        if a.passport_expiry < add_months(today, RENEW_PASSPORT_MONTHS) {
            out.warnings.push(st("passport_expiring_soon", Kind::CardFact, "validity_passport"));
        }
    }
    if a.residence == "KZ" {
        out.warnings.push(st("resident_in_kz", Kind::CardFact, "what"));
    }
    out.warnings.push(st("kandas_alternative", Kind::CardFact, "kandas"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn answers() -> Answers {
        Answers {
            citizenship: "MN".into(),
            ethnic_kazakh: true,
            ethnicity_in_id: true,
            residence: "MN".into(),
            profession: Profession::Cat1("28".into()),
            business: false,
            passport_expiry: date!(2040 - 01 - 01),
        }
    }

    #[test]
    fn the_card_is_only_for_ethnic_kazakhs_whatever_the_profession() {
        let mut a = answers();
        a.ethnic_kazakh = false;
        let o = assess(&a, date!(2026 - 01 - 01));
        assert!(!o.may_apply);
        assert_eq!(o.blockers.iter().map(|b| b.code).collect::<Vec<_>>(), ["not_ethnic_kazakh"]);
        assert!(o.categories.is_empty() && o.documents.is_empty(), "nothing else is said");
    }

    #[test]
    fn citizen_of_kazakhstan_is_blocked_and_nothing_else_is_said() {
        let mut a = answers();
        a.citizenship = "KZ".into();
        let o = assess(&a, date!(2026 - 11 - 24));
        assert!(!o.may_apply);
        assert_eq!(o.blockers.len(), 1);
        assert!(o.categories.is_empty() && o.documents.is_empty());
    }

    #[test]
    fn card_never_outlives_passport() {
        let mut a = answers();
        a.passport_expiry = date!(2030 - 03 - 01);
        let o = assess(&a, date!(2026 - 11 - 24));
        assert_eq!(o.card_valid_until, Some(date!(2030 - 03 - 01)));
        assert!(o.warnings.iter().any(|w| w.code == "card_limited_by_passport"));
        let long = assess(&answers(), date!(2026 - 11 - 24));
        assert_eq!(long.card_valid_until, Some(date!(2036 - 11 - 24)));
    }

    #[test]
    fn ethnicity_certificate_only_when_id_is_silent() {
        let o = assess(&answers(), date!(2026 - 11 - 24));
        assert!(!o.documents.iter().any(|d| d.document == "ethnicity_certificate"));
        let mut a = answers();
        a.ethnicity_in_id = false;
        a.profession = Profession::None;
        a.business = true;
        let o = assess(&a, date!(2026 - 11 - 24));
        assert!(o.documents.iter().any(|d| d.document == "ethnicity_certificate"));
        assert!(o.documents.iter().any(|d| d.document == "business_proof"));
        assert_eq!(o.categories.first().map(|c| c.category), Some("3"));
    }

    #[test]
    fn no_profession_and_no_business_cannot_apply() {
        let mut a = answers();
        a.profession = Profession::None;
        let o = assess(&a, date!(2026 - 11 - 24));
        assert!(!o.may_apply);
        assert!(o.blockers.iter().any(|b| b.code == "no_category"));
    }

    #[test]
    fn leap_day_plus_ten_years() {
        assert_eq!(add_years(date!(2028 - 02 - 29), 10), date!(2038 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 08 - 31), 6), date!(2027 - 02 - 28));
    }
}
