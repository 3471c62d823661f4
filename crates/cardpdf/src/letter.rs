//! A decision letter on A4 pages: the letterhead (who writes), a sky-blue rule, labelled lines (date,
//! reference number, addressee), the title, then headings and paragraphs, on as many pages as the
//! text needs, each page numbered "n / N" at its foot. A heading is never left alone at the foot of a
//! page. A character the fonts have no glyph for is set as U+FFFD, so that any text an officer typed
//! can be printed.

use pdf_writer::Content;

use crate::font::Style;
use crate::layout::{ASCENT, Fonts, MM, PAGE_HEIGHT, PAGE_WIDTH, Page, SKY_BLUE};
use crate::text::{self, Block as Lines, LEADING};
use crate::{Field, PdfError};

/// Left, right, top and bottom margins.
const MARGIN: f32 = 20.0 * MM;
/// The band at the foot of each page that holds its number.
const FOOTER: f32 = 8.0 * MM;
const HEAD_SIZE: f32 = 11.0;
const SENDER_SIZE: f32 = 9.0;
const LABEL_SIZE: f32 = 8.5;
const VALUE_SIZE: f32 = 10.0;
const TITLE_SIZE: f32 = 14.0;
const HEADING_SIZE: f32 = 11.0;
const BODY_SIZE: f32 = 10.0;
/// What stands in for a character the fonts cannot show.
const REPLACEMENT: char = '\u{FFFD}';

/// One block of a letter's body.
#[derive(Debug, Clone, Copy)]
pub enum Block<'a> {
    /// A heading, set bold, kept with the line that follows it.
    Heading(&'a str),
    /// A paragraph, wrapped to the page; `\n` starts a new line.
    Paragraph(&'a str),
}

/// What a letter shows; every text is already in the letter's language.
#[derive(Debug, Clone, Copy)]
pub struct LetterFace<'a> {
    /// The letter's language, "kk", "ru" or "en": the PDF's `/Lang`.
    pub lang: &'a str,
    /// The letter's title (e.g. "Decision to refuse the Ata Zholy card"); also the document's title.
    pub title: &'a str,
    /// Who writes: the service first (set bold), then the office.
    pub letterhead: &'a [&'a str],
    /// The labelled lines under the letterhead: date, reference number, addressee.
    pub fields: &'a [Field<'a>],
    /// The body.
    pub blocks: &'a [Block<'a>],
}

/// Renders a letter as an A4 PDF of as many pages as it needs.
pub fn render(letter: &LetterFace<'_>) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let pages = pages(&fonts, letter)?;
    write_pages(&fonts, letter, pages)
}

fn write_pages(fonts: &Fonts, letter: &LetterFace<'_>, pages: Vec<Page>) -> Result<Vec<u8>, PdfError> {
    crate::write(fonts, letter.lang, &printable(fonts, Style::Bold, letter.title), pages)
}

/// `text` with every character the face has no glyph for replaced by U+FFFD (or dropped, should the
/// face lack that too), and tabs as spaces.
fn printable(fonts: &Fonts, style: Style, text: &str) -> String {
    let face = fonts.get(style);
    text.chars()
        .filter_map(|ch| match ch {
            '\n' | ' ' => Some(ch),
            '\t' => Some(' '),
            _ if face.char_width(ch, 1.0).is_ok() => Some(ch),
            _ => face.char_width(REPLACEMENT, 1.0).is_ok().then_some(REPLACEMENT),
        })
        .collect()
}

/// The pages being filled, top to bottom.
struct Flow<'f> {
    fonts: &'f Fonts,
    done: Vec<Page>,
    page: Page,
    y: f32,
}

