//! The card, whoever asks: the signing keys, the card issued in the grant's transaction, the signed
//! status lists, online verification with its log, and the card's life (invalidation on Kazakh
//! citizenship, revocation with a countersignature, expiry, reissue on a new passport). Who may do
//! what is decided here, deny by default; every state change is one transaction with its audit event.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use credential::{
    CardClaims, CardNumber, CardStatus, Citizenship, KeySet, SigningKey, StatusList, StatusListToken, StatusReference,
    TrustedKey, Verdict,
};
use domain::reference::Kind;
use store::{
    ApiKey, Application, Card, CardChange, CardEvent, CardIssue, CardRequest, KeyRecord, NewCard, Signed, Store, User,
    VerificationEntry,
};
use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::app::App;
use crate::cases::{OFFICER, SUPERVISOR};
use crate::error::{AppError, ErrorCode, InvalidField};

/// Kazakhstan's time (UTC+5 since 1 March 2024): a card's days begin and end at its midnight.
pub const KZ_OFFSET: UtcOffset = match UtcOffset::from_hms(5, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// How long a served status list is reused before it is signed again (unless a card changed here).
const LIST_REUSE: Duration = Duration::seconds(60);

/// Kinds of verifiers a verifier may say they are.
pub const VERIFIERS: [&str; 6] = ["employer", "hospital", "school", "border", "bank", "other"];

/// The role of the citizenship registry's API key.
pub const REGISTRY: &str = "registry";

/// Card states.
pub const STATES: [&str; 5] = ["valid", "invalidated", "revoked", "expired", "superseded"];

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
    generation: u64,
    /// The signed token; `None` when no key here may sign now (the list still serves online checks).
    pub bytes: Option<Vec<u8>>,
    /// What it says.
    pub token: StatusListToken,
}

/// The card state of an instance: its keys and its signed lists.
#[derive(Debug, Default)]
pub struct CardState {
    ring: RwLock<Arc<KeyRing>>,
    lists: Mutex<HashMap<i64, Arc<ServedList>>>,
    generation: AtomicU64,
    log: Mutex<Vec<(Option<i64>, VerificationEntry)>>,
    limits: Mutex<HashMap<String, (i64, u32)>>,
    /// The highest status list known to exist (lists only ever grow).
    last_list: std::sync::atomic::AtomicI64,
    /// Held while a list is signed again, so concurrent requests wait for one signature.
    rebuild: tokio::sync::Mutex<()>,
}

impl CardState {
    /// The current key ring.
    pub fn ring(&self) -> Arc<KeyRing> {
        self.ring.read().map_or_else(|p| p.into_inner().clone(), |r| r.clone())
    }

