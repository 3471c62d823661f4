//! Applicants' files: recognised by their content (PDF, JPEG, PNG; polyglots refused), hashed with
//! SHA-256, encrypted at rest with ChaCha20-Poly1305 in 64 KiB chunks (the STREAM construction, so a
//! file is never held whole in memory), and kept under generated names in a local directory.

use std::path::PathBuf;

use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::{ChaCha20Poly1305, KeyInit};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The key that encrypts files; never printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct FileKey(pub [u8; 32]);

impl std::fmt::Debug for FileKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileKey(***)")
    }
}

/// Plaintext bytes per encrypted chunk.
const CHUNK: usize = 64 * 1024;
/// The authentication tag added to each chunk.
const TAG: usize = 16;
/// File header: magic and the 7-byte nonce prefix of the STREAM construction.
const MAGIC: &[u8; 4] = b"AZE1";
const HEADER: usize = 4 + 7;
/// How much of the end of a file is kept to check its trailer.
const TAIL: usize = 65_557;

/// What a file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `%PDF-`.
    Pdf,
    /// JPEG/JFIF/EXIF.
    Jpeg,
    /// PNG.
    Png,
}

impl Kind {
    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }
}

/// Why a file was refused; `as_str` is the stable problem code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// No bytes.
    Empty,
    /// Not a PDF, JPEG or PNG (whatever its name says).
    UnsupportedType,
    /// Valid at the start, but something else too (trailing data, an archive, markup).
    Polyglot,
    /// Over the per-file limit.
    TooLarge,
}

impl FileProblem {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            FileProblem::Empty => "empty",
            FileProblem::UnsupportedType => "unsupported_type",
            FileProblem::Polyglot => "polyglot",
            FileProblem::TooLarge => "too_large",
        }
    }
}

/// Looks at a file as it streams by: its start, its end, its hash and size.
pub struct Inspector {
    head: Vec<u8>,
    tail: Vec<u8>,
    size: u64,
    hash: Sha256,
    limit: u64,
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

impl Inspector {
    /// An inspector refusing files over `limit` bytes.
    pub fn new(limit: u64) -> Inspector {
        Inspector {
            head: Vec::with_capacity(1024),
            tail: Vec::with_capacity(TAIL * 2),
            size: 0,
            hash: Sha256::new(),
            limit,
        }
    }

    /// Takes the next piece; refuses as soon as the file is over its limit or its start is wrong.
    pub fn update(&mut self, data: &[u8]) -> Result<(), FileProblem> {
        self.size += data.len() as u64;
        if self.size > self.limit {
            return Err(FileProblem::TooLarge);
        }
        let room = 1024usize.saturating_sub(self.head.len());
        self.head.extend_from_slice(data.get(..room.min(data.len())).unwrap_or_default());
        if self.head.len() >= 8 {
            sniff(&self.head)?;
        }
        self.hash.update(data);
        self.tail.extend_from_slice(data);
        if self.tail.len() > TAIL * 2 {
            let cut = self.tail.len() - TAIL;
            self.tail.drain(..cut);
        }
        Ok(())
    }

