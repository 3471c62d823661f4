//! The application for the card: its answers, the questions (one page each) that fill them, their
//! checks, the document checklist that follows from them, the reference number and the state machine.

use serde::{Deserialize, Serialize};
use time::Date;

mod status;
pub use status::{Action, Status, resumed, unchanged_items};

use crate::reference::{Catalog, Kind, parse_iso_date};

/// Everything the applicant answers, as typed (an empty string is "not answered yet"). Checked by
/// [`check_step`] on each page and by [`check_all`] before submission.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    /// Surname as in the passport's Latin spelling.
    pub surname_latin: String,
    /// Given names as in the passport's Latin spelling.
    pub given_names_latin: String,
    /// Surname in Kazakh Cyrillic.
    pub surname_kk: String,
    /// Given names in Kazakh Cyrillic.
    pub given_names_kk: String,
    /// Date of birth, ISO.
    pub birth_date: String,
    /// `F` or `M`, as in the passport.
    pub sex: String,
    /// Citizenship, ISO 3166-1 alpha-2.
    pub citizenship: String,
    /// Passport number.
    pub passport_number: String,
    /// Passport issue date, ISO.
    pub passport_issued: String,
    /// Passport expiry date, ISO.
    pub passport_expires: String,
    /// Telephone, international format.
    pub phone: String,
    /// E-mail for contact.
    pub contact_email: String,
    /// Country of residence, alpha-2.
    pub residence_country: String,
    /// Address of residence.
    pub residence_address: String,
    /// How Kazakh ethnicity is shown: `in_id` (stated in the ID) or `certificate`.
    pub ethnicity: String,
    /// `1`, `2` or `3`.
    pub category: String,
    /// Category 1: the decree's row.
    pub cat1_row: String,
    /// Category 1: how each requirement of the row is met.
    pub cat1_evidence: String,
    /// Category 2: the НКЗ code.
    pub cat2_code: String,
    /// Category 3: business name.
    pub business_name: String,
    /// Category 3: registration number.
    pub business_reg_number: String,
    /// Category 3: country of registration, alpha-2.
    pub business_country: String,
    /// Category 3: registration date, ISO.
    pub business_reg_date: String,
    /// Category 3: what the business does.
    pub business_activity: String,
    /// Intended region of settlement (ISO 3166-2:KZ).
    pub region: String,
    /// `yes` once the applicant consents to the processing of personal data.
    pub consent: String,
}

/// One page of the application form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Names in Latin and Cyrillic.
    Names,
    /// Date of birth and sex.
    Birth,
    /// Citizenship and passport.
    Passport,
    /// Telephone and e-mail.
    Contact,
    /// Country and address of residence.
    Residence,
    /// How ethnicity is shown.
    Ethnicity,
    /// The category.
    Category,
    /// Category 1: the decree's profession.
    Profession1,
    /// Category 1: how each requirement of that profession is met.
    Requirements1,
    /// Category 2: profession by code.
    Profession2,
    /// Category 3: the business.
    Business,
    /// Region of settlement.
    Region,
    /// Consent to processing of personal data.
    Consent,
}

