//! The route table: every route with its method, who may use it and whether it changes state. The
//! roles come from the service's one policy (`service::policy`), never written here a second time.
//!
//! The routers are built through [`Routes`], which refuses to start with a route missing from the
//! table, and [`gaps`] names a table entry no router serves. The integration suite walks the whole
//! table for every role, with and without a CSRF token (`tests/it/routes.rs`).

use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodRouter, delete, get, patch, post};
use domain::account::Role;
use domain::case::CaseAction;
use service::policy::{self, StaffAction, View};

use crate::state::AppState;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allow {
    /// Anyone, signed in or not: the guide, the screener, sign-in and sign-up forms, the public check,
    /// published keys, the audit log's hashes.
    Anyone,
    /// Anyone signed in, on their own account (their sessions, their data, their cards' list).
    SignedIn,
    /// Those who may start an application (`policy::FILERS`).
    Filer,
    /// Those who may take an application filed for them into their account (`policy::CLAIMERS`).
    Claimer,
    /// The applicant whose application or card it is; anyone else gets "not found".
    Owner,
    /// Staff whose role opens the view (`policy::view_roles`); case views only for the case's office.
    View(View),
    /// Staff whose role may take the case action (`policy::roles`); `None`: the action named in the
    /// path, each with its own roles.
    Case(Option<CaseAction>),
    /// Administrators' actions on staff and the calendar (`policy::staff_roles`).
    Staff(StaffAction),
    /// Another system, with an API key of this role (the citizenship registry).
    System(&'static str),
    /// The operator's metrics scraper, with the metrics token when one is set.
    Metrics,
}

impl Allow {
    /// The roles of signed-in people the rule lets through, if it is a rule of roles (`None`:
    /// anyone, the owner, a system or the scraper).
    pub fn roles(self) -> Option<&'static [Role]> {
        match self {
            Allow::SignedIn => Some(&Role::ALL),
            Allow::Filer => Some(policy::FILERS),
            Allow::Claimer => Some(policy::CLAIMERS),
            Allow::View(v) => Some(policy::view_roles(v)),
            Allow::Case(Some(a)) => Some(policy::roles(a)),
            Allow::Staff(a) => Some(policy::staff_roles(a)),
            Allow::Anyone | Allow::Owner | Allow::Case(None) | Allow::System(_) | Allow::Metrics => None,
        }
    }
}

/// One route.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    pub method: &'static str,
    /// The path as the router has it (`{id}` for a parameter).
    pub path: &'static str,
    /// Who may use it.
    pub allow: Allow,
    /// Whether it changes state (a form needs its CSRF token; the API needs its bearer token or key).
    pub changes: bool,
}

const fn r(method: &'static str, path: &'static str, allow: Allow, changes: bool) -> Route {
    Route { method, path, allow, changes }
}

use Allow::{Anyone, Filer, Owner, SignedIn};

const G: &str = "GET";
const P: &str = "POST";

