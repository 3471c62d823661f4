//! Signing keys, key ids and the published key set (COSE_KeySet and JWK Set).

use crate::cbor;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ciborium::Value;
use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};
use std::fmt;
use thiserror::Error;
use time::OffsetDateTime;

/// COSE algorithm EdDSA.
pub const ALG_EDDSA: i64 = -8;

/// COSE_Key and JWK member: first instant (seconds since the epoch) at which the key may sign; private to this format.
pub const SIGN_FROM: &str = "atajoly_sign_from";
/// COSE_Key and JWK member: last instant (seconds since the epoch) at which the key may sign; private to this format.
pub const SIGN_UNTIL: &str = "atajoly_sign_until";

/// A key id: the first 8 bytes of SHA-256 over the 32-byte raw Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId([u8; 8]);

impl KeyId {
    /// The key id of a raw Ed25519 public key.
    pub fn of_public_key(public: &[u8; 32]) -> Self {
        let digest = Sha256::digest(public);
        let mut id = [0u8; 8];
        for (dst, src) in id.iter_mut().zip(digest.iter()) {
            *dst = *src;
        }
        Self(id)
    }

    /// A key id from its 8 bytes (as found in a COSE header).
    pub fn from_bytes(bytes: [u8; 8]) -> Self {
        Self(bytes)
    }

    /// The 8 bytes of the key id.
    pub fn as_bytes(&self) -> &[u8; 8] {
        &self.0
    }

    /// The key id as 16 lowercase hex digits (the JWK `kid`).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.to_hex())
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Errors of key generation, key sets and their import.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    /// The operating system gave no random bytes.
    #[error("no randomness available: {0}")]
    Randomness(String),
    /// Two keys with the same key id.
    #[error("key id {0} is already in the key set")]
    DuplicateKeyId(KeyId),
    /// A public key that is not a valid Ed25519 point.
    #[error("not a valid Ed25519 public key")]
    BadPublicKey,
    /// A key set document that is not what this format publishes.
    #[error("malformed key set: {0}")]
    Malformed(&'static str),
    /// A published kid that is not the kid rule applied to its key.
    #[error("key id {0} does not match its public key")]
    KeyIdMismatch(String),
}

/// An Ed25519 signing key with its key id; the secret is zeroized on drop.
pub struct SigningKey {
    key: ed25519_dalek::SigningKey,
    kid: KeyId,
}

impl SigningKey {
    /// A signing key from a 32-byte secret seed.
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        let key = ed25519_dalek::SigningKey::from_bytes(seed);
        let kid = KeyId::of_public_key(key.verifying_key().as_bytes());
        Self { key, kid }
    }

    /// A new signing key from the operating system's random source.
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Randomness(e.to_string()))?;
        let key = Self::from_seed(&seed);
        seed.fill(0);
        Ok(key)
    }

    /// The 32-byte secret seed, for storing the key; handle as a secret.
    pub fn to_seed(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The key id.
    pub fn kid(&self) -> KeyId {
        self.kid
    }

    /// The raw 32-byte public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    pub(crate) fn inner(&self) -> &ed25519_dalek::SigningKey {
        &self.key
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({})", self.kid)
    }
}

/// A public key trusted for verification, with the window in which it may sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    kid: KeyId,
    key: VerifyingKey,
    /// Earliest issue time of anything this key signs (None: no lower bound).
    pub sign_from: Option<OffsetDateTime>,
    /// Latest issue time of anything this key signs (None: still in use).
    pub sign_until: Option<OffsetDateTime>,
}

impl TrustedKey {
    /// A trusted key from raw public key bytes, with no signing window yet.
    pub fn from_public_key(public: &[u8; 32]) -> Result<Self, KeyError> {
        let key = VerifyingKey::from_bytes(public).map_err(|_| KeyError::BadPublicKey)?;
        if key.is_weak() {
            return Err(KeyError::BadPublicKey);
        }
        Ok(Self { kid: KeyId::of_public_key(public), key, sign_from: None, sign_until: None })
    }

    /// The trusted public half of a signing key, with the given signing window.
    pub fn of(signing: &SigningKey, sign_from: Option<OffsetDateTime>, sign_until: Option<OffsetDateTime>) -> Self {
        Self { kid: signing.kid, key: signing.key.verifying_key(), sign_from, sign_until }
    }

    /// The key id.
    pub fn kid(&self) -> KeyId {
        self.kid
    }

    /// Whether the key was allowed to sign something issued at `issued_at`.
    pub fn may_sign_at(&self, issued_at: OffsetDateTime) -> bool {
        self.sign_from.is_none_or(|from| issued_at >= from) && self.sign_until.is_none_or(|until| issued_at <= until)
    }

