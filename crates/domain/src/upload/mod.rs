//! What an uploaded file is, by its content (PDF, JPEG, PNG; PDF polyglots refused, images are written
//! anew instead), its size and SHA-256, seen as it streams by.

use sha2::{Digest, Sha256};

mod pdf;

/// How much of the end of a file is kept to check its trailer.
const TAIL: usize = 65_557;

/// What a file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `%PDF-`.
    Pdf,
    /// JPEG/JFIF/EXIF.
    Jpeg,
    /// PNG.
    Png,
}

impl Kind {
    /// The media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }

    /// Whether it is an image (decoded and written anew before it is kept, `files::image`).
    pub fn is_image(self) -> bool {
        matches!(self, Kind::Jpeg | Kind::Png)
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }
}

/// Why a file was refused; `as_str` is the stable problem code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// No bytes.
    Empty,
    /// Not a PDF, JPEG or PNG (whatever its name says).
    UnsupportedType,
    /// Valid at the start, but something else too (trailing data, an archive, markup).
    Polyglot,
    /// Over the per-file limit.
    TooLarge,
    /// A PDF with active content (JavaScript, an action run on opening, a launched program, an
    /// embedded file, a form that submits): officers open these files.
    ActiveContent,
    /// An image whose header announces more pixels than the limit (a decompression bomb, or a scan
    /// at a resolution no officer needs): refused before a pixel is decoded.
    TooManyPixels,
    /// An image that does not decode.
    Undecodable,
}

impl FileProblem {
    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            FileProblem::Empty => "empty",
            FileProblem::UnsupportedType => "unsupported_type",
            FileProblem::Polyglot => "polyglot",
            FileProblem::TooLarge => "too_large",
            FileProblem::ActiveContent => "active_content",
            FileProblem::TooManyPixels => "too_many_pixels",
            FileProblem::Undecodable => "undecodable",
        }
    }
}

/// Looks at a file as it streams by: its start, its end, its hash and size.
pub struct Inspector {
    head: Vec<u8>,
    tail: Vec<u8>,
    size: u64,
    hash: Sha256,
    limit: u64,
    pdf: Pdf,
}

/// Whether the file is read for a PDF's active content.
enum Pdf {
    /// Too few bytes yet to tell.
    Undecided,
    /// A PDF: scanned as it passes.
    Scan(Box<pdf::PdfScan>),
    /// Not a PDF.
    No,
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

impl Inspector {
    /// An inspector refusing files over `limit` bytes.
    pub fn new(limit: u64) -> Inspector {
        Inspector {
            head: Vec::with_capacity(1024),
            tail: Vec::with_capacity(TAIL * 2),
            size: 0,
            hash: Sha256::new(),
            limit,
            pdf: Pdf::Undecided,
        }
    }

    /// Takes the next piece; refuses as soon as the file is over its limit or its start is wrong.
    pub fn update(&mut self, data: &[u8]) -> Result<(), FileProblem> {
        self.size += data.len() as u64;
        if self.size > self.limit {
            return Err(FileProblem::TooLarge);
        }
        let room = 1024usize.saturating_sub(self.head.len());
        self.head.extend_from_slice(data.get(..room.min(data.len())).unwrap_or_default());
        if self.head.len() >= 8 {
            sniff(&self.head)?;
        }
        match &mut self.pdf {
            Pdf::Scan(scan) => scan.update(data),
            Pdf::Undecided if self.head.len() >= 5 => {
                if self.head.starts_with(b"%PDF-") {
                    let mut scan = Box::new(pdf::PdfScan::new());
                    // What came before this piece is all in `head` (fewer than five bytes).
                    let before = usize::try_from(self.size).unwrap_or(0).saturating_sub(data.len());
                    scan.update(self.head.get(..before).unwrap_or_default());
                    scan.update(data);
                    self.pdf = Pdf::Scan(scan);
                } else {
                    self.pdf = Pdf::No;
                }
            }
            Pdf::Undecided | Pdf::No => {}
        }
        self.hash.update(data);
        self.tail.extend_from_slice(data);
        if self.tail.len() > TAIL * 2 {
            let cut = self.tail.len() - TAIL;
            self.tail.drain(..cut);
        }
        Ok(())
    }

    /// The kind the file's first bytes announce, once enough of them have passed.
    pub fn kind(&self) -> Option<Kind> {
        sniff(&self.head).ok()
    }

