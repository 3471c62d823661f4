#![no_main]
//! The card's CWT claims (the payload under the signature): never a panic; claims accepted pass their
//! own check and come back the same from the CBOR the issuer would write for them.

use credential::fuzzing::{claims_from_cbor, claims_to_cbor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(claims) = claims_from_cbor(data) else { return };
    assert_eq!(claims.check(), Ok(()));
    assert_eq!(claims_from_cbor(&claims_to_cbor(&claims)), Ok(claims));
});
