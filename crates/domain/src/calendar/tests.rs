use super::rules::is_weekend;
use super::*;
use proptest::prelude::*;
use time::Weekday;
use time::macros::date;

const FILES: [(&str, &str); 4] = [
    ("kz-2024.toml", include_str!("../../../../data/calendar/kz-2024.toml")),
    ("kz-2025.toml", include_str!("../../../../data/calendar/kz-2025.toml")),
    ("kz-2026.toml", include_str!("../../../../data/calendar/kz-2026.toml")),
    ("kz-2027.toml", include_str!("../../../../data/calendar/kz-2027.toml")),
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
        format!("[[transfers]]\nday_off = \"{off}\"\nworking_day = \"{work}\"\nreference = \"r\"\nverified = true\n")
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
