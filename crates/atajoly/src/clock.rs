//! The service's clock: the system's. In a debug build only, `ATAJOLY_CLOCK_FILE` names a file holding
//! a number of seconds to add to the system's time, read at every look, so that the browser walks can
//! let the working days of a procedure pass (a notice's window, a hearing's hour) while the server
//! runs. A release build refuses to start with it set: the time of a decision is never an input.

use std::path::PathBuf;
use std::sync::Arc;

use time::OffsetDateTime;

/// The system's time shifted by the seconds in a file (none, or no number: not shifted).
pub struct ShiftedClock(PathBuf);

impl service::Clock for ShiftedClock {
    fn now(&self) -> OffsetDateTime {
        let shift = std::fs::read_to_string(&self.0).ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(0);
        OffsetDateTime::now_utc() + time::Duration::seconds(shift)
    }
}

/// The clock the service runs on (see the module's documentation).
pub fn from_env() -> anyhow::Result<Arc<dyn service::Clock>> {
    match std::env::var_os("ATAJOLY_CLOCK_FILE") {
        None => Ok(Arc::new(service::SystemClock)),
        Some(path) if cfg!(debug_assertions) => {
            tracing::warn!(file = %PathBuf::from(&path).display(), "the clock is shifted by the seconds in ATAJOLY_CLOCK_FILE (a test build)");
            Ok(Arc::new(ShiftedClock(path.into())))
        }
        Some(_) => {
            anyhow::bail!("ATAJOLY_CLOCK_FILE is for test builds only: a release build runs on the system's clock")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::Clock as _;

    #[test]
    fn the_file_shifts_the_time_and_nothing_else_does() {
        let dir = std::env::temp_dir().join(format!("atajoly-clock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("clock");
        let clock = ShiftedClock(file.clone());
        let drift = |c: &ShiftedClock| (c.now() - OffsetDateTime::now_utc()).whole_seconds();
        assert_eq!(drift(&clock), 0, "no file: the system's time");
        std::fs::write(&file, "86400\n").expect("write");
        assert!((86_399..=86_400).contains(&drift(&clock)), "a day ahead");
        std::fs::write(&file, "tomorrow").expect("write");
        assert_eq!(drift(&clock), 0, "not a number: not shifted");
        std::fs::remove_dir_all(&dir).ok();
    }
}
