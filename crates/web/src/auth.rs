//! Authentication over HTTP: the session cookie, the bearer token, and the client's address for rate
//! limits. The secrets, sessions and password hashing are the service's (`service::auth`).

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderValue;
use axum::http::request::Parts;
pub use service::auth::*;
use std::net::{IpAddr, Ipv6Addr};
use store::{Session, SessionKind, User};

use crate::error::{AppError, ErrorCode};
use crate::state::{App, AppState};

/// The session cookie's name: `__Host-` prefixed when cookies are Secure (bound to this host and path).
pub fn session_cookie_name(app: &App) -> &'static str {
    if app.settings.cookie_secure { "__Host-azs" } else { "azs" }
}

/// The cookie of a sign-in waiting for its second factor.
pub fn pending_cookie_name(app: &App) -> &'static str {
    if app.settings.cookie_secure { "__Host-azp" } else { "azp" }
}

/// The anonymous CSRF cookie's name (double-submit for forms shown before sign-in).
pub fn csrf_cookie_name(app: &App) -> &'static str {
    if app.settings.cookie_secure { "__Host-azc" } else { "azc" }
}

/// How long the anonymous CSRF cookie lasts.
pub const CSRF_COOKIE_SECS: i64 = 86_400;

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` unless turned off for development.
pub fn cookie(app: &App, name: &str, value: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if app.settings.cookie_secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")).ok()
}

/// The network a client address counts under for rate limits: an IPv4 address itself; an IPv6 address
/// its /64 (a subscriber is given at least a /64 and picks any address in it, so counting addresses
/// would count nothing); an IPv4 address written as IPv6 (`::ffff:a.b.c.d`) as IPv4.
pub fn network(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => format!("{}/64", Ipv6Addr::from(u128::from(a) & (u128::MAX << 64))),
    }
}

/// The client's network, for rate limits ([`network`]): of the socket's peer (`unknown` in in-process
/// tests), or, when the peer is one of `trusted` (the service's own reverse proxies), of the nearest
/// address in `X-Forwarded-For` that is not a trusted proxy.
pub fn client_key(parts: &Parts, trusted: &[IpAddr]) -> String {
    let Some(peer) = parts.extensions.get::<ConnectInfo<std::net::SocketAddr>>().map(|ConnectInfo(a)| a.ip()) else {
        return "unknown".to_owned();
    };
    if !trusted.contains(&peer) {
        return network(peer);
    }
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    forwarded
        .iter()
        .rev()
        .filter_map(|a| a.parse::<IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .map_or_else(|| network(peer), network)
}

/// The device a request comes from (its `User-Agent`), kept with a session for its owner to recognise.
pub fn user_agent(headers: &axum::http::HeaderMap) -> &str {
    headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// The client's network, for rate limits ([`client_key`]).
pub struct Client(pub String);

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Client(client_key(parts, &app.settings.trusted_proxies)))
    }
}

/// The signed-in person of a browser request, if any (from the session cookie).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<(Session, User)>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let Some(secret) = crate::lang::cookie(parts, session_cookie_name(app)) else {
            return Ok(MaybeUser(None));
        };
        let now = app.clock.now().unix_timestamp();
        let found = app.store.session(&digest(&secret), now).await?;
        Ok(MaybeUser(found.filter(|(s, _)| s.kind == SessionKind::Cookie.as_str())))
    }
}

/// The person signed in with an app token (`Authorization: Bearer`); 401 without one. Cookies are not
/// accepted by the API, so API calls need no CSRF token.
#[derive(Debug, Clone)]
pub struct ApiUser {
    /// The session.
    pub session: Session,
    /// The user.
    pub user: User,
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::code(ErrorCode::Unauthorized))?;
        let now = app.clock.now().unix_timestamp();
        match app.store.session(&digest(token), now).await? {
            Some((session, user)) if session.kind == SessionKind::Bearer.as_str() => Ok(ApiUser { session, user }),
            _ => Err(AppError::code(ErrorCode::Unauthorized)),
        }
    }
}

#[cfg(test)]
mod tests {
    fn parts(peer: &str, forwarded: &[&str]) -> axum::http::request::Parts {
        let mut b = axum::http::Request::get("/");
        for f in forwarded {
            b = b.header("x-forwarded-for", *f);
        }
        let (mut parts, ()) = b.body(()).expect("request").into_parts();
        let addr: std::net::SocketAddr = format!("{peer}:4000").parse().expect("addr");
        parts.extensions.insert(axum::extract::ConnectInfo(addr));
        parts
    }

    #[test]
    fn the_client_is_the_peer_unless_the_peer_is_a_trusted_proxy() {
        let proxy: std::net::IpAddr = "10.0.0.1".parse().expect("ip");
        let edge: std::net::IpAddr = "10.0.0.2".parse().expect("ip");
        // Not behind a trusted proxy: a forged header is ignored.
        assert_eq!(super::client_key(&parts("203.0.113.9", &["198.51.100.1"]), &[proxy]), "203.0.113.9");
        // Behind two proxies: the nearest untrusted address, whatever the client prepended.
        let p = parts("10.0.0.1", &["198.51.100.1, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(super::client_key(&p, &[proxy, edge]), "203.0.113.7");
        // A trusted proxy with no header counts as itself.
        assert_eq!(super::client_key(&parts("10.0.0.1", &[]), &[proxy]), "10.0.0.1");
        let (no_peer, ()) = axum::http::Request::get("/").body(()).expect("request").into_parts();
        assert_eq!(super::client_key(&no_peer, &[proxy]), "unknown");
    }

    #[test]
    fn ipv4_counts_per_address_and_ipv6_per_64() {
        let key = |peer: &str| super::client_key(&parts(peer, &[]), &[]);
        assert_eq!(key("203.0.113.9"), "203.0.113.9");
        assert_ne!(key("203.0.113.9"), key("203.0.113.10"));
        // Two addresses of one /64 are one client; the next /64 is another.
        assert_eq!(key("[2001:db8:1:2::1]"), "2001:db8:1:2::/64");
        assert_eq!(key("[2001:db8:1:2:ffff:ffff:ffff:ffff]"), "2001:db8:1:2::/64");
        assert_eq!(key("[2001:db8:1:3::1]"), "2001:db8:1:3::/64");
        // IPv4 written as IPv6 is IPv4.
        assert_eq!(key("[::ffff:203.0.113.9]"), "203.0.113.9");
        // Behind a trusted proxy, the forwarded address is normalised the same way.
        let proxy: std::net::IpAddr = "10.0.0.1".parse().expect("ip");
        let p = parts("10.0.0.1", &["2001:db8:aa:bb:1:2:3:4"]);
        assert_eq!(super::client_key(&p, &[proxy]), "2001:db8:aa:bb::/64");
    }
}
