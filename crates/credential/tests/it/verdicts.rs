//! One test per verdict: each bad input gets its own specific answer.

use crate::common::*;
use ciborium::Value;
use credential::base45::{self, Base45Error};
use credential::cose::CoseError;
use credential::credential::MAX_TEXT_LEN;
use credential::sample::{sample_claims, sample_key, sample_status_list};
use credential::zlib::{self, InflateError};
use credential::{CardNumberError, CardStatus, ClaimsError, KeySet, SigningKey, TrustedKey, Verdict, verify};
use time::Duration;
use time::macros::datetime;

#[test]
fn valid_card_round_trips_with_claims_and_list_age() {
    let text = sample_text();
    assert!(text.starts_with("AZ1:"));
    let v = verify(&text, &sample_keys(), Some(&list_with(CardStatus::Valid)), NOW);
    assert_eq!(v.verdict, Verdict::Valid);
    assert_eq!(v.claims, Some(sample_claims().unwrap()));
    assert_eq!(v.kid, Some(sample_key().kid()));
    assert_eq!(v.status_list_age, Some(Duration::hours(12)));
}

#[test]
fn without_a_status_list_the_verdict_says_so() {
    let v = verify(&sample_text(), &sample_keys(), None, NOW);
    assert_eq!(v.verdict, Verdict::ValidStatusUnchecked);
    assert!(v.verdict.is_valid());
    assert_eq!(v.status_list_age, None);
}

#[test]
fn each_card_state_in_the_status_list() {
    for (status, verdict) in [
        (CardStatus::Valid, Verdict::Valid),
        (CardStatus::Revoked, Verdict::Revoked),
        (CardStatus::Invalidated, Verdict::Invalidated),
        (CardStatus::Superseded, Verdict::Superseded),
        (CardStatus::Suspended, Verdict::Suspended),
    ] {
        let v = verify(&sample_text(), &sample_keys(), Some(&list_with(status)), NOW);
        assert_eq!(v.verdict, verdict, "{status:?}");
        assert_eq!(v.verdict.is_valid(), status == CardStatus::Valid);
    }
}

#[test]
fn unknown_status_value() {
    let mut token = sample_status_list(CardStatus::Valid).unwrap();
    token.list = credential::StatusList::from_parts(4, vec![0x55; 512]).unwrap();
    let v = verify(&sample_text(), &sample_keys(), Some(&token), NOW);
    assert_eq!(v.verdict, Verdict::UnknownStatus(5));
}

#[test]
fn expired_and_not_yet_valid() {
    let claims = sample_claims().unwrap();
    let v = verify(&sample_text(), &sample_keys(), None, claims.expires_at);
    assert_eq!(v.verdict, Verdict::Expired { expired_at: claims.expires_at });
    let early = claims.not_before - Duration::seconds(1);
    let v = verify(&sample_text(), &sample_keys(), None, early);
    assert_eq!(v.verdict, Verdict::NotYetValid { not_before: claims.not_before });
}

#[test]
fn one_character_changed() {
    let text = sample_text();
    let mid = text.len() / 2;
    let mut changed = text.clone().into_bytes();
    changed[mid] = if changed[mid] == b'0' { b'1' } else { b'0' };
    let changed = String::from_utf8(changed).unwrap();
    let v = verify(&changed, &sample_keys(), Some(&list_with(CardStatus::Valid)), NOW);
    assert!(
        matches!(v.verdict, Verdict::NotBase45(_) | Verdict::NotZlib(_) | Verdict::Truncated | Verdict::NotCose(_)),
        "{:?}",
        v.verdict
    );
    assert_eq!(v.claims, None);
}

#[test]
fn wrong_prefix() {
    let text = sample_text();
    for bad in [text.replacen("AZ1:", "AZ2:", 1), text.replacen("AZ1:", "HC1:", 1), text[4..].to_owned(), String::new()]
    {
        assert_eq!(verify(&bad, &sample_keys(), None, NOW).verdict, Verdict::WrongPrefix);
    }
}

