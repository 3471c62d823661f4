//! The reference-data repository: list versions loaded from the data files.

use domain::reference::{Item, Kind, ListVersion, Source};
use serde::Serialize;
use time::Date;

use crate::StoreError;

/// What importing a list version did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// The version was new and is now stored.
    Inserted,
    /// The same content was already stored; nothing changed.
    Unchanged,
}

/// A stored list version, without its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// The list.
    pub kind: Kind,
    /// Version id.
    pub version: String,
    /// First day in force.
    #[serde(with = "domain::reference::iso_date")]
    pub effective_from: Date,
    /// Last day in force, if any.
    #[serde(with = "domain::reference::iso_date::option")]
    pub effective_to: Option<Date>,
    /// The legal act or data source.
    pub source: Source,
    /// SHA-256 of the content.
    pub content_sha256: String,
    /// The data file it came from.
    pub file: String,
    /// Number of items.
    pub items: i64,
}

/// Stores and reads versioned reference lists.
#[async_trait::async_trait]
pub trait ReferenceRepo: Send + Sync {
    /// Stores a list version once: the same content again is a no-op; changed content under an
    /// existing version id is a conflict. All or nothing.
    async fn import_list(&self, list: &ListVersion, file: &str) -> Result<ImportOutcome, StoreError>;
    /// The stored versions of `kind`, oldest first.
    async fn list_versions(&self, kind: Kind) -> Result<Vec<VersionInfo>, StoreError>;
    /// One stored version with its items.
    async fn load_list(&self, kind: Kind, version: &str) -> Result<Option<ListVersion>, StoreError>;
    /// Every stored version of every list, with items.
    async fn load_all_lists(&self) -> Result<Vec<ListVersion>, StoreError>;
}

/// A stored version row, as read back from either backend.
pub(crate) struct VersionRow {
    pub id: i64,
    pub kind: String,
    pub version: String,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub source: serde_json::Value,
    pub content_sha256: String,
    pub file: String,
    pub items: i64,
}

impl VersionRow {
    pub fn info(self) -> Result<VersionInfo, StoreError> {
        Ok(VersionInfo {
            kind: Kind::parse(&self.kind).ok_or_else(|| StoreError::Corrupt(format!("unknown kind {}", self.kind)))?,
            version: self.version,
            effective_from: self.effective_from,
            effective_to: self.effective_to,
            source: serde_json::from_value(self.source)?,
            content_sha256: self.content_sha256,
            file: self.file,
            items: self.items,
        })
    }
}

/// Assembles a list version from its stored row and item bodies (in position order).
pub(crate) fn assemble(row: VersionRow, bodies: Vec<serde_json::Value>) -> Result<ListVersion, StoreError> {
    let items = bodies.into_iter().map(serde_json::from_value::<Item>).collect::<Result<Vec<_>, _>>()?;
    let info = row.info()?;
    Ok(ListVersion::new(info.kind, info.version, info.effective_from, info.effective_to, info.source, items))
}

/// Columns selected for a [`VersionRow`], the same on both backends.
pub(crate) const VERSION_COLUMNS: &str = "v.id, v.kind, v.version, v.effective_from, v.effective_to, v.source, \
     v.content_sha256, v.file, (SELECT COUNT(*) FROM ref_item i WHERE i.version_id = v.id) AS items";

/// A stored version row read on either backend (`source` is JSON: `jsonb` on PostgreSQL, text on SQLite).
pub(crate) fn version_row<DB: sqlx::Database>(r: &DB::Row) -> Result<VersionRow, sqlx::Error>
where
    for<'r> i64: sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    for<'r> String: sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    for<'r> Date: sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    for<'r> sqlx::types::Json<serde_json::Value>: sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    for<'c> &'c str: sqlx::ColumnIndex<DB::Row>,
{
    use sqlx::Row as _;
    let source: sqlx::types::Json<serde_json::Value> = r.try_get("source")?;
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

/// The [`ReferenceRepo`] of a store (`$store`, holding a `pool` and a `begin_write`) on database `$db`:
/// the same statements on both backends.
macro_rules! impl_reference {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::reference::ReferenceRepo for $store {
            async fn import_list(&self, list: &domain::reference::ListVersion, file: &str) -> Result<$crate::reference::ImportOutcome, $crate::StoreError> {
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
                .bind(sqlx::types::Json(&list.source))
                .bind(&hash)
                .bind(file)
                .bind(time::OffsetDateTime::now_utc())
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
                        Ok($crate::reference::ImportOutcome::Unchanged)
                    } else {
                        Err($crate::StoreError::Conflict(format!(
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
                        .bind(sqlx::types::Json(item))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok($crate::reference::ImportOutcome::Inserted)
            }

            async fn list_versions(&self, kind: domain::reference::Kind) -> Result<Vec<$crate::reference::VersionInfo>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM ref_version v WHERE v.kind = $1 ORDER BY v.effective_from, v.version",
                    $crate::reference::VERSION_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(kind.as_str()).fetch_all(&self.pool).await?;
                rows.iter().map(|r| $crate::reference::version_row::<$db>(r)?.info()).collect::<Result<_, $crate::StoreError>>()
            }

            async fn load_list(&self, kind: domain::reference::Kind, version: &str) -> Result<Option<domain::reference::ListVersion>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM ref_version v WHERE v.kind = $1 AND v.version = $2", $crate::reference::VERSION_COLUMNS);
                let Some(row) = sqlx::query(&sql).bind(kind.as_str()).bind(version).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                let row = $crate::reference::version_row::<$db>(&row)?;
                let bodies = self.bodies(row.id).await?;
                $crate::reference::assemble(row, bodies).map(Some)
            }

            async fn load_all_lists(&self) -> Result<Vec<domain::reference::ListVersion>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM ref_version v ORDER BY v.kind, v.effective_from, v.version", $crate::reference::VERSION_COLUMNS);
                let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in &rows {
                    let row = $crate::reference::version_row::<$db>(r)?;
                    let bodies = self.bodies(row.id).await?;
                    out.push($crate::reference::assemble(row, bodies)?);
                }
                Ok(out)
            }
        }

        impl $store {
            async fn bodies(&self, id: i64) -> Result<Vec<serde_json::Value>, $crate::StoreError> {
                let rows: Vec<sqlx::types::Json<serde_json::Value>> =
                    sqlx::query_scalar("SELECT body FROM ref_item WHERE version_id = $1 ORDER BY position")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|b| b.0).collect())
            }
        }
    };
}
pub(crate) use impl_reference;
