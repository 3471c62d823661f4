//! C2SP checkpoints (`tlog-checkpoint`) and signed notes (`signed-note`) with Ed25519 keys.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signer as _, Verifier as _};
use sha2::{Digest, Sha256};

use crate::tree::Hash;

/// The signature type byte of Ed25519 keys in signed notes.
const ED25519: u8 = 0x01;

/// Why a note, a checkpoint or a key is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// Not in the format; says where.
    #[error("malformed {0}")]
    Malformed(&'static str),
    /// No signature by the expected key (name and key id).
    #[error("the note carries no signature by {0}")]
    UnknownKey(String),
    /// A signature by the expected key that does not verify.
    #[error("the signature by {0} does not verify")]
    BadSignature(String),
    /// A checkpoint of another log.
    #[error("the checkpoint is of the log {found}, not {expected}")]
    Origin {
        /// The origin this log has.
        expected: String,
        /// The checkpoint's.
        found: String,
    },
}

/// A key name is non-empty and has no spaces, newlines or `+`.
fn valid_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

/// The key id: the first four bytes of `SHA-256(name || 0x0A || 0x01 || public key)`.
fn key_id(name: &str, public: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ED25519]);
    h.update(public);
    let digest: [u8; 32] = h.finalize().into();
    let [b0, b1, b2, b3, ..] = digest;
    [b0, b1, b2, b3]
}

/// Signs notes under a name (the log's origin).
pub struct NoteSigner {
    name: String,
    key: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for NoteSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteSigner").field("name", &self.name).finish_non_exhaustive()
    }
}

impl NoteSigner {
    /// A signer from a 32-byte Ed25519 seed.
    pub fn new(name: &str, seed: &[u8; 32]) -> Result<Self, NoteError> {
        if !valid_name(name) {
            return Err(NoteError::Malformed("key name"));
        }
        Ok(NoteSigner { name: name.to_owned(), key: ed25519_dalek::SigningKey::from_bytes(seed) })
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The verifier key in the signed-note format: `<name>+<key id hex>+<base64(0x01 || public key)>`.
    pub fn vkey(&self) -> String {
        let public = self.key.verifying_key().to_bytes();
        let id = key_id(&self.name, &public);
        let mut typed = vec![ED25519];
        typed.extend_from_slice(&public);
        format!("{}+{}+{}", self.name, hex(&id), B64.encode(typed))
    }

    /// The note: `text` (which must end in a newline), a blank line, and the signature line
    /// `— <name> <base64(key id || signature)>`.
    pub fn sign(&self, text: &str) -> Result<String, NoteError> {
        if !text.ends_with('\n') || text.contains("\n\n") || text.starts_with('\n') {
            return Err(NoteError::Malformed("note text"));
        }
        let public = self.key.verifying_key().to_bytes();
        let sig = self.key.sign(text.as_bytes()).to_bytes();
        let mut blob = key_id(&self.name, &public).to_vec();
        blob.extend_from_slice(&sig);
        Ok(format!("{text}\n\u{2014} {} {}\n", self.name, B64.encode(blob)))
    }
}

/// Verifies notes signed by one key.
#[derive(Debug, Clone)]
pub struct NoteVerifier {
    name: String,
    id: [u8; 4],
    key: ed25519_dalek::VerifyingKey,
}

/// Parses a verifier key (`<name>+<key id hex>+<base64(0x01 || public key)>`), checking its id.
pub fn parse_vkey(vkey: &str) -> Result<NoteVerifier, NoteError> {
    let mut parts = vkey.trim().splitn(3, '+');
    let (Some(name), Some(id_hex), Some(key_b64)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(NoteError::Malformed("verifier key: three parts joined by +"));
    };
    if !valid_name(name) || id_hex.len() != 8 {
        return Err(NoteError::Malformed("verifier key name or id"));
    }
    let typed = B64.decode(key_b64).map_err(|_| NoteError::Malformed("verifier key base64"))?;
    let Some((&ED25519, public)) = typed.split_first() else {
        return Err(NoteError::Malformed("verifier key type (only Ed25519, 0x01)"));
    };
    let public: [u8; 32] = public.try_into().map_err(|_| NoteError::Malformed("verifier key length"))?;
    let id = key_id(name, &public);
    if hex(&id) != id_hex.to_ascii_lowercase() {
        return Err(NoteError::Malformed("verifier key id (does not match the key)"));
    }
    let key = ed25519_dalek::VerifyingKey::from_bytes(&public).map_err(|_| NoteError::Malformed("verifier key"))?;
    Ok(NoteVerifier { name: name.to_owned(), id, key })
}

impl NoteVerifier {
    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The note's text, if it carries a valid signature by this key (others are ignored).
    pub fn open<'a>(&self, note: &'a str) -> Result<&'a str, NoteError> {
        let split = note.rfind("\n\n").ok_or(NoteError::Malformed("note: no blank line before the signatures"))?;
        let (text, sigs) = (&note[..=split], &note[split + 2..]);
        if sigs.is_empty() || !sigs.ends_with('\n') {
            return Err(NoteError::Malformed("note: signature lines"));
        }
        let mut found = false;
        for line in sigs.lines() {
            let rest = line.strip_prefix("\u{2014} ").ok_or(NoteError::Malformed("signature line (— name sig)"))?;
            let (name, b64) = rest.split_once(' ').ok_or(NoteError::Malformed("signature line"))?;
            let blob = B64.decode(b64).map_err(|_| NoteError::Malformed("signature base64"))?;
            let Some((id, sig)) = blob.split_first_chunk::<4>() else { continue };
            if name != self.name || id != &self.id {
                continue;
            }
            found = true;
            let sig =
                ed25519_dalek::Signature::from_slice(sig).map_err(|_| NoteError::BadSignature(self.name.clone()))?;
            if self.key.verify(text.as_bytes(), &sig).is_ok() {
                return Ok(text);
            }
        }
        Err(if found { NoteError::BadSignature(self.name.clone()) } else { NoteError::UnknownKey(self.name.clone()) })
    }
}

