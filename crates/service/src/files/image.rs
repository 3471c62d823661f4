//! Images written anew from their pixels (decision 0024): a JPEG or PNG is decoded and encoded again,
//! so that what is kept, and what officers open, is the picture alone. EXIF (with GPS), XMP, IPTC,
//! comments, ICC profiles, text chunks, other frames, trailing data and appended archives do not
//! survive: nothing of the original but its pixels reaches the new file.
//!
//! - PNG → PNG: 8 bits a sample (16-bit samples are reduced, palettes and transparency keys
//!   expanded), greyscale or colour with or without alpha as the original had; the critical chunks
//!   only (IHDR, IDAT, IEND).
//! - JPEG → baseline JPEG at quality 90 (4:4:4): greyscale stays greyscale, everything else (YCbCr,
//!   CMYK, YCCK) becomes RGB. The EXIF orientation is *applied* to the pixels and then dropped with
//!   the rest of the EXIF block, so that a photo taken with the phone turned shows as it was taken.
//!
//! A decompression bomb is refused from the header, before a pixel is decoded: more than
//! `max_pixels` pixels (width × height) is [`FileProblem::TooManyPixels`]. Decoding runs on the
//! blocking pool, at most [`AT_ONCE`] images at a time, so that memory stays bounded (the original,
//! at most the per-file limit, and its pixels, at most `max_pixels` × 4 bytes, twice for a turn).

use tokio::sync::Semaphore;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

use super::{FileProblem, Kind};

/// Images decoded at the same time, across the process (each holds up to `max_pixels` × 4 bytes).
pub const AT_ONCE: usize = 2;

/// The JPEG quality of a re-encoded image (4:4:4 chroma at 90 and above).
pub const JPEG_QUALITY: u8 = 90;

static DECODING: Semaphore = Semaphore::const_new(AT_ONCE);

/// Re-encodes `original` (a JPEG or PNG, as the inspector found) on the blocking pool, at most
/// [`AT_ONCE`] at a time. A PDF is not an image: [`FileProblem::UnsupportedType`].
pub async fn reencode_image(kind: Kind, original: Vec<u8>, max_pixels: u64) -> Result<Vec<u8>, FileProblem> {
    // The semaphore is never closed; a closed one would only mean no limit.
    let _permit = DECODING.acquire().await.ok();
    tokio::task::spawn_blocking(move || reencode(kind, &original, max_pixels)).await.unwrap_or_else(|e| {
        tracing::error!(error = %e, "an image could not be re-encoded");
        Err(FileProblem::Undecodable)
    })
}

/// Re-encodes an image from its pixels (see the module's documentation).
pub fn reencode(kind: Kind, original: &[u8], max_pixels: u64) -> Result<Vec<u8>, FileProblem> {
    match kind {
        Kind::Png => png_anew(original, max_pixels),
        Kind::Jpeg => jpeg_anew(original, max_pixels),
        Kind::Pdf => Err(FileProblem::UnsupportedType),
    }
}

/// Refuses `width` × `height` over `max_pixels`, or a side of nothing.
fn check_pixels(width: u64, height: u64, max_pixels: u64) -> Result<(), FileProblem> {
    if width == 0 || height == 0 {
        return Err(FileProblem::Undecodable);
    }
    if width.saturating_mul(height) > max_pixels {
        return Err(FileProblem::TooManyPixels);
    }
    Ok(())
}

fn png_anew(original: &[u8], max_pixels: u64) -> Result<Vec<u8>, FileProblem> {
    let bad = |e: png::DecodingError| {
        tracing::info!(error = %e, "a PNG upload does not decode");
        FileProblem::Undecodable
    };
    let mut decoder = png::Decoder::new(original);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let header = decoder.read_header_info().map_err(bad)?;
    check_pixels(u64::from(header.width), u64::from(header.height), max_pixels)?;
    // The pixel limit is the bound; the decoder's own (64 MiB by default) would refuse large scans.
    let frame = usize::try_from(max_pixels.saturating_mul(8)).unwrap_or(usize::MAX);
    decoder.set_limits(png::Limits { bytes: frame.saturating_add(1 << 20) });
    let mut reader = decoder.read_info().map_err(bad)?;
    let mut pixels = vec![0; reader.output_buffer_size()];
    let out = reader.next_frame(&mut pixels).map_err(bad)?;
    pixels.truncate(out.buffer_size());
    let mut bytes = Vec::with_capacity(pixels.len() / 2);
    let mut encoder = png::Encoder::new(&mut bytes, out.width, out.height);
    encoder.set_color(out.color_type);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    encoder.set_compression(png::Compression::Default);
    let written = encoder.write_header().and_then(|mut w| {
        w.write_image_data(&pixels)?;
        w.finish()
    });
    written.map_err(|e| {
        tracing::error!(error = %e, "a decoded PNG could not be encoded");
        FileProblem::Undecodable
    })?;
    Ok(bytes)
}

