//! Kazakhstan's working-day calendar: public holidays, their carry-over, the yearly transfers of days
//! off, and deadline arithmetic in working days. Pure: the per-year data comes in as text or values.
//!
//! The rules, as in force since the amendments of 29 September 2022:
//! - Law of the Republic of Kazakhstan No. 267-II of 13 December 2001 "On holidays in the Republic of
//!   Kazakhstan", arts. 2-3 as amended by the Law of 29 September 2022 "On amendments ... on
//!   cinematography, culture and holidays": national holiday Republic Day (25 October); state holidays
//!   New Year (1-2 January), International Women's Day (8 March), Nauryz meiramy (21-23 March), Unity
//!   Day (1 May), Defender of the Fatherland Day (7 May), Victory Day (9 May), Capital Day (6 July),
//!   Constitution Day (30 August), Independence Day (16 December only; until 2022 it was 16-17 December,
//!   and First President's Day, 1 December, was removed from the list).
//! - Same law, art. 5: holidays are non-working days; when a holiday falls on a day off, the next
//!   working day is the day off (the carry-over).
//! - Labour Code of the Republic of Kazakhstan (2015), art. 84 p. 5: the first day of Kurban Ait and
//!   7 January (Orthodox Christmas) are days off. They are not national or state holidays, so art. 5
//!   does not apply: they are never carried over (Ministry of Labour, enbek.gov.kz, 8 August 2019; in
//!   2024 Kurban Ait fell on Sunday 16 June and Monday 17 June stayed a working day).
//! - Labour Code art. 85 p. 3: the authorized state body for labour (formerly the Government) may
//!   move days off to other working days; these transfers are published yearly and kept as data.
//!
//! The calendar models the five-day week (Saturday and Sunday off), which is the week of state bodies.
//! Rules for years before 2023 are not modelled.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, Month, Weekday};

use crate::reference::{Origin, iso_date, parse_iso_date};

/// Key of a holiday, as used in message ids.
pub type HolidayKey = &'static str;

/// National and state holidays (law "On holidays", arts. 2-3): carried over when they fall on a weekend.
const CARRIED: [(Month, u8, HolidayKey); 12] = [
    (Month::January, 1, "new_year"),
    (Month::January, 2, "new_year"),
    (Month::March, 8, "womens_day"),
    (Month::March, 21, "nauryz"),
    (Month::March, 22, "nauryz"),
    (Month::March, 23, "nauryz"),
    (Month::May, 1, "unity_day"),
    (Month::May, 7, "defender_day"),
    (Month::May, 9, "victory_day"),
    (Month::July, 6, "capital_day"),
    (Month::August, 30, "constitution_day"),
    (Month::October, 25, "republic_day"),
];

/// Independence Day, the last state holiday of the year (listed apart to keep the table in date order).
const INDEPENDENCE_DAY: (Month, u8, HolidayKey) = (Month::December, 16, "independence_day");

/// Orthodox Christmas: a day off that is never carried over (Labour Code art. 84 p. 5).
const ORTHODOX_CHRISTMAS: (Month, u8, HolidayKey) = (Month::January, 7, "orthodox_christmas");

/// The key of the first day of Kurban Ait.
pub const KURBAN_AIT: HolidayKey = "kurban_ait";

/// The key of a day off moved by a transfer.
pub const TRANSFER: HolidayKey = "transfer";

/// What kind of day off a [`Holiday`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayKind {
    /// A national or state holiday on its own date.
    Holiday,
    /// A religious day off (7 January, Kurban Ait): never carried over.
    Religious,
    /// The day off owed for a holiday that fell on a weekend (its date given).
    CarryOver {
        /// The holiday's own date.
        from: Date,
    },
    /// A day off moved here by a transfer (the Saturday or Sunday that became a working day given).
    Transfer {
        /// The weekend day that became a working day.
        working_day: Date,
    },
}

/// One day off of a year other than an ordinary weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    /// The date.
    pub date: Date,
    /// The holiday's key (`nauryz`, `kurban_ait`, `transfer`...).
    pub key: HolidayKey,
    /// What kind of day off it is.
    pub kind: HolidayKind,
}

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

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
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

