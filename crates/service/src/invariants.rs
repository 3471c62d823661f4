//! What must always hold of a live database and its file store, checked for operators (`atajoly
//! check`) and after the crash and backup drills: every document's file there and the one recorded, no
//! stored file without its document, every grant with exactly one card, one valid card per person, no
//! card without its grant, every status and card state with its event, every event in the audit log
//! and the log verifying, one application per submission, one document per upload, no job left
//! behind. The rows' rules are queries of the store (`store::invariants`); the files and the log are
//! read here. Each violation names its kind, the ids and what is wrong in a sentence.

use std::collections::HashSet;

use store::{Finding, Store, StoreError};
use tlog::NoteVerifier;

use crate::files::{FileStore, StoreFileError, Stored};

/// How a check runs.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Now (Unix seconds).
    pub now: i64,
    /// Seconds a stored file without its document is left alone (an upload in flight writes its file
    /// first, its row after).
    pub grace_secs: i64,
    /// Whether to read and decrypt every file and compare its SHA-256 with the recorded one (slow on a
    /// large store; without it only their presence is checked).
    pub read_files: bool,
    /// Seconds after which a pending job that is due counts as stuck.
    pub stuck_secs: i64,
}

/// One thing that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule, e.g. `grant_cards`, `orphan_file`, `audit_log`.
    pub kind: &'static str,
    /// The ids it names, e.g. `application 12`.
    pub ids: String,
    /// What is wrong, in a sentence.
    pub text: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\t{}\t{}", self.kind, self.ids, self.text)
    }
}

/// What a check looked at and found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Everything that does not hold.
    pub violations: Vec<Violation>,
    /// Document rows.
    pub documents: u64,
    /// Objects in the file store (unfinished writes included).
    pub stored: u64,
    /// Files read, decrypted and compared with their recorded SHA-256.
    pub read: u64,
    /// Entries of the audit log recomputed.
    pub log_entries: u64,
    /// Entries written but not yet sealed into the log's tree (behind a number still missing).
    pub unsealed: u64,
}

/// Why a check could not finish (not a violation: the database or the file store did not answer).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The database.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The file store.
    #[error("{0}")]
    Files(#[from] StoreFileError),
}

/// Documents read from the database at a time.
const BATCH: i64 = 2000;

/// Checks every invariant; the audit log against `log` (the verifier key and the log's origin).
pub async fn check(
    store: &dyn Store,
    files: &FileStore,
    log: (&NoteVerifier, &str),
    o: &CheckOptions,
) -> Result<Report, CheckError> {
    let mut report = Report::default();
    // Listed before the rows are read: a file written after the listing is not judged, and a row
    // committed while the documents are read is seen.
    let stored = files.list().await?;
    report.stored = stored.len() as u64;
    let mut keys = HashSet::new();
    let mut after = 0;
    let present: HashSet<&str> = stored.iter().filter(|s| !s.unfinished).map(|s| s.key.as_str()).collect();
    loop {
        let docs = store.documents_after(after, BATCH).await?;
        let Some(last) = docs.last() else { break };
        after = last.id;
        for d in &docs {
            report.documents += 1;
            keys.insert(d.blob_key.clone());
            let ids = format!("document {} of application {}", d.id, d.application_id);
            if !present.contains(d.blob_key.as_str()) {
                report.violations.push(Violation {
                    kind: "document_without_file",
                    ids,
                    text: format!("its file {} is not in the file store", d.blob_key),
                });
                continue;
            }
            if o.read_files {
                report.read += 1;
                if let Err(e) = read_whole(files, d).await {
                    let kind =
                        if matches!(e, StoreFileError::Digest { .. }) { "file_sha256" } else { "file_unreadable" };
                    report.violations.push(Violation { kind, ids, text: e.to_string() });
                }
            }
        }
    }
    for s in orphans_in(&stored, &keys, o.now - o.grace_secs) {
        report.violations.push(orphan(s, o.now));
    }
    for f in store.findings(o.now - o.stuck_secs).await? {
        report.violations.push(worded(&f));
    }
    let (verifier, origin) = log;
    store.log_seal().await?;
    let v = crate::audit::verify(store, verifier, origin, None).await?;
    report.log_entries = v.size;
    report.unsealed = v.unsealed;
    for f in &v.failures {
        report.violations.push(Violation {
            kind: "audit_log",
            ids: "audit log".into(),
            text: format!("the audit log does not verify: {f}"),
        });
    }
    Ok(report)
}