fn jpeg_anew(original: &[u8], max_pixels: u64) -> Result<Vec<u8>, FileProblem> {
    let bad = |e: zune_jpeg::errors::DecodeErrors| {
        tracing::info!(error = %e, "a JPEG upload does not decode");
        FileProblem::Undecodable
    };
    // The sides a JPEG can have; the pixel limit below decides.
    let options = DecoderOptions::default().set_max_width(usize::from(u16::MAX)).set_max_height(usize::from(u16::MAX));
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(original), options);
    decoder.decode_headers().map_err(bad)?;
    let info = decoder.info().ok_or(FileProblem::Undecodable)?;
    check_pixels(u64::from(info.width), u64::from(info.height), max_pixels)?;
    let grey = decoder.input_colorspace() == Some(ColorSpace::Luma);
    let wanted = if grey { ColorSpace::Luma } else { ColorSpace::RGB };
    decoder.set_options(options.jpeg_set_out_colorspace(wanted));
    let orientation = decoder.exif().map_or(1, |exif| exif_orientation(exif));
    let pixels = decoder.decode().map_err(bad)?;
    let (color, channels) = match decoder.output_colorspace() {
        Some(ColorSpace::Luma) => (jpeg_encoder::ColorType::Luma, 1),
        Some(ColorSpace::RGB) => (jpeg_encoder::ColorType::Rgb, 3),
        other => {
            tracing::info!(colorspace = ?other, "a JPEG upload decodes to an unexpected colour space");
            return Err(FileProblem::Undecodable);
        }
    };
    let (w, h) = (usize::from(info.width), usize::from(info.height));
    let (pixels, w, h) = match turned(&pixels, w, h, channels, orientation) {
        Some((p, w, h)) => (p, w, h),
        None => (pixels, w, h),
    };
    let (Ok(w), Ok(h)) = (u16::try_from(w), u16::try_from(h)) else { return Err(FileProblem::Undecodable) };
    let mut bytes = Vec::with_capacity(pixels.len() / 4);
    jpeg_encoder::Encoder::new(&mut bytes, JPEG_QUALITY).encode(&pixels, w, h, color).map_err(|e| {
        tracing::error!(error = %e, "a decoded JPEG could not be encoded");
        FileProblem::Undecodable
    })?;
    Ok(bytes)
}

