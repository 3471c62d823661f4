//! `verify`: recomputes the whole log from the database and names the first entry that fails.

use std::collections::HashMap;
use std::fmt;

use store::log::{LogEntry, LogRecord, StoredCheckpoint};
use store::{Store, StoreError};
use tlog::{Checkpoint, Frontier, Hash, NodeId, NoteVerifier};

use super::checkpoints::consistency;

/// What `verify` found wrong, naming the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No entry at this position: deleted, or the following ones moved.
    Missing(u64),
    /// The entry's data does not hash to its stored leaf hash.
    LeafHash(u64),
    /// The entry's data is not a leaf of this log, or says another position (moved, inserted, reordered).
    Moved(u64),
    /// The entry's searchable columns disagree with its data.
    Columns(u64),
    /// The entry records an event whose row is gone.
    EventMissing(u64),
    /// The event row differs from what the log recorded.
    EventAltered(u64),
    /// A stored subtree hash differs from the one the leaves make (proofs would mislead).
    Node {
        /// Its level.
        level: u8,
        /// Its first leaf.
        first_leaf: u64,
    },
    /// A signed checkpoint does not verify, or its root differs from the leaves': some entry from
    /// `from` to `size - 1` was changed after it was signed.
    Checkpoint {
        /// The checkpoint's size.
        size: u64,
        /// The first entry it alone covers (the previous good checkpoint's size).
        from: u64,
        /// What is wrong.
        why: String,
    },
    /// A checkpoint was signed for more entries than the log holds: entries from `size` on are gone.
    Truncated {
        /// The log's size.
        size: u64,
        /// The signed size.
        signed: u64,
    },
    /// Event rows that name no entry of the log.
    Unlogged(i64),
    /// The saved checkpoint does not prove that the log only grew.
    NotAPrefix(String),
}

impl Failure {
    /// The first entry that fails, when one can be named.
    pub fn entry(&self) -> Option<u64> {
        match self {
            Failure::Missing(s)
            | Failure::LeafHash(s)
            | Failure::Moved(s)
            | Failure::Columns(s)
            | Failure::EventMissing(s)
            | Failure::EventAltered(s) => Some(*s),
            Failure::Node { first_leaf, .. } => Some(*first_leaf),
            Failure::Checkpoint { from, .. } => Some(*from),
            Failure::Truncated { size, .. } => Some(*size),
            Failure::Unlogged(_) | Failure::NotAPrefix(_) => None,
        }
    }
}

impl Failure {
    /// Whether it names the one entry that was changed (a stored subtree above the leaves, or a
    /// checkpoint, names only a stretch of entries).
    pub fn is_precise(&self) -> bool {
        match self {
            Failure::Node { level, .. } => *level == 0,
            Failure::Checkpoint { .. } | Failure::Truncated { .. } | Failure::Unlogged(_) | Failure::NotAPrefix(_) => {
                false
            }
            _ => true,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Missing(s) => write!(f, "entry {s}: missing (deleted, or the entries after it were moved)"),
            Failure::LeafHash(s) => {
                write!(f, "entry {s}: its data does not match its leaf hash (the data was altered)")
            }
            Failure::Moved(s) => write!(f, "entry {s}: its data says another position (inserted, moved or reordered)"),
            Failure::Columns(s) => write!(f, "entry {s}: its searchable columns disagree with its data"),
            Failure::EventMissing(s) => write!(f, "entry {s}: the event row it records is gone (deleted)"),
            Failure::EventAltered(s) => {
                write!(f, "entry {s}: the event row differs from what the log recorded (altered)")
            }
            Failure::Node { level, first_leaf } => {
                write!(f, "entry {first_leaf}: the stored hash of the subtree at level {level} from it is wrong")
            }
            Failure::Checkpoint { size, from, why } => write!(
                f,
                "entry {from}: the checkpoint of size {size} fails ({why}); an entry from {from} to {} was changed after it was signed",
                size.saturating_sub(1)
            ),
            Failure::Truncated { size, signed } => {
                write!(
                    f,
                    "entry {size}: a checkpoint signed {signed} entries, the log has {size} (entries were deleted)"
                )
            }
            Failure::Unlogged(n) => write!(f, "{n} event row(s) name no entry of the log (inserted behind its back)"),
            Failure::NotAPrefix(why) => write!(f, "the saved checkpoint: {why}"),
        }
    }
}

