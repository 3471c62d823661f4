//! Issuing a card as QR text and verifying QR text offline: the verdicts.

use crate::base45;
use crate::card_number::CardNumberError;
use crate::cbor;
use crate::claims::{CardClaims, ClaimsError};
use crate::cose::{self, CoseError};
use crate::keys::{KeyId, KeySet, SigningKey};
use crate::status::{CardStatus, Freshness, StatusListError, StatusListToken};
use crate::zlib::{self, InflateError};
use std::fmt;
use time::{Duration, OffsetDateTime};

/// The text prefix: format `AZ`, version 1.
pub const PREFIX: &str = "AZ1:";
/// Longest QR text accepted: the alphanumeric capacity of a version-40 QR code at level Q.
pub const MAX_TEXT_LEN: usize = 2420;
/// Largest decompressed COSE_Sign1 accepted.
pub const MAX_SIGNED_LEN: usize = 4096;

/// The outcome of verifying a QR text: each failure is specific, nothing panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Authentic, in its validity period, and VALID in a fresh status list.
    Valid,
    /// Authentic and in its validity period, but no status list was given to check.
    ValidStatusUnchecked,
    /// Invalidated: the holder acquired Kazakh citizenship (status 0x03).
    Invalidated,
    /// Revoked (status 0x01 INVALID).
    Revoked,
    /// Suspended (status 0x02); not used by the issuer today.
    Suspended,
    /// Superseded by a reissued card (status 0x0B).
    Superseded,
    /// Authentic but past its expiry.
    Expired {
        /// The card's `exp`.
        expired_at: OffsetDateTime,
    },
    /// Authentic but not valid yet.
    NotYetValid {
        /// The card's `nbf`.
        not_before: OffsetDateTime,
    },
    /// The text is longer than any card QR code can hold.
    TooLong,
    /// The text does not start with `AZ1:`.
    WrongPrefix,
    /// The text after the prefix is not Base45.
    NotBase45(base45::Base45Error),
    /// The compressed data ends early: the text was cut short.
    Truncated,
    /// The decoded bytes are not one zlib stream (corrupt, wrong checksum, trailing bytes, too large).
    NotZlib(InflateError),
    /// The decompressed bytes are not a COSE_Sign1 with EdDSA and a key id.
    NotCose(CoseError),
    /// No key in the key set has this key id.
    UnknownKeyId(KeyId),
    /// The signature does not verify against the key.
    BadSignature,
    /// Signed correctly, but the claims are missing or malformed.
    MalformedClaims(ClaimsError),
    /// Signed correctly, but the card number's check character is wrong.
    BadCardNumber(CardNumberError),
    /// The key's signing window does not cover the card's issue time.
    KeyNotUsable {
        /// The key.
        kid: KeyId,
        /// The card's `iat`.
        issued_at: OffsetDateTime,
    },
    /// The status list given is not the one the card names.
    StatusListMismatch {
        /// The URI the card names.
        expected: String,
        /// The URI of the list given.
        given: String,
    },
    /// The status list is older than its time-to-live.
    StatusListStale {
        /// Its age.
        age: Duration,
        /// Its time-to-live.
        ttl: Duration,
    },
    /// The status list is past its `exp`.
    StatusListExpired {
        /// Its age.
        age: Duration,
    },
    /// The card's index is beyond the end of the status list.
    StatusIndexOutOfRange {
        /// The card's index.
        idx: u64,
        /// The list's length.
        len: u64,
    },
    /// The status list holds a value this format does not define.
    UnknownStatus(u8),
}

impl Verdict {
    /// Whether the card may be accepted (with or without a status check).
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Valid | Self::ValidStatusUnchecked)
    }

    /// A stable code for logs, APIs and translations.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::ValidStatusUnchecked => "valid-status-unchecked",
            Self::Invalidated => "invalidated",
            Self::Revoked => "revoked",
            Self::Suspended => "suspended",
            Self::Superseded => "superseded",
            Self::Expired { .. } => "expired",
            Self::NotYetValid { .. } => "not-yet-valid",
            Self::TooLong => "too-long",
            Self::WrongPrefix => "wrong-prefix",
            Self::NotBase45(_) => "not-base45",
            Self::Truncated => "truncated",
            Self::NotZlib(_) => "not-zlib",
            Self::NotCose(_) => "not-cose",
            Self::UnknownKeyId(_) => "unknown-key-id",
            Self::BadSignature => "bad-signature",
            Self::MalformedClaims(_) => "malformed-claims",
            Self::BadCardNumber(_) => "bad-card-number",
            Self::KeyNotUsable { .. } => "key-not-usable",
            Self::StatusListMismatch { .. } => "status-list-mismatch",
            Self::StatusListStale { .. } => "status-list-stale",
            Self::StatusListExpired { .. } => "status-list-expired",
            Self::StatusIndexOutOfRange { .. } => "status-index-out-of-range",
            Self::UnknownStatus(_) => "unknown-status",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotBase45(e) => write!(f, "not-base45: {e}"),
            Self::NotZlib(e) => write!(f, "not-zlib: {e}"),
            Self::NotCose(e) => write!(f, "not-cose: {e}"),
            Self::UnknownKeyId(kid) => write!(f, "unknown-key-id: {kid}"),
            Self::MalformedClaims(e) => write!(f, "malformed-claims: {e}"),
            Self::BadCardNumber(e) => write!(f, "bad-card-number: {e}"),
            Self::KeyNotUsable { kid, .. } => write!(f, "key-not-usable: {kid}"),
            Self::StatusListStale { age, ttl } => {
                write!(f, "status-list-stale: {}s old, ttl {}s", age.whole_seconds(), ttl.whole_seconds())
            }
            other => f.write_str(other.code()),
        }
    }
}

