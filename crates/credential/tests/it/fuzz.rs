//! Fuzzing the decoder with proptest: it never panics and never calls a damaged text valid.

use crate::common::*;
use credential::base45::{self, ALPHABET};
use credential::{CardStatus, Verdict, verify, zlib};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::atomic::{AtomicU64, Ordering};

/// Cases per proptest property below.
const CASES: u32 = 20_000;

fn runner() -> TestRunner {
    TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() })
}

fn report(name: &str, ran: &AtomicU64) {
    let n = ran.load(Ordering::Relaxed);
    eprintln!("fuzz {name}: {n} cases");
    assert!(n >= u64::from(CASES), "{name} ran only {n} cases");
}

#[test]
fn arbitrary_strings() {
    let ran = AtomicU64::new(0);
    let keys = sample_keys();
    runner()
        .run(&".{0,700}", |text| {
            ran.fetch_add(1, Ordering::Relaxed);
            prop_assert!(!verify(&text, &keys, None, NOW).verdict.is_valid());
            Ok(())
        })
        .unwrap();
    report("arbitrary strings", &ran);
}

#[test]
fn arbitrary_base45_after_the_prefix() {
    let ran = AtomicU64::new(0);
    let keys = sample_keys();
    let alphabet: Vec<char> = ALPHABET.iter().map(|&c| char::from(c)).collect();
    let text = proptest::collection::vec(proptest::sample::select(alphabet), 0..900)
        .prop_map(|chars| format!("AZ1:{}", chars.into_iter().collect::<String>()));
    runner()
        .run(&text, |text| {
            ran.fetch_add(1, Ordering::Relaxed);
            prop_assert!(!verify(&text, &keys, None, NOW).verdict.is_valid());
            Ok(())
        })
        .unwrap();
    report("prefix + Base45 characters", &ran);
}

#[test]
fn arbitrary_bytes_behind_valid_zlib_and_base45() {
    // Reaches the CBOR and COSE parsers: random bytes, and random mutations of the real COSE bytes.
    let ran = AtomicU64::new(0);
    let keys = sample_keys();
    let signed =
        credential::sign_claims(&credential::sample::sample_claims().unwrap(), &credential::sample::sample_key())
            .unwrap();
    let mutated = (0..signed.len(), any::<u8>()).prop_map(move |(i, b)| {
        let mut s = signed.clone();
        s[i] ^= b.max(1);
        s
    });
    let bytes = prop_oneof![proptest::collection::vec(any::<u8>(), 0..600), mutated];
    runner()
        .run(&bytes, |bytes| {
            ran.fetch_add(1, Ordering::Relaxed);
            let text = format!("AZ1:{}", base45::encode(&zlib::deflate(&bytes)));
            prop_assert!(!verify(&text, &keys, None, NOW).verdict.is_valid());
            Ok(())
        })
        .unwrap();
    report("bytes behind zlib and Base45", &ran);
}

#[test]
fn random_one_character_mutations_of_a_valid_text() {
    let ran = AtomicU64::new(0);
    let keys = sample_keys();
    let list = list_with(CardStatus::Valid);
    let text = sample_text();
    let len = text.len();
    runner()
        .run(&(0..len, 0..ALPHABET.len()), |(pos, c)| {
            let mut bytes = text.clone().into_bytes();
            prop_assume!(bytes[pos] != ALPHABET[c]);
            bytes[pos] = ALPHABET[c];
            ran.fetch_add(1, Ordering::Relaxed);
            let mutated = String::from_utf8(bytes).unwrap();
            let v = verify(&mutated, &keys, Some(&list), NOW);
            prop_assert!(!v.verdict.is_valid(), "{} judged {:?}", mutated, v.verdict);
            Ok(())
        })
        .unwrap();
    report("random one-character mutations", &ran);
}

#[test]
fn every_one_character_mutation_and_every_truncation_of_a_valid_text() {
    let keys = sample_keys();
    let list = list_with(CardStatus::Valid);
    let text = sample_text();
    assert_eq!(verify(&text, &keys, Some(&list), NOW).verdict, Verdict::Valid);
    let mut count = 0u64;
    let mut tally = std::collections::BTreeMap::<&str, u64>::new();
    for pos in 0..text.len() {
        for &c in ALPHABET.iter().chain(b"az#") {
            let mut bytes = text.clone().into_bytes();
            if bytes[pos] == c {
                continue;
            }
            bytes[pos] = c;
            let mutated = String::from_utf8(bytes).unwrap();
            let v = verify(&mutated, &keys, Some(&list), NOW);
            assert!(!v.verdict.is_valid(), "position {pos} to {:?}: {:?}", char::from(c), v.verdict);
            *tally.entry(v.verdict.code()).or_default() += 1;
            count += 1;
        }
    }
    for cut in 0..text.len() {
        let v = verify(&text[..cut], &keys, Some(&list), NOW);
        assert!(!v.verdict.is_valid(), "truncated to {cut}: {:?}", v.verdict);
        *tally.entry(v.verdict.code()).or_default() += 1;
        count += 1;
    }
    eprintln!("exhaustive: {count} mutated or truncated texts of {} characters, verdicts {tally:?}", text.len());
    assert!(count > 40 * text.len() as u64);
}
