//! QR rendering: alphanumeric mode, error correction level Q, as SVG or PNG.

use qrcode::bits::Bits;
use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode, Version};
use thiserror::Error;

/// Why text cannot become a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum QrError {
    /// A character outside QR's alphanumeric set (which is the Base45 alphabet).
    #[error("the text is not in QR's alphanumeric set")]
    NotAlphanumeric,
    /// Too long for a version-40 code at level Q.
    #[error("the text does not fit a QR code at level Q")]
    TooLong,
    /// PNG encoding failed.
    #[error("PNG encoding failed")]
    Png,
}

/// Builds the smallest QR code holding `text` as one alphanumeric segment at level Q.
pub fn qr_code(text: &str) -> Result<QrCode, QrError> {
    if !text.bytes().all(|c| crate::base45::ALPHABET.contains(&c)) {
        return Err(QrError::NotAlphanumeric);
    }
    for v in 1..=40 {
        let mut bits = Bits::new(Version::Normal(v));
        if bits.push_alphanumeric_data(text.as_bytes()).is_ok()
            && bits.push_terminator(EcLevel::Q).is_ok()
            && let Ok(code) = QrCode::with_bits(bits, EcLevel::Q)
        {
            return Ok(code);
        }
    }
    Err(QrError::TooLong)
}

/// The QR code of `text` as an SVG document (quiet zone included).
pub fn qr_svg(text: &str) -> Result<String, QrError> {
    let code = qr_code(text)?;
    Ok(code.render::<svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build())
}

/// The QR code of `text` as an 8-bit greyscale PNG, `scale` pixels per module, 4-module quiet zone.
pub fn qr_png(text: &str, scale: u32) -> Result<Vec<u8>, QrError> {
    let code = qr_code(text)?;
    let modules = u32::try_from(code.width()).map_err(|_| QrError::TooLong)?;
    let scale = scale.clamp(1, 64);
    let side = (modules + 8) * scale;
    let colors = code.to_colors();
    let mut pixels = Vec::with_capacity(usize::try_from(side * side).map_err(|_| QrError::TooLong)?);
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / scale).checked_sub(4), (y / scale).checked_sub(4));
            let dark = match (mx, my) {
                (Some(mx), Some(my)) if mx < modules && my < modules => {
                    let index = usize::try_from(my * modules + mx).unwrap_or(usize::MAX);
                    colors.get(index) == Some(&Color::Dark)
                }
                _ => false,
            };
            pixels.push(if dark { 0 } else { 255 });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|_| QrError::Png)?;
    writer.write_image_data(&pixels).map_err(|_| QrError::Png)?;
    writer.finish().map_err(|_| QrError::Png)?;
    Ok(out)
}

/// The QR code of `text` as modules: the width and `width * width` booleans, row-major, `true` dark.
pub fn qr_modules(text: &str) -> Result<(usize, Vec<bool>), QrError> {
    let code = qr_code(text)?;
    Ok((code.width(), code.to_colors().into_iter().map(|c| c == Color::Dark).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphanumeric_level_q() {
        // ISO/IEC 18004 capacity table: version 4 at level Q holds 67 alphanumeric characters.
        let code = qr_code(&"AZ1:".repeat(17)[..67]).unwrap();
        assert_eq!(code.error_correction_level(), EcLevel::Q);
        assert_eq!(code.version(), Version::Normal(4));
        assert_eq!(qr_code(&"AZ1:".repeat(17)).unwrap().version(), Version::Normal(5));
        assert_eq!(qr_code("az1:lower").err(), Some(QrError::NotAlphanumeric));
        assert_eq!(qr_code(&"A".repeat(2421)).err(), Some(QrError::TooLong));
        assert!(qr_code(&"A".repeat(2420)).is_ok());
    }

    #[test]
    fn renders_svg_and_png() {
        let svg = qr_svg("AZ1:HELLO").unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        let png = qr_png("AZ1:HELLO", 4).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // Version 1 is 21 modules; plus 8 quiet modules, times 4 pixels: IHDR width 116.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 116);
    }
}
