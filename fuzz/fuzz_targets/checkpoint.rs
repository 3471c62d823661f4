#![no_main]
//! The audit log's checkpoints as an auditor receives them: the signed note (against the log's key),
//! the checkpoint text and the verifier key: never a panic; a checkpoint read comes back the same from
//! its own text, and once signed opens as itself; generated notes never carry the log's signature.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tlog::{Checkpoint, NoteSigner, NoteVerifier, parse_vkey};

const ORIGIN: &str = "atajoly.example/audit";

fn signer() -> &'static (NoteSigner, NoteVerifier) {
    static SIGNER: OnceLock<(NoteSigner, NoteVerifier)> = OnceLock::new();
    SIGNER.get_or_init(|| {
        let signer = NoteSigner::new(ORIGIN, &[7u8; 32]).expect("signer");
        let verifier = parse_vkey(&signer.vkey()).expect("own vkey");
        (signer, verifier)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (signer, verifier) = signer();
    assert!(verifier.open(text).is_err(), "a generated note carries the log's signature");
    assert!(Checkpoint::open(text, verifier, ORIGIN).is_err());
    if let Ok(v) = parse_vkey(text) {
        assert!(!v.name().is_empty());
    }
    let Ok(c) = Checkpoint::parse(text) else { return };
    assert!(text.starts_with(&c.body()), "the checkpoint is the first three lines");
    assert_eq!(Checkpoint::parse(&c.body()), Ok(c.clone()));
    if let Ok(note) = signer.sign(&c.body()) {
        assert_eq!(Checkpoint::open(&note, verifier, &c.origin), Ok(c));
    }
});
