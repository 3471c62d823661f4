//! The dashboard over time: the status changes read from the store, computed by `domain::flow`.

use domain::application::Status;
use domain::flow::{Change, Flow};
use store::User;

use super::{AUDITOR, SUPERVISOR};
use crate::app::App;
use crate::clock::KZ_OFFSET;
use crate::error::{AppError, ErrorCode};
use crate::policy;

/// Weeks the dashboard looks back over unless asked otherwise, and at most.
pub const WEEKS: (u32, u32) = (12, 104);

/// The flow of the caller's office (supervisors), or of `office` or every office (auditors, `None`),
/// over the `weeks` weeks that end with this one (clamped to 1 to [`WEEKS`]'s most).
pub async fn flow(app: &App, user: &User, office: Option<&str>, weeks: u32) -> Result<Flow, AppError> {
    policy::check_view(user, policy::View::Dashboard)?;
    let office = match user.role {
        SUPERVISOR => Some(user.office.clone().ok_or_else(|| AppError::code(ErrorCode::Forbidden))?),
        AUDITOR => office.filter(|o| !o.is_empty()).map(str::to_owned),
        _ => return Err(AppError::code(ErrorCode::Forbidden)),
    };
    let today = app.clock.today();
    let first = domain::flow::monday(today) - time::Duration::weeks(i64::from(weeks.clamp(1, WEEKS.1) - 1));
    let since = first.midnight().assume_offset(KZ_OFFSET).unix_timestamp();
    let day = |ts: i64| time::OffsetDateTime::from_unix_timestamp(ts).ok().map(|t| t.to_offset(KZ_OFFSET).date());
    let changes: Vec<Change> = app
        .store
        .status_changes(office.as_deref(), since)
        .await?
        .into_iter()
        .filter_map(|(application, office, officer, at, from, to)| {
            Some(Change {
                application,
                office,
                officer,
                day: day(at)?,
                from: Status::parse(&from)?,
                to: Status::parse(&to)?,
            })
        })
        .collect();
    Ok(domain::flow::flow(&changes, &app.calendar(), first, today))
}
