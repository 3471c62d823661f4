//! A small migration runner: embedded SQL files applied in order, each whole (the database's own parser
//! reads the file: `sqlx::raw_sql`, never a split on `;`) in its own transaction, with their checksums
//! recorded so that an edited migration is refused. Both backends run the same steps.

use sha2_lite::checksum;

use crate::StoreError;

/// The SQL dialect a migration is rendered for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Postgres,
    Sqlite,
}

/// One embedded migration: one text for both backends (`migrations/NNNN_name.sql`). Where the two
/// differ, the text says so: `{{id}}` is an auto-numbered key (`BIGSERIAL PRIMARY KEY` on PostgreSQL,
/// `INTEGER PRIMARY KEY` on SQLite), `{{int}}` a 64-bit integer (`BIGINT`, `INTEGER`), `{{bytes}}`
/// bytes (`BYTEA`, `BLOB`); lines after a line `-- @postgres` or `-- @sqlite` are for that backend
/// alone, until a line `-- @both`. The marker lines themselves are not part of either rendering, so the
/// text each backend runs (and its checksum, recorded when it ran) is what the two files held before
/// they became one.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub text: &'static str,
}

/// What each placeholder is on PostgreSQL and on SQLite.
const PLACEHOLDERS: [(&str, &str, &str); 3] = [
    ("{{id}}", "BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY"),
    ("{{int}}", "BIGINT", "INTEGER"),
    ("{{bytes}}", "BYTEA", "BLOB"),
];

impl Migration {
    /// The migration's SQL for `dialect`.
    pub fn sql(&self, dialect: Dialect) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut only: Option<Dialect> = None;
        for line in self.text.split_inclusive('\n') {
            match line.trim_end_matches(['\n', '\r']) {
                "-- @postgres" => only = Some(Dialect::Postgres),
                "-- @sqlite" => only = Some(Dialect::Sqlite),
                "-- @both" => only = None,
                _ if only.is_some_and(|d| d != dialect) => {}
                _ if line.contains("{{") => {
                    let mut line = line.to_owned();
                    for (name, pg, lite) in PLACEHOLDERS {
                        line = line.replace(name, if dialect == Dialect::Postgres { pg } else { lite });
                    }
                    out.push_str(&line);
                }
                _ => out.push_str(line),
            }
        }
        out
    }

    /// The checksum of the migration's SQL for `dialect`.
    pub fn checksum(&self, dialect: Dialect) -> String {
        checksum(&self.sql(dialect))
    }

    /// Whether the migration is still to run on `dialect`, given the checksum recorded when it ran (if
    /// it did); an edited migration is an error.
    pub fn pending(&self, dialect: Dialect, recorded: Option<&str>) -> Result<bool, StoreError> {
        match recorded {
            None => Ok(true),
            Some(sum) if sum == self.checksum(dialect) => Ok(false),
            Some(_) => {
                Err(StoreError::Conflict(format!("migration {} ({}) was edited after it ran", self.version, self.name)))
            }
        }
    }
}

/// The migrations, in order.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "reference", text: include_str!("../migrations/0001_reference.sql") },
    Migration { version: 2, name: "accounts", text: include_str!("../migrations/0002_accounts.sql") },
    Migration { version: 3, name: "applications", text: include_str!("../migrations/0003_applications.sql") },
    Migration { version: 4, name: "staff_totp", text: include_str!("../migrations/0004_staff_totp.sql") },
    Migration { version: 5, name: "case_work", text: include_str!("../migrations/0005_case_work.sql") },
    Migration { version: 6, name: "clock_pause", text: include_str!("../migrations/0006_clock_pause.sql") },
    Migration { version: 7, name: "queue_indexes", text: include_str!("../migrations/0007_queue_indexes.sql") },
    Migration { version: 8, name: "calendar_years", text: include_str!("../migrations/0008_calendar_years.sql") },
    Migration { version: 9, name: "cards", text: include_str!("../migrations/0009_cards.sql") },
    Migration {
        version: 10,
        name: "one_card_per_person",
        text: include_str!("../migrations/0010_one_card_per_person.sql"),
    },
    Migration { version: 11, name: "corrections_kept", text: include_str!("../migrations/0011_corrections_kept.sql") },
    Migration { version: 12, name: "audit_log", text: include_str!("../migrations/0012_audit_log.sql") },
    Migration { version: 13, name: "staff", text: include_str!("../migrations/0013_staff.sql") },
    Migration { version: 14, name: "retention", text: include_str!("../migrations/0014_retention.sql") },
    Migration { version: 15, name: "rate_limits", text: include_str!("../migrations/0015_rate_limits.sql") },
    Migration {
        version: 16,
        name: "decided_retention",
        text: include_str!("../migrations/0016_decided_retention.sql"),
    },
    Migration {
        version: 17,
        name: "hearings_and_complaints",
        text: include_str!("../migrations/0017_hearings_and_complaints.sql"),
    },
    Migration { version: 18, name: "letters", text: include_str!("../migrations/0018_letters.sql") },
    Migration { version: 19, name: "filed", text: include_str!("../migrations/0019_filed.sql") },
    Migration { version: 20, name: "queue_sorts", text: include_str!("../migrations/0020_queue_sorts.sql") },
];

