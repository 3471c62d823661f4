#![no_main]
//! CBOR as every layer parses it (one item, no trailing bytes, bounded nesting): never a panic, and an
//! item accepted is written back byte for byte (one encoding per item: no malleable QR text).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(again) = credential::fuzzing::cbor_reencode(data) {
        assert_eq!(again, data, "an accepted item is written back as it came");
    }
});
