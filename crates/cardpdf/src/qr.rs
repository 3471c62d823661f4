//! The QR code as vector rectangles: one rectangle per horizontal run of dark modules.

use pdf_writer::Content;

use crate::PdfError;

/// Modules of white kept around the code (ISO/IEC 18004's quiet zone).
pub(crate) const QUIET_ZONE: usize = 4;
/// The widest QR code (version 40) has 177 modules per side.
pub(crate) const MAX_WIDTH: usize = 177;

/// Checks that `dark` is a `width` × `width` matrix of a plausible size.
pub(crate) fn check(width: usize, dark: &[bool]) -> Result<(), PdfError> {
    let square = width.checked_mul(width);
    if width == 0 || width > MAX_WIDTH || square != Some(dark.len()) {
        return Err(PdfError::QrSize { width, len: dark.len() });
    }
    Ok(())
}

/// The runs of dark modules in one row: (first column, length).
fn runs(row: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut column = 0;
    std::iter::from_fn(move || {
        let start = column + row.get(column..)?.iter().position(|&d| d)?;
        let len = row.get(start..)?.iter().take_while(|&&d| d).count();
        column = start + len;
        Some((start, len))
    })
}

/// Draws the code, quiet zone included, as a square of side `side` whose top-left corner is at
/// (`left`, `top`): one filled path of rectangles, nothing drawn in the quiet zone.
pub(crate) fn draw(content: &mut Content, width: usize, dark: &[bool], left: f32, top: f32, side: f32) {
    let module = side / (width + 2 * QUIET_ZONE) as f32;
    let origin_x = left + QUIET_ZONE as f32 * module;
    let origin_y = top - QUIET_ZONE as f32 * module;
    content.save_state().set_fill_gray(0.0);
    let mut any = false;
    for (y, row) in dark.chunks(width).enumerate() {
        for (x, len) in runs(row) {
            let bottom = origin_y - (y + 1) as f32 * module;
            content.rect(origin_x + x as f32 * module, bottom, len as f32 * module, module);
            any = true;
        }
    }
    if any {
        content.fill_nonzero();
    }
    content.restore_state();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_neighbouring_dark_modules() {
        let row = [true, true, false, true, false, false, true, true, true];
        assert_eq!(runs(&row).collect::<Vec<_>>(), vec![(0, 2), (3, 1), (6, 3)]);
        assert_eq!(runs(&[false, false]).count(), 0);
        assert_eq!(runs(&[]).count(), 0);
    }

    #[test]
    fn sizes_are_checked() {
        assert!(check(21, &[false; 441]).is_ok());
        assert!(matches!(check(21, &[false; 440]), Err(PdfError::QrSize { width: 21, len: 440 })));
        assert!(check(0, &[]).is_err());
        assert!(check(usize::MAX, &[]).is_err());
        assert!(check(178, &vec![false; 178 * 178]).is_err());
    }
}
