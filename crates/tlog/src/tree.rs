//! RFC 6962 Merkle tree hashing, proofs and their verification, over stored complete subtrees.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The hash of a leaf: `SHA-256(0x00 || data)` (RFC 6962 §2.1).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)` (RFC 6962 §2.1).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: the hash of the empty string (RFC 6962 §2.1).
fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// A complete subtree: the `2^level` leaves from `index << level`. Level 0 is a leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    /// Height above the leaves.
    pub level: u8,
    /// Position among the subtrees of that height, from the left.
    pub index: u64,
}

/// The largest power of two smaller than `n` (RFC 6962's `k`), for `n > 1`.
fn split(n: u64) -> u64 {
    debug_assert!(n > 1);
    1u64 << (n - 1).ilog2()
}

/// The complete subtrees, left to right, whose hashes make the hash of the leaves `[start, end)` as
/// RFC 6962's recursion splits them: each step takes the largest power of two below the length (the
/// whole range when its length is one). Every range the recursion makes from `[0, n)` starts at a
/// multiple of that power, so each piece is a stored, aligned subtree.
pub fn decompose(start: u64, end: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut s = start;
    while s < end {
        let len = end - s;
        let k = if len.is_power_of_two() { len } else { split(len) };
        let level = k.trailing_zeros();
        out.push(NodeId { level: u8::try_from(level).unwrap_or(u8::MAX), index: s >> level });
        s += k;
    }
    out
}

/// Folds the hashes of [`decompose`]'s subtrees into the hash of their range: from the right, as the
/// recursion nests them (`H(c1 || H(c2 || … c_n))`). `None` for no hashes.
pub fn fold(hashes: &[Hash]) -> Option<Hash> {
    let (last, rest) = hashes.split_last()?;
    Some(rest.iter().rev().fold(*last, |acc, h| node_hash(h, &acc)))
}

/// The hash of the leaves `[start, end)`, reading each stored subtree with `get`; the empty range is the
/// empty tree's root.
pub fn range_hash<E>(start: u64, end: u64, mut get: impl FnMut(NodeId) -> Result<Hash, E>) -> Result<Hash, E> {
    let hashes = decompose(start, end).into_iter().map(&mut get).collect::<Result<Vec<_>, E>>()?;
    Ok(fold(&hashes).unwrap_or_else(empty_root))
}

/// The ranges whose hashes are the inclusion proof of leaf `index` in a tree of `size` leaves, in the
/// proof's order (RFC 6962 §2.1.1, `PATH(m, D[n])`: the deepest first). Empty when `index >= size`.
#[allow(clippy::many_single_char_names, reason = "the names of RFC 6962's definitions")]
pub fn inclusion_ranges(index: u64, size: u64) -> Vec<(u64, u64)> {
    fn path(m: u64, s: u64, e: u64, out: &mut Vec<(u64, u64)>) {
        let n = e - s;
        if n <= 1 {
            return;
        }
        let k = split(n);
        if m < s + k {
            path(m, s, s + k, out);
            out.push((s + k, e));
        } else {
            path(m, s + k, e, out);
            out.push((s, s + k));
        }
    }
    let mut out = Vec::new();
    if index < size {
        path(index, 0, size, &mut out);
    }
    out
}

