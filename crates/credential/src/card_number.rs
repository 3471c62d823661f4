//! The card number: `AZ`, nine digits, and one ISO/IEC 7064 MOD 37,36 check character.

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

const PREFIX: &str = "AZ";
const DIGITS: usize = 9;
/// Length of a card number: prefix, digits and check character.
pub const LEN: usize = PREFIX.len() + DIGITS + 1;
const ALNUM: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A card number such as `AZ000000042` plus its check character, parsed once and valid thereafter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardNumber(String);

/// Why a text is not a card number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CardNumberError {
    /// The text does not have 12 characters.
    #[error("a card number has 12 characters, not {0}")]
    Length(usize),
    /// The text does not start with `AZ`.
    #[error("a card number starts with AZ")]
    Prefix,
    /// A character between the prefix and the check character is not a digit, at this position.
    #[error("character {0} of the card number must be a digit")]
    Digit(usize),
    /// The last character is not the ISO/IEC 7064 MOD 37,36 check character of the rest.
    #[error("the check character of the card number is wrong")]
    CheckCharacter,
    /// The serial number does not fit nine digits.
    #[error("the serial number does not fit nine digits")]
    SerialTooLarge,
}

fn alnum_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

/// ISO/IEC 7064 hybrid system MOD 37,36 over `0-9A-Z`: the check character of `body`.
fn check_character(body: &[u8]) -> Option<u8> {
    const M: u32 = 36;
    let mut p = M;
    for &c in body {
        let s = (p + alnum_value(c)?) % M;
        p = (if s == 0 { M } else { s } * 2) % (M + 1);
    }
    let index = usize::try_from((M + 1 - p) % M).ok()?;
    ALNUM.get(index).copied()
}

impl CardNumber {
    /// Parses a card number, upper-casing ASCII letters; refuses a wrong check character.
    pub fn parse(text: &str) -> Result<Self, CardNumberError> {
        let chars = text.chars().count();
        if chars != LEN {
            return Err(CardNumberError::Length(chars));
        }
        if !text.is_ascii() {
            let position = text.chars().position(|c| !c.is_ascii()).unwrap_or(0);
            return Err(if position < PREFIX.len() {
                CardNumberError::Prefix
            } else if position < LEN - 1 {
                CardNumberError::Digit(position + 1)
            } else {
                CardNumberError::CheckCharacter
            });
        }
        let upper = text.to_ascii_uppercase();
        let (body, check) = upper.as_bytes().split_at(LEN - 1);
        if !body.starts_with(PREFIX.as_bytes()) {
            return Err(CardNumberError::Prefix);
        }
        for (i, c) in body.iter().enumerate().skip(PREFIX.len()) {
            if !c.is_ascii_digit() {
                return Err(CardNumberError::Digit(i + 1));
            }
        }
        if check_character(body).as_ref() != check.first() {
            return Err(CardNumberError::CheckCharacter);
        }
        Ok(Self(upper))
    }

    /// Builds the card number of a serial (0 to 999 999 999), adding the check character.
    pub fn from_serial(serial: u32) -> Result<Self, CardNumberError> {
        if serial > 999_999_999 {
            return Err(CardNumberError::SerialTooLarge);
        }
        let mut text = format!("{PREFIX}{serial:09}");
        let check = check_character(text.as_bytes()).ok_or(CardNumberError::CheckCharacter)?;
        text.push(char::from(check));
        Ok(Self(text))
    }

    /// The card number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CardNumber {
    type Err = CardNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn iso_7064_mod_37_36_published_example() {
        // ISO/IEC 7064 annex example for MOD 37,36: "A12425GABC1234002" has check character "M".
        assert_eq!(check_character(b"A12425GABC1234002"), Some(b'M'));
    }

    #[test]
    fn builds_and_parses() {
        let n = CardNumber::from_serial(42).unwrap();
        assert!(n.as_str().starts_with("AZ000000042"));
        assert_eq!(CardNumber::parse(n.as_str()).unwrap(), n);
        assert_eq!(CardNumber::parse(&n.as_str().to_ascii_lowercase()).unwrap(), n);
    }

    #[test]
    fn specific_errors() {
        let good = CardNumber::from_serial(123_456_789).unwrap();
        let mut wrong_check = good.as_str().to_owned();
        let last = wrong_check.pop().unwrap();
        wrong_check.push(if last == '0' { '1' } else { '0' });
        assert_eq!(CardNumber::parse(&wrong_check), Err(CardNumberError::CheckCharacter));
        assert_eq!(CardNumber::parse("AZ12345678"), Err(CardNumberError::Length(10)));
        assert_eq!(CardNumber::parse("KZ1234567890"), Err(CardNumberError::Prefix));
        assert_eq!(CardNumber::parse("AZ12345A7890"), Err(CardNumberError::Digit(8)));
        assert_eq!(CardNumber::parse("AZ12345678Ж"), Err(CardNumberError::Length(11)));
        assert_eq!(CardNumber::parse("AZ123456789Ж"), Err(CardNumberError::CheckCharacter));
        assert_eq!(CardNumber::parse("AZ1234Ж67890"), Err(CardNumberError::Digit(7)));
        assert_eq!(CardNumber::from_serial(1_000_000_000), Err(CardNumberError::SerialTooLarge));
    }

    #[test]
    fn adjacent_transpositions_are_mostly_caught() {
        // MOD 37,36 catches every single substitution but not every transposition: measure the share.
        let (mut swaps, mut caught) = (0u32, 0u32);
        for serial in (0..1_000_000_000u32).step_by(499_979) {
            let good = CardNumber::from_serial(serial).unwrap();
            for pos in 2..LEN - 1 {
                let mut bytes = good.as_str().as_bytes().to_vec();
                if bytes[pos] == bytes[pos + 1] {
                    continue;
                }
                bytes.swap(pos, pos + 1);
                swaps += 1;
                caught += u32::from(CardNumber::parse(std::str::from_utf8(&bytes).unwrap()).is_err());
            }
        }
        let share = f64::from(caught) / f64::from(swaps);
        eprintln!("card number: {caught} of {swaps} adjacent transpositions caught ({:.2}%)", share * 100.0);
        assert!(share > 0.95, "only {share} of transpositions caught");
    }

    proptest! {
        #[test]
        fn any_single_substitution_is_caught(serial in 0u32..1_000_000_000, pos in 2usize..LEN, to in 0usize..36) {
            let good = CardNumber::from_serial(serial).unwrap();
            let mut bytes = good.as_str().as_bytes().to_vec();
            let replacement = ALNUM[to];
            prop_assume!(bytes[pos] != replacement);
            bytes[pos] = replacement;
            let text = String::from_utf8(bytes).unwrap();
            prop_assert!(CardNumber::parse(&text).is_err(), "{} accepted", text);
        }

    }
}
