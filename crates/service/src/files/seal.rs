//! The sealed file format. A header, then the plaintext in 64 KiB chunks, each sealed with
//! ChaCha20-Poly1305 (the STREAM construction: a 7-byte random nonce prefix, a chunk counter, and a
//! last-chunk flag, so chunks cannot be reordered, dropped or cut off at the end).
//!
//! `AZE2` (today's): `"AZE2" | key id (u32, big-endian) | nonce prefix (7 bytes)`. Every chunk's
//! associated data is that header followed by the document it belongs to: its application's id
//! (i64, big-endian) and its storage key. A sealed file copied under another document's key, or into
//! another application, does not decrypt.
//!
//! `AZE1` (before key ids): `"AZE1" | nonce prefix`, no associated data, sealed under key id 0. Still
//! opened, so that files stored before this format stay readable; the recorded SHA-256, checked at
//! the end of every read, is what ties such a file to its document.

use bytes::{Buf as _, BytesMut};
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::{ChaCha20Poly1305, KeyInit};
use futures_util::StreamExt as _;
use futures_util::stream::BoxStream;
use object_store::WriteMultipart;
use sha2::{Digest, Sha256};

use super::error::StoreFileError;
use super::keys::FileKeys;

/// Plaintext bytes per sealed chunk.
pub(crate) const CHUNK: usize = 64 * 1024;
/// The authentication tag added to each chunk.
pub(crate) const TAG: usize = 16;
const MAGIC_V1: &[u8; 4] = b"AZE1";
const MAGIC_V2: &[u8; 4] = b"AZE2";
/// The `AZE2` header's length.
pub(crate) const HEADER_V2: usize = 4 + 4 + 7;
const HEADER_V1: usize = 4 + 7;
/// Parts of an upload in flight at once (each holds one part's bytes).
const PARTS_IN_FLIGHT: usize = 1;

/// Which document a sealed file belongs to: bound into every chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRef<'a> {
    /// The application that the document is part of.
    pub application_id: i64,
    /// The storage key (generated, [`super::FileStore::new_key`]).
    pub key: &'a str,
}

/// The associated data of every chunk of an `AZE2` file.
fn associated_data(header: &[u8], file: FileRef<'_>) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + 8 + file.key.len());
    aad.extend_from_slice(header);
    aad.extend_from_slice(&file.application_id.to_be_bytes());
    aad.extend_from_slice(file.key.as_bytes());
    aad
}

/// A file being written; [`FileWriter::finish`] makes it visible. [`FileWriter::abort`], or dropping
/// it unfinished, leaves no object (the multipart upload is aborted; a local staging file removed).
pub struct FileWriter {
    upload: Option<WriteMultipart>,
    enc: Option<EncryptorBE32<ChaCha20Poly1305>>,
    aad: Vec<u8>,
    buf: Vec<u8>,
    key: String,
    store: String,
}

impl FileWriter {
    /// Starts sealing into `upload` under the ring's current key.
    pub(crate) fn start(
        mut upload: WriteMultipart,
        keys: &FileKeys,
        file: FileRef<'_>,
        store: &str,
    ) -> Result<FileWriter, StoreFileError> {
        let (id, key) = keys.current();
        let mut prefix = [0u8; 7];
        getrandom::fill(&mut prefix).map_err(std::io::Error::other)?;
        let mut header = Vec::with_capacity(HEADER_V2);
        header.extend_from_slice(MAGIC_V2);
        header.extend_from_slice(&id.to_be_bytes());
        header.extend_from_slice(&prefix);
        upload.write(&header);
        let enc = EncryptorBE32::from_aead(ChaCha20Poly1305::new(key.into()), (&prefix).into());
        Ok(FileWriter {
            aad: associated_data(&header, file),
            upload: Some(upload),
            enc: Some(enc),
            buf: Vec::with_capacity(CHUNK + TAG),
            key: file.key.to_owned(),
            store: store.to_owned(),
        })
    }

    /// Adds bytes. One chunk's buffer is reused throughout and sealed in place; the upload sends a part
    /// at a time, so a file of any size costs the same memory.
    pub async fn write(&mut self, mut data: &[u8]) -> Result<(), StoreFileError> {
        while !data.is_empty() {
            if self.buf.len() == CHUNK {
                // A full chunk with more to come is not the last one.
                let enc = self.enc.as_mut().ok_or(StoreFileError::Crypto)?;
                enc.encrypt_next_in_place(self.aad.as_slice(), &mut self.buf).map_err(|_| StoreFileError::Crypto)?;
                let upload = self.upload.as_mut().ok_or(StoreFileError::Crypto)?;
                if let Err(e) = upload.wait_for_capacity(PARTS_IN_FLIGHT).await {
                    return Err(StoreFileError::from_store(&self.store, Some(&self.key), e));
                }
                upload.write(&self.buf);
                self.buf.clear();
            }
            let take = (CHUNK - self.buf.len()).min(data.len());
            let (head, rest) = data.split_at(take);
            self.buf.extend_from_slice(head);
            data = rest;
        }
        Ok(())
    }

    /// Seals the last chunk and completes the upload (a failed completion is aborted).
    pub async fn finish(mut self) -> Result<(), StoreFileError> {
        let enc = self.enc.take().ok_or(StoreFileError::Crypto)?;
        let mut last = std::mem::take(&mut self.buf);
        enc.encrypt_last_in_place(self.aad.as_slice(), &mut last).map_err(|_| StoreFileError::Crypto)?;
        let mut upload = self.upload.take().ok_or(StoreFileError::Crypto)?;
        upload.write(&last);
        upload.finish().await.map_err(|e| StoreFileError::from_store(&self.store, Some(&self.key), e))?;
        Ok(())
    }

