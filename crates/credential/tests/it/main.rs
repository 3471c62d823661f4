//! Integration tests of the card credential, in one binary.
#![expect(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "tests fail loudly")]

mod common;
mod fuzz;
mod verdicts;
