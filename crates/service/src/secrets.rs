//! Secrets sealed under a key kept outside the database (decision 0020): staff's TOTP secrets, the
//! e-mails that carry a link with a token while they wait in the job queue, and the second factor an
//! enrolment page hands to its form. A copy of the database alone opens none of them.
//!
//! The key ring is the file keys' format and type ([`crate::files::FileKeys`]: `ID:HEX` a line, the
//! highest id seals, every older one still opens), in its own file (`secrets_key_file`). A sealed value
//! is text: `s1.<key id>.<hex of the 24-byte nonce and the XChaCha20-Poly1305 ciphertext>`, with
//! associated data that binds it to its place (`totp:<e-mail>`, `mail`, `enrol:<token hash>`), so a
//! sealed value copied to another row or another purpose does not open.

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};

use crate::error::AppError;
use crate::files::FileKeys;

/// The prefix of every sealed value (format 1).
pub const PREFIX: &str = "s1.";

/// Why a sealed value did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// Not a sealed value (a clear secret written before sealing, or garbage).
    #[error("not a sealed value")]
    NotSealed,
    /// Sealed under a key id the ring does not have.
    #[error("sealed under an unknown key id")]
    UnknownKey,
    /// The ciphertext, the associated data or the key is wrong (tampered, or moved to another place).
    #[error("the sealed value does not open")]
    Corrupt,
}

/// The associated data of a staff member's TOTP secret.
pub fn totp_place(email: &str) -> String {
    format!("totp:{email}")
}

/// The associated data of a queued e-mail.
pub const MAIL_PLACE: &str = "mail";

/// Seals `clear` under the ring's current key, bound to `place`.
pub fn seal(keys: &FileKeys, place: &str, clear: &[u8]) -> Result<String, AppError> {
    let (id, key) = keys.current();
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut nonce).map_err(|e| AppError::internal(&e))?;
    let cipher = XChaCha20Poly1305::new(key.into());
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: clear, aad: place.as_bytes() })
        .map_err(|_| AppError::internal(&"sealing failed"))?;
    let mut bytes = nonce.to_vec();
    bytes.extend_from_slice(&sealed);
    Ok(format!("{PREFIX}{id}.{}", hex::encode(bytes)))
}

/// The key id a sealed value names, if it is one.
pub fn key_id(sealed: &str) -> Option<u32> {
    sealed.strip_prefix(PREFIX)?.split_once('.')?.0.parse().ok()
}

/// Opens a value sealed by [`seal`] for `place`.
pub fn open(keys: &FileKeys, place: &str, sealed: &str) -> Result<Vec<u8>, OpenError> {
    let rest = sealed.strip_prefix(PREFIX).ok_or(OpenError::NotSealed)?;
    let (id, body) = rest.split_once('.').ok_or(OpenError::NotSealed)?;
    let id: u32 = id.parse().map_err(|_| OpenError::NotSealed)?;
    let key = keys.get(id).ok_or(OpenError::UnknownKey)?;
    let bytes = hex::decode(body).map_err(|_| OpenError::NotSealed)?;
    if bytes.len() < 24 + 16 {
        return Err(OpenError::Corrupt);
    }
    let (nonce, ciphertext) = bytes.split_at(24);
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: place.as_bytes() })
        .map_err(|_| OpenError::Corrupt)
}

/// Seals a TOTP secret (raw bytes) for the staff member with this address.
pub fn seal_totp(keys: &FileKeys, email: &str, secret: &[u8]) -> Result<String, AppError> {
    seal(keys, &totp_place(email), secret)
}

/// Opens a staff member's sealed TOTP secret.
pub fn open_totp(keys: &FileKeys, email: &str, sealed: &str) -> Result<Vec<u8>, OpenError> {
    open(keys, &totp_place(email), sealed)
}

/// Re-seals a stored TOTP secret under the current key: a clear (Base32) secret from before sealing,
/// or one sealed under an older key. `None` when it is sealed under the current key already, or cannot
/// be read (left for the sign-in to refuse, never guessed at).
pub fn reseal_totp(keys: &FileKeys, email: &str, stored: &str) -> Result<Option<String>, AppError> {
    let current = keys.current().0;
    let secret = match open_totp(keys, email, stored) {
        Ok(_) if key_id(stored) == Some(current) => return Ok(None),
        Ok(s) => s,
        Err(OpenError::NotSealed) => match domain::totp::base32_decode(stored) {
            Some(s) if !s.is_empty() => s,
            _ => return Ok(None),
        },
        Err(_) => return Ok(None),
    };
    seal_totp(keys, email, &secret).map(Some)
}

/// Seals, under the current secrets key, every TOTP secret still stored in clear (written before
/// sealing): run at each start, so an upgraded database keeps no clear secret past the first start.
pub async fn seal_clear_secrets(store: &dyn store::Store, keys: &FileKeys) -> Result<usize, store::StoreError> {
    let mut sealed = 0;
    for (id, email, stored) in store.totp_secrets().await? {
        if stored.starts_with(PREFIX) {
            continue;
        }
        if let Ok(Some(new)) = reseal_totp(keys, &email, &stored)
            && store.replace_totp_secret(id, &stored, &new).await?
        {
            sealed += 1;
        }
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::{OpenError, open, reseal_totp, seal};
    use crate::files::FileKeys;

    #[test]
    fn sealed_values_open_only_with_their_key_and_place() {
        let keys = FileKeys::single(1, [7u8; 32]);
        let s = seal(&keys, "totp:a@b.kz", b"secret").expect("seal");
        assert!(s.starts_with("s1.1.") && !s.contains("secret"));
        assert_eq!(open(&keys, "totp:a@b.kz", &s).expect("open"), b"secret");
        assert_eq!(open(&keys, "totp:c@b.kz", &s), Err(OpenError::Corrupt), "another place");
        assert_eq!(open(&FileKeys::single(1, [8u8; 32]), "totp:a@b.kz", &s), Err(OpenError::Corrupt));
        assert_eq!(open(&FileKeys::single(2, [7u8; 32]), "totp:a@b.kz", &s), Err(OpenError::UnknownKey));
        assert_eq!(open(&keys, "x", "GEZDGNBV"), Err(OpenError::NotSealed));
        let mut tampered = s.clone();
        tampered.pop();
        tampered.push(if s.ends_with('0') { '1' } else { '0' });
        assert_eq!(open(&keys, "totp:a@b.kz", &tampered), Err(OpenError::Corrupt));
    }

    #[test]
    fn rotation_reseals_old_and_clear_secrets() {
        let old = FileKeys::single(1, [7u8; 32]);
        let ring = old.clone().with(2, [9u8; 32]);
        let under_old = super::seal_totp(&old, "a@b.kz", b"0123456789").expect("seal");
        let moved = reseal_totp(&ring, "a@b.kz", &under_old).expect("reseal").expect("resealed");
        assert!(moved.starts_with("s1.2."));
        assert_eq!(super::open_totp(&ring, "a@b.kz", &moved).expect("open"), b"0123456789");
        assert_eq!(reseal_totp(&ring, "a@b.kz", &moved).expect("reseal"), None, "already current");
        let clear = reseal_totp(&ring, "a@b.kz", "GEZDGNBVGY3TQOJQ").expect("reseal").expect("sealed");
        assert_eq!(super::open_totp(&ring, "a@b.kz", &clear).expect("open"), b"1234567890");
    }
}
