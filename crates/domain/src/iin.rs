//! The Kazakh individual identification number (IIN, ЖСН/ИИН) of a natural person: 12 digits, the
//! birth date and sex it encodes, and its check digit.
//!
//! Structure (Government Resolution No. 565 of 11 June 2003, the programme of transition to the
//! single identification number; the check digit as in the national registers of identification
//! numbers):
//! - digits 1-6: date of birth, `YYMMDD`;
//! - digit 7: century of birth and sex: 1/2 born in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s;
//!   odd male, even female;
//! - digits 8-11: serial number;
//! - digit 12: check digit: the sum of digits 1-11 weighted 1..11, modulo 11; if that is 10, the sum
//!   weighted 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2, modulo 11; if that is 10 too, the number is not issued.
//!
//! Weight 11 is 0 modulo 11, so digit 11 counts only when the second pass is used: most mistakes in
//! that digit are not detected (a property of the official algorithm, measured in the tests).
//!
//! A digit 7 other than 1-6 gives no century, so no birth date to check: it is refused as a `date`
//! problem.

use std::fmt;

use time::{Date, Month};

/// A valid IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Iin {
    digits: [u8; 12],
    birth_date: Date,
}

/// Why an IIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IinProblem {
    /// Not 12 ASCII digits.
    Format,
    /// The check digit does not match, or the number cannot have one.
    CheckDigit,
    /// Digits 1-7 do not make a date of birth (month, day or century digit).
    Date,
    /// The birth date differs from the application's.
    BirthDateMismatch,
    /// The sex differs from the application's.
    SexMismatch,
}

impl IinProblem {
    /// A stable code for APIs and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            IinProblem::Format => "iin_format",
            IinProblem::CheckDigit => "iin_check_digit",
            IinProblem::Date => "iin_date",
            IinProblem::BirthDateMismatch => "iin_birth_date_mismatch",
            IinProblem::SexMismatch => "iin_sex_mismatch",
        }
    }
}

impl fmt::Display for IinProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::error::Error for IinProblem {}

const FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

fn weighted(digits: &[u8], weights: &[u32; 11]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum::<u32>() % 11
}

/// The check digit of the first 11 digits, or `None` when both passes give 10 (never issued).
pub fn check_digit(first_eleven: &[u8; 11]) -> Option<u8> {
    let first = weighted(first_eleven, &FIRST);
    let value = if first == 10 { weighted(first_eleven, &SECOND) } else { first };
    u8::try_from(value).ok().filter(|&v| v < 10)
}