/// Every route the service answers.
pub const TABLE: &[Route] = &[
    // The guide and the screener.
    r(G, "/", Anyone, false),
    r(G, "/rights", Anyone, false),
    r(G, "/categories", Anyone, false),
    r(G, "/categories/1", Anyone, false),
    r(G, "/categories/2", Anyone, false),
    r(G, "/apply", Anyone, false),
    r(G, "/contacts", Anyone, false),
    r(G, "/professions", Anyone, false),
    r(G, "/professions/{category}/{key}", Anyone, false),
    r(G, "/check", Anyone, false),
    r(G, "/check/answers", Anyone, false),
    r(G, "/check/result", Anyone, false),
    r(G, "/check/{question}", Anyone, false),
    r(G, "/api/docs", Anyone, false),
    // Trust: privacy notice, cookies, accessibility statement, feedback.
    r(G, "/privacy", Anyone, false),
    r(G, "/cookies", Anyone, false),
    r(G, "/accessibility", Anyone, false),
    r(G, "/feedback", Anyone, false),
    // Accounts: the forms shown before sign-in carry the anonymous CSRF cookie.
    r(G, "/account", SignedIn, false),
    r(G, "/account/sign-up", Anyone, false),
    r(P, "/account/sign-up", Anyone, true),
    r(G, "/account/check-email", Anyone, false),
    r(G, "/account/verify", Anyone, false),
    r(G, "/account/sign-in", Anyone, false),
    r(P, "/account/sign-in", Anyone, true),
    r(G, "/account/sign-in/code", Anyone, false),
    r(P, "/account/sign-in/code", Anyone, true),
    // Signing out ends the caller's own session, if any: anyone may.
    r(P, "/account/sign-out", Anyone, true),
    r(G, "/account/enrol", Anyone, false),
    r(P, "/account/enrol", Anyone, true),
    r(P, "/account/sessions/{id}/end", SignedIn, true),
    r(G, "/account/reset", Anyone, false),
    r(P, "/account/reset", Anyone, true),
    r(G, "/account/reset/new", Anyone, false),
    r(P, "/account/reset/new", Anyone, true),
    r(G, "/account/data.tar", SignedIn, false),
    // Applying.
    r(G, "/applications", SignedIn, false),
    r(P, "/applications", Filer, true),
    r(G, "/applications/deleted", Anyone, false),
    r(G, "/applications/{id}", Owner, false),
    r(G, "/applications/{id}/delete", Owner, false),
    r(P, "/applications/{id}/delete", Owner, true),
    r(G, "/applications/{id}/looks", Owner, false),
    r(G, "/applications/{id}/letters/{n}", Owner, false),
    r(G, "/applications/{id}/steps/{step}", Owner, false),
    r(P, "/applications/{id}/steps/{step}", Owner, true),
    r(G, "/applications/{id}/mrz", Owner, false),
    r(P, "/applications/{id}/mrz", Owner, true),
    r(G, "/applications/{id}/documents", Owner, false),
    r(P, "/applications/{id}/documents", Owner, true),
    r(G, "/applications/{id}/documents/{doc}", Owner, false),
    r(P, "/applications/{id}/documents/{doc}/delete", Owner, true),
    r(G, "/applications/{id}/check", Owner, false),
    r(P, "/applications/{id}/submit", Owner, true),
    r(G, "/applications/{id}/submitted", Owner, false),
    r(P, "/applications/{id}/respond", Owner, true),
    r(G, "/applications/{id}/hearing", Owner, false),
    r(P, "/applications/{id}/hearing", Owner, true),
    r(G, "/applications/{id}/complaint", Owner, false),
    r(P, "/applications/{id}/complaint", Owner, true),
    // Filed for someone: the receipt, the claim code (the filing office's), the card to print, the
    // office's shared inbox, the applicant's claim.
    r(G, "/applications/{id}/receipt", Owner, false),
    r(P, "/applications/{id}/claim-code", Owner, true),
    r(G, "/applications/{id}/card.pdf", Owner, false),
    r(G, "/office/inbox", Allow::View(View::OfficeInbox), false),
    r(G, "/claim", Allow::Claimer, false),
    r(P, "/claim", Allow::Claimer, true),
    // The card.
    r(G, "/account/cards", SignedIn, false),
    r(G, "/account/cards/{number}", Owner, false),
    r(G, "/account/cards/{number}/card.pdf", Owner, false),
    r(G, "/account/cards/{number}/qr.svg", Owner, false),
    r(G, "/account/cards/{number}/qr.png", Owner, false),
    r(P, "/account/cards/{number}/passport", Owner, true),
    r(G, "/verify", Anyone, false),
    r(P, "/verify", Anyone, true),
    // Case work.
    r(G, "/cases", Allow::View(View::Queue), false),
    r(G, "/cases/{id}", Allow::View(View::Case), false),
    r(G, "/cases/{id}/documents/{doc}", Allow::View(View::Case), false),
    r(G, "/cases/{id}/letters/{n}", Allow::View(View::Case), false),
    r(P, "/cases/{id}/confirm", Allow::Case(Some(CaseAction::Grant)), false),
    r(P, "/cases/{id}/{action}", Allow::Case(None), true),
    r(G, "/complaints", Allow::View(View::Complaints), false),
    r(G, "/checks", Allow::View(View::Checks), false),
    r(P, "/checks/{id}", Allow::View(View::Checks), true),
    r(G, "/dashboard", Allow::View(View::Dashboard), false),
    r(G, "/dashboard.csv", Allow::View(View::Dashboard), false),
    r(G, "/audit", Allow::View(View::Log), false),
    r(G, "/audit/entries/{seq}", Allow::View(View::Log), false),
    r(G, "/audit/export", Allow::View(View::Log), false),
    // Administration.
    r(G, "/admin", Allow::View(View::Admin), false),
    r(P, "/admin/staff", Allow::Staff(StaffAction::Create), true),
    r(P, "/admin/staff/{id}", Allow::Staff(StaffAction::ChangeRole), true),
    r(P, "/admin/staff/{id}/disable", Allow::Staff(StaffAction::Disable), true),
    r(P, "/admin/staff/{id}/enable", Allow::Staff(StaffAction::Enable), true),
    r(P, "/admin/role-changes/{id}", Allow::Staff(StaffAction::DecideRoleChange), true),
    r(P, "/admin/calendar", Allow::Staff(StaffAction::EditCalendar), true),
    // The JSON API (bearer tokens; cookies are not accepted, so it needs no CSRF token).
    r(G, "/api/v1/openapi.json", Anyone, false),
    r(G, "/api/v1/reference", Anyone, false),
    r(G, "/api/v1/reference/{kind}", Anyone, false),
    r(G, "/api/v1/reference/{kind}/versions", Anyone, false),
    r(G, "/api/v1/professions", Anyone, false),
    r(G, "/api/v1/professions/{category}/{key}", Anyone, false),
    r(P, "/api/v1/eligibility", Anyone, false),
    r(P, "/api/v1/accounts", Anyone, true),
    r(P, "/api/v1/accounts/verify", Anyone, true),
    r(P, "/api/v1/auth/token", Anyone, true),
    r("DELETE", "/api/v1/auth/token", SignedIn, true),
    r(P, "/api/v1/password-resets", Anyone, true),
    r(P, "/api/v1/password-resets/confirm", Anyone, true),
    r(G, "/api/v1/me", SignedIn, false),
    r(G, "/api/v1/me/inbox", SignedIn, false),
    r(G, "/api/v1/me/sessions", SignedIn, false),
    r(G, "/api/v1/me/data", SignedIn, false),
    r("DELETE", "/api/v1/me/sessions/{id}", SignedIn, true),
    r(G, "/api/v1/applications", SignedIn, false),
    r(P, "/api/v1/applications", Filer, true),
    r(G, "/api/v1/applications/{id}", Owner, false),
    r("DELETE", "/api/v1/applications/{id}", Owner, true),
    r("PATCH", "/api/v1/applications/{id}/answers", Owner, true),
    r(P, "/api/v1/applications/{id}/mrz", Owner, true),
    r(P, "/api/v1/applications/{id}/documents", Owner, true),
    r(G, "/api/v1/applications/{id}/documents/{doc}", Owner, false),
    r("DELETE", "/api/v1/applications/{id}/documents/{doc}", Owner, true),
    r(P, "/api/v1/applications/{id}/submit", Owner, true),
    r(G, "/api/v1/applications/{id}/events", Owner, false),
    r(G, "/api/v1/applications/{id}/letters", Owner, false),
    r(G, "/api/v1/applications/{id}/letters/{n}", Owner, false),
    r(G, "/api/v1/applications/{id}/looks", Owner, false),
    r(P, "/api/v1/applications/{id}/respond", Owner, true),
    r(P, "/api/v1/applications/{id}/claim-code", Owner, true),
    r(P, "/api/v1/claims", Allow::Claimer, true),
    r(G, "/api/v1/cases", Allow::View(View::Queue), false),
    r(G, "/api/v1/cases/{id}", Allow::View(View::Case), false),
    r(P, "/api/v1/cases/{id}/{action}", Allow::Case(None), true),
    r(G, "/api/v1/checks", Allow::View(View::Checks), false),
    r(P, "/api/v1/checks/{id}", Allow::View(View::Checks), true),
    r(G, "/api/v1/status-lists/{id}", Anyone, false),
    r(P, "/api/v1/verifications", Anyone, true),
    r(G, "/api/v1/me/cards", SignedIn, false),
    r(P, "/api/v1/me/cards/{number}/passport", Owner, true),
    r(P, "/api/v1/registry/citizenship", Allow::System(service::cards::REGISTRY), true),
    r(P, "/api/v1/registry/citizenship/withdrawals", Allow::System(service::cards::REGISTRY), true),
    r(G, "/api/v1/log/proofs/inclusion", Anyone, false),
    r(G, "/api/v1/log/proofs/consistency", Anyone, false),
    r(G, "/api/v1/log/checkpoints/{size}", Anyone, false),
    r(G, "/api/v1/log/entries", Allow::View(View::Log), false),
    r(G, "/api/v1/log/entries/{seq}", Allow::View(View::Log), false),
    r(G, "/api/v1/log/export", Allow::View(View::Log), false),
    // Published keys, the log's checkpoint, operations, assets.
    r(G, "/.well-known/atajoly/keys.cose", Anyone, false),
    r(G, "/.well-known/atajoly/jwks.json", Anyone, false),
    r(G, "/.well-known/atajoly/log/checkpoint", Anyone, false),
    r(G, "/.well-known/atajoly/log/vkey", Anyone, false),
    r(G, "/healthz", Anyone, false),
    r(G, "/readyz", Anyone, false),
    r(G, "/metrics", Allow::Metrics, false),
    r(G, "/assets/{file}", Anyone, false),
];

