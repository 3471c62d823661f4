//! The request's language and request id, as extractors.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::Lang;

/// The language chosen for this request (query, cookie, `Accept-Language`, then Kazakh).
#[derive(Debug, Clone, Copy)]
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<ReqLang>().copied().unwrap_or(ReqLang(Lang::Kk)))
    }
}

/// Decides the language from the query's `lang`, the `lang` cookie and `Accept-Language`; returns the
/// language and whether it came from the query (so that it should be remembered).
pub fn negotiate(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> (Lang, bool) {
    if let Some(l) = uri.query().and_then(|q| query_value(q, "lang")).and_then(|v| Lang::parse(&v)) {
        return (l, true);
    }
    if let Some(l) = cookie_in(headers, "lang").and_then(|v| Lang::parse(&v)) {
        return (l, false);
    }
    let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    (accept.and_then(Lang::from_accept_language).unwrap_or_default(), false)
}

/// The value of a cookie.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    cookie_in(&parts.headers, name)
}

/// The value of a cookie among `headers`.
pub fn cookie_in(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// How long the language cookie lasts (a year).
pub const LANG_COOKIE_SECS: i64 = 365 * 86_400;

/// The first value of a query parameter, percent-decoded.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    // The first pair whose name and value both decode and whose name is `name`, as in
    // `serde_urlencoded_pairs`, without decoding every other pair.
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        if decode(k)? == name { decode(v) } else { None }
    })
}

/// Every `name=value` pair of a query string, percent-decoded, in order.
pub fn serde_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &str) -> Option<String> {
    decode_with(s, true)
}

/// `s` as a query value: every byte but letters, digits and `/-._~` percent-encoded.
pub fn query_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A path's percent escapes decoded (`+` stays `+`); `None` when an escape is broken or the bytes are
/// not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    decode_with(s, false)
}

fn decode_with(s: &str, plus_is_space: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(query_value("q=%D0%B0+b&lang=ru", "q").as_deref(), Some("а b"));
        assert_eq!(query_value("lang=ru", "q"), None);
        // The first pair that decodes wins, as when every pair was decoded first.
        assert_eq!(query_value("lang=%zz&lang=ru&lang=en", "lang").as_deref(), Some("ru"));
        assert_eq!(query_value("la%zzng=kk&lang", "lang").as_deref(), Some(""));
    }
}
