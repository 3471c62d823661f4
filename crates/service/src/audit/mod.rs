//! The audit log (docs/audit-log.md). Its signing key, signed checkpoints and proofs are in `checkpoints`;
//! `verify`, which recomputes the whole log from the database and names the first entry that fails, is in
//! `verification`; the records of actions that change no state (sign-ins, the system's and operators'
//! actions) are built in `records`. Here: staff reads, administrators' actions, the first daily use of an API
//! key, who looked at an application, and the export of leaves.

pub(crate) mod checkpoints;
pub(crate) mod records;
mod verification;

pub use checkpoints::{AuditLog, ProofRequest, checkpoint, consistency, inclusion, origin_of, root_at, seal};
pub use records::{record, staff_record, system_record};
pub use verification::{Failure, Verdict, verify};

use store::log::LogRecord;
use store::{Store, StoreError};

/// What a member of staff opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// A case (its answers, documents list, checks, history).
    Case,
    /// One document's file.
    Document(i64),
    /// A card's record.
    Card(i64),
    /// A decision letter (its id).
    Letter(i64),
}

/// Records that `user` opened something of application `application_id`, before it is shown: a read
/// that cannot be recorded is not given (the applicant is told who looked, so every look is kept).
pub async fn read(app: &crate::App, user: &store::User, application_id: i64, what: Read) -> Result<(), StoreError> {
    let (action, card_id, subject) = match what {
        Read::Case => ("open_case", None, None),
        Read::Document(d) => ("open_document", None, Some(format!("document:{d}"))),
        Read::Card(c) => ("open_card", Some(c), None),
        Read::Letter(l) => ("open_letter", None, Some(format!("letter:{l}"))),
    };
    let record = LogRecord {
        application_id: Some(application_id),
        card_id,
        ..staff_record(user, "read", action, subject, app.clock.now().unix_timestamp())
    };
    app.store.log_append(&record).await.map(|_| ())
}

/// One look at an applicant's data, as the applicant is shown it: when, which office and role, what.
/// Staff identities stay with the auditors.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Look {
    /// When (Unix seconds).
    pub at: i64,
    /// The office of the person who looked.
    pub office: Option<String>,
    /// Their role.
    pub role: String,
    /// `open_case`, `open_document`, `open_card` or `open_letter`.
    pub action: String,
    /// The document, for `open_document`.
    pub document_id: Option<i64>,
}

/// Who looked at an application's data, newest first (at most 200).
pub async fn looks(app: &crate::App, application_id: i64) -> Result<Vec<Look>, StoreError> {
    let q = store::LogQuery {
        application_id: Some(application_id),
        kind: Some("read".into()),
        limit: 200,
        ..store::LogQuery::default()
    };
    Ok(app
        .store
        .log_search(&q)
        .await?
        .into_iter()
        .map(|e| Look {
            at: e.record.at,
            office: e.record.office,
            role: e.record.actor_role,
            action: e.record.action,
            document_id: e.record.subject.and_then(|s| s.strip_prefix("document:").and_then(|d| d.parse().ok())),
        })
        .collect())
}

/// Records the first use each day (Astana time) of another system's API key.
pub async fn api_key_used(app: &crate::App, key: &store::ApiKey) -> Result<(), StoreError> {
    let now = app.clock.now();
    let day_start = now.to_offset(crate::clock::KZ_OFFSET).replace_time(time::Time::MIDNIGHT).unix_timestamp();
    let subject = format!("api_key:{}", key.id);
    let q = store::LogQuery {
        kind: Some("system".into()),
        action: Some("api_key_use".into()),
        subject: Some(subject.clone()),
        from_at: Some(day_start),
        limit: 1,
        ..store::LogQuery::default()
    };
    if app.store.log_search(&q).await?.is_empty() {
        let mut r = system_record("system", &key.role, "api_key_use", Some(subject), now.unix_timestamp());
        r.note = Some(key.name.clone());
        app.store.log_append(&r).await?;
    }
    Ok(())
}

/// The leaves `from..to` as JSON Lines, each line a leaf's data byte for byte (at most 100,000).
pub async fn export_lines(store: &dyn Store, from: u64, to: u64) -> Result<Option<String>, StoreError> {
    if to < from || to - from > 100_000 {
        return Ok(None);
    }
    let mut out = String::new();
    let mut at = from;
    while at < to {
        let batch = store.log_entries(at, u32::try_from((to - at).min(5000)).unwrap_or(5000)).await?;
        if batch.is_empty() {
            break;
        }
        for e in batch.iter().take_while(|e| e.seq < to) {
            out.push_str(&e.data);
            out.push('\n');
            at = e.seq + 1;
        }
        if batch.last().is_some_and(|e| e.seq + 1 >= to) {
            break;
        }
    }
    Ok(Some(out))
}

/// Records an administrator's action on `subject` (`user:12`, `calendar:2027`, ...), with what changed.
pub async fn admin_action(
    app: &crate::App,
    admin: &store::User,
    action: &str,
    subject: String,
    note: Option<String>,
) -> Result<(), StoreError> {
    let mut r = staff_record(admin, "admin", action, Some(subject), app.clock.now().unix_timestamp());
    r.note = note;
    app.store.log_append(&r).await.map(|_| ())
}