impl Iin {
    /// Parses an IIN: 12 digits (spaces around are ignored), a valid date of birth, the check digit.
    pub fn parse(s: &str) -> Result<Iin, IinProblem> {
        let s = s.trim();
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IinProblem::Format);
        }
        let mut digits = [0u8; 12];
        for (d, b) in digits.iter_mut().zip(s.bytes()) {
            *d = b - b'0';
        }
        let [y1, y2, m1, m2, d1, d2, c, s1, s2, s3, s4, check] = digits;
        let century = match c {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return Err(IinProblem::Date),
        };
        let month = Month::try_from(m1 * 10 + m2).map_err(|_| IinProblem::Date)?;
        let birth_date = Date::from_calendar_date(century + i32::from(y1 * 10 + y2), month, d1 * 10 + d2)
            .map_err(|_| IinProblem::Date)?;
        if check_digit(&[y1, y2, m1, m2, d1, d2, c, s1, s2, s3, s4]) != Some(check) {
            return Err(IinProblem::CheckDigit);
        }
        Ok(Iin { digits, birth_date })
    }

    /// The date of birth encoded in digits 1-7.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// `M` or `F`, from digit 7 (odd male, even female).
    pub fn sex(&self) -> char {
        let [_, _, _, _, _, _, c, ..] = self.digits;
        if c % 2 == 1 { 'M' } else { 'F' }
    }

    /// The 12 digits as text.
    pub fn as_string(&self) -> String {
        self.digits.iter().map(|&d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

/// Parses `iin` and checks it against the application's birth date and sex (`M`/`F`, any case).
/// A malformed number is reported before any mismatch; the birth date before the sex.
pub fn check_iin(iin: &str, birth_date: Date, sex: char) -> Result<Iin, IinProblem> {
    let parsed = Iin::parse(iin)?;
    if parsed.birth_date() != birth_date {
        return Err(IinProblem::BirthDateMismatch);
    }
    if parsed.sex() != sex.to_ascii_uppercase() {
        return Err(IinProblem::SexMismatch);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    /// Completes 11 digits with their check digit, if the number can be issued.
    fn complete(first_eleven: &str) -> Option<String> {
        let digits: Vec<u8> = first_eleven.bytes().map(|b| b - b'0').collect();
        let arr: [u8; 11] = digits.try_into().expect("11 digits");
        check_digit(&arr).map(|c| format!("{first_eleven}{c}"))
    }

    #[test]
    fn published_example_needs_the_second_pass() {
        // 061211600012 is the example of the kz-iin-validator README (github.com/ZhymabekRoman).
        // First pass: 0*1+6*2+1*3+2*4+1*5+1*6+6*7+0*8+0*9+0*10+1*11 = 87 = 7*11+10 -> 10.
        // Second pass: 0*3+6*4+1*5+2*6+1*7+1*8+6*9+0*10+0*11+0*1+1*2 = 112 = 10*11+2 -> 2.
        let iin = Iin::parse("061211600012").expect("valid");
        assert_eq!(iin.birth_date(), date!(2006 - 12 - 11));
        assert_eq!(iin.sex(), 'F');
        assert_eq!(iin.to_string(), "061211600012");
        assert_eq!(Iin::parse("061211600013"), Err(IinProblem::CheckDigit));
    }

    #[test]
    fn first_pass_example() {
        // 900101 3 0001: 9*1+0+0+1*4+0+1*6+3*7+0+0+0+1*11 = 51 = 4*11+7 -> check digit 7.
        let iin = Iin::parse("900101300017").expect("valid");
        assert_eq!(iin.birth_date(), date!(1990 - 01 - 01));
        assert_eq!(iin.sex(), 'M');
        for wrong in 0..10 {
            if wrong != 7 {
                assert_eq!(Iin::parse(&format!("90010130001{wrong}")), Err(IinProblem::CheckDigit));
            }
        }
    }

    #[test]
    fn centuries_and_sexes() {
        for (c, year, sex) in
            [('1', 1885, 'M'), ('2', 1885, 'F'), ('3', 1985, 'M'), ('4', 1985, 'F'), ('5', 2085, 'M'), ('6', 2085, 'F')]
        {
            let iin = (0..10_000)
                .find_map(|serial| complete(&format!("850315{c}{serial:04}")))
                .expect("some serial is issuable");
            let parsed = Iin::parse(&iin).expect("valid");
            assert_eq!(parsed.birth_date(), Date::from_calendar_date(year, Month::March, 15).expect("date"));
            assert_eq!(parsed.sex(), sex);
        }
    }

    #[test]
    fn numbers_that_cannot_be_issued_are_refused() {
        // Search for 11 digits where both passes give 10: no 12th digit makes them valid.
        let unissuable = (0..10_000)
            .map(|serial| format!("8503153{serial:04}"))
            .find(|p| complete(p).is_none())
            .expect("some prefix has no check digit");
        for last in 0..10 {
            assert_eq!(Iin::parse(&format!("{unissuable}{last}")), Err(IinProblem::CheckDigit));
        }
    }

    #[test]
    fn format_and_date_problems() {
        assert_eq!(Iin::parse("90010130001"), Err(IinProblem::Format));
        assert_eq!(Iin::parse("9001013000171"), Err(IinProblem::Format));
        assert_eq!(Iin::parse("90010130001a"), Err(IinProblem::Format));
        assert_eq!(Iin::parse("９００１０１３０００１７"), Err(IinProblem::Format));
        assert_eq!(Iin::parse(" 900101300017 ").map(|i| i.to_string()), Ok("900101300017".to_owned()));
        // Month 13, 30 February, 29 February of a non-leap year, century digits 0, 7, 9.
        for bad in ["901301300017", "900230300017", "010229500017", "900101000017", "900101700017", "900101900017"] {
            assert_eq!(Iin::parse(bad), Err(IinProblem::Date), "{bad}");
        }
        let leap = (0..10_000).find_map(|s| complete(&format!("0002295{s:04}"))).expect("issuable");
        assert_eq!(Iin::parse(&leap).map(|i| i.birth_date()), Ok(date!(2000 - 02 - 29)));
        assert_eq!(IinProblem::SexMismatch.as_str(), "iin_sex_mismatch");
    }

    #[test]
    fn checked_against_the_application() {
        let iin = "900101300017";
        assert!(check_iin(iin, date!(1990 - 01 - 01), 'M').is_ok());
        assert!(check_iin(iin, date!(1990 - 01 - 01), 'm').is_ok());
        assert_eq!(check_iin(iin, date!(1990 - 01 - 02), 'M'), Err(IinProblem::BirthDateMismatch));
        assert_eq!(check_iin(iin, date!(1990 - 01 - 01), 'F'), Err(IinProblem::SexMismatch));
        assert_eq!(check_iin(iin, date!(1990 - 01 - 02), 'F'), Err(IinProblem::BirthDateMismatch));
        assert_eq!(check_iin("900101300018", date!(1990 - 01 - 01), 'M'), Err(IinProblem::CheckDigit));
    }

    #[test]
    fn substitutions_are_caught_except_in_the_eleventh_digit() {
        // Weights 1..10 are distinct and non-zero modulo 11, so a substitution in digits 1-10 always
        // changes the first pass; it slips through only when the changed number falls back to the
        // second pass. Weight 11 is 0 modulo 11: digit 11 only counts in the second pass, so most
        // changes to it go unnoticed. That is the official algorithm's weakness, measured here.
        let mut changes = [0u32; 12];
        let mut caught = [0u32; 12];
        for serial in (0..10_000u32).step_by(7) {
            let Some(iin) = complete(&format!("8503153{serial:04}")) else { continue };
            for pos in 6..12 {
                for to in b'0'..=b'9' {
                    let mut bytes = iin.clone().into_bytes();
                    if bytes[pos] == to {
                        continue;
                    }
                    bytes[pos] = to;
                    changes[pos] += 1;
                    caught[pos] += u32::from(Iin::parse(std::str::from_utf8(&bytes).expect("ascii")).is_err());
                }
            }
        }
        for pos in 6..12 {
            let share = f64::from(caught[pos]) / f64::from(changes[pos]);
            eprintln!(
                "IIN digit {}: {} of {} substitutions caught ({:.2}%)",
                pos + 1,
                caught[pos],
                changes[pos],
                share * 100.0
            );
            if pos == 10 {
                assert!(share < 0.2, "digit 11 is weighted 0 in the first pass, yet {share} caught");
            } else {
                assert!(share > 0.95, "digit {}: only {share} caught", pos + 1);
            }
        }
        assert_eq!(caught[11], changes[11], "a changed check digit is always caught");
    }

    proptest! {
        #[test]
        fn exactly_one_check_digit_fits_an_issuable_number(days in 0i64..60_000, c in 0u8..2, serial in 0u32..10_000) {
            let born = date!(1900 - 01 - 01) + time::Duration::days(days);
            let c = c + if born.year() >= 2000 { 5 } else { 3 };
            let prefix = format!("{:02}{:02}{:02}{c}{serial:04}", born.year() % 100, u8::from(born.month()), born.day());
            let accepted: Vec<Iin> = (0..10).filter_map(|last| Iin::parse(&format!("{prefix}{last}")).ok()).collect();
            match complete(&prefix) {
                Some(iin) => {
                    prop_assert_eq!(accepted.len(), 1);
                    prop_assert_eq!(accepted[0].to_string(), iin);
                    prop_assert_eq!(accepted[0].birth_date(), born);
                    prop_assert_eq!(accepted[0].sex(), if c % 2 == 1 { 'M' } else { 'F' });
                }
                None => prop_assert!(accepted.is_empty()),
            }
        }
    }
}
