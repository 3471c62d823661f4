//! A small migration runner: embedded SQL files applied in order, each in its own transaction, with
//! their checksums recorded so that an edited migration is refused.

use sha2_lite::checksum;

/// One embedded migration.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    /// The migration's statements: comment lines dropped, then split on `;` (migrations keep
    /// semicolons out of literals and out of comments at the end of a line; a comment line may hold
    /// them).
    pub fn statements(&self) -> Vec<String> {
        let code: String =
            self.sql.lines().filter(|l| !l.trim_start().starts_with("--")).flat_map(|l| [l, "\n"]).collect();
        code.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }

    /// The migration's checksum.
    pub fn checksum(&self) -> String {
        checksum(self.sql)
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
];

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
    fn every_statement_is_sql() {
        let starts = ["CREATE", "ALTER", "INSERT", "UPDATE", "DELETE", "DROP", "WITH", "PRAGMA"];
        for m in SQLITE.iter().chain(POSTGRES) {
            for s in m.statements() {
                let first = s.split_whitespace().next().unwrap_or_default().to_uppercase();
                assert!(
                    starts.contains(&first.as_str()),
                    "migration {} ({}): a statement starts with {first:?}: {s:.80}",
                    m.version,
                    m.name
                );
            }
        }
    }
}
