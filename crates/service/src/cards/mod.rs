//! The card, whoever asks: the signing keys, the card issued in the grant's transaction, the signed
//! status lists, online verification with its log, and the card's life (invalidation on Kazakh
//! citizenship, revocation with a countersignature, expiry, reissue on a new passport). Who may do
//! what is decided here, deny by default; every state change is one transaction with its audit event.

pub(crate) mod keys;
mod life;
mod verify;

pub use crate::granting::{card_for, issue_event, issue_in};
pub use keys::*;
pub use life::*;
pub use verify::*;

use time::Duration;

/// Kazakhstan's time (UTC+5 since 1 March 2024): a card's days begin and end at its midnight.
pub use crate::clock::KZ_OFFSET;

/// How long a served status list is reused before it is signed again (unless a card changed here).
const LIST_REUSE: Duration = Duration::seconds(60);

/// Kinds of verifiers a verifier may say they are.
pub const VERIFIERS: [&str; 6] = ["employer", "hospital", "school", "border", "bank", "other"];

/// The role of the citizenship registry's API key.
pub const REGISTRY: &str = "registry";