/// The days off of one year, computed from the law's rules and the year's data.
#[derive(Debug, Clone, PartialEq, Eq)]
struct YearRules {
    /// Every day off other than an ordinary weekend day, in date order. Holidays falling on a weekend
    /// are listed too.
    holidays: Vec<Holiday>,
    /// Weekend days made working days by a transfer.
    working_weekends: Vec<Date>,
}

/// A date of `year`; every fixed holiday exists in every year, so `None` only for years out of range.
fn on(year: i32, (month, day, key): (Month, u8, HolidayKey)) -> Option<(Date, HolidayKey)> {
    Date::from_calendar_date(year, month, day).ok().map(|d| (d, key))
}

impl YearRules {
    fn compute(year: i32, kurban_ait: Option<Date>, transfers: &[Transfer]) -> YearRules {
        let mut holidays: Vec<Holiday> = Vec::new();
        let carried: Vec<(Date, HolidayKey)> =
            CARRIED.into_iter().chain([INDEPENDENCE_DAY]).filter_map(|h| on(year, h)).collect();
        for &(date, key) in &carried {
            holidays.push(Holiday { date, key, kind: HolidayKind::Holiday });
        }
        for (date, key) in on(year, ORTHODOX_CHRISTMAS).into_iter().chain(kurban_ait.map(|d| (d, KURBAN_AIT))) {
            holidays.push(Holiday { date, key, kind: HolidayKind::Religious });
        }
        for t in transfers {
            holidays.push(Holiday {
                date: t.day_off,
                key: TRANSFER,
                kind: HolidayKind::Transfer { working_day: t.working_day },
            });
        }
        // Art. 5: a holiday on a Saturday or Sunday gives the next working day off. Holidays are taken
        // in date order, so Nauryz on Saturday-Sunday-Monday gives Tuesday and Wednesday.
        for &(date, key) in &carried {
            if !is_weekend(date) {
                continue;
            }
            let mut next = date.next_day();
            while let Some(d) = next {
                if !is_weekend(d) && holidays.iter().all(|h| h.date != d) {
                    holidays.push(Holiday { date: d, key, kind: HolidayKind::CarryOver { from: date } });
                    break;
                }
                next = d.next_day();
            }
        }
        holidays.sort_by_key(|h| h.date);
        YearRules { holidays, working_weekends: transfers.iter().map(|t| t.working_day).collect() }
    }

    /// The first listed day off on `date`, if any.
    fn holiday(&self, date: Date) -> Option<&Holiday> {
        self.holidays.iter().find(|h| h.date == date)
    }

    fn is_working_day(&self, date: Date) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !is_weekend(date) && self.holiday(date).is_none()
    }
}

/// Kazakhstan's working-day calendar over the years it has data for.
///
/// A year without data is computed from the law alone: weekends, the fixed holidays with their
/// carry-over and 7 January, but no Kurban Ait and no transfers. [`Calendar::covers`] says whether a
/// year has data; deadlines that reach an uncovered year should be shown as provisional.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, (YearData, YearRules)>,
}

/// Walks days one at a time, keeping the rules of the current year.
struct Walker<'a> {
    calendar: &'a Calendar,
    year: i32,
    rules: Cow<'a, YearRules>,
}

impl<'a> Walker<'a> {
    fn new(calendar: &'a Calendar, year: i32) -> Walker<'a> {
        Walker { calendar, year, rules: calendar.rules(year) }
    }

    fn is_working_day(&mut self, date: Date) -> bool {
        if date.year() != self.year {
            self.year = date.year();
            self.rules = self.calendar.rules(self.year);
        }
        self.rules.is_working_day(date)
    }
}

impl Calendar {
    /// Builds a calendar from year data in any order; each year at most once.
    pub fn new(years: impl IntoIterator<Item = YearData>) -> Result<Calendar, CalendarError> {
        let mut map = BTreeMap::new();
        for data in years {
            let year = data.year;
            let rules = YearRules::compute(year, Some(data.kurban_ait), &data.transfers);
            if map.insert(year, (data, rules)).is_some() {
                return Err(CalendarError::DuplicateYear { year });
            }
        }
        Ok(Calendar { years: map })
    }