    /// A card changed here: lists are signed again on their next request.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// Queues a verification for the log (written by [`flush_log`], in batches).
    fn queue_log(&self, card_id: Option<i64>, entry: VerificationEntry) {
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
    Ok(key.kid().to_hex())
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

/// Reloads the key ring (at start and every minute: a rotation done elsewhere takes effect here).
pub async fn reload_keys(app: &App) -> Result<(), store::StoreError> {
    let ring = load_ring(app.store.as_ref(), &app.settings.keys_dir, app.settings.signing_key_file.as_deref()).await?;
    let mut slot = app.cards.ring.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    *slot = Arc::new(ring);
    Ok(())
}

fn midnight(day: Date) -> OffsetDateTime {
    day.midnight().assume_offset(KZ_OFFSET)
}

/// The absolute URL of status list `id`.
pub fn list_uri(app: &App, id: i64) -> String {
    status_uri(&app.settings.public_url, id)
}

fn status_uri(public_url: &str, id: i64) -> String {
    format!("{}/api/v1/status-lists/{id}", public_url.trim_end_matches('/'))
}

/// The card a grant of `a` issues now, with the signer that makes its credential. Refused when the
/// passport has expired or the answers cannot make a card.
pub fn card_for(app: &App, a: &Application) -> Result<CardIssue, AppError> {
    let answers = crate::applications::answers(a);
    let today = app.clock.today();
    let passport = domain::reference::parse_iso_date(&answers.passport_expires)
        .ok_or_else(|| AppError::field("passport_expires", "required"))?;
    let (from, until) = domain::card::validity(today, passport)
        .ok_or_else(|| AppError::field("passport_expires", "passport_expired"))?;
    let alpha3 = app
        .catalog
        .in_force(Kind::Country, today)
        .and_then(|l| l.item(&answers.citizenship))
        .and_then(|i| i.code.clone())
        .ok_or_else(|| AppError::field("citizenship", "unknown"))?;
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let now = app.clock.now().replace_nanosecond(0).unwrap_or_else(|_| app.clock.now());
    if app.cards.ring().signer_at(now).is_none() {
        tracing::error!("no signing key here covers now: cards cannot be issued");
        return Err(AppError::code(ErrorCode::Unavailable));
    }
    let card = NewCard {
        application_id: a.id,
        holder_id: a.owner_id,
        family_name: answers.surname_latin.trim().to_uppercase(),
        given_names: answers.given_names_latin.trim().to_uppercase(),
        family_name_kk: opt(&answers.surname_kk),
        given_names_kk: opt(&answers.given_names_kk),
        birth_date: answers.birth_date.clone(),
        citizenship: alpha3,
        passport_number: answers.passport_number.trim().to_owned(),
        passport_expires: answers.passport_expires.clone(),
        valid_from: from.to_string(),
        valid_until: until.to_string(),
        issued_at: now.unix_timestamp(),
        expires_at: midnight(until.next_day().unwrap_or(until)).unix_timestamp(),
    };
    Ok(CardIssue { card, signer: signer(app) })
}

/// The signer of new cards: this instance's key ring and its public URL.
fn signer(app: &App) -> Arc<store::CardSigner> {
    let ring = app.cards.ring();
    let base = app.settings.public_url.clone();
    Arc::new(move |serial: i64, c: &NewCard| -> Result<Signed, String> {
        let number =
            CardNumber::from_serial(u32::try_from(serial).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        let (list_id, idx) = store::list_slot(serial);
        let issued_at = OffsetDateTime::from_unix_timestamp(c.issued_at).map_err(|e| e.to_string())?;
        let key = ring.signer_at(issued_at).ok_or("no signing key covers the issue time")?;
        let parse = |d: &str| domain::reference::parse_iso_date(d).ok_or_else(|| format!("bad date {d}"));
        let claims = CardClaims {
            issuer: "KZ".into(),
            card_number: number.clone(),
            family_name: c.family_name.clone(),
            given_names: c.given_names.clone(),
            family_name_cyrillic: c.family_name_kk.clone(),
            given_names_cyrillic: c.given_names_kk.clone(),
            birth_date: parse(&c.birth_date)?,
            citizenship: Citizenship::parse(&c.citizenship).ok_or("bad citizenship")?,
            issued_at,
            not_before: midnight(parse(&c.valid_from)?),
            expires_at: OffsetDateTime::from_unix_timestamp(c.expires_at).map_err(|e| e.to_string())?,
            status: StatusReference {
                idx: u64::try_from(idx).map_err(|e| e.to_string())?,
                uri: status_uri(&base, list_id),
            },
        };
        let qr_text = credential::issue(&claims, key).map_err(|e| e.to_string())?;
        Ok(Signed { number: number.as_str().to_owned(), kid: key.kid().to_hex(), qr_text })
    })
}

fn status_of(state: &str) -> CardStatus {
    match state {
        "revoked" => CardStatus::Revoked,
        "invalidated" => CardStatus::Invalidated,
        "superseded" => CardStatus::Superseded,
        _ => CardStatus::Valid,
    }
}

/// Status list `id`, signed; reused for a minute unless a card changed here. `None` for no such list.
pub async fn status_list(app: &App, id: i64) -> Result<Option<Arc<ServedList>>, AppError> {
    if id < 1 {
        return Ok(None);
    }
    if id > app.cards.last_list.load(Ordering::Relaxed) {
        let last = app.store.last_status_list().await?;
        app.cards.last_list.fetch_max(last, Ordering::Relaxed);
        if id > last {
            return Ok(None);
        }
    }
    let generation = app.cards.generation.load(Ordering::Relaxed);
    let now = app.clock.now().replace_nanosecond(0).unwrap_or_else(|_| app.clock.now());
    let cached = || {
        let lists = app.cards.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        lists
            .get(&id)
            .filter(|l| l.generation == generation && (Duration::ZERO..LIST_REUSE).contains(&l.token.age(now)))
            .cloned()
    };
    if let Some(l) = cached() {
        return Ok(Some(l));
    }
    let _one_at_a_time = app.cards.rebuild.lock().await;
    if let Some(l) = cached() {
        return Ok(Some(l));
    }
    let mut list = StatusList::new(u64::try_from(store::STATUS_LIST_SIZE).unwrap_or(0));
    for (idx, state) in app.store.status_entries(id).await? {
        let idx = u64::try_from(idx).map_err(|e| AppError::internal(&e))?;
        list.set(idx, status_of(&state)).map_err(|e| AppError::internal(&e))?;
    }
    let token = StatusListToken {
        uri: list_uri(app, id),
        issued_at: now,
        expires_at: Some(now + Duration::seconds(app.settings.status_list_validity)),
        ttl: Some(Duration::seconds(app.settings.status_list_ttl)),
        list,
    };
    let ring = app.cards.ring();
    let bytes = ring.signer_at(now).map(|key| token.sign(key));
    if bytes.is_none() {
        tracing::error!(list = id, "no signing key here covers now: the status list cannot be published");
    }
    let served = Arc::new(ServedList { generation, bytes, token });
    app.cards.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(id, served.clone());
    Ok(Some(served))
}

/// What a verifier learns.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    /// The verdict's code (`valid`, `revoked`, `bad-signature`, `not-found`, ...).
    pub result: String,
    /// `valid`, `invalidated`, `revoked`, `expired`, `superseded`, `not-yet-valid` or `not-genuine`.
    pub category: &'static str,
    /// Whether the card may be relied on.
    pub valid: bool,
    /// The card's data a verifier may see (all of the QR's for a QR; initials for a number).
    pub card: Option<ShownCard>,
    /// When the check was made (RFC 3339).
    pub checked_at: String,
}

/// The card data shown to a verifier.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ShownCard {
    /// The card number.
    pub number: String,
    /// Family name (Latin), or its initial for a number lookup.
    pub family_name: String,
    /// Given names (Latin), or their initials.
    pub given_names: String,
    /// Kazakh Cyrillic names, QR only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name_kk: Option<String>,
    /// Kazakh Cyrillic given names, QR only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_names_kk: Option<String>,
    /// Birth date, QR only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Citizenship (alpha-3).
    pub citizenship: String,
    /// Last day of validity.
    pub valid_until: String,
}

/// The verdict's category as a verifier reads it.
pub fn category(code: &str) -> &'static str {
    match code {
        "valid" => "valid",
        "invalidated" => "invalidated",
        // "suspended" is not written by this issuer; if met, the card is withdrawn like a revoked one.
        "revoked" | "suspended" => "revoked",
        "expired" => "expired",
        "superseded" => "superseded",
        "not-yet-valid" => "not-yet-valid",
        _ => "not-genuine",
    }
}

