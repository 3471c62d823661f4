//! Writes the interop fixture for `tests/credential/verify.py`: the sample card's QR text, the key
//! sets, the signed status list, and the claims the card is meant to carry (from the Rust values,
//! not from the encoding), so an independent decoder can check our output.
//!
//! Usage: `cargo run -p credential --example interop-fixture -- OUT.json`

use credential::sample::{SAMPLE_STATUS_URI, sample_claims, sample_key, sample_status_list};
use credential::{CardStatus, KeySet, TrustedKey};
use serde_json::json;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: interop-fixture OUT.json");
        return ExitCode::from(2);
    };
    match write(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("interop-fixture: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let key = sample_key();
    let claims = sample_claims()?;
    let text = credential::issue(&claims, &key)?;
    let mut keys = KeySet::new();
    keys.insert(TrustedKey::of(&key, Some(claims.issued_at - time::Duration::days(30)), None))?;
    let list = sample_status_list(CardStatus::Valid)?;
    let now = list.issued_at + time::Duration::hours(1);
    let verdict = credential::verify(&text, &keys, Some(&list), now).verdict;
    if !verdict.is_valid() {
        return Err(format!("our own verifier says {verdict}").into());
    }
    let date = claims.birth_date;
    let fixture = json!({
        "prefix": credential::PREFIX,
        "qr_text": text,
        "jwks": serde_json::from_str::<serde_json::Value>(&keys.to_jwks())?,
        "cose_key_set_hex": hex::encode(keys.to_cose_key_set()),
        "kid_hex": key.kid().to_hex(),
        "now": now.unix_timestamp(),
        "expected": {
            "iss": claims.issuer,
            "exp": claims.expires_at.unix_timestamp(),
            "nbf": claims.not_before.unix_timestamp(),
            "iat": claims.issued_at.unix_timestamp(),
            "status": { "status_list": { "idx": claims.status.idx, "uri": claims.status.uri } },
            "card": {
                "1": claims.card_number.as_str(),
                "2": claims.family_name,
                "3": claims.given_names,
                "4": claims.family_name_cyrillic,
                "5": claims.given_names_cyrillic,
                "6": format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day()),
                "7": claims.citizenship.as_str(),
            },
        },
        "status_list": {
            "token_hex": hex::encode(list.sign(&key)),
            "uri": SAMPLE_STATUS_URI,
            "expected": { "42": 0, "7": 1, "8": 11, "43": 0 },
        },
    });
    std::fs::write(out, serde_json::to_string_pretty(&fixture)?)?;
    eprintln!("interop-fixture: wrote {out} ({} characters of QR text)", text.len());
    Ok(())
}
