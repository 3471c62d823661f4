"""An independent check of atajoly's audit log, written from the specifications, not from its code.

RFC 6962 section 2.1 (Merkle Tree Hash, PATH, PROOF), RFC 9162 sections 2.1.3.2 and 2.1.4.2 (verifying
inclusion and consistency proofs), C2SP tlog-checkpoint and signed-note (the checkpoint and its
Ed25519 signature). Input: a JSON file with the leaves' data, the signed checkpoint, the verifier key and
the proofs the service served. Output: one JSON line with what was checked; exit 1 on any failure.
"""

import base64
import hashlib
import json
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf(d):
    return sha256(b"\x00" + d)


def node(l, r):
    return sha256(b"\x01" + l + r)


def k_of(n):
    """The largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(d):
    n = len(d)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaf(d[0])
    k = k_of(n)
    return node(mth(d[:k]), mth(d[k:]))


def path(m, d):
    n = len(d)
    if n <= 1:
        return []
    k = k_of(n)
    if m < k:
        return path(m, d[:k]) + [mth(d[k:])]
    return path(m - k, d[k:]) + [mth(d[:k])]


def subproof(m, d, b):
    n = len(d)
    if m == n:
        return [] if b else [mth(d)]
    k = k_of(n)
    if m <= k:
        return subproof(m, d[:k], b) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


def verify_inclusion(index, size, leaf_hash, proof, root):
    """RFC 9162 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, proof):
    """RFC 9162 2.1.4.2."""
    if first == second:
        return not proof and first_hash == second_hash
    if first == 0 or first > second:
        return False
    proof = list(proof)
    if first & (first - 1) == 0:
        proof = [first_hash] + proof
    if not proof:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_hash and sr == second_hash


def open_note(note, vkey):
    """C2SP signed-note: the text, if a signature line by the key verifies."""
    name, key_id_hex, key_b64 = vkey.strip().split("+", 2)
    typed = base64.b64decode(key_b64)
    assert typed[0] == 1 and len(typed) == 33, "an Ed25519 verifier key"
    pub = typed[1:]
    key_id = sha256(name.encode() + b"\n" + b"\x01" + pub)[:4]
    assert key_id.hex() == key_id_hex, "the key id is the key's"
    split = note.rindex("\n\n")
    text, sigs = note[: split + 1], note[split + 2 :]
    for line in sigs.splitlines():
        dash, sig_name, sig_b64 = line.split(" ", 2)
        assert dash == "\u2014"
        blob = base64.b64decode(sig_b64)
        if sig_name == name and blob[:4] == key_id:
            Ed25519PublicKey.from_public_bytes(pub).verify(blob[4:], text.encode())
            return name, text
    raise AssertionError("no signature by the verifier key")


def checkpoint(note, vkey):
    name, text = open_note(note, vkey)
    lines = text.split("\n")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2])
    assert origin == name, "the checkpoint's origin is the key's name"
    assert str(size) == lines[1], "the size is decimal without leading zeros"
    return size, root


def main():
    spec = json.load(open(sys.argv[1]))
    d = [x.encode() for x in spec["leaves"]]
    out = {"leaves": len(d), "checkpoints": 0, "inclusion": 0, "consistency": 0, "tampered_refused": 0}
    roots = {}
    for note in spec["checkpoints"]:
        size, root = checkpoint(note, spec["vkey"])
        assert mth(d[:size]) == root, f"the root of {size} leaves is not the signed root"
        roots[size] = root
        out["checkpoints"] += 1
    for p in spec["inclusion"]:
        m, n = p["index"], p["size"]
        hashes = [base64.b64decode(h) for h in p["hashes"]]
        assert hashes == path(m, d[:n]), f"inclusion of {m} in {n}: not RFC 6962's PATH"
        assert verify_inclusion(m, n, leaf(d[m]), hashes, roots.get(n, mth(d[:n]))), f"inclusion {m} in {n}"
        if hashes:
            bad = list(hashes)
            bad[-1] = bytes([bad[-1][0] ^ 1]) + bad[-1][1:]
            assert not verify_inclusion(m, n, leaf(d[m]), bad, mth(d[:n])), "a tampered proof verified"
            assert not verify_inclusion(m, n, leaf(d[m]), hashes[:-1], mth(d[:n])), "a truncated proof verified"
            out["tampered_refused"] += 2
        out["inclusion"] += 1
    for p in spec["consistency"]:
        m, n = p["first"], p["second"]
        hashes = [base64.b64decode(h) for h in p["hashes"]]
        want = subproof(m, d[:n], True) if 0 < m < n else []
        assert hashes == want, f"consistency {m} to {n}: not RFC 6962's PROOF"
        if 0 < m:
            assert verify_consistency(m, n, mth(d[:m]), mth(d[:n]), hashes), f"consistency {m} to {n}"
            if hashes:
                bad = hashes[:-1]
                assert not verify_consistency(m, n, mth(d[:m]), mth(d[:n]), bad), "a truncated proof verified"
                out["tampered_refused"] += 1
        out["consistency"] += 1
    print(json.dumps(out))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - any failure is the verdict
        print(f"FAIL: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