fn outcome(app: &App, result: &str, card: Option<ShownCard>) -> Outcome {
    let category = category(result);
    Outcome {
        result: result.to_owned(),
        category,
        valid: category == "valid",
        card,
        checked_at: app
            .clock
            .now()
            .replace_nanosecond(0)
            .unwrap_or_else(|_| app.clock.now())
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
    }
}

/// The verifier kind, defaulting to `other` for anything not on the list.
pub fn verifier_kind(kind: &str) -> &'static str {
    VERIFIERS.iter().find(|v| **v == kind).copied().unwrap_or("other")
}

/// Verifies a QR text online: signature, key window, validity and the live status list; logs it.
pub async fn verify_qr(app: &App, text: &str, verifier: &str, channel: &str) -> Result<Outcome, AppError> {
    let text = text.trim_matches(|c: char| c == '\n' || c == '\r' || c == '\t');
    let now = app.clock.now();
    let ring = app.cards.ring();
    let first = credential::verify(text, ring.published(), None, now);
    let (code, claims) = match (&first.verdict, first.claims) {
        (Verdict::ValidStatusUnchecked, Some(claims)) => {
            // The signature vouches for the URI: only the list id is read from it, so cards stay
            // checkable if the service's public address changes.
            let list_id =
                claims.status.uri.rsplit_once("/api/v1/status-lists/").and_then(|(_, id)| id.parse::<i64>().ok());
            let served = match list_id {
                Some(id) => status_list(app, id).await?,
                None => None,
            };
            let code = match served.as_ref().map(|l| l.token.list.get(claims.status.idx)) {
                Some(Ok(v)) => match CardStatus::from_value(v) {
                    Some(CardStatus::Valid) => "valid",
                    Some(CardStatus::Revoked) => "revoked",
                    Some(CardStatus::Invalidated) => "invalidated",
                    Some(CardStatus::Superseded) => "superseded",
                    Some(CardStatus::Suspended) => "suspended",
                    None => "unknown-status",
                },
                Some(Err(_)) => "status-index-out-of-range",
                None => "status-list-mismatch",
            };
            (code, Some(claims))
        }
        (verdict, claims) => (verdict.code(), claims),
    };
    let card_id = claims.as_ref().and_then(|c| serial(c.card_number.as_str()));
    app.cards.queue_log(card_id, entry(app, verifier, channel, code));
    let shown = claims.map(|c| ShownCard {
        number: c.card_number.as_str().to_owned(),
        family_name: c.family_name,
        given_names: c.given_names,
        family_name_kk: c.family_name_cyrillic,
        given_names_kk: c.given_names_cyrillic,
        birth_date: Some(c.birth_date.to_string()),
        citizenship: c.citizenship.as_str().to_owned(),
        valid_until: (c.expires_at.to_offset(KZ_OFFSET).date().previous_day().unwrap_or(c.expires_at.date()))
            .to_string(),
    });
    Ok(outcome(app, code, shown))
}

