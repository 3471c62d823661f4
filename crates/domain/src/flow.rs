//! The flow of cases over time, for the supervisors' dashboard: cases in and out per week, the share of
//! each stage's steps taken within the law's days, and the time cases spend in each stage (median and
//! 90th percentile, in working days), for all cases, per office and per officer. Pure: the store reads
//! the status changes, the caller gives the day each fell on (Astana time) and the calendar in force.

use std::collections::BTreeMap;

use time::Date;

use crate::application::Status;
use crate::calendar::Calendar;

/// One status change of a case, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The application.
    pub application: i64,
    /// The office the case is assigned to (`department-KZ-75`), if any.
    pub office: Option<String>,
    /// Who took the step, when it was an officer or a supervisor (their address).
    pub officer: Option<String>,
    /// The day it happened, in Astana time.
    pub day: Date,
    /// The status it left.
    pub from: Status,
    /// The status it entered.
    pub to: Status,
}

/// Whose steps a row counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Every case read.
    All,
    /// The cases of one office.
    Office(String),
    /// The steps one officer or supervisor took.
    Officer(String),
}

/// Cases in (submitted) and out (granted or refused) in the week that starts on `monday`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// The week's Monday.
    pub monday: Date,
    /// Applications submitted that week.
    pub cases_in: u32,
    /// Cases decided (granted or refused) that week.
    pub cases_out: u32,
}

/// The steps that ended one stage, for one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRow {
    /// Whose steps.
    pub group: Group,
    /// The stage (the status the case was in).
    pub stage: Status,
    /// Steps that ended the stage.
    pub steps: u32,
    /// Of those, steps of a stage the law gives days for ([`Status::statutory_days`]).
    pub with_deadline: u32,
    /// Of those, steps taken on or before the law's last day, counted from the day the stage began.
    pub on_time: u32,
    /// Working days in the stage: the median (nearest rank).
    pub median: Option<i64>,
    /// Working days in the stage: the 90th percentile (nearest rank).
    pub p90: Option<i64>,
}

impl StageRow {
    /// The share of steps taken on time, in whole percent; none for a stage without a deadline.
    pub fn on_time_percent(&self) -> Option<u32> {
        (self.with_deadline > 0).then(|| (self.on_time * 100 + self.with_deadline / 2) / self.with_deadline)
    }
}

/// What the dashboard shows over time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flow {
    /// Every week from the first to the last day asked for, oldest first (weeks with nothing included).
    pub weeks: Vec<Week>,
    /// One row per group and stage that had steps: all cases first, then offices, then officers, each by
    /// name, stages in the order of [`Status::ALL`].
    pub stages: Vec<StageRow>,
}

/// The Monday of the week `day` falls in.
pub fn monday(day: Date) -> Date {
    let back = i64::from(day.weekday().number_days_from_monday());
    day - time::Duration::days(back)
}

/// The value at or below which a share `p` of the sorted values lie (nearest rank).
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    let n = sorted.len();
    #[expect(clippy::cast_precision_loss, reason = "counts of cases are far below 2^52")]
    let i = (1..=n).find(|k| *k as f64 >= p * n as f64).unwrap_or(n);
    sorted.get(i.checked_sub(1)?).copied()
}

#[derive(Default)]
struct Tally {
    with_deadline: u32,
    on_time: u32,
    days: Vec<i64>,
}

/// The flow of `changes` between `first` and `last` (both days counted): weeks by the day of the change,
/// stages by the day they ended. A stage is the time between the change that entered a status and the
/// next change of the same case; a stage still open on `last` is not counted.
pub fn flow(changes: &[Change], calendar: &Calendar, first: Date, last: Date) -> Flow {
    let mut weeks: BTreeMap<Date, (u32, u32)> = BTreeMap::new();
    let mut week = monday(first);
    while week <= last {
        weeks.insert(week, (0, 0));
        week += time::Duration::days(7);
    }
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| (c.application, c.day));
    let mut tallies: BTreeMap<(Group, usize), Tally> = BTreeMap::new();
    for (i, c) in sorted.iter().enumerate() {
        let inside = c.day >= first && c.day <= last;
        if inside {
            let w = weeks.entry(monday(c.day)).or_default();
            if c.from == Status::Draft && c.to == Status::Submitted {
                w.0 += 1;
            }
            if matches!(c.to, Status::Granted | Status::Refused) && c.from != c.to {
                w.1 += 1;
            }
        }
        // The change that ended the stage this one entered.
        let Some(next) = sorted.get(i + 1).filter(|n| n.application == c.application) else { continue };
        if c.to == Status::Draft || !(next.day >= first && next.day <= last) {
            continue;
        }
        let days = calendar.working_days_between(c.day, next.day);
        let on_time =
            c.to.statutory_days().map(|n| calendar.add_working_days(c.day, n).is_none_or(|due| next.day <= due));
        let stage = Status::ALL.iter().position(|s| *s == c.to).unwrap_or(usize::MAX);
        let mut groups = vec![Group::All];
        groups.extend(next.office.clone().map(Group::Office));
        groups.extend(next.officer.clone().map(Group::Officer));
        for g in groups {
            let t = tallies.entry((g, stage)).or_default();
            t.days.push(days);
            if let Some(ok) = on_time {
                t.with_deadline += 1;
                t.on_time += u32::from(ok);
            }
        }
    }
    let stages = tallies
        .into_iter()
        .filter_map(|((group, stage), mut t)| {
            t.days.sort_unstable();
            Some(StageRow {
                group,
                stage: *Status::ALL.get(stage)?,
                steps: u32::try_from(t.days.len()).unwrap_or(u32::MAX),
                with_deadline: t.with_deadline,
                on_time: t.on_time,
                median: percentile(&t.days, 0.5),
                p90: percentile(&t.days, 0.9),
            })
        })
        .collect();
    let weeks = weeks.into_iter().map(|(monday, (cases_in, cases_out))| Week { monday, cases_in, cases_out }).collect();
    Flow { weeks, stages }
}

#[cfg(test)]
mod tests;
