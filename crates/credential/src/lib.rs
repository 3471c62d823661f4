//! The Ata Zholy card credential (see `docs/credential.md`).
//!
//! A CWT (RFC 8392) signed as COSE_Sign1 with Ed25519, zlib-compressed, Base45-encoded (RFC 9285),
//! prefixed `AZ1:`, shown as a QR code (alphanumeric mode, level Q). Revocation, invalidation and
//! reissue travel in a Token Status List (draft-ietf-oauth-status-list-13). Pure: no I/O, no clock;
//! time is a parameter.

pub mod base45;
pub mod card_number;
mod cbor;
pub mod claims;
pub mod cose;
pub mod credential;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod keys;
pub mod qr;
pub mod sample;
pub mod status;
pub mod zlib;

pub use card_number::{CardNumber, CardNumberError};
pub use claims::{CardClaims, Citizenship, ClaimsError, StatusReference};
pub use credential::{PREFIX, Verdict, Verification, issue, sign_claims, to_qr_text, verify};
pub use keys::{KeyError, KeyId, KeySet, SigningKey, TrustedKey};
pub use qr::{QrError, qr_modules, qr_png, qr_svg};
pub use status::{CardStatus, StatusList, StatusListError, StatusListToken};
