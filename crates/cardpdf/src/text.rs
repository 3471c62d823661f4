//! Line breaking, and fitting text into a box: shrink first, then wrap, and cut with an ellipsis
//! only when even the smallest size cannot hold the text.

use crate::PdfError;
use crate::font::Face;

/// Line height as a multiple of the font size.
pub(crate) const LEADING: f32 = 1.2;
/// Font sizes are tried in steps of a quarter point.
const STEP: f32 = 0.25;
/// The mark that ends a line that had to be cut.
const ELLIPSIS: char = '…';

/// Lines of text set in one face at one size.
#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    /// Font size in points.
    pub(crate) size: f32,
    /// The lines, top to bottom.
    pub(crate) lines: Vec<String>,
}

impl Block {
    /// The height the lines take.
    pub(crate) fn height(&self) -> f32 {
        lines_height(self.lines.len(), self.size)
    }
}

/// The height of `n` lines at `size`.
pub(crate) fn lines_height(n: usize, size: f32) -> f32 {
    n as f32 * size * LEADING
}

/// Font sizes from `max` down to `min`, a quarter point apart.
pub(crate) fn sizes(max: f32, min: f32) -> impl Iterator<Item = f32> {
    std::iter::successors(Some(max), |s| Some(s - STEP)).take_while(move |s| *s >= min - STEP / 2.0)
}

/// Collapses every run of whitespace (newlines, tabs, no-break spaces) into one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Breaks `text` into lines no wider than `width` at `size`: at spaces, and inside a word only
/// when the word alone is wider than a line. Each `\n` starts a new line. Linear in the text.
pub(crate) fn wrap(face: &Face, size: f32, width: f32, text: &str) -> Result<Vec<String>, PdfError> {
    let space = face.width(" ", size)?;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = face.width(word, size)?;
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            (line, line_width) = if word_width <= width {
                (word.to_owned(), word_width)
            } else {
                break_word(face, size, width, word, &mut lines)?
            };
        }
        lines.push(line);
    }
    // A text that ends in a newline, or is empty, leaves no blank last line.
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    Ok(lines)
}

/// Pushes the full-width pieces of a word wider than a line; returns the rest, which fits, and
/// its width.
fn break_word(
    face: &Face,
    size: f32,
    width: f32,
    word: &str,
    lines: &mut Vec<String>,
) -> Result<(String, f32), PdfError> {
    let mut piece = String::new();
    let mut piece_width = 0.0;
    for ch in word.chars() {
        let ch_width = face.char_width(ch, size)?;
        if piece_width + ch_width > width && !piece.is_empty() {
            lines.push(std::mem::take(&mut piece));
            piece_width = 0.0;
        }
        piece.push(ch);
        piece_width += ch_width;
    }
    Ok((piece, piece_width))
}

/// Cuts `lines` to those that fit `height` at `size`, ending the last kept one with an ellipsis
/// when any were dropped.
pub(crate) fn cut(face: &Face, size: f32, width: f32, height: f32, lines: &mut Vec<String>) -> Result<(), PdfError> {
    let all = lines.len();
    while !lines.is_empty() && lines_height(lines.len(), size) > height {
        lines.pop();
    }
    if lines.len() < all
        && let Some(last) = lines.last_mut()
    {
        ellipsize(face, size, width, last)?;
    }
    Ok(())
}

/// Shortens `line` until it fits `width` with an ellipsis after it, and appends the ellipsis.
fn ellipsize(face: &Face, size: f32, width: f32, line: &mut String) -> Result<(), PdfError> {
    loop {
        let candidate = format!("{}{ELLIPSIS}", line.trim_end());
        if line.is_empty() || face.width(&candidate, size)? <= width {
            *line = candidate;
            return Ok(());
        }
        line.pop();
    }
}

/// The box a text must fit, and the sizes it may take.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    /// Largest font size, tried first.
    pub(crate) max: f32,
    /// Smallest font size.
    pub(crate) min: f32,
    /// Line width.
    pub(crate) width: f32,
    /// Height of the box.
    pub(crate) height: f32,
}

/// Fits `text` into `frame`: the largest size at which it fits on one line, else the largest at
/// which its wrapped lines fit, else the smallest size, wrapped and cut to the height.
pub(crate) fn fit(face: &Face, text: &str, frame: Frame) -> Result<Block, PdfError> {
    if !text.contains('\n') {
        for size in sizes(frame.max, frame.min) {
            if lines_height(1, size) > frame.height {
                continue;
            }
            if face.width(text, size)? <= frame.width {
                let lines = if text.trim().is_empty() { Vec::new() } else { vec![text.trim().to_owned()] };
                return Ok(Block { size, lines });
            }
        }
    }
    fit_wrapped(face, text, frame)
}

/// Like [`fit`] without trying a single line first: for paragraphs.
pub(crate) fn fit_wrapped(face: &Face, text: &str, frame: Frame) -> Result<Block, PdfError> {
    for size in sizes(frame.max, frame.min) {
        let lines = wrap(face, size, frame.width, text)?;
        if lines_height(lines.len(), size) <= frame.height {
            return Ok(Block { size, lines });
        }
    }
    let size = frame.min;
    let mut lines = wrap(face, size, frame.width, text)?;
    cut(face, size, frame.width, frame.height, &mut lines)?;
    Ok(Block { size, lines })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Style;

    #[test]
    fn wraps_at_spaces_and_breaks_only_overlong_words() {
        let face = Face::load(Style::Regular).expect("font");
        let width = face.width("Ерлан Әбілқайырұлы", 10.0).expect("width");
        let lines = wrap(&face, 10.0, width, "Ерлан Әбілқайырұлы Нұрланұлы\n\nhttps://example.kz").expect("wrap");
        assert_eq!(lines, ["Ерлан Әбілқайырұлы", "Нұрланұлы", "", "https://example.kz"]);
        let narrow = face.width("Әбіл", 10.0).expect("width");
        let pieces = wrap(&face, 10.0, narrow, "Әбілқайырұлы").expect("wrap");
        assert_eq!(pieces.concat(), "Әбілқайырұлы");
        assert!(pieces.len() >= 3 && pieces.iter().all(|p| face.width(p, 10.0).expect("width") <= narrow));
        assert!(wrap(&face, 10.0, width, " \n ").expect("wrap").is_empty());
    }

    #[test]
    fn fit_shrinks_before_wrapping_and_cuts_last() {
        let face = Face::load(Style::Regular).expect("font");
        let width = face.width("Қазақстан Республикасы", 8.0).expect("width");
        let frame = Frame { max: 10.0, min: 6.0, width, height: 30.0 };
        let one = fit(&face, "Қазақстан Республикасы", frame).expect("fit");
        assert_eq!((one.size, one.lines.len()), (8.0, 1));
        // Too long for one line even at 6 pt: wrapped, at the largest size whose lines fit.
        let two = fit(&face, "Қазақстан Республикасы Қазақстан", Frame { height: 20.0, ..frame }).expect("fit");
        assert_eq!((two.size, two.lines.len()), (8.0, 2));
        let cut = fit(&face, &"Қазақстан ".repeat(50), Frame { height: 20.0, ..frame }).expect("fit");
        assert!((cut.size - 6.0).abs() < 1e-6, "{}", cut.size);
        assert!(cut.height() <= 20.0 && cut.lines.last().is_some_and(|l| l.ends_with('…')));
    }

    #[test]
    fn sizes_step_down_by_a_quarter_point() {
        assert_eq!(sizes(5.0, 4.5).collect::<Vec<_>>(), [5.0, 4.75, 4.5]);
    }
}
