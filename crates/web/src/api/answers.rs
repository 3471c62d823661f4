//! Reading the eligibility check's JSON body into raw answers.
//!
//! The body is read straight into one slot per known field, not into a `serde_json::Value` tree first
//! (a map of owned names and values to be copied out again). What is accepted and refused is what the
//! tree gave: the same parser reads every value (`deserialize_any`, and a `Value` for anything nested),
//! a repeated name keeps its last value, and unknown names are listed once each, in order of name.

use std::collections::BTreeSet;
use std::fmt;

use domain::eligibility::RawAnswers;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::error::{AppError, ErrorCode, InvalidField};

const FIELDS: [&str; 8] =
    ["citizenship", "kazakh", "ethnicity", "residence", "profession", "business", "passport_expiry", "on"];

/// The yes/no answers, which JSON may also give as `true` or `false`.
const YES_NO: [&str; 3] = ["kazakh", "ethnicity", "business"];

/// One value of the body, as far as the check cares.
enum Answer {
    Null,
    Text(String),
    Bool(bool),
    /// A number, an array or an object: read (so that malformed JSON is refused as before), not kept.
    Other,
}

impl<'de> de::Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Answer, D::Error> {
        d.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answer, E> {
        Ok(Answer::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Answer, E> {
        Ok(Answer::Null)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Answer, E> {
        Ok(Answer::Bool(b))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Answer, E> {
        Ok(Answer::Text(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Answer, E> {
        Ok(Answer::Text(s))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Answer, E> {
        Ok(Answer::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Answer, E> {
        Ok(Answer::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Answer, E> {
        Ok(Answer::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        while seq.next_element::<Value>()?.is_some() {}
        Ok(Answer::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        while map.next_entry::<String, Value>()?.is_some() {}
        Ok(Answer::Other)
    }
}

/// A name in the body: one of [`FIELDS`] (by position) or another.
enum Name {
    Known(usize),
    Unknown(String),
}

impl<'de> de::Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        d.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl Visitor<'_> for NameVisitor {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Name, E> {
        Ok(FIELDS.iter().position(|f| *f == s).map_or_else(|| Name::Unknown(s.to_owned()), Name::Known))
    }
}

/// The body: the last value of each known name, and the unknown names.
#[derive(Default)]
struct Body {
    values: [Option<Answer>; FIELDS.len()],
    unknown: BTreeSet<String>,
}

impl<'de> de::Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Body, D::Error> {
        d.deserialize_map(BodyVisitor)
    }
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = Body;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Body, A::Error> {
        let mut body = Body::default();
        while let Some((name, value)) = map.next_entry::<Name, Answer>()? {
            match name {
                Name::Known(i) => {
                    if let Some(slot) = body.values.get_mut(i) {
                        *slot = Some(value);
                    }
                }
                Name::Unknown(n) => {
                    body.unknown.insert(n);
                }
            }
        }
        Ok(body)
    }
}

/// Reads the JSON body into raw answers and the `on` date, naming every field of the wrong type or
/// unknown; a body that is not a JSON object is a bad request.
pub(super) fn read_body(body: &[u8]) -> Result<(RawAnswers, Option<String>), AppError> {
    let Body { mut values, unknown } =
        serde_json::from_slice(body).map_err(|_| AppError::code(ErrorCode::BadRequest))?;
    let mut invalid: Vec<InvalidField> =
        unknown.into_iter().map(|field| InvalidField { field, problem: "unknown_field" }).collect();
    let mut get = |i: usize| -> Option<String> {
        let name = FIELDS.get(i).copied().unwrap_or_default();
        match values.get_mut(i).and_then(Option::take) {
            None | Some(Answer::Null) => None,
            Some(Answer::Text(s)) => Some(s),
            Some(Answer::Bool(b)) if YES_NO.contains(&name) => Some(if b { "yes" } else { "no" }.into()),
            Some(_) => {
                invalid.push(InvalidField { field: name.to_owned(), problem: "invalid_type" });
                None
            }
        }
    };
    let raw = RawAnswers {
        citizenship: get(0),
        kazakh: get(1),
        ethnicity: get(2),
        residence: get(3),
        profession: get(4),
        business: get(5),
        passport_expiry: get(6),
    };
    let on = get(7);
    if invalid.is_empty() { Ok((raw, on)) } else { Err(AppError::invalid(invalid)) }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::{FIELDS, YES_NO, read_body};

    /// The answers and `on`, or the invalid fields (none for a bad request).
    type Read = Result<(Vec<Option<String>>, Option<String>), Vec<(String, &'static str)>>;

    /// The former reader, over a `Value` tree: what the new one must agree with.
    fn by_tree(body: &[u8]) -> Read {
        let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(body) else {
            return Err(Vec::new());
        };
        let mut invalid: Vec<(String, &'static str)> =
            obj.keys().filter(|k| !FIELDS.contains(&k.as_str())).map(|k| (k.clone(), "unknown_field")).collect();
        let mut values = Vec::new();
        for name in FIELDS {
            values.push(match obj.get(name) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Bool(b)) if YES_NO.contains(&name) => Some(if *b { "yes" } else { "no" }.into()),
                Some(_) => {
                    invalid.push((name.to_owned(), "invalid_type"));
                    None
                }
            });
        }
        let on = values.pop().flatten();
        if invalid.is_empty() { Ok((values, on)) } else { Err(invalid) }
    }

    fn by_reader(body: &[u8]) -> Read {
        match read_body(body) {
            Ok((r, on)) => Ok((
                vec![r.citizenship, r.kazakh, r.ethnicity, r.residence, r.profession, r.business, r.passport_expiry],
                on,
            )),
            Err(e) => Err(e.fields.iter().map(|f| (f.field.clone(), f.problem)).collect()),
        }
    }

    #[test]
    fn the_reader_agrees_with_the_value_tree() {
        let bodies: [&str; 16] = [
            r#"{"citizenship":"MN","ethnicity":"no","residence":"MN","profession":"1-28","business":false,"passport_expiry":"2030-01-01"}"#,
            r#"{"citizenship":"MN","kazakh":true,"ethnicity":true,"business":true,"on":"2024-01-01"}"#,
            r#"{"citizenship":null,"residence":5,"profession":[1,{"a":2}],"zeta":1,"alpha":{"b":[]},"alpha":2}"#,
            r#"{"citizenship":"MN","citizenship":"CN"}"#,
            r#"{"citizenship":1,"citizenship":"CN"}"#,
            r#"{"ethnicity":"yes","residence":true,"on":false}"#,
            r#"{"citizenship":"\u041c\n"}"#,
            r#"{"on":1e400}"#,
            r#"{"x":[1e400]}"#,
            r#"{"business":-0.5,"passport_expiry":{}}"#,
            "{}",
            "[]",
            r#""text""#,
            r#"{"a":1} x"#,
            r#"{"a":"#,
            "",
        ];
        for b in bodies {
            let ours = by_reader(b.as_bytes());
            let tree = by_tree(b.as_bytes());
            match (&ours, &tree) {
                (Err(o), Err(t)) if t.is_empty() => assert!(o.is_empty(), "{b}: a bad request, not {o:?}"),
                _ => assert_eq!(ours, tree, "{b}"),
            }
        }
    }
}
