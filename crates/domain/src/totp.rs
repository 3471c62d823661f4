//! Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s), the second factor of staff, and
//! the Base32 (RFC 4648) their secrets are written in for authenticator apps.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP: i64 = 30;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Base32 without padding, as authenticator apps take it.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for b in bytes {
        buf = (buf << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(*ALPHABET.get(((buf >> bits) & 31) as usize).unwrap_or(&b'A')));
        }
    }
    if bits > 0 {
        out.push(char::from(*ALPHABET.get(((buf << (5 - bits)) & 31) as usize).unwrap_or(&b'A')));
    }
    out
}

/// Decodes Base32 (case and padding ignored); `None` for any other character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').chars().filter(|c| !c.is_whitespace()) {
        let v = ALPHABET.iter().position(|a| char::from(*a) == c.to_ascii_uppercase())?;
        buf = (buf << 5) | u32::try_from(v).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buf >> bits) & 0xFF).ok()?);
        }
    }
    Some(out)
}

/// The HOTP value (RFC 4226) of `secret` at `counter`, six digits.
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&counter.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h.last().copied().unwrap_or(0) & 0x0F);
    let word = h.get(offset..offset + 4).and_then(|w| <[u8; 4]>::try_from(w).ok()).map_or(0, u32::from_be_bytes);
    (word & 0x7FFF_FFFF) % 1_000_000
}

/// Checks a typed code at `now` (one step of clock drift either way). Returns the step it matched, which
/// must be later than `last_step` (a code works once).
pub fn verify(secret: &[u8], code: &str, now: i64, last_step: Option<i64>) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let typed: u32 = code.parse().ok()?;
    let step = now.div_euclid(STEP);
    (step - 1..=step + 1)
        .filter(|s| last_step.is_none_or(|l| *s > l))
        .find(|s| u64::try_from(*s).is_ok_and(|c| hotp(secret, c) == typed))
}

/// The `otpauth://` URI an authenticator app scans.
pub fn uri(secret: &[u8], account: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.@".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period={STEP}",
        enc("Ata Zholy"),
        enc(account),
        base32(secret),
        enc("Ata Zholy")
    )
}

#[cfg(test)]
mod tests {
    use super::{base32, base32_decode, hotp, verify};

    // RFC 6238 appendix B (SHA1 seed "12345678901234567890"), reduced to six digits.
    const SEED: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_vectors() {
        for (t, want) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
        ] {
            assert_eq!(hotp(SEED, u64::try_from(t / 30).unwrap_or(0)), want, "t = {t}");
        }
        // RFC 4226 appendix D.
        assert_eq!((0..3).map(|c| hotp(SEED, c)).collect::<Vec<_>>(), [755_224, 287_082, 359_152]);
    }

    #[test]
    fn codes_work_within_a_step_of_drift_and_only_once() {
        let at = 1_111_111_109;
        assert_eq!(verify(SEED, "081804", at, None), Some(at / 30));
        assert_eq!(verify(SEED, "081 804", at + 30, None), Some(at / 30), "one step late is fine");
        assert_eq!(verify(SEED, "081804", at + 90, None), None, "three steps late is not");
        assert_eq!(verify(SEED, "081804", at, Some(at / 30)), None, "a code works once");
        assert_eq!(verify(SEED, "81804", at, None), None);
        assert_eq!(verify(SEED, "abcdef", at, None), None);
    }

    #[test]
    fn base32_round_trips() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw6ytboi======").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(base32_decode("MZ1"), None);
        let secret: Vec<u8> = (0..20).collect();
        assert_eq!(base32_decode(&base32(&secret)), Some(secret));
    }
}
