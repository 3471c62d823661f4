//! The machine-readable zone of a passport (ICAO Doc 9303 part 4, TD3: two lines of 44 characters),
//! parsed with every check digit verified, so that a photo-typo or a misread never fills a form.

use time::{Date, Month};

/// What the zone says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mrz {
    /// Issuing state, ICAO alpha-3 (mostly ISO 3166-1 alpha-3).
    pub issuer: String,
    /// Primary identifier (surname), as in the zone, `<` read as space.
    pub surname: String,
    /// Secondary identifier (given names).
    pub given_names: String,
    /// Document number without fillers.
    pub number: String,
    /// Nationality, ICAO alpha-3.
    pub nationality: String,
    /// Date of birth.
    pub birth_date: Date,
    /// `M`, `F` or `X` (unspecified).
    pub sex: char,
    /// Date of expiry.
    pub expiry: Date,
}

/// Why the zone was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrzError {
    /// Not two lines of 44 characters of `A-Z0-9<`, starting with `P`.
    Format,
    /// A check digit does not match (the field it guards is named).
    CheckDigit(&'static str),
    /// A date that does not exist.
    Date(&'static str),
}

impl MrzError {
    /// A stable code for APIs and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            MrzError::Format => "mrz_format",
            MrzError::CheckDigit(_) => "mrz_check_digit",
            MrzError::Date(_) => "mrz_date",
        }
    }
}

/// The ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A-Z as 10-35, `<` as 0.
pub fn check_digit(field: &str) -> u32 {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    field
        .chars()
        .zip(WEIGHTS.iter().cycle())
        .map(|(c, w)| {
            let v = match c {
                '0'..='9' => u32::from(c) - u32::from('0'),
                'A'..='Z' => u32::from(c) - u32::from('A') + 10,
                _ => 0,
            };
            v * w
        })
        .sum::<u32>()
        % 10
}

fn digit(c: Option<char>) -> Option<u32> {
    c.and_then(|c| c.to_digit(10))
}

fn date(yymmdd: &str, future_century: bool, today: Date, name: &'static str) -> Result<Date, MrzError> {
    let n = |r: std::ops::Range<usize>| yymmdd.get(r).and_then(|s| s.parse::<u8>().ok()).ok_or(MrzError::Date(name));
    let (yy, mm, dd) = (n(0..2)?, n(2..4)?, n(4..6)?);
    let this_yy = u8::try_from(today.year().rem_euclid(100)).unwrap_or(0);
    let century = today.year() - today.year().rem_euclid(100);
    // Birth dates are in the past: a two-digit year above this year's is last century. Expiry dates
    // are at most a few decades ahead.
    let year = if future_century || yy <= this_yy { century + i32::from(yy) } else { century - 100 + i32::from(yy) };
    let month = Month::try_from(mm).map_err(|_| MrzError::Date(name))?;
    Date::from_calendar_date(year, month, dd).map_err(|_| MrzError::Date(name))
}

