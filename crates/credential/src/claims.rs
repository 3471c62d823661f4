//! The card's CWT claims (RFC 8392) and their CBOR form.

use crate::card_number::{CardNumber, CardNumberError};
use crate::cbor;
use ciborium::Value;
use std::fmt;
use thiserror::Error;
use time::{Date, OffsetDateTime};

/// CWT claim `iss` (RFC 8392).
pub const CLAIM_ISS: i64 = 1;
/// CWT claim `exp`.
pub const CLAIM_EXP: i64 = 4;
/// CWT claim `nbf`.
pub const CLAIM_NBF: i64 = 5;
/// CWT claim `iat`.
pub const CLAIM_IAT: i64 = 6;
/// CWT claim `status` of the Token Status List draft.
pub const CLAIM_STATUS: i64 = 65535;
/// Private-use CWT claim (below -65536) holding the card's fields as a map with small integer keys.
pub const CLAIM_CARD: i64 = -65537;

/// Keys inside the card claim map.
pub mod card_keys {
    /// Card number, text.
    pub const NUMBER: i64 = 1;
    /// Family name, passport Latin spelling, text.
    pub const FAMILY_NAME: i64 = 2;
    /// Given names, passport Latin spelling, text.
    pub const GIVEN_NAMES: i64 = 3;
    /// Family name in Kazakh Cyrillic, text, optional.
    pub const FAMILY_NAME_CYRILLIC: i64 = 4;
    /// Given names in Kazakh Cyrillic, text, optional.
    pub const GIVEN_NAMES_CYRILLIC: i64 = 5;
    /// Birth date, text `YYYY-MM-DD`.
    pub const BIRTH_DATE: i64 = 6;
    /// Citizenship, ISO 3166-1 alpha-3, text.
    pub const CITIZENSHIP: i64 = 7;
}

/// A citizenship as an ISO 3166-1 alpha-3 code (three capital letters, as in the passport's MRZ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Citizenship([u8; 3]);

impl Citizenship {
    /// Parses three ASCII letters (upper-cased); the code list itself is the domain's business.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes: [u8; 3] = text.as_bytes().try_into().ok()?;
        bytes.iter().all(u8::is_ascii_alphabetic).then(|| Self(bytes.map(|b| b.to_ascii_uppercase())))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl fmt::Display for Citizenship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the card's status sits: an index into the status list published at `uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReference {
    /// The card's index in the list.
    pub idx: u64,
    /// The `sub` (URI) of the Status List Token.
    pub uri: String,
}

/// What the card says about its holder: just enough to match it to a passport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardClaims {
    /// The issuer (`iss`), e.g. `KZ`.
    pub issuer: String,
    /// The card number.
    pub card_number: CardNumber,
    /// Family name as spelt in the passport's Latin fields.
    pub family_name: String,
    /// Given names as spelt in the passport's Latin fields.
    pub given_names: String,
    /// Family name in Kazakh Cyrillic, when known.
    pub family_name_cyrillic: Option<String>,
    /// Given names in Kazakh Cyrillic, when known.
    pub given_names_cyrillic: Option<String>,
    /// Date of birth.
    pub birth_date: Date,
    /// Citizenship (the foreign one the holder keeps).
    pub citizenship: Citizenship,
    /// When the card was issued (`iat`), whole seconds.
    pub issued_at: OffsetDateTime,
    /// When the card becomes valid (`nbf`), whole seconds.
    pub not_before: OffsetDateTime,
    /// When the card expires (`exp`), whole seconds.
    pub expires_at: OffsetDateTime,
    /// The card's place in a status list.
    pub status: StatusReference,
}

/// Why claims cannot be issued or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClaimsError {
    /// A claim is missing or of the wrong type; names the claim.
    #[error("claim {0} is missing or malformed")]
    Malformed(&'static str),
    /// The card number's check character (or shape) is wrong.
    #[error("card number: {0}")]
    CardNumber(CardNumberError),
    /// `nbf` after `exp`, or `iat` after `exp`.
    #[error("the validity period is empty")]
    EmptyValidity,
}

