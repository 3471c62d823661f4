//! The audit log (docs/audit-log.md): its signing key, signed checkpoints, inclusion and consistency
//! proofs, the records of actions that change no state (sign-ins, reads, administrators' actions), and
//! `verify`, which recomputes the whole log from the database and names the first entry that fails.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use store::log::{LogEntry, LogRecord, StoredCheckpoint};
use store::{Store, StoreError};
use tlog::{Checkpoint, Frontier, Hash, NodeId, NoteSigner, NoteVerifier};

/// The log's key and name.
pub struct AuditLog {
    signer: NoteSigner,
    verifier: NoteVerifier,
    /// Numbers the sealer found missing, and since when (a number is filled once it has stood missing
    /// for [`GAP_GRACE`]).
    gaps: std::sync::Mutex<HashMap<u64, std::time::Instant>>,
}

/// How long a missing number may be a change still being written before it is filled as void.
const GAP_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

impl fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditLog").field("origin", &self.origin()).finish_non_exhaustive()
    }
}

/// The origin of a log served at `public_url`: its host (and port) with `/atajoly/log`.
pub fn origin_of(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{host}/atajoly/log")
}

impl AuditLog {
    /// A log signing with the Ed25519 `seed` under `origin`.
    pub fn new(origin: &str, seed: &[u8; 32]) -> Result<AuditLog, tlog::NoteError> {
        let signer = NoteSigner::new(origin, seed)?;
        let verifier = tlog::parse_vkey(&signer.vkey())?;
        Ok(AuditLog { signer, verifier, gaps: std::sync::Mutex::new(HashMap::new()) })
    }

    /// A log with a fresh random key that is kept nowhere (tests, and services without a key file).
    pub fn ephemeral(origin: &str) -> std::io::Result<AuditLog> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(std::io::Error::other)?;
        AuditLog::new(origin, &seed).map_err(|e| std::io::Error::other(e.to_string()))
    }

    /// The log's key from `path` (64 hex digits, the Ed25519 seed), made (mode 0600) when missing. It is
    /// not the card-signing key, and it is kept outside the database.
    pub fn load_or_create(path: &Path, origin: &str) -> std::io::Result<AuditLog> {
        let seed = match std::fs::read_to_string(path) {
            Ok(text) => {
                let bytes = hex::decode(text.trim())
                    .map_err(|e| std::io::Error::other(format!("{}: not hex: {e}", path.display())))?;
                <[u8; 32]>::try_from(bytes.as_slice())
                    .map_err(|_| std::io::Error::other(format!("{}: the seed is not 32 bytes", path.display())))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut seed = [0u8; 32];
                getrandom::fill(&mut seed).map_err(std::io::Error::other)?;
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                crate::files::write_owner_only(path, &format!("{}\n", hex::encode(seed)), true)?;
                seed
            }
            Err(e) => return Err(std::io::Error::other(format!("{}: {e}", path.display()))),
        };
        AuditLog::new(origin, &seed).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))
    }

    /// The log's unique name (the first line of its checkpoints and its key's name).
    pub fn origin(&self) -> &str {
        self.signer.name()
    }

    /// The verifier key in the signed-note format.
    pub fn vkey(&self) -> String {
        self.signer.vkey()
    }

    /// The verifier of its checkpoints.
    pub fn verifier(&self) -> &NoteVerifier {
        &self.verifier
    }
}

/// The root hash of the first `size` leaves.
pub async fn root_at(store: &dyn Store, size: u64) -> Result<Hash, StoreError> {
    let hashes = store.log_hashes(&tlog::decompose(0, size)).await?;
    Ok(tlog::fold(&hashes).unwrap_or_else(|| tlog::range_hash::<()>(0, 0, |_| Err(())).unwrap_or([0; 32])))
}

/// The hashes of `ranges` (each a range of the RFC's recursion), in order.
async fn ranges_hashes(store: &dyn Store, ranges: &[(u64, u64)]) -> Result<Vec<Hash>, StoreError> {
    let ids: Vec<Vec<NodeId>> = ranges.iter().map(|&(s, e)| tlog::decompose(s, e)).collect();
    let flat: Vec<NodeId> = ids.iter().flatten().copied().collect();
    let hashes = store.log_hashes(&flat).await?;
    let mut out = Vec::with_capacity(ranges.len());
    let mut at = 0;
    for group in &ids {
        let part = hashes.get(at..at + group.len()).unwrap_or_default();
        at += group.len();
        out.push(tlog::fold(part).ok_or_else(|| StoreError::Corrupt("an empty proof range".into()))?);
    }
    Ok(out)
}

/// Seals the entries written since the last pass into the tree; a number that has stood missing for
/// [`GAP_GRACE`] (its transaction rolled back) is filled with a void leaf first. Returns the tree's size.
pub async fn seal(store: &dyn Store, log: &AuditLog, now: i64) -> Result<u64, StoreError> {
    loop {
        let (size, gap) = store.log_seal().await?;
        let Some(missing) = gap else { return Ok(size) };
        let due = {
            let mut gaps = log.gaps.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            gaps.retain(|seq, _| *seq >= size);
            gaps.entry(missing).or_insert_with(std::time::Instant::now).elapsed() >= GAP_GRACE
        };
        if !due {
            return Ok(size);
        }
        store.log_fill(missing, now).await?;
    }
}

