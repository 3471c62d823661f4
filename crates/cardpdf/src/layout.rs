//! The page: two ID-1 panels side by side (front left, back right) sharing a fold line, with a
//! cut outline around both, and the note below. Units are PDF points, origin bottom left.

use pdf_writer::Content;

use crate::font::{Face, Glyph, Style};
use crate::text::{self, Block, Frame, LEADING};
use crate::{CardFace, PdfError, qr};

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;
/// A4 portrait.
pub(crate) const PAGE_WIDTH: f32 = 210.0 * MM;
/// A4 portrait.
pub(crate) const PAGE_HEIGHT: f32 = 297.0 * MM;
/// ID-1 (ISO/IEC 7810) card width.
const CARD_WIDTH: f32 = 85.6 * MM;
/// ID-1 card height.
const CARD_HEIGHT: f32 = 54.0 * MM;
/// ID-1 corner radius.
const CORNER: f32 = 3.18 * MM;
/// From the top of the page to the top of the panels.
const TOP_MARGIN: f32 = 25.0 * MM;
/// Left, right and bottom margins of the note.
const MARGIN: f32 = 20.0 * MM;
/// Inner padding of the front panel.
const PAD: f32 = 4.0 * MM;
/// Space kept between the QR code (with its quiet zone) and the cut line.
const QR_CLEARANCE: f32 = 2.0 * MM;
/// Where a line's baseline sits below the top of its line box, as a multiple of the size.
pub(crate) const ASCENT: f32 = 0.95;
/// The sky blue of the flag, for the rule under the card number.
pub(crate) const SKY_BLUE: [f32; 3] = [0.0, 0.686, 0.792];

/// A line of text placed on the page, with the font's glyph ids (encoded after subsetting).
pub(crate) struct Run {
    /// The face it is set in.
    pub(crate) style: Style,
    /// Font size in points.
    pub(crate) size: f32,
    /// Left end of the baseline.
    pub(crate) x: f32,
    /// The baseline.
    pub(crate) y: f32,
    /// Fill gray, 0 black.
    pub(crate) gray: f32,
    /// The glyphs, one per character.
    pub(crate) glyphs: Vec<Glyph>,
}

/// The two faces.
pub(crate) struct Fonts {
    /// DejaVu Sans.
    pub(crate) regular: Face,
    /// DejaVu Sans Bold.
    pub(crate) bold: Face,
}

impl Fonts {
    /// Parses both embedded faces.
    pub(crate) fn load() -> Result<Self, PdfError> {
        Ok(Fonts { regular: Face::load(Style::Regular)?, bold: Face::load(Style::Bold)? })
    }

    pub(crate) fn get(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }
}

/// What the page shows: vector graphics, and the text runs to encode once the subsets are known.
pub(crate) struct Page {
    /// Outlines, rule and QR code.
    pub(crate) graphics: Content,
    /// Every line of text.
    pub(crate) runs: Vec<Run>,
}

impl Page {
    /// Places a block's lines with their top at `top`.
    pub(crate) fn block(
        &mut self,
        fonts: &Fonts,
        style: Style,
        block: &Block,
        x: f32,
        top: f32,
        gray: f32,
    ) -> Result<(), PdfError> {
        for (i, line) in block.lines.iter().enumerate() {
            let glyphs = fonts.get(style).glyphs(line)?;
            if glyphs.is_empty() {
                continue;
            }
            let y = top - (i as f32 * LEADING + ASCENT) * block.size;
            self.runs.push(Run { style, size: block.size, x, y, gray, glyphs });
        }
        Ok(())
    }
}

/// Lays out the whole page.
pub(crate) fn page(fonts: &Fonts, face: &CardFace<'_>) -> Result<Page, PdfError> {
    let mut page = Page { graphics: Content::new(), runs: Vec::new() };
    let left = (PAGE_WIDTH - 2.0 * CARD_WIDTH) / 2.0;
    let top = PAGE_HEIGHT - TOP_MARGIN;
    let bottom = top - CARD_HEIGHT;
    outlines(&mut page.graphics, left, bottom);
    front(&mut page, fonts, face, left, bottom)?;

    let back_left = left + CARD_WIDTH;
    let side = CARD_WIDTH.min(CARD_HEIGHT) - 2.0 * QR_CLEARANCE;
    let qr_left = back_left + (CARD_WIDTH - side) / 2.0;
    let qr_top = top - (CARD_HEIGHT - side) / 2.0;
    qr::draw(&mut page.graphics, face.qr_width, face.qr_dark, qr_left, qr_top, side);

    let note_top = bottom - 10.0 * MM;
    let frame = Frame { max: 10.0, min: 6.0, width: PAGE_WIDTH - 2.0 * MARGIN, height: note_top - MARGIN };
    let note = text::fit_wrapped(&fonts.regular, &note_text(face.note), frame)?;
    page.block(fonts, Style::Regular, &note, MARGIN, note_top, 0.15)?;
    Ok(page)
}

