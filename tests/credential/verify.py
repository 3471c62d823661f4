#!/usr/bin/env python3
"""Independent check of the Ata Zholy card credential (docs/credential.md).

Reads the fixture written by `cargo run -p credential --example interop-fixture -- OUT.json`
and decodes and verifies it with Python libraries that share no code with the Rust crate:
base45, zlib, cbor2, pycose (Ed25519 through `cryptography`). Any disagreement fails.

Usage: verify.py FIXTURE.json
       verify.py --tamper FIXTURE.json OUT.json   (flip one byte of the signed payload, re-wrap;
                                                   the check of OUT.json must then fail)
"""

import base64
import hashlib
import json
import sys
import zlib

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pycose.algorithms import EdDSA
from pycose.headers import KID, Algorithm
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import CoseMessage, Sign1Message

PASSED = []
FAILED = []


def check(name, ok, detail=""):
    (PASSED if ok else FAILED).append(name)
    if not ok:
        print(f"DISAGREE {name}: {detail}", file=sys.stderr)
    return ok


def header(hdr, label):
    """A header value by integer label, whether pycose mapped it to a class or kept the int."""
    for key, value in hdr.items():
        if getattr(key, "identifier", key) == label:
            return value
    return None


def iso7064_mod37_36_check(body):
    """ISO/IEC 7064 hybrid MOD 37,36 check character over 0-9A-Z."""
    alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    p = 36
    for ch in body:
        s = (p + alnum.index(ch)) % 36
        p = ((s or 36) * 2) % 37
    return alnum[(37 - p) % 36]


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_keys(fixture):
    """Keys by kid from the JWK Set, cross-checked against the COSE_KeySet and the kid rule."""
    keys = {}
    for jwk in fixture["jwks"]["keys"]:
        x = b64url(jwk["x"])
        check(f"jwk {jwk['kid']} is OKP Ed25519", jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519")
        kid = hashlib.sha256(x).digest()[:8]
        check(f"jwk kid rule {jwk['kid']}", kid.hex() == jwk["kid"], f"sha256(x)[:8] = {kid.hex()}")
        keys[kid] = x
    cose_set = cbor2.loads(bytes.fromhex(fixture["cose_key_set_hex"]))
    check("COSE_KeySet is an array", isinstance(cose_set, list))
    check("COSE_KeySet and JWK Set hold the same number of keys", len(cose_set) == len(keys))
    for cose_key in cose_set:
        kid, x = cose_key.get(2), cose_key.get(-2)
        check("COSE_Key kty OKP, alg EdDSA, crv Ed25519", (cose_key.get(1), cose_key.get(3), cose_key.get(-1)) == (1, -8, 6))
        check(f"COSE_Key {kid.hex()} matches the JWK", keys.get(kid) == x)
    return keys


def verify_sign1(raw, keys, what):
    msg = CoseMessage.decode(raw)
    check(f"{what}: COSE_Sign1 with tag 18", isinstance(msg, Sign1Message) and cbor2.loads(raw).tag == 18)
    check(f"{what}: alg EdDSA in the protected header", msg.phdr.get(Algorithm) == EdDSA, msg.phdr)
    check(f"{what}: unprotected header empty", not msg.uhdr, msg.uhdr)
    kid = msg.phdr.get(KID)
    if not check(f"{what}: kid known", kid in keys, kid):
        return None, msg
    msg.key = OKPKey(crv=Ed25519, x=keys[kid])
    check(f"{what}: Ed25519 signature verifies", msg.verify_signature())
    # The Sig_structure pycose used must be the one RFC 9052 defines; rebuild it with cbor2 and check.
    sig_structure = cbor2.dumps(["Signature1", msg.phdr_encoded, b"", msg.payload])
    try:
        Ed25519PublicKey.from_public_bytes(keys[kid]).verify(msg.signature, sig_structure)
        check(f"{what}: signature over the hand-built Sig_structure", True)
    except Exception as e:  # noqa: BLE001
        check(f"{what}: signature over the hand-built Sig_structure", False, e)
    return kid, msg


def main(path):
    with open(path, encoding="utf-8") as f:
        fixture = json.load(f)
    keys = load_keys(fixture)

    text = fixture["qr_text"]
    prefix = fixture["prefix"]
    check("prefix is AZ1:", prefix == "AZ1:")
    if not check("QR text starts with the prefix", text.startswith(prefix), text[:8]):
        return
    alphanumeric = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    check("QR text is in QR's alphanumeric set", set(text) <= alphanumeric)
    try:
        compressed = base45.b45decode(text[len(prefix):])
        raw = zlib.decompress(compressed)
    except Exception as e:  # noqa: BLE001
        check("Base45 and zlib decode", False, e)
        return
    check("zlib header is deflate with a 32K window", compressed[0] == 0x78)

    kid, msg = verify_sign1(raw, keys, "card")
    check("card kid is the fixture's kid", kid is not None and kid.hex() == fixture["kid_hex"])
    claims = cbor2.loads(msg.payload)
    expected = fixture["expected"]
    for label, name in [(1, "iss"), (4, "exp"), (5, "nbf"), (6, "iat")]:
        check(f"claim {name} ({label})", claims.get(label) == expected[name], (claims.get(label), expected[name]))
    check("claim status (65535)", claims.get(65535) == expected["status"], (claims.get(65535), expected["status"]))
    card = claims.get(-65537, {})
    for key, value in expected["card"].items():
        check(f"card field {key}", card.get(int(key)) == value, (card.get(int(key)), value))
    check("no other card fields", set(card) == {int(k) for k, v in expected["card"].items() if v is not None}, card.keys())
    check("no other claims", set(claims) == {1, 4, 5, 6, 65535, -65537}, claims.keys())
    number = card.get(1, "")
    check("card number check character (ISO 7064 MOD 37,36)",
          len(number) == 12 and number.startswith("AZ") and iso7064_mod37_36_check(number[:11]) == number[11], number)
    check("payload re-encoded by cbor2 is byte-identical", cbor2.dumps(claims) == msg.payload)
    check("signed payload <= 600 bytes", len(raw) <= 600, len(raw))
    now = fixture["now"]
    check("card valid now", claims[5] <= now < claims[4])

    # The status list token.
    token = bytes.fromhex(fixture["status_list"]["token_hex"])
    _, slt = verify_sign1(token, keys, "status list")
    check("status list typ", header(slt.phdr, 16) == "application/statuslist+cwt", slt.phdr)
    sl_claims = cbor2.loads(slt.payload)
    check("status list sub is the card's uri", sl_claims.get(2) == expected["status"]["status_list"]["uri"])
    iat, ttl, exp = sl_claims.get(6), sl_claims.get(65534), sl_claims.get(4)
    check("status list fresh (now - iat <= ttl, now < exp)", iat <= now and now - iat <= ttl and now < exp, (iat, ttl, exp))
    status_list = sl_claims.get(65533, {})
    bits = status_list.get("bits")
    check("status list bits is 4", bits == 4, bits)
    lst = zlib.decompress(status_list.get("lst", b""))
    for idx, value in fixture["status_list"]["expected"].items():
        i = int(idx)
        got = (lst[i * bits // 8] >> ((i * bits) % 8)) & ((1 << bits) - 1)
        check(f"status of index {i}", got == value, (got, value))


def tamper(path, out):
    """Writes a copy of the fixture whose card has one byte of its signed payload changed."""
    with open(path, encoding="utf-8") as f:
        fixture = json.load(f)
    prefix = fixture["prefix"]
    raw = bytearray(zlib.decompress(base45.b45decode(fixture["qr_text"][len(prefix):])))
    at = raw.find(b"NURLANULY")
    raw[at] ^= 0x01
    fixture["qr_text"] = prefix + base45.b45encode(zlib.compress(bytes(raw), 9)).decode()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(fixture, f)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--tamper":
        tamper(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        main(sys.argv[1])
    except Exception as e:  # noqa: BLE001 - any decoding failure is a disagreement
        check("decoding without error", False, repr(e))
    print(f"credential interop: {len(PASSED)} passed, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)