    /// The verdict once the whole file has passed: its kind, size and SHA-256. A PDF must be one and
    /// nothing else (no trailing archive, no markup); an image is not checked for what it carries
    /// besides its pixels, since it is kept only as written anew from them (`files::image`).
    pub fn finish(self) -> Result<(Kind, u64, String), FileProblem> {
        if self.size == 0 {
            return Err(FileProblem::Empty);
        }
        let kind = sniff(&self.head)?;
        if kind.is_image() {
            return Ok((kind, self.size, hex::encode(self.hash.finalize())));
        }
        let start = self.tail.len().saturating_sub(TAIL);
        let tail = self.tail.get(start..).unwrap_or_default();
        // A ZIP's end-of-central-directory record near the end makes the file an archive as well.
        if find(tail, b"PK\x05\x06") || find_ci(&self.head, b"<script") || find_ci(&self.head, b"<html") {
            return Err(FileProblem::Polyglot);
        }
        let end = |n: usize| tail.get(tail.len().saturating_sub(n)..).unwrap_or_default();
        if !find(end(1024), b"%%EOF") {
            return Err(FileProblem::Polyglot);
        }
        if let Pdf::Scan(scan) = self.pdf
            && scan.active()
        {
            return Err(FileProblem::ActiveContent);
        }
        Ok((kind, self.size, hex::encode(self.hash.finalize())))
    }
}

/// The kind a file's first bytes announce.
fn sniff(head: &[u8]) -> Result<Kind, FileProblem> {
    if head.starts_with(b"%PDF-") {
        Ok(Kind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(Kind::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok(Kind::Png)
    } else {
        Err(FileProblem::UnsupportedType)
    }
}

#[cfg(test)]
mod tests {
    use super::{FileProblem, Inspector, Kind};

    fn inspect(bytes: &[u8]) -> Result<Kind, FileProblem> {
        let mut i = Inspector::new(1 << 20);
        for c in bytes.chunks(7) {
            i.update(c)?;
        }
        i.finish().map(|(k, _, _)| k)
    }

    const PNG_END: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(inspect(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"), Ok(Kind::Pdf));
        assert_eq!(inspect(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 0xFF, 0xD9]), Ok(Kind::Jpeg));
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        png.extend_from_slice(&PNG_END);
        assert_eq!(inspect(&png), Ok(Kind::Png));
        assert_eq!(
            inspect(b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode"),
            Err(FileProblem::UnsupportedType)
        );
        assert_eq!(inspect(b"\x7fELF\x02\x01\x01\x00"), Err(FileProblem::UnsupportedType));
        assert_eq!(inspect(b""), Err(FileProblem::Empty));
    }

    /// A small PDF whose catalog carries `extra`.
    fn pdf_with(extra: &str) -> Vec<u8> {
        format!("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {extra} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").into_bytes()
    }

    #[test]
    fn pdfs_that_act_when_opened_are_refused() {
        assert_eq!(inspect(&pdf_with("")), Ok(Kind::Pdf));
        assert_eq!(
            inspect(&pdf_with("/URI (https://example.org)")),
            Ok(Kind::Pdf),
            "a link is not an action run on opening"
        );
        for active in [
            "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "/OpenAction 3 0 R",
            "/AA << /O 4 0 R >>",
            "/Names << /EmbeddedFiles 5 0 R >>",
            "/A << /S /Launch /F (cmd.exe) >>",
            "/OpenAct#69on 3 0 R",
            "/J#53 (x)",
            "/AcroForm << /XFA 6 0 R >>",
        ] {
            assert_eq!(inspect(&pdf_with(active)), Err(FileProblem::ActiveContent), "{active}");
        }
        // Names inside page content or image data are not names of the file's objects.
        let mut content = b"%PDF-1.7\n3 0 obj\n<< /Length 20 >>\nstream\n/JS 1 Tf (x) Tj\nendstream\nendobj\n".to_vec();
        content.extend_from_slice(b"trailer\n<< >>\n%%EOF\n");
        assert_eq!(inspect(&content), Ok(Kind::Pdf));
    }

    #[test]
    fn active_content_hidden_in_a_compressed_object_stream_is_found() {
        let hidden = b"1 0 << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>";
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(hidden, 6);
        let mut pdf = b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&packed);
        pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n");
        assert_eq!(inspect(&pdf), Err(FileProblem::ActiveContent));
        let harmless = miniz_oxide::deflate::compress_to_vec_zlib(b"1 0 << /Type /Catalog /Pages 2 0 R >>", 6);
        let mut ok = b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n".to_vec();
        ok.extend_from_slice(&harmless);
        ok.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n");
        assert_eq!(inspect(&ok), Ok(Kind::Pdf));
        // An object stream that does not inflate cannot be checked: refused.
        let mut odd = b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /Filter /ASCIIHexDecode >>\nstream\n".to_vec();
        odd.extend_from_slice(b"2F4A53\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n");
        assert_eq!(inspect(&odd), Err(FileProblem::ActiveContent));
    }

    /// Found by the `upload_sniff` fuzz target: an object stream whose data does not inflate to its end
    /// passed when the file came in one piece, and was refused when a piece ended inside `endstream`
    /// (those bytes were inflated as data). Now it is refused however the file is cut.
    #[test]
    fn an_object_stream_that_does_not_inflate_to_its_end_is_refused_however_the_file_is_cut() {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(b"1 0 << /Type /Catalog /Pages 2 0 R >>", 6);
        let head = b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n";
        let tail = b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n";
        for (data, verdict) in [
            (&b""[..], Err(FileProblem::ActiveContent)),
            (&packed[..packed.len() / 2], Err(FileProblem::ActiveContent)),
            (&packed[..], Ok(Kind::Pdf)),
        ] {
            let pdf = [&head[..], data, &tail[..]].concat();
            for size in 1..=pdf.len() {
                let mut i = Inspector::new(1 << 20);
                for piece in pdf.chunks(size) {
                    i.update(piece).expect("a PDF under the limit");
                }
                assert_eq!(i.finish().map(|(k, _, _)| k), verdict, "{} bytes of data, pieces of {size}", data.len());
            }
        }
        // The fuzz target's input, as it found it: pieces of 64.
        // (`fuzz/corpus/upload_sniff/crash-objstm-cut-in-endstream`, after its two bytes of options.)
        let file: &[u8] =
            b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm oN 1 /First 4 /Filter /FlateDecode >>!\nstr /FlateDecoZde >>\nst\
              ream\nendstream\nendobj\xdf\xcf\xdf\xad\xdf\xbd>\xbd\x07\n\x04\nendstream\nendobj\ntrailer\n<< >>\n%\
              %EOF\n";
        let whole = inspect(file);
        let mut i = Inspector::new(1 << 20);
        for piece in file.chunks(64) {
            i.update(piece).expect("under the limit");
        }
        assert_eq!(i.finish().map(|(k, _, _)| k), whole);
        assert_eq!(whole, Err(FileProblem::ActiveContent));
    }

    #[test]
    fn polyglots_are_refused() {
        let mut pdf_zip = b"%PDF-1.4\n%%EOF\n".to_vec();
        pdf_zip.extend_from_slice(b"PK\x03\x04....PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert_eq!(inspect(&pdf_zip), Err(FileProblem::Polyglot));
        assert_eq!(inspect(b"%PDF-1.4 <html><script>alert(1)</script> %%EOF"), Err(FileProblem::Polyglot));
        // An image carrying an archive or a script passes here: it is kept only as written anew from
        // its pixels (`files::image`), which leaves whatever it carried behind.
        let mut jpeg_zip = vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 0xFF, 0xD9];
        jpeg_zip.extend_from_slice(b"PK\x03\x04....PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert_eq!(inspect(&jpeg_zip), Ok(Kind::Jpeg));
        let mut png_tail = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png_tail.extend_from_slice(&PNG_END);
        png_tail.extend_from_slice(b"<?php echo 1; ?>");
        assert_eq!(inspect(&png_tail), Ok(Kind::Png));
    }

    #[test]
    fn too_large_is_refused_while_streaming() {
        let mut i = Inspector::new(10);
        assert!(i.update(b"%PDF-1.7").is_ok());
        assert_eq!(i.update(b"more bytes"), Err(FileProblem::TooLarge));
    }

    /// Found by the `upload_sniff` fuzz target's long run: an object stream that does not inflate to
    /// its end, whose verdict came out otherwise when the file arrived in pieces of seven bytes.
    #[test]
    fn an_object_stream_s_verdict_does_not_depend_on_the_pieces() {
        let data = include_bytes!("../../../../fuzz/corpus/upload_sniff/crash-objstm-verdict-with-pieces-of-7");
        let file = data.get(2..).unwrap_or_default();
        let verdict = |size: usize| {
            let mut i = Inspector::new(1 << 20);
            for c in file.chunks(size) {
                i.update(c).map_err(|e| format!("{e:?}"))?;
            }
            i.finish().map(|(k, _, _)| k).map_err(|e| format!("{e:?}"))
        };
        let whole = verdict(file.len());
        for size in 1..=64 {
            assert_eq!(verdict(size), whole, "in pieces of {size}");
        }
    }
}