fn date_text(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

fn parse_date(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    (text.len() == 10).then(|| Date::parse(text, &format).ok()).flatten()
}

fn non_empty(name: &'static str, value: &str) -> Result<(), ClaimsError> {
    if value.trim().is_empty() || value.len() > 200 || value.chars().any(char::is_control) {
        return Err(ClaimsError::Malformed(name));
    }
    Ok(())
}

impl CardClaims {
    /// Checks what the types cannot: non-empty names and a non-empty validity period.
    pub fn check(&self) -> Result<(), ClaimsError> {
        non_empty("iss", &self.issuer)?;
        non_empty("family_name", &self.family_name)?;
        non_empty("given_names", &self.given_names)?;
        if let Some(n) = &self.family_name_cyrillic {
            non_empty("family_name_cyrillic", n)?;
        }
        if let Some(n) = &self.given_names_cyrillic {
            non_empty("given_names_cyrillic", n)?;
        }
        non_empty("status.uri", &self.status.uri)?;
        if self.not_before > self.expires_at || self.issued_at > self.expires_at {
            return Err(ClaimsError::EmptyValidity);
        }
        Ok(())
    }

    /// The CWT claims map, in the documented key order.
    pub(crate) fn to_cbor(&self) -> Value {
        let text = |s: &str| Value::Text(s.to_owned());
        let mut card = vec![
            cbor::ik(card_keys::NUMBER, text(self.card_number.as_str())),
            cbor::ik(card_keys::FAMILY_NAME, text(&self.family_name)),
            cbor::ik(card_keys::GIVEN_NAMES, text(&self.given_names)),
        ];
        if let Some(n) = &self.family_name_cyrillic {
            card.push(cbor::ik(card_keys::FAMILY_NAME_CYRILLIC, text(n)));
        }
        if let Some(n) = &self.given_names_cyrillic {
            card.push(cbor::ik(card_keys::GIVEN_NAMES_CYRILLIC, text(n)));
        }
        card.push(cbor::ik(card_keys::BIRTH_DATE, text(&date_text(self.birth_date))));
        card.push(cbor::ik(card_keys::CITIZENSHIP, text(self.citizenship.as_str())));
        let status = Value::Map(vec![cbor::tk(
            "status_list",
            Value::Map(vec![
                cbor::tk("idx", Value::Integer(self.status.idx.into())),
                cbor::tk("uri", text(&self.status.uri)),
            ]),
        )]);
        Value::Map(vec![
            cbor::ik(CLAIM_ISS, text(&self.issuer)),
            cbor::ik(CLAIM_EXP, Value::Integer(self.expires_at.unix_timestamp().into())),
            cbor::ik(CLAIM_NBF, Value::Integer(self.not_before.unix_timestamp().into())),
            cbor::ik(CLAIM_IAT, Value::Integer(self.issued_at.unix_timestamp().into())),
            cbor::ik(CLAIM_STATUS, status),
            cbor::ik(CLAIM_CARD, Value::Map(card)),
        ])
    }

    /// Reads the CWT claims map; unknown claims are ignored, duplicate keys refused.
    pub(crate) fn from_cbor(value: &Value) -> Result<Self, ClaimsError> {
        let m = |name| move || ClaimsError::Malformed(name);
        let claims = cbor::map(value).ok_or_else(m("claims map"))?;
        let time = |key, name| {
            cbor::get_int(claims, key)
                .and_then(cbor::i64_of)
                .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
                .ok_or_else(m(name))
        };
        let issuer = cbor::get_int(claims, CLAIM_ISS).and_then(cbor::text).ok_or_else(m("iss"))?.to_owned();
        let expires_at = time(CLAIM_EXP, "exp")?;
        let not_before = time(CLAIM_NBF, "nbf")?;
        let issued_at = time(CLAIM_IAT, "iat")?;
        let status_claim = cbor::get_int(claims, CLAIM_STATUS).and_then(cbor::map).ok_or_else(m("status"))?;
        let list = cbor::get_text(status_claim, "status_list").and_then(cbor::map).ok_or_else(m("status_list"))?;
        let status = StatusReference {
            idx: cbor::get_text(list, "idx").and_then(cbor::uint).ok_or_else(m("status_list.idx"))?,
            uri: cbor::get_text(list, "uri").and_then(cbor::text).ok_or_else(m("status_list.uri"))?.to_owned(),
        };
        let card = cbor::get_int(claims, CLAIM_CARD).and_then(cbor::map).ok_or_else(m("card"))?;
        let field = |key, name| cbor::get_int(card, key).and_then(cbor::text).ok_or_else(m(name));
        let optional = |key, name| match cbor::get_int(card, key) {
            None => Ok(None),
            Some(v) => cbor::text(v).map(|s| Some(s.to_owned())).ok_or_else(m(name)),
        };
        let card_number =
            CardNumber::parse(field(card_keys::NUMBER, "card.number")?).map_err(ClaimsError::CardNumber)?;
        let parsed = Self {
            issuer,
            card_number,
            family_name: field(card_keys::FAMILY_NAME, "card.family_name")?.to_owned(),
            given_names: field(card_keys::GIVEN_NAMES, "card.given_names")?.to_owned(),
            family_name_cyrillic: optional(card_keys::FAMILY_NAME_CYRILLIC, "card.family_name_cyrillic")?,
            given_names_cyrillic: optional(card_keys::GIVEN_NAMES_CYRILLIC, "card.given_names_cyrillic")?,
            birth_date: parse_date(field(card_keys::BIRTH_DATE, "card.birth_date")?)
                .ok_or_else(m("card.birth_date"))?,
            citizenship: Citizenship::parse(field(card_keys::CITIZENSHIP, "card.citizenship")?)
                .ok_or_else(m("card.citizenship"))?,
            issued_at,
            not_before,
            expires_at,
            status,
        };
        parsed.check()?;
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_and_citizenship() {
        assert_eq!(date_text(date!(1990 - 03 - 07)), "1990-03-07");
        assert_eq!(parse_date("1990-03-07"), Some(date!(1990 - 03 - 07)));
        assert_eq!(parse_date("1990-3-7"), None);
        assert_eq!(parse_date("1990-02-30"), None);
        assert_eq!(Citizenship::parse("chn").map(|c| c.to_string()), Some("CHN".to_owned()));
        assert_eq!(Citizenship::parse("CN"), None);
        assert_eq!(Citizenship::parse("C1N"), None);
    }
}
