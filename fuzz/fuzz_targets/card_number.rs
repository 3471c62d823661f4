#![no_main]
//! The card number as typed on the check page: never a panic; a number accepted is the text in capitals
//! and reads back the same; every serial's number (the first four bytes) reads back as itself.

use credential::CardNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(serial) = data.first_chunk::<4>().map(|b| u32::from_le_bytes(*b)) {
        match CardNumber::from_serial(serial) {
            Ok(n) => {
                assert_eq!(n.as_str().get(2..11).and_then(|d| d.parse::<u32>().ok()), Some(serial));
                assert_eq!(CardNumber::parse(n.as_str()), Ok(n));
            }
            Err(_) => assert!(serial > 999_999_999),
        }
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(n) = CardNumber::parse(text) else { return };
    assert_eq!(n.as_str(), text.to_ascii_uppercase());
    assert_eq!(CardNumber::parse(n.as_str()), Ok(n));
});
