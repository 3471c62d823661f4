#![no_main]
//! zlib (the layer under Base45, and a status list's `lst`): never a panic, never more than the limit;
//! what inflates deflates and inflates back to itself, and any bytes (those
//! whose first byte is below 32) come back from their deflation.

use credential::zlib;
use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 4096;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = zlib::inflate(data, LIMIT) {
        assert!(out.len() <= LIMIT);
        assert_eq!(zlib::inflate(&zlib::deflate(&out), LIMIT), Ok(out));
    }
    // Deflating at level 9 costs thirty inflations (its tables are set up anew each time): any bytes
    // make the round trip when their first byte is below 32, one input in eight.
    if data.first().is_some_and(|&b| b < 32) {
        assert_eq!(zlib::inflate(&zlib::deflate(data), data.len()).as_deref(), Ok(data));
    }
});
