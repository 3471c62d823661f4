//! A fixed sample card and TEST-ONLY key, for the documentation's worked example, tests and the interop fixture.

use crate::card_number::CardNumber;
use crate::claims::{CardClaims, Citizenship, ClaimsError, StatusReference};
use crate::keys::SigningKey;
use crate::status::{CardStatus, StatusList, StatusListError, StatusListToken};
use time::Duration;
use time::macros::{date, datetime};

/// The seed of the sample key: bytes 0x00..0x1F. Public, so never trust it outside tests.
pub const SAMPLE_SEED: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31,
];

/// The URI of the sample status list.
pub const SAMPLE_STATUS_URI: &str = "https://atajoly.example/api/v1/status-lists/1";

/// The TEST-ONLY sample signing key.
pub fn sample_key() -> SigningKey {
    SigningKey::from_seed(&SAMPLE_SEED)
}

/// The sample card: an ethnic Kazakh from China, at index 42 of status list 1.
pub fn sample_claims() -> Result<CardClaims, ClaimsError> {
    Ok(CardClaims {
        issuer: "KZ".to_owned(),
        card_number: CardNumber::from_serial(1042).map_err(ClaimsError::CardNumber)?,
        family_name: "NURLANULY".to_owned(),
        given_names: "ERLAN".to_owned(),
        family_name_cyrillic: Some("Нұрланұлы".to_owned()),
        given_names_cyrillic: Some("Ерлан".to_owned()),
        birth_date: date!(1990 - 03 - 07),
        citizenship: Citizenship::parse("CHN").ok_or(ClaimsError::Malformed("card.citizenship"))?,
        issued_at: datetime!(2026-02-02 9:30 UTC),
        not_before: datetime!(2026-02-02 9:30 UTC),
        expires_at: datetime!(2036-02-02 0:00 UTC),
        status: StatusReference { idx: 42, uri: SAMPLE_STATUS_URI.to_owned() },
    })
}

/// The sample status list token: 1024 cards, the sample card set to `status`, issued 2026-03-01, ttl 24 h.
pub fn sample_status_list(status: CardStatus) -> Result<StatusListToken, StatusListError> {
    let mut list = StatusList::new(1024);
    list.set(42, status)?;
    list.set(7, CardStatus::Revoked)?;
    list.set(8, CardStatus::Superseded)?;
    Ok(StatusListToken {
        uri: SAMPLE_STATUS_URI.to_owned(),
        issued_at: datetime!(2026-03-01 0:00 UTC),
        expires_at: Some(datetime!(2026-04-01 0:00 UTC)),
        ttl: Some(Duration::hours(24)),
        list,
    })
}
