//! The store on PostgreSQL: production. Migrations take an advisory lock so that several instances may
//! start at once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

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
                .bind(time::OffsetDateTime::now_utc())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            applied += 1;
        }
        Ok(applied)
    }
}

crate::reference::impl_reference!(PgStore, sqlx::Postgres);
crate::accounts::impl_accounts!(PgStore, sqlx::Postgres);
crate::jobs::impl_jobs!(PgStore, sqlx::Postgres, " FOR UPDATE SKIP LOCKED");
crate::applications::impl_applications!(PgStore, sqlx::Postgres);
crate::cases::impl_cases!(PgStore, sqlx::Postgres);
crate::cards::impl_cards!(PgStore, sqlx::Postgres, Some("SELECT pg_advisory_xact_lock(7262003)"));
crate::log::impl_log!(PgStore, sqlx::Postgres, "SELECT nextval('log_seq')", " FOR UPDATE");
crate::retention::impl_retention!(PgStore, sqlx::Postgres, " FOR UPDATE");
crate::limits::impl_limits!(PgStore);
crate::invariants::impl_invariants!(PgStore);
crate::flow::impl_flow!(PgStore);
crate::filed::impl_filed!(PgStore, sqlx::Postgres);
crate::work::impl_work!(sqlx::Postgres, " FOR UPDATE", "SELECT pg_advisory_xact_lock(7262002, hashtext($1))");
crate::appeals::impl_appeals!(PgStore, sqlx::Postgres);