/// The kind of input a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// Several lines.
    TextArea,
    /// A date in three boxes.
    Date,
    /// One of a list (countries, rows, codes, regions).
    Select,
    /// One of a few, as radio buttons.
    Radios,
    /// A single box to tick.
    Checkbox,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 13] = [
        Step::Names,
        Step::Birth,
        Step::Passport,
        Step::Contact,
        Step::Residence,
        Step::Ethnicity,
        Step::Category,
        Step::Profession1,
        Step::Requirements1,
        Step::Profession2,
        Step::Business,
        Step::Region,
        Step::Consent,
    ];

    /// The URL slug.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Names => "names",
            Step::Birth => "birth",
            Step::Passport => "passport",
            Step::Contact => "contact",
            Step::Residence => "residence",
            Step::Ethnicity => "ethnicity",
            Step::Category => "category",
            Step::Profession1 => "profession-1",
            Step::Requirements1 => "requirements-1",
            Step::Profession2 => "profession-2",
            Step::Business => "business",
            Step::Region => "region",
            Step::Consent => "consent",
        }
    }

    /// The step with this slug.
    pub fn from_slug(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|st| st.slug() == s)
    }

    /// The step's fields and their inputs, in page order.
    pub fn fields(self) -> &'static [(&'static str, Input)] {
        use Input::{Checkbox, Date, Radios, Select, Text, TextArea};
        match self {
            Step::Names => {
                &[("surname_latin", Text), ("given_names_latin", Text), ("surname_kk", Text), ("given_names_kk", Text)]
            }
            Step::Birth => &[("birth_date", Date), ("sex", Radios)],
            Step::Passport => &[
                ("citizenship", Select),
                ("passport_number", Text),
                ("passport_issued", Date),
                ("passport_expires", Date),
            ],
            Step::Contact => &[("phone", Text), ("contact_email", Text)],
            Step::Residence => &[("residence_country", Select), ("residence_address", TextArea)],
            Step::Ethnicity => &[("ethnicity", Radios)],
            Step::Category => &[("category", Radios)],
            Step::Profession1 => &[("cat1_row", Select)],
            Step::Requirements1 => &[("cat1_evidence", TextArea)],
            Step::Profession2 => &[("cat2_code", Select)],
            Step::Business => &[
                ("business_name", Text),
                ("business_reg_number", Text),
                ("business_country", Select),
                ("business_reg_date", Date),
                ("business_activity", TextArea),
            ],
            Step::Region => &[("region", Select)],
            Step::Consent => &[("consent", Checkbox)],
        }
    }

    /// Whether the step is asked, given the answers so far (the category decides which follows).
    pub fn applies(self, a: &Answers) -> bool {
        match self {
            Step::Profession1 | Step::Requirements1 => a.category == "1",
            Step::Profession2 => a.category == "2",
            Step::Business => a.category == "3",
            _ => true,
        }
    }

    /// The first step to ask after this one.
    pub fn next(self, a: &Answers) -> Option<Step> {
        Step::ALL.into_iter().skip_while(|s| *s != self).skip(1).find(|s| s.applies(a))
    }
}

/// The fixed choices of a radio field.
pub fn radio_options(field: &str) -> &'static [&'static str] {
    match field {
        "sex" => &["F", "M"],
        "ethnicity" => &["in_id", "certificate"],
        "category" => &["1", "2", "3"],
        _ => &[],
    }
}

/// One invalid field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The field.
    pub field: &'static str,
    /// A stable problem code.
    pub problem: &'static str,
}

impl Answers {
    /// A field's value by name.
    pub fn get(&self, field: &str) -> Option<&str> {
        Some(match field {
            "surname_latin" => &self.surname_latin,
            "given_names_latin" => &self.given_names_latin,
            "surname_kk" => &self.surname_kk,
            "given_names_kk" => &self.given_names_kk,
            "birth_date" => &self.birth_date,
            "sex" => &self.sex,
            "citizenship" => &self.citizenship,
            "passport_number" => &self.passport_number,
            "passport_issued" => &self.passport_issued,
            "passport_expires" => &self.passport_expires,
            "phone" => &self.phone,
            "contact_email" => &self.contact_email,
            "residence_country" => &self.residence_country,
            "residence_address" => &self.residence_address,
            "ethnicity" => &self.ethnicity,
            "category" => &self.category,
            "cat1_row" => &self.cat1_row,
            "cat1_evidence" => &self.cat1_evidence,
            "cat2_code" => &self.cat2_code,
            "business_name" => &self.business_name,
            "business_reg_number" => &self.business_reg_number,
            "business_country" => &self.business_country,
            "business_reg_date" => &self.business_reg_date,
            "business_activity" => &self.business_activity,
            "region" => &self.region,
            "consent" => &self.consent,
            _ => return None,
        })
    }

