//! Images written anew from their pixels (decision 0024): a JPEG carrying EXIF with GPS, a comment and
//! an appended ZIP, and a PNG carrying a text chunk and trailing bytes, uploaded through the page and
//! the API, reach the officer as pictures of the same size and nothing else; a decompression bomb is
//! refused from its header with its own message naming the file; a PDF is kept byte for byte. The
//! test images are made here.

use axum::body::Body;
use axum::http::Request;
use sha2::Digest as _;

use crate::applications::{PDF, applicant, complete_draft, multipart, page_session, send};
use crate::support::{TestApp, TestResponse, on_each_backend};

/// What the GPS block says; none of these bytes may reach the kept file.
const GPS_DATUM: &[u8] = b"ALMATY-HOME-43.2383N-76.9455E\0";
const COMMENT: &[u8] = b"shot at my flat, 12 Abai avenue";
const PNG_TEXT: &str = "scanned at home, 12 Abai avenue";
const TRAILING: &[u8] = b"TRAILING-SECRET-BYTES";
const WIDTH: u16 = 37;
const HEIGHT: u16 = 23;

fn rgb(width: u16, height: u16) -> Vec<u8> {
    (0..usize::from(width) * usize::from(height) * 3).map(|i| u8::try_from((i * 7) % 256).expect("byte")).collect()
}

/// A plain JPEG of `width` × `height` (real: it decodes).
pub fn jpeg(width: u16, height: u16) -> Vec<u8> {
    encode_jpeg(width, height, None)
}

fn encode_jpeg(width: u16, height: u16, exif: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = jpeg_encoder::Encoder::new(&mut out, 85);
    if let Some(exif) = exif {
        e.add_exif_metadata(exif).expect("exif");
    }
    e.encode(&rgb(width, height), width, height, jpeg_encoder::ColorType::Rgb).expect("jpeg");
    out
}

/// A little-endian TIFF block: IFD0 with the orientation (as stored) and a pointer to a GPS IFD that
/// holds a latitude and a map datum.
fn exif_with_gps() -> Vec<u8> {
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: two entries (2 + 24 + 4 bytes), so the GPS IFD is at 38.
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, 1);
    entry(&mut t, 0x8825, 4, 1, 38);
    t.extend_from_slice(&0u32.to_le_bytes());
    // The GPS IFD at 38: three entries (2 + 36 + 4 bytes), its values from 80.
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from(b'N'));
    entry(&mut t, 0x0002, 5, 3, 80);
    entry(&mut t, 0x0012, 2, u32::try_from(GPS_DATUM.len()).expect("len"), 104);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(43u32, 1u32), (14, 1), (1788, 100)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t.extend_from_slice(GPS_DATUM);
    t
}

/// A small ZIP archive (one stored file), as appended to make a polyglot.
fn zip() -> Vec<u8> {
    let name = b"payload.txt";
    let data = b"hello from inside the archive";
    let mut z = b"PK\x03\x04".to_vec();
    z.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    z.extend_from_slice(&u32::try_from(data.len()).expect("len").to_le_bytes());
    z.extend_from_slice(&u32::try_from(data.len()).expect("len").to_le_bytes());
    z.extend_from_slice(&u16::try_from(name.len()).expect("len").to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z.extend_from_slice(name);
    z.extend_from_slice(data);
    let central = z.len();
    z.extend_from_slice(b"PK\x01\x02");
    z.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    z.extend_from_slice(&u32::try_from(data.len()).expect("len").to_le_bytes());
    z.extend_from_slice(&u32::try_from(data.len()).expect("len").to_le_bytes());
    z.extend_from_slice(&u16::try_from(name.len()).expect("len").to_le_bytes());
    z.extend_from_slice(&[0; 12]);
    z.extend_from_slice(&0u32.to_le_bytes());
    z.extend_from_slice(name);
    let size = z.len() - central;
    z.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    z.extend_from_slice(&u32::try_from(size).expect("len").to_le_bytes());
    z.extend_from_slice(&u32::try_from(central).expect("len").to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z
}

/// A JPEG with EXIF (GPS), a comment segment, and a ZIP appended after its end.
fn dirty_jpeg() -> Vec<u8> {
    let clean = encode_jpeg(WIDTH, HEIGHT, Some(&exif_with_gps()));
    assert!(find(&clean, GPS_DATUM), "the GPS block is in the original");
    let mut out = clean[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&u16::try_from(COMMENT.len() + 2).expect("len").to_be_bytes());
    out.extend_from_slice(COMMENT);
    out.extend_from_slice(&clean[2..]);
    out.extend_from_slice(&zip());
    out
}

/// A PNG with a text chunk and bytes after its end.
fn dirty_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, u32::from(WIDTH), u32::from(HEIGHT));
    e.set_color(png::ColorType::Rgb);
    e.set_depth(png::BitDepth::Eight);
    e.add_text_chunk("Comment".into(), PNG_TEXT.into()).expect("text");
    let mut w = e.write_header().expect("header");
    w.write_image_data(&rgb(WIDTH, HEIGHT)).expect("data");
    w.finish().expect("finish");
    out.extend_from_slice(TRAILING);
    out
}