    pub(crate) fn verifying_key(&self) -> &VerifyingKey {
        &self.key
    }
}

/// The public keys a verifier trusts; old keys stay in the set so cards they signed stay valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySet {
    keys: Vec<TrustedKey>,
}

fn secs(value: Option<&Value>) -> Result<Option<OffsetDateTime>, KeyError> {
    match value {
        None => Ok(None),
        Some(v) => cbor::i64_of(v)
            .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
            .map(Some)
            .ok_or(KeyError::Malformed("signing window")),
    }
}

fn json_secs(value: Option<&serde_json::Value>) -> Result<Option<OffsetDateTime>, KeyError> {
    match value {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
            .map(Some)
            .ok_or(KeyError::Malformed("signing window")),
    }
}

impl KeySet {
    /// An empty key set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a key; refuses a second key with the same key id.
    pub fn insert(&mut self, key: TrustedKey) -> Result<(), KeyError> {
        if self.get(key.kid).is_some() {
            return Err(KeyError::DuplicateKeyId(key.kid));
        }
        self.keys.push(key);
        Ok(())
    }

    /// The key with this key id.
    pub fn get(&self, kid: KeyId) -> Option<&TrustedKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> &[TrustedKey] {
        &self.keys
    }

    /// The key set as a COSE_KeySet (RFC 9052 section 7): a CBOR array of OKP Ed25519 COSE_Keys.
    pub fn to_cose_key_set(&self) -> Vec<u8> {
        let keys = self
            .keys
            .iter()
            .map(|k| {
                let mut entries = vec![
                    cbor::ik(1, Value::Integer(1.into())),
                    cbor::ik(2, Value::Bytes(k.kid.0.to_vec())),
                    cbor::ik(3, Value::Integer(ALG_EDDSA.into())),
                    cbor::ik(-1, Value::Integer(6.into())),
                    cbor::ik(-2, Value::Bytes(k.key.to_bytes().to_vec())),
                ];
                if let Some(t) = k.sign_from {
                    entries.push(cbor::tk(SIGN_FROM, Value::Integer(t.unix_timestamp().into())));
                }
                if let Some(t) = k.sign_until {
                    entries.push(cbor::tk(SIGN_UNTIL, Value::Integer(t.unix_timestamp().into())));
                }
                Value::Map(entries)
            })
            .collect();
        cbor::encode(&Value::Array(keys))
    }

    /// The key set as a JWK Set (RFC 7517, OKP keys of RFC 8037), as JSON text.
    pub fn to_jwks(&self) -> String {
        let keys: Vec<serde_json::Value> = self
            .keys
            .iter()
            .map(|k| {
                let mut jwk = serde_json::json!({
                    "kty": "OKP",
                    "crv": "Ed25519",
                    "x": URL_SAFE_NO_PAD.encode(k.key.as_bytes()),
                    "kid": k.kid.to_hex(),
                    "alg": "EdDSA",
                    "use": "sig",
                });
                if let Some(obj) = jwk.as_object_mut() {
                    if let Some(t) = k.sign_from {
                        obj.insert(SIGN_FROM.to_owned(), t.unix_timestamp().into());
                    }
                    if let Some(t) = k.sign_until {
                        obj.insert(SIGN_UNTIL.to_owned(), t.unix_timestamp().into());
                    }
                }
                jwk
            })
            .collect();
        serde_json::json!({ "keys": keys }).to_string()
    }

    /// Reads a COSE_KeySet as written by [`KeySet::to_cose_key_set`]; checks every kid against its key.
    pub fn from_cose_key_set(bytes: &[u8]) -> Result<Self, KeyError> {
        let Some(Value::Array(items)) = cbor::parse(bytes) else { return Err(KeyError::Malformed("not a CBOR array")) };
        let mut set = Self::new();
        for item in &items {
            let entries = cbor::map(item).ok_or(KeyError::Malformed("key is not a map"))?;
            let kty = cbor::get_int(entries, 1).and_then(cbor::int);
            let crv = cbor::get_int(entries, -1).and_then(cbor::int);
            if kty != Some(1) || crv != Some(6) {
                return Err(KeyError::Malformed("not an OKP Ed25519 key"));
            }
            let x = cbor::get_int(entries, -2)
                .and_then(cbor::bytes)
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or(KeyError::Malformed("x"))?;
            let mut key = TrustedKey::from_public_key(&x)?;
            let kid = cbor::get_int(entries, 2).and_then(cbor::bytes).ok_or(KeyError::Malformed("kid"))?;
            if kid != key.kid.0 {
                return Err(KeyError::KeyIdMismatch(hex::encode(kid)));
            }
            key.sign_from = secs(cbor::get_text(entries, SIGN_FROM))?;
            key.sign_until = secs(cbor::get_text(entries, SIGN_UNTIL))?;
            set.insert(key)?;
        }
        Ok(set)
    }

