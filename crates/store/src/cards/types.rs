//! The records of cards as the store reads and writes them.

use serde::Serialize;

/// Cards per status list: a card's serial `s` has slot `(s - 1) % SIZE` of list `(s - 1) / SIZE + 1`.
/// 131,072 four-bit entries are 64 KiB before compression, a few hundred bytes after while most are 0.
pub const STATUS_LIST_SIZE: i64 = 131_072;

/// The status list and index of the card with serial `serial` (from 1).
pub fn list_slot(serial: i64) -> (i64, i64) {
    ((serial - 1) / STATUS_LIST_SIZE + 1, (serial - 1) % STATUS_LIST_SIZE)
}

/// A card as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The serial (the number's digits).
    pub id: i64,
    /// The card number with its check character.
    pub number: String,
    /// The application that was granted.
    pub application_id: i64,
    /// The holder's account, when the application has one.
    pub holder_id: Option<i64>,
    /// Where the card stands.
    pub state: domain::card::CardState,
    /// The status list.
    pub list_id: i64,
    /// The index in the status list.
    pub list_idx: i64,
    /// Family name, Latin as in the passport.
    pub family_name: String,
    /// Given names, Latin.
    pub given_names: String,
    /// Family name in Kazakh Cyrillic.
    pub family_name_kk: Option<String>,
    /// Given names in Kazakh Cyrillic.
    pub given_names_kk: Option<String>,
    /// Birth date (ISO).
    pub birth_date: String,
    /// Citizenship, ISO 3166-1 alpha-3.
    pub citizenship: String,
    /// The passport the card was issued on.
    pub passport_number: String,
    /// The IIN of its application (none on cards issued before IINs were copied).
    pub iin: Option<String>,
    /// That passport's expiry (ISO).
    pub passport_expires: String,
    /// First day of validity (ISO).
    pub valid_from: String,
    /// Last day of validity (ISO).
    pub valid_until: String,
    /// When it was signed (seconds).
    pub issued_at: i64,
    /// The credential's `exp` (seconds): the instant after the last day.
    pub expires_at: i64,
    /// The signing key's id (hex).
    pub kid: String,
    /// The QR text.
    pub qr_text: String,
    /// The card this one replaced (reissue).
    pub replaces: Option<i64>,
    /// When the state last changed.
    pub state_at: i64,
    /// Why (a ground, a decree, the new card's number).
    pub state_note: Option<String>,
}

/// What a new card says; its serial comes from the unit of work, its number and signature from the
/// signer (the service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCard {
    /// The application.
    pub application_id: i64,
    /// The holder's account.
    pub holder_id: Option<i64>,
    /// Family name, Latin.
    pub family_name: String,
    /// Given names, Latin.
    pub given_names: String,
    /// Family name, Kazakh Cyrillic.
    pub family_name_kk: Option<String>,
    /// Given names, Kazakh Cyrillic.
    pub given_names_kk: Option<String>,
    /// Birth date (ISO).
    pub birth_date: String,
    /// Citizenship, alpha-3.
    pub citizenship: String,
    /// Passport number.
    pub passport_number: String,
    /// The IIN recorded on the application.
    pub iin: Option<String>,
    /// Passport expiry (ISO).
    pub passport_expires: String,
    /// First day (ISO).
    pub valid_from: String,
    /// Last day (ISO).
    pub valid_until: String,
    /// Signing instant.
    pub issued_at: i64,
    /// `exp`.
    pub expires_at: i64,
}

/// The signed credential of a new card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The card number.
    pub number: String,
    /// The key id (hex).
    pub kid: String,
    /// The QR text.
    pub qr_text: String,
}

/// An entry of a card's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardEvent {
    /// When.
    pub at: i64,
    /// Who (none for the system or another system).
    pub actor_id: Option<i64>,
    /// Their role (`system`, `registry`, ...).
    pub actor_role: String,
    /// What.
    pub action: String,
    /// State before.
    pub from_state: String,
    /// State after.
    pub to_state: String,
    /// Why.
    pub note: Option<String>,
}

/// A request on a card that someone else decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardRequest {
    /// The id.
    pub id: i64,
    /// The card.
    pub card_id: i64,
    /// `revocation` or `reissue`.
    pub kind: String,
    /// What was asked (JSON object).
    pub payload: serde_json::Value,
    /// Who asked.
    pub requested_by: Option<i64>,
    /// When.
    pub requested_at: i64,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// When.
    pub decided_at: Option<i64>,
    /// `approved` or `returned`.
    pub outcome: Option<String>,
}

/// An entry of the verification log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerificationEntry {
    /// When.
    pub at: i64,
    /// What kind of verifier said they were (`employer`, `border`, ...).
    pub verifier: String,
    /// `number`, `qr` or `api`.
    pub channel: String,
    /// The verdict's code.
    pub result: String,
}

/// A signing key's public half and its window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyRecord {
    /// The key id (16 hex digits).
    pub kid: String,
    /// The raw public key (64 hex digits).
    pub public_key: String,
    /// Signing allowed from (seconds).
    pub sign_from: Option<i64>,
    /// Signing allowed until (seconds).
    pub sign_until: Option<i64>,
    /// When it was added.
    pub created_at: i64,
    /// When it was withdrawn (compromised): no longer published.
    pub withdrawn_at: Option<i64>,
}

/// Another system's API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKey {
    /// The id.
    pub id: i64,
    /// Whose (`Citizenship registry`).
    pub name: String,
    /// What it may do (`registry`).
    pub role: String,
}

/// An API key as the operator lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKeyInfo {
    /// The key.
    pub key: ApiKey,
    /// When it was made.
    pub created_at: i64,
    /// When it stops working.
    pub expires_at: i64,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
}
