#![no_main]
//! The passport's machine-readable zone as an applicant types or pastes it (two bytes of the input
//! choose "today", the rest is the text): never a panic; a zone accepted is two lines of 44 ICAO
//! characters once spaces are dropped (no other script read as Latin), and reads the same again.

use libfuzzer_sys::fuzz_target;
use time::Duration;
use time::macros::date;

fuzz_target!(|data: &[u8]| {
    let Some((day, rest)) = data.split_first_chunk::<2>() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let today = date!(1950 - 01 - 01) + Duration::days(i64::from(u16::from_le_bytes(*day)));
    let _ = domain::mrz::check_digit(text);
    let Ok(mrz) = domain::mrz::parse(text, today) else { return };
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect();
    assert!(
        lines.len() == 2
            && lines.iter().all(|l| l.len() == 44 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '<')),
        "an accepted zone is two lines of 44 of A-Z, 0-9 and <: {text:?}"
    );
    assert!(matches!(mrz.sex, 'M' | 'F' | 'X'));
    assert_eq!(domain::mrz::parse(&lines.join("\n").to_ascii_uppercase(), today), Ok(mrz), "read again: {text:?}");
});
