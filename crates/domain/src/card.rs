//! The card's validity: from the issue date to the earlier of ten years and the passport's expiry.

use time::{Date, Duration, Month};

/// The first and last day of a card issued on `issued` for a passport that expires on
/// `passport_expires`: the last day is the earlier of the day before the tenth anniversary and the
/// passport's expiry. `None` when the passport has expired before the issue date.
pub fn validity(issued: Date, passport_expires: Date) -> Option<(Date, Date)> {
    let year = issued.year() + 10;
    // A card issued on 29 February reaches its tenth anniversary on 1 March of a common year.
    let anniversary = Date::from_calendar_date(year, issued.month(), issued.day())
        .or_else(|_| Date::from_calendar_date(year, Month::March, 1))
        .ok()?;
    let last = (anniversary - Duration::days(1)).min(passport_expires);
    (last >= issued).then_some((issued, last))
}

/// Where a card stands. Only a valid card proves anything; every other state is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardState {
    /// Issued and in force.
    Valid,
    /// The holder became a citizen of Kazakhstan.
    Invalidated,
    /// Revoked on a ground, countersigned by a second supervisor.
    Revoked,
    /// Its last day has passed.
    Expired,
    /// Replaced by a card on a new passport.
    Superseded,
}

impl CardState {
    /// Every state.
    pub const ALL: [CardState; 5] =
        [CardState::Valid, CardState::Invalidated, CardState::Revoked, CardState::Expired, CardState::Superseded];

    /// The stored name (also the verdict code a verifier reads).
    pub fn as_str(self) -> &'static str {
        match self {
            CardState::Valid => "valid",
            CardState::Invalidated => "invalidated",
            CardState::Revoked => "revoked",
            CardState::Expired => "expired",
            CardState::Superseded => "superseded",
        }
    }

    /// The state named `name`.
    pub fn parse(name: &str) -> Option<CardState> {
        CardState::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::validity;

    #[test]
    fn every_state_parses_back_from_its_name() {
        for c in super::CardState::ALL {
            assert_eq!(super::CardState::parse(c.as_str()), Some(c));
        }
        assert_eq!(super::CardState::parse("suspended"), None);
    }

    #[test]
    fn ten_years_less_a_day_when_the_passport_lasts() {
        assert_eq!(
            validity(date!(2026 - 11 - 24), date!(2040 - 01 - 01)),
            Some((date!(2026 - 11 - 24), date!(2036 - 11 - 23)))
        );
    }

    #[test]
    fn the_passport_expiry_when_it_comes_first() {
        assert_eq!(
            validity(date!(2026 - 11 - 24), date!(2029 - 05 - 31)),
            Some((date!(2026 - 11 - 24), date!(2029 - 05 - 31)))
        );
        assert_eq!(
            validity(date!(2026 - 11 - 24), date!(2026 - 11 - 24)),
            Some((date!(2026 - 11 - 24), date!(2026 - 11 - 24)))
        );
    }

    #[test]
    fn none_when_the_passport_has_expired() {
        assert_eq!(validity(date!(2026 - 11 - 24), date!(2026 - 11 - 23)), None);
    }

    #[test]
    fn leap_day() {
        assert_eq!(
            validity(date!(2028 - 02 - 29), date!(2050 - 01 - 01)),
            Some((date!(2028 - 02 - 29), date!(2038 - 02 - 28)))
        );
    }
}
