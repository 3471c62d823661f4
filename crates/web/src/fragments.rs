//! Serialized pieces of answers kept between requests (the eligibility API assembles its answers from
//! them): a bounded map from a key to the bytes once rendered.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

/// Serialized pieces of eligibility answers: a statement, a category, a document, a legal source, a
/// summary, each under a key naming everything it is made of (language, codes, keys, the version of
/// each list it reads, message arguments). They are pure functions of that key and of the state's
/// messages and reference data, which do not change while it runs; so each is put into words and
/// escaped as JSON once. Bounded: emptied when full (dates in messages make the keys open-ended).
pub(crate) struct Fragments {
    map: RwLock<Pieces>,
}

/// Serialized fragments by key.
type Pieces = HashMap<Box<[u8]>, Box<[u8]>>;

/// A key and its serialized fragment.
pub(crate) type Piece = (Box<[u8]>, Box<[u8]>);

/// At most this many fragments are kept.
const FRAGMENTS_MAX: usize = 4096;

impl Fragments {
    pub(crate) fn new() -> Fragments {
        Fragments { map: RwLock::new(HashMap::new()) }
    }

    /// A reader of the kept fragments for one answer. It holds the read lock for the whole answer (one
    /// lock and unlock per answer, not per fragment: the lock's counter is shared by the cores, and
    /// touching it is what a fragment cost most).
    pub(crate) fn reader(&self) -> Reader<'_> {
        Reader { kept: self.map.read().unwrap_or_else(PoisonError::into_inner), fresh: Vec::new() }
    }

    /// Keeps the fragments a reader had to render.
    pub(crate) fn keep(&self, fresh: Vec<Piece>) {
        if fresh.is_empty() {
            return;
        }
        let mut map = self.map.write().unwrap_or_else(PoisonError::into_inner);
        if map.len() + fresh.len() > FRAGMENTS_MAX {
            map.clear();
        }
        map.extend(fresh);
    }
}

/// See [`Fragments::reader`].
pub(crate) struct Reader<'f> {
    kept: RwLockReadGuard<'f, Pieces>,
    fresh: Vec<Piece>,
}

impl Reader<'_> {
    /// Appends the fragment under `key` to `out`, rendering it first if it is not kept yet.
    pub(crate) fn write(
        &mut self,
        key: &[u8],
        out: &mut Vec<u8>,
        render: impl FnOnce(&mut Vec<u8>) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        if let Some(piece) = self.kept.get(key).or_else(|| self.fresh.iter().find(|(k, _)| **k == *key).map(|(_, p)| p))
        {
            out.extend_from_slice(piece);
            return Ok(());
        }
        let mut piece = Vec::new();
        render(&mut piece)?;
        out.extend_from_slice(&piece);
        self.fresh.push((key.into(), piece.into_boxed_slice()));
        Ok(())
    }

    /// Releases the read lock; returns what was rendered, to be kept.
    pub(crate) fn done(self) -> Vec<Piece> {
        self.fresh
    }
}