/// A PNG whose header announces 100 000 × 100 000 pixels, with a kilobyte or so of compressed data.
fn png_bomb() -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, 100_000, 100_000);
    e.set_color(png::ColorType::Grayscale);
    let mut w = e.write_header().expect("header");
    // A megabyte of zeros compresses to a kilobyte: the header's 10^10 pixels would be gigabytes.
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; 1 << 20], 9);
    w.write_chunk(png::chunk::IDAT, &z).expect("idat");
    drop(w);
    out
}

/// A JPEG whose frame header says 60 000 × 60 000.
fn jpeg_bomb() -> Vec<u8> {
    let mut j = jpeg(8, 8);
    let sof = j.windows(2).position(|w| w == [0xFF, 0xC0]).expect("SOF0");
    j[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    j
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

async fn api_upload(app: &TestApp, auth: &str, id: i64, item: &str, name: &str, bytes: &[u8]) -> TestResponse {
    let (ct, body) = multipart(&[("item", item)], Some((name, bytes)));
    send(app, "POST", &format!("/api/v1/applications/{id}/documents"), auth, &ct, body, &[("accept-language", "en")])
        .await
}

async fn page_upload(
    app: &TestApp,
    cookie: &str,
    csrf: &str,
    id: i64,
    item: &str,
    file: (&str, &[u8]),
) -> TestResponse {
    let (ct, body) = multipart(&[("csrf", csrf), ("item", item), ("role_choice", "original-kk")], Some(file));
    let req = Request::post(format!("/applications/{id}/documents?lang=ru"))
        .header("content-type", ct)
        .header("cookie", cookie)
        .body(Body::from(body))
        .expect("req");
    app.request(req).await
}

/// What a kept JPEG must be: the same size, decodable, and nothing the original carried.
fn check_jpeg(kept: &[u8]) {
    let mut d = zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(kept));
    let pixels = d.decode().expect("the kept JPEG decodes");
    assert_eq!(d.dimensions(), Some((usize::from(WIDTH), usize::from(HEIGHT))), "the same width and height");
    assert_eq!(pixels.len(), usize::from(WIDTH) * usize::from(HEIGHT) * 3);
    assert!(!find(kept, b"Exif\0\0"), "no EXIF block");
    assert!(!find(kept, &[0xFF, 0xE1]), "no APP1 segment at all");
    assert!(!find(kept, GPS_DATUM) && !find(kept, &1788u32.to_le_bytes()), "no GPS bytes");
    assert!(!find(kept, COMMENT), "no comment");
    assert!(!find(kept, b"PK\x03\x04") && !find(kept, b"PK\x05\x06"), "no archive");
    assert!(kept.ends_with(&[0xFF, 0xD9]), "nothing after the end of the image");
}

/// What a kept PNG must be: the same size and pixels, decodable, the critical chunks only, nothing after.
fn check_png(kept: &[u8]) {
    let mut r = png::Decoder::new(kept).read_info().expect("the kept PNG decodes");
    assert_eq!((r.info().width, r.info().height), (u32::from(WIDTH), u32::from(HEIGHT)), "the same width and height");
    let mut pixels = vec![0; r.output_buffer_size()];
    r.next_frame(&mut pixels).expect("frame");
    assert_eq!(pixels, rgb(WIDTH, HEIGHT), "the same pixels: PNG is lossless");
    assert!(!find(kept, b"tEXt") && !find(kept, PNG_TEXT.as_bytes()), "no text chunk");
    assert!(!find(kept, TRAILING), "no trailing data");
    assert!(kept.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]), "IEND last");
    // Every chunk is IHDR, IDAT or IEND.
    let mut at = 8;
    while at + 8 <= kept.len() {
        let len = usize::try_from(u32::from_be_bytes(kept[at..at + 4].try_into().expect("4"))).expect("len");
        let kind = &kept[at + 4..at + 8];
        assert!(
            [&b"IHDR"[..], b"IDAT", b"IEND"].contains(&kind),
            "an ancillary chunk {:?}",
            String::from_utf8_lossy(kind)
        );
        at += 12 + len;
    }
    assert_eq!(at, kept.len());
}

