//! Where a case goes and when each step is due: routing, and statutory deadlines counted in the
//! working-day calendar in force (`App::calendar()`, with administrators' edits).

use domain::application::{Answers, Status};
use store::Application;

use crate::app::App;

/// The office a submitted case goes to: the regional department of the region of settlement, unless
/// the settings route every case to one office.
pub fn route(app: &App, a: &Answers) -> String {
    app.settings.route_all_to.clone().unwrap_or_else(|| format!("department-{}", a.region))
}

/// The deadline of `status` counted from today, as an ISO date (`None` when it has none): the law's for
/// each step; for an intended refusal, the applicant's window to respond (a setting).
pub fn due(app: &App, status: Status) -> Option<String> {
    let days = if status == Status::RefusalPending {
        // The applicant's window to answer an intended refusal: the setting, never less than the law's
        // notice before the decision (APPC Art. 73).
        let least = app.procedure.days(domain::procedure::NOTICE_BEFORE_DECISION);
        Some(app.settings.refusal_response_days.max(least))
    } else {
        status.statutory_days()
    };
    days.and_then(|n| app.calendar().add_working_days(app.clock.today(), n)).map(|d| d.to_string())
}

/// The deadline when an application is (re)submitted: after corrections, the paused clock resumes with
/// the days it had left, or the deadline that kept running stays; a first submission starts the clock.
pub fn resumed_due(app: &App, a: &Application, to: Status) -> Option<String> {
    if a.status == Status::CorrectionsRequested.as_str() {
        if let Some(left) = a.clock_left {
            let n = u32::try_from(left.max(0)).unwrap_or(0);
            return app.calendar().add_working_days(app.clock.today(), n).map(|d| d.to_string());
        }
        if a.due_on.is_some() {
            return a.due_on.clone();
        }
    }
    due(app, to)
}

/// Working days from today to `due_on` (negative when overdue).
pub fn days_left(app: &App, due_on: &str) -> Option<i64> {
    let d = domain::reference::parse_iso_date(due_on)?;
    Some(app.calendar().working_days_between(app.clock.today(), d))
}
