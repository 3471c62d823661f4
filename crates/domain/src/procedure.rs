//! The periods of the administrative procedure (APPC): the hearing before an adverse decision and the
//! complaint against one, from `data/procedure/appc.toml` (each with its legal basis, and marked
//! verified or reconstructed), and the rules of hearings and complaints that follow from them.

use serde::Deserialize;
use time::{Date, Month};

use crate::lang::Text;

/// The embedded data file.
const APPC: &str = include_str!("../../../data/procedure/appc.toml");

/// The unit a period is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Working days of the calendar in force.
    WorkingDays,
    /// Calendar months.
    Months,
}

/// One period of the procedure.
#[derive(Debug, Clone, Deserialize)]
pub struct Period {
    /// Its key (`notice_before_decision`, `objection`, `hearing_within`, `complaint`, `revision`, `review`).
    pub key: String,
    /// How many units.
    pub days: u32,
    /// Its unit.
    pub unit: Unit,
    /// The legal basis, in words, in each language.
    pub basis: Text,
    /// What the period means (English, for the reader of the data).
    pub rule: String,
    /// Whether the wording was checked against a published text.
    pub verified: bool,
    /// Where it comes from.
    pub source: String,
}

/// The procedure's periods, one version of the data.
#[derive(Debug, Clone, Deserialize)]
pub struct Procedure {
    /// The data's version.
    pub version: String,
    /// Every period.
    pub periods: Vec<Period>,
}

/// The periods the service needs, by key.
pub const NOTICE_BEFORE_DECISION: &str = "notice_before_decision";
/// The participant's objection to a preliminary decision.
pub const OBJECTION: &str = "objection";
/// A hearing asked for is held within this many working days.
pub const HEARING_WITHIN: &str = "hearing_within";
/// A complaint is lodged within this period of the decision (or of the deadline missed).
pub const COMPLAINT: &str = "complaint";
/// The deciding office may revise its own decision within this period, else it forwards the complaint.
pub const REVISION: &str = "revision";
/// The higher body decides the complaint within this period.
pub const REVIEW: &str = "review";

impl Procedure {
    /// The embedded data, checked: every period the service needs is there.
    pub fn embedded() -> Procedure {
        Procedure::parse(APPC).expect("data/procedure/appc.toml is checked by the tests")
    }

    /// Parses and checks a data file.
    pub fn parse(text: &str) -> Result<Procedure, String> {
        let p: Procedure = toml::from_str(text).map_err(|e| e.to_string())?;
        for key in [NOTICE_BEFORE_DECISION, OBJECTION, HEARING_WITHIN, COMPLAINT, REVISION, REVIEW] {
            let period = p.periods.iter().find(|x| x.key == key).ok_or(format!("no period {key}"))?;
            if period.days == 0 || (period.unit == Unit::Months) != (key == COMPLAINT) {
                return Err(format!("period {key}: days and unit"));
            }
            if !period.verified && !period.source.starts_with("Reconstructed") {
                return Err(format!("period {key}: an unverified period must say it is reconstructed"));
            }
        }
        Ok(p)
    }

    /// The period with this key (one of the constants of this module).
    pub fn period(&self, key: &str) -> &Period {
        self.periods.iter().find(|p| p.key == key).expect("checked by parse")
    }

    /// Working days of a period counted in working days.
    pub fn days(&self, key: &str) -> u32 {
        self.period(key).days
    }

    /// The last day to lodge a complaint against a decision made known on `notified`: the same day
    /// of the month that many months later (the month's last day when it has no such day).
    pub fn complaint_last_day(&self, notified: Date) -> Date {
        add_months(notified, self.period(COMPLAINT).days)
    }
}

/// `d` plus `n` calendar months, kept to the target month's last day.
pub fn add_months(d: Date, n: u32) -> Date {
    let months = i32::from(u8::from(d.month())) - 1 + i32::try_from(n).unwrap_or(0);
    let year = d.year() + months.div_euclid(12);
    let month = Month::try_from(u8::try_from(months.rem_euclid(12) + 1).unwrap_or(1)).unwrap_or(Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, d.day().min(last)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_data_file_has_every_period_with_its_basis() {
        let p = Procedure::embedded();
        assert_eq!(p.days(NOTICE_BEFORE_DECISION), 3);
        assert_eq!(p.days(OBJECTION), 2);
        assert_eq!(p.days(HEARING_WITHIN), 2);
        assert!(p.period(OBJECTION).verified);
        for period in &p.periods {
            assert!(!period.basis.kk.is_empty() && !period.basis.ru.is_empty() && !period.basis.en.is_empty());
        }
    }

    #[test]
    fn an_unverified_period_that_does_not_say_so_is_refused() {
        let bad = APPC.replace("Reconstructed: the project's reading of Art. 92", "Art. 92");
        assert!(Procedure::parse(&bad).unwrap_err().contains("revision"));
        assert!(Procedure::parse(&APPC.replace("unit = \"months\"", "unit = \"working_days\"")).is_err());
    }

    #[test]
    fn months_keep_to_the_last_day_of_a_short_month() {
        assert_eq!(add_months(date!(2026 - 11 - 30), 3), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 03 - 15), 3), date!(2026 - 06 - 15));
        assert_eq!(add_months(date!(2026 - 10 - 31), 3), date!(2027 - 01 - 31));
        assert_eq!(Procedure::embedded().complaint_last_day(date!(2027 - 12 - 31)), date!(2028 - 03 - 31));
    }
}