    /// The verdict once the whole file has passed: its kind, size and SHA-256.
    pub fn finish(self) -> Result<(Kind, u64, String), FileProblem> {
        if self.size == 0 {
            return Err(FileProblem::Empty);
        }
        let kind = sniff(&self.head)?;
        let start = self.tail.len().saturating_sub(TAIL);
        let tail = self.tail.get(start..).unwrap_or_default();
        // A ZIP's end-of-central-directory record near the end makes the file an archive as well.
        if find(tail, b"PK\x05\x06") || find_ci(&self.head, b"<script") || find_ci(&self.head, b"<html") {
            return Err(FileProblem::Polyglot);
        }
        let end = |n: usize| tail.get(tail.len().saturating_sub(n)..).unwrap_or_default();
        let well_ended = match kind {
            Kind::Pdf => find(end(1024), b"%%EOF"),
            Kind::Jpeg => {
                let trimmed =
                    tail.iter().rposition(|b| *b != 0).map_or(&[][..], |i| tail.get(..=i).unwrap_or_default());
                trimmed.ends_with(&[0xFF, 0xD9])
            }
            Kind::Png => end(12) == [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82],
        };
        if !well_ended {
            return Err(FileProblem::Polyglot);
        }
        Ok((kind, self.size, hex::encode(self.hash.finalize())))
    }
}

/// The kind a file's first bytes announce.
fn sniff(head: &[u8]) -> Result<Kind, FileProblem> {
    if head.starts_with(b"%PDF-") {
        Ok(Kind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(Kind::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok(Kind::Png)
    } else {
        Err(FileProblem::UnsupportedType)
    }
}

/// What can go wrong storing or reading a file.
#[derive(Debug, thiserror::Error)]
pub enum StoreFileError {
    /// The disk.
    #[error("file store: {0}")]
    Io(#[from] std::io::Error),
    /// The S3-compatible store.
    #[error("file store: {0}")]
    S3(#[from] crate::s3::S3Error),
    /// A chunk that does not authenticate: the file was changed or the key is wrong.
    #[error("file store: a stored file does not decrypt (changed, or another key)")]
    Crypto,
}

/// Where encrypted files go: a local directory (`<dir>/<2 hex>/<key>`) or an S3-compatible bucket.
#[derive(Clone, Debug)]
enum Backend {
    Dir(PathBuf),
    S3(Box<crate::s3::S3>),
}

/// The file store: encryption on top of a local directory or an S3-compatible bucket.
#[derive(Clone)]
pub struct FileStore {
    backend: Backend,
    key: [u8; 32],
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore").field("backend", &self.backend).field("key", &"***").finish()
    }
}

/// Where a file's sealed bytes go while it is written.
enum Sink {
    Dir { file: tokio::fs::File, tmp: PathBuf, dest: PathBuf },
    S3(Box<crate::s3::S3Upload>),
}

/// A file being written; [`FileWriter::finish`] makes it visible, dropping it unfinished leaves nothing
/// (a partial local file is removed; an unfinished S3 upload is aborted).
pub struct FileWriter {
    sink: Option<Sink>,
    enc: Option<EncryptorBE32<ChaCha20Poly1305>>,
    buf: Vec<u8>,
}

impl FileStore {
    /// A store in the local directory `dir` with the 32-byte `key`.
    pub fn new(dir: PathBuf, key: [u8; 32]) -> FileStore {
        FileStore { backend: Backend::Dir(dir), key }
    }

    /// A store in an S3-compatible bucket with the 32-byte `key`.
    pub fn s3(client: crate::s3::S3, key: [u8; 32]) -> FileStore {
        FileStore { backend: Backend::S3(Box::new(client)), key }
    }

    /// Reads the key file at `path`, creating it (owner-only) with a random key on first start.
    pub fn load_or_create_key(path: &std::path::Path) -> std::io::Result<[u8; 32]> {
        if let Ok(text) = std::fs::read_to_string(path) {
            let bytes =
                hex::decode(text.trim()).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
            return <[u8; 32]>::try_from(bytes.as_slice())
                .map_err(|_| std::io::Error::other(format!("{}: the key must be 32 bytes of hex", path.display())));
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        std::io::Write::write_all(&mut opts.open(path)?, hex::encode(key).as_bytes())?;
        Ok(key)
    }

    fn path(dir: &std::path::Path, key: &str) -> PathBuf {
        dir.join(key.get(..2).unwrap_or("xx")).join(key)
    }

    /// A new generated name.
    pub fn new_key() -> Result<String, StoreFileError> {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(std::io::Error::other)?;
        Ok(hex::encode(b))
    }

    /// Starts writing the object `key`.
    pub async fn create(&self, key: &str) -> Result<FileWriter, StoreFileError> {
        let mut prefix = [0u8; 7];
        getrandom::fill(&mut prefix).map_err(std::io::Error::other)?;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&prefix);
        let sink = match &self.backend {
            Backend::Dir(dir) => {
                let dest = Self::path(dir, key);
                let tmp_dir = dir.join("tmp");
                tokio::fs::create_dir_all(&tmp_dir).await?;
                if let Some(d) = dest.parent() {
                    tokio::fs::create_dir_all(d).await?;
                }
                let tmp = tmp_dir.join(format!("{key}.part"));
                let mut file = tokio::fs::File::create(&tmp).await?;
                file.write_all(&header).await?;
                Sink::Dir { file, tmp, dest }
            }
            Backend::S3(s3) => {
                let mut upload = s3.start_upload(key).await?;
                upload.write(&header).await?;
                Sink::S3(Box::new(upload))
            }
        };
        let cipher = ChaCha20Poly1305::new(&self.key.into());
        let enc = EncryptorBE32::from_aead(cipher, (&prefix).into());
        Ok(FileWriter { sink: Some(sink), enc: Some(enc), buf: Vec::with_capacity(CHUNK + TAG) })
    }

    /// Removes an object (after a failed transaction, or a deleted document).
    pub async fn remove(&self, key: &str) {
        let result = match &self.backend {
            Backend::Dir(dir) => tokio::fs::remove_file(Self::path(dir, key)).await.map_err(StoreFileError::from),
            Backend::S3(s3) => s3.delete(key).await.map_err(StoreFileError::from),
        };
        if let Err(e) = result {
            tracing::warn!(key, error = %e, "file not removed");
        }
    }

    /// Reads and decrypts an object, one chunk at a time.
    pub async fn open(&self, key: &str) -> Result<FileReader, StoreFileError> {
        let mut source = match &self.backend {
            Backend::Dir(dir) => {
                let file = tokio::fs::File::open(Self::path(dir, key)).await?;
                let len = file.metadata().await?.len();
                Source::Dir(file, len)
            }
            Backend::S3(s3) => {
                let object = s3.get(key).await?;
                let len = object.len();
                Source::S3(object, len)
            }
        };
        let len = match &source {
            Source::Dir(_, l) | Source::S3(_, l) => *l,
        };
        let mut header = [0u8; HEADER];
        source.read_exact(&mut header).await?;
        if &header[..4] != MAGIC {
            return Err(StoreFileError::Crypto);
        }
        let prefix: [u8; 7] = header[4..].try_into().map_err(|_| StoreFileError::Crypto)?;
        let cipher = ChaCha20Poly1305::new(&self.key.into());
        let dec = DecryptorBE32::from_aead(cipher, (&prefix).into());
        Ok(FileReader { source, remaining: len.saturating_sub(HEADER as u64), dec: Some(dec) })
    }
}

/// Where a file's sealed bytes come from.
enum Source {
    Dir(tokio::fs::File, u64),
    S3(crate::s3::S3Object, u64),
}

impl Source {
    async fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), StoreFileError> {
        match self {
            Source::Dir(f, _) => {
                f.read_exact(buf).await?;
            }
            Source::S3(o, _) => o.read_exact(buf).await?,
        }
        Ok(())
    }
}

impl FileWriter {
    /// Adds bytes. One chunk's buffer is reused throughout and sealed in place, so a file of any size
    /// costs the same memory.
    pub async fn write(&mut self, mut data: &[u8]) -> Result<(), StoreFileError> {
        while !data.is_empty() {
            if self.buf.len() == CHUNK {
                // A full chunk with more to come is not the last one.
                let enc = self.enc.as_mut().ok_or(StoreFileError::Crypto)?;
                enc.encrypt_next_in_place(b"", &mut self.buf).map_err(|_| StoreFileError::Crypto)?;
                match self.sink.as_mut().ok_or(StoreFileError::Crypto)? {
                    Sink::Dir { file, .. } => file.write_all(&self.buf).await?,
                    Sink::S3(upload) => upload.write(&self.buf).await?,
                }
                self.buf.clear();
            }
            let take = (CHUNK - self.buf.len()).min(data.len());
            let (head, rest) = data.split_at(take);
            self.buf.extend_from_slice(head);
            data = rest;
        }
        Ok(())
    }

    /// Seals the last chunk and moves the file into place.
    pub async fn finish(mut self) -> Result<(), StoreFileError> {
        let enc = self.enc.take().ok_or(StoreFileError::Crypto)?;
        let mut last = std::mem::take(&mut self.buf);
        enc.encrypt_last_in_place(b"", &mut last).map_err(|_| StoreFileError::Crypto)?;
        match self.sink.take().ok_or(StoreFileError::Crypto)? {
            Sink::Dir { mut file, tmp, dest } => {
                let written = async {
                    file.write_all(&last).await?;
                    file.sync_all().await?;
                    drop(file);
                    tokio::fs::rename(&tmp, &dest).await
                }
                .await;
                if written.is_err() {
                    let _ = tokio::fs::remove_file(&tmp).await;
                }
                written?;
            }
            Sink::S3(mut upload) => {
                upload.write(&last).await?;
                (*upload).finish().await?;
            }
        }
        Ok(())
    }
}

impl Drop for FileWriter {
    fn drop(&mut self) {
        // Unfinished: the partial file goes (an S3 upload aborts itself when dropped).
        if let Some(Sink::Dir { tmp, .. }) = &self.sink {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A decrypting reader.
pub struct FileReader {
    source: Source,
    remaining: u64,
    dec: Option<DecryptorBE32<ChaCha20Poly1305>>,
}

impl FileReader {
    /// The next plaintext chunk, `None` at the end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, StoreFileError> {
        if self.dec.is_none() {
            return Ok(None);
        }
        let full = (CHUNK + TAG) as u64;
        let last = self.remaining <= full;
        let n = usize::try_from(self.remaining.min(full)).map_err(|_| StoreFileError::Crypto)?;
        let mut buf = vec![0u8; n];
        self.source.read_exact(&mut buf).await?;
        self.remaining -= n as u64;
        if last {
            let dec = self.dec.take().ok_or(StoreFileError::Crypto)?;
            dec.decrypt_last(buf.as_slice()).map(Some).map_err(|_| StoreFileError::Crypto)
        } else {
            let dec = self.dec.as_mut().ok_or(StoreFileError::Crypto)?;
            dec.decrypt_next(buf.as_slice()).map(Some).map_err(|_| StoreFileError::Crypto)
        }
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

#[cfg(test)]
mod tests {
    use super::{FileProblem, FileStore, Inspector, Kind};

    fn inspect(bytes: &[u8]) -> Result<Kind, FileProblem> {
        let mut i = Inspector::new(1 << 20);
        for c in bytes.chunks(7) {
            i.update(c)?;
        }
        i.finish().map(|(k, _, _)| k)
    }

    const PNG_END: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(inspect(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"), Ok(Kind::Pdf));
        assert_eq!(inspect(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 0xFF, 0xD9]), Ok(Kind::Jpeg));
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        png.extend_from_slice(&PNG_END);
        assert_eq!(inspect(&png), Ok(Kind::Png));
        assert_eq!(
            inspect(b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode"),
            Err(FileProblem::UnsupportedType)
        );
        assert_eq!(inspect(b"\x7fELF\x02\x01\x01\x00"), Err(FileProblem::UnsupportedType));
        assert_eq!(inspect(b""), Err(FileProblem::Empty));
    }

    #[test]
    fn polyglots_are_refused() {
        // A JPEG with a ZIP archive appended (the classic polyglot).
        let mut jpeg_zip = vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 0xFF, 0xD9];
        jpeg_zip.extend_from_slice(b"PK\x03\x04....PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert_eq!(inspect(&jpeg_zip), Err(FileProblem::Polyglot));
        assert_eq!(inspect(b"%PDF-1.4 <html><script>alert(1)</script> %%EOF"), Err(FileProblem::Polyglot));
        let mut png_tail = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png_tail.extend_from_slice(&PNG_END);
        png_tail.extend_from_slice(b"<?php echo 1; ?>");
        assert_eq!(inspect(&png_tail), Err(FileProblem::Polyglot));
    }

    #[test]
    fn too_large_is_refused_while_streaming() {
        let mut i = Inspector::new(10);
        assert!(i.update(b"%PDF-1.7").is_ok());
        assert_eq!(i.update(b"more bytes"), Err(FileProblem::TooLarge));
    }

    #[tokio::test]
    async fn files_round_trip_encrypted_and_tampering_is_caught() {
        let dir = std::env::temp_dir().join(format!("atajoly-files-{}", uuid::Uuid::new_v4().simple()));
        let store = FileStore::new(dir.clone(), [7u8; 32]);
        for size in [1usize, 65_536, 65_537, 200_000] {
            let data: Vec<u8> = (0..size).map(|i| u8::try_from(i % 251).expect("< 251")).collect();
            let key = FileStore::new_key().expect("key");
            let mut w = store.create(&key).await.expect("create");
            for c in data.chunks(10_000) {
                w.write(c).await.expect("write");
            }
            w.finish().await.expect("finish");
            let raw = std::fs::read(FileStore::path(&dir, &key)).expect("raw");
            // Any 16 bytes of the plaintext would show (a shorter file's bytes may occur by chance).
            if size >= 16 {
                assert!(!raw.windows(16).any(|win| data.windows(16).next() == Some(win)), "stored in clear");
            }
            assert!(raw.len() >= size + 4 + 7 + 16, "header and tag added");
            let back = store.open(&key).await.expect("open").read_all().await.expect("read");
            assert_eq!(back, data, "size {size}");
            let mut bad = raw.clone();
            let last = bad.len() - 1;
            bad[last] ^= 1;
            std::fs::write(FileStore::path(&dir, &key), &bad).expect("tamper");
            assert!(store.open(&key).await.expect("open").read_all().await.is_err());
        }
        // Dropped unfinished: nothing left behind.
        let key = FileStore::new_key().expect("key");
        let mut w = store.create(&key).await.expect("create");
        w.write(b"partial").await.expect("write");
        drop(w);
        assert_eq!(std::fs::read_dir(dir.join("tmp")).expect("tmp").count(), 0);
        assert!(!FileStore::path(&dir, &key).exists());
        let _ = std::fs::remove_dir_all(dir);
    }
}
