//! The records of applications as the store reads and writes them.

use serde::Serialize;

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    /// The id.
    pub id: i64,
    /// The reference number, from the first submission on.
    pub reference: Option<String>,
    /// The status (see `domain::application::Status`).
    pub status: String,
    /// The applicant's account, when the applicant has one.
    pub owner_id: Option<i64>,
    /// Where the applicant's notices go (none when an intermediary filed without it).
    pub applicant_email: Option<String>,
    /// Who created it (the applicant or an intermediary).
    pub created_by: i64,
    /// `web`, `app`, `embassy`, `department` or `foundation`.
    pub channel: String,
    /// The intermediary's office, if any.
    pub office: Option<String>,
    /// Whether the office receives the notices too.
    pub notify_office: bool,
    /// The language of notices.
    pub lang: String,
    /// The answers (`domain::application::Answers` as JSON).
    pub answers: serde_json::Value,
    /// Steps and documents reopened by a request for corrections.
    pub reopened: Vec<String>,
    /// What the application held when corrections were asked (`{"answers", "files"}`): a resubmission
    /// must change what was reopened.
    pub reopened_snapshot: Option<serde_json::Value>,
    /// Incremented on every write (optimistic concurrency).
    pub version: i64,
    /// When created.
    pub created_at: i64,
    /// When last changed.
    pub updated_at: i64,
    /// When first submitted.
    pub submitted_at: Option<i64>,
    /// The office the case is routed to.
    pub assigned_office: Option<String>,
    /// The statutory deadline of the current step (ISO date).
    pub due_on: Option<String>,
    /// The IIN recorded by the officer.
    pub iin: Option<String>,
    /// Working days the step had left when the statutory clock was paused for corrections.
    pub clock_left: Option<i64>,
    /// When the documents and answers of this decided case were erased under the retention policy
    /// (the case itself stays; `docs/retention.md`).
    pub content_erased_at: Option<i64>,
}

/// A new draft.
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// The applicant's account, if any.
    pub owner_id: Option<i64>,
    /// Where the applicant's notices go.
    pub applicant_email: Option<String>,
    /// Who creates it.
    pub created_by: i64,
    /// The channel.
    pub channel: String,
    /// The intermediary's office.
    pub office: Option<String>,
    /// Whether the office receives notices.
    pub notify_office: bool,
    /// The language of notices.
    pub lang: String,
    /// Initial answers.
    pub answers: serde_json::Value,
    /// A second create with the same key (per creator) returns the first draft.
    pub idempotency_key: Option<String>,
    /// When.
    pub now: i64,
}

/// Columns kept beside the answers for finding duplicates.
#[derive(Debug, Clone, Default)]
pub struct MatchKeys {
    /// Passport number.
    pub passport_number: Option<String>,
    /// Folded Latin name words.
    pub name_key_latin: Option<String>,
    /// Folded Cyrillic name words.
    pub name_key_kk: Option<String>,
    /// Birth date, ISO.
    pub birth_date: Option<String>,
    /// The category (`1`, `2`, `3`), for queue filters.
    pub category: Option<String>,
    /// Citizenship (alpha-2), for queue filters.
    pub country: Option<String>,
}

/// An entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// When.
    pub at: i64,
    /// Who (none for the system).
    pub actor_id: Option<i64>,
    /// In which role.
    pub actor_role: String,
    /// From which office.
    pub office: Option<String>,
    /// What (`submit`, `request_corrections`, ...).
    pub action: String,
    /// The status before.
    pub from_status: String,
    /// The status after.
    pub to_status: String,
    /// Why, or what.
    pub note: Option<String>,
}

/// A stored file of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// The checklist item (a key of the `document` list).
    pub item: String,
    /// `original` or `translation`.
    pub role: String,
    /// For an original: whether it is in a language other than Kazakh or Russian.
    pub foreign_language: bool,
    /// The name the file had, for display only.
    pub filename: String,
    /// The type recognised from the content.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// The object's generated name in the file store.
    #[serde(skip)]
    pub blob_key: String,
    /// When.
    pub created_at: i64,
}

/// Limits on an application's files.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// Files per application.
    pub max_files: i64,
    /// Bytes per application.
    pub max_total: i64,
}

/// The outcome of adding a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentAdded {
    /// Stored.
    Added(Document),
    /// The application cannot take files now (submitted, or the item is not reopened).
    NotEditable,
    /// A limit would be passed.
    LimitReached,
    /// The same bytes were sent for the same item and role already (a retried upload): that document,
    /// and nothing new is recorded.
    Same(Document),
}

/// An application that may be the same person's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// Its id.
    pub id: i64,
    /// Its reference number.
    pub reference: Option<String>,
    /// Its status.
    pub status: String,
    /// The office that filed it for the applicant, if one did.
    pub office: Option<String>,
    /// `passport` or `name_and_birth_date`.
    pub reason: &'static str,
}
