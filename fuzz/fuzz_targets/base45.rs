#![no_main]
//! Base45 (the QR text's layer under the prefix): never a panic; a text decoded is the one encoding of
//! its bytes (strict: encode(decode(t)) == t), and any bytes come back from their encoding.

use credential::base45;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = base45::encode(data);
    assert_eq!(base45::decode(&text).as_deref(), Ok(data));
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(bytes) = base45::decode(text) {
        assert_eq!(base45::encode(&bytes), text, "one encoding per byte string");
    }
});