    /// Gives the file up: the upload is aborted and nothing is stored.
    pub async fn abort(mut self) -> Result<(), StoreFileError> {
        match self.upload.take() {
            Some(upload) => {
                upload.abort().await.map_err(|e| StoreFileError::from_store(&self.store, Some(&self.key), e))
            }
            None => Ok(()),
        }
    }
}

impl Drop for FileWriter {
    fn drop(&mut self) {
        // Unfinished: abort the upload in the background (S3 deletes the parts already sent).
        if let Some(upload) = self.upload.take() {
            if let Ok(rt) = tokio::runtime::Handle::try_current() {
                drop(rt.spawn(async move {
                    if let Err(e) = upload.abort().await {
                        tracing::warn!(error = %e, "an unfinished upload was not aborted");
                    }
                }));
            } else {
                tracing::warn!("an unfinished upload was dropped outside a runtime and not aborted");
            }
        }
    }
}

/// A decrypting reader: chunk by chunk, checking at the end that the plaintext has the SHA-256 recorded
/// for its document. The last chunk is given out only once it has passed that check.
pub struct FileReader {
    source: BoxStream<'static, object_store::Result<bytes::Bytes>>,
    pending: BytesMut,
    remaining: u64,
    dec: Option<DecryptorBE32<ChaCha20Poly1305>>,
    aad: Vec<u8>,
    hash: Sha256,
    expected: String,
    key: String,
    store: String,
}

impl FileReader {
    /// Reads the header of `source` (an object of `len` bytes) and prepares to decrypt it.
    pub(crate) async fn start(
        source: BoxStream<'static, object_store::Result<bytes::Bytes>>,
        len: u64,
        keys: &FileKeys,
        file: FileRef<'_>,
        sha256: &str,
        store: &str,
    ) -> Result<FileReader, StoreFileError> {
        let mut reader = FileReader {
            source,
            pending: BytesMut::new(),
            remaining: len,
            dec: None,
            aad: Vec::new(),
            hash: Sha256::new(),
            expected: sha256.to_ascii_lowercase(),
            key: file.key.to_owned(),
            store: store.to_owned(),
        };
        let magic = reader.take(4).await?;
        let (id, prefix, aad) = if magic.as_ref() == MAGIC_V2 {
            let rest = reader.take(HEADER_V2 - 4).await?;
            let id = u32::from_be_bytes(rest.get(..4).and_then(|b| b.try_into().ok()).ok_or(StoreFileError::Crypto)?);
            let prefix: [u8; 7] = rest.get(4..).and_then(|b| b.try_into().ok()).ok_or(StoreFileError::Crypto)?;
            let mut header = magic.to_vec();
            header.extend_from_slice(&rest);
            (id, prefix, associated_data(&header, file))
        } else if magic.as_ref() == MAGIC_V1 {
            let rest = reader.take(HEADER_V1 - 4).await?;
            let prefix: [u8; 7] = rest.as_ref().try_into().map_err(|_| StoreFileError::Crypto)?;
            (0, prefix, Vec::new())
        } else {
            return Err(StoreFileError::Crypto);
        };
        let key = keys.get(id).ok_or(StoreFileError::UnknownKey(id))?;
        reader.dec = Some(DecryptorBE32::from_aead(ChaCha20Poly1305::new(key.into()), (&prefix).into()));
        reader.aad = aad;
        Ok(reader)
    }

    /// The next `n` bytes of the object.
    async fn take(&mut self, n: usize) -> Result<bytes::Bytes, StoreFileError> {
        while self.pending.len() < n {
            match self.source.next().await {
                Some(Ok(b)) => self.pending.extend_from_slice(&b),
                Some(Err(e)) => return Err(StoreFileError::from_store(&self.store, Some(&self.key), e)),
                None => return Err(StoreFileError::Crypto),
            }
        }
        self.remaining = self.remaining.saturating_sub(n as u64);
        Ok(self.pending.split_to(n).freeze())
    }

    /// The next plaintext chunk, `None` at the end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, StoreFileError> {
        if self.dec.is_none() {
            return Ok(None);
        }
        let full = (CHUNK + TAG) as u64;
        let last = self.remaining <= full;
        let n = usize::try_from(self.remaining.min(full)).map_err(|_| StoreFileError::Crypto)?;
        let sealed = self.take(n).await?;
        let plain = if last {
            let dec = self.dec.take().ok_or(StoreFileError::Crypto)?;
            dec.decrypt_last(chacha20poly1305::aead::Payload { msg: sealed.chunk(), aad: &self.aad })
        } else {
            let dec = self.dec.as_mut().ok_or(StoreFileError::Crypto)?;
            dec.decrypt_next(chacha20poly1305::aead::Payload { msg: sealed.chunk(), aad: &self.aad })
        }
        .map_err(|_| StoreFileError::Crypto)?;
        self.hash.update(&plain);
        if last {
            let actual = hex::encode(std::mem::take(&mut self.hash).finalize());
            if actual != self.expected {
                return Err(StoreFileError::Digest { key: self.key.clone(), expected: self.expected.clone(), actual });
            }
        }
        Ok(Some(plain))
    }

    /// The whole plaintext (for small files and tests).
    pub async fn read_all(mut self) -> Result<Vec<u8>, StoreFileError> {
        let mut out = Vec::new();
        while let Some(c) = self.next_chunk().await? {
            out.extend_from_slice(&c);
        }
        Ok(out)
    }
}