/// The note with each line's whitespace collapsed; line breaks are kept.
fn note_text(note: &str) -> String {
    note.lines().map(text::one_line).collect::<Vec<_>>().join("\n")
}

/// The cut outline around both panels (rounded outer corners) and the dashed fold line between.
fn outlines(content: &mut Content, left: f32, bottom: f32) {
    let (right, top) = (left + 2.0 * CARD_WIDTH, bottom + CARD_HEIGHT);
    let (r, k) = (CORNER, CORNER * 0.447_715); // k: 1 - 0.552285, the Bézier circle constant
    content.save_state().set_stroke_gray(0.45).set_line_width(0.4);
    content.move_to(left + r, bottom).line_to(right - r, bottom);
    content.cubic_to(right - k, bottom, right, bottom + k, right, bottom + r);
    content.line_to(right, top - r);
    content.cubic_to(right, top - k, right - k, top, right - r, top);
    content.line_to(left + r, top);
    content.cubic_to(left + k, top, left, top - k, left, top - r);
    content.line_to(left, bottom + r);
    content.cubic_to(left, bottom + k, left + k, bottom, left + r, bottom);
    content.close_path().stroke();
    let fold = left + CARD_WIDTH;
    content.set_dash_pattern([3.0, 2.0], 0.0).move_to(fold, bottom).line_to(fold, top).stroke();
    content.restore_state();
}

/// The front panel: issuer, title, number, a rule, then the fields.
fn front(page: &mut Page, fonts: &Fonts, face: &CardFace<'_>, left: f32, bottom: f32) -> Result<(), PdfError> {
    let x = left + PAD;
    let width = CARD_WIDTH - 2.0 * PAD;
    let mut y = bottom + CARD_HEIGHT - PAD;

    let header = [
        (Style::Regular, face.issuer, 7.0, 4.5, 2.0, 0.3),
        (Style::Bold, face.title, 11.0, 5.0, 2.0, 0.0),
        (Style::Bold, face.number, 16.0, 6.0, 1.0, 0.0),
    ];
    for (style, content, max, min, lines, gray) in header {
        let frame = Frame { max, min, width, height: text::lines_height(1, max) * lines };
        let block = text::fit(fonts.get(style), &text::one_line(content), frame)?;
        page.block(fonts, style, &block, x, y, gray)?;
        y -= block.height() + 1.0;
    }

    y -= 2.0;
    let [red, green, blue] = SKY_BLUE;
    page.graphics.save_state().set_stroke_rgb(red, green, blue).set_line_width(0.8);
    page.graphics.move_to(x, y).line_to(x + width, y).stroke().restore_state();
    y -= 4.0;

    let fields = fit_fields(fonts, face.fields, width, y - (bottom + PAD))?;
    for row in &fields.rows {
        let label_top = y - ASCENT * (fields.value_size - fields.label_size);
        let label = Block { size: fields.label_size, lines: row.label.clone() };
        let value = Block { size: fields.value_size, lines: row.value.clone() };
        page.block(fonts, Style::Regular, &label, x, label_top, 0.35)?;
        page.block(fonts, Style::Bold, &value, x + fields.label_width + fields.gap, y, 0.0)?;
        y -= row.height + fields.row_gap;
    }
    Ok(())
}

/// One field as laid out: its label and value lines, and the height of the row.
struct Row {
    label: Vec<String>,
    value: Vec<String>,
    height: f32,
}

/// The fields in two columns: labels (regular, gray) and values (bold).
struct Fields {
    value_size: f32,
    label_size: f32,
    label_width: f32,
    gap: f32,
    row_gap: f32,
    rows: Vec<Row>,
}

