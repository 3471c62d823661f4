//! Just enough PDF reading for the tests: the inflated streams and the font names.

/// Every stream's data, inflated when it is `/FlateDecode`.
fn streams(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some(start) = find(rest, b"stream\n") {
        let after = rest.get(start + b"stream\n".len()..).unwrap_or_default();
        let Some(end) = find(after, b"\nendstream") else { break };
        let data = after.get(..end).unwrap_or_default();
        out.push(miniz_oxide::inflate::decompress_to_vec_zlib(data).unwrap_or_else(|_| data.to_vec()));
        rest = after.get(end + b"\nendstream".len()..).unwrap_or_default();
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The text of every `ToUnicode` CMap in the file.
pub fn to_unicode_maps(bytes: &[u8]) -> Vec<String> {
    streams(bytes)
        .into_iter()
        .map(|s| String::from_utf8_lossy(&s).into_owned())
        .filter(|s| s.contains("beginbfchar"))
        .collect()
}

/// Every `/BaseFont` and `/FontName` in the file.
pub fn base_fonts(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for key in ["/BaseFont /", "/FontName /"] {
        for (at, _) in text.match_indices(key) {
            let name = text.get(at + key.len()..).unwrap_or_default();
            let end = name.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(name.len());
            names.push(name.get(..end).unwrap_or_default().to_owned());
        }
    }
    names
}