fn serial(number: &str) -> Option<i64> {
    number.get(2..11).and_then(|d| d.parse().ok())
}

fn entry(app: &App, verifier: &str, channel: &str, result: &str) -> VerificationEntry {
    VerificationEntry {
        at: app.clock.now().unix_timestamp(),
        verifier: verifier_kind(verifier).to_owned(),
        channel: channel.to_owned(),
        result: result.to_owned(),
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).map(|c| format!("{c}.")).collect::<Vec<_>>().join(" ")
}

/// Checks a card number: its check character, then the card's state; shows initials only.
pub async fn verify_number(app: &App, number: &str, verifier: &str) -> Result<Outcome, AppError> {
    let typed: String = number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    let Ok(parsed) = CardNumber::parse(&typed) else {
        return Ok(outcome(app, "bad-card-number", None));
    };
    let Some(card) = app.store.card_by_number(parsed.as_str()).await? else {
        return Ok(outcome(app, "not-found", None));
    };
    let published = app.cards.ring().published().keys().iter().any(|k| k.kid().to_hex() == card.kid);
    let code = if !published {
        // Its signing key was withdrawn (compromised): the QR no longer verifies, nor does the number.
        "unknown-key-id"
    } else if card.state == "valid" && app.clock.now().unix_timestamp() >= card.expires_at {
        "expired"
    } else {
        card.state.as_str()
    };
    app.cards.queue_log(Some(card.id), entry(app, verifier, "number", code));
    let shown = ShownCard {
        number: card.number.clone(),
        family_name: initials(&card.family_name),
        given_names: initials(&card.given_names),
        family_name_kk: None,
        given_names_kk: None,
        birth_date: None,
        citizenship: card.citizenship.clone(),
        valid_until: card.valid_until.clone(),
    };
    Ok(outcome(app, code, Some(shown)))
}

/// Counts a public verification from `client` (its address): at most
/// `Settings::verify_per_minute` a minute each, so card numbers cannot be walked.
pub fn limit(app: &App, client: &str) -> Result<(), AppError> {
    let minute = app.clock.now().unix_timestamp() / 60;
    let mut limits = app.cards.limits.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if limits.len() > 100_000 {
        limits.retain(|_, (m, _)| *m == minute);
    }
    let slot = limits.entry(client.to_owned()).or_insert((minute, 0));
    if slot.0 != minute {
        *slot = (minute, 0);
    }
    slot.1 += 1;
    if slot.1 > app.settings.verify_per_minute {
        return Err(AppError::code(ErrorCode::TooManyRequests));
    }
    Ok(())
}

/// Writes the queued verification log entries in one transaction (the housekeeping task calls it
/// every two seconds); on failure they go back to the queue for the next try.
pub async fn flush_log(app: &App) -> Result<usize, store::StoreError> {
    let batch = std::mem::take(&mut *app.cards.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    if batch.is_empty() {
        return Ok(0);
    }
    match app.store.log_verifications(&batch).await {
        Ok(()) => Ok(batch.len()),
        Err(e) => {
            let mut log = app.cards.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let newer = std::mem::replace(&mut *log, batch);
            log.extend(newer);
            Err(e)
        }
    }
}

/// What every instance does whether or not it runs the e-mail jobs: writes the verification log
/// every two seconds and reloads the signing keys every minute (a rotation done elsewhere).
pub fn spawn_housekeeping(app: crate::AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        let mut keys_at = std::time::Instant::now();
        loop {
            tick.tick().await;
            if let Err(e) = flush_log(&app).await {
                tracing::error!(error = %e, "verification log");
            }
            if keys_at.elapsed() >= std::time::Duration::from_mins(1) {
                keys_at = std::time::Instant::now();
                if let Err(e) = reload_keys(&app).await {
                    tracing::error!(error = %e, "signing keys reload");
                }
            }
        }
    })
}

