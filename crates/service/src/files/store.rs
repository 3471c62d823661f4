//! Where sealed files are kept, through `object_store`: a local directory (the default; files under
//! `<dir>/<2 hex>/<key>`), an S3-compatible bucket over TLS (objects named by their key), or memory
//! (tests). One type, [`FileStore`], whichever it is.

use std::path::PathBuf;
use std::sync::Arc;

use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt as _, WriteMultipart};

use super::error::StoreFileError;
use super::keys::FileKeys;
use super::seal::{FileReader, FileRef, FileWriter};

/// S3 takes parts of at least 5 MiB (but the last); a part in flight and the next one filling.
const S3_PART: usize = 5 * 1024 * 1024;
/// Parts on the local disk and in memory need no minimum: a sealed chunk's size keeps 20 uploads at
/// once within a few MiB (decision 0006's memory target).
const LOCAL_PART: usize = 64 * 1024 + 16;

/// Where applicants' files are kept.
#[derive(Debug, Clone)]
pub enum Location {
    /// A local directory (made at start if missing).
    Dir(PathBuf),
    /// An S3-compatible bucket.
    S3(S3Settings),
    /// Memory, for tests: gone when the process ends.
    Memory,
}

/// Where and how to reach the bucket.
#[derive(Clone)]
pub struct S3Settings {
    /// `https://host:port` (path-style requests go to `{endpoint}/{bucket}/{key}`).
    pub endpoint: String,
    /// The signing region, e.g. `us-east-1`.
    pub region: String,
    /// The bucket (it must exist: atajoly does not create it).
    pub bucket: String,
    /// The access key id.
    pub access_key: String,
    /// The secret access key; never printed.
    pub secret_key: String,
    /// A PEM file of certificates to trust besides the system's (a private CA, a self-signed server).
    pub ca_file: Option<PathBuf>,
    /// Whether an `http://` endpoint is allowed (development only: requests and files' names travel in clear).
    pub allow_http: bool,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("bucket", &self.bucket)
            .field("access_key", &self.access_key)
            .field("secret_key", &"***")
            .field("ca_file", &self.ca_file)
            .field("allow_http", &self.allow_http)
            .finish()
    }
}

/// The file store: sealing (with the key ring) on top of an object store.
#[derive(Clone)]
pub struct FileStore {
    objects: Arc<dyn ObjectStore>,
    keys: FileKeys,
    /// Local directories spread files over 256 subdirectories by the key's first two digits.
    fanout: bool,
    part_size: usize,
    /// Which store, for errors: "the directory data/files", "the bucket b at https://…".
    label: String,
    /// The local directory, when it is one (its unfinished writes are files the object store's listing
    /// does not show).
    dir: Option<PathBuf>,
}

/// A stored object, as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its storage key (a document's `blob_key`), or for an unfinished write its file's path.
    pub key: String,
    /// When it was last written (Unix seconds).
    pub modified: i64,
    /// An unfinished write left on the local disk (`<key>#<n>`, by a process that stopped mid-upload).
    pub unfinished: bool,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("store", &self.label)
            .field("objects", &self.objects)
            .field("keys", &self.keys)
            .field("fanout", &self.fanout)
            .field("part_size", &self.part_size)
            .field("dir", &self.dir)
            .finish()
    }
}

impl FileStore {
    /// The store at `location`, checked: the directory is made, the bucket answers to the credentials.
    pub async fn connect(location: &Location, keys: FileKeys) -> Result<FileStore, StoreFileError> {
        let store = match location {
            Location::Dir(dir) => FileStore::local(dir, keys)?,
            Location::S3(s3) => FileStore::s3(s3, keys)?,
            Location::Memory => FileStore::memory(keys),
        };
        store.check().await?;
        Ok(store)
    }

