//! What can go wrong storing or reading a file, said so that an operator knows what to fix.

/// What can go wrong storing or reading a file.
#[derive(Debug, thiserror::Error)]
pub enum StoreFileError {
    /// The local disk (the key file, the files' directory).
    #[error("file store: {0}")]
    Io(#[from] std::io::Error),
    /// The store refused the credentials (HTTP 401 or 403 from an S3-compatible store).
    #[error(
        "file store: {store} refused the credentials (check ATAJOLY_S3_ACCESS_KEY and ATAJOLY_S3_SECRET_KEY, \
         and that they may read and write the bucket): {source}"
    )]
    Refused {
        /// Which store.
        store: String,
        /// What it answered.
        source: object_store::Error,
    },
    /// The bucket is not there (atajoly does not create buckets).
    #[error("file store: {store} does not exist (create the bucket; atajoly does not): {source}")]
    NoBucket {
        /// Which store.
        store: String,
        /// What it answered.
        source: object_store::Error,
    },
    /// No object under that key.
    #[error("file store: no stored file {key} in {store}")]
    Missing {
        /// The storage key.
        key: String,
        /// Which store.
        store: String,
    },
    /// Anything else the store said (after its own retries).
    #[error("file store: {store}: {source}")]
    Store {
        /// Which store.
        store: String,
        /// What went wrong.
        source: object_store::Error,
    },
    /// The settings cannot work (a bad endpoint, an unreadable certificate).
    #[error("file store: {0}")]
    Config(String),
    /// A stored file's header names a key id that the key ring does not have.
    #[error("file store: a stored file is sealed under key id {0}, which is not in the key file")]
    UnknownKey(u32),
    /// A chunk that does not authenticate: the file was changed, belongs to another document, or the
    /// key is wrong.
    #[error("file store: a stored file does not decrypt (changed, another document's, or another key)")]
    Crypto,
    /// The file decrypts, but is not the one recorded for its document.
    #[error(
        "file store: the stored file {key} does not match its recorded SHA-256 (expected {expected}, read {actual})"
    )]
    Digest {
        /// The storage key.
        key: String,
        /// The SHA-256 recorded with the document.
        expected: String,
        /// The SHA-256 of what was read.
        actual: String,
    },
    /// A storage key that the store never generates.
    #[error("file store: {0:?} is not a storage key")]
    BadKey(String),
}

impl StoreFileError {
    /// Classifies an error of the store `store` about the object `key`.
    pub(crate) fn from_store(store: &str, key: Option<&str>, e: object_store::Error) -> StoreFileError {
        let store = store.to_owned();
        match e {
            object_store::Error::PermissionDenied { .. } | object_store::Error::Unauthenticated { .. } => {
                StoreFileError::Refused { store, source: e }
            }
            object_store::Error::NotFound { ref source, .. } if source.to_string().contains("NoSuchBucket") => {
                StoreFileError::NoBucket { store, source: e }
            }
            object_store::Error::NotFound { .. } if key.is_some() => {
                StoreFileError::Missing { key: key.unwrap_or_default().to_owned(), store }
            }
            source => StoreFileError::Store { store, source },
        }
    }
}
