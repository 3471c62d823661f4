//! Hearings before an intended refusal (APPC Art. 73): the slots an office offers, and what may be done
//! with a hearing when. The periods come from [`crate::procedure`].

use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::calendar::Calendar;

/// How the hearing is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// By video call.
    Online,
    /// At the office.
    InPerson,
}

impl Mode {
    /// Both modes.
    pub const ALL: [Mode; 2] = [Mode::InPerson, Mode::Online];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Online => "online",
            Mode::InPerson => "in_person",
        }
    }

    /// The mode with this stored name.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// The slots (Unix seconds) offered to a request made on `today`: each of `hours` (local time at
/// `offset`) on each of the next `within` working days, without those `taken`.
pub fn slots(cal: &Calendar, today: Date, within: u32, hours: &[u8], offset: UtcOffset, taken: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    for n in 1..=within {
        let Some(day) = cal.add_working_days(today, n) else { continue };
        for h in hours {
            let Ok(t) = Time::from_hms(*h, 0, 0) else { continue };
            let at = PrimitiveDateTime::new(day, t).assume_offset(offset).unix_timestamp();
            if !taken.contains(&at) {
                out.push(at);
            }
        }
    }
    out
}

/// What is known of the hearing of the current proposal, if one was asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Booked {
    /// When it is held (Unix seconds).
    pub slot_at: i64,
    /// Whether it was moved once already.
    pub rescheduled: bool,
    /// Whether the officer recorded it.
    pub recorded: bool,
}

/// Why a hearing cannot be booked now (a field and a problem), if it cannot: the intended refusal's
/// window must be open and no hearing booked for it yet.
pub fn booking_refused(window_open: bool, booked: Option<Booked>) -> Option<(&'static str, &'static str)> {
    if booked.is_some() {
        Some(("hearing", "booked"))
    } else if !window_open {
        Some(("hearing", "window_closed"))
    } else {
        None
    }
}

/// Why the hearing cannot be moved now: once only, for a reason, before it is held.
pub fn reschedule_refused(booked: Option<Booked>, now: i64, reason: &str) -> Option<(&'static str, &'static str)> {
    match booked {
        None => Some(("hearing", "none")),
        Some(b) if b.recorded || b.slot_at <= now => Some(("hearing", "held")),
        Some(b) if b.rescheduled => Some(("hearing", "rescheduled_once")),
        Some(_) if reason.trim().is_empty() => Some(("reason", "required")),
        Some(_) => None,
    }
}

/// Why the hearing cannot be recorded now: it must be booked, not recorded yet, and its time come.
pub fn record_refused(booked: Option<Booked>, now: i64) -> Option<(&'static str, &'static str)> {
    match booked {
        None => Some(("hearing", "none")),
        Some(b) if b.recorded => Some(("hearing", "recorded")),
        Some(b) if b.slot_at > now => Some(("hearing", "not_yet")),
        Some(_) => None,
    }
}

/// Whether a decision on the intended refusal may be taken: not while a hearing asked for is still to
/// be held and recorded.
pub fn blocks_decision(booked: Option<Booked>) -> bool {
    booked.is_some_and(|b| !b.recorded)
}

/// The slot's local date and time at `offset`.
pub fn local(at: i64, offset: UtcOffset) -> Option<PrimitiveDateTime> {
    OffsetDateTime::from_unix_timestamp(at).ok().map(|t| {
        let t = t.to_offset(offset);
        PrimitiveDateTime::new(t.date(), t.time())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, offset};

    fn cal() -> Calendar {
        let text = include_str!("../../../data/calendar/kz-2026.toml");
        let year = crate::calendar::YearData::parse("kz-2026.toml", text).expect("2026");
        Calendar::new([year]).expect("calendar")
    }

    #[test]
    fn slots_are_on_the_next_working_days_without_those_taken() {
        // Friday 27 November 2026: the next two working days are Monday 30 November and Tuesday 1 December.
        let all = slots(&cal(), date!(2026 - 11 - 27), 2, &[10, 15], offset!(+5), &[]);
        let days: Vec<String> = all.iter().map(|t| local(*t, offset!(+5)).expect("t").to_string()).collect();
        assert_eq!(
            days,
            ["2026-11-30 10:00:00.0", "2026-11-30 15:00:00.0", "2026-12-01 10:00:00.0", "2026-12-01 15:00:00.0"]
        );
        let fewer = slots(&cal(), date!(2026 - 11 - 27), 2, &[10, 15], offset!(+5), &all[..1]);
        assert_eq!(fewer, all[1..]);
    }

    #[test]
    fn a_hearing_is_booked_once_moved_once_and_recorded_once_held() {
        let b = Booked { slot_at: 1000, rescheduled: false, recorded: false };
        assert_eq!(booking_refused(true, None), None);
        assert_eq!(booking_refused(false, None), Some(("hearing", "window_closed")));
        assert_eq!(booking_refused(true, Some(b)), Some(("hearing", "booked")));
        assert_eq!(reschedule_refused(Some(b), 10, "ill"), None);
        assert_eq!(reschedule_refused(Some(b), 10, " "), Some(("reason", "required")));
        assert_eq!(
            reschedule_refused(Some(Booked { rescheduled: true, ..b }), 10, "ill"),
            Some(("hearing", "rescheduled_once"))
        );
        assert_eq!(reschedule_refused(Some(b), 1000, "ill"), Some(("hearing", "held")));
        assert_eq!(record_refused(Some(b), 999), Some(("hearing", "not_yet")));
        assert_eq!(record_refused(Some(b), 1000), None);
        assert!(blocks_decision(Some(b)));
        assert!(!blocks_decision(Some(Booked { recorded: true, ..b })));
        assert!(!blocks_decision(None));
    }
}