    /// Reads a JWK Set as written by [`KeySet::to_jwks`]; checks every kid against its key.
    pub fn from_jwks(json: &str) -> Result<Self, KeyError> {
        let doc: serde_json::Value = serde_json::from_str(json).map_err(|_| KeyError::Malformed("not JSON"))?;
        let keys = doc.get("keys").and_then(serde_json::Value::as_array).ok_or(KeyError::Malformed("no keys"))?;
        let mut set = Self::new();
        for jwk in keys {
            let field = |name: &str| jwk.get(name).and_then(serde_json::Value::as_str);
            if field("kty") != Some("OKP") || field("crv") != Some("Ed25519") {
                return Err(KeyError::Malformed("not an OKP Ed25519 key"));
            }
            let x = field("x")
                .and_then(|x| URL_SAFE_NO_PAD.decode(x).ok())
                .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
                .ok_or(KeyError::Malformed("x"))?;
            let mut key = TrustedKey::from_public_key(&x)?;
            let kid = field("kid").ok_or(KeyError::Malformed("kid"))?;
            if kid != key.kid.to_hex() {
                return Err(KeyError::KeyIdMismatch(kid.to_owned()));
            }
            key.sign_from = json_secs(jwk.get(SIGN_FROM))?;
            key.sign_until = json_secs(jwk.get(SIGN_UNTIL))?;
            set.insert(key)?;
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn kid_is_sha256_prefix_of_raw_public_key() {
        let key = SigningKey::from_seed(&[7u8; 32]);
        let digest = Sha256::digest(key.public_key());
        assert_eq!(key.kid().as_bytes()[..], digest[..8]);
        assert_ne!(SigningKey::from_seed(&[8u8; 32]).kid(), key.kid());
    }

    #[test]
    fn generated_keys_differ() {
        let a = SigningKey::generate().unwrap();
        let b = SigningKey::generate().unwrap();
        assert_ne!(a.kid(), b.kid());
        assert_eq!(SigningKey::from_seed(&a.to_seed()).kid(), a.kid());
    }

    fn two_key_set() -> KeySet {
        let mut set = KeySet::new();
        let old = SigningKey::from_seed(&[1u8; 32]);
        let new = SigningKey::from_seed(&[2u8; 32]);
        set.insert(TrustedKey::of(&old, None, Some(datetime!(2026-01-01 0:00 UTC)))).unwrap();
        set.insert(TrustedKey::of(&new, Some(datetime!(2025-12-01 0:00 UTC)), None)).unwrap();
        set
    }

    #[test]
    fn cose_and_jwk_sets_round_trip() {
        let set = two_key_set();
        assert_eq!(KeySet::from_cose_key_set(&set.to_cose_key_set()).unwrap(), set);
        assert_eq!(KeySet::from_jwks(&set.to_jwks()).unwrap(), set);
        let jwks: serde_json::Value = serde_json::from_str(&set.to_jwks()).unwrap();
        assert_eq!(jwks["keys"][0]["kty"], "OKP");
        assert_eq!(jwks["keys"][0]["crv"], "Ed25519");
        assert_eq!(jwks["keys"][0]["kid"], set.keys()[0].kid().to_hex());
    }

    #[test]
    fn refuses_duplicates_and_wrong_kids() {
        let mut set = two_key_set();
        let again = TrustedKey::of(&SigningKey::from_seed(&[1u8; 32]), None, None);
        assert!(matches!(set.insert(again), Err(KeyError::DuplicateKeyId(_))));
        let forged = set.to_jwks().replace(&set.keys()[0].kid().to_hex(), "0000000000000000");
        assert!(matches!(KeySet::from_jwks(&forged), Err(KeyError::KeyIdMismatch(_))));
        assert!(matches!(KeySet::from_cose_key_set(b"\x01"), Err(KeyError::Malformed(_))));
    }

    #[test]
    fn signing_window() {
        let set = two_key_set();
        let old = &set.keys()[0];
        assert!(old.may_sign_at(datetime!(2025-06-01 0:00 UTC)));
        assert!(old.may_sign_at(datetime!(2026-01-01 0:00 UTC)));
        assert!(!old.may_sign_at(datetime!(2026-01-01 0:00:01 UTC)));
        let new = &set.keys()[1];
        assert!(!new.may_sign_at(datetime!(2025-11-30 0:00 UTC)));
        assert!(new.may_sign_at(datetime!(2030-01-01 0:00 UTC)));
    }
}
