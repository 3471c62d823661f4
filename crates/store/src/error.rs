//! The store's error type.

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The configuration cannot work (bad URL, unsupported scheme).
    #[error("{0}")]
    Config(String),
    /// The database could not be reached; carries the redacted URL.
    #[error("cannot connect to {url}: {message}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// The driver's message.
        message: String,
    },
    /// A stored value contradicts what is being written (e.g. a changed list under an existing version).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A stored row cannot be read back.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    /// Any other database error.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
