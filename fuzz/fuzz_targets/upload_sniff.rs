#![no_main]
//! What an upload is (PDF, JPEG, PNG; polyglots and PDFs with active content refused), decided as the
//! file streams by: never a panic, and the verdict does not depend on how the network cut the file.
//! The first byte of the input is the size of the pieces (0: one byte), the second the size limit in KiB (0: 1 MiB).

use domain::upload::{FileProblem, Inspector, Kind};
use libfuzzer_sys::fuzz_target;

mod common;

fn inspect(pieces: &[&[u8]], limit: u64) -> Result<(Kind, u64, String), FileProblem> {
    let mut i = Inspector::new(limit);
    for p in pieces {
        i.update(p)?;
    }
    i.finish()
}

fuzz_target!(|data: &[u8]| {
    let Some((&[size, kib], file)) = data.split_first_chunk::<2>() else { return };
    let limit = if kib == 0 { 1 << 20 } else { u64::from(kib) * 1024 };
    let whole = inspect(&[file], limit);
    // Pieces of `size` bytes, or of one byte when `size` is 0.
    let cut = inspect(&common::pieces(file, size.max(1)), limit);
    for other in [&cut] {
        match (&whole, other) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            // Over the limit is found when the piece that passes it arrives, a wrong start at the eighth byte.
            (
                Err(FileProblem::TooLarge | FileProblem::UnsupportedType),
                Err(FileProblem::TooLarge | FileProblem::UnsupportedType),
            ) => {}
            (a, b) => assert_eq!(a, b, "the verdict changed with the pieces (whole, then in pieces of {size})"),
        }
    }
    if let Ok((kind, n, hash)) = whole {
        assert_eq!(n, file.len() as u64);
        assert_eq!(hash.len(), 64);
        assert!(file.len() as u64 <= limit);
        assert!(match kind {
            Kind::Pdf => file.starts_with(b"%PDF-"),
            Kind::Jpeg => file.starts_with(&[0xFF, 0xD8, 0xFF]),
            Kind::Png => file.starts_with(b"\x89PNG\r\n\x1a\n"),
        });
    }
});
