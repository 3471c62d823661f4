//! The data of one year that administrators keep, as read from a file or an edit, and its checks.

use serde::{Deserialize, Serialize};
use time::Date;

use super::rules::{YearRules, is_weekend};
use crate::reference::{Origin, iso_date, parse_iso_date};

/// A transfer of a day off (Labour Code art. 85 p. 3): `day_off` becomes a day off and the weekend
/// day `working_day` becomes a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// The weekday that becomes a day off.
    #[serde(with = "iso_date")]
    pub day_off: Date,
    /// The Saturday or Sunday that becomes a working day.
    #[serde(with = "iso_date")]
    pub working_day: Date,
    /// The act that made the transfer.
    pub reference: String,
    /// Whether both dates were checked against published sources.
    pub verified: bool,
    /// What could not be checked, or where it was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a year's data comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarSource {
    /// Citation of the acts and announcements.
    pub reference: String,
    /// Addresses of the publications consulted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// The data of one year that administrators keep: the date of Kurban Ait and the transfers.
/// Serializes to JSON with serde for storage; [`YearData::check`] validates an edited value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearData {
    /// The year.
    pub year: i32,
    /// The first day of Kurban Ait, set by the Spiritual Administration of Muslims of Kazakhstan.
    #[serde(with = "iso_date")]
    pub kurban_ait: Date,
    /// The transfers of days off published for the year.
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    /// Who wrote the data (project: compiled from the sources cited).
    pub origin: Origin,
    /// Where the data comes from.
    pub source: CalendarSource,
    /// Whether the date of Kurban Ait and the list of transfers were confirmed by published sources.
    pub verified: bool,
    /// What could not be verified and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why calendar data is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The file is not TOML of the expected shape.
    #[error("{file}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// A field breaks a rule of the calendar.
    #[error("{file}: {field}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// The field, e.g. `transfers[1].working_day`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Two data sets for the same year.
    #[error("two calendars for {year}")]
    DuplicateYear {
        /// The year.
        year: i32,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransfer {
    day_off: String,
    working_day: String,
    reference: String,
    verified: bool,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: i32,
    kurban_ait: String,
    #[serde(default)]
    transfers: Vec<RawTransfer>,
    origin: Origin,
    source: CalendarSource,
    verified: bool,
    note: Option<String>,
}

impl YearData {
    /// Parses and checks one year file (`data/calendar/kz-YYYY.toml`); `file` names it in errors.
    pub fn parse(file: &str, toml_text: &str) -> Result<YearData, CalendarError> {
        let raw: RawYear = toml::from_str(toml_text)
            .map_err(|e| CalendarError::Parse { file: file.to_owned(), message: e.to_string() })?;
        let invalid = |field: String, message: String| CalendarError::Invalid { file: file.to_owned(), field, message };
        let to_date =
            |field: String, s: &str| parse_iso_date(s).ok_or_else(|| invalid(field, format!("not a date: {s}")));
        let kurban_ait = to_date("kurban_ait".into(), &raw.kurban_ait)?;
        let mut transfers = Vec::with_capacity(raw.transfers.len());
        for (i, t) in raw.transfers.into_iter().enumerate() {
            transfers.push(Transfer {
                day_off: to_date(format!("transfers[{i}].day_off"), &t.day_off)?,
                working_day: to_date(format!("transfers[{i}].working_day"), &t.working_day)?,
                reference: t.reference,
                verified: t.verified,
                note: t.note,
            });
        }
        let year_data = YearData {
            year: raw.year,
            kurban_ait,
            transfers,
            origin: raw.origin,
            source: raw.source,
            verified: raw.verified,
            note: raw.note,
        };
        year_data.check(file)?;
        Ok(year_data)
    }

    /// Checks the rules of a year's data; `file` names its origin in errors.
    pub fn check(&self, file: &str) -> Result<(), CalendarError> {
        let invalid = |field: String, message: String| CalendarError::Invalid { file: file.to_owned(), field, message };
        if !(2000..=9998).contains(&self.year) {
            return Err(invalid("year".into(), format!("{} is out of range", self.year)));
        }
        if self.kurban_ait.year() != self.year {
            return Err(invalid("kurban_ait".into(), format!("{} is not in {}", self.kurban_ait, self.year)));
        }
        if self.source.reference.trim().is_empty() {
            return Err(invalid("source.reference".into(), "is empty".into()));
        }
        if !self.verified && self.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(invalid("note".into(), "unverified data must say what is unverified".into()));
        }
        // The year without its transfers: a transfer must move an ordinary working day and an
        // ordinary weekend day.
        let base = YearRules::compute(self.year, Some(self.kurban_ait), &[]);
        for (i, t) in self.transfers.iter().enumerate() {
            let field = |name: &str| format!("transfers[{i}].{name}");
            if t.day_off.year() != self.year {
                return Err(invalid(field("day_off"), format!("{} is not in {}", t.day_off, self.year)));
            }
            if t.working_day.year() != self.year {
                return Err(invalid(field("working_day"), format!("{} is not in {}", t.working_day, self.year)));
            }
            if is_weekend(t.day_off) || base.holiday(t.day_off).is_some() {
                return Err(invalid(field("day_off"), format!("{} is already a day off", t.day_off)));
            }
            if !is_weekend(t.working_day) {
                return Err(invalid(field("working_day"), format!("{} is not a Saturday or Sunday", t.working_day)));
            }
            if base.holiday(t.working_day).is_some() {
                return Err(invalid(field("working_day"), format!("{} is a holiday", t.working_day)));
            }
            if t.reference.trim().is_empty() {
                return Err(invalid(field("reference"), "is empty".into()));
            }
            if !t.verified && t.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(invalid(field("note"), "an unverified transfer must say what is unverified".into()));
            }
            for (j, other) in self.transfers.iter().enumerate().take(i) {
                if other.day_off == t.day_off || other.working_day == t.working_day {
                    return Err(invalid(field("day_off"), format!("repeats transfers[{j}]")));
                }
            }
        }
        Ok(())
    }
}
