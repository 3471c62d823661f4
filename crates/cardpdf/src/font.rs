//! The two embedded DejaVu Sans faces: glyph lookup, text measurement, and embedding a subset of
//! the glyphs used as a CIDFontType2 (Identity-H) with `/W` widths and a `ToUnicode` CMap.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::WMode;
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};

use crate::PdfError;

/// DejaVu Sans 2.37 (Debian's fonts-dejavu-core), licence in `fonts/LICENSE`.
static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold 2.37 (Debian's fonts-dejavu-core), licence in `fonts/LICENSE`.
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// One glyph of a shaped run: the font's glyph id and the character it shows.
pub(crate) type Glyph = (u16, char);

/// A parsed face with the numbers layout and embedding need.
pub(crate) struct Face {
    ttf: ttf_parser::Face<'static>,
    data: &'static [u8],
    /// The PostScript name, e.g. `DejaVuSans-Bold`.
    pub(crate) name: &'static str,
    units_per_em: f32,
}

impl Face {
    /// Parses one of the embedded faces.
    pub(crate) fn load(style: Style) -> Result<Self, PdfError> {
        let (data, name) = match style {
            Style::Regular => (REGULAR, "DejaVuSans"),
            Style::Bold => (BOLD, "DejaVuSans-Bold"),
        };
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| PdfError::Font(name))?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Self { ttf: face, data, name, units_per_em })
    }

    /// The glyphs for `text`, one per character (no shaping: the scripts on a card need none).
    pub(crate) fn glyphs(&self, text: &str) -> Result<Vec<Glyph>, PdfError> {
        text.chars()
            .map(|ch| match self.ttf.glyph_index(ch) {
                Some(id) if id.0 != 0 => Ok((id.0, ch)),
                _ => Err(PdfError::MissingGlyph { ch, font: self.name }),
            })
            .collect()
    }

    /// The advance of one glyph in thousandths of the font size (PDF glyph space).
    fn advance(&self, glyph: u16) -> f32 {
        let units = self.ttf.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// The width of `text` at `size` points; an error names the first character without a glyph.
    pub(crate) fn width(&self, text: &str, size: f32) -> Result<f32, PdfError> {
        let glyphs = self.glyphs(text)?;
        Ok(glyphs.iter().map(|&(g, _)| self.advance(g)).sum::<f32>() * size / 1000.0)
    }

    /// The width of one character at `size` points.
    pub(crate) fn char_width(&self, ch: char, size: f32) -> Result<f32, PdfError> {
        match self.ttf.glyph_index(ch) {
            Some(id) if id.0 != 0 => Ok(self.advance(id.0) * size / 1000.0),
            _ => Err(PdfError::MissingGlyph { ch, font: self.name }),
        }
    }

    /// A value in font units scaled to PDF glyph space (thousandths of the size).
    fn scaled(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / self.units_per_em
    }
}

/// The glyphs one face actually shows in the document, and their CIDs in the subset.
pub(crate) struct Subset {
    remapper: subsetter::GlyphRemapper,
    /// Subset CID → the character it shows, for the `ToUnicode` map and the widths.
    chars: BTreeMap<u16, (u16, char)>,
}

impl Subset {
    /// The subset holding exactly `glyphs` (plus `.notdef`), CIDs in ascending glyph order.
    pub(crate) fn new<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> Self {
        let mut first_char: BTreeMap<u16, char> = BTreeMap::new();
        for &(g, ch) in glyphs {
            first_char.entry(g).or_insert(ch);
        }
        let ids: Vec<u16> = first_char.keys().copied().collect();
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&ids);
        let chars = first_char.into_iter().filter_map(|(g, ch)| remapper.get(g).map(|cid| (cid, (g, ch)))).collect();
        Self { remapper, chars }
    }

    /// The two-byte Identity-H string for a run of glyphs.
    pub(crate) fn encode(&self, glyphs: &[Glyph]) -> Vec<u8> {
        glyphs.iter().flat_map(|&(g, _)| self.remapper.get(g).unwrap_or(0).to_be_bytes()).collect()
    }

    /// A six-letter subset tag that depends only on the glyphs in the subset.
    fn tag(&self) -> String {
        let mut hash = crate::fnv1a(self.chars.values().flat_map(|&(g, _)| g.to_be_bytes()));
        (0..6)
            .map(|_| {
                let letter = b'A' + u8::try_from(hash % 26).unwrap_or(0);
                hash /= 26;
                char::from(letter)
            })
            .collect()
    }
}

/// Allocates consecutive indirect object ids.
pub(crate) struct Refs(i32);

impl Refs {
    /// Ids from 1 up.
    pub(crate) fn new() -> Self {
        Self(0)
    }

    /// The next unused id.
    pub(crate) fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// zlib-compresses a stream's data (`/FlateDecode`).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}

const IDENTITY: SystemInfo<'static> = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// Writes the Type0 font `font_ref` (and its CIDFont, descriptor, font file and `ToUnicode`
/// CMap) for the glyphs in `subset`.
pub(crate) fn embed(
    pdf: &mut Pdf,
    refs: &mut Refs,
    font_ref: Ref,
    face: &Face,
    subset: &Subset,
) -> Result<(), PdfError> {
    let cid_ref = refs.next();
    let descriptor_ref = refs.next();
    let file_ref = refs.next();
    let cmap_ref = refs.next();

    let base_font = format!("{}+{}", subset.tag(), face.name);
    pdf.type0_font(font_ref)
        .base_font(Name(format!("{base_font}-Identity-H").as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let widths: Vec<f32> = (0..subset.remapper.num_gids())
        .map(|cid| match subset.chars.get(&cid) {
            Some(&(g, _)) => face.advance(g),
            None => face.advance(0),
        })
        .collect();
    let mut cid_font = pdf.cid_font(cid_ref);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(Name(base_font.as_bytes()))
        .system_info(IDENTITY)
        .font_descriptor(descriptor_ref)
        .default_width(face.advance(0))
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid_font.widths().consecutive(0, widths);
    cid_font.finish();

    let ttf = &face.ttf;
    let bbox = ttf.global_bounding_box();
    let cap_height = ttf.capital_height().unwrap_or(ttf.ascender());
    let weight = ttf.weight().to_number();
    let stem_v = 10.0 + 0.244 * (f32::from(weight) - 50.0);
    pdf.font_descriptor(descriptor_ref)
        .name(Name(base_font.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            face.scaled(bbox.x_min),
            face.scaled(bbox.y_min),
            face.scaled(bbox.x_max),
            face.scaled(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(face.scaled(ttf.ascender()))
        .descent(face.scaled(ttf.descender()))
        .cap_height(face.scaled(cap_height))
        .stem_v(stem_v)
        .font_file2(file_ref);

    let program = subsetter::subset(face.data, 0, &subset.remapper).map_err(|_| PdfError::Font(face.name))?;
    let length1 = i32::try_from(program.len()).map_err(|_| PdfError::Font(face.name))?;
    pdf.stream(file_ref, &deflate(&program)).filter(Filter::FlateDecode).pair(Name(b"Length1"), length1);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (&cid, &(_, ch)) in &subset.chars {
        cmap.pair(cid, ch);
    }
    let cmap = deflate(cmap.finish().as_slice());
    pdf.cmap(cmap_ref, &cmap)
        .name(Name(b"Custom"))
        .system_info(IDENTITY)
        .writing_mode(WMode::Horizontal)
        .filter(Filter::FlateDecode);
    Ok(())
}
