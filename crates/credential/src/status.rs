//! Token Status List (draft-ietf-oauth-status-list-13): the list, its card states, and the signed CWT.

use crate::cbor;
use crate::cose::{self, CoseError};
use crate::keys::{KeyId, KeySet, SigningKey};
use crate::zlib;
use ciborium::Value;
use thiserror::Error;
use time::{Duration, OffsetDateTime};

/// The draft this module implements.
pub const DRAFT: &str = "draft-ietf-oauth-status-list-13";
/// CWT claim `sub`: the URI of the list.
pub const CLAIM_SUB: i64 = 2;
/// CWT claim `status_list` of the draft.
pub const CLAIM_STATUS_LIST: i64 = 65533;
/// CWT claim `ttl` (seconds) of the draft.
pub const CLAIM_TTL: i64 = 65534;
/// COSE `typ` of a Status List Token.
pub const TYP: &str = "application/statuslist+cwt";
/// Bits per card in our lists: 4, so the application-specific values 0x03 and 0x0B fit.
pub const BITS: u8 = 4;
/// Largest decompressed list accepted (64 MiB: 134 million cards at 4 bits).
pub const MAX_LIST_BYTES: usize = 64 << 20;

/// A card's state as recorded in the status list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardStatus {
    /// 0x00 VALID.
    Valid,
    /// 0x01 INVALID: revoked with a ground.
    Revoked,
    /// 0x02 SUSPENDED: reserved by the draft; we do not set it but verifiers report it.
    Suspended,
    /// 0x03 (application-specific): invalidated because the holder acquired Kazakh citizenship.
    Invalidated,
    /// 0x0B (application-specific): superseded by a reissued card.
    Superseded,
}

impl CardStatus {
    /// The status value written in the list.
    pub fn value(self) -> u8 {
        match self {
            Self::Valid => 0x00,
            Self::Revoked => 0x01,
            Self::Suspended => 0x02,
            Self::Invalidated => 0x03,
            Self::Superseded => 0x0B,
        }
    }

    /// The state of a status value, if it is one of ours.
    pub fn from_value(value: u8) -> Option<Self> {
        Some(match value {
            0x00 => Self::Valid,
            0x01 => Self::Revoked,
            0x02 => Self::Suspended,
            0x03 => Self::Invalidated,
            0x0B => Self::Superseded,
            _ => return None,
        })
    }
}

/// Errors of building, signing or reading a status list.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StatusListError {
    /// The index is beyond the end of the list.
    #[error("index {idx} is beyond the list's {len} entries")]
    IndexOutOfRange {
        /// The index asked for.
        idx: u64,
        /// How many entries the list has.
        len: u64,
    },
    /// Bits per entry other than 1, 2, 4 or 8.
    #[error("bits must be 1, 2, 4 or 8")]
    BadBits,
    /// The token is not a COSE_Sign1 we can verify.
    #[error("status list token: {0}")]
    Cose(CoseError),
    /// The protected header's `typ` is not `application/statuslist+cwt`.
    #[error("not a status list token (typ)")]
    WrongType,
    /// No key in the key set has the token's key id.
    #[error("unknown key id {0}")]
    UnknownKeyId(KeyId),
    /// The key's signing window does not cover the token's `iat`.
    #[error("key {0} was not in use when the list was issued")]
    KeyNotUsable(KeyId),
    /// The signature does not verify.
    #[error("bad signature")]
    BadSignature,
    /// A claim is missing or malformed; names it.
    #[error("claim {0} is missing or malformed")]
    Malformed(&'static str),
}

/// A status list: `bits` bits per card, index 0 in the least significant bits of byte 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bits: u8,
    bytes: Vec<u8>,
}

impl StatusList {
    /// A list of at least `capacity` cards, all VALID, at 4 bits per card.
    pub fn new(capacity: u64) -> Self {
        let bytes = usize::try_from(capacity.div_ceil(2)).unwrap_or(MAX_LIST_BYTES).min(MAX_LIST_BYTES);
        Self { bits: BITS, bytes: vec![0; bytes] }
    }

    /// A list from its bits per entry and uncompressed bytes.
    pub fn from_parts(bits: u8, bytes: Vec<u8>) -> Result<Self, StatusListError> {
        if ![1, 2, 4, 8].contains(&bits) {
            return Err(StatusListError::BadBits);
        }
        Ok(Self { bits, bytes })
    }

