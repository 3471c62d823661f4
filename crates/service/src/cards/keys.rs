//! The signing keys: generated or given, published, rotated, and the ring an instance signs with.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use credential::{KeySet, SigningKey, StatusListToken, TrustedKey};
use store::{KeyRecord, Store, VerificationEntry};
use time::OffsetDateTime;

use crate::audit::records::system_record;

/// The keys this instance holds: signers (with their windows) and the published set.
#[derive(Debug, Default)]
pub struct KeyRing {
    signers: Vec<(TrustedKey, SigningKey)>,
    published: KeySet,
    records: Vec<KeyRecord>,
}

impl KeyRing {
    /// The newest key whose window covers `at` and whose private half is here.
    pub fn signer_at(&self, at: OffsetDateTime) -> Option<&SigningKey> {
        // At the instant of a rotation both keys may sign: the newer window (the still open one) wins.
        self.signers
            .iter()
            .filter(|(t, _)| t.may_sign_at(at))
            .max_by_key(|(t, _)| (t.sign_from, t.sign_until.is_none()))
            .map(|(_, k)| k)
    }

    /// The published key set (every key not withdrawn).
    pub fn published(&self) -> &KeySet {
        &self.published
    }

    /// The stored records.
    pub fn records(&self) -> &[KeyRecord] {
        &self.records
    }
}

/// A signed status list, ready to serve.
#[derive(Debug)]
pub struct ServedList {
    pub(super) generation: u64,
    /// The signed token; `None` when no key here may sign now (the list still serves online checks).
    pub bytes: Option<Vec<u8>>,
    /// What it says.
    pub token: StatusListToken,
}

/// The card state of an instance: its keys and its signed lists.
#[derive(Debug, Default)]
pub struct CardRuntime {
    ring: RwLock<Arc<KeyRing>>,
    pub(super) lists: Mutex<HashMap<i64, Arc<ServedList>>>,
    pub(super) generation: AtomicU64,
    pub(super) log: Mutex<Vec<(Option<i64>, VerificationEntry)>>,
    /// The highest status list known to exist (lists only ever grow).
    pub(super) last_list: std::sync::atomic::AtomicI64,
    /// Held while a list is signed again, so concurrent requests wait for one signature.
    pub(super) rebuild: tokio::sync::Mutex<()>,
    /// The public check's counts per client in the current window (decision 0031).
    pub(super) checks: Mutex<CheckCounts>,
}

/// The public check's rate-limit counts on this instance, for one fixed window: what the database said
/// when this instance last wrote its counts there (every instance's attempts), and this instance's
/// attempts not yet written. A request is decided on their sum, with no database round trip; the
/// housekeeping task writes the pending counts every two seconds (`flush_checks`).
#[derive(Debug, Default)]
pub struct CheckCounts {
    window_start: i64,
    known: HashMap<String, i64>,
    pending: HashMap<String, i64>,
}

impl CheckCounts {
    /// Counts one attempt under `key` in the window starting at `window_start` (a new window forgets
    /// the last); the attempts in the window with this one, as far as this instance knows.
    pub(super) fn count(&mut self, key: &str, window_start: i64) -> i64 {
        if window_start != self.window_start {
            *self = CheckCounts { window_start, ..CheckCounts::default() };
        }
        let pending = self.pending.entry(key.to_owned()).or_insert(0);
        *pending += 1;
        *pending + self.known.get(key).copied().unwrap_or(0)
    }

    /// Takes the attempts not yet written, with their window.
    pub(super) fn take_pending(&mut self) -> (i64, HashMap<String, i64>) {
        (self.window_start, std::mem::take(&mut self.pending))
    }

    /// The database's count for `key` in `window_start` after this instance's were added; `None` when
    /// the write failed and `written` attempts go back to pending.
    pub(super) fn written(&mut self, key: String, window_start: i64, written: i64, total: Option<i64>) {
        if window_start != self.window_start {
            return;
        }
        match total {
            Some(total) => {
                self.known.insert(key, total);
            }
            None => *self.pending.entry(key).or_insert(0) += written,
        }
    }
}

impl CardRuntime {
    /// The current key ring.
    pub fn ring(&self) -> Arc<KeyRing> {
        self.ring.read().map_or_else(|p| p.into_inner().clone(), |r| r.clone())
    }

    /// A card changed here: lists are signed again on their next request.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// Reloads the key ring from the store (at start and every minute: a rotation done elsewhere takes
    /// effect here).
    pub async fn reload(
        &self,
        store: &dyn Store,
        keys_dir: &Path,
        key_file: Option<&Path>,
    ) -> Result<(), store::StoreError> {
        let ring = load_ring(store, keys_dir, key_file).await?;
        let mut slot = self.ring.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = Arc::new(ring);
        Ok(())
    }

    /// Queues a verification for the log (written by [`flush_log`](super::flush_log), in batches).
    pub(super) fn queue_log(&self, card_id: Option<i64>, entry: VerificationEntry) {
        self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((card_id, entry));
    }
}

fn seed_path(dir: &Path, kid: &str) -> PathBuf {
    dir.join(format!("{kid}.ed25519"))
}

