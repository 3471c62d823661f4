#![no_main]
//! COSE_Sign1 (the layer under zlib): never a panic; what parses can have its signature checked, and
//! signed again with its payload and `typ` parses back to the same and verifies.

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    use credential::fuzzing::{cose_parse, cose_sign, cose_verify};
    let Ok((_kid, typ, payload)) = cose_parse(data) else { return };
    assert!(cose_verify(data, common::key()).is_ok(), "what parses can be checked");
    let signed = cose_sign(&payload, common::key(), typ.as_deref());
    assert_eq!(cose_parse(&signed), Ok((common::key().kid(), typ, payload)));
    assert_eq!(cose_verify(&signed, common::key()), Ok(true));
});