    /// Bits per entry.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Number of entries.
    pub fn len(&self) -> u64 {
        (self.bytes.len() as u64) * 8 / u64::from(self.bits)
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn locate(&self, idx: u64) -> Result<(usize, u32), StatusListError> {
        let per_byte = u64::from(8 / self.bits);
        let out_of_range = || StatusListError::IndexOutOfRange { idx, len: self.len() };
        let byte = usize::try_from(idx / per_byte).map_err(|_| out_of_range())?;
        if byte >= self.bytes.len() {
            return Err(out_of_range());
        }
        let shift = u32::try_from(idx % per_byte).map_err(|_| out_of_range())? * u32::from(self.bits);
        Ok((byte, shift))
    }

    fn mask(&self) -> u8 {
        u8::MAX >> (8 - self.bits)
    }

    /// The raw status value at `idx`.
    pub fn get(&self, idx: u64) -> Result<u8, StatusListError> {
        let (byte, shift) = self.locate(idx)?;
        let b = self.bytes.get(byte).copied().unwrap_or(0);
        Ok((b >> shift) & self.mask())
    }

    /// Sets the state of the card at `idx`.
    pub fn set(&mut self, idx: u64, status: CardStatus) -> Result<(), StatusListError> {
        let value = status.value();
        if value > self.mask() {
            return Err(StatusListError::BadBits);
        }
        let (byte, shift) = self.locate(idx)?;
        let mask = self.mask() << shift;
        if let Some(b) = self.bytes.get_mut(byte) {
            *b = (*b & !mask) | (value << shift);
        }
        Ok(())
    }
}

/// A Status List Token: the list with its URI, issue time, optional expiry and time-to-live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListToken {
    /// The list's URI (`sub`), which cards name in their status reference.
    pub uri: String,
    /// When the list was issued (`iat`), whole seconds.
    pub issued_at: OffsetDateTime,
    /// When the list expires (`exp`), if set.
    pub expires_at: Option<OffsetDateTime>,
    /// How long a verifier may cache it (`ttl`), whole seconds.
    pub ttl: Option<Duration>,
    /// The statuses.
    pub list: StatusList,
}

/// How fresh a cached status list is at some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Within its time-to-live and before its expiry.
    Fresh,
    /// Older than its time-to-live.
    Stale {
        /// Its time-to-live.
        ttl: Duration,
    },
    /// Past its `exp`.
    Expired,
}

impl StatusListToken {
    /// How old the list is at `now` (negative if issued in the verifier's future).
    pub fn age(&self, now: OffsetDateTime) -> Duration {
        now - self.issued_at
    }

    /// Whether the list may still be relied on at `now`.
    pub fn freshness(&self, now: OffsetDateTime) -> Freshness {
        if self.expires_at.is_some_and(|exp| now >= exp) {
            return Freshness::Expired;
        }
        match self.ttl {
            Some(ttl) if self.age(now) > ttl => Freshness::Stale { ttl },
            _ => Freshness::Fresh,
        }
    }

    /// Signs the token as a COSE_Sign1 CWT with `typ` `application/statuslist+cwt`.
    pub fn sign(&self, key: &SigningKey) -> Vec<u8> {
        cose::sign(&self.to_claims(), key, Some(TYP))
    }

    /// The token's CWT claims as CBOR: what [`StatusListToken::sign`] signs.
    pub(crate) fn to_claims(&self) -> Vec<u8> {
        let mut claims = vec![
            cbor::ik(CLAIM_SUB, Value::Text(self.uri.clone())),
            cbor::ik(6, Value::Integer(self.issued_at.unix_timestamp().into())),
        ];
        if let Some(exp) = self.expires_at {
            claims.push(cbor::ik(4, Value::Integer(exp.unix_timestamp().into())));
        }
        if let Some(ttl) = self.ttl {
            claims.push(cbor::ik(CLAIM_TTL, Value::Integer(ttl.whole_seconds().max(0).into())));
        }
        let list = Value::Map(vec![
            cbor::tk("bits", Value::Integer(self.list.bits.into())),
            cbor::tk("lst", Value::Bytes(zlib::deflate(&self.list.bytes))),
        ]);
        claims.push(cbor::ik(CLAIM_STATUS_LIST, list));
        cbor::encode(&Value::Map(claims))
    }

    /// Checks a signed Status List Token against the key set and reads it; freshness is left to the caller.
    pub fn verify(bytes: &[u8], keys: &KeySet) -> Result<Self, StatusListError> {
        let sign1 = cose::parse(bytes).map_err(StatusListError::Cose)?;
        if sign1.typ.as_deref() != Some(TYP) {
            return Err(StatusListError::WrongType);
        }
        let key = keys.get(sign1.kid).ok_or(StatusListError::UnknownKeyId(sign1.kid))?;
        if !sign1.verify(key.verifying_key()) {
            return Err(StatusListError::BadSignature);
        }
        let token = Self::from_claims(&sign1.payload)?;
        if !key.may_sign_at(token.issued_at) {
            return Err(StatusListError::KeyNotUsable(sign1.kid));
        }
        Ok(token)
    }

