//! Offline verification throughput on one thread, against the bare Ed25519 check as a baseline.
//!
//! Run: `cargo bench -p credential --bench verify` (release profile). Prints verifications per second,
//! the baseline's rate, their ratio, the signed payload size before Base45 and the QR text length.

use credential::sample::{sample_claims, sample_key, sample_status_list};
use credential::{CardStatus, KeySet, TrustedKey, Verdict, verify, zlib};
use ed25519_dalek::{Signer, Verifier};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `f` repeatedly for about `span` and returns calls per second.
fn rate(span: Duration, mut f: impl FnMut() -> bool) -> f64 {
    let mut ok = true;
    let warm = Instant::now();
    while warm.elapsed() < span / 4 {
        ok &= f();
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < span {
        for _ in 0..64 {
            ok &= f();
        }
        n += 64;
    }
    assert!(ok, "a check failed during the benchmark");
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = sample_key();
    let claims = sample_claims()?;
    let signed = credential::sign_claims(&claims, &key)?;
    let text = credential::issue(&claims, &key)?;
    let mut keys = KeySet::new();
    keys.insert(TrustedKey::of(&key, None, None))?;
    let list = sample_status_list(CardStatus::Valid)?;
    let now = list.issued_at + time::Duration::hours(1);
    assert_eq!(verify(&text, &keys, Some(&list), now).verdict, Verdict::Valid);

    // Baseline: the bare Ed25519 verification of a message as long as the COSE Sig_structure.
    let dalek = ed25519_dalek::SigningKey::from_bytes(&key.to_seed());
    let public = dalek.verifying_key();
    let message = vec![0x5Au8; signed.len()];
    let signature = dalek.sign(&message);

    let span = Duration::from_secs(3);
    let baseline = rate(span, || public.verify(black_box(&message), black_box(&signature)).is_ok());
    let full = rate(span, || verify(black_box(&text), &keys, Some(&list), now).verdict == Verdict::Valid);

    println!("machine: {} logical CPUs, one thread used", std::thread::available_parallelism().map_or(0, usize::from));
    println!("signed COSE_Sign1 (before zlib): {} bytes", signed.len());
    println!("compressed (before Base45): {} bytes", zlib::deflate(&signed).len());
    println!("QR text: {} characters (prefix included)", text.len());
    println!(
        "QR code: version {:?} at level Q",
        credential::qr::qr_code(&text).map(|c| c.version()).map_err(|e| e.to_string())
    );
    println!("baseline bare Ed25519 verify: {baseline:.0}/s");
    println!("offline verify (prefix, Base45, zlib, COSE, Ed25519, claims, status list): {full:.0}/s");
    println!("ratio verify/baseline: {:.3}", full / baseline);
    println!("target >= 10000/s: {}", if full >= 10_000.0 { "met" } else { "NOT met" });
    println!("target signed payload <= 600 bytes: {}", if signed.len() <= 600 { "met" } else { "NOT met" });
    Ok(())
}