// --- the card's life ---------------------------------------------------------------------------

/// Who acts on a card.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The account (none for another system).
    pub id: Option<i64>,
    /// The role.
    pub role: String,
}

impl From<&User> for Actor {
    fn from(u: &User) -> Self {
        Actor { id: Some(u.id), role: u.role.clone() }
    }
}

impl From<&ApiKey> for Actor {
    fn from(k: &ApiKey) -> Self {
        Actor { id: None, role: k.role.clone() }
    }
}

fn event(app: &App, actor: &Actor, action: &str, note: Option<String>) -> CardEvent {
    CardEvent {
        at: app.clock.now().unix_timestamp(),
        actor_id: actor.id,
        actor_role: actor.role.clone(),
        action: action.to_owned(),
        from_state: String::new(),
        to_state: String::new(),
        note,
    }
}

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

/// A card an office's staff may act on: that of a case of their office.
pub async fn staff_card(app: &App, user: &User, number: &str) -> Result<(Card, Application), AppError> {
    let card = app.store.card_by_number(number).await?.ok_or_else(AppError::not_found)?;
    let a = crate::cases::load(app, user, card.application_id).await?;
    Ok((card, a))
}

/// The holder's cards: those of their account and those of applications filed for them by an
/// intermediary under their verified address (the rule of [`crate::applications::load`]).
pub async fn holder_cards(app: &App, user: &User) -> Result<Vec<Card>, AppError> {
    if user.role != "applicant" {
        return Ok(Vec::new());
    }
    let email = user.verified_at.is_some().then_some(user.email.as_str());
    Ok(app.store.cards_of_holder(user.id, email).await?)
}

/// The holder's own card.
pub async fn holder_card(app: &App, user: &User, number: &str) -> Result<Card, AppError> {
    holder_cards(app, user).await?.into_iter().find(|c| c.number == number).ok_or_else(AppError::not_found)
}

/// What the holder may see of a card's history: its changes of state and their own requests, without
/// who in the office acted or the office's internal notes (a proposed revocation stays internal).
pub fn holder_events(events: Vec<CardEvent>) -> Vec<CardEvent> {
    const SHOWN: [&str; 7] =
        ["issue", "invalidate", "revoke", "expire", "reissue", "report_passport", "return_reissue"];
    events
        .into_iter()
        .filter(|e| SHOWN.contains(&e.action.as_str()))
        .map(|e| CardEvent { actor_id: None, note: None, ..e })
        .collect()
}

fn notice(
    app: &App,
    a: Option<&Application>,
    card: &Card,
    what: &str,
) -> (Vec<store::NewJob>, Option<(String, String)>) {
    let lang = a.and_then(|a| domain::Lang::parse(&a.lang)).unwrap_or_default();
    let link = format!("{}/account/cards/{}", app.settings.public_url.trim_end_matches('/'), card.number);
    let args = [("number", card.number.clone()), ("link", link)];
    let subject = app.i18n.message(lang, &format!("card-notice-{what}-subject"), &args);
    let body = app.i18n.message(lang, &format!("card-notice-{what}-body"), &args);
    let mut jobs = Vec::new();
    if let Some(to) = a.and_then(|a| a.applicant_email.clone()) {
        let m = crate::mail::Email { to, subject: subject.clone(), body: body.clone() };
        let dedup = format!("card:{}:{what}:{}", card.id, app.clock.now().unix_timestamp());
        jobs.push(crate::mail::email_job(
            &m,
            app.clock.now().unix_timestamp(),
            Some(dedup),
            app.settings.mail.max_attempts,
        ));
    }
    (jobs, Some((subject, body)))
}

async fn apply(app: &App, change: CardChange) -> Result<Card, AppError> {
    let card = app.store.change_card(&change).await?.ok_or_else(|| AppError::code(ErrorCode::Conflict))?;
    app.cards.changed();
    Ok(card)
}

