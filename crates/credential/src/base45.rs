//! Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric set.

use thiserror::Error;

/// The 45 characters of RFC 9285, in value order; exactly QR's alphanumeric set.
pub const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Why a text is not Base45.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Base45Error {
    /// A character outside the 45-character alphabet, at this byte offset.
    #[error("character at offset {0} is not in the Base45 alphabet")]
    BadCharacter(usize),
    /// The length leaves one character over (valid lengths are 3n or 3n + 2).
    #[error("length {0} is not 3n or 3n + 2")]
    BadLength(usize),
    /// A group decodes to a value too large for its bytes (RFC 9285 section 4.2), at this offset.
    #[error("group at offset {0} decodes to a value out of range")]
    ValueOutOfRange(usize),
}

/// Encodes bytes as Base45 text.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(2) * 3);
    let mut push = |value: usize| {
        // value < 45 by construction; `get` keeps the code free of indexing.
        if let Some(&c) = ALPHABET.get(value) {
            out.push(char::from(c));
        }
    };
    for pair in bytes.chunks(2) {
        match *pair {
            [a, b] => {
                let n = usize::from(a) * 256 + usize::from(b);
                push(n % 45);
                push(n / 45 % 45);
                push(n / 2025);
            }
            [a] => {
                let n = usize::from(a);
                push(n % 45);
                push(n / 45);
            }
            _ => {}
        }
    }
    out
}

fn value_of(c: u8) -> Option<u32> {
    let v = match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'Z' => c - b'A' + 10,
        b' ' => 36,
        b'$' => 37,
        b'%' => 38,
        b'*' => 39,
        b'+' => 40,
        b'-' => 41,
        b'.' => 42,
        b'/' => 43,
        b':' => 44,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes Base45 text strictly: every group must be in range, so each text has one decoding.
pub fn decode(text: &str) -> Result<Vec<u8>, Base45Error> {
    let bytes = text.as_bytes();
    if bytes.len() % 3 == 1 {
        return Err(Base45Error::BadLength(bytes.len()));
    }
    let mut out = Vec::with_capacity(bytes.len() / 3 * 2 + 1);
    for (group, chunk) in bytes.chunks(3).enumerate() {
        let offset = group * 3;
        let mut n = 0u32;
        let mut scale = 1u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = value_of(c).ok_or(Base45Error::BadCharacter(offset + i))?;
            n += v * scale;
            scale *= 45;
        }
        if chunk.len() == 3 {
            let pair = u16::try_from(n).map_err(|_| Base45Error::ValueOutOfRange(offset))?;
            out.extend_from_slice(&pair.to_be_bytes());
        } else {
            out.push(u8::try_from(n).map_err(|_| Base45Error::ValueOutOfRange(offset))?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RFC_9285_EXAMPLES: [(&str, &str); 4] =
        [("AB", "BB8"), ("Hello!!", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf!", "QED8WEX0")];

    #[test]
    fn rfc_9285_examples_encode_and_decode() {
        for (plain, encoded) in RFC_9285_EXAMPLES {
            assert_eq!(encode(plain.as_bytes()), encoded, "encoding {plain:?}");
            assert_eq!(decode(encoded).unwrap(), plain.as_bytes(), "decoding {encoded:?}");
        }
    }

    #[test]
    fn rejects_what_rfc_9285_rejects() {
        assert_eq!(decode("GGW"), Err(Base45Error::ValueOutOfRange(0)), "65536 does not fit two bytes");
        assert_eq!(decode("ZZ"), Err(Base45Error::ValueOutOfRange(0)), "1574 does not fit one byte");
        assert_eq!(decode("BB8A"), Err(Base45Error::BadLength(4)));
        assert_eq!(decode("BB8a"), Err(Base45Error::BadLength(4)));
        assert_eq!(decode("BBa"), Err(Base45Error::BadCharacter(2)));
        assert_eq!(decode(""), Ok(vec![]));
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = encode(&bytes);
            prop_assert!(text.bytes().all(|c| ALPHABET.contains(&c)));
            prop_assert_eq!(decode(&text).unwrap(), bytes);
        }

        #[test]
        fn never_panics(text in ".{0,60}") {
            let _ = decode(&text);
        }
    }
}
