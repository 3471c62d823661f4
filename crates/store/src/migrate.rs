//! A small migration runner: embedded SQL files applied in order, each whole (the database's own parser
//! reads the file: `sqlx::raw_sql`, never a split on `;`) in its own transaction, with their checksums
//! recorded so that an edited migration is refused. Both backends run the same steps.

use sha2_lite::checksum;

use crate::StoreError;

/// One embedded migration.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    /// The migration's checksum.
    pub fn checksum(&self) -> String {
        checksum(self.sql)
    }

    /// Whether the migration is still to run, given the checksum recorded when it ran (if it did); an
    /// edited migration is an error.
    pub fn pending(&self, recorded: Option<&str>) -> Result<bool, StoreError> {
        match recorded {
            None => Ok(true),
            Some(sum) if sum == self.checksum() => Ok(false),
            Some(_) => {
                Err(StoreError::Conflict(format!("migration {} ({}) was edited after it ran", self.version, self.name)))
            }
        }
    }
}

/// The SQLite migrations, in order.
pub(crate) const SQLITE: &[Migration] = &[
    Migration { version: 1, name: "reference", sql: include_str!("../migrations/sqlite/0001_reference.sql") },
    Migration { version: 2, name: "accounts", sql: include_str!("../migrations/sqlite/0002_accounts.sql") },
    Migration { version: 3, name: "applications", sql: include_str!("../migrations/sqlite/0003_applications.sql") },
    Migration { version: 4, name: "staff_totp", sql: include_str!("../migrations/sqlite/0004_staff_totp.sql") },
    Migration { version: 5, name: "case_work", sql: include_str!("../migrations/sqlite/0005_case_work.sql") },
    Migration { version: 6, name: "clock_pause", sql: include_str!("../migrations/sqlite/0006_clock_pause.sql") },
    Migration { version: 7, name: "queue_indexes", sql: include_str!("../migrations/sqlite/0007_queue_indexes.sql") },
    Migration { version: 8, name: "calendar_years", sql: include_str!("../migrations/sqlite/0008_calendar_years.sql") },
    Migration { version: 9, name: "cards", sql: include_str!("../migrations/sqlite/0009_cards.sql") },
    Migration {
        version: 10,
        name: "one_card_per_person",
        sql: include_str!("../migrations/sqlite/0010_one_card_per_person.sql"),
    },
    Migration {
        version: 11,
        name: "corrections_kept",
        sql: include_str!("../migrations/sqlite/0011_corrections_kept.sql"),
    },
    Migration { version: 12, name: "audit_log", sql: include_str!("../migrations/sqlite/0012_audit_log.sql") },
    Migration { version: 13, name: "staff", sql: include_str!("../migrations/sqlite/0013_staff.sql") },
    Migration { version: 14, name: "retention", sql: include_str!("../migrations/sqlite/0014_retention.sql") },
    Migration { version: 15, name: "rate_limits", sql: include_str!("../migrations/sqlite/0015_rate_limits.sql") },
    // 15 is the rate limits' (merged beside this one).
    Migration {
        version: 16,
        name: "decided_retention",
        sql: include_str!("../migrations/sqlite/0016_decided_retention.sql"),
    },
    Migration {
        version: 17,
        name: "hearings_and_complaints",
        sql: include_str!("../migrations/sqlite/0017_hearings_and_complaints.sql"),
    },
    Migration { version: 18, name: "letters", sql: include_str!("../migrations/sqlite/0018_letters.sql") },
    Migration { version: 19, name: "filed", sql: include_str!("../migrations/sqlite/0019_filed.sql") },
];

/// The PostgreSQL migrations, in order.
pub(crate) const POSTGRES: &[Migration] = &[
    Migration { version: 1, name: "reference", sql: include_str!("../migrations/postgres/0001_reference.sql") },
    Migration { version: 2, name: "accounts", sql: include_str!("../migrations/postgres/0002_accounts.sql") },
    Migration { version: 3, name: "applications", sql: include_str!("../migrations/postgres/0003_applications.sql") },
    Migration { version: 4, name: "staff_totp", sql: include_str!("../migrations/postgres/0004_staff_totp.sql") },
    Migration { version: 5, name: "case_work", sql: include_str!("../migrations/postgres/0005_case_work.sql") },
    Migration { version: 6, name: "clock_pause", sql: include_str!("../migrations/postgres/0006_clock_pause.sql") },
    Migration { version: 7, name: "queue_indexes", sql: include_str!("../migrations/postgres/0007_queue_indexes.sql") },
    Migration {
        version: 8,
        name: "calendar_years",
        sql: include_str!("../migrations/postgres/0008_calendar_years.sql"),
    },
    Migration { version: 9, name: "cards", sql: include_str!("../migrations/postgres/0009_cards.sql") },
    Migration {
        version: 10,
        name: "one_card_per_person",
        sql: include_str!("../migrations/postgres/0010_one_card_per_person.sql"),
    },
    Migration {
        version: 11,
        name: "corrections_kept",
        sql: include_str!("../migrations/postgres/0011_corrections_kept.sql"),
    },
    Migration { version: 12, name: "audit_log", sql: include_str!("../migrations/postgres/0012_audit_log.sql") },
    Migration { version: 13, name: "staff", sql: include_str!("../migrations/postgres/0013_staff.sql") },
    Migration { version: 14, name: "retention", sql: include_str!("../migrations/postgres/0014_retention.sql") },
    Migration { version: 15, name: "rate_limits", sql: include_str!("../migrations/postgres/0015_rate_limits.sql") },
    // 15 is the rate limits' (merged beside this one).
    Migration {
        version: 16,
        name: "decided_retention",
        sql: include_str!("../migrations/postgres/0016_decided_retention.sql"),
    },
    Migration {
        version: 17,
        name: "hearings_and_complaints",
        sql: include_str!("../migrations/postgres/0017_hearings_and_complaints.sql"),
    },
    Migration { version: 18, name: "letters", sql: include_str!("../migrations/postgres/0018_letters.sql") },
    Migration { version: 19, name: "filed", sql: include_str!("../migrations/postgres/0019_filed.sql") },
];

/// Runs a migration's whole text in `conn`: the database parses it, statement by statement.
/// (`execute_many`, not `execute`: the latter does not compile inside `async_trait`, sqlx#3591.)
pub(crate) async fn run<DB>(conn: &mut DB::Connection, sql: &'static str) -> Result<(), StoreError>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    use futures_util::TryStreamExt as _;
    let mut results = sqlx::raw_sql(sql).execute_many(conn);
    while results.try_next().await?.is_some() {}
    Ok(())
}

mod sha2_lite {
    /// FNV-1a 64 over the text: enough to notice an edited migration (not a security boundary).
    pub fn checksum(text: &str) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::{POSTGRES, SQLITE};

    #[test]
    fn both_backends_have_the_same_migrations_in_order() {
        let names = |ms: &[super::Migration]| ms.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
        assert_eq!(names(SQLITE), names(POSTGRES));
        // Versions run 1, 2, 3, … with none missing (the runner applies what is missing whatever its
        // place, but a gap in the list is a migration forgotten in a merge).
        assert!(SQLITE.iter().zip(1..).all(|(m, n)| m.version == n), "versions run from 1 with no gap");
    }

    #[test]
    fn an_edited_migration_is_refused() {
        let m = &SQLITE[0];
        assert!(m.pending(None).expect("new"));
        assert!(!m.pending(Some(&m.checksum())).expect("ran"));
        assert!(m.pending(Some("0000000000000000")).is_err());
    }
}