    /// Whether `year` has data (Kurban Ait and transfers); otherwise its days are the law's alone.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The data of `year`, if any.
    pub fn year_data(&self, year: i32) -> Option<&YearData> {
        self.years.get(&year).map(|(d, _)| d)
    }

    /// The years with data, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    fn rules(&self, year: i32) -> Cow<'_, YearRules> {
        match self.years.get(&year) {
            Some((_, rules)) => Cow::Borrowed(rules),
            None => Cow::Owned(YearRules::compute(year, None, &[])),
        }
    }

    /// Whether `date` is a working day (five-day week).
    pub fn is_working_day(&self, date: Date) -> bool {
        self.rules(date.year()).is_working_day(date)
    }

    /// Every day off of `year` other than ordinary weekend days, in date order: holidays (also those
    /// on a weekend), religious days off, carried-over days and transferred days off.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        self.rules(year).holidays.clone()
    }

    /// The weekend days of `year` made working days by a transfer.
    pub fn working_weekends(&self, year: i32) -> Vec<Date> {
        self.rules(year).working_weekends.clone()
    }

    /// The deadline `n` working days after `start`: the `n`-th working day strictly after `start`.
    ///
    /// The day of the event does not count, whether or not it is a working day: a period counted in
    /// days begins on the day after the event that starts it, and only working days are counted. An
    /// application filed on Friday with a 1-working-day deadline is due on Monday (if Monday works);
    /// filed on Saturday, also on Monday. The deadline is met by acting on or before the returned day.
    /// `n = 0` gives `start` itself. `None` only past the last date `time` can represent.
    pub fn add_working_days(&self, start: Date, n: u32) -> Option<Date> {
        let mut walker = Walker::new(self, start.year());
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day.next_day()?;
            if walker.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// Working days from `a` to `b`: the working days in `(a, b]` when `b >= a`, and minus the working
    /// days in `(b, a]` otherwise. With `a` today and `b` a deadline: the working days left (0 on the
    /// day itself), or minus the working days overdue.
    /// `working_days_between(start, add_working_days(start, n)) == n`.
    pub fn working_days_between(&self, a: Date, b: Date) -> i64 {
        let (from, to, sign) = if b >= a { (a, b, 1) } else { (b, a, -1) };
        let mut walker = Walker::new(self, from.year());
        let mut count = 0i64;
        let mut day = from;
        while day < to {
            let Some(next) = day.next_day() else { break };
            day = next;
            if walker.is_working_day(day) {
                count += 1;
            }
        }
        sign * count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const FILES: [(&str, &str); 4] = [
        ("kz-2024.toml", include_str!("../../../data/calendar/kz-2024.toml")),
        ("kz-2025.toml", include_str!("../../../data/calendar/kz-2025.toml")),
        ("kz-2026.toml", include_str!("../../../data/calendar/kz-2026.toml")),
        ("kz-2027.toml", include_str!("../../../data/calendar/kz-2027.toml")),
    ];

    fn calendar() -> Calendar {
        Calendar::new(FILES.iter().map(|(f, t)| YearData::parse(f, t).expect("data file parses"))).expect("calendar")
    }

    const MINIMAL: &str = r#"
year = 2030
kurban_ait = "2030-04-13"
origin = "project"
verified = false
note = "test fixture"
[source]
reference = "test"
"#;

    fn minimal_with(extra: &str) -> Result<YearData, CalendarError> {
        YearData::parse("kz-2030.toml", &format!("{MINIMAL}{extra}"))
    }

    #[test]
    fn fixed_holidays_and_weekends() {
        let cal = calendar();
        // 8 March 2024 was a Friday: a holiday, not a working day; the Thursday before works.
        assert_eq!(date!(2024 - 03 - 08).weekday(), Weekday::Friday);
        assert!(!cal.is_working_day(date!(2024 - 03 - 08)));
        assert!(cal.is_working_day(date!(2024 - 03 - 07)));
        // 16 December 2026 is a Wednesday: Independence Day; since 2022 the 17th is a working day.
        assert_eq!(date!(2026 - 12 - 16).weekday(), Weekday::Wednesday);
        assert!(!cal.is_working_day(date!(2026 - 12 - 16)));
        assert!(cal.is_working_day(date!(2026 - 12 - 17)));
        // First President's Day (1 December) is no longer a holiday: 1 December 2025 was a Monday.
        assert!(cal.is_working_day(date!(2025 - 12 - 01)));
        // Republic Day, restored in 2022: 25 October 2024 was a Friday.
        assert!(!cal.is_working_day(date!(2024 - 10 - 25)));
        assert!(!cal.is_working_day(date!(2024 - 03 - 09)), "a Saturday");
    }

    #[test]
    fn holidays_on_a_weekend_are_carried_over_except_religious_days() {
        let cal = calendar();
        // Nauryz 2024: 21-22 March Thursday-Friday, 23 March Saturday -> Monday 25 March.
        assert!(!cal.is_working_day(date!(2024 - 03 - 25)));
        assert!(cal.is_working_day(date!(2024 - 03 - 26)));
        // Nauryz 2026: Saturday, Sunday, Monday -> Tuesday 24 and Wednesday 25 March.
        for d in [date!(2026 - 03 - 21), date!(2026 - 03 - 23), date!(2026 - 03 - 24), date!(2026 - 03 - 25)] {
            assert!(!cal.is_working_day(d), "{d}");
        }
        assert!(cal.is_working_day(date!(2026 - 03 - 26)));
        // 6 July 2024 (Capital Day) was a Saturday -> Monday 8 July off.
        assert!(!cal.is_working_day(date!(2024 - 07 - 08)));
        // 7 January 2024 was a Sunday: Orthodox Christmas is not carried over.
        assert_eq!(date!(2024 - 01 - 07).weekday(), Weekday::Sunday);
        assert!(cal.is_working_day(date!(2024 - 01 - 08)));
        // Kurban Ait 2024 was Sunday 16 June: Monday 17 June stayed a working day.
        assert_eq!(date!(2024 - 06 - 16).weekday(), Weekday::Sunday);
        assert!(cal.is_working_day(date!(2024 - 06 - 17)));
        // ... whereas Kurban Ait 2026 (Wednesday 27 May) is a day off.
        assert!(!cal.is_working_day(date!(2026 - 05 - 27)));
        let carried: Vec<_> = cal
            .holidays(2026)
            .into_iter()
            .filter(|h| matches!(h.kind, HolidayKind::CarryOver { .. }))
            .map(|h| (h.date, h.key))
            .collect();
        assert_eq!(
            carried,
            [
                (date!(2026 - 03 - 09), "womens_day"),
                (date!(2026 - 03 - 24), "nauryz"),
                (date!(2026 - 03 - 25), "nauryz"),
                (date!(2026 - 05 - 11), "victory_day"),
                (date!(2026 - 08 - 31), "constitution_day"),
                (date!(2026 - 10 - 26), "republic_day"),
            ]
        );
    }

    #[test]
    fn transfers_move_days_off() {
        let cal = calendar();
        // 2024: Saturday 4 May worked, Wednesday 8 May off.
        assert!(cal.is_working_day(date!(2024 - 05 - 04)));
        assert!(!cal.is_working_day(date!(2024 - 05 - 08)));
        // 2025: Sunday 5 January worked, Friday 3 January off.
        assert!(cal.is_working_day(date!(2025 - 01 - 05)));
        assert!(!cal.is_working_day(date!(2025 - 01 - 03)));
        assert!(cal.holidays(2025).iter().any(|h| h.date == date!(2025 - 01 - 03) && h.key == TRANSFER));
    }

    #[test]
    fn deadlines_skip_days_off_and_the_start_day_does_not_count() {
        let cal = calendar();
        // Filed Friday 22 March 2024 (Nauryz): Saturday, Sunday, Monday 25 (carried) are off.
        assert_eq!(cal.add_working_days(date!(2024 - 03 - 22), 1), Some(date!(2024 - 03 - 26)));
        // Filed Thursday 2 May 2024: Friday 3, Saturday 4 (a working day by transfer), Monday 6.
        assert_eq!(cal.add_working_days(date!(2024 - 05 - 02), 3), Some(date!(2024 - 05 - 06)));
        // Five working days from Monday 6 May 2024: 7, 8 and 9 are off -> 10, 13, 14, 15, 16.
        assert_eq!(cal.add_working_days(date!(2024 - 05 - 06), 5), Some(date!(2024 - 05 - 16)));
        assert_eq!(cal.add_working_days(date!(2024 - 05 - 06), 0), Some(date!(2024 - 05 - 06)));
        assert_eq!(cal.working_days_between(date!(2024 - 05 - 06), date!(2024 - 05 - 16)), 5);
        assert_eq!(cal.working_days_between(date!(2024 - 05 - 16), date!(2024 - 05 - 06)), -5);
        assert_eq!(cal.working_days_between(date!(2024 - 05 - 16), date!(2024 - 05 - 16)), 0);
        assert_eq!(cal.add_working_days(Date::MAX, 1), None);
    }

    #[test]
    fn years_without_data_follow_the_law_alone() {
        let cal = calendar();
        assert!(cal.covers(2024) && cal.covers(2027));
        assert!(!cal.covers(2028));
        // 2028: 1 January Saturday, 2 January Sunday -> Monday 3 and Tuesday 4 January off.
        assert!(!cal.is_working_day(date!(2028 - 01 - 03)));
        assert!(!cal.is_working_day(date!(2028 - 01 - 04)));
        assert!(cal.is_working_day(date!(2028 - 01 - 05)));
        assert!(!cal.holidays(2028).iter().any(|h| h.key == KURBAN_AIT));
        assert!(cal.working_weekends(2028).is_empty());
        // A deadline crossing from a covered year into an uncovered one.
        assert_eq!(cal.add_working_days(date!(2027 - 12 - 31), 2), Some(date!(2028 - 01 - 06)));
    }

    #[test]
    fn files_are_refused_naming_the_field() {
        assert!(minimal_with("").is_ok());
        let err = |extra: &str| minimal_with(extra).expect_err("refused");
        let transfer = |off: &str, work: &str| {
            format!(
                "[[transfers]]\nday_off = \"{off}\"\nworking_day = \"{work}\"\nreference = \"r\"\nverified = true\n"
            )
        };
        let field = |e: CalendarError| match e {
            CalendarError::Invalid { field, .. } => field,
            other => format!("{other:?}"),
        };
        // 2030-01-07 is a Monday but Orthodox Christmas; 2030-01-05 is a Saturday.
        assert_eq!(field(err(&transfer("2030-01-07", "2030-01-05"))), "transfers[0].day_off");
        assert_eq!(field(err(&transfer("2030-01-08", "2030-01-09"))), "transfers[0].working_day");
        assert_eq!(field(err(&transfer("2030-13-08", "2030-01-05"))), "transfers[0].day_off");
        assert_eq!(field(err(&transfer("2031-01-08", "2031-01-04"))), "transfers[0].day_off");
        let twice = format!("{}{}", transfer("2030-01-08", "2030-01-05"), transfer("2030-01-08", "2030-01-12"));
        assert_eq!(field(err(&twice)), "transfers[1].day_off");
        assert!(minimal_with(&transfer("2030-01-08", "2030-01-05")).is_ok());
        let bad_kurban = MINIMAL.replace("2030-04-13", "2029-04-13");
        assert_eq!(field(YearData::parse("f", &bad_kurban).expect_err("refused")), "kurban_ait");
        let unexplained = MINIMAL.replace("note = \"test fixture\"\n", "");
        assert_eq!(field(YearData::parse("f", &unexplained).expect_err("refused")), "note");
        assert!(matches!(YearData::parse("f", "year = "), Err(CalendarError::Parse { .. })));
        let a = minimal_with("").expect("ok");
        assert_eq!(Calendar::new([a.clone(), a]).err(), Some(CalendarError::DuplicateYear { year: 2030 }));
    }

    #[test]
    fn year_data_round_trips_through_json() {
        for (file, text) in FILES {
            let data = YearData::parse(file, text).expect("parses");
            let json = serde_json::to_string(&data).expect("serializes");
            assert!(json.contains(&format!("\"kurban_ait\":\"{}\"", data.kurban_ait)), "{json}");
            let back: YearData = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, data, "{file}");
            back.check(file).expect("still valid");
        }
    }

    fn start_date() -> impl Strategy<Value = Date> {
        // 2023-06-01 .. 2028-12-31: covered and uncovered years, and year boundaries.
        (0i64..2040).prop_map(|d| date!(2023 - 06 - 01) + time::Duration::days(d))
    }

    proptest! {
        #[test]
        fn a_deadline_is_a_working_day_n_working_days_later(start in start_date(), n in 1u32..300) {
            let cal = calendar();
            let end = cal.add_working_days(start, n).expect("in range");
            prop_assert!(end > start);
            prop_assert!(cal.is_working_day(end));
            prop_assert_eq!(cal.working_days_between(start, end), i64::from(n));
            prop_assert_eq!(cal.working_days_between(end, start), -i64::from(n));
            // The day before the deadline is one working day short.
            let before = end.previous_day().expect("in range");
            prop_assert_eq!(cal.working_days_between(start, before), i64::from(n) - 1);
        }

        #[test]
        fn deadlines_are_monotone_and_add_up(start in start_date(), n in 0u32..200, m in 0u32..200) {
            let cal = calendar();
            let a = cal.add_working_days(start, n).expect("in range");
            let b = cal.add_working_days(start, n + 1).expect("in range");
            prop_assert!(a < b);
            let stepwise = cal.add_working_days(a, m).expect("in range");
            prop_assert_eq!(stepwise, cal.add_working_days(start, n + m).expect("in range"));
        }

        #[test]
        fn only_weekdays_and_transferred_weekends_count(start in start_date(), n in 1u32..300) {
            let cal = calendar();
            let end = cal.add_working_days(start, n).expect("in range");
            let mut day = start;
            while day < end {
                day = day.next_day().expect("in range");
                if cal.is_working_day(day) && is_weekend(day) {
                    prop_assert!(cal.working_weekends(day.year()).contains(&day), "{} counted", day);
                }
                if cal.is_working_day(day) {
                    prop_assert!(cal.holidays(day.year()).iter().all(|h| h.date != day), "{} counted", day);
                }
            }
        }

        #[test]
        fn between_counts_working_days_one_by_one(a in start_date(), b in start_date()) {
            let cal = calendar();
            let total = cal.working_days_between(a, b);
            prop_assert_eq!(total, -cal.working_days_between(b, a));
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let mut count = 0i64;
            let mut day = lo;
            while day < hi {
                day = day.next_day().expect("in range");
                count += i64::from(cal.is_working_day(day));
            }
            prop_assert_eq!(total.abs(), count);
        }

        #[test]
        fn transfers_of_any_week_keep_the_arithmetic(
            week in 1i64..50,
            off in 0i64..5,
            saturday in any::<bool>(),
            n in 1u32..40,
        ) {
            // A synthetic transfer in 2030: a weekday of one week off, a weekend day of the next worked.
            let monday = date!(2029 - 12 - 31) + time::Duration::weeks(week);
            let day_off = monday + time::Duration::days(off);
            let working_day = monday + time::Duration::days(if saturday { 12 } else { 13 });
            let mut data = YearData::parse("kz-2030.toml", MINIMAL).expect("fixture");
            data.transfers.push(Transfer {
                day_off,
                working_day,
                reference: "test".into(),
                verified: true,
                note: None,
            });
            // A transfer onto a holiday is refused by `check`; such draws prove nothing here.
            prop_assume!(data.check("kz-2030.toml").is_ok());
            let cal = Calendar::new([data]).expect("calendar");
            prop_assert!(!cal.is_working_day(day_off));
            prop_assert!(cal.is_working_day(working_day));
            let end = cal.add_working_days(monday, n).expect("in range");
            prop_assert!(cal.is_working_day(end));
            prop_assert_eq!(cal.working_days_between(monday, end), i64::from(n));
        }
    }
}
