//! Repositories of atajoly: one trait per aggregate, implemented on SQLite (the embedded default) and
//! PostgreSQL (production), each with its own migrations.

mod accounts;
mod appeals;
mod applications;
mod cards;
mod cases;
mod error;
mod filed;
mod flow;
pub mod invariants;
mod jobs;
mod limits;
pub mod log;
mod migrate;
mod postgres;
mod reference;
mod retention;
mod sqlite;
mod work;

use std::sync::Arc;

pub use accounts::{
    AccountRepo, Enrolment, NewRoleChange, NewStaff, NewToken, NewUser, RoleChange, RoleDecision, Session, SessionInfo,
    SessionKind, SessionMeta, SessionRepo, StaffRepo, TokenPurpose, TokenRepo, User, UserRepo,
};
pub use appeals::{AppealRepo, AppealWork, Complaint, ComplaintMove, Hearing, NewComplaint, NewHearing};
pub use applications::{
    Application, ApplicationRepo, Document, DocumentAdded, DocumentLimits, Duplicate, Event, MatchKeys, NewApplication,
};
pub use cards::{
    ApiKey, ApiKeyInfo, Card, CardEvent, CardRepo, CardRequest, KeyRecord, NewCard, STATUS_LIST_SIZE, Signed,
    VerificationEntry, list_slot,
};
pub use cases::{CaseRepo, Check, Letter, Note, QUEUE_COUNT_BOUND, QueueFilter, QueuePage, Review, queue_count_limit};
pub use error::StoreError;
pub use filed::{ClaimCode, FiledRepo, OfficeNotice};
pub use flow::{ChangeRow, FlowRepo};
pub use invariants::{Finding, InvariantRepo};
pub use jobs::{InboxMessage, InboxRepo, Job, JobRepo, NewJob};
pub use limits::LimitRepo;
pub use log::{LogEntry, LogQuery, LogRecord, LogRepo, StoredCheckpoint};
pub use postgres::PgStore;
pub use reference::{ImportOutcome, ReferenceRepo, VersionInfo};
pub use retention::RetentionRepo;
pub use sqlite::SqliteStore;
pub use work::{CitizenshipReport, StatusChange, Work};

/// Everything the service keeps, whatever the backend.
#[async_trait::async_trait]
pub trait Store:
    ReferenceRepo
    + AccountRepo
    + JobRepo
    + InboxRepo
    + ApplicationRepo
    + CaseRepo
    + CardRepo
    + LogRepo
    + RetentionRepo
    + LimitRepo
    + AppealRepo
    + FiledRepo
    + InvariantRepo
    + FlowRepo
    + Send
    + Sync
{
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// Applies pending schema migrations; returns how many were applied.
    async fn migrate(&self) -> Result<usize, StoreError>;
    /// Checks that the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Opens a unit of work: one write transaction the caller drives (see [`Work`]).
    async fn begin(&self) -> Result<Box<dyn Work>, StoreError>;
}

/// How many schema migrations there are (one text for both backends).
pub fn schema_versions() -> usize {
    migrate::MIGRATIONS.len()
}

/// Opens the store a URL names: `sqlite://...` or `postgres://...`.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url, None).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else {
        Err(StoreError::Config(format!("unsupported database URL {}", redact_url(url))))
    }
}

/// The URL with any password replaced by `***`, safe to print.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
    let masked = if userinfo.contains(':') { format!("{user}:***") } else { user.to_owned() };
    // Query parameters may carry a password too.
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let q: Vec<String> = query
                .split('&')
                .map(|kv| if kv.starts_with("password=") { "password=***".to_owned() } else { kv.to_owned() })
                .collect();
            format!("{path}?{}", q.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{masked}@{host}{tail}")
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_printed() {
        assert_eq!(redact_url("postgres://u:secret@db:5432/x"), "postgres://u:***@db:5432/x");
        assert_eq!(
            redact_url("postgres://u@db/x?password=secret&sslmode=require"),
            "postgres://u@db/x?password=***&sslmode=require"
        );
        assert_eq!(redact_url("sqlite://data/atajoly.db"), "sqlite://data/atajoly.db");
    }
}
