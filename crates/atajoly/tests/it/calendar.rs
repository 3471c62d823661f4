//! The embedded calendar files: every one parses, is named for its year, and gives the published days.

use domain::calendar::{HolidayKind, KURBAN_AIT, TRANSFER, YearData};
use time::Weekday;
use time::macros::date;

#[test]
fn every_embedded_file_parses_and_is_named_for_its_year() {
    assert!(atajoly::CALENDAR_FILES.len() >= 4, "calendar files for 2024-2027");
    for (file, text) in atajoly::CALENDAR_FILES {
        let data = YearData::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(*file, format!("kz-{}.toml", data.year), "file name must be kz-<year>.toml");
        assert!(!data.source.reference.trim().is_empty(), "{file}: source");
        assert!(data.verified || data.note.is_some(), "{file}: unverified without a note");
        for t in &data.transfers {
            assert!(t.reference.contains("art. 85"), "{file}: a transfer cites the Labour Code: {}", t.reference);
        }
    }
    let cal = atajoly::calendar().expect("the calendar builds");
    assert_eq!(cal.years().collect::<Vec<_>>(), [2024, 2025, 2026, 2027]);
}

#[test]
fn published_days_off() {
    let cal = atajoly::calendar().expect("calendar");
    // Kurban Ait as announced by the Spiritual Administration of Muslims of Kazakhstan.
    for (year, day) in [(2024, date!(2024 - 06 - 16)), (2025, date!(2025 - 06 - 06)), (2026, date!(2026 - 05 - 27))] {
        assert_eq!(cal.year_data(year).map(|d| d.kurban_ait), Some(day));
        assert!(cal.year_data(year).is_some_and(|d| d.verified), "{year} verified");
        assert!(cal.holidays(year).iter().any(|h| h.date == day && h.key == KURBAN_AIT));
    }
    assert!(cal.year_data(2027).is_some_and(|d| !d.verified), "2027 is an estimate");
    // Transfers: 2024 (4 May worked, 8 May off), 2025 (5 January worked, 3 January off), none in 2026.
    let transfers = |year| {
        cal.holidays(year)
            .into_iter()
            .filter_map(|h| match h.kind {
                HolidayKind::Transfer { working_day } if h.key == TRANSFER => Some((h.date, working_day)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(transfers(2024), [(date!(2024 - 05 - 08), date!(2024 - 05 - 04))]);
    assert_eq!(transfers(2025), [(date!(2025 - 01 - 03), date!(2025 - 01 - 05))]);
    assert!(transfers(2026).is_empty());
    // The eGov calendar's days off of 2026 other than weekends, in date order.
    let weekdays_off: Vec<_> = cal
        .holidays(2026)
        .into_iter()
        .map(|h| h.date)
        .filter(|d| !cal.is_working_day(*d) && d.weekday() != Weekday::Saturday && d.weekday() != Weekday::Sunday)
        .collect();
    assert_eq!(
        weekdays_off,
        [
            date!(2026 - 01 - 01),
            date!(2026 - 01 - 02),
            date!(2026 - 01 - 07),
            date!(2026 - 03 - 09),
            date!(2026 - 03 - 23),
            date!(2026 - 03 - 24),
            date!(2026 - 03 - 25),
            date!(2026 - 05 - 01),
            date!(2026 - 05 - 07),
            date!(2026 - 05 - 11),
            date!(2026 - 05 - 27),
            date!(2026 - 07 - 06),
            date!(2026 - 08 - 31),
            date!(2026 - 10 - 26),
            date!(2026 - 12 - 16),
        ]
    );
    // 2025: 8 March Saturday -> 10 March; 25 October Saturday -> 27 October.
    assert!(!cal.is_working_day(date!(2025 - 03 - 10)));
    assert!(!cal.is_working_day(date!(2025 - 10 - 27)));
    // 2024: Kurban Ait on Sunday 16 June is not carried over.
    assert!(cal.is_working_day(date!(2024 - 06 - 17)));
}

#[test]
fn statutory_deadlines_over_the_embedded_calendar() {
    let cal = atajoly::calendar().expect("calendar");
    // Filed on Thursday 31 December 2026: 1 January 2027 (Friday) is a holiday, 2 January falls on
    // Saturday and is carried over to Monday 4 January, so the completeness check (1 working day) is
    // due on Tuesday 5 January; the agencies' answer (5 more working days) skips 7 January (Orthodox
    // Christmas) and the weekend: 6, 8, 11, 12, 13 January.
    let check = cal.add_working_days(date!(2026 - 12 - 31), 1).expect("date");
    assert_eq!(check, date!(2027 - 01 - 05));
    let answer = cal.add_working_days(check, 5).expect("date");
    assert_eq!(answer, date!(2027 - 01 - 13));
    assert_eq!(cal.working_days_between(date!(2026 - 12 - 31), answer), 6);
    assert!(cal.covers(2027) && !cal.covers(2028));
}
