//! Prints every stage of the sample card with the TEST-ONLY sample key, for the worked example in
//! `docs/credential.md`: `cargo run -p credential --example worked-example`.

use credential::sample::{sample_claims, sample_key, sample_status_list};
use credential::{CardStatus, KeySet, TrustedKey, base45, zlib};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = sample_key();
    let claims = sample_claims()?;
    let signed = credential::sign_claims(&claims, &key)?;
    let compressed = zlib::deflate(&signed);
    let text = credential::issue(&claims, &key)?;
    let mut keys = KeySet::new();
    keys.insert(TrustedKey::of(&key, None, None))?;
    println!("seed (TEST ONLY): {}", hex::encode(key.to_seed()));
    println!("public key: {}", hex::encode(key.public_key()));
    println!("kid: {}", key.kid());
    println!("COSE_Sign1 ({} bytes): {}", signed.len(), hex::encode(&signed));
    println!("zlib ({} bytes): {}", compressed.len(), hex::encode(&compressed));
    println!("Base45 ({} characters): {}", text.len() - credential::PREFIX.len(), base45::encode(&compressed));
    println!("QR text ({} characters): {text}", text.len());
    println!("JWK Set: {}", keys.to_jwks());
    println!("COSE_KeySet: {}", hex::encode(keys.to_cose_key_set()));
    let list = sample_status_list(CardStatus::Valid)?;
    let token = list.sign(&key);
    println!("Status List Token ({} bytes): {}", token.len(), hex::encode(&token));
    Ok(())
}
