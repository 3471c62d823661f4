//! Time: where "today" comes from (passed in, so that tests fix the date) and Kazakhstan's time zone.

use time::{Date, OffsetDateTime};

/// Kazakhstan's time zone (UTC+5): "today" for every deadline.
pub const KZ_OFFSET: time::UtcOffset = match time::UtcOffset::from_hms(5, 0, 0) {
    Ok(o) => o,
    Err(_) => time::UtcOffset::UTC,
};

/// Where "today" comes from: passed in, so that tests fix the date.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> OffsetDateTime;
    /// Today's date in Kazakhstan (UTC+5).
    fn today(&self) -> Date {
        self.now().to_offset(KZ_OFFSET).date()
    }
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}