#[test]
fn truncated_text() {
    let text = sample_text();
    let body = text.len() - 4;
    let at_group = 4 + (body / 2 / 3) * 3;
    assert_eq!(verify(&text[..at_group], &sample_keys(), None, NOW).verdict, Verdict::Truncated);
    let mid_group = at_group + 1;
    assert_eq!(
        verify(&text[..mid_group], &sample_keys(), None, NOW).verdict,
        Verdict::NotBase45(Base45Error::BadLength(mid_group - 4))
    );
    assert_eq!(verify(&text[..text.len() - 3], &sample_keys(), None, NOW).verdict, Verdict::Truncated);
}

#[test]
fn not_base45_not_zlib_not_cose() {
    assert_eq!(verify("AZ1:abc", &sample_keys(), None, NOW).verdict, Verdict::NotBase45(Base45Error::BadCharacter(0)));
    let not_zlib = format!("AZ1:{}", base45::encode(b"plain bytes"));
    assert_eq!(verify(&not_zlib, &sample_keys(), None, NOW).verdict, Verdict::NotZlib(InflateError::Corrupt));
    let cases: [(Vec<u8>, CoseError); 4] = [
        (b"hello".to_vec(), CoseError::NotCbor),
        (enc(&Value::Array(vec![])), CoseError::NotSign1),
        (enc(&Value::Tag(18, Box::new(Value::Array(vec![int(1)])))), CoseError::Malformed("not four elements")),
        (enc(&Value::Tag(18, Box::new(sign1_with_header(&[(int(1), int(-7))])))), CoseError::UnsupportedAlgorithm),
    ];
    for (bytes, error) in cases {
        let v = verify(&credential::to_qr_text(&bytes), &sample_keys(), None, NOW);
        assert_eq!(v.verdict, Verdict::NotCose(error));
    }
    let no_kid = enc(&Value::Tag(18, Box::new(sign1_with_header(&[(int(1), int(-8))]))));
    let v = verify(&credential::to_qr_text(&no_kid), &sample_keys(), None, NOW);
    assert_eq!(v.verdict, Verdict::NotCose(CoseError::MissingKeyId));
}

fn sign1_with_header(header: &[(Value, Value)]) -> Value {
    Value::Array(vec![
        Value::Bytes(enc(&Value::Map(header.to_vec()))),
        Value::Map(vec![]),
        Value::Bytes(enc(&Value::Map(vec![]))),
        Value::Bytes(vec![0; 64]),
    ])
}

#[test]
fn too_long() {
    let text = format!("AZ1:{}", "0".repeat(MAX_TEXT_LEN));
    assert_eq!(verify(&text, &sample_keys(), None, NOW).verdict, Verdict::TooLong);
}

#[test]
fn decompression_bomb_is_refused() {
    let bomb = zlib::deflate(&vec![0u8; 100_000]);
    let text = format!("AZ1:{}", base45::encode(&bomb));
    assert!(text.len() < MAX_TEXT_LEN);
    assert_eq!(verify(&text, &sample_keys(), None, NOW).verdict, Verdict::NotZlib(InflateError::TooLarge(4096)));
}

#[test]
fn unknown_key_id() {
    let mut other = KeySet::new();
    other.insert(TrustedKey::of(&SigningKey::from_seed(&[9; 32]), None, None)).unwrap();
    let v = verify(&sample_text(), &other, None, NOW);
    assert_eq!(v.verdict, Verdict::UnknownKeyId(sample_key().kid()));
    assert_eq!(v.claims, None, "claims are never shown before the signature holds");
}

