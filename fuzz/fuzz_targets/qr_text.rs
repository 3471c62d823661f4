#![no_main]
//! A scanned QR text, verified offline as the check page and the verifier app do, against the sample
//! key and status list: never a panic; claims only once the signature holds, and claims that verified
//! give the same verdict issued anew. Any bytes (whose first is
//! below 32) wrapped as QR text come through the prefix, Base45 and
//! zlib layers to be judged as COSE.

use credential::{Verdict, issue, to_qr_text, verify};
use libfuzzer_sys::fuzz_target;
use time::macros::datetime;

mod common;

fuzz_target!(|data: &[u8]| {
    let now = datetime!(2026-03-01 6:00 UTC);
    if let Ok(text) = std::str::from_utf8(data) {
        let v = verify(text, common::keys(), Some(common::status_list()), now);
        let _ = (v.verdict.code(), v.verdict.to_string());
        // Only a text the sample key signed verifies (a seed, or one changed outside what is signed).
        if let Some(claims) = v.claims {
            assert!(v.kid == Some(common::key().kid()));
            let again = issue(&claims, common::key()).expect("claims that verified issue again");
            assert_eq!(verify(&again, common::keys(), Some(common::status_list()), now).verdict, v.verdict);
        }
    }
    // Wrapping deflates at level 9, thirty times the cost of the rest: bytes whose first is below 32.
    if !data.first().is_some_and(|&b| b < 32) {
        return;
    }
    let text = to_qr_text(data);
    if text.len() <= credential::credential::MAX_TEXT_LEN && data.len() <= credential::credential::MAX_SIGNED_LEN {
        let v = verify(&text, common::keys(), None, now).verdict;
        assert!(
            !matches!(
                v,
                Verdict::TooLong
                    | Verdict::WrongPrefix
                    | Verdict::NotBase45(_)
                    | Verdict::Truncated
                    | Verdict::NotZlib(_)
            ),
            "wrapped bytes judged {v:?}"
        );
    }
});
