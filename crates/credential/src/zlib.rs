//! zlib (RFC 1950) with a size limit, refusing truncated streams and trailing bytes.

use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
use thiserror::Error;

/// Why bytes are not one complete zlib stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InflateError {
    /// The stream ends before its end-of-stream marker and checksum.
    #[error("the compressed data is truncated")]
    Truncated,
    /// The Adler-32 checksum of the decompressed data does not match.
    #[error("the compressed data fails its checksum")]
    Checksum,
    /// The header or the DEFLATE data is invalid.
    #[error("the data is not zlib")]
    Corrupt,
    /// Bytes follow the end of the zlib stream.
    #[error("bytes follow the end of the compressed data")]
    TrailingBytes,
    /// The decompressed data would exceed the limit.
    #[error("the decompressed data exceeds {0} bytes")]
    TooLarge(usize),
}

/// Compresses with zlib at the best compression level.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9)
}

/// Decompresses one complete zlib stream of at most `limit` bytes.
pub fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(4).saturating_add(64).min(limit)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut in_pos, mut out_pos) = (0usize, 0usize);
    loop {
        let rest = input.get(in_pos..).unwrap_or_default();
        let (status, used_in, used_out) = decompress(&mut state, rest, &mut out, out_pos, flags);
        in_pos += used_in;
        out_pos += used_out;
        match status {
            TINFLStatus::Done if in_pos == input.len() => {
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::Done => return Err(InflateError::TrailingBytes),
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::HasMoreOutput => return Err(InflateError::TooLarge(limit)),
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(InflateError::Truncated);
            }
            TINFLStatus::Adler32Mismatch => return Err(InflateError::Checksum),
            TINFLStatus::Failed | TINFLStatus::BadParam => return Err(InflateError::Corrupt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let data = b"Ata Zholy card, Ata Zholy card, Ata Zholy card".repeat(20);
        let z = deflate(&data);
        assert_eq!(inflate(&z, 4096).unwrap(), data);
        assert_eq!(inflate(&z[..z.len() - 1], 4096), Err(InflateError::Truncated));
        assert_eq!(inflate(&z[..z.len() / 2], 4096), Err(InflateError::Truncated));
        let mut trailing = z.clone();
        trailing.push(0);
        assert_eq!(inflate(&trailing, 4096), Err(InflateError::TrailingBytes));
        let mut bad_sum = z.clone();
        *bad_sum.last_mut().unwrap() ^= 1;
        assert_eq!(inflate(&bad_sum, 4096), Err(InflateError::Checksum));
        assert_eq!(inflate(b"not zlib at all", 4096), Err(InflateError::Corrupt));
        assert_eq!(inflate(&z, 100), Err(InflateError::TooLarge(100)));
    }
}
