//! The law's rules for one year: the fixed holidays, the religious days off, the carry-over and the
//! transfers, computed into the days off of the year.

use time::{Date, Month, Weekday};

use super::Transfer;

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

pub(super) fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The days off of one year, computed from the law's rules and the year's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YearRules {
    /// Every day off other than an ordinary weekend day, in date order. Holidays falling on a weekend
    /// are listed too.
    pub(super) holidays: Vec<Holiday>,
    /// Weekend days made working days by a transfer.
    pub(super) working_weekends: Vec<Date>,
}

/// A date of `year`; every fixed holiday exists in every year, so `None` only for years out of range.
fn on(year: i32, (month, day, key): (Month, u8, HolidayKey)) -> Option<(Date, HolidayKey)> {
    Date::from_calendar_date(year, month, day).ok().map(|d| (d, key))
}

impl YearRules {
    pub(super) fn compute(year: i32, kurban_ait: Option<Date>, transfers: &[Transfer]) -> YearRules {
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
    pub(super) fn holiday(&self, date: Date) -> Option<&Holiday> {
        self.holidays.iter().find(|h| h.date == date)
    }

    pub(super) fn is_working_day(&self, date: Date) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !is_weekend(date) && self.holiday(date).is_none()
    }
}