/// The EXIF orientation (tag 0x0112 of the first IFD; 1 when absent or unreadable) of an EXIF block
/// that starts at its TIFF header.
fn exif_orientation(tiff: &[u8]) -> u16 {
    let le = match tiff.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return 1,
    };
    let u16_at = |at: usize| {
        tiff.get(at..at + 2)
            .and_then(|b| <[u8; 2]>::try_from(b).ok())
            .map(|b| if le { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    };
    let u32_at = |at: usize| {
        tiff.get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(|b| if le { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    };
    let Some(ifd) = u32_at(4).and_then(|o| usize::try_from(o).ok()) else { return 1 };
    let count = u16_at(ifd).unwrap_or(0);
    (0..usize::from(count))
        .map(|i| ifd + 2 + i * 12)
        .find(|at| u16_at(*at) == Some(0x0112) && u16_at(at + 2) == Some(3))
        .and_then(|at| u16_at(at + 8))
        .filter(|o| (1..=8).contains(o))
        .unwrap_or(1)
}

/// The pixels turned and flipped as EXIF `orientation` (2–8) says, with their new width and height;
/// `None` for 1 (as stored) or an unknown value.
fn turned(px: &[u8], w: usize, h: usize, n: usize, orientation: u16) -> Option<(Vec<u8>, usize, usize)> {
    if !(2..=8).contains(&orientation) || w == 0 || h == 0 {
        return None;
    }
    let (dw, dh) = if orientation >= 5 { (h, w) } else { (w, h) };
    let mut out = Vec::with_capacity(px.len());
    for y in 0..dh {
        for x in 0..dw {
            // The source pixel of the displayed pixel (x, y).
            let (sx, sy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x),
            };
            let at = (sy * w + sx) * n;
            out.extend_from_slice(px.get(at..at + n)?);
        }
    }
    Some((out, dw, dh))
}

#[cfg(test)]
mod tests {
    use super::{FileProblem, Kind, reencode, turned};

    fn png(width: u32, height: u32, color: png::ColorType, text: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, width, height);
        e.set_color(color);
        e.set_depth(png::BitDepth::Eight);
        if text {
            e.add_text_chunk("Comment".into(), "where: 43.2383N 76.9455E".into()).expect("text");
        }
        let n = usize::try_from(width * height).expect("size") * color.samples();
        let data: Vec<u8> = (0..n).map(|i| u8::try_from(i % 251).expect("byte")).collect();
        let mut w = e.write_header().expect("header");
        w.write_image_data(&data).expect("data");
        w.finish().expect("finish");
        out
    }

    fn jpeg(width: u16, height: u16, exif: Option<&[u8]>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = jpeg_encoder::Encoder::new(&mut out, 80);
        if let Some(exif) = exif {
            e.add_exif_metadata(exif).expect("exif");
        }
        let data: Vec<u8> =
            (0..usize::from(width) * usize::from(height) * 3).map(|i| u8::try_from(i % 256).expect("byte")).collect();
        e.encode(&data, width, height, jpeg_encoder::ColorType::Rgb).expect("encode");
        out
    }

    /// A little-endian TIFF header with one IFD holding the orientation.
    fn exif_with_orientation(o: u16) -> Vec<u8> {
        let mut t = b"II*\0".to_vec();
        t.extend_from_slice(&8u32.to_le_bytes());
        t.extend_from_slice(&1u16.to_le_bytes());
        t.extend_from_slice(&0x0112u16.to_le_bytes());
        t.extend_from_slice(&3u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&o.to_le_bytes());
        t.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        t
    }

    fn png_size(bytes: &[u8]) -> (u32, u32) {
        let r = png::Decoder::new(bytes).read_info().expect("decodes");
        (r.info().width, r.info().height)
    }

    fn jpeg_size(bytes: &[u8]) -> (usize, usize) {
        let mut d = zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(bytes));
        d.decode().expect("decodes");
        d.dimensions().expect("dimensions")
    }

    #[test]
    fn a_png_keeps_its_pixels_and_loses_the_rest() {
        for color in [png::ColorType::Grayscale, png::ColorType::Rgb, png::ColorType::Rgba] {
            let mut original = png(7, 5, color, true);
            original.extend_from_slice(b"PK\x03\x04 trailing");
            let anew = reencode(Kind::Png, &original, 1000).expect("re-encoded");
            assert_eq!(png_size(&anew), (7, 5));
            assert!(!anew.windows(4).any(|w| w == b"tEXt"), "no text chunk");
            assert!(
                anew.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]),
                "nothing after IEND"
            );
            let mut a = png::Decoder::new(&original[..]).read_info().expect("original");
            let mut b = png::Decoder::new(&anew[..]).read_info().expect("new");
            let (mut pa, mut pb) = (vec![0; a.output_buffer_size()], vec![0; b.output_buffer_size()]);
            a.next_frame(&mut pa).expect("frame");
            b.next_frame(&mut pb).expect("frame");
            assert_eq!(pa, pb, "lossless: the same pixels");
        }
    }

    #[test]
    fn a_jpeg_is_written_anew_and_turned_as_its_exif_said() {
        let original = jpeg(6, 4, Some(&exif_with_orientation(6)));
        let anew = reencode(Kind::Jpeg, &original, 1000).expect("re-encoded");
        assert_eq!(jpeg_size(&anew), (4, 6), "turned a quarter clockwise");
        assert!(!anew.windows(4).any(|w| w == b"Exif"), "no EXIF");
        let plain = reencode(Kind::Jpeg, &jpeg(6, 4, None), 1000).expect("re-encoded");
        assert_eq!(jpeg_size(&plain), (6, 4));
    }

    #[test]
    fn too_many_pixels_are_refused_before_decoding() {
        assert_eq!(
            reencode(Kind::Png, &png(40, 30, png::ColorType::Rgb, false), 1199),
            Err(FileProblem::TooManyPixels)
        );
        assert_eq!(reencode(Kind::Jpeg, &jpeg(40, 30, None), 1199), Err(FileProblem::TooManyPixels));
        assert!(reencode(Kind::Png, &png(40, 30, png::ColorType::Rgb, false), 1200).is_ok());
        assert_eq!(reencode(Kind::Png, b"\x89PNG\r\n\x1a\nnot really", 1200), Err(FileProblem::Undecodable));
        assert_eq!(reencode(Kind::Jpeg, &[0xFF, 0xD8, 0xFF, 0xD9], 1200), Err(FileProblem::Undecodable));
    }

    #[test]
    fn the_eight_orientations() {
        // 3 × 2, one byte a pixel: a b c / d e f.
        let px = b"abcdef";
        let shown = |o| turned(px, 3, 2, 1, o).map(|(p, w, h)| (String::from_utf8(p).expect("text"), w, h));
        assert_eq!(shown(1), None);
        assert_eq!(shown(2), Some(("cbafed".into(), 3, 2)));
        assert_eq!(shown(3), Some(("fedcba".into(), 3, 2)));
        assert_eq!(shown(4), Some(("defabc".into(), 3, 2)));
        assert_eq!(shown(5), Some(("adbecf".into(), 2, 3)));
        assert_eq!(shown(6), Some(("daebfc".into(), 2, 3)));
        assert_eq!(shown(7), Some(("fcebda".into(), 2, 3)));
        assert_eq!(shown(8), Some(("cfbead".into(), 2, 3)));
    }
}