/// What `verify` checked.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Entries recomputed.
    pub size: u64,
    /// Signed checkpoints checked.
    pub checkpoints: usize,
    /// The largest signed size (entries beyond it are not signed yet).
    pub signed: u64,
    /// The root hash of the whole log.
    pub root: Hash,
    /// Bytes of leaf data hashed.
    pub bytes: u64,
    /// What failed, in the order of the log (the first names the first entry that fails).
    pub failures: Vec<Failure>,
    /// A saved checkpoint that was proved a prefix of the log: its size.
    pub older_ok: Option<u64>,
    /// Entries written but not sealed into the tree yet (checked as entries only).
    pub unsealed: u64,
}

/// Entries read at a time.
const BATCH: u32 = 5000;

/// Recomputes the log from the database: each entry's leaf hash from its data, its position, its
/// event row, every stored subtree hash, and every signed checkpoint (signature and root). With
/// `older` (a signed checkpoint an auditor saved), also proves that the log only grew since, with a
/// consistency proof built from the stored hashes.
pub async fn verify(
    store: &dyn Store,
    verifier: &NoteVerifier,
    origin: &str,
    older: Option<&str>,
) -> Result<Verdict, StoreError> {
    let size = store.log_size().await?;
    let checkpoints = store.log_checkpoints().await?;
    let mut pending = checkpoints.iter().peekable();
    let mut verdict = Verdict { size, checkpoints: checkpoints.len(), ..Verdict::default() };
    let older = match older.map(|note| Checkpoint::open(note, verifier, origin)) {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            verdict.failures.push(Failure::NotAPrefix(e.to_string()));
            None
        }
        None => None,
    };
    let mut older_root = None;
    let mut frontier = Frontier::new();
    let mut good_cp = 0u64;
    let mut from = 0u64;
    let check_cp = |cp: &StoredCheckpoint, root: &Hash, good: u64| -> Option<Failure> {
        let why = match Checkpoint::open(&cp.note, verifier, origin) {
            Err(e) => e.to_string(),
            Ok(c) if c.size != cp.size || c.root.as_slice() != cp.root.as_slice() => {
                "its columns disagree with its signed note".into()
            }
            Ok(c) if &c.root != root => "its signed root is not the root of the entries".into(),
            Ok(_) => return None,
        };
        Some(Failure::Checkpoint { size: cp.size, from: good, why })
    };
    // A checkpoint of the empty log.
    while let Some(cp) = pending.next_if(|c| c.size == 0) {
        if let Some(f) = check_cp(cp, &frontier.root(), 0) {
            verdict.failures.push(f);
        }
    }
    if older.as_ref().is_some_and(|c| c.size == 0) {
        older_root = Some(frontier.root());
    }
    loop {
        let entries = store.log_entries(from, BATCH).await?;
        let Some(last) = entries.last().map(|e| e.seq) else {
            if frontier.size() < size {
                verdict.failures.push(Failure::Missing(frontier.size()));
            }
            break;
        };
        let events: HashMap<u64, LogRecord> = store.event_records(from, last + 1).await?.into_iter().collect();
        let mut made: Vec<(NodeId, Hash)> = Vec::new();
        for e in &entries {
            if e.seq >= size {
                // Written, not sealed into the tree yet: checked as an entry, counted as unsealed.
                check_entry(e, events.get(&e.seq), &mut verdict.failures);
                verdict.unsealed += 1;
                continue;
            }
            let expected = frontier.size();
            if e.seq != expected {
                verdict.failures.push(Failure::Missing(expected));
                return finish(verdict, store, older.as_ref(), older_root, &frontier).await;
            }
            check_entry(e, events.get(&e.seq), &mut verdict.failures);
            verdict.bytes += e.data.len() as u64;
            // The tree is built from the stored leaf hashes, each checked against its data above: an
            // altered data is named there, and not again by every subtree above it.
            let leaf = <Hash>::try_from(e.leaf.as_slice()).unwrap_or_else(|_| tlog::leaf_hash(e.data.as_bytes()));
            made.extend(frontier.push(leaf));
            while let Some(cp) = pending.next_if(|c| c.size == frontier.size()) {
                match check_cp(cp, &frontier.root(), good_cp) {
                    Some(f) => verdict.failures.push(f),
                    None => good_cp = cp.size,
                }
                verdict.signed = verdict.signed.max(cp.size);
            }
            if older.as_ref().is_some_and(|c| c.size == frontier.size()) {
                older_root = Some(frontier.root());
            }
        }
        check_nodes(store, &made, &mut verdict.failures).await?;
        from = last + 1;
        if entries.len() < BATCH as usize {
            if frontier.size() < size {
                verdict.failures.push(Failure::Missing(frontier.size()));
            }
            break;
        }
    }
    // Rows of events written behind the log's back, and entries in the log beyond its head.
    for cp in pending {
        verdict.failures.push(Failure::Truncated { size: frontier.size(), signed: cp.size });
    }
    finish(verdict, store, older.as_ref(), older_root, &frontier).await
}

