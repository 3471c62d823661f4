//! `atajoly verify`: checks a card's QR text offline, against a key set and a status list saved
//! earlier (from `/.well-known/atajoly/keys.cose` or `jwks.json`, and `/api/v1/status-lists/{id}`).

use std::fmt::Write as _;

use anyhow::Context as _;
use credential::{KeySet, StatusListToken, Verdict};
use time::OffsetDateTime;

/// What an offline check found, ready to print.
#[derive(Debug)]
pub struct Report {
    /// The verdict.
    pub verdict: Verdict,
    /// The lines to print.
    pub text: String,
}

/// Reads a key set saved as a COSE_KeySet (binary) or a JWK Set (JSON).
pub fn read_keys(bytes: &[u8]) -> anyhow::Result<KeySet> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        let json = std::str::from_utf8(bytes).context("the JWK Set is not UTF-8")?;
        KeySet::from_jwks(json).map_err(|e| anyhow::anyhow!("the JWK Set: {e}"))
    } else {
        KeySet::from_cose_key_set(bytes).map_err(|e| anyhow::anyhow!("the COSE key set: {e}"))
    }
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.to_string())
}

fn age_text(seconds: i64) -> String {
    let (d, h, m) = (seconds / 86_400, (seconds % 86_400) / 3600, (seconds % 3600) / 60);
    if d > 0 {
        format!("{d} d {h} h")
    } else if h > 0 {
        format!("{h} h {m} min")
    } else {
        format!("{m} min")
    }
}

/// Checks `text` with `keys` and, if given, the signed status list `list`, at `now`.
pub fn verify(text: &str, keys: &KeySet, list: Option<&[u8]>, now: OffsetDateTime) -> anyhow::Result<Report> {
    let token = match list {
        Some(bytes) => Some(
            StatusListToken::verify(bytes, keys).map_err(|e| anyhow::anyhow!("the status list is not usable: {e}"))?,
        ),
        None => None,
    };
    let v = credential::verify(text.trim_matches(['\n', '\r']), keys, token.as_ref(), now);
    let mut out = String::new();
    let _ = writeln!(out, "verdict: {} ({})", v.verdict.code(), v.verdict);
    if let Some(kid) = v.kid {
        let _ = writeln!(out, "key: {kid}");
    }
    if let Some(c) = &v.claims {
        let _ = writeln!(out, "card: {}", c.card_number.as_str());
        let _ = writeln!(out, "name: {} {}", c.family_name, c.given_names);
        if let (Some(f), Some(g)) = (&c.family_name_cyrillic, &c.given_names_cyrillic) {
            let _ = writeln!(out, "name (kk): {f} {g}");
        }
        let _ = writeln!(out, "born: {}", c.birth_date);
        let _ = writeln!(out, "citizenship: {}", c.citizenship.as_str());
        let _ = writeln!(out, "valid: from {} until {} (exclusive)", iso(c.not_before), iso(c.expires_at));
        let _ = writeln!(out, "status: index {} of {}", c.status.idx, c.status.uri);
    }
    match (&token, v.status_list_age) {
        (Some(t), Some(age)) => {
            let ttl = t.ttl.map_or_else(|| "none".to_owned(), |d| age_text(d.whole_seconds()));
            let _ = writeln!(
                out,
                "status list: issued {}, {} old (ttl {ttl})",
                iso(t.issued_at),
                age_text(age.whole_seconds())
            );
        }
        _ => {
            let _ = writeln!(out, "status list: none given; revocation and invalidation were not checked");
        }
    }
    Ok(Report { verdict: v.verdict, text: out })
}
