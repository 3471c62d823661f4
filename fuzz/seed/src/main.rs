//! Writes the seed corpora of the fuzz targets, `fuzz/corpus/<target>/`, from the inputs the unit and
//! integration tests use (the ICAO specimen, the IINs and card numbers of the tests, the RFC 9285
//! examples, the sample card and its status list, the PDFs of the upload tests, the integration
//! tests' multipart bodies, a signed checkpoint). `scripts/fuzz.sh --seed` runs it; the files are
//! committed, and a target's own finds are added by libFuzzer beside them while it runs.

use std::fs;
use std::path::PathBuf;

use credential::fuzzing::{claims_to_cbor, cose_sign, status_list_to_claims};
use credential::sample::{sample_claims, sample_key, sample_status_list};
use credential::{CardNumber, CardStatus, KeySet, TrustedKey, base45, issue, zlib};

/// A file name from the content (FNV-1a, 64 bits): stable, so running the seeder again changes nothing.
fn name_of(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("seed-{h:016x}")
}

struct Corpus {
    root: PathBuf,
    written: usize,
}

impl Corpus {
    fn add(&mut self, target: &str, bytes: impl AsRef<[u8]>) {
        let bytes = bytes.as_ref();
        let dir = self.root.join(target);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        fs::write(dir.join(name_of(bytes)), bytes).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        self.written += 1;
    }
}

/// The ICAO Doc 9303 specimen (domain's mrz tests).
const ICAO: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

/// The PDF of the integration tests' uploads.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