/// The ranges whose hashes are the consistency proof from a tree of `first` leaves to one of `second`
/// (RFC 6962 §2.1.2, `PROOF(m, D[n])`). Empty when `first` is 0 or not smaller than `second`.
#[allow(clippy::many_single_char_names, reason = "the names of RFC 6962's definitions")]
pub fn consistency_ranges(first: u64, second: u64) -> Vec<(u64, u64)> {
    fn subproof(m: u64, s: u64, e: u64, whole: bool, out: &mut Vec<(u64, u64)>) {
        let n = e - s;
        if m == n {
            if !whole {
                out.push((s, e));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            subproof(m, s, s + k, whole, out);
            out.push((s + k, e));
        } else {
            subproof(m - k, s + k, e, false, out);
            out.push((s, s + k));
        }
    }
    let mut out = Vec::new();
    if first > 0 && first < second {
        subproof(first, 0, second, true, &mut out);
    }
    out
}

/// The stored subtrees to read before appending leaf `index`: the left siblings that the new leaf
/// completes, lowest first.
pub fn siblings_to_read(index: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut level = 0u8;
    let mut j = index;
    while j & 1 == 1 {
        out.push(NodeId { level, index: j - 1 });
        j >>= 1;
        level += 1;
    }
    out
}

/// The subtrees that appending leaf `index` (hash `leaf`) completes, the leaf itself first, given the
/// hashes of [`siblings_to_read`] in that order.
pub fn nodes_to_store(index: u64, leaf: Hash, siblings: &[Hash]) -> Vec<(NodeId, Hash)> {
    let mut out = vec![(NodeId { level: 0, index }, leaf)];
    let mut acc = leaf;
    let mut j = index;
    for (level, left) in (1u8..).zip(siblings) {
        acc = node_hash(left, &acc);
        j >>= 1;
        out.push((NodeId { level, index: j }, acc));
    }
    out
}

/// The right edge of a tree built leaf by leaf: the complete subtrees of the binary representation of
/// its size. For recomputing a whole log in one pass.
#[derive(Debug, Clone, Default)]
pub struct Frontier {
    size: u64,
    stack: Vec<(u8, Hash)>,
}

impl Frontier {
    /// An empty tree.
    pub fn new() -> Self {
        Frontier::default()
    }

    /// The tree of `size` leaves whose complete subtrees ([`decompose`]`(0, size)`, left to right) have
    /// the hashes `edge`.
    pub fn from_edge(size: u64, edge: &[Hash]) -> Self {
        let stack = decompose(0, size).iter().zip(edge).map(|(id, h)| (id.level, *h)).collect();
        Frontier { size, stack }
    }

    /// Leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash; returns every subtree it completes (the leaf first), as [`nodes_to_store`].
    pub fn push(&mut self, leaf: Hash) -> Vec<(NodeId, Hash)> {
        let index = self.size;
        let mut out = vec![(NodeId { level: 0, index }, leaf)];
        let mut acc = (0u8, leaf);
        while let Some(&(level, left)) = self.stack.last() {
            if level != acc.0 {
                break;
            }
            self.stack.pop();
            acc = (level + 1, node_hash(&left, &acc.1));
            out.push((NodeId { level: acc.0, index: index >> acc.0 }, acc.1));
        }
        self.stack.push(acc);
        self.size += 1;
        out
    }

    /// The root hash of the tree so far.
    pub fn root(&self) -> Hash {
        let hashes: Vec<Hash> = self.stack.iter().map(|(_, h)| *h).collect();
        fold(&hashes).unwrap_or_else(empty_root)
    }
}

/// Why a proof does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The leaf is not in a tree of that size, or the older tree is larger than the newer.
    #[error("the proof asks about sizes that do not fit: {0}")]
    Sizes(String),
    /// The proof has more or fewer hashes than the sizes need.
    #[error("the proof has the wrong number of hashes")]
    Length,
    /// The hashes do not lead to the root.
    #[error("the proof does not lead to the root hash")]
    Mismatch,
}

/// Checks an inclusion proof (RFC 9162 §2.1.3.2): that `leaf` is leaf `index` of the tree of `size`
/// leaves whose root is `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::Sizes(format!("leaf {index} in a tree of {size}")));
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if snode == 0 {
            return Err(ProofError::Length);
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    if snode != 0 {
        return Err(ProofError::Length);
    }
    if &r == root { Ok(()) } else { Err(ProofError::Mismatch) }
}