/// Runs a migration's whole text in `conn`: the database parses it, statement by statement.
/// (`execute_many`, not `execute`: the latter does not compile inside `async_trait`, sqlx#3591.)
pub(crate) async fn run<DB>(conn: &mut DB::Connection, sql: &str) -> Result<(), StoreError>
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
    use super::{Dialect, MIGRATIONS};

    /// The checksum of each migration's text on PostgreSQL and SQLite as recorded by the databases
    /// that ran it (they were two files then): the one text must render exactly what ran.
    const RAN: &[(i64, &str, &str)] = &[
        (1, "99e75dc120945128", "895b32c11658a9da"),
        (2, "3865d238355ab8ea", "8a3fa52cfdfe8adc"),
        (3, "abdb22444cc6e789", "8a259f2f928cf476"),
        (4, "10aa8eaf69c4749d", "a245362c3df10c2e"),
        (5, "4061883995ab61a7", "687889e7bb087cf5"),
        (6, "c41ec033d1b89376", "49a5e557e248b5e7"),
        (7, "6532db878d227692", "6532db878d227692"),
        (8, "2564b2b2f5b1ab9d", "72f13531ed33a9f6"),
        (9, "199c8edb0647e60b", "5228f4ff28c9df35"),
        (10, "2bdbb17ebc6f3fb6", "bb61516254901abc"),
        (11, "c016f221cd7296a7", "c016f221cd7296a7"),
        (12, "2420b0c0460cf8a8", "967661c7e9bb0b6d"),
        (13, "ce5f0f06dfbdd50b", "2adda374ff9f3d57"),
        (14, "27becf72703e08ed", "08bdf02b3ade917d"),
        (15, "52a80329914f8e7c", "52a80329914f8e7c"),
        (16, "8a06fff9e7c7a291", "8a06fff9e7c7a291"),
        (17, "40f14513aedda249", "18f783b4348449d7"),
        (18, "bcc2543178d26cd5", "929069d663f51e59"),
        (19, "d4c5688c4dbe5289", "cab06d8f725b78ba"),
        (20, "257e3af29f80b93c", "5ac45f7543ed8adb"),
    ];

    #[test]
    fn each_migration_renders_what_the_databases_ran() {
        assert_eq!(MIGRATIONS.len(), RAN.len(), "a new migration: add its checksums here once it has been released");
        for (m, (version, pg, lite)) in MIGRATIONS.iter().zip(RAN) {
            assert_eq!(m.version, *version);
            assert_eq!(m.checksum(Dialect::Postgres), *pg, "migration {} on PostgreSQL", m.version);
            assert_eq!(m.checksum(Dialect::Sqlite), *lite, "migration {} on SQLite", m.version);
        }
    }

    #[test]
    fn versions_run_from_one_with_no_gap() {
        // The runner applies what is missing whatever its place, but a gap in the list is a migration
        // forgotten in a merge.
        assert!(MIGRATIONS.iter().zip(1..).all(|(m, n)| m.version == n), "versions run from 1 with no gap");
    }

    #[test]
    fn placeholders_and_markers_render_per_backend() {
        let m = super::Migration {
            version: 0,
            name: "t",
            text: "CREATE TABLE t (\n    id {{id}},\n    n  {{int}},\n    b  {{bytes}}\n);\n-- @postgres\nCREATE SEQUENCE s;\n-- @sqlite\nSELECT 1;\n-- @both\nSELECT 2;\n",
        };
        assert_eq!(
            m.sql(Dialect::Postgres),
            "CREATE TABLE t (\n    id BIGSERIAL PRIMARY KEY,\n    n  BIGINT,\n    b  BYTEA\n);\nCREATE SEQUENCE s;\nSELECT 2;\n"
        );
        assert_eq!(
            m.sql(Dialect::Sqlite),
            "CREATE TABLE t (\n    id INTEGER PRIMARY KEY,\n    n  INTEGER,\n    b  BLOB\n);\nSELECT 1;\nSELECT 2;\n"
        );
    }

    #[test]
    fn an_edited_migration_is_refused() {
        let m = MIGRATIONS.first().expect("a migration");
        for d in [Dialect::Postgres, Dialect::Sqlite] {
            assert!(m.pending(d, None).expect("new"));
            assert!(!m.pending(d, Some(&m.checksum(d))).expect("ran"));
            assert!(m.pending(d, Some("0000000000000000")).is_err());
        }
    }
}
