//! COSE_Sign1 (RFC 9052) with EdDSA over Ed25519: build, parse, verify.

use crate::cbor;
use crate::keys::{KeyId, SigningKey};
use ciborium::Value;
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use thiserror::Error;

/// CBOR tag of COSE_Sign1.
pub const TAG_COSE_SIGN1: u64 = 18;
/// CBOR tag of a CWT (RFC 8392); accepted around COSE_Sign1, never written.
pub const TAG_CWT: u64 = 61;
/// COSE header label `alg`.
pub const HEADER_ALG: i64 = 1;
/// COSE header label `kid`.
pub const HEADER_KID: i64 = 4;
/// COSE header label `typ` (RFC 9596).
pub const HEADER_TYP: i64 = 16;
pub use crate::keys::ALG_EDDSA;

/// Why bytes are not a COSE_Sign1 we can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CoseError {
    /// Not one well-formed CBOR item.
    #[error("not CBOR")]
    NotCbor,
    /// CBOR, but not a COSE_Sign1 with tag 18.
    #[error("not a tagged COSE_Sign1")]
    NotSign1,
    /// A COSE_Sign1 whose parts are of the wrong types.
    #[error("malformed COSE_Sign1: {0}")]
    Malformed(&'static str),
    /// The protected header names no algorithm, or one other than EdDSA.
    #[error("the algorithm is not EdDSA")]
    UnsupportedAlgorithm,
    /// The protected header has no key id, or one that is not 8 bytes.
    #[error("no 8-byte key id in the protected header")]
    MissingKeyId,
}

/// A parsed COSE_Sign1, its signature not yet checked.
#[derive(Debug, Clone)]
pub(crate) struct Sign1 {
    protected: Vec<u8>,
    pub(crate) kid: KeyId,
    pub(crate) typ: Option<String>,
    pub(crate) payload: Vec<u8>,
    signature: Signature,
}

fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    cbor::encode(&Value::Array(vec![
        Value::Text("Signature1".to_owned()),
        Value::Bytes(protected.to_vec()),
        Value::Bytes(Vec::new()),
        Value::Bytes(payload.to_vec()),
    ]))
}

/// Signs `payload` as a tagged COSE_Sign1 with {alg: EdDSA, kid, typ?} protected and no unprotected header.
pub(crate) fn sign(payload: &[u8], key: &SigningKey, typ: Option<&str>) -> Vec<u8> {
    let mut header = vec![
        cbor::ik(HEADER_ALG, Value::Integer(ALG_EDDSA.into())),
        cbor::ik(HEADER_KID, Value::Bytes(key.kid().as_bytes().to_vec())),
    ];
    if let Some(typ) = typ {
        header.push(cbor::ik(HEADER_TYP, Value::Text(typ.to_owned())));
    }
    let protected = cbor::encode(&Value::Map(header));
    let signature = key.inner().sign(&sig_structure(&protected, payload));
    cbor::encode(&Value::Tag(
        TAG_COSE_SIGN1,
        Box::new(Value::Array(vec![
            Value::Bytes(protected),
            Value::Map(Vec::new()),
            Value::Bytes(payload.to_vec()),
            Value::Bytes(signature.to_bytes().to_vec()),
        ])),
    ))
}

/// Parses a tagged COSE_Sign1 (optionally inside a CWT tag) whose protected header says EdDSA and a kid.
pub(crate) fn parse(bytes: &[u8]) -> Result<Sign1, CoseError> {
    let value = cbor::parse(bytes).ok_or(CoseError::NotCbor)?;
    let value = match value {
        Value::Tag(TAG_CWT, inner) => *inner,
        other => other,
    };
    let Value::Tag(TAG_COSE_SIGN1, inner) = value else { return Err(CoseError::NotSign1) };
    let Value::Array(parts) = *inner else { return Err(CoseError::Malformed("not an array")) };
    let [protected, unprotected, payload, signature] =
        <[Value; 4]>::try_from(parts).map_err(|_| CoseError::Malformed("not four elements"))?;
    let Value::Bytes(protected) = protected else { return Err(CoseError::Malformed("protected header")) };
    if cbor::map(&unprotected).is_none() {
        return Err(CoseError::Malformed("unprotected header"));
    }
    let Value::Bytes(payload) = payload else { return Err(CoseError::Malformed("payload")) };
    let Value::Bytes(signature) = signature else { return Err(CoseError::Malformed("signature")) };
    let signature = Signature::from_slice(&signature).map_err(|_| CoseError::Malformed("signature length"))?;
    let header_value = cbor::parse(&protected).ok_or(CoseError::Malformed("protected header"))?;
    let header = cbor::map(&header_value).ok_or(CoseError::Malformed("protected header"))?;
    if cbor::get_int(header, HEADER_ALG).and_then(cbor::i64_of) != Some(ALG_EDDSA) {
        return Err(CoseError::UnsupportedAlgorithm);
    }
    let kid = cbor::get_int(header, HEADER_KID)
        .and_then(cbor::bytes)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(KeyId::from_bytes)
        .ok_or(CoseError::MissingKeyId)?;
    let typ = cbor::get_int(header, HEADER_TYP).and_then(cbor::text).map(str::to_owned);
    Ok(Sign1 { protected, kid, typ, payload, signature })
}

impl Sign1 {
    /// Checks the signature with the strict Ed25519 rules (no small-order keys, canonical S).
    pub(crate) fn verify(&self, key: &VerifyingKey) -> bool {
        key.verify_strict(&sig_structure(&self.protected, &self.payload), &self.signature).is_ok()
    }
}
