//! The log's rows as they are read back: stored entries, signed checkpoints, and a search of the log.

use super::leaf::LogRecord;

/// A stored leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// Its position in the log, from 0.
    pub seq: u64,
    /// The searchable columns (they repeat what `data` says).
    pub record: LogRecord,
    /// The leaf's data, byte for byte.
    pub data: String,
    /// The stored leaf hash.
    pub leaf: Vec<u8>,
}

/// A signed checkpoint as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCheckpoint {
    /// The tree size it signs.
    pub size: u64,
    /// The root hash it signs.
    pub root: Vec<u8>,
    /// The signed note.
    pub note: String,
    /// When it was signed.
    pub signed_at: i64,
}

/// A search of the log (every field that is set must match).
#[derive(Debug, Clone, Default)]
pub struct LogQuery {
    /// Of this application.
    pub application_id: Option<i64>,
    /// Of this card.
    pub card_id: Option<i64>,
    /// By this person.
    pub actor_id: Option<i64>,
    /// From this office.
    pub office: Option<String>,
    /// Of this kind.
    pub kind: Option<String>,
    /// This action.
    pub action: Option<String>,
    /// About this (`api_key:3`, `document:40`).
    pub subject: Option<String>,
    /// At or after (Unix seconds).
    pub from_at: Option<i64>,
    /// Before (Unix seconds).
    pub until_at: Option<i64>,
    /// Entries before this sequence number (paging, newest first).
    pub before_seq: Option<u64>,
    /// At most this many.
    pub limit: u32,
}
