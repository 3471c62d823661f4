//! The store on SQLite: the embedded default (a file, WAL, foreign keys on, `BEGIN IMMEDIATE` writes).

use std::str::FromStr;
use std::time::Duration;

use domain::reference::{Kind, ListVersion};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow};
use sqlx::types::Json;
use sqlx::{Connection, Row};
use time::OffsetDateTime;

use crate::reference::{ImportOutcome, ReferenceRepo, VERSION_COLUMNS, VersionInfo, VersionRow, assemble};
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

fn version_row(r: &SqliteRow) -> Result<VersionRow, sqlx::Error> {
    let source: String = r.try_get("source")?;
    Ok(VersionRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        version: r.try_get("version")?,
        effective_from: r.try_get("effective_from")?,
        effective_to: r.try_get("effective_to")?,
        source: serde_json::from_str(&source).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        content_sha256: r.try_get("content_sha256")?,
        file: r.try_get("file")?,
        items: r.try_get("items")?,
    })
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
                .bind(OffsetDateTime::now_utc())
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

#[async_trait::async_trait]
impl ReferenceRepo for SqliteStore {
    async fn import_list(&self, list: &ListVersion, file: &str) -> Result<ImportOutcome, StoreError> {
        let hash = list.content_hash();
        let mut tx = self.begin_write().await?;
        // Insert unless present; a concurrent importer waits on the unique key and then finds the row.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO ref_version (kind, version, effective_from, effective_to, source, content_sha256, file, loaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, version) DO NOTHING RETURNING id",
        )
        .bind(list.kind.as_str())
        .bind(&list.version)
        .bind(list.effective_from)
        .bind(list.effective_to)
        .bind(Json(&list.source))
        .bind(&hash)
        .bind(file)
        .bind(OffsetDateTime::now_utc())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            let existing: String =
                sqlx::query_scalar("SELECT content_sha256 FROM ref_version WHERE kind = $1 AND version = $2")
                    .bind(list.kind.as_str())
                    .bind(&list.version)
                    .fetch_one(&mut *tx)
                    .await?;
            return if existing == hash {
                Ok(ImportOutcome::Unchanged)
            } else {
                Err(StoreError::Conflict(format!(
                    "{} version {} is stored with other content; publish a new version",
                    list.kind.as_str(),
                    list.version
                )))
            };
        };
        for (pos, item) in list.items.iter().enumerate() {
            sqlx::query("INSERT INTO ref_item (version_id, position, key, body) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(i64::try_from(pos).unwrap_or(i64::MAX))
                .bind(&item.key)
                .bind(Json(item))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(ImportOutcome::Inserted)
    }

    async fn list_versions(&self, kind: Kind) -> Result<Vec<VersionInfo>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM ref_version v WHERE v.kind = $1 ORDER BY v.effective_from, v.version"
        );
        let rows = sqlx::query(&sql).bind(kind.as_str()).fetch_all(&self.pool).await?;
        rows.iter().map(|r| version_row(r)?.info()).collect::<Result<_, StoreError>>()
    }

    async fn load_list(&self, kind: Kind, version: &str) -> Result<Option<ListVersion>, StoreError> {
        let sql = format!("SELECT {VERSION_COLUMNS} FROM ref_version v WHERE v.kind = $1 AND v.version = $2");
        let Some(row) = sqlx::query(&sql).bind(kind.as_str()).bind(version).fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let row = version_row(&row)?;
        let bodies = self.bodies(row.id).await?;
        assemble(row, bodies).map(Some)
    }

    async fn load_all_lists(&self) -> Result<Vec<ListVersion>, StoreError> {
        let sql = format!("SELECT {VERSION_COLUMNS} FROM ref_version v ORDER BY v.kind, v.effective_from, v.version");
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let row = version_row(r)?;
            let bodies = self.bodies(row.id).await?;
            out.push(assemble(row, bodies)?);
        }
        Ok(out)
    }
}

impl SqliteStore {
    async fn bodies(&self, id: i64) -> Result<Vec<serde_json::Value>, StoreError> {
        let rows: Vec<String> = sqlx::query_scalar("SELECT body FROM ref_item WHERE version_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|b| serde_json::from_str(b).map_err(StoreError::from)).collect()
    }
}

crate::accounts::impl_accounts!(SqliteStore, sqlx::Sqlite);
crate::jobs::impl_jobs!(SqliteStore, sqlx::Sqlite, "");
crate::applications::impl_applications!(SqliteStore, sqlx::Sqlite);
crate::cases::impl_cases!(SqliteStore, sqlx::Sqlite);
crate::cards::impl_cards!(SqliteStore, sqlx::Sqlite);
crate::log::impl_log!(SqliteStore, sqlx::Sqlite, "SELECT COALESCE(MAX(seq), -1) + 1 FROM log_entries", "");
crate::retention::impl_retention!(SqliteStore, sqlx::Sqlite, "");
crate::limits::impl_limits!(SqliteStore);
crate::flow::impl_flow!(SqliteStore);
crate::filed::impl_filed!(SqliteStore, sqlx::Sqlite);
crate::work::impl_work!(sqlx::Sqlite, "", "");
crate::appeals::impl_appeals!(SqliteStore, sqlx::Sqlite);