    /// A store in the local directory `dir` (made if missing).
    pub fn local(dir: &std::path::Path, keys: FileKeys) -> Result<FileStore, StoreFileError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreFileError::Config(format!("the files' directory {}: {e}", dir.display())))?;
        let objects = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| StoreFileError::Config(format!("the files' directory {}: {e}", dir.display())))?;
        Ok(FileStore {
            objects: Arc::new(objects),
            keys,
            fanout: true,
            part_size: LOCAL_PART,
            label: format!("the directory {}", dir.display()),
            dir: Some(dir.to_path_buf()),
        })
    }

    /// A store in memory.
    pub fn memory(keys: FileKeys) -> FileStore {
        FileStore {
            objects: Arc::new(object_store::memory::InMemory::new()),
            keys,
            fanout: false,
            part_size: LOCAL_PART,
            label: "memory".into(),
            dir: None,
        }
    }

    /// A store in an S3-compatible bucket, over TLS unless `allow_http`.
    pub fn s3(s3: &S3Settings, keys: FileKeys) -> Result<FileStore, StoreFileError> {
        // reqwest is built without a default TLS provider (ring instead of aws-lc: decision 0015).
        crate::tls::use_ring();
        let endpoint = s3.endpoint.trim_end_matches('/');
        let label = format!("the bucket {} at {endpoint}", s3.bucket);
        if endpoint.starts_with("http://") && !s3.allow_http {
            return Err(StoreFileError::Config(format!(
                "{label}: an http:// endpoint is in clear; use https:// (ATAJOLY_S3_CA_FILE names a private CA) \
                 or set ATAJOLY_S3_ALLOW_HTTP=true for development"
            )));
        }
        if !endpoint.starts_with("https://") && !endpoint.starts_with("http://") {
            return Err(StoreFileError::Config(format!("{label}: the endpoint must be an https:// URL")));
        }
        // Without keys, object_store would ask a cloud metadata service for credentials.
        if s3.access_key.is_empty() || s3.secret_key.is_empty() {
            return Err(StoreFileError::Config(format!(
                "{label}: ATAJOLY_S3_ACCESS_KEY and ATAJOLY_S3_SECRET_KEY are required"
            )));
        }
        let mut options = object_store::ClientOptions::new();
        if let Some(ca) = &s3.ca_file {
            let what = || format!("the certificate file {}", ca.display());
            for cert in crate::tls::extra_roots(ca).map_err(StoreFileError::Config)? {
                let cert = object_store::Certificate::from_der(&cert)
                    .map_err(|e| StoreFileError::Config(format!("{}: {e}", what())))?;
                options = options.with_root_certificate(cert);
            }
        }
        let objects = object_store::aws::AmazonS3Builder::new()
            .with_endpoint(endpoint)
            .with_region(&s3.region)
            .with_bucket_name(&s3.bucket)
            .with_access_key_id(&s3.access_key)
            .with_secret_access_key(&s3.secret_key)
            .with_virtual_hosted_style_request(false)
            .with_allow_http(s3.allow_http)
            .with_client_options(options)
            .build()
            .map_err(|e| StoreFileError::Config(format!("{label}: {e}")))?;
        Ok(FileStore { objects: Arc::new(objects), keys, fanout: false, part_size: S3_PART, label, dir: None })
    }

    /// Asks the store for an object that is never there, so that a missing bucket, refused credentials
    /// or an untrusted certificate show at start, not at the first upload. (A read, not a listing:
    /// `object_store` says which status a read was refused with, and wraps a listing's in a generic error.)
    pub async fn check(&self) -> Result<(), StoreFileError> {
        const PROBE: &str = "atajoly-check";
        match self.objects.get(&Path::from(PROBE)).await {
            Ok(_) => Ok(()),
            Err(e) => match StoreFileError::from_store(&self.label, Some(PROBE), e) {
                StoreFileError::Missing { .. } => Ok(()),
                other => Err(other),
            },
        }
    }

    /// The key ring.
    pub fn keys(&self) -> &FileKeys {
        &self.keys
    }

    /// The underlying object store (tests look at the sealed bytes through it).
    pub fn objects(&self) -> &Arc<dyn ObjectStore> {
        &self.objects
    }

    /// Where the object of storage key `key` is.
    pub fn path(&self, key: &str) -> Result<Path, StoreFileError> {
        let well_formed = key.len() >= 2 && key.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
        match key.get(..2) {
            Some(fan) if well_formed && self.fanout => Ok(Path::from(format!("{fan}/{key}"))),
            Some(_) if well_formed => Ok(Path::from(key)),
            _ => Err(StoreFileError::BadKey(key.to_owned())),
        }
    }

    /// A new generated storage key.
    pub fn new_key() -> Result<String, StoreFileError> {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(std::io::Error::other)?;
        Ok(hex::encode(b))
    }

    /// Starts writing the file of `file`, sealed under the current key.
    pub async fn create(&self, file: FileRef<'_>) -> Result<FileWriter, StoreFileError> {
        let path = self.path(file.key)?;
        let upload = self
            .objects
            .put_multipart(&path)
            .await
            .map_err(|e| StoreFileError::from_store(&self.label, Some(file.key), e))?;
        FileWriter::start(WriteMultipart::new_with_chunk_size(upload, self.part_size), &self.keys, file, &self.label)
    }

    /// Opens the file of `file` to read it decrypted, a chunk at a time; the last chunk comes only if the
    /// whole file has the SHA-256 `sha256` (hex) recorded for it.
    pub async fn open(&self, file: FileRef<'_>, sha256: &str) -> Result<FileReader, StoreFileError> {
        let path = self.path(file.key)?;
        let got =
            self.objects.get(&path).await.map_err(|e| StoreFileError::from_store(&self.label, Some(file.key), e))?;
        let len = got.meta.size;
        FileReader::start(got.into_stream(), len, &self.keys, file, sha256, &self.label).await
    }

    /// Opens a document's file, checked against the document's recorded SHA-256.
    pub async fn open_document(&self, d: &store::Document) -> Result<FileReader, StoreFileError> {
        self.open(FileRef { application_id: d.application_id, key: &d.blob_key }, &d.sha256).await
    }

    /// Removes an object (after a failed transaction, or a deleted document); a missing one is fine.
    pub async fn remove(&self, key: &str) {
        let result = match self.path(key) {
            Ok(path) => {
                self.objects.delete(&path).await.map_err(|e| StoreFileError::from_store(&self.label, Some(key), e))
            }
            Err(e) => Err(e),
        };
        match result {
            Ok(()) | Err(StoreFileError::Missing { .. }) => {}
            Err(e) => tracing::warn!(key, error = %e, "file not removed"),
        }
    }

    /// Every stored object with when it was last written, and on a local disk the unfinished writes
    /// too (an S3 bucket keeps those as incomplete multipart uploads, which its lifecycle rule ends).
    pub async fn list(&self) -> Result<Vec<Stored>, StoreFileError> {
        use futures_util::StreamExt as _;
        let mut out = Vec::new();
        let mut listing = self.objects.list(None);
        while let Some(meta) = listing.next().await {
            let meta = meta.map_err(|e| StoreFileError::from_store(&self.label, None, e))?;
            let key = meta.location.filename().unwrap_or_default().to_owned();
            out.push(Stored { key, modified: meta.last_modified.timestamp(), unfinished: false });
        }
        if let Some(dir) = &self.dir {
            let dir = dir.clone();
            let parts = tokio::task::spawn_blocking(move || unfinished_writes(&dir))
                .await
                .map_err(|e| StoreFileError::Io(std::io::Error::other(e)))??;
            out.extend(parts);
        }
        Ok(out)
    }

    /// Deletes what [`FileStore::list`] showed: an object by its key, an unfinished write by its path.
    pub async fn remove_stored(&self, s: &Stored) {
        if s.unfinished {
            if let Err(e) = tokio::fs::remove_file(&s.key).await
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(path = s.key, error = %e, "unfinished write not removed");
            }
        } else {
            self.remove(&s.key).await;
        }
    }
}

/// The files `<dir>/<fan>/<key>#<n>` that `object_store` writes before renaming them to `<key>` (left
/// behind by a process that stopped mid-upload; its listing skips them).
fn unfinished_writes(dir: &std::path::Path) -> Result<Vec<Stored>, StoreFileError> {
    let mut out = Vec::new();
    for fan in std::fs::read_dir(dir)? {
        let fan = fan?;
        if !fan.file_type()?.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(fan.path())? {
            let f = f?;
            let name = f.file_name().to_string_lossy().into_owned();
            let unfinished =
                name.split_once('#').is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if unfinished {
                let modified = f.metadata()?.modified()?;
                let secs = modified.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
                out.push(Stored {
                    key: f.path().to_string_lossy().into_owned(),
                    modified: i64::try_from(secs).unwrap_or(i64::MAX),
                    unfinished: true,
                });
            }
        }
    }
    Ok(out)
}