    /// Sets a field by name (trimmed; passport numbers and Latin names upper-cased as in the passport);
    /// `false` for an unknown name.
    pub fn set(&mut self, field: &str, value: &str) -> bool {
        let v = value.trim();
        let v = match field {
            "surname_latin" | "given_names_latin" | "passport_number" | "business_reg_number" => v.to_uppercase(),
            "contact_email" => v.to_lowercase(),
            _ => v.to_owned(),
        };
        let slot = match field {
            "surname_latin" => &mut self.surname_latin,
            "given_names_latin" => &mut self.given_names_latin,
            "surname_kk" => &mut self.surname_kk,
            "given_names_kk" => &mut self.given_names_kk,
            "birth_date" => &mut self.birth_date,
            "sex" => &mut self.sex,
            "citizenship" => &mut self.citizenship,
            "passport_number" => &mut self.passport_number,
            "passport_issued" => &mut self.passport_issued,
            "passport_expires" => &mut self.passport_expires,
            "phone" => &mut self.phone,
            "contact_email" => &mut self.contact_email,
            "residence_country" => &mut self.residence_country,
            "residence_address" => &mut self.residence_address,
            "ethnicity" => &mut self.ethnicity,
            "category" => &mut self.category,
            "cat1_row" => &mut self.cat1_row,
            "cat1_evidence" => &mut self.cat1_evidence,
            "cat2_code" => &mut self.cat2_code,
            "business_name" => &mut self.business_name,
            "business_reg_number" => &mut self.business_reg_number,
            "business_country" => &mut self.business_country,
            "business_reg_date" => &mut self.business_reg_date,
            "business_activity" => &mut self.business_activity,
            "region" => &mut self.region,
            "consent" => &mut self.consent,
            _ => return false,
        };
        *slot = v;
        true
    }

    /// Whether every field of `step` is empty (not started).
    pub fn step_empty(&self, step: Step) -> bool {
        step.fields().iter().all(|(f, _)| self.get(f).is_none_or(str::is_empty))
    }
}

fn known(catalog: &Catalog, kind: Kind, day: Date, key: &str) -> bool {
    catalog.in_force(kind, day).is_some_and(|l| l.item(key).is_some())
}

fn latin_name(v: &str) -> bool {
    v.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\''))
}

fn cyrillic_name(v: &str) -> bool {
    v.chars().all(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё' | ' ' | '-' | '\'') || "ӘәҒғҚқҢңӨөҰұҮүҺһІі".contains(c))
}

/// Checks the fields of one step; every problem at once, in page order.
pub fn check_step(step: Step, a: &Answers, catalog: &Catalog, today: Date) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    let mut bad = |field: &'static str, problem: &'static str| out.push(FieldProblem { field, problem });
    let date = |v: &str| parse_iso_date(v);
    for (field, _) in step.fields() {
        let v = a.get(field).unwrap_or_default();
        // An e-mail address is not required: a person an embassy files for may have none (the office
        // hears for them), and an applicant online is reached at their account's address.
        if v.is_empty() && *field == "contact_email" {
            continue;
        }
        if v.is_empty() {
            bad(field, if *field == "consent" { "consent_required" } else { "required" });
            continue;
        }
        let max = match *field {
            "cat1_evidence" | "business_activity" => 4000,
            "residence_address" => 500,
            _ => 100,
        };
        if v.chars().count() > max {
            bad(field, "too_long");
            continue;
        }
        let problem: Option<&'static str> = match *field {
            "surname_latin" | "given_names_latin" => (!latin_name(v)).then_some("latin_only"),
            "surname_kk" | "given_names_kk" => (!cyrillic_name(v)).then_some("cyrillic_only"),
            "birth_date" => match date(v) {
                None => Some("invalid_date"),
                Some(d) if d > today => Some("in_future"),
                Some(d) if d.year() < 1900 => Some("too_old"),
                Some(_) => None,
            },
            "sex" | "ethnicity" | "category" => (!radio_options(field).contains(&v)).then_some("unknown"),
            "citizenship" => {
                if v == "KZ" {
                    Some("citizen_kz")
                } else {
                    (!known(catalog, Kind::Country, today, v)).then_some("unknown")
                }
            }
            "residence_country" | "business_country" => (!known(catalog, Kind::Country, today, v)).then_some("unknown"),
            "passport_number" => {
                let ok = (5..=20).contains(&v.len()) && v.chars().all(|c| c.is_ascii_alphanumeric());
                (!ok).then_some("invalid_passport_number")
            }
            "passport_issued" => match date(v) {
                None => Some("invalid_date"),
                Some(d) if d > today => Some("in_future"),
                Some(d) if date(&a.birth_date).is_some_and(|b| d < b) => Some("before_birth"),
                Some(_) => None,
            },
            "passport_expires" => match date(v) {
                None => Some("invalid_date"),
                Some(d) if d <= today => Some("expired"),
                Some(d) if date(&a.passport_issued).is_some_and(|i| d <= i) => Some("before_issue"),
                Some(_) => None,
            },
            "business_reg_date" => match date(v) {
                None => Some("invalid_date"),
                Some(d) if d > today => Some("in_future"),
                Some(_) => None,
            },
            "phone" => {
                let digits = v.chars().filter(char::is_ascii_digit).count();
                let ok = v.starts_with('+')
                    && (8..=15).contains(&digits)
                    && v.chars().skip(1).all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
                (!ok).then_some("invalid_phone")
            }
            "contact_email" => crate::account::Email::parse(v).is_err().then_some("invalid_email"),
            "cat1_row" => (!known(catalog, Kind::ProfessionCat1, today, v)).then_some("unknown"),
            "cat2_code" => (!known(catalog, Kind::ProfessionCat2, today, v)).then_some("unknown"),
            "region" => (!known(catalog, Kind::Region, today, v)).then_some("unknown"),
            "consent" => (v != "yes").then_some("consent_required"),
            _ => None,
        };
        if let Some(p) = problem {
            bad(field, p);
        }
    }
    out
}

