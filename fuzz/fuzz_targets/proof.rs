#![no_main]
//! The audit log's inclusion and consistency proofs as a client checks them: arbitrary sizes, indexes,
//! hashes and proofs never panic; the proofs of a tree built from the input's leaves (the ranges the
//! log serves, read from the complete subtrees the log stores) always verify against RFC 6962's root,
//! and a proof with one bit changed never does.

use libfuzzer_sys::fuzz_target;
use tlog::{Hash, consistency_ranges, inclusion_ranges, leaf_hash, node_hash, verify_consistency, verify_inclusion};

/// RFC 6962's MTH over the leaf hashes, by its recursion (the reference the log's storage must match).
fn mth(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => tlog::Frontier::new().root(),
        [one] => *one,
        _ => {
            let k = 1usize << (leaves.len() - 1).ilog2();
            let (left, right) = leaves.split_at(k);
            node_hash(&mth(left), &mth(right))
        }
    }
}

fn u64_at(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes)
}

fuzz_target!(|data: &[u8]| {
    // Arbitrary claims: sizes and indexes from the input, the hashes after them.
    let hashes: Vec<Hash> =
        data.get(24..).unwrap_or_default().chunks_exact(32).map(|c| c.try_into().unwrap_or([0; 32])).collect();
    let (a, b, c) = (u64_at(data, 0), u64_at(data, 8), u64_at(data, 16));
    if let [leaf, root, proof @ ..] = hashes.as_slice() {
        let _ = verify_inclusion(a, b, leaf, proof, root);
        let _ = verify_consistency(a, b, leaf, root, proof);
        let _ = verify_consistency(a % 64, b % 64, leaf, root, proof);
        let _ = (inclusion_ranges(a % 4096, b % 4096), consistency_ranges(a % 4096, b % 4096));
    }

    // A real tree: one leaf per input byte (at most 70: every shape across 64), its proofs read from
    // its complete subtrees as the log stores them.
    let leaves: Vec<Hash> = data.iter().take(70).enumerate().map(|(i, b)| leaf_hash(&[*b, i as u8])).collect();
    let n = leaves.len() as u64;
    if n == 0 {
        return;
    }
    let mut nodes = std::collections::HashMap::new();
    let mut frontier = tlog::Frontier::new();
    for l in &leaves {
        nodes.extend(frontier.push(*l));
    }
    let root = mth(&leaves);
    assert_eq!(frontier.root(), root, "the frontier's root is RFC 6962's");
    let stored = |id: tlog::NodeId| nodes.get(&id).copied().ok_or(id);
    let range = |(s, e): (u64, u64)| tlog::range_hash(s, e, stored).expect("every complete subtree is stored");
    let index = a % n;
    let proof: Vec<Hash> = inclusion_ranges(index, n).into_iter().map(range).collect();
    let leaf = leaves[index as usize];
    assert_eq!(verify_inclusion(index, n, &leaf, &proof, &root), Ok(()));
    let flip = (c as usize) % (proof.len() * 256 + 1);
    if flip > 0 {
        let mut bad = proof.clone();
        let bit = flip - 1;
        bad[bit / 256][bit % 256 / 8] ^= 1 << (bit % 8);
        assert!(verify_inclusion(index, n, &leaf, &bad, &root).is_err(), "a changed inclusion proof verified");
    }
    if n > 1 {
        let other = (index + 1 + b % (n - 1)) % n;
        assert!(verify_inclusion(other, n, &leaf, &proof, &root).is_err() || leaves[other as usize] == leaf);
    }
    let first = b % (n + 1);
    let first_root = range((0, first));
    let proof: Vec<Hash> = consistency_ranges(first, n).into_iter().map(range).collect();
    assert_eq!(verify_consistency(first, n, &first_root, &root, &proof), Ok(()), "{first} to {n}");
    if let Some(h) = proof.first() {
        let mut bad = proof.clone();
        bad[0] = node_hash(h, h);
        assert!(
            verify_consistency(first, n, &first_root, &root, &bad).is_err(),
            "a changed consistency proof verified"
        );
    }
});