fn read_seed(path: &Path) -> std::io::Result<SigningKey> {
    let text = std::fs::read_to_string(path)?;
    let bytes = hex::decode(text.trim()).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
    let seed = <[u8; 32]>::try_from(bytes.as_slice())
        .map_err(|_| std::io::Error::other(format!("{}: a signing key is 32 bytes of hex", path.display())))?;
    Ok(SigningKey::from_seed(&seed))
}

fn write_seed(dir: &Path, key: &SigningKey) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = seed_path(dir, &key.kid().to_hex());
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    std::io::Write::write_all(&mut opts.open(&path)?, hex::encode(key.to_seed()).as_bytes())?;
    Ok(path)
}

fn record_of(key: &SigningKey, sign_from: i64, now: i64) -> KeyRecord {
    KeyRecord {
        kid: key.kid().to_hex(),
        public_key: hex::encode(key.public_key()),
        sign_from: Some(sign_from),
        sign_until: None,
        created_at: now,
        withdrawn_at: None,
    }
}

fn at(seconds: Option<i64>) -> Option<OffsetDateTime> {
    seconds.and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
}

/// Makes sure there is a key to sign with: the configured secret file's key (registered if new), or
/// one generated into the keys directory at first start. Returns the kid in use.
pub async fn ensure_signing_key(
    store: &Arc<dyn Store>,
    keys_dir: &Path,
    key_file: Option<&Path>,
    now: i64,
) -> Result<String, store::StoreError> {
    let records = store.signing_keys().await?;
    let io = |e: std::io::Error| store::StoreError::Config(format!("signing key: {e}"));
    if let Some(file) = key_file {
        let key = read_seed(file).map_err(io)?;
        let kid = key.kid().to_hex();
        if !records.iter().any(|r| r.kid == kid) {
            store.add_signing_key(&record_of(&key, now, now)).await?;
        }
        return Ok(kid);
    }
    let open = records.iter().rev().find(|r| r.withdrawn_at.is_none() && r.sign_until.is_none());
    if let Some(r) = open {
        return Ok(r.kid.clone());
    }
    rotate(store, keys_dir, now, now).await
}

/// Generates a key into `keys_dir` that signs from `from`; the open key's window closes there.
pub async fn rotate(store: &Arc<dyn Store>, keys_dir: &Path, from: i64, now: i64) -> Result<String, store::StoreError> {
    let key = SigningKey::generate().map_err(|e| store::StoreError::Config(format!("signing key: {e}")))?;
    write_seed(keys_dir, &key).map_err(|e| store::StoreError::Config(format!("signing key: {e}")))?;
    store.add_signing_key(&record_of(&key, from, now)).await?;
    let kid = key.kid().to_hex();
    let mut r = system_record("key", "operator", "signing_key_add", Some(format!("key:{kid}")), now);
    r.note = Some(format!("signs from {from}"));
    store.log_append(&r).await?;
    Ok(kid)
}

/// Withdraws a published signing key (its cards stop verifying), recorded in the audit log; `false`
/// when there is no such published key.
pub async fn withdraw(store: &Arc<dyn Store>, kid: &str, now: i64) -> Result<bool, store::StoreError> {
    if !store.withdraw_signing_key(kid, now).await? {
        return Ok(false);
    }
    let r = system_record("key", "operator", "signing_key_withdraw", Some(format!("key:{kid}")), now);
    store.log_append(&r).await?;
    Ok(true)
}

/// Loads the key ring: every stored key not withdrawn is published; those whose private half is in
/// the keys directory (or is the configured file) can sign.
pub async fn load_ring(
    store: &dyn Store,
    keys_dir: &Path,
    key_file: Option<&Path>,
) -> Result<KeyRing, store::StoreError> {
    let records = store.signing_keys().await?;
    let mut ring = KeyRing { records: records.clone(), ..KeyRing::default() };
    let file_key = key_file.and_then(|f| read_seed(f).ok());
    for r in records.iter().filter(|r| r.withdrawn_at.is_none()) {
        let bad = || store::StoreError::Corrupt(format!("signing key {}: bad public key", r.kid));
        let public: [u8; 32] = hex::decode(&r.public_key).ok().and_then(|b| b.try_into().ok()).ok_or_else(bad)?;
        let mut trusted = TrustedKey::from_public_key(&public).map_err(|_| bad())?;
        trusted.sign_from = at(r.sign_from);
        trusted.sign_until = at(r.sign_until);
        if trusted.kid().to_hex() != r.kid {
            return Err(bad());
        }
        ring.published
            .insert(trusted.clone())
            .map_err(|e| store::StoreError::Corrupt(format!("signing key {}: {e}", r.kid)))?;
        let seed = file_key
            .as_ref()
            .filter(|k| k.kid().to_hex() == r.kid)
            .map(|k| SigningKey::from_seed(&k.to_seed()))
            .or_else(|| read_seed(&seed_path(keys_dir, &r.kid)).ok());
        if let Some(key) = seed {
            ring.signers.push((trusted, key));
        }
    }
    Ok(ring)
}