#[tokio::test]
async fn images_reach_the_officer_as_their_pixels_alone_and_pdfs_as_they_were() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "photos@example.com").await;
        let id = complete_draft(&app, &auth, "E7770001").await;
        let (cookie, csrf) = page_session(&app, "photos@example.com").await;
        let (jpeg, png) = (dirty_jpeg(), dirty_png());
        // Each kind through each door.
        let mut kept = Vec::new();
        for (name, bytes) in [("passport-page.jpg", &jpeg), ("certificate.png", &png)] {
            let r = api_upload(&app, &auth, id, "passport", name, bytes).await;
            assert_eq!(r.status, 201, "{}", r.body);
            let doc = r.json();
            assert_ne!(doc["sha256"], hex::encode(sha2::Sha256::digest(bytes)), "not the original");
            kept.push((doc["id"].as_i64().expect("id"), name));
        }
        for (name, bytes) in [("diploma.jpg", &jpeg), ("diploma.png", &png)] {
            let r = page_upload(&app, &cookie, &csrf, id, "profession_proof", (name, bytes)).await;
            assert_eq!(r.status, 303, "{}", r.body);
            let docs = app.state.store.documents(id).await.expect("docs");
            kept.push((docs.iter().find(|d| d.filename == name).expect("recorded").id, name));
        }
        let submitted = send(&app, "POST", &format!("/api/v1/applications/{id}/submit"), &auth, "", vec![], &[]).await;
        assert_eq!(submitted.status, 200, "{}", submitted.body);

        // The officer downloads each as the case page links it.
        let (officer, _) = crate::cases::staff(&app, "officer@kz75.kz", "officer", Some("department-KZ-75")).await;
        let docs = app.state.store.documents(id).await.expect("docs");
        for (doc, name) in &kept {
            let r = app.get_with(&format!("/cases/{id}/documents/{doc}"), &[("cookie", &officer)]).await;
            assert_eq!(r.status, 200, "{name}");
            let d = docs.iter().find(|d| d.id == *doc).expect("doc");
            assert_eq!(
                d.sha256,
                hex::encode(sha2::Sha256::digest(&r.raw)),
                "{name}: the recorded SHA-256 is the kept file's"
            );
            assert_eq!(d.size, i64::try_from(r.raw.len()).expect("size"), "{name}: and so is the size");
            if d.content_type == "image/jpeg" {
                assert_eq!(r.header("content-type"), "image/jpeg");
                check_jpeg(&r.raw);
            } else {
                assert_eq!((d.content_type.as_str(), r.header("content-type")), ("image/png", "image/png"), "{name}");
                check_png(&r.raw);
            }
        }
        // The PDFs are kept byte for byte.
        for d in docs.iter().filter(|d| d.content_type == "application/pdf") {
            let r = app.get_with(&format!("/cases/{id}/documents/{}", d.id), &[("cookie", &officer)]).await;
            assert_eq!(r.raw, PDF, "a PDF is untouched");
        }
        // One stored file a document: no original kept beside what was written anew.
        assert_eq!(stored_files(&app), docs.len());
    })
    .await;
}

fn stored_files(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map_or(0, |rd| rd.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
    }
    match &app.state.settings.files {
        service::files::Location::Dir(d) => walk(d),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_from_its_header_with_its_own_message() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "bomb@example.com").await;
        let id =
            send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"].as_i64().expect("id");
        for (name, bomb) in [("huge-scan.png", png_bomb()), ("huge-photo.jpg", jpeg_bomb())] {
            assert!(bomb.len() < 2 << 20, "{name} is small: {} bytes", bomb.len());
            let r = api_upload(&app, &auth, id, "passport", name, &bomb).await;
            assert_eq!(r.status, 422, "{}", r.body);
            let e = &r.json()["errors"][0];
            assert_eq!(
                (e["field"].as_str(), e["code"].as_str()),
                (Some("file"), Some("too_many_pixels")),
                "{}",
                r.body
            );
            let message = e["message"].as_str().expect("message");
            assert!(message.contains(name) && message.contains("40 million pixels"), "names the file: {message}");
        }
        // The page, in Russian and in Kazakh.
        let (cookie, csrf) = page_session(&app, "bomb@example.com").await;
        let r = page_upload(&app, &cookie, &csrf, id, "passport", ("огромный.png", &png_bomb())).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Изображение «огромный.png» содержит больше 40 млн пикселей"), "{}", r.body);
        let (ct, body) = multipart(&[("csrf", &csrf), ("item", "passport")], Some(("үлкен.jpg", &jpeg_bomb())));
        let req = Request::post(format!("/applications/{id}/documents?lang=kk"))
            .header("content-type", ct)
            .header("cookie", &cookie)
            .body(Body::from(body))
            .expect("req");
        let r = app.request(req).await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("«үлкен.jpg» суретінде 40 миллионнан астам пиксель бар"), "{}", r.body);
        // Nothing kept.
        assert!(app.state.store.documents(id).await.expect("docs").is_empty());
        assert_eq!(stored_files(&app), 0);
        // Not an image at all, though it starts like one: its own message too.
        let r = api_upload(&app, &auth, id, "passport", "broken.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRbroken").await;
        assert_eq!(r.json()["errors"][0]["code"], "undecodable", "{}", r.body);
        assert!(r.json()["errors"][0]["message"].as_str().expect("m").contains("“broken.png” cannot be read"));
    })
    .await;
}