    pub(crate) fn from_claims(payload: &[u8]) -> Result<Self, StatusListError> {
        let m = |name| move || StatusListError::Malformed(name);
        let value = cbor::parse(payload).ok_or_else(m("claims"))?;
        let claims = cbor::map(&value).ok_or_else(m("claims"))?;
        let time = |key| {
            cbor::get_int(claims, key)
                .map(|v| cbor::i64_of(v).and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()))
        };
        let uri = cbor::get_int(claims, CLAIM_SUB).and_then(cbor::text).ok_or_else(m("sub"))?.to_owned();
        let issued_at = time(6).flatten().ok_or_else(m("iat"))?;
        let expires_at = match time(4) {
            None => None,
            Some(t) => Some(t.ok_or_else(m("exp"))?),
        };
        let ttl = match cbor::get_int(claims, CLAIM_TTL) {
            None => None,
            Some(v) => Some(cbor::i64_of(v).filter(|s| *s >= 0).map(Duration::seconds).ok_or_else(m("ttl"))?),
        };
        let list = cbor::get_int(claims, CLAIM_STATUS_LIST).and_then(cbor::map).ok_or_else(m("status_list"))?;
        let bits = cbor::get_text(list, "bits")
            .and_then(cbor::uint)
            .and_then(|b| u8::try_from(b).ok())
            .ok_or_else(m("status_list.bits"))?;
        let compressed = cbor::get_text(list, "lst").and_then(cbor::bytes).ok_or_else(m("status_list.lst"))?;
        let bytes =
            zlib::inflate(compressed, MAX_LIST_BYTES).map_err(|_| StatusListError::Malformed("status_list.lst"))?;
        let list = StatusList::from_parts(bits, bytes)?;
        Ok(Self { uri, issued_at, expires_at, ttl, list })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::TrustedKey;
    use time::macros::datetime;

    #[test]
    fn draft_example_bit_order() {
        // The draft's 1-bit example: statuses [1,0,0,1,1,1,0,1, 1,1,0,0,0,1,0,1] are bytes 0xB9 0xA3.
        let list = StatusList::from_parts(1, vec![0xB9, 0xA3]).unwrap();
        let statuses: Vec<u8> = (0..16).map(|i| list.get(i).unwrap()).collect();
        assert_eq!(statuses, [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
        assert_eq!(list.get(16), Err(StatusListError::IndexOutOfRange { idx: 16, len: 16 }));
    }

    #[test]
    fn set_get_four_bits() {
        let mut list = StatusList::new(5);
        assert_eq!(list.len(), 6);
        list.set(0, CardStatus::Revoked).unwrap();
        list.set(1, CardStatus::Superseded).unwrap();
        list.set(4, CardStatus::Invalidated).unwrap();
        list.set(1, CardStatus::Superseded).unwrap();
        assert_eq!(list.bytes, vec![0xB1, 0x00, 0x03]);
        for (idx, expected) in [(0, 0x01), (1, 0x0B), (2, 0), (3, 0), (4, 0x03), (5, 0)] {
            assert_eq!(list.get(idx).unwrap(), expected, "index {idx}");
        }
        assert!(matches!(list.set(6, CardStatus::Revoked), Err(StatusListError::IndexOutOfRange { .. })));
        let mut two_bits = StatusList::from_parts(2, vec![0]).unwrap();
        assert_eq!(two_bits.set(0, CardStatus::Superseded), Err(StatusListError::BadBits));
        assert_eq!(StatusList::from_parts(3, vec![0]), Err(StatusListError::BadBits));
    }

    fn token() -> StatusListToken {
        let mut list = StatusList::new(1000);
        list.set(7, CardStatus::Revoked).unwrap();
        StatusListToken {
            uri: "https://atajoly.example/api/v1/status-lists/1".to_owned(),
            issued_at: datetime!(2026-03-01 0:00 UTC),
            expires_at: Some(datetime!(2026-04-01 0:00 UTC)),
            ttl: Some(Duration::hours(24)),
            list,
        }
    }

    #[test]
    fn signs_and_verifies() {
        let key = SigningKey::from_seed(&[3u8; 32]);
        let mut keys = KeySet::new();
        keys.insert(TrustedKey::of(&key, None, None)).unwrap();
        let signed = token().sign(&key);
        assert_eq!(StatusListToken::verify(&signed, &keys).unwrap(), token());

        let mut tampered = signed.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert_eq!(StatusListToken::verify(&tampered, &keys), Err(StatusListError::BadSignature));
        assert_eq!(StatusListToken::verify(&signed, &KeySet::new()), Err(StatusListError::UnknownKeyId(key.kid())));

        let mut retired = KeySet::new();
        retired.insert(TrustedKey::of(&key, None, Some(datetime!(2026-02-01 0:00 UTC)))).unwrap();
        assert_eq!(StatusListToken::verify(&signed, &retired), Err(StatusListError::KeyNotUsable(key.kid())));

        let card_like = cose::sign(b"\xa0", &key, None);
        assert_eq!(StatusListToken::verify(&card_like, &keys), Err(StatusListError::WrongType));
    }

    #[test]
    fn freshness_and_age() {
        let t = token();
        assert_eq!(t.age(datetime!(2026-03-01 6:00 UTC)), Duration::hours(6));
        assert_eq!(t.freshness(datetime!(2026-03-01 6:00 UTC)), Freshness::Fresh);
        assert_eq!(t.freshness(datetime!(2026-03-02 0:00 UTC)), Freshness::Fresh);
        assert_eq!(t.freshness(datetime!(2026-03-02 0:00:01 UTC)), Freshness::Stale { ttl: Duration::hours(24) });
        assert_eq!(t.freshness(datetime!(2026-04-01 0:00 UTC)), Freshness::Expired);
    }
}
