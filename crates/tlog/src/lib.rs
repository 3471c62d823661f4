//! A transparency log in the design of Certificate Transparency: RFC 6962 Merkle tree hashing
//! (leaves `SHA-256(0x00 || data)`, nodes `SHA-256(0x01 || left || right)`), inclusion and consistency
//! proofs (RFC 6962 §2.1.1-2.1.2) and their verification (RFC 9162 §2.1.3.2, §2.1.4.2), over a store
//! that keeps the hash of every complete subtree (the "hash storage" of the Go checksum database's
//! `tlog` package), and C2SP checkpoints signed as C2SP signed notes with Ed25519.
//!
//! Every hash a root or a proof needs is the hash of a range of leaves that the RFC's recursion makes;
//! each such range is a run of complete, aligned subtrees ([`decompose`]), so a root or a proof reads
//! O(log² n) stored hashes whatever the size of the log.

mod note;
mod tree;

pub use note::{Checkpoint, NoteError, NoteSigner, NoteVerifier, parse_vkey};
pub use tree::{
    Frontier, Hash, NodeId, ProofError, consistency_ranges, decompose, fold, inclusion_ranges, leaf_hash, node_hash,
    nodes_to_store, range_hash, siblings_to_read, verify_consistency, verify_inclusion,
};
