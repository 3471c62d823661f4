//! Small helpers over `ciborium::Value`: strict parsing, map look-ups, integers.

use ciborium::Value;

/// Largest nesting accepted when parsing (our structures are at most four deep).
const MAX_DEPTH: usize = 16;

/// Parses exactly one CBOR item, refusing trailing bytes, deep nesting and any encoding other than the
/// one [`encode`] writes (definite lengths, shortest heads and floats): one item has one encoding, so
/// the same card cannot travel as many QR texts (found by the `cbor` fuzz target).
pub(crate) fn parse(bytes: &[u8]) -> Option<Value> {
    let mut rest = bytes;
    let value: Value = ciborium::de::from_reader_with_recursion_limit(&mut rest, MAX_DEPTH).ok()?;
    (rest.is_empty() && encode(&value) == bytes).then_some(value)
}

/// Encodes a value; definite lengths and shortest integers, as ciborium always writes.
pub(crate) fn encode(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    // Writing to a Vec cannot fail; an error would leave `out` short and the signature check fails closed.
    if ciborium::ser::into_writer(value, &mut out).is_err() {
        out.clear();
    }
    out
}

/// An integer map key or value as i128.
pub(crate) fn int(value: &Value) -> Option<i128> {
    match value {
        Value::Integer(i) => Some(i128::from(*i)),
        _ => None,
    }
}

/// The entries of a map whose keys are all distinct, or None.
pub(crate) fn map(value: &Value) -> Option<&[(Value, Value)]> {
    let Value::Map(entries) = value else { return None };
    for (i, (key, _)) in entries.iter().enumerate() {
        if entries.iter().skip(i + 1).any(|(other, _)| other == key) {
            return None;
        }
    }
    Some(entries)
}

/// The value under an integer key.
pub(crate) fn get_int(entries: &[(Value, Value)], key: i64) -> Option<&Value> {
    entries.iter().find(|(k, _)| int(k) == Some(i128::from(key))).map(|(_, v)| v)
}

/// The value under a text key.
pub(crate) fn get_text<'a>(entries: &'a [(Value, Value)], key: &str) -> Option<&'a Value> {
    entries.iter().find(|(k, _)| k.as_text() == Some(key)).map(|(_, v)| v)
}

/// A text value.
pub(crate) fn text(value: &Value) -> Option<&str> {
    value.as_text()
}

/// A byte-string value.
pub(crate) fn bytes(value: &Value) -> Option<&[u8]> {
    value.as_bytes().map(Vec::as_slice)
}

/// A non-negative integer value.
pub(crate) fn uint(value: &Value) -> Option<u64> {
    int(value).and_then(|i| u64::try_from(i).ok())
}

/// A signed integer value that fits i64.
pub(crate) fn i64_of(value: &Value) -> Option<i64> {
    int(value).and_then(|i| i64::try_from(i).ok())
}

/// A map entry with an integer key.
pub(crate) fn ik(key: i64, value: Value) -> (Value, Value) {
    (Value::Integer(key.into()), value)
}

/// A map entry with a text key.
pub(crate) fn tk(key: &str, value: Value) -> (Value, Value) {
    (Value::Text(key.to_owned()), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `cbor` fuzz target's round trip refuses (fuzz/corpus/cbor/ has these inputs): before
    /// this check each was read as the item of its shortest form, so one card could travel as many
    /// different QR texts.
    #[test]
    fn one_encoding_per_item() {
        assert_eq!(parse(b"\x01"), Some(Value::Integer(1.into())));
        assert_eq!(
            parse(b"\x82\x01\x02"),
            Some(Value::Array(vec![Value::Integer(1.into()), Value::Integer(2.into())]))
        );
        assert_eq!(parse(b"\xf9\x3c\x00"), Some(Value::Float(1.0)));
        assert_eq!(parse(b"\xd2\x80"), Some(Value::Tag(18, Box::new(Value::Array(vec![])))));
        for other in [
            &b"\x18\x01"[..],                        // 1 in a one-byte argument
            b"\x1a\x00\x00\x00\x01",                 // 1 in a four-byte argument
            b"\x9f\x01\x02\xff",                     // an indefinite-length array
            b"\x98\x02\x01\x02",                     // an array's length in a one-byte argument
            b"\x5f\x41\x00\xff",                     // an indefinite-length byte string
            b"\xbf\x01\x02\xff",                     // an indefinite-length map
            b"\xfb\x3f\xf0\x00\x00\x00\x00\x00\x00", // 1.0 as a double
            b"\xd8\x12\x80",                         // tag 18 (COSE_Sign1) in a one-byte argument
        ] {
            assert_eq!(parse(other), None, "{other:02x?}");
        }
    }
}