/// A verdict with what was learnt on the way: claims only once the signature holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The verdict.
    pub verdict: Verdict,
    /// The key id from the protected header, once the COSE structure parsed.
    pub kid: Option<KeyId>,
    /// The card's claims, only when the signature verified.
    pub claims: Option<CardClaims>,
    /// The age of the status list consulted, when one was given.
    pub status_list_age: Option<Duration>,
}

/// Why claims cannot be issued.
pub type IssueError = ClaimsError;

/// The signed COSE_Sign1 bytes (before zlib and Base45) of a card.
pub fn sign_claims(claims: &CardClaims, key: &SigningKey) -> Result<Vec<u8>, IssueError> {
    claims.check()?;
    Ok(cose::sign(&cbor::encode(&claims.to_cbor()), key, None))
}

/// Wraps signed COSE_Sign1 bytes as QR text: zlib, Base45, prefix.
pub fn to_qr_text(signed: &[u8]) -> String {
    let mut text = String::from(PREFIX);
    text.push_str(&base45::encode(&zlib::deflate(signed)));
    text
}

/// Issues a card: the QR text of its signed claims.
pub fn issue(claims: &CardClaims, key: &SigningKey) -> Result<String, IssueError> {
    Ok(to_qr_text(&sign_claims(claims, key)?))
}

/// Verifies QR text offline against a cached key set and, if given, a cached status list, at `now`.
pub fn verify(text: &str, keys: &KeySet, status_list: Option<&StatusListToken>, now: OffsetDateTime) -> Verification {
    let mut out = Verification {
        verdict: Verdict::BadSignature,
        kid: None,
        claims: None,
        status_list_age: status_list.map(|l| l.age(now)),
    };
    out.verdict = check(text, keys, status_list, now, &mut out);
    out
}

fn check(
    text: &str,
    keys: &KeySet,
    status_list: Option<&StatusListToken>,
    now: OffsetDateTime,
    out: &mut Verification,
) -> Verdict {
    if text.len() > MAX_TEXT_LEN {
        return Verdict::TooLong;
    }
    let Some(body) = text.strip_prefix(PREFIX) else { return Verdict::WrongPrefix };
    let compressed = match base45::decode(body) {
        Ok(b) => b,
        Err(e) => return Verdict::NotBase45(e),
    };
    let signed = match zlib::inflate(&compressed, MAX_SIGNED_LEN) {
        Ok(s) => s,
        Err(InflateError::Truncated) => return Verdict::Truncated,
        Err(e) => return Verdict::NotZlib(e),
    };
    let sign1 = match cose::parse(&signed) {
        Ok(s) => s,
        Err(e) => return Verdict::NotCose(e),
    };
    out.kid = Some(sign1.kid);
    let Some(key) = keys.get(sign1.kid) else { return Verdict::UnknownKeyId(sign1.kid) };
    if !sign1.verify(key.verifying_key()) {
        return Verdict::BadSignature;
    }
    let claims = match cbor::parse(&sign1.payload).ok_or(ClaimsError::Malformed("claims map")) {
        Ok(value) => match CardClaims::from_cbor(&value) {
            Ok(c) => c,
            Err(ClaimsError::CardNumber(e)) => return Verdict::BadCardNumber(e),
            Err(e) => return Verdict::MalformedClaims(e),
        },
        Err(e) => return Verdict::MalformedClaims(e),
    };
    let verdict = judge(&claims, key.may_sign_at(claims.issued_at), sign1.kid, status_list, now);
    out.claims = Some(claims);
    verdict
}

fn judge(
    claims: &CardClaims,
    key_usable: bool,
    kid: KeyId,
    status_list: Option<&StatusListToken>,
    now: OffsetDateTime,
) -> Verdict {
    if !key_usable {
        return Verdict::KeyNotUsable { kid, issued_at: claims.issued_at };
    }
    if now < claims.not_before {
        return Verdict::NotYetValid { not_before: claims.not_before };
    }
    if now >= claims.expires_at {
        return Verdict::Expired { expired_at: claims.expires_at };
    }
    let Some(list) = status_list else { return Verdict::ValidStatusUnchecked };
    if list.uri != claims.status.uri {
        return Verdict::StatusListMismatch { expected: claims.status.uri.clone(), given: list.uri.clone() };
    }
    match list.freshness(now) {
        Freshness::Fresh => {}
        Freshness::Stale { ttl } => return Verdict::StatusListStale { age: list.age(now), ttl },
        Freshness::Expired => return Verdict::StatusListExpired { age: list.age(now) },
    }
    match list.list.get(claims.status.idx) {
        Err(StatusListError::IndexOutOfRange { idx, len }) => Verdict::StatusIndexOutOfRange { idx, len },
        Err(_) => Verdict::UnknownStatus(0xFF),
        Ok(value) => match CardStatus::from_value(value) {
            Some(CardStatus::Valid) => Verdict::Valid,
            Some(CardStatus::Revoked) => Verdict::Revoked,
            Some(CardStatus::Suspended) => Verdict::Suspended,
            Some(CardStatus::Invalidated) => Verdict::Invalidated,
            Some(CardStatus::Superseded) => Verdict::Superseded,
            None => Verdict::UnknownStatus(value),
        },
    }
}