/// Checks every step that applies: what must hold before submission.
pub fn check_all(a: &Answers, catalog: &Catalog, today: Date) -> Vec<FieldProblem> {
    Step::ALL.into_iter().filter(|s| s.applies(a)).flat_map(|s| check_step(s, a, catalog, today)).collect()
}

/// The documents the answers call for, each a key of the `document` reference list, in checklist order:
/// the eligibility check's rule ([`crate::eligibility::documents_for`]) applied to the answers so far.
pub fn documents_needed(a: &Answers) -> Vec<&'static str> {
    let in_id = a.ethnicity != "certificate";
    let profession = matches!(a.category.as_str(), "1" | "2");
    crate::eligibility::documents_for(in_id, profession, a.category == "3").into_iter().map(|(d, _)| d).collect()
}

/// The reference number given at submission: `AZ-YYYY-NNNNNNN-C`, C a Luhn check digit over the digits.
pub fn reference_number(year: i32, id: i64) -> String {
    let body = format!("{year:04}{id:07}");
    format!("AZ-{year:04}-{id:07}-{}", luhn(&body))
}

/// Whether `s` is a well-formed reference number (check digit included).
pub fn is_reference_number(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [az, year, id, check] = parts.as_slice() else {
        return false;
    };
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    *az == "AZ"
        && digits(year, 4)
        && digits(id, 7)
        && digits(check, 1)
        && check.parse::<u32>().ok() == Some(luhn(&format!("{year}{id}")))
}

