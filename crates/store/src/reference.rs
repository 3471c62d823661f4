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