/// The table's entry for a method and path, if there is one.
pub fn find(method: &str, path: &str) -> Option<&'static Route> {
    TABLE.iter().find(|r| r.method == method && r.path == path)
}

/// A router built from the table: each route is registered with its method, and one missing from the
/// table stops the service at start (deny by default: no route without its rule).
pub struct Routes {
    prefix: &'static str,
    router: Router<AppState>,
    seen: Vec<(&'static str, String)>,
}

impl Routes {
    /// Routes mounted under `prefix` (`""` or `/api/v1`).
    #[must_use]
    pub fn new(prefix: &'static str) -> Self {
        Routes { prefix, router: Router::new(), seen: Vec::new() }
    }

    fn add(mut self, method: &'static str, path: &'static str, handler: MethodRouter<AppState>) -> Self {
        let full = format!("{}{path}", self.prefix);
        assert!(
            find(method, &full).is_some(),
            "{method} {full} is not in the route table (crates/web/src/routes.rs): add it with who may use it"
        );
        self.router = self.router.route(path, handler);
        self.seen.push((method, full));
        self
    }

    /// A `GET` route.
    #[must_use]
    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("GET", path, get(h))
    }

    /// A `POST` route.
    #[must_use]
    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("POST", path, post(h))
    }

    /// A `PATCH` route.
    #[must_use]
    pub fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PATCH", path, patch(h))
    }

    /// A `DELETE` route.
    #[must_use]
    pub fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("DELETE", path, delete(h))
    }

    /// What answers a path no route has.
    #[must_use]
    pub fn fallback<H: Handler<T, AppState>, T: 'static>(mut self, h: H) -> Self {
        self.router = self.router.fallback(h);
        self
    }

    /// Adds another set of routes (with the same prefix, or one nested under it).
    #[must_use]
    pub fn merge(mut self, other: Routes) -> Self {
        if other.prefix == self.prefix {
            self.router = self.router.merge(other.router);
        } else {
            let nested = other.prefix.strip_prefix(self.prefix).unwrap_or(other.prefix);
            self.router = self.router.nest(nested, other.router);
        }
        self.seen.extend(other.seen);
        self
    }

    /// The router.
    pub fn into_router(self) -> Router<AppState> {
        self.router
    }

    /// What was registered: method and whole path.
    pub fn registered(&self) -> &[(&'static str, String)] {
        &self.seen
    }
}

/// Table entries no router serves (the test fails on any).
pub fn gaps(routes: &Routes) -> Vec<String> {
    TABLE
        .iter()
        .filter(|r| !routes.registered().iter().any(|(m, p)| *m == r.method && p == r.path))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}
