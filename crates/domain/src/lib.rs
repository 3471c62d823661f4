//! Pure types and rules of the Ata Zholy card procedure. No I/O, no async, no framework types.

pub mod account;
pub mod application;
pub mod calendar;
pub mod card;
pub mod case;
pub mod collate;
pub mod complaint;
pub mod eligibility;
pub mod flow;
pub mod fold;
pub mod hearing;
pub mod iin;
pub mod lang;
pub mod mrz;
pub mod procedure;
pub mod reference;
pub mod search;
pub mod totp;
pub mod upload;

pub use lang::{Lang, Text};