/// Checks a consistency proof (RFC 9162 §2.1.4.2): that the tree of `first` leaves with root
/// `first_root` is a prefix of the tree of `second` leaves with root `second_root`.
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if first > second {
        return Err(ProofError::Sizes(format!("a tree of {first} cannot precede one of {second}")));
    }
    if first == second {
        if !proof.is_empty() {
            return Err(ProofError::Length);
        }
        return if first_root == second_root { Ok(()) } else { Err(ProofError::Mismatch) };
    }
    if first == 0 {
        // The empty tree is a prefix of every tree; there is nothing to prove.
        return if proof.is_empty() { Ok(()) } else { Err(ProofError::Length) };
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if first.is_power_of_two() {
        path.push(*first_root);
    }
    path.extend_from_slice(proof);
    let Some((start, rest)) = path.split_first() else {
        return Err(ProofError::Length);
    };
    let (mut fnode, mut snode) = (first - 1, second - 1);
    while fnode & 1 == 1 {
        fnode >>= 1;
        snode >>= 1;
    }
    let (mut fr, mut sr) = (*start, *start);
    for c in rest {
        if snode == 0 {
            return Err(ProofError::Length);
        }
        if fnode & 1 == 1 || fnode == snode {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    if snode != 0 {
        return Err(ProofError::Length);
    }
    if &fr == first_root && &sr == second_root { Ok(()) } else { Err(ProofError::Mismatch) }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    /// RFC 6962's MTH, straight from its definition, over leaf data.
    fn mth(leaves: &[Vec<u8>]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaf_hash(&leaves[0]),
            n => {
                let k = usize::try_from(split(n as u64)).unwrap_or(0);
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    fn build(n: u64) -> (Vec<Vec<u8>>, HashMap<NodeId, Hash>) {
        let leaves: Vec<Vec<u8>> = (0..n).map(|i| format!("leaf {i}").into_bytes()).collect();
        let mut stored = HashMap::new();
        for (i, data) in (0u64..).zip(&leaves) {
            let sibs: Vec<Hash> = siblings_to_read(i).iter().map(|id| stored[id]).collect();
            for (id, h) in nodes_to_store(i, leaf_hash(data), &sibs) {
                stored.insert(id, h);
            }
        }
        (leaves, stored)
    }

    fn hashes(ranges: &[(u64, u64)], stored: &HashMap<NodeId, Hash>) -> Vec<Hash> {
        ranges
            .iter()
            .map(|&(s, e)| range_hash::<()>(s, e, |id| stored.get(&id).copied().ok_or(())).unwrap_or([0; 32]))
            .collect()
    }

    #[test]
    fn roots_match_the_definition_and_the_frontier() {
        let (leaves, stored) = build(70);
        let mut frontier = Frontier::new();
        for n in 0..=70u64 {
            let root = range_hash::<()>(0, n, |id| stored.get(&id).copied().ok_or(())).unwrap_or([0; 32]);
            assert_eq!(root, mth(&leaves[..usize::try_from(n).unwrap_or(0)]), "size {n}");
            assert_eq!(frontier.root(), root, "frontier at {n}");
            if let Some(data) = leaves.get(usize::try_from(n).unwrap_or(0)) {
                let made = frontier.push(leaf_hash(data));
                for (id, h) in made {
                    assert_eq!(stored[&id], h);
                }
            }
        }
    }

    #[test]
    fn the_rfc_test_vectors_hold() {
        // RFC 6962's reference test data (certificate-transparency's merkle_tree_test.cc): the roots of
        // the first 1..=8 leaves of the inputs "", 00, 10, 2021, 3031, 40414243, 5051525354555657,
        // 606162636465666768696a6b6c6d6e6f.
        let inputs: [&[u8]; 8] = [
            b"",
            &[0x00],
            &[0x10],
            &[0x20, 0x21],
            &[0x30, 0x31],
            &[0x40, 0x41, 0x42, 0x43],
            &[0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
            &[0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
        ];
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        let mut f = Frontier::new();
        for (input, want) in inputs.iter().zip(roots) {
            f.push(leaf_hash(input));
            let got: String = f.root().iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().concat();
            assert_eq!(got, want, "size {}", f.size());
        }
    }

    proptest! {
        #[test]
        fn inclusion_proofs_verify_and_tampering_fails(n in 1u64..300, pick in 0u64..300, flip in 0usize..64) {
            let (leaves, stored) = build(n);
            let m = pick % n;
            let root = mth(&leaves);
            let proof = hashes(&inclusion_ranges(m, n), &stored);
            let leaf = leaf_hash(&leaves[usize::try_from(m).unwrap_or(0)]);
            prop_assert_eq!(verify_inclusion(m, n, &leaf, &proof, &root), Ok(()));
            if !proof.is_empty() {
                let mut bad = proof.clone();
                let i = flip % bad.len();
                bad[i][0] ^= 1;
                prop_assert!(verify_inclusion(m, n, &leaf, &bad, &root).is_err());
                prop_assert!(verify_inclusion(m, n, &leaf, &proof[..proof.len() - 1], &root).is_err());
            }
            prop_assert!(verify_inclusion(m, n, &leaf_hash(b"other"), &proof, &root).is_err());
        }

        #[test]
        fn consistency_proofs_verify_and_tampering_fails(n in 2u64..300, pick in 1u64..300, flip in 0usize..64) {
            let (leaves, stored) = build(n);
            let m = 1 + pick % (n - 1);
            let (r1, r2) = (mth(&leaves[..usize::try_from(m).unwrap_or(0)]), mth(&leaves));
            let proof = hashes(&consistency_ranges(m, n), &stored);
            prop_assert_eq!(verify_consistency(m, n, &r1, &r2, &proof), Ok(()));
            let mut bad = proof.clone();
            let i = flip % bad.len();
            bad[i][31] ^= 0x80;
            prop_assert!(verify_consistency(m, n, &r1, &r2, &bad).is_err());
            prop_assert!(verify_consistency(m, n, &r2, &r2, &proof).is_err());
            prop_assert!(verify_consistency(m, n, &r1, &r2, &proof[1..]).is_err());
        }
    }
}