/// Invalidates a valid card because its holder acquired Kazakh citizenship; `reference` names the
/// decree or the registry's record. Already invalidated: returned unchanged (the registry may retry).
pub async fn invalidate(app: &App, actor: &Actor, card: &Card, reference: &str) -> Result<Card, AppError> {
    let reference = reference.trim();
    if reference.is_empty() || reference.chars().count() > 200 {
        return Err(AppError::field("reference", "decree_required"));
    }
    if card.state == "invalidated" {
        return Ok(card.clone());
    }
    if card.state != "valid" {
        return Err(AppError::field("state", "wrong_state"));
    }
    let a = app.store.application(card.application_id).await?;
    let (jobs, inbox) = notice(app, a.as_ref(), card, "invalidated");
    apply(
        app,
        CardChange {
            card_id: card.id,
            state: Some(("valid".into(), "invalidated".into())),
            state_note: Some(reference.to_owned()),
            event: event(app, actor, "invalidate", Some(reference.to_owned())),
            request: None,
            issue: None,
            jobs,
            inbox,
        },
    )
    .await
}

/// A supervisor proposes revoking a card on a ground of the reference list, with a written reason;
/// it takes effect when another supervisor countersigns.
pub async fn propose_revocation(
    app: &App,
    user: &User,
    card: &Card,
    ground: &str,
    reason: &str,
) -> Result<i64, AppError> {
    if user.role != SUPERVISOR {
        return Err(AppError::code(ErrorCode::Forbidden));
    }
    let today = app.clock.today();
    let mut problems = Vec::new();
    if app.catalog.in_force(Kind::RevocationGround, today).is_none_or(|l| l.item(ground).is_none()) {
        problems.push(field("revocation_ground", "unknown"));
    }
    if reason.trim().is_empty() || reason.chars().count() > 2000 {
        problems.push(field("reason", "required"));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let payload = serde_json::json!({ "ground": ground, "reason": reason.trim() });
    let note = format!("ground {ground}: {}", reason.trim());
    app.store
        .add_card_request(
            card.id,
            "revocation",
            &payload,
            Some(user.id),
            &event(app, &user.into(), "propose_revocation", Some(note)),
        )
        .await?
        .ok_or_else(|| AppError::field("state", "wrong_state"))
}

/// Whether `user` (who must have `role`) may decide `request`: an open request of `kind` on `card`.
fn deciding(user: &User, role: &str, card: &Card, request: &CardRequest, kind: &str) -> Result<(), AppError> {
    if user.role != role {
        return Err(AppError::code(ErrorCode::Forbidden));
    }
    if request.card_id != card.id || request.kind != kind || request.decided_at.is_some() {
        return Err(AppError::not_found());
    }
    Ok(())
}

/// Another supervisor countersigns a proposed revocation (the card is revoked) or returns it.
pub async fn decide_revocation(
    app: &App,
    user: &User,
    card: &Card,
    request: &CardRequest,
    agree: bool,
) -> Result<Card, AppError> {
    deciding(user, SUPERVISOR, card, request, "revocation")?;
    if request.requested_by == Some(user.id) {
        return Err(AppError::field("countersign", "own_proposal"));
    }
    let ground = request.payload.get("ground").and_then(|g| g.as_str()).unwrap_or_default().to_owned();
    let a = app.store.application(card.application_id).await?;
    let (state, action, outcome, (jobs, inbox)) = if agree {
        (
            Some(("valid".to_owned(), "revoked".to_owned())),
            "revoke",
            "approved",
            notice(app, a.as_ref(), card, "revoked"),
        )
    } else {
        (None, "return_revocation", "returned", (Vec::new(), None))
    };
    apply(
        app,
        CardChange {
            card_id: card.id,
            state,
            state_note: Some(format!("ground {ground}")),
            event: event(app, &user.into(), action, Some(format!("ground {ground}"))),
            request: Some((request.id, outcome.to_owned())),
            issue: None,
            jobs,
            inbox,
        },
    )
    .await
}

/// The new passport a holder reports.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct NewPassport {
    /// Its number.
    #[serde(default)]
    pub passport_number: String,
    /// Issue date (ISO).
    #[serde(default)]
    pub passport_issued: String,
    /// Expiry date (ISO).
    #[serde(default)]
    pub passport_expires: String,
}