fn text(field: &str) -> String {
    field.split('<').filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Parses a TD3 zone (spaces and line breaks around the lines are ignored; lower case a-z is read as
/// upper; no other letter is: `ß` is not `SS`, nor the long `ſ` an `S`).
pub fn parse(zone: &str, today: Date) -> Result<Mrz, MrzError> {
    let lines: Vec<String> = zone
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase())
        .filter(|l| !l.is_empty())
        .collect();
    let [l1, l2] = lines.as_slice() else {
        return Err(MrzError::Format);
    };
    let ok = |l: &str| l.len() == 44 && l.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<');
    if !ok(l1) || !ok(l2) || !l1.starts_with('P') {
        return Err(MrzError::Format);
    }
    let f = |l: &str, r: std::ops::Range<usize>| l.get(r).map(str::to_owned).ok_or(MrzError::Format);
    let issuer = f(l1, 2..5)?.replace('<', "");
    let names = f(l1, 5..44)?;
    let (surname, given) = names.split_once("<<").unwrap_or((names.as_str(), ""));
    let number = f(l2, 0..9)?;
    let nationality = f(l2, 10..13)?.replace('<', "");
    let birth = f(l2, 13..19)?;
    let sex = l2.chars().nth(20).ok_or(MrzError::Format)?;
    let expiry = f(l2, 21..27)?;
    let optional = f(l2, 28..42)?;
    let checks: [(&str, &String, usize); 3] =
        [("passport_number", &number, 9), ("birth_date", &birth, 19), ("passport_expires", &expiry, 27)];
    for (name, field, at) in checks {
        if digit(l2.chars().nth(at)) != Some(check_digit(field)) {
            return Err(MrzError::CheckDigit(name));
        }
    }
    // The optional data's check digit may be `<` when the field is empty.
    let opt_check = l2.chars().nth(42);
    let opt_ok = digit(opt_check) == Some(check_digit(&optional))
        || (opt_check == Some('<') && optional.chars().all(|c| c == '<'));
    if !opt_ok {
        return Err(MrzError::CheckDigit("mrz"));
    }
    let composite = format!("{}{}{}{}", f(l2, 0..10)?, f(l2, 13..20)?, f(l2, 21..28)?, f(l2, 28..43)?);
    if digit(l2.chars().nth(43)) != Some(check_digit(&composite)) {
        return Err(MrzError::CheckDigit("mrz"));
    }
    if !matches!(sex, 'M' | 'F' | '<' | 'X') {
        return Err(MrzError::Format);
    }
    Ok(Mrz {
        issuer,
        surname: text(surname),
        given_names: text(given),
        number: number.replace('<', ""),
        nationality,
        birth_date: date(&birth, false, today, "birth_date")?,
        sex: if sex == '<' { 'X' } else { sex },
        expiry: date(&expiry, true, today, "passport_expires")?,
    })
}

#[cfg(test)]
mod tests {
    use super::{MrzError, check_digit, parse};
    use time::macros::date;

    // The specimen of ICAO Doc 9303 part 4, appendix A (Utopia, Anna Maria Eriksson).
    const ICAO: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    #[test]
    fn the_icao_specimen_parses() {
        let m = parse(ICAO, date!(2026 - 11 - 24)).expect("valid");
        assert_eq!(m.issuer, "UTO");
        assert_eq!(m.surname, "ERIKSSON");
        assert_eq!(m.given_names, "ANNA MARIA");
        assert_eq!(m.number, "L898902C3");
        assert_eq!(m.birth_date, date!(1974 - 08 - 12));
        assert_eq!(m.sex, 'F');
        assert_eq!(m.expiry, date!(2012 - 04 - 15));
        assert_eq!(check_digit("L898902C3"), 6);
        assert_eq!(check_digit("740812"), 2);
    }

    #[test]
    fn every_wrong_check_digit_is_named() {
        let today = date!(2026 - 11 - 24);
        let swap = |at: usize, c: char| {
            let mut s: Vec<char> = ICAO.chars().collect();
            s[45 + at] = c;
            s.into_iter().collect::<String>()
        };
        assert_eq!(parse(&swap(9, '7'), today), Err(MrzError::CheckDigit("passport_number")));
        assert_eq!(parse(&swap(19, '3'), today), Err(MrzError::CheckDigit("birth_date")));
        assert_eq!(parse(&swap(27, '0'), today), Err(MrzError::CheckDigit("passport_expires")));
        assert_eq!(parse(&swap(43, '1'), today), Err(MrzError::CheckDigit("mrz")));
        // A misread letter in the number fails its check digit.
        assert_eq!(parse(&swap(4, '8'), today), Err(MrzError::CheckDigit("passport_number")));
        assert_eq!(parse("P<UTO", today), Err(MrzError::Format));
        assert_eq!(parse(&ICAO.replace('P', "V"), today), Err(MrzError::Format));
    }

    #[test]
    fn lower_case_and_spaces_are_tolerated() {
        let typed = format!("  {}  ", ICAO.to_lowercase().replace('\n', "\n   "));
        assert!(parse(&typed, date!(2026 - 11 - 24)).is_ok());
    }

    /// What the `mrz` fuzz target holds (an accepted zone is 88 characters of A-Z, 0-9 and `<`):
    /// Unicode upper-casing read `ß` as `SS` and `ſ` as `S`, so a zone one character short passed.
    #[test]
    fn only_latin_letters_are_read_as_capitals() {
        let today = date!(2026 - 11 - 24);
        for other in [ICAO.replacen("SS", "ß", 1), ICAO.replacen("SS", "ſS", 1), ICAO.replacen('A', "ａ", 1)] {
            assert_eq!(parse(&other, today), Err(MrzError::Format), "{other}");
        }
    }
}
