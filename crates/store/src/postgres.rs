//! The store on PostgreSQL: production. Migrations take an advisory lock so that several instances may
//! start at once.

use std::str::FromStr;
use std::time::Duration;

use domain::reference::{Kind, ListVersion};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::types::Json;
use sqlx::{Connection, Row};
use time::OffsetDateTime;

use crate::reference::{ImportOutcome, ReferenceRepo, VERSION_COLUMNS, VersionInfo, VersionRow, assemble};
use crate::{StoreError, migrate, redact_url};

/// The store on PostgreSQL.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database a `postgres://` URL names; `schema`, when given, is created if missing
    /// and used as the search path (tests use one schema each).
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<PgStore, StoreError> {
        let connect_err =
            |e: &dyn std::fmt::Display| StoreError::Connect { url: redact_url(url), message: e.to_string() };
        let mut opts = PgConnectOptions::from_str(url).map_err(|e| connect_err(&e))?;
        if let Some(schema) = schema {
            if !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(StoreError::Config(format!("invalid schema name {schema}")));
            }
            let mut conn = sqlx::PgConnection::connect_with(&opts).await.map_err(|e| connect_err(&e))?;
            sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}")).execute(&mut conn).await?;
            conn.close().await?;
            opts = opts.options([("search_path", schema)]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await
            .map_err(|e| connect_err(&e))?;
        Ok(PgStore { pool })
    }

    async fn begin_write(&self) -> Result<sqlx::Transaction<'_, sqlx::Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }
}

fn version_row(r: &PgRow) -> Result<VersionRow, sqlx::Error> {
    let source: Json<serde_json::Value> = r.try_get("source")?;
    Ok(VersionRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        version: r.try_get("version")?,
        effective_from: r.try_get("effective_from")?,
        effective_to: r.try_get("effective_to")?,
        source: source.0,
        content_sha256: r.try_get("content_sha256")?,
        file: r.try_get("file")?,
        items: r.try_get("items")?,
    })
}

#[async_trait::async_trait]
impl crate::Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn migrate(&self) -> Result<usize, StoreError> {
        let mut conn = self.pool.acquire().await?;
        // Several instances may start together: one migrates, the others wait, then find nothing to do.
        sqlx::query("SELECT pg_advisory_lock(7262001)").execute(&mut *conn).await?;
        let result = migrate_locked(&mut conn).await;
        // Events written before the audit log existed join it, oldest first (each once: adoption skips
        // rows that already name a leaf).
        let adopted = match &result {
            Ok(_) => crate::log::LogRepo::log_adopt(self).await.map(|_| ()),
            Err(_) => Ok(()),
        };
        sqlx::query("SELECT pg_advisory_unlock(7262001)").execute(&mut *conn).await?;
        adopted?;
        result
    }

    async fn begin(&self) -> Result<Box<dyn crate::Work>, StoreError> {
        Ok(Box::new(Unit(self.pool.begin().await?)))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

async fn migrate_locked(conn: &mut sqlx::PgConnection) -> Result<usize, StoreError> {
    {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, \
             checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)",
        )
        .execute(&mut *conn)
        .await?;
        let mut applied = 0;
        for m in migrate::MIGRATIONS {
            let mut tx = conn.begin().await?;
            let done: Option<String> = sqlx::query_scalar("SELECT checksum FROM schema_migrations WHERE version = $1")
                .bind(m.version)
                .fetch_optional(&mut *tx)
                .await?;
            if !m.pending(migrate::Dialect::Postgres, done.as_deref())? {
                continue;
            }
            crate::migrate::run::<sqlx::Postgres>(&mut tx, &m.sql(migrate::Dialect::Postgres)).await?;
            sqlx::query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)")
                .bind(m.version)
                .bind(m.name)
                .bind(m.checksum(migrate::Dialect::Postgres))
                .bind(OffsetDateTime::now_utc())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            applied += 1;
        }
        Ok(applied)
    }
}

#[async_trait::async_trait]
impl ReferenceRepo for PgStore {
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

impl PgStore {
    async fn bodies(&self, id: i64) -> Result<Vec<serde_json::Value>, StoreError> {
        let rows: Vec<Json<serde_json::Value>> =
            sqlx::query_scalar("SELECT body FROM ref_item WHERE version_id = $1 ORDER BY position")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|b| b.0).collect())
    }
}

crate::accounts::impl_accounts!(PgStore, sqlx::Postgres);
crate::jobs::impl_jobs!(PgStore, sqlx::Postgres, " FOR UPDATE SKIP LOCKED");
crate::applications::impl_applications!(PgStore, sqlx::Postgres);
crate::cases::impl_cases!(PgStore, sqlx::Postgres);
crate::cards::impl_cards!(PgStore, sqlx::Postgres);
crate::log::impl_log!(PgStore, sqlx::Postgres, "SELECT nextval('log_seq')", " FOR UPDATE");
crate::retention::impl_retention!(PgStore, sqlx::Postgres, " FOR UPDATE");
crate::limits::impl_limits!(PgStore);
crate::flow::impl_flow!(PgStore);
crate::filed::impl_filed!(PgStore, sqlx::Postgres);
crate::work::impl_work!(sqlx::Postgres, " FOR UPDATE", "SELECT pg_advisory_xact_lock(7262002, hashtext($1))");
crate::appeals::impl_appeals!(PgStore, sqlx::Postgres);
