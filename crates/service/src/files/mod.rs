//! Applicants' files: recognised by their content (PDF, JPEG, PNG; polyglots refused) and hashed with
//! SHA-256 as they arrive ([`inspect`]), sealed with ChaCha20-Poly1305 in 64 KiB chunks (the STREAM
//! construction, so a file is never held whole in memory; each chunk's associated data names the
//! document, [`seal`]) under a key of a rotating key ring ([`keys`]), and kept through `object_store`
//! in a local directory, an S3-compatible bucket over TLS, or memory ([`store`]). Reading a file back
//! checks its recorded SHA-256. Every upload is scanned by `ClamAV`'s daemon as it streams ([`scan`]).
//! A JPEG or PNG is kept only as written anew from its decoded pixels ([`image`]).

mod error;
pub mod image;
mod keys;
pub mod scan;
mod seal;
mod store;

pub use error::StoreFileError;
// What a file is by its content is a pure rule, in `domain` (so the fuzz targets reach it without the service).
pub use domain::upload::*;
pub use keys::*;
pub use scan::ScannerAt;
pub use seal::{FileReader, FileRef, FileWriter};
pub use store::*;

#[cfg(test)]
mod tests;