fn luhn(digits: &str) -> u32 {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The keys a person's names match under, whatever the script: the folded words of each spelling,
/// sorted, so that "BEKOV NURLAN", "Nurlan Bekov" and "Беков Нұрлан" agree.
pub fn name_keys(a: &Answers) -> (String, String) {
    let key = |s: &str, g: &str| {
        let mut w = crate::fold::words(&format!("{s} {g}"));
        w.sort();
        w.join(" ")
    };
    (key(&a.surname_latin, &a.given_names_latin), key(&a.surname_kk, &a.given_names_kk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_category() {
        let mut a = Answers { category: "2".into(), ..Answers::default() };
        assert_eq!(Step::Category.next(&a), Some(Step::Profession2));
        assert_eq!(Step::Profession2.next(&a), Some(Step::Region));
        a.category = "3".into();
        assert_eq!(Step::Category.next(&a), Some(Step::Business));
        assert_eq!(Step::Consent.next(&a), None);
        for s in Step::ALL {
            assert_eq!(Step::from_slug(s.slug()), Some(s));
        }
    }

    #[test]
    fn setting_normalises_like_the_passport() {
        let mut a = Answers::default();
        assert!(a.set("surname_latin", "  bekov "));
        assert!(a.set("passport_number", "e1234567"));
        assert!(!a.set("nonsense", "x"));
        assert_eq!((a.surname_latin.as_str(), a.passport_number.as_str()), ("BEKOV", "E1234567"));
    }

    #[test]
    fn reference_numbers_carry_a_check_digit() {
        let r = reference_number(2026, 123);
        assert!(r.starts_with("AZ-2026-0000123-"), "{r}");
        assert!(is_reference_number(&r));
        let last = r.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(0);
        let wrong = format!("AZ-2026-0000123-{}", (last + 1) % 10);
        assert!(!is_reference_number(&wrong));
        assert!(!is_reference_number("AZ-2026-123-4"));
    }

    #[test]
    fn names_match_across_scripts_and_order() {
        let latin = Answers { surname_latin: "BEKOV".into(), given_names_latin: "NURLAN".into(), ..Answers::default() };
        let kk =
            Answers { surname_kk: "Беков".into(), given_names_kk: "Нұрлан".into(), ..Answers::default() };
        let reversed =
            Answers { surname_latin: "Nurlan".into(), given_names_latin: "Bekov".into(), ..Answers::default() };
        assert_eq!(name_keys(&latin).0, name_keys(&kk).1);
        assert_eq!(name_keys(&latin).0, name_keys(&reversed).0);
    }

    #[test]
    fn the_state_machine_refuses_what_is_not_allowed() {
        assert_eq!(Status::Draft.after(Action::Submit), Some(Status::Submitted));
        assert_eq!(Status::Submitted.after(Action::Submit), None);
        assert_eq!(Status::Draft.after(Action::RequestCorrections), None);
        assert_eq!(Status::Submitted.after(Action::RequestCorrections), Some(Status::CorrectionsRequested));
        for before in [Status::ChecksPending, Status::AwaitingIin, Status::IinRecorded] {
            assert_eq!(before.after(Action::RequestCorrections), Some(Status::CorrectionsRequested), "{before:?}");
            assert_eq!(super::resumed(before, true), Some(before));
        }
        assert_eq!(super::resumed(Status::ChecksPending, false), Some(Status::AwaitingIin), "answered meanwhile");
        assert_eq!(Status::Granted.after(Action::RequestCorrections), None, "not after the decision");
        assert_eq!(super::resumed(Status::Granted, false), None);
        assert_eq!(Status::CorrectionsRequested.after(Action::Submit), Some(Status::Submitted));
        assert_eq!(Status::parse("corrections_requested"), Some(Status::CorrectionsRequested));
        for st in Status::ALL {
            assert_eq!(Status::parse(st.as_str()), Some(st));
        }
        // A decision only after the IIN; a second decision never; a refusal only with a countersignature.
        assert_eq!(Status::Submitted.after(Action::Grant), None);
        assert_eq!(Status::Granted.after(Action::Grant), None);
        assert_eq!(Status::Granted.after(Action::ProposeRefusal), None);
        assert_eq!(Status::IinRecorded.after(Action::ProposeRefusal), Some(Status::RefusalPending));
        assert_eq!(Status::RefusalPending.after(Action::Countersign), Some(Status::Refused));
        assert_eq!(Status::IinRecorded.after(Action::ProposeGrant), Some(Status::GrantPending));
        let before = Answers { surname_latin: "BEKOV".into(), phone: "+7 701".into(), ..Answers::default() };
        let after = Answers { surname_latin: "BEKOVA".into(), ..before.clone() };
        let reopened =
            ["names".to_owned(), "contact".to_owned(), "doc:passport".to_owned(), "doc:ethnicity".to_owned()];
        assert_eq!(super::unchanged_items(&reopened, &before, &after, &["passport"]), ["contact", "doc:ethnicity"]);
        assert_eq!(Status::GrantPending.after(Action::Countersign), Some(Status::Granted));
        assert_eq!(Status::GrantPending.after(Action::SendBack), Some(Status::IinRecorded));
        assert_eq!(Status::GrantPending.after(Action::Grant), None, "a proposed grant is countersigned, not granted");
        assert!(Status::Refused.is_final() && Status::Granted.is_final() && !Status::IinRecorded.is_final());
    }

    #[test]
    fn checklist_follows_the_answers() {
        let a = Answers { ethnicity: "certificate".into(), category: "3".into(), ..Answers::default() };
        assert_eq!(documents_needed(&a), ["passport", "ethnicity_certificate", "business_proof"]);
        let b = Answers { ethnicity: "in_id".into(), category: "1".into(), ..Answers::default() };
        assert_eq!(documents_needed(&b), ["passport", "profession_proof"]);
    }
}