/// Reads a document's file to its end: decrypted chunk by chunk, the SHA-256 compared at the last.
async fn read_whole(files: &FileStore, d: &store::Document) -> Result<(), StoreFileError> {
    let mut reader = files.open_document(d).await?;
    while reader.next_chunk().await?.is_some() {}
    Ok(())
}

/// The stored objects no document names, last written before `before`.
fn orphans_in<'a>(stored: &'a [Stored], keys: &HashSet<String>, before: i64) -> Vec<&'a Stored> {
    stored.iter().filter(|s| s.modified < before && (s.unfinished || !keys.contains(&s.key))).collect()
}

fn orphan(s: &Stored, now: i64) -> Violation {
    let age = now - s.modified;
    if s.unfinished {
        Violation {
            kind: "orphan_file",
            ids: format!("unfinished write {}", s.key),
            text: format!("an upload stopped mid-write {age} s ago left this part behind"),
        }
    } else {
        Violation {
            kind: "orphan_file",
            ids: format!("stored file {}", s.key),
            text: format!("no document row names this file, written {age} s ago"),
        }
    }
}

/// A finding of the store's queries, in words.
fn worded(f: &Finding) -> Violation {
    let (ids, text) = match f.kind {
        "grant_cards" => (
            format!("application {}", f.first),
            format!("granted, with {} current card(s) instead of exactly one", f.count),
        ),
        "valid_cards_per_iin" | "valid_cards_per_passport" => (
            format!("cards {} and {}", f.first, f.second),
            format!("{} valid cards of one person ({})", f.count, f.key),
        ),
        "card_without_grant" => (
            format!("card {} of application {}", f.first, f.second),
            format!("a card of an application that is {}, not granted", f.key),
        ),
        "status_without_event" => {
            (format!("application {}", f.first), format!("status {} with no event that moved it there", f.key))
        }
        "card_state_without_event" => {
            (format!("card {}", f.first), format!("state {} with no card event that moved it there", f.key))
        }
        "event_not_in_log" => (
            format!("event {} of application {}", f.first, f.second),
            format!("the event {} is not an entry of the audit log", f.key),
        ),
        "card_event_not_in_log" => (
            format!("card event {} of card {}", f.first, f.second),
            format!("the card event {} is not an entry of the audit log", f.key),
        ),
        "duplicate_idempotency_key" => (
            format!("applications {} and {}", f.first, f.second),
            format!("{} applications from one submission (idempotency key {})", f.count, f.key),
        ),
        "duplicate_document" => (
            format!("documents {} and {}", f.first, f.second),
            format!("{} documents of one upload (the same file for item {})", f.count, f.key),
        ),
        "job_stuck" => (
            format!("job {}", f.first),
            format!(
                "a job of kind {} due at {} is still pending after {} attempt(s)",
                f.key,
                time::OffsetDateTime::from_unix_timestamp(f.count)
                    .ok()
                    .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
                    .unwrap_or_else(|| f.count.to_string()),
                f.second
            ),
        ),
        other => (format!("{} {}", f.first, f.second), format!("{other}: {}", f.key)),
    };
    Violation { kind: f.kind, ids, text }
}

/// Deletes the stored files that no document names and that were last written more than
/// `Settings::orphan_grace_secs` ago: what an upload left when its process stopped between writing the
/// file and recording its row, or mid-write. Returns how many went.
pub async fn sweep_orphans(store: &dyn Store, files: &FileStore, grace_secs: i64, now: i64) -> Result<u64, CheckError> {
    let stored = files.list().await?;
    let mut keys = HashSet::new();
    let mut after = 0;
    loop {
        let docs = store.documents_after(after, BATCH).await?;
        let Some(last) = docs.last() else { break };
        after = last.id;
        keys.extend(docs.into_iter().map(|d| d.blob_key));
    }
    let gone = orphans_in(&stored, &keys, now - grace_secs);
    for s in &gone {
        files.remove_stored(s).await;
    }
    if !gone.is_empty() {
        tracing::warn!(files = gone.len(), "deleted stored files that no document names (an upload cut off)");
    }
    Ok(gone.len() as u64)
}
