//! The signed status lists, and online verification with its log (a card's credential is issued with
//! its grant: `crate::granting`).

use super::keys::ServedList;
use super::{KZ_OFFSET, LIST_REUSE, VERIFIERS};
use domain::card::CardState;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use credential::{CardNumber, CardStatus, StatusList, StatusListToken, Verdict};
use store::VerificationEntry;
use time::Duration;

use crate::app::App;
use crate::error::AppError;
use crate::granting::list_uri;

/// Reloads the key ring (at start and every minute: a rotation done elsewhere takes effect here).
pub async fn reload_keys(app: &App) -> Result<(), store::StoreError> {
    app.cards.reload(app.store.as_ref(), &app.settings.keys_dir, app.settings.signing_key_file.as_deref()).await
}

/// A card's entry in its status list (expiry is in the credential itself, so an expired card stays
/// "valid" there).
fn status_of(state: &str) -> CardStatus {
    match CardState::parse(state) {
        Some(CardState::Revoked) => CardStatus::Revoked,
        Some(CardState::Invalidated) => CardStatus::Invalidated,
        Some(CardState::Superseded) => CardStatus::Superseded,
        Some(CardState::Valid | CardState::Expired) | None => CardStatus::Valid,
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
        // A number alone: no valid card has it (the card's own state is the holder's to tell).
        "no-valid-card" => "no-valid-card",
        // A typing mistake, not a forgery.
        "bad-card-number" => "mistyped",
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

/// The kind of verifier a check names: required, one of [`VERIFIERS`] (no default: the holder's log
/// of checks shows who checked, so it must not show an "employer" that never was).
pub fn verifier_kind(kind: &str) -> Result<&'static str, AppError> {
    let kind = kind.trim();
    if kind.is_empty() {
        return Err(AppError::field("verifier", "required"));
    }
    VERIFIERS.iter().find(|v| **v == kind).copied().ok_or_else(|| AppError::field("verifier", "unknown"))
}

/// Verifies a QR text online: signature, key window, validity and the live status list; logs it.
pub async fn verify_qr(app: &App, text: &str, verifier: &str, channel: &str) -> Result<Outcome, AppError> {
    let verifier = verifier_kind(verifier)?;
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

fn entry(app: &App, verifier: &'static str, channel: &str, result: &str) -> VerificationEntry {
    VerificationEntry {
        at: app.clock.now().unix_timestamp(),
        verifier: verifier.to_owned(),
        channel: channel.to_owned(),
        result: result.to_owned(),
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).map(|c| format!("{c}.")).collect::<Vec<_>>().join(" ")
}

/// Checks a card number. A number alone answers only whether a valid card has it (numbers can be
/// walked; what a holder's card says must not be): `valid`, or `no-valid-card` for a number with no
/// card, or a card revoked, invalidated or expired. With the holder's birth date as printed on the
/// card, the card's own state and the holder's initials and citizenship. A mistyped number
/// (its check character does not match) is `bad-card-number`. Birth dates tried from `client` (its
/// network) are limited: only the right one is not counted.
pub async fn verify_number(
    app: &App,
    number: &str,
    verifier: &str,
    birth_date: Option<&str>,
    client: &str,
) -> Result<Outcome, AppError> {
    let verifier = verifier_kind(verifier)?;
    let typed: String = number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    let Ok(parsed) = CardNumber::parse(&typed) else {
        return Ok(outcome(app, "bad-card-number", None));
    };
    let birth = birth_date.map(str::trim).filter(|b| !b.is_empty());
    if let Some(b) = birth
        && time::Date::parse(b, time::macros::format_description!("[year]-[month]-[day]")).is_err()
    {
        return Err(AppError::field("birth_date", "invalid_date"));
    }
    let guesses = match birth {
        Some(_) => Some(birth_attempts(app, parsed.as_str(), client).await?),
        None => None,
    };
    let Some(card) = app.store.card_by_number(parsed.as_str()).await? else {
        return Ok(outcome(app, "no-valid-card", None));
    };
    let published = app.cards.ring().published().keys().iter().any(|k| k.kid().to_hex() == card.kid);
    let code = if !published {
        // Its signing key was withdrawn (compromised): the QR no longer verifies, nor does the number.
        "unknown-key-id"
    } else if card.state == CardState::Valid && app.clock.now().unix_timestamp() >= card.expires_at {
        "expired"
    } else {
        card.state.as_str()
    };
    let proven = birth.is_some_and(|b| b == card.birth_date);
    if proven {
        for g in guesses.iter().flatten() {
            g.give_back(app).await?;
        }
    }
    app.cards.queue_log(Some(card.id), entry(app, verifier, "number", code));
    if !proven {
        return Ok(if code == "valid" { outcome(app, "valid", None) } else { outcome(app, "no-valid-card", None) });
    }
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

/// Counts a public verification from `client` (its network): at most `Settings::verify_per_minute` a
/// minute, so card numbers cannot be walked; past it, 429 until the minute ends. Every instance's
/// counts meet in the database within two seconds (`flush_checks`).
pub fn limit(app: &App, client: &str) -> Result<(), AppError> {
    // Counted on this instance and written to the database in batches (decision 0031): the public
    // check is the busiest request, and a write per request would cap it at the database's pace.
    let rule = crate::limits::checks(app);
    let now = app.clock.now().unix_timestamp();
    let window_start = crate::limits::window_start(rule, now);
    let key = crate::limits::stored_key(rule, client);
    let count = app.cards.checks.lock().unwrap_or_else(std::sync::PoisonError::into_inner).count(&key, window_start);
    if count > rule.limit {
        let retry_after = u64::try_from(window_start + rule.window - now).unwrap_or(0).max(1);
        return Err(AppError::too_many(retry_after, None));
    }
    Ok(())
}

/// Writes this instance's public-check counts to the database (every instance's count for each client
/// comes back with it); on failure they stay pending for the next try.
pub async fn flush_checks(app: &App) -> Result<usize, store::StoreError> {
    let (window_start, pending) =
        app.cards.checks.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take_pending();
    let mut failed = None;
    let clients = pending.len();
    for (key, n) in pending {
        let total = match app.store.count_attempts(&key, window_start, n).await {
            Ok(total) => Some(total),
            Err(e) => {
                failed = Some(e);
                None
            }
        };
        app.cards.checks.lock().unwrap_or_else(std::sync::PoisonError::into_inner).written(key, window_start, n, total);
    }
    failed.map_or(Ok(clients), Err)
}

/// Counts a birth date tried with card `number` from `client` (decision 0023): refused past the limit
/// of its network, delayed past the limit of every network together.
async fn birth_attempts(app: &App, number: &str, client: &str) -> Result<[crate::limits::Counted; 2], AppError> {
    use crate::limits::{BIRTH_DATE, BIRTH_DATE_CARD, count, pair, take};
    let here = take(app, BIRTH_DATE, &pair(number, client), None).await?;
    let everywhere = count(app, BIRTH_DATE_CARD, number).await?;
    everywhere.slow_down(app).await;
    Ok([here, everywhere])
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

/// What every instance does whether or not it runs the e-mail jobs: writes the verification log and
/// the public check's counts every two seconds and reloads the signing keys every minute (a rotation done elsewhere).
pub fn spawn_housekeeping(app: crate::AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        let mut keys_at = std::time::Instant::now();
        loop {
            tick.tick().await;
            if let Err(e) = flush_log(&app).await {
                tracing::error!(error = %e, "verification log");
            }
            if let Err(e) = flush_checks(&app).await {
                tracing::error!(error = %e, "public check counts");
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
