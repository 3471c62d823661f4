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

use time::Date;

mod rules;
mod year;

use rules::YearRules;
pub use rules::{Holiday, HolidayKey, HolidayKind, KURBAN_AIT, TRANSFER};
pub use year::{CalendarError, CalendarSource, Transfer, YearData};

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
mod tests;