async fn finish(
    mut verdict: Verdict,
    store: &dyn Store,
    older: Option<&Checkpoint>,
    older_root: Option<Hash>,
    frontier: &Frontier,
) -> Result<Verdict, StoreError> {
    verdict.root = frontier.root();
    let unlogged = store.unlogged_events().await?;
    if unlogged > 0 {
        verdict.failures.push(Failure::Unlogged(unlogged));
    }
    if let Some(c) = older {
        match older_root {
            None => verdict.failures.push(Failure::NotAPrefix(format!(
                "it signs {} entries, the log has {} (the log shrank)",
                c.size,
                frontier.size()
            ))),
            Some(r) if r != c.root => verdict
                .failures
                .push(Failure::NotAPrefix(format!("the first {} entries are no longer the ones it signed", c.size))),
            Some(_) => {
                // The same answer through the proof an outside verifier would get.
                let proof = consistency(store, c.size, frontier.size()).await?;
                match proof.map(|p| tlog::verify_consistency(c.size, frontier.size(), &c.root, &frontier.root(), &p)) {
                    Ok(Ok(())) => verdict.older_ok = Some(c.size),
                    Ok(Err(e)) => {
                        verdict.failures.push(Failure::NotAPrefix(format!("the consistency proof fails: {e}")));
                    }
                    Err(e) => verdict.failures.push(Failure::NotAPrefix(format!("no consistency proof: {e:?}"))),
                }
            }
        }
    }
    // What names one entry comes first, in the log's order; then what names a stretch of it.
    verdict.failures.sort_by_key(|f| (!f.is_precise(), f.entry().unwrap_or(u64::MAX)));
    Ok(verdict)
}

/// Checks one entry against its leaf hash, its position, its columns and its event row.
fn check_entry(e: &LogEntry, event: Option<&LogRecord>, failures: &mut Vec<Failure>) {
    if tlog::leaf_hash(e.data.as_bytes()).as_slice() != e.leaf.as_slice() {
        failures.push(Failure::LeafHash(e.seq));
        return;
    }
    let Some((seq, record)) = store::log::decode(&e.data) else {
        failures.push(Failure::Moved(e.seq));
        return;
    };
    if seq != e.seq {
        failures.push(Failure::Moved(e.seq));
        return;
    }
    let columns = LogRecord { from: None, to: None, note: None, ..record.clone() };
    if columns != e.record {
        failures.push(Failure::Columns(e.seq));
    }
    if record.kind == "void" && event.is_some() {
        failures.push(Failure::EventAltered(e.seq));
    } else if matches!(record.kind.as_str(), "application" | "card") {
        match event {
            None => failures.push(Failure::EventMissing(e.seq)),
            Some(r) if r != &record => failures.push(Failure::EventAltered(e.seq)),
            Some(_) => {}
        }
    } else if event.is_some() && record.kind != "void" {
        failures.push(Failure::EventAltered(e.seq));
    }
}

/// Compares the stored subtree hashes with the ones the leaves made.
async fn check_nodes(
    store: &dyn Store,
    made: &[(NodeId, Hash)],
    failures: &mut Vec<Failure>,
) -> Result<(), StoreError> {
    for chunk in made.chunks(200) {
        let ids: Vec<NodeId> = chunk.iter().map(|(id, _)| *id).collect();
        let stored = match store.log_hashes(&ids).await {
            Ok(h) => h,
            Err(StoreError::Corrupt(_)) => {
                // One is missing: find it.
                let mut found = Vec::new();
                for id in &ids {
                    found.push(store.log_hashes(&[*id]).await.ok().and_then(|h| h.first().copied()).unwrap_or([0; 32]));
                }
                found
            }
            Err(e) => return Err(e),
        };
        for ((id, want), got) in chunk.iter().zip(stored) {
            if &got != want {
                failures.push(Failure::Node { level: id.level, first_leaf: id.index << id.level });
            }
        }
    }
    Ok(())
}