/// The latest signed checkpoint, sealing the tree and signing one first when it has grown since.
pub async fn checkpoint(store: &dyn Store, log: &AuditLog, now: i64) -> Result<StoredCheckpoint, StoreError> {
    let size = seal(store, log, now).await?;
    if let Some(latest) = store.latest_checkpoint().await?
        && latest.size >= size
    {
        return Ok(latest);
    }
    let root = root_at(store, size).await?;
    let body = Checkpoint { origin: log.origin().to_owned(), size, root }.body();
    let note = log.signer.sign(&body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let signed = StoredCheckpoint { size, root: root.to_vec(), note, signed_at: now };
    store.add_checkpoint(&signed).await?;
    Ok(signed)
}

/// Why a proof cannot be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofRequest {
    /// The tree is smaller than asked.
    BeyondLog {
        /// The log's size now.
        size: u64,
    },
    /// The leaf is not in a tree of that size, or the first size exceeds the second.
    Sizes,
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves.
pub async fn inclusion(
    store: &dyn Store,
    index: u64,
    size: u64,
) -> Result<Result<Vec<Hash>, ProofRequest>, StoreError> {
    let now = store.log_size().await?;
    if size > now {
        return Ok(Err(ProofRequest::BeyondLog { size: now }));
    }
    if index >= size {
        return Ok(Err(ProofRequest::Sizes));
    }
    Ok(Ok(ranges_hashes(store, &tlog::inclusion_ranges(index, size)).await?))
}

/// The consistency proof from the tree of `first` leaves to the tree of `second`.
pub async fn consistency(
    store: &dyn Store,
    first: u64,
    second: u64,
) -> Result<Result<Vec<Hash>, ProofRequest>, StoreError> {
    let now = store.log_size().await?;
    if second > now {
        return Ok(Err(ProofRequest::BeyondLog { size: now }));
    }
    if first > second {
        return Ok(Err(ProofRequest::Sizes));
    }
    Ok(Ok(ranges_hashes(store, &tlog::consistency_ranges(first, second)).await?))
}

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

/// Appends a record of an action that changes no state of a case (a sign-in, a read, an
/// administrator's action outside a unit of work).
pub async fn record(store: &dyn Store, record: &LogRecord) -> Result<u64, StoreError> {
    store.log_append(record).await
}

/// What a member of staff opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// A case (its answers, documents list, checks, history).
    Case,
    /// One document's file.
    Document(i64),
    /// A card's record.
    Card(i64),
}

/// Records that `user` opened something of application `application_id`, before it is shown: a read
/// that cannot be recorded is not given (the applicant is told who looked, so every look is kept).
pub async fn read(app: &crate::App, user: &store::User, application_id: i64, what: Read) -> Result<(), StoreError> {
    let (action, card_id, subject) = match what {
        Read::Case => ("open_case", None, None),
        Read::Document(d) => ("open_document", None, Some(format!("document:{d}"))),
        Read::Card(c) => ("open_card", Some(c), None),
    };
    let record = LogRecord {
        kind: "read".into(),
        at: app.clock.now().unix_timestamp(),
        application_id: Some(application_id),
        card_id,
        actor_id: Some(user.id),
        actor_role: user.role.as_str().to_owned(),
        office: user.office.clone(),
        action: action.into(),
        subject,
        from: None,
        to: None,
        note: None,
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
    /// `open_case`, `open_document` or `open_card`.
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

/// A record of the system's or an operator's action (no person signed in).
pub fn system_record(kind: &str, role: &str, action: &str, subject: Option<String>, at: i64) -> LogRecord {
    LogRecord {
        kind: kind.into(),
        at,
        application_id: None,
        card_id: None,
        actor_id: None,
        actor_role: role.into(),
        office: None,
        action: action.into(),
        subject,
        from: None,
        to: None,
        note: None,
    }
}

/// Records the first use each day (Astana time) of another system's API key.
pub async fn api_key_used(app: &crate::App, key: &store::ApiKey) -> Result<(), StoreError> {
    let now = app.clock.now();
    let day_start = now.to_offset(crate::KZ_OFFSET).replace_time(time::Time::MIDNIGHT).unix_timestamp();
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

/// A record of what a member of staff did that is no case's or card's state change (an
/// administrator's action, a sign-in).
pub fn staff_record(user: &store::User, kind: &str, action: &str, subject: Option<String>, at: i64) -> LogRecord {
    LogRecord {
        kind: kind.into(),
        at,
        application_id: None,
        card_id: None,
        actor_id: Some(user.id),
        actor_role: user.role.as_str().to_owned(),
        office: user.office.clone(),
        action: action.into(),
        subject,
        from: None,
        to: None,
        note: None,
    }
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
