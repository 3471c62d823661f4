//! The layers of a QR text and of a status list token one by one, for the fuzz targets (`fuzz/`):
//! through the public API, each layer under the signature is reached only with a valid signature,
//! which generated input never has. Compiled only with the `fuzzing` feature.

use crate::claims::{CardClaims, ClaimsError};
use crate::cose::CoseError;
use crate::keys::{KeyId, SigningKey};
use crate::status::{StatusListError, StatusListToken};
use crate::{cbor, cose};

/// Parses one CBOR item as every layer does (strict) and writes it again; `None` when refused.
pub fn cbor_reencode(bytes: &[u8]) -> Option<Vec<u8>> {
    cbor::parse(bytes).map(|value| cbor::encode(&value))
}

/// A COSE_Sign1 as parsed before its signature is checked: key id, `typ`, payload.
pub fn cose_parse(bytes: &[u8]) -> Result<(KeyId, Option<String>, Vec<u8>), CoseError> {
    cose::parse(bytes).map(|s| (s.kid, s.typ, s.payload))
}

/// Parses a COSE_Sign1 and checks its signature against `key`.
pub fn cose_verify(bytes: &[u8], key: &SigningKey) -> Result<bool, CoseError> {
    let public = ed25519_dalek::VerifyingKey::from(key.inner());
    cose::parse(bytes).map(|s| s.verify(&public))
}

/// Signs `payload` as the issuer does (a tagged COSE_Sign1 with `alg`, `kid` and `typ`).
pub fn cose_sign(payload: &[u8], key: &SigningKey, typ: Option<&str>) -> Vec<u8> {
    cose::sign(payload, key, typ)
}

/// Reads a card's CWT claims from their CBOR bytes, as verification does once the signature holds.
pub fn claims_from_cbor(bytes: &[u8]) -> Result<CardClaims, ClaimsError> {
    let value = cbor::parse(bytes).ok_or(ClaimsError::Malformed("claims map"))?;
    CardClaims::from_cbor(&value)
}

/// A card's CWT claims as the CBOR bytes the issuer signs.
pub fn claims_to_cbor(claims: &CardClaims) -> Vec<u8> {
    cbor::encode(&claims.to_cbor())
}

/// Reads a status list token's claims from their CBOR bytes, as verification does once the signature holds.
pub fn status_list_from_claims(bytes: &[u8]) -> Result<StatusListToken, StatusListError> {
    StatusListToken::from_claims(bytes)
}

/// A status list token's claims as the CBOR bytes the issuer signs.
pub fn status_list_to_claims(token: &StatusListToken) -> Vec<u8> {
    token.to_claims()
}
