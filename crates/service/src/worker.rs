//! The worker every instance may run: due jobs, the calendar reload, and the sweeps of deadlines,
//! card expiries and retention, each on its own cadence.

use std::time::Duration;

/// How often an instance reloads the calendar (administrators' edits reach every instance this fast).
const CALENDAR_EVERY: Duration = Duration::from_mins(1);
/// How often an instance looks for deadlines to remind of and escalate: deadlines are days, and each
/// notice is sent once whatever the cadence, so there is no need to scan every open case on every tick.
const SWEEP_EVERY: Duration = Duration::from_mins(15);

/// Runs the worker until the process ends: due jobs every `every`, the calendar reload and the
/// deadline sweep on their own slower cadences.
pub fn spawn_worker(app: crate::AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        let mut calendar_at: Option<std::time::Instant> = None;
        let mut sweep_at: Option<std::time::Instant> = None;
        let due = |at: Option<std::time::Instant>, every: Duration| at.is_none_or(|t| t.elapsed() >= every);
        loop {
            tick.tick().await;
            if due(calendar_at, CALENDAR_EVERY) {
                calendar_at = Some(std::time::Instant::now());
                if let Err(e) = app.reload_calendar().await {
                    tracing::error!(error = %e, "calendar reload");
                }
            }
            if due(sweep_at, SWEEP_EVERY) {
                sweep_at = Some(std::time::Instant::now());
                if let Err(e) = crate::cases::sweep_deadlines(&app).await {
                    tracing::error!(error = %e, "deadline sweep");
                }
                if let Err(e) = crate::cards::expire(&app).await {
                    tracing::error!(error = %e, "card expiry");
                }
                // What is kept no longer, in batches (`docs/retention.md`).
                if let Err(e) = crate::retention::sweep(&app).await {
                    tracing::error!(error = %e, "retention sweep");
                }
                // Files an upload left when its process stopped before recording the row (decision 0032).
                // Against the system's time, not the service's clock: the files' times are the disk's or
                // the bucket's (a test build's shifted clock would make an upload in flight look old).
                let (grace, now) = (app.settings.orphan_grace_secs, time::OffsetDateTime::now_utc().unix_timestamp());
                if let Err(e) = crate::invariants::sweep_orphans(app.store.as_ref(), &app.files, grace, now).await {
                    tracing::error!(error = %e, "orphan file sweep");
                }
            }
            // A signed checkpoint over whatever the log gained since the last: what `audit verify`
            // holds each stretch of entries to.
            if let Err(e) =
                crate::audit::checkpoint(app.store.as_ref(), &app.log, app.clock.now().unix_timestamp()).await
            {
                tracing::error!(error = %e, "audit log checkpoint");
            }
            if let Err(e) = crate::jobs::run_due_jobs(&app).await {
                tracing::error!(error = %e, "job worker");
            }
        }
    })
}
