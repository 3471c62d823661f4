//! What several targets share: the sample key (TEST-ONLY, public) and its key set, the sample status
//! list, and cutting an input into pieces as a network would.

#![allow(dead_code, reason = "each target uses a part")]

use std::sync::OnceLock;

use credential::sample::{sample_key, sample_status_list};
use credential::{CardStatus, KeySet, SigningKey, StatusListToken, TrustedKey};

/// The sample signing key.
pub fn key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(sample_key)
}

/// A key set holding the sample key, usable at any time.
pub fn keys() -> &'static KeySet {
    static KEYS: OnceLock<KeySet> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut set = KeySet::new();
        set.insert(TrustedKey::of(key(), None, None)).expect("one key");
        set
    })
}

/// The sample status list (the sample card VALID).
pub fn status_list() -> &'static StatusListToken {
    static LIST: OnceLock<StatusListToken> = OnceLock::new();
    LIST.get_or_init(|| sample_status_list(CardStatus::Valid).expect("sample list"))
}

/// The input cut into pieces of `size` bytes (the whole input at once when `size` is 0).
pub fn pieces(data: &[u8], size: u8) -> Vec<&[u8]> {
    if size == 0 || data.is_empty() { vec![data] } else { data.chunks(usize::from(size)).collect() }
}
