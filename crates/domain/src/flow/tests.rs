use time::Date;
use time::macros::date;

use super::{Change, Group, flow, monday, percentile};
use crate::application::Status::{self, ChecksPending, Draft, Granted, IinRecorded, Refused, Submitted};
use crate::calendar::Calendar;

fn law() -> Calendar {
    Calendar::new([]).expect("the law's calendar")
}

fn change(application: i64, officer: Option<&str>, day: Date, from: Status, to: Status) -> Change {
    Change {
        application,
        office: Some(if application < 10 { "department-KZ-75" } else { "department-KZ-71" }.to_owned()),
        officer: officer.map(str::to_owned),
        day,
        from,
        to,
    }
}

/// Case 1 goes through every stage (checks answered late), case 2 is submitted and refused, case 11 of
/// another office is submitted and still waits.
fn changes() -> Vec<Change> {
    vec![
        change(1, None, date!(2026 - 11 - 30), Draft, Submitted),
        change(1, Some("a@kz75.kz"), date!(2026 - 12 - 01), Submitted, ChecksPending),
        // Five working days from Tuesday 1 December end on Tuesday 8 December: Thursday 10th is late.
        change(1, None, date!(2026 - 12 - 10), ChecksPending, IinRecorded),
        change(1, Some("b@kz75.kz"), date!(2026 - 12 - 11), IinRecorded, Granted),
        change(2, None, date!(2026 - 12 - 02), Draft, Submitted),
        change(2, Some("a@kz75.kz"), date!(2026 - 12 - 04), Submitted, Refused),
        change(11, None, date!(2026 - 12 - 03), Draft, Submitted),
    ]
}

#[test]
fn cases_in_and_out_are_counted_by_the_week_of_their_day_with_empty_weeks_kept() {
    let f = flow(&changes(), &law(), date!(2026 - 11 - 23), date!(2026 - 12 - 20));
    let weeks: Vec<(Date, u32, u32)> = f.weeks.iter().map(|w| (w.monday, w.cases_in, w.cases_out)).collect();
    assert_eq!(
        weeks,
        vec![
            (date!(2026 - 11 - 23), 0, 0),
            (date!(2026 - 11 - 30), 3, 1),
            (date!(2026 - 12 - 07), 0, 1),
            (date!(2026 - 12 - 14), 0, 0),
        ]
    );
}

#[test]
fn each_stage_counts_its_working_days_and_whether_the_step_kept_the_law_s_days() {
    let f = flow(&changes(), &law(), date!(2026 - 11 - 23), date!(2026 - 12 - 20));
    let all = |stage: Status| f.stages.iter().find(|r| r.group == Group::All && r.stage == stage).expect("row");
    let submitted = all(Submitted);
    // Case 1: Monday to Tuesday (1 working day, on time); case 2: Wednesday to Friday (2, late).
    assert_eq!((submitted.steps, submitted.with_deadline, submitted.on_time), (2, 2, 1));
    assert_eq!((submitted.median, submitted.p90, submitted.on_time_percent()), (Some(1), Some(2), Some(50)));
    let checks = all(ChecksPending);
    assert_eq!((checks.steps, checks.on_time, checks.median), (1, 0, Some(7)));
    let deciding = all(IinRecorded);
    assert_eq!((deciding.steps, deciding.on_time_percent()), (1, Some(100)));
    // Case 11 still waits: its stage is not counted; a draft is no stage; a decided case has no next step.
    assert!(f.stages.iter().all(|r| r.stage != Draft && r.stage != Granted && r.stage != Refused));
    assert!(!f.stages.iter().any(|r| r.group == Group::Office("department-KZ-71".into())));
}

#[test]
fn rows_per_office_and_per_officer_follow_the_rows_of_all_cases() {
    let f = flow(&changes(), &law(), date!(2026 - 11 - 23), date!(2026 - 12 - 20));
    let groups: Vec<&Group> = f.stages.iter().map(|r| &r.group).collect();
    let first_office = groups.iter().position(|g| matches!(g, Group::Office(_))).expect("office rows");
    let first_officer = groups.iter().position(|g| matches!(g, Group::Officer(_))).expect("officer rows");
    assert!(groups[..first_office].iter().all(|g| **g == Group::All) && first_office < first_officer);
    let a: Vec<(Status, u32, u32)> = f
        .stages
        .iter()
        .filter(|r| r.group == Group::Officer("a@kz75.kz".into()))
        .map(|r| (r.stage, r.steps, r.on_time))
        .collect();
    assert_eq!(a, vec![(Submitted, 2, 1)], "a sent case 1's checks on time and refused case 2 a day late");
    let b = f.stages.iter().find(|r| r.group == Group::Officer("b@kz75.kz".into())).expect("b");
    assert_eq!((b.stage, b.steps), (IinRecorded, 1));
    let office = f.stages.iter().filter(|r| r.group == Group::Office("department-KZ-75".into())).count();
    assert_eq!(office, 3, "the office's rows: submitted, checks, deciding");
}

#[test]
fn a_stage_is_counted_in_the_period_it_ended_in() {
    let f = flow(&changes(), &law(), date!(2026 - 12 - 07), date!(2026 - 12 - 20));
    let stages: Vec<Status> = f.stages.iter().filter(|r| r.group == Group::All).map(|r| r.stage).collect();
    assert_eq!(stages, vec![ChecksPending, IinRecorded], "the submissions' steps ended before the 7th");
    assert_eq!(f.weeks.first().map(|w| (w.cases_in, w.cases_out)), Some((0, 1)));
}

#[test]
fn weeks_start_on_monday_and_percentiles_take_the_nearest_rank() {
    assert_eq!(monday(date!(2026 - 12 - 06)), date!(2026 - 11 - 30));
    assert_eq!(monday(date!(2026 - 11 - 30)), date!(2026 - 11 - 30));
    let v: Vec<i64> = (1..=10).collect();
    assert_eq!((percentile(&v, 0.5), percentile(&v, 0.9)), (Some(5), Some(9)));
    assert_eq!(percentile(&[], 0.5), None);
}