#[test]
fn bad_signature_when_the_payload_is_altered_and_rewrapped() {
    let mut claims = sample_claims_value();
    let good = hand_signed_text(&protected_for(&sample_key()), &claims, &sample_key());
    assert_eq!(
        verify(&good, &sample_keys(), None, NOW).verdict,
        Verdict::ValidStatusUnchecked,
        "hand-built COSE verifies"
    );
    // Sign with another key but claim the sample key's kid.
    replace(&mut claims, 1, None, Some(Value::Text("XX".into())));
    let forged = hand_signed_text(&protected_for(&sample_key()), &claims, &SigningKey::from_seed(&[9; 32]));
    let v = verify(&forged, &sample_keys(), None, NOW);
    assert_eq!(v.verdict, Verdict::BadSignature);
    assert_eq!(v.claims, None);
}

#[test]
fn key_past_its_use() {
    let claims = sample_claims().unwrap();
    let mut keys = KeySet::new();
    let retired_at = claims.issued_at - Duration::days(1);
    keys.insert(TrustedKey::of(&sample_key(), None, Some(retired_at))).unwrap();
    let v = verify(&sample_text(), &keys, None, NOW);
    assert_eq!(v.verdict, Verdict::KeyNotUsable { kid: sample_key().kid(), issued_at: claims.issued_at });
}

#[test]
fn rotation_keeps_old_cards_valid() {
    let old = sample_key();
    let new = SigningKey::from_seed(&[5; 32]);
    let rotated_at = datetime!(2026-02-15 0:00 UTC);
    let mut keys = KeySet::new();
    keys.insert(TrustedKey::of(&old, None, Some(rotated_at))).unwrap();
    keys.insert(TrustedKey::of(&new, Some(rotated_at), None)).unwrap();
    let old_card = sample_text();
    assert_eq!(verify(&old_card, &keys, None, NOW).verdict, Verdict::ValidStatusUnchecked);
    let mut claims = sample_claims().unwrap();
    claims.issued_at = datetime!(2026-02-20 0:00 UTC);
    claims.not_before = claims.issued_at;
    let new_card = credential::issue(&claims, &new).unwrap();
    assert_eq!(verify(&new_card, &keys, None, NOW).verdict, Verdict::ValidStatusUnchecked);
    let late_old_card = credential::issue(&claims, &old).unwrap();
    assert!(matches!(verify(&late_old_card, &keys, None, NOW).verdict, Verdict::KeyNotUsable { .. }));
    // The published sets carry the windows, so a verifier loading them judges the same.
    let reloaded = KeySet::from_jwks(&keys.to_jwks()).unwrap();
    assert!(matches!(verify(&late_old_card, &reloaded, None, NOW).verdict, Verdict::KeyNotUsable { .. }));
}

#[test]
fn status_list_older_than_its_ttl() {
    let list = list_with(CardStatus::Valid);
    let late = list.issued_at + Duration::hours(25);
    let v = verify(&sample_text(), &sample_keys(), Some(&list), late);
    assert_eq!(v.verdict, Verdict::StatusListStale { age: Duration::hours(25), ttl: Duration::hours(24) });
    assert_eq!(v.status_list_age, Some(Duration::hours(25)));
    let after_exp = list.expires_at.unwrap();
    let v = verify(&sample_text(), &sample_keys(), Some(&list), after_exp);
    assert_eq!(v.verdict, Verdict::StatusListExpired { age: after_exp - list.issued_at });
}

#[test]
fn status_list_mismatch_and_index_out_of_range() {
    let mut other = list_with(CardStatus::Valid);
    other.uri = "https://atajoly.example/api/v1/status-lists/2".into();
    assert!(matches!(
        verify(&sample_text(), &sample_keys(), Some(&other), NOW).verdict,
        Verdict::StatusListMismatch { .. }
    ));
    let mut short = list_with(CardStatus::Valid);
    short.list = credential::StatusList::new(10);
    assert_eq!(
        verify(&sample_text(), &sample_keys(), Some(&short), NOW).verdict,
        Verdict::StatusIndexOutOfRange { idx: 42, len: 10 }
    );
}