impl Flow<'_> {
    fn new_page() -> Page {
        Page { graphics: Content::new(), runs: Vec::new() }
    }

    /// The lowest a line may reach.
    fn floor() -> f32 {
        MARGIN + FOOTER
    }

    fn break_page(&mut self) {
        let page = std::mem::replace(&mut self.page, Self::new_page());
        self.done.push(page);
        self.y = PAGE_HEIGHT - MARGIN;
    }

    /// Sets `lines` at `x` from the current height, breaking the page between lines as needed;
    /// `keep` lines (at least) must fit together on the first page they start on.
    fn lines(&mut self, style: Style, lines: &Lines, x: f32, gray: f32, keep: usize) -> Result<(), PdfError> {
        let step = LEADING * lines.size;
        let keep = keep.min(lines.lines.len());
        if self.y - step * (keep as f32) < Self::floor() {
            self.break_page();
        }
        for line in &lines.lines {
            if self.y - step < Self::floor() {
                self.break_page();
            }
            let one = Lines { size: lines.size, lines: vec![line.clone()] };
            self.page.block(self.fonts, style, &one, x, self.y, gray)?;
            self.y -= step;
        }
        Ok(())
    }

    fn wrap(&self, style: Style, size: f32, width: f32, text: &str) -> Result<Lines, PdfError> {
        let text = printable(self.fonts, style, text);
        let text: String = text.lines().map(text::one_line).collect::<Vec<_>>().join("\n");
        Ok(Lines { size, lines: text::wrap(self.fonts.get(style), size, width, &text)? })
    }
}

/// Lays the letter out on pages.
fn pages(fonts: &Fonts, letter: &LetterFace<'_>) -> Result<Vec<Page>, PdfError> {
    let width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut flow = Flow { fonts, done: Vec::new(), page: Flow::new_page(), y: PAGE_HEIGHT - MARGIN };

    for (i, line) in letter.letterhead.iter().enumerate() {
        let (style, size, gray) =
            if i == 0 { (Style::Bold, HEAD_SIZE, 0.0) } else { (Style::Regular, SENDER_SIZE, 0.3) };
        let lines = flow.wrap(style, size, width, line)?;
        flow.lines(style, &lines, MARGIN, gray, 1)?;
    }
    flow.y -= 2.0 * MM;
    let [red, green, blue] = SKY_BLUE;
    flow.page.graphics.save_state().set_stroke_rgb(red, green, blue).set_line_width(0.8);
    flow.page.graphics.move_to(MARGIN, flow.y).line_to(MARGIN + width, flow.y).stroke().restore_state();
    flow.y -= 4.0 * MM;

    fields(&mut flow, letter.fields, width)?;
    flow.y -= 4.0 * MM;
    let title = flow.wrap(Style::Bold, TITLE_SIZE, width, letter.title)?;
    flow.lines(Style::Bold, &title, MARGIN, 0.0, title.lines.len())?;
    flow.y -= 2.0 * MM;

    for block in letter.blocks {
        match *block {
            Block::Heading(text) => {
                flow.y -= 2.5 * MM;
                let heading = flow.wrap(Style::Bold, HEADING_SIZE, width, text)?;
                // The heading and two lines of what follows start on the same page.
                let with_next = heading.lines.len() as f32 * LEADING * HEADING_SIZE + 2.0 * LEADING * BODY_SIZE;
                if flow.y - with_next < Flow::floor() {
                    flow.break_page();
                }
                flow.lines(Style::Bold, &heading, MARGIN, 0.0, heading.lines.len())?;
                flow.y -= 1.0 * MM;
            }
            Block::Paragraph(text) => {
                let body = flow.wrap(Style::Regular, BODY_SIZE, width, text)?;
                flow.lines(Style::Regular, &body, MARGIN, 0.1, 2)?;
                flow.y -= 2.0 * MM;
            }
        }
    }
    let Flow { mut done, page, .. } = flow;
    done.push(page);
    let total = done.len();
    for (i, page) in done.iter_mut().enumerate() {
        let number = format!("{} / {total}", i + 1);
        let size = 8.0;
        let x = PAGE_WIDTH - MARGIN - fonts.regular.width(&number, size)?;
        let footer = Lines { size, lines: vec![number] };
        page.block(fonts, Style::Regular, &footer, x, MARGIN + LEADING * size, 0.4)?;
    }
    Ok(done)
}

