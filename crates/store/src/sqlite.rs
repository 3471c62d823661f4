//! The store on SQLite: the embedded default (a file, WAL, foreign keys on, `BEGIN IMMEDIATE` writes).

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

use crate::{StoreError, migrate, redact_url};

/// The store on SQLite.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database a `sqlite:` URL names.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        let connect_err =
            |e: &dyn std::fmt::Display| StoreError::Connect { url: redact_url(url), message: e.to_string() };
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(|e| connect_err(&e))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let path = opts.get_filename();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| connect_err(&e))?;
        }
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(opts).await.map_err(|e| connect_err(&e))?;
        Ok(SqliteStore { pool })
    }

    async fn begin_write(&self) -> Result<sqlx::Transaction<'_, sqlx::Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

#[async_trait::async_trait]
impl crate::Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn migrate(&self) -> Result<usize, StoreError> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, \
             checksum TEXT NOT NULL, applied_at TEXT NOT NULL)",
        )
        .execute(&mut *conn)
        .await?;
        let mut applied = 0;
        for m in migrate::MIGRATIONS {
            let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
            let done: Option<String> = sqlx::query_scalar("SELECT checksum FROM schema_migrations WHERE version = $1")
                .bind(m.version)
                .fetch_optional(&mut *tx)
                .await?;
            if !m.pending(migrate::Dialect::Sqlite, done.as_deref())? {
                continue;
            }
            crate::migrate::run::<sqlx::Sqlite>(&mut tx, &m.sql(migrate::Dialect::Sqlite)).await?;
            sqlx::query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)")
                .bind(m.version)
                .bind(m.name)
                .bind(m.checksum(migrate::Dialect::Sqlite))
                .bind(time::OffsetDateTime::now_utc())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            applied += 1;
        }
        drop(conn);
        // Events written before the audit log existed join it, oldest first.
        crate::log::LogRepo::log_adopt(self).await?;
        Ok(applied)
    }

    async fn begin(&self) -> Result<Box<dyn crate::Work>, StoreError> {
        Ok(Box::new(Unit(self.pool.begin_with("BEGIN IMMEDIATE").await?)))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

crate::reference::impl_reference!(SqliteStore, sqlx::Sqlite);
crate::accounts::impl_accounts!(SqliteStore, sqlx::Sqlite);
crate::jobs::impl_jobs!(SqliteStore, sqlx::Sqlite, "");
crate::applications::impl_applications!(SqliteStore, sqlx::Sqlite);
crate::cases::impl_cases!(SqliteStore, sqlx::Sqlite);
crate::cards::impl_cards!(SqliteStore, sqlx::Sqlite, None);
crate::log::impl_log!(SqliteStore, sqlx::Sqlite, "SELECT COALESCE(MAX(seq), -1) + 1 FROM log_entries", "");
crate::retention::impl_retention!(SqliteStore, sqlx::Sqlite, "");
crate::limits::impl_limits!(SqliteStore);
crate::invariants::impl_invariants!(SqliteStore);
crate::flow::impl_flow!(SqliteStore);
crate::filed::impl_filed!(SqliteStore, sqlx::Sqlite);
crate::work::impl_work!(sqlx::Sqlite, "", "");
crate::appeals::impl_appeals!(SqliteStore, sqlx::Sqlite);
