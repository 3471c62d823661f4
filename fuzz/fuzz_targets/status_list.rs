#![no_main]
//! Status lists: the signed token as a verifier fetches it (never a panic; one that verifies, signed
//! anew, reads the same) and its claims under the signature (a list read has every index answer or refuse, and comes back
//! the same from the claims the issuer would write for it).

use credential::fuzzing::{status_list_from_claims, status_list_to_claims};
use credential::{StatusListError, StatusListToken};
use libfuzzer_sys::fuzz_target;
use time::macros::datetime;

mod common;

fuzz_target!(|data: &[u8]| {
    // Only a token the sample key signed verifies (a seed, or one changed outside what is signed).
    if let Ok(token) = StatusListToken::verify(data, common::keys()) {
        assert_eq!(StatusListToken::verify(&token.sign(common::key()), common::keys()), Ok(token));
    }
    let Ok(token) = status_list_from_claims(data) else { return };
    let len = token.list.len();
    for idx in [0, 1, 42, len / 2, len.saturating_sub(1)] {
        assert_eq!(token.list.get(idx).is_ok(), idx < len, "index {idx} of {len}");
    }
    assert_eq!(token.list.get(len), Err(StatusListError::IndexOutOfRange { idx: len, len }));
    assert!(token.list.get(u64::MAX).is_err());
    for now in [datetime!(1970-01-01 0:00 UTC), datetime!(2026-03-01 0:00 UTC), datetime!(9999-12-31 23:59 UTC)] {
        let _ = (token.age(now), token.freshness(now));
    }
    // Deflating a list of megabytes again is slow, and says nothing new.
    if len <= 1 << 16 {
        assert_eq!(status_list_from_claims(&status_list_to_claims(&token)), Ok(token));
    }
});