/// The labelled lines: labels in a column as wide as the widest (at most a third of the width),
/// values wrapped beside them.
fn fields(flow: &mut Flow<'_>, fields: &[Field<'_>], width: f32) -> Result<(), PdfError> {
    let labels: Vec<String> = fields.iter().map(|f| printable(flow.fonts, Style::Regular, f.label)).collect();
    let mut widest = 0.0_f32;
    for label in &labels {
        widest = widest.max(flow.fonts.regular.width(&text::one_line(label), LABEL_SIZE)?);
    }
    let label_width = widest.min(width / 3.0);
    let gap = 3.0 * MM;
    for (field, label) in fields.iter().zip(&labels) {
        let label = flow.wrap(Style::Regular, LABEL_SIZE, label_width, label)?;
        let value = flow.wrap(Style::Regular, VALUE_SIZE, width - label_width - gap, field.value)?;
        let rows = label.lines.len().max(value.lines.len()).max(1);
        let height = rows as f32 * LEADING * VALUE_SIZE;
        if flow.y - height < Flow::floor() {
            flow.break_page();
        }
        let top = flow.y;
        // The label's baseline meets the value's first baseline.
        flow.page.block(flow.fonts, Style::Regular, &label, MARGIN, top - ASCENT * (VALUE_SIZE - LABEL_SIZE), 0.35)?;
        flow.page.block(flow.fonts, Style::Regular, &value, MARGIN + label_width + gap, top, 0.0)?;
        flow.y = top - height - 1.0 * MM;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESCENT: f32 = 0.24;

    fn letter<'a>(fields: &'a [Field<'a>], blocks: &'a [Block<'a>]) -> LetterFace<'a> {
        LetterFace {
            lang: "kk",
            title: "«Ата жолы» картасын беруден бас тарту туралы шешім",
            letterhead: &["«Ата жолы» картасы қызметі", "Алматы облысының жұмыспен қамту басқармасы"],
            fields,
            blocks,
        }
    }

    #[test]
    fn a_long_letter_flows_onto_numbered_pages_inside_the_margins() {
        let fonts = Fonts::load().expect("fonts");
        let long = "Өтініш берушінің құжаттары толық емес 🙂 ".repeat(60);
        let fields = [
            Field { label: "Күні", value: "2026 жылғы 3 желтоқсан" },
            Field { label: "Нөмірі", value: "AZ-2026-000001" },
        ];
        let mut blocks = Vec::new();
        for _ in 0..12 {
            blocks.push(Block::Heading("Негіздеме"));
            blocks.push(Block::Paragraph(&long));
        }
        let pages = pages(&fonts, &letter(&fields, &blocks)).expect("pages");
        assert!(pages.len() > 2, "{} pages", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let number = format!("{} / {}", i + 1, pages.len());
            let texts: Vec<String> = page.runs.iter().map(|r| r.glyphs.iter().map(|g| g.1).collect()).collect();
            assert!(texts.contains(&number), "page {i} numbered");
            for run in &page.runs {
                let text: String = run.glyphs.iter().map(|g| g.1).collect();
                let width = fonts.get(run.style).width(&text, run.size).expect("width");
                assert!(run.x >= MARGIN - 0.01 && run.x + width <= PAGE_WIDTH - MARGIN + 0.01, "{text:?} too wide");
                assert!(run.y - DESCENT * run.size >= MARGIN - 0.01, "{text:?} too low");
                assert!(run.y + ASCENT * run.size <= PAGE_HEIGHT - MARGIN + 0.01, "{text:?} too high");
            }
            // A heading is never the last line of a page's body.
            let body: Vec<_> = page.runs.iter().filter(|r| (r.size - 8.0).abs() > 0.01).collect();
            assert!(body.last().is_none_or(|r| r.style != Style::Bold || i + 1 == pages.len()));
        }
        let emoji = pages.iter().flat_map(|p| &p.runs).flat_map(|r| &r.glyphs).any(|g| g.1 == REPLACEMENT);
        assert!(emoji, "a character without a glyph is replaced, not refused");
        let pdf = write_pages(&fonts, &letter(&fields, &blocks), pages).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-1.7"));
    }

    #[test]
    fn the_same_letter_gives_the_same_bytes() {
        let fields = [Field { label: "Date", value: "3 December 2026" }];
        let blocks = [Block::Heading("Ground"), Block::Paragraph("The documents are incomplete.")];
        let one = render(&letter(&fields, &blocks)).expect("pdf");
        assert_eq!(one, render(&letter(&fields, &blocks)).expect("pdf"));
    }
}
