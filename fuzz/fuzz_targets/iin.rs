#![no_main]
//! The IIN as typed: never a panic; an IIN accepted is its 12 digits, reads back the same, and agrees
//! with the birth date and sex it encodes.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(iin) = domain::iin::Iin::parse(text) else { return };
    let digits = iin.as_string();
    assert_eq!(digits, text.trim(), "an accepted IIN is its digits");
    assert_eq!(domain::iin::Iin::parse(&digits), Ok(iin));
    assert_eq!(domain::iin::check_iin(text, iin.birth_date(), iin.sex()), Ok(iin));
});
