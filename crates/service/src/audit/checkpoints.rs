//! The log's signing key, sealing entries into the tree, signed checkpoints, inclusion and consistency proofs.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use store::log::StoredCheckpoint;
use store::{Store, StoreError};
use tlog::{Checkpoint, Hash, NodeId, NoteSigner, NoteVerifier};

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
        let known = {
            let gaps = log.gaps.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            gaps.contains_key(&missing)
        };
        // Every missing number is noted when the first is found, so that all of them stand their grace
        // together and are filled in one pass: after many crashes (each leaving numbers taken by changes
        // that never committed, on PostgreSQL's sequence) the log would otherwise wait a grace per gap.
        let later = if known { Vec::new() } else { store.log_missing(size, 10_000).await? };
        let due = {
            let mut gaps = log.gaps.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            gaps.retain(|seq, _| *seq >= size);
            let now = std::time::Instant::now();
            for seq in later {
                gaps.entry(seq).or_insert(now);
            }
            gaps.entry(missing).or_insert(now).elapsed() >= GAP_GRACE
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