fn pdf_with(extra: &str) -> Vec<u8> {
    format!("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {extra} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

fn object_stream(inner: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n".to_vec();
    pdf.extend_from_slice(&zlib::deflate(inner));
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n");
    pdf
}

/// The integration tests' multipart body (`tests/it/applications.rs`).
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let boundary = "----atajolyboundary7MA4YWxkTrZu0gW";
    let mut out = format!("\0multipart/form-data; boundary={boundary}\n").into_bytes();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        out.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

fn with_prefix(prefix: &[u8], body: &[u8]) -> Vec<u8> {
    let mut v = prefix.to_vec();
    v.extend_from_slice(body);
    v
}

fn main() {
    let root = std::env::args().nth(1).map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    let mut c = Corpus { root: root.clone(), written: 0 };
    let key = sample_key();
    let claims = sample_claims().expect("sample claims");
    let qr = issue(&claims, &key).expect("sample card");
    let signed = zlib::inflate(&base45::decode(qr.strip_prefix("AZ1:").unwrap_or_default()).expect("base45"), 4096)
        .expect("zlib");
    let list = sample_status_list(CardStatus::Revoked).expect("sample list");
    let mut keys = KeySet::new();
    keys.insert(TrustedKey::of(&key, None, None)).expect("key");

    // MRZ: two bytes of "today" (days from 1950-01-01; 28 100 is 2026-12-07), then the zone.
    let today = 28_100u16.to_le_bytes();
    for zone in [
        ICAO.to_owned(),
        format!("  {}  ", ICAO.to_lowercase().replace('\n', "\n   ")),
        ICAO.replacen('P', "V", 1),
        ICAO.replace("L898902C36", "L898902C37"),
        "P<UTO".to_owned(),
    ] {
        c.add("mrz", with_prefix(&today, zone.as_bytes()));
    }
    for iin in ["061211600012", "900101300017", " 900101300017 ", "061211600013", "901301300017", "010229500017"] {
        c.add("iin", iin);
    }
    for number in [
        CardNumber::from_serial(42).expect("42").to_string(),
        CardNumber::from_serial(123_456_789).expect("serial").to_string(),
        claims.card_number.to_string().to_ascii_lowercase(),
        "AZ12345678".to_owned(),
        "KZ1234567890".to_owned(),
        "AZ1234Ж67890".to_owned(),
    ] {
        c.add("card_number", number);
    }
    c.add("card_number", 999_999_999u32.to_le_bytes());
    for (plain, encoded) in
        [("AB", "BB8"), ("Hello!!", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf!", "QED8WEX0")]
    {
        c.add("base45", plain);
        c.add("base45", encoded);
    }
    c.add("base45", qr.strip_prefix("AZ1:").unwrap_or_default());
    c.add("zlib", zlib::deflate(b"Ata Zholy card, Ata Zholy card, Ata Zholy card"));
    c.add("zlib", zlib::deflate(&signed));
    c.add("zlib", b"not zlib at all");
    for t in ["qr_text", "base45"] {
        c.add(t, &qr);
    }
    c.add("qr_text", &signed);
    c.add("qr_text", "AZ1:");
    c.add("qr_text", "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH");
    for (i, body) in [claims_to_cbor(&claims), status_list_to_claims(&list), keys.to_cose_key_set()].iter().enumerate()
    {
        c.add("cbor", body);
        if i == 0 {
            c.add("claims", body);
        }
        if i == 1 {
            c.add("status_list", body);
        }
    }
    c.add("cbor", b"\xa0");
    c.add("cbor", b"\x9f\x01\x02\xff");
    c.add("cbor", b"\x18\x01");
    c.add("cose", &signed);
    c.add("cose", cose_sign(b"\xa0", &key, None));
    c.add("cose", list.sign(&key));
    c.add("status_list", list.sign(&key));
    c.add("status_list", status_list_to_claims(&sample_status_list(CardStatus::Valid).expect("list")));
    c.add("key_set", keys.to_cose_key_set());
    c.add("key_set", keys.to_jwks());
    c.add("key_set", KeySet::new().to_jwks());
    c.add("key_set", b"\x80");

    // Uploads: a byte for the size of the pieces and one for the limit in KiB, then the file.
    let png_end = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    png.extend_from_slice(&png_end);
    let mut pdf_zip = b"%PDF-1.4\n%%EOF\n".to_vec();
    pdf_zip.extend_from_slice(b"PK\x03\x04....PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
    let files: Vec<Vec<u8>> = vec![
        PDF.to_vec(),
        pdf_with(""),
        pdf_with("/URI (https://example.org)"),
        pdf_with("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        pdf_with("/OpenAct#69on 3 0 R"),
        pdf_with("/AcroForm << /XFA 6 0 R >>"),
        object_stream(b"1 0 << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"),
        object_stream(b"1 0 << /Type /Catalog /Pages 2 0 R >>"),
        b"%PDF-1.7\n3 0 obj\n<< /Length 20 >>\nstream\n/JS 1 Tf (x) Tj\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n"
            .to_vec(),
        pdf_zip,
        b"%PDF-1.4 <html><script>alert(1)</script> %%EOF".to_vec(),
        vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 0xFF, 0xD9],
        png,
        b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode".to_vec(),
    ];
    for (i, f) in files.iter().enumerate() {
        c.add("upload_sniff", with_prefix(&[[0, 7, 1, 64][i % 4], 0], f));
    }
    c.add("multipart", multipart(&[("item", "passport"), ("role", "main")], Some(("passport.pdf", PDF))));
    c.add(
        "multipart",
        multipart(
            &[("csrf", "x"), ("item", "birth_certificate"), ("role_choice", "main")],
            Some(("a.pdf", b"%PDF-1.4 x")),
        ),
    );
    c.add("multipart", multipart(&[("item", "passport")], None));
    let mut cut = multipart(&[("item", "passport")], Some(("p.pdf", PDF)));
    cut[0] = 5;
    c.add("multipart", cut);

    // Checkpoints: the tlog tests' note and checkpoint, and the C2SP signed-note example key.
    let signer = tlog::NoteSigner::new("example.org/log", &[7u8; 32]).expect("signer");
    let cp = tlog::Checkpoint { origin: "example.org/log".into(), size: 12, root: [9u8; 32] };
    c.add("checkpoint", cp.body());
    c.add("checkpoint", signer.sign(&cp.body()).expect("note"));
    c.add("checkpoint", signer.vkey());
    c.add("checkpoint", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    c.add("checkpoint", format!("{}extension line\n", cp.body()));
    // Proofs: three numbers (index, size, a bit to flip) then hashes; also the leaves of a tree.
    let mut proof = Vec::new();
    for n in [5u64, 12, 700] {
        proof.extend_from_slice(&n.to_le_bytes());
    }
    for h in 0..4u8 {
        proof.extend_from_slice(&[h; 32]);
    }
    c.add("proof", &proof);
    c.add("proof", (0..=255u8).collect::<Vec<_>>());
    c.add("proof", b"\x01");

    eprintln!("wrote {} seed inputs under {}", c.written, root.display());
}