/// A checkpoint (C2SP `tlog-checkpoint`): the log's origin, its size, and the root hash of that size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's unique name.
    pub origin: String,
    /// Leaves in the tree.
    pub size: u64,
    /// The RFC 6962 root hash of the tree.
    pub root: Hash,
}

impl Checkpoint {
    /// The note text: `<origin>\n<size>\n<base64 root>\n`.
    pub fn body(&self) -> String {
        format!("{}\n{}\n{}\n", self.origin, self.size, B64.encode(self.root))
    }

    /// Parses a note text (extension lines after the third are allowed and ignored).
    pub fn parse(text: &str) -> Result<Checkpoint, NoteError> {
        let mut lines = text.split('\n');
        let origin = lines.next().filter(|o| !o.is_empty()).ok_or(NoteError::Malformed("checkpoint origin line"))?;
        let size = lines.next().ok_or(NoteError::Malformed("checkpoint size line"))?;
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) || (size.len() > 1 && size.starts_with('0')) {
            return Err(NoteError::Malformed("checkpoint size (decimal, no leading zeros)"));
        }
        let size = size.parse().map_err(|_| NoteError::Malformed("checkpoint size"))?;
        let root = lines.next().ok_or(NoteError::Malformed("checkpoint root hash line"))?;
        let root: Hash = B64
            .decode(root)
            .ok()
            .and_then(|r| r.try_into().ok())
            .ok_or(NoteError::Malformed("checkpoint root hash (base64 of 32 bytes)"))?;
        if !text.ends_with('\n') {
            return Err(NoteError::Malformed("checkpoint: no final newline"));
        }
        Ok(Checkpoint { origin: origin.to_owned(), size, root })
    }

    /// Opens a signed checkpoint: the signature by `verifier`, then the text, then the origin.
    pub fn open(note: &str, verifier: &NoteVerifier, origin: &str) -> Result<Checkpoint, NoteError> {
        let c = Checkpoint::parse(verifier.open(note)?)?;
        if c.origin != origin {
            return Err(NoteError::Origin { expected: origin.to_owned(), found: c.origin });
        }
        Ok(c)
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_checkpoint_opens_and_a_changed_one_does_not() {
        let signer = NoteSigner::new("example.org/log", &[7u8; 32]).unwrap_or_else(|_| unreachable!());
        let v = parse_vkey(&signer.vkey()).unwrap_or_else(|_| unreachable!());
        let c = Checkpoint { origin: "example.org/log".into(), size: 12, root: [9u8; 32] };
        let note = signer.sign(&c.body()).unwrap_or_else(|_| unreachable!());
        assert_eq!(Checkpoint::open(&note, &v, "example.org/log"), Ok(c));
        let forged = note.replace("\n12\n", "\n13\n");
        assert_eq!(
            Checkpoint::open(&forged, &v, "example.org/log"),
            Err(NoteError::BadSignature("example.org/log".into()))
        );
        assert!(matches!(Checkpoint::open(&note, &v, "other/log"), Err(NoteError::Origin { .. })));
        let other = NoteSigner::new("example.org/log", &[8u8; 32]).unwrap_or_else(|_| unreachable!());
        let v2 = parse_vkey(&other.vkey()).unwrap_or_else(|_| unreachable!());
        assert_eq!(
            Checkpoint::open(&note, &v2, "example.org/log"),
            Err(NoteError::UnknownKey("example.org/log".into()))
        );
        assert!(Checkpoint::open("garbage", &v, "example.org/log").is_err());
        assert!(parse_vkey("a+00000000+AQ==").is_err());
    }

    #[test]
    fn the_c2sp_signed_note_example_key_verifies_its_note() {
        // The example of C2SP signed-note (and of Go's golang.org/x/mod/sumdb/note): the key
        // "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW" signed "If you think
        // cryptography is the answer to your problem,\nthen you don't know what your problem is.\n".
        let v = parse_vkey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
            .unwrap_or_else(|e| panic!("{e}"));
        let note = "If you think cryptography is the answer to your problem,\n\
                    then you don't know what your problem is.\n\
                    \n\
                    \u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
        assert!(v.open(note).is_ok());
    }
}
