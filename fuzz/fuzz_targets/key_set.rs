#![no_main]
//! The published key sets a verifier fetches, COSE_KeySet (CBOR) and JWK Set (JSON): never a panic; a
//! set read comes back the same from what the issuer would publish for it, in both formats.

use credential::KeySet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = KeySet::from_cose_key_set(data) {
        assert_eq!(KeySet::from_cose_key_set(&set.to_cose_key_set()), Ok(set.clone()));
        assert_eq!(KeySet::from_jwks(&set.to_jwks()), Ok(set));
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(set) = KeySet::from_jwks(text) {
        assert_eq!(KeySet::from_jwks(&set.to_jwks()), Ok(set.clone()));
        assert_eq!(KeySet::from_cose_key_set(&set.to_cose_key_set()), Ok(set));
    }
});