/// The holder reports a new passport; an officer checks it before a new card is issued.
pub async fn report_passport(app: &App, user: &User, card: &Card, p: &NewPassport) -> Result<i64, AppError> {
    let today = app.clock.today();
    let mut problems = Vec::new();
    let number = p.passport_number.trim().to_uppercase();
    if number.len() < 5 || number.len() > 20 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        problems.push(field("passport_number", "invalid_passport_number"));
    } else if number == card.passport_number.to_uppercase() {
        problems.push(field("passport_number", "same"));
    }
    let issued = domain::reference::parse_iso_date(p.passport_issued.trim());
    match issued {
        None => problems.push(field("passport_issued", "invalid_date")),
        Some(d) if d > today => problems.push(field("passport_issued", "in_future")),
        Some(_) => {}
    }
    match domain::reference::parse_iso_date(p.passport_expires.trim()) {
        None => problems.push(field("passport_expires", "invalid_date")),
        Some(d) if d <= today => problems.push(field("passport_expires", "passport_expired")),
        Some(_) => {}
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let payload = serde_json::json!({
        "passport_number": number,
        "passport_issued": p.passport_issued.trim(),
        "passport_expires": p.passport_expires.trim(),
    });
    app.store
        .add_card_request(
            card.id,
            "reissue",
            &payload,
            Some(user.id),
            &event(app, &user.into(), "report_passport", Some(number)),
        )
        .await?
        .ok_or_else(|| AppError::field("state", "wrong_state"))
}

/// An officer of the case's office checks a reported passport: on approval a new card is issued on
/// it and the old one is superseded, in one transaction; otherwise the request is returned.
pub async fn decide_reissue(
    app: &App,
    user: &User,
    card: &Card,
    a: &Application,
    request: &CardRequest,
    agree: bool,
) -> Result<Card, AppError> {
    deciding(user, OFFICER, card, request, "reissue")?;
    let requests = app.store.card_requests(card.id).await?;
    if requests.iter().any(|r| r.kind == "revocation" && r.decided_at.is_none()) {
        return Err(AppError::field("state", "revocation_pending"));
    }
    let text = |k: &str| request.payload.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let (state, issue, action, outcome, (jobs, inbox)) = if agree {
        let mut renewed = a.clone();
        let mut answers = crate::applications::answers(a);
        answers.passport_number = text("passport_number");
        answers.passport_issued = text("passport_issued");
        answers.passport_expires = text("passport_expires");
        renewed.answers = serde_json::to_value(&answers).map_err(|e| AppError::internal(&e))?;
        let issue = card_for(app, &renewed)?;
        (
            Some(("valid".to_owned(), "superseded".to_owned())),
            Some(issue),
            "reissue",
            "approved",
            notice(app, Some(a), card, "reissued"),
        )
    } else {
        (None, None, "return_reissue", "returned", notice(app, Some(a), card, "reissue-returned"))
    };
    apply(
        app,
        CardChange {
            card_id: card.id,
            state,
            state_note: Some(format!("new passport {}", text("passport_number"))),
            event: event(app, &user.into(), action, Some(text("passport_number"))),
            request: Some((request.id, outcome.to_owned())),
            issue,
            jobs,
            inbox,
        },
    )
    .await
}

/// Marks cards past their last day as expired (the worker runs it with the deadline sweep).
pub async fn expire(app: &App) -> Result<usize, store::StoreError> {
    let cards = app.store.expire_cards(app.clock.now().unix_timestamp()).await?;
    if !cards.is_empty() {
        app.cards.changed();
    }
    Ok(cards.len())
}

/// The registry reports that the person with this IIN acquired Kazakh citizenship: each valid card
/// of theirs is invalidated. Returns the cards (already invalidated ones too, for a retried call).
pub async fn citizenship_acquired(app: &App, key: &ApiKey, iin: &str, reference: &str) -> Result<Vec<Card>, AppError> {
    if key.role != REGISTRY {
        return Err(AppError::code(ErrorCode::Forbidden));
    }
    let iin = iin.trim();
    if iin.len() != 12 || !iin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::field("iin", "invalid"));
    }
    if reference.trim().is_empty() || reference.chars().count() > 200 {
        return Err(AppError::field("reference", "decree_required"));
    }
    let mut out = Vec::new();
    for card in app.store.cards_by_iin(iin).await? {
        out.push(invalidate(app, &key.into(), &card, reference).await?);
    }
    if out.is_empty() {
        return Err(AppError::not_found());
    }
    Ok(out)
}
