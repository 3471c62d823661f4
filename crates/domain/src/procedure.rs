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

/// The procedure's periods, one version of the data, each period the service needs present.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// The data's version.
    pub version: String,
    /// Every period, in the order of [`PeriodKey::ALL`].
    periods: [Period; 6],
}

#[derive(Deserialize)]
struct Raw {
    version: String,
    periods: Vec<Period>,
}

/// The periods the service counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKey {
    /// The notice of an intended decision comes at least this long before it.
    NoticeBeforeDecision,
    /// The participant's objection to a preliminary decision.
    Objection,
    /// A hearing asked for is held within this many working days.
    HearingWithin,
    /// A complaint is lodged within this period of the decision.
    Complaint,
    /// The deciding office may revise its own decision within this period, else it forwards it.
    Revision,
    /// The higher body decides the complaint within this period.
    Review,
}

impl PeriodKey {
    /// Every key, in the data's order.
    pub const ALL: [PeriodKey; 6] = [
        PeriodKey::NoticeBeforeDecision,
        PeriodKey::Objection,
        PeriodKey::HearingWithin,
        PeriodKey::Complaint,
        PeriodKey::Revision,
        PeriodKey::Review,
    ];

    /// The key in the data file.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKey::NoticeBeforeDecision => "notice_before_decision",
            PeriodKey::Objection => "objection",
            PeriodKey::HearingWithin => "hearing_within",
            PeriodKey::Complaint => "complaint",
            PeriodKey::Revision => "revision",
            PeriodKey::Review => "review",
        }
    }
}

/// The notice before the decision.
pub const NOTICE_BEFORE_DECISION: PeriodKey = PeriodKey::NoticeBeforeDecision;
/// The objection to a preliminary decision.
pub const OBJECTION: PeriodKey = PeriodKey::Objection;
/// The hearing's period.
pub const HEARING_WITHIN: PeriodKey = PeriodKey::HearingWithin;
/// The complaint's period.
pub const COMPLAINT: PeriodKey = PeriodKey::Complaint;
/// The deciding office's revision.
pub const REVISION: PeriodKey = PeriodKey::Revision;
/// The higher body's review.
pub const REVIEW: PeriodKey = PeriodKey::Review;

impl Procedure {
    /// The embedded data (checked by the tests, and at start).
    pub fn embedded() -> Result<Procedure, String> {
        Procedure::parse(APPC)
    }

    /// Parses and checks a data file: every period the service needs, with days and unit that fit,
    /// and an unverified one saying it is reconstructed.
    pub fn parse(text: &str) -> Result<Procedure, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut found = Vec::new();
        for key in PeriodKey::ALL {
            let name = key.as_str();
            let period = raw.periods.iter().find(|x| x.key == name).ok_or(format!("no period {name}"))?;
            if period.days == 0 || (period.unit == Unit::Months) != (key == PeriodKey::Complaint) {
                return Err(format!("period {name}: days and unit"));
            }
            if !period.verified && !period.source.starts_with("Reconstructed") {
                return Err(format!("period {name}: an unverified period must say it is reconstructed"));
            }
            found.push(period.clone());
        }
        let periods: [Period; 6] = found.try_into().map_err(|_| "six periods".to_owned())?;
        Ok(Procedure { version: raw.version, periods })
    }

    /// The period of `key`.
    pub fn period(&self, key: PeriodKey) -> &Period {
        let [notice, objection, hearing, complaint, revision, review] = &self.periods;
        match key {
            PeriodKey::NoticeBeforeDecision => notice,
            PeriodKey::Objection => objection,
            PeriodKey::HearingWithin => hearing,
            PeriodKey::Complaint => complaint,
            PeriodKey::Revision => revision,
            PeriodKey::Review => review,
        }
    }

    /// How many units the period of `key` has.
    pub fn days(&self, key: PeriodKey) -> u32 {
        self.period(key).days
    }

    /// The last day to lodge a complaint against a decision made known on `notified`: the same day
    /// of the month that many months later (the month's last day when it has no such day).
    pub fn complaint_last_day(&self, notified: Date) -> Date {
        add_months(notified, self.days(PeriodKey::Complaint))
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
        let p = Procedure::embedded().expect("the data file");
        assert_eq!(p.days(NOTICE_BEFORE_DECISION), 3);
        assert_eq!(p.days(OBJECTION), 2);
        assert_eq!(p.days(HEARING_WITHIN), 2);
        assert!(p.period(OBJECTION).verified);
        for period in PeriodKey::ALL.map(|k| p.period(k)) {
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
        assert_eq!(
            Procedure::embedded().expect("data").complaint_last_day(date!(2027 - 12 - 31)),
            date!(2028 - 03 - 31)
        );
    }
}