const VALUE_MAX: f32 = 8.0;
const VALUE_MIN: f32 = 4.5;
/// Labels are this much smaller than values.
const LABEL_RATIO: f32 = 0.8;

/// The largest size at which every value fits on one line; else the largest at which the wrapped
/// values fit; else the smallest size with the rows that fit (the last one cut with an ellipsis).
fn fit_fields(fonts: &Fonts, fields: &[crate::Field<'_>], width: f32, height: f32) -> Result<Fields, PdfError> {
    let pairs: Vec<(String, String)> =
        fields.iter().map(|f| (text::one_line(f.label), text::one_line(f.value))).collect();
    for wrap_values in [false, true] {
        for size in text::sizes(VALUE_MAX, VALUE_MIN) {
            if let Some(fields) = fields_at(fonts, &pairs, size, width, wrap_values)?
                && total_height(&fields) <= height
            {
                return Ok(fields);
            }
        }
    }
    let Some(mut fields) = fields_at(fonts, &pairs, VALUE_MIN, width, true)? else {
        return Ok(Fields {
            value_size: VALUE_MIN,
            label_size: VALUE_MIN,
            label_width: 0.0,
            gap: 0.0,
            row_gap: 0.0,
            rows: Vec::new(),
        });
    };
    // Keep the rows that fit; cut the first one that does not to the height left.
    let mut used = 0.0;
    let mut kept = 0;
    let drop = label_drop(&fields);
    for row in &mut fields.rows {
        if used + row.height <= height {
            used += row.height + fields.row_gap;
            kept += 1;
            continue;
        }
        let left = height - used;
        let value_width = width - fields.label_width - fields.gap;
        text::cut(&fonts.bold, fields.value_size, value_width, left, &mut row.value)?;
        text::cut(&fonts.regular, fields.label_size, fields.label_width, left - drop, &mut row.label)?;
        row.height = left;
        if !row.value.is_empty() {
            kept += 1;
        }
        break;
    }
    fields.rows.truncate(kept);
    Ok(fields)
}

/// How far a label's first line box sits below its value's, so that their baselines meet.
fn label_drop(fields: &Fields) -> f32 {
    ASCENT * (fields.value_size - fields.label_size)
}

fn total_height(fields: &Fields) -> f32 {
    let gaps = fields.row_gap * fields.rows.len().saturating_sub(1) as f32;
    fields.rows.iter().map(|r| r.height).sum::<f32>() + gaps
}

/// The fields at one value size; `None` when a value does not fit on one line and may not wrap.
fn fields_at(
    fonts: &Fonts,
    pairs: &[(String, String)],
    value_size: f32,
    width: f32,
    wrap_values: bool,
) -> Result<Option<Fields>, PdfError> {
    let label_size = value_size * LABEL_RATIO;
    let mut widest = 0.0_f32;
    for (label, _) in pairs {
        widest = widest.max(fonts.regular.width(label, label_size)?);
    }
    let label_width = widest.min(width * 0.4);
    let gap = if label_width > 0.0 { value_size } else { 0.0 };
    let value_width = width - label_width - gap;
    let mut fields = Fields {
        value_size,
        label_size,
        label_width,
        gap,
        row_gap: value_size * 0.35,
        rows: Vec::with_capacity(pairs.len()),
    };
    for (label, value) in pairs {
        let value = if wrap_values {
            text::wrap(&fonts.bold, value_size, value_width, value)?
        } else if fonts.bold.width(value, value_size)? <= value_width {
            vec![value.clone()]
        } else {
            return Ok(None);
        };
        let label = text::wrap(&fonts.regular, label_size, label_width, label)?;
        let height = text::lines_height(value.len().max(1), value_size)
            .max(label_drop(&fields) + text::lines_height(label.len(), label_size));
        fields.rows.push(Row { label, value, height });
    }
    Ok(Some(fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Field;
    use proptest::prelude::*;

    /// How far below the baseline DejaVu Sans reaches, as a multiple of the size.
    const DESCENT: f32 = 0.24;
    const EPSILON: f32 = 0.01;

    fn fonts() -> Fonts {
        Fonts { regular: Face::load(Style::Regular).expect("regular"), bold: Face::load(Style::Bold).expect("bold") }
    }

    /// Asserts every run lies inside the front panel's padding or, below the panels, the note's margins.
    fn assert_inside(fonts: &Fonts, page: &Page) {
        let left = (PAGE_WIDTH - 2.0 * CARD_WIDTH) / 2.0;
        let top = PAGE_HEIGHT - TOP_MARGIN;
        let bottom = top - CARD_HEIGHT;
        for run in &page.runs {
            let text: String = run.glyphs.iter().map(|&(_, ch)| ch).collect();
            let width = fonts.get(run.style).width(&text, run.size).expect("width");
            let (x_min, x_max, y_min, y_max) = if run.y > bottom {
                (left + PAD, left + CARD_WIDTH - PAD, bottom + PAD, top - PAD)
            } else {
                (MARGIN, PAGE_WIDTH - MARGIN, MARGIN, bottom)
            };
            assert!(run.x >= x_min - EPSILON && run.x + width <= x_max + EPSILON, "{text:?} is too wide");
            assert!(run.y - DESCENT * run.size >= y_min - EPSILON, "{text:?} is too low");
            assert!(run.y + ASCENT * run.size <= y_max + EPSILON, "{text:?} is too high");
        }
    }

    fn card<'a>(fields: &'a [Field<'a>], qr: &'a [bool], note: &'a str) -> CardFace<'a> {
        CardFace {
            lang: "ru",
            title: "Карта «Ата жолы»",
            issuer: "Республика Казахстан",
            number: "AZ0000010427",
            fields,
            qr_width: 21,
            qr_dark: qr,
            note,
        }
    }

    #[test]
    fn the_sample_names_fit_on_one_line_each() {
        let fonts = fonts();
        let qr = vec![true; 21 * 21];
        let fields = [
            Field { label: "Фамилия, имя (латиницей)", value: "NURLANULY Yerlan Abilkaiyruly" },
            Field { label: "Фамилия, имя", value: "НҰРЛАНҰЛЫ Ерлан Әбілқайырұлы" },
            Field { label: "Дата рождения", value: "21.03.1990" },
        ];
        let page = page(&fonts, &card(&fields, &qr, "")).expect("page");
        let values: Vec<_> = page.runs.iter().filter(|r| r.style == Style::Bold && r.size <= VALUE_MAX).collect();
        assert_eq!(values.len(), 3, "one line per value");
        let smallest = values.iter().map(|r| r.size).fold(VALUE_MAX, f32::min);
        assert!(smallest >= 6.5, "values shrunk to {smallest} pt");
        assert_inside(&fonts, &page);
    }

    #[test]
    fn absurd_texts_are_cut_inside_their_boxes() {
        let fonts = fonts();
        let qr = vec![false; 21 * 21];
        let long = "Әбілқайырұлы-Нұрланұлы ".repeat(100);
        let word = "Ә".repeat(2000);
        let fields: Vec<Field<'_>> =
            (0..30).map(|i| Field { label: &long, value: if i % 2 == 0 { &long } else { &word } }).collect();
        let mut face = card(&fields, &qr, &long);
        face.title = &word;
        face.issuer = &long;
        face.number = &word;
        let page = page(&fonts, &face).expect("page");
        assert_inside(&fonts, &page);
        assert!(page.runs.iter().any(|r| r.glyphs.last().is_some_and(|g| g.1 == '…')), "a cut shows");
    }

    fn name(max: usize) -> impl Strategy<Value = String> {
        let chars: Vec<char> = "ӘәҒғҚқҢңӨөҰұҮүҺһІіАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя\
                                 ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789   -'.«»№–—\n"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(chars), 0..max).prop_map(|c| c.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_names_stay_inside_the_panel(
            latin in name(100), cyrillic in name(100), label in name(40), title in name(60), note in name(300)
        ) {
            let fonts = fonts();
            let qr = vec![false; 21 * 21];
            let fields = [
                Field { label: &label, value: &latin },
                Field { label: "Тегі, аты", value: &cyrillic },
                Field { label: "Туған күні", value: "21.03.1990" },
                Field { label: "Азаматтығы", value: &label },
                Field { label: "Берілген күні", value: "01.06.2026" },
                Field { label: "Жарамдылық мерзімі", value: "31.05.2036" },
            ];
            let mut face = card(&fields, &qr, &note);
            face.title = &title;
            let page = page(&fonts, &face);
            prop_assert!(page.is_ok(), "{:?}", page.err());
            assert_inside(&fonts, &page.expect("checked"));
        }
    }
}