#[test]
fn card_number_with_a_wrong_check_character() {
    let mut claims = sample_claims_value();
    let number = sample_claims().unwrap().card_number.to_string();
    let last = number.chars().last().unwrap();
    let wrong = format!("{}{}", &number[..11], if last == 'A' { 'B' } else { 'A' });
    replace(&mut claims, -65537, Some(1), Some(Value::Text(wrong)));
    let text = hand_signed_text(&protected_for(&sample_key()), &claims, &sample_key());
    let v = verify(&text, &sample_keys(), None, NOW);
    assert_eq!(v.verdict, Verdict::BadCardNumber(CardNumberError::CheckCharacter));
}

#[test]
fn malformed_claims_name_the_claim() {
    let cases: [(i64, Option<i64>, Option<Value>, &str); 5] = [
        (4, None, None, "exp"),
        (6, None, Some(Value::Text("yesterday".into())), "iat"),
        (65535, None, Some(Value::Map(vec![])), "status_list"),
        (-65537, Some(6), Some(Value::Text("1990-02-30".into())), "card.birth_date"),
        (-65537, Some(7), Some(Value::Text("CN".into())), "card.citizenship"),
    ];
    for (key, inner, new, name) in cases {
        let mut claims = sample_claims_value();
        replace(&mut claims, key, inner, new);
        let text = hand_signed_text(&protected_for(&sample_key()), &claims, &sample_key());
        let v = verify(&text, &sample_keys(), None, NOW);
        assert_eq!(v.verdict, Verdict::MalformedClaims(ClaimsError::Malformed(name)), "{name}");
    }
}

#[test]
fn verdict_codes_are_distinct() {
    let verdicts = [
        Verdict::Valid,
        Verdict::ValidStatusUnchecked,
        Verdict::Invalidated,
        Verdict::Revoked,
        Verdict::Suspended,
        Verdict::Superseded,
        Verdict::TooLong,
        Verdict::WrongPrefix,
        Verdict::Truncated,
        Verdict::BadSignature,
        Verdict::UnknownStatus(9),
    ];
    let codes: std::collections::HashSet<_> = verdicts.iter().map(Verdict::code).collect();
    assert_eq!(codes.len(), verdicts.len());
    assert_eq!(Verdict::WrongPrefix.to_string(), "wrong-prefix");
}

#[test]
fn huge_declared_lengths_do_not_allocate_or_panic() {
    let ff = [0xFFu8; 8];
    for head in [0x5B, 0x7B, 0x9B, 0xBB] {
        // byte string, text, array, map, each declaring 2^64 - 1 items behind tag 18
        let mut bytes = vec![0xD2, head];
        bytes.extend_from_slice(&ff);
        let v = verify(&credential::to_qr_text(&bytes), &sample_keys(), None, NOW);
        assert!(matches!(v.verdict, Verdict::NotCose(CoseError::NotCbor)), "{head:#x}: {:?}", v.verdict);
    }
    let mut nested = vec![0x81u8; 3000];
    nested.push(0x00);
    let v = verify(&credential::to_qr_text(&nested), &sample_keys(), None, NOW);
    assert_eq!(v.verdict, Verdict::NotCose(CoseError::NotCbor), "deep nesting is refused, not a stack overflow");
}

#[test]
fn cwt_tag_61_around_the_cose_sign1_is_accepted() {
    let signed = credential::sign_claims(&sample_claims().unwrap(), &sample_key()).unwrap();
    let mut wrapped = vec![0xD8, 61];
    wrapped.extend_from_slice(&signed);
    let v = verify(&credential::to_qr_text(&wrapped), &sample_keys(), None, NOW);
    assert_eq!(v.verdict, Verdict::ValidStatusUnchecked);
}

#[test]
fn the_card_fits_a_level_q_alphanumeric_qr_code() {
    let text = sample_text();
    let code = credential::qr::qr_code(&text).unwrap();
    assert_eq!(code.error_correction_level(), qrcode::EcLevel::Q);
    assert!(credential::qr_svg(&text).unwrap().starts_with("<?xml"));
    assert!(credential::qr_png(&text, 4).unwrap().starts_with(b"\x89PNG"));
}
