//! The holder's printable Ata Zholy card as a one-page A4 PDF.
//!
//! Two ID-1 panels (85.6 × 54 mm) side by side inside one cut outline: the front (issuer, title,
//! card number, fields) on the left, the back (the QR code, as large as fits, vector) on the
//! right, with a dashed fold line between them; cut out the outline, fold on the line and glue.
//! The note (how to verify the card) is set below, wrapped to the page width.
//!
//! Text is set in DejaVu Sans and DejaVu Sans Bold (every Kazakh and Russian Cyrillic letter),
//! embedded as subsets (CIDFontType2, Identity-H) with widths and a `ToUnicode` map, so the text
//! can be searched and copied. Text that does not fit its place is set smaller, then wrapped, and
//! only past the smallest size cut with an ellipsis: nothing is drawn outside its panel.
//!
//! The same fonts set the decision letters ([`letter::render`]): A4 pages of a letterhead, labelled
//! lines, a title and paragraphs, as many pages as the text needs.
//!
//! Pure: no I/O, no clock; the same input gives the same bytes.

mod font;
mod layout;
mod letter;
mod qr;
mod text;

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Str, TextStr};
use thiserror::Error;

use crate::font::{Refs, Style, Subset};
use crate::layout::{Fonts, PAGE_HEIGHT, PAGE_WIDTH, Page};
pub use crate::letter::{Block, LetterFace, render as render_letter};

/// One labelled line of the card face.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// What the line is, e.g. "Туған күні"; set small, in gray.
    pub label: &'a str,
    /// The holder's data, e.g. "1990-03-21"; set bold.
    pub value: &'a str,
}

/// What the card shows; every text is already translated by the caller (kk, ru or en).
#[derive(Debug, Clone, Copy)]
pub struct CardFace<'a> {
    /// The document's language, "kk", "ru" or "en": the PDF's `/Lang`.
    pub lang: &'a str,
    /// The card's name, e.g. «Ата жолы» картасы; also the document's title.
    pub title: &'a str,
    /// The issuing state, e.g. "Қазақстан Республикасы".
    pub issuer: &'a str,
    /// The card number, e.g. AZ0000010427, printed big.
    pub number: &'a str,
    /// The labelled lines: names (Latin and Kazakh Cyrillic), birth date, citizenship, validity.
    pub fields: &'a [Field<'a>],
    /// Modules per side of the QR code (1 to 177).
    pub qr_width: usize,
    /// `qr_width * qr_width` modules, row by row, `true` for dark; without the quiet zone.
    pub qr_dark: &'a [bool],
    /// A paragraph under the card (how to verify it, a URL); wrapped, `\n` starts a new line.
    pub note: &'a str,
}

/// Why a card cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfError {
    /// `qr_dark` is not `qr_width` × `qr_width` modules, or the width is 0 or above 177.
    #[error("the QR code has {len} modules for a width of {width}: it needs width × width, width 1 to 177")]
    QrSize {
        /// The `qr_width` given.
        width: usize,
        /// The length of `qr_dark`.
        len: usize,
    },
    /// A character the embedded font has no glyph for (an emoji, a CJK ideograph, a control).
    #[error("the font {font} has no glyph for {ch:?} (U+{:04X})", u32::from(*.ch))]
    MissingGlyph {
        /// The character.
        ch: char,
        /// The font's name.
        font: &'static str,
    },
    /// An embedded font could not be read or subset (a bug, not a matter of input).
    #[error("the embedded font {0} could not be read or subset")]
    Font(&'static str),
}

/// Renders the card as a one-page A4 PDF.
pub fn render(face: &CardFace<'_>) -> Result<Vec<u8>, PdfError> {
    qr::check(face.qr_width, face.qr_dark)?;
    let fonts = Fonts::load()?;
    let page = layout::page(&fonts, face)?;
    write(&fonts, face.lang, face.title, vec![page])
}

/// Writes laid-out A4 pages as a PDF: the faces the pages use, each embedded once as a subset of the
/// glyphs shown on every page; the document's title and language.
pub(crate) fn write(fonts: &Fonts, lang: &str, title: &str, pages: Vec<Page>) -> Result<Vec<u8>, PdfError> {
    let mut refs = Refs::new();
    let catalog_ref = refs.next();
    let pages_ref = refs.next();
    let info_ref = refs.next();
    let leaves: Vec<_> = pages.iter().map(|_| (refs.next(), refs.next())).collect();

    // Only the faces the pages use are embedded, each as a subset of the glyphs they show.
    let mut embedded = Vec::new();
    for (style, face, name) in [(Style::Regular, &fonts.regular, "F1"), (Style::Bold, &fonts.bold, "F2")] {
        let runs: Vec<_> = pages.iter().flat_map(|p| &p.runs).filter(|r| r.style == style).collect();
        if !runs.is_empty() {
            let subset = Subset::new(runs.iter().flat_map(|r| r.glyphs.iter()));
            embedded.push((style, face, name, subset, refs.next()));
        }
    }

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let mut catalog = pdf.catalog(catalog_ref);
    catalog.pages(pages_ref).lang(TextStr(lang));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.document_info(info_ref).title(TextStr(title)).producer(TextStr("atajoly cardpdf"));
    let count = i32::try_from(leaves.len()).unwrap_or(i32::MAX);
    pdf.pages(pages_ref).kids(leaves.iter().map(|(leaf, _)| *leaf)).count(count);
    for (page, (leaf_ref, content_ref)) in pages.into_iter().zip(&leaves) {
        let mut content = page.graphics;
        for run in &page.runs {
            let Some((_, _, name, subset, _)) = embedded.iter().find(|e| e.0 == run.style) else {
                continue;
            };
            content.set_fill_gray(run.gray).begin_text();
            content.set_font(Name(name.as_bytes()), run.size).next_line(run.x, run.y);
            content.show(Str(&subset.encode(&run.glyphs))).end_text();
        }
        let content = font::deflate(&content.finish());
        let mut page_writer = pdf.page(*leaf_ref);
        page_writer.parent(pages_ref).media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).contents(*content_ref);
        let mut resources = page_writer.resources();
        let mut fonts_dict = resources.fonts();
        for (_, _, name, _, font_ref) in &embedded {
            fonts_dict.pair(Name(name.as_bytes()), *font_ref);
        }
        fonts_dict.finish();
        resources.finish();
        page_writer.finish();
        pdf.stream(*content_ref, &content).filter(Filter::FlateDecode);
    }
    for (_, face, _, subset, font_ref) in &embedded {
        font::embed(&mut pdf, &mut refs, *font_ref, face, subset)?;
    }
    Ok(pdf.finish())
}

/// FNV-1a, 64 bits: a stable hash for subset tags.
pub(crate) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
