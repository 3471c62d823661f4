//! Fixtures: the sample card and key, and a hand-built signer independent of the crate's own.

use ciborium::Value;
use credential::sample::{sample_claims, sample_key, sample_status_list};
use credential::{CardStatus, KeySet, SigningKey, StatusListToken, TrustedKey};
use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::datetime;

/// An instant inside the sample card's validity and the sample list's time-to-live.
pub const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

pub fn sample_text() -> String {
    credential::issue(&sample_claims().unwrap(), &sample_key()).unwrap()
}

pub fn sample_keys() -> KeySet {
    let mut keys = KeySet::new();
    keys.insert(TrustedKey::of(&sample_key(), None, None)).unwrap();
    keys
}

/// The sample list, signed with the sample key and verified back, as a verifier would hold it.
pub fn list_with(status: CardStatus) -> StatusListToken {
    let signed = sample_status_list(status).unwrap().sign(&sample_key());
    StatusListToken::verify(&signed, &sample_keys()).unwrap()
}

pub fn enc(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::ser::into_writer(v, &mut out).unwrap();
    out
}

pub fn int(i: i64) -> Value {
    Value::Integer(i.into())
}

/// Signs `claims` as COSE_Sign1 by hand (ciborium + ed25519-dalek) and wraps it as QR text.
pub fn hand_signed_text(protected: &Value, claims: &Value, key: &SigningKey) -> String {
    let protected = enc(protected);
    let payload = enc(claims);
    let to_sign = enc(&Value::Array(vec![
        Value::Text("Signature1".into()),
        Value::Bytes(protected.clone()),
        Value::Bytes(vec![]),
        Value::Bytes(payload.clone()),
    ]));
    let dalek = ed25519_dalek::SigningKey::from_bytes(&key.to_seed());
    let signature = dalek.sign(&to_sign).to_bytes().to_vec();
    let cose = Value::Tag(
        18,
        Box::new(Value::Array(vec![
            Value::Bytes(protected),
            Value::Map(vec![]),
            Value::Bytes(payload),
            Value::Bytes(signature),
        ])),
    );
    credential::to_qr_text(&enc(&cose))
}

/// The protected header {1: -8, 4: kid} with the kid computed here from the rule, not by the crate.
pub fn protected_for(key: &SigningKey) -> Value {
    let kid = Sha256::digest(key.public_key())[..8].to_vec();
    Value::Map(vec![(int(1), int(-8)), (int(4), Value::Bytes(kid))])
}

/// The sample claims as a CBOR value, decoded from the crate's own signed output.
pub fn sample_claims_value() -> Value {
    let signed = credential::sign_claims(&sample_claims().unwrap(), &sample_key()).unwrap();
    let Value::Tag(18, inner) = ciborium::de::from_reader::<Value, _>(signed.as_slice()).unwrap() else {
        panic!("not tag 18")
    };
    let Value::Array(parts) = *inner else { panic!("not an array") };
    let Value::Bytes(payload) = &parts[2] else { panic!("payload") };
    ciborium::de::from_reader(payload.as_slice()).unwrap()
}

/// Replaces the value under an integer key of a map (recursing into the card map at -65537 when `inner`).
pub fn replace(claims: &mut Value, key: i64, inner: Option<i64>, new: Option<Value>) {
    let Value::Map(entries) = claims else { panic!("claims not a map") };
    let pos = entries.iter().position(|(k, _)| *k == int(key)).unwrap();
    match inner {
        Some(inner_key) => replace(&mut entries[pos].1, inner_key, None, new),
        None => match new {
            Some(v) => entries[pos].1 = v,
            None => {
                entries.remove(pos);
            }
        },
    }
}
