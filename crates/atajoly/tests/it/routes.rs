//! The route table (`web::routes::TABLE`) walked whole: every route, for every role, with and without a
//! CSRF token. A route missing from the table stops the router from being built; a table entry no
//! router serves fails here.

use domain::account::Role;
use domain::case::CaseAction;
use store::SessionKind;
use web::routes::{Allow, Route, TABLE};

use crate::applications::applicant;
use crate::support::{TestApp, TestResponse, on_each_backend};

/// Someone the walk sends requests as.
struct Who {
    name: &'static str,
    role: Option<Role>,
    /// The user (`None`: anonymous, or the case's applicant, made afresh with each case).
    user: Option<store::User>,
    cookie: String,
    csrf: String,
    bearer: String,
}

/// What a route's parameters stand for, made afresh where the route changes state.
struct World {
    case: i64,
    doc: i64,
    owner: store::User,
    card: Option<String>,
    police_check: i64,
    knb_check: i64,
    staff_target: i64,
    role_change: i64,
}

const STAFF: [(&str, &str, Option<&str>); 8] = [
    ("officer", "officer", Some("department-KZ-75")),
    ("officer elsewhere", "officer", Some("department-KZ-71")),
    ("supervisor", "supervisor", Some("department-KZ-75")),
    ("police", "checker_police", None),
    ("knb", "checker_knb", None),
    ("auditor", "auditor", None),
    ("administrator", "administrator", None),
    ("intermediary", "intermediary", Some("embassy-MN")),
];

async fn new_staff(app: &TestApp, email: &str, role: &str, office: Option<&str>) -> store::User {
    let u = store::NewUser { email: email.into(), password_hash: "x".into(), lang: "en".into(), now: 1 };
    app.state
        .store
        .create_staff(&u, crate::support::role(role), office, &crate::support::sealed_totp(app, email))
        .await
        .expect("q")
        .expect("new")
}

/// A cookie session and a bearer token for `user`, straight from the service (the sign-in itself is
/// tested elsewhere).
async fn sessions(app: &TestApp, user: &store::User) -> (String, String, String) {
    let (cookie, s) = service::auth::start_session(&app.state, user, SessionKind::Cookie, "walk").await.expect("s");
    let (bearer, _) = service::auth::start_session(&app.state, user, SessionKind::Bearer, "walk").await.expect("s");
    (format!("{}={cookie}", web::auth::session_cookie_name(&app.state)), s.csrf, format!("Bearer {bearer}"))
}

async fn who(app: &TestApp, name: &'static str, user: Option<store::User>) -> Who {
    match user {
        None => Who { name, role: None, user: None, cookie: String::new(), csrf: String::new(), bearer: String::new() },
        Some(u) => {
            let (cookie, csrf, bearer) = sessions(app, &u).await;
            Who { name, role: Some(u.role), user: Some(u), cookie, csrf, bearer }
        }
    }
}

static SERIAL: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(100);
static IIN_SERIAL: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(100);

/// A verified applicant made in the store, with a bearer token (sign-up itself is limited per client
/// and tested elsewhere).
async fn fresh_applicant(app: &TestApp, email: &str) -> (store::User, String) {
    let now = app.state.clock.now().unix_timestamp();
    let secret = service::auth::random_token().expect("token");
    let token = store::NewToken {
        token_hash: service::auth::digest(&secret),
        purpose: store::TokenPurpose::Verify,
        created_at: now,
        expires_at: now + 3600,
    };
    let u = store::NewUser { email: email.into(), password_hash: "x".into(), lang: "en".into(), now };
    app.state.store.create_user(&u, &token, &[]).await.expect("q").expect("new");
    app.state.store.verify_email(&token.token_hash, now, ("", "")).await.expect("verified");
    let user = app.state.store.user_by_email(email).await.expect("q").expect("u");
    let (bearer, _) = service::auth::start_session(&app.state, &user, SessionKind::Bearer, "walk").await.expect("s");
    (user, format!("Bearer {bearer}"))
}

/// A submitted case of a new applicant with its checks sent (and, with `card`, taken to a grant).
async fn world(app: &TestApp, card: bool) -> World {
    let n = SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (_, auth) = fresh_applicant(app, &format!("walk{n}@example.com")).await;
    let case = crate::applications::complete_draft(app, &auth, &format!("W{n:07}")).await;
    let r =
        crate::applications::send(app, "POST", &format!("/api/v1/applications/{case}/submit"), &auth, "", vec![], &[])
            .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let a = app.state.store.application(case).await.expect("q").expect("a");
    let owner = app.state.store.user_by_id(a.owner_id.expect("owner")).await.expect("q").expect("u");
    let officer = new_staff(app, &format!("o{n}@walk.kz"), "officer", Some("department-KZ-75")).await;
    service::cases::send_checks(&app.state, &officer, &a).await.expect("checks sent");
    let checks = app.state.store.checks(case).await.expect("checks");
    if card {
        for c in &checks {
            let role = if c.agency == "police" { "checker_police" } else { "checker_knb" };
            let checker = new_staff(app, &format!("{}{n}@walk.kz", c.agency), role, None).await;
            service::cases::answer_check(&app.state, &checker, c.id, "no_information", "R-1").await.expect("answer");
        }
        let (cookie, csrf, _) = sessions(app, &officer).await;
        // A serial of its own, skipping those that can have no check digit (more routes, more cases).
        let iin = loop {
            if let Some(iin) = crate::cases::checked_iin(IIN_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
            {
                break iin;
            }
        };
        let r =
            crate::applications::form(app, &format!("/cases/{case}/iin"), &[("csrf", &csrf), ("iin", &iin)], &cookie)
                .await;
        assert_eq!(r.status, 303, "IIN recorded: {}", r.body);
        crate::cases::accept_documents(app, case, &cookie, &csrf).await;
        let r = crate::applications::form(app, &format!("/cases/{case}/grant"), &[("csrf", &csrf)], &cookie).await;
        assert_eq!(r.status, 303, "granted: {}", r.body);
    }
    let check = |agency: &str| checks.iter().find(|c| c.agency == agency).map(|c| c.id).expect("a check");
    let target = new_staff(app, &format!("t{n}@walk.kz"), "officer", Some("department-KZ-75")).await;
    let proposer = new_staff(app, &format!("adm{n}@walk.kz"), "administrator", None).await;
    let role_change =
        match service::admin::update_staff(&app.state, &proposer, target.id, "supervisor", "department-KZ-75")
            .await
            .expect("proposed")
        {
            service::admin::RoleOutcome::Proposed(id) => id,
            service::admin::RoleOutcome::Applied => panic!("a supervisor's role waits for a second administrator"),
        };
    World {
        case,
        doc: app.state.store.documents(case).await.expect("docs")[0].id,
        owner,
        card: app.state.store.cards_of_application(case).await.expect("cards").first().map(|c| c.number.clone()),
        police_check: check("police"),
        knb_check: check("knb"),
        staff_target: target.id,
        role_change,
    }
}

/// The route's path with its parameters filled for `who`.
fn path(route: &Route, action: Option<CaseAction>, w: &World, who: &Who) -> String {
    let mut p = route.path.to_owned();
    let check = if who.role == Some(Role::CheckerKnb) { w.knb_check } else { w.police_check };
    let id = if route.path.starts_with("/checks/") || route.path.starts_with("/api/v1/checks/") {
        check.to_string()
    } else if route.path.starts_with("/admin/staff/") {
        w.staff_target.to_string()
    } else if route.path.starts_with("/admin/role-changes/") {
        w.role_change.to_string()
    } else if route.path.contains("/sessions/{id}") {
        String::from("SESSION")
    } else if route.path.starts_with("/api/v1/status-lists/") {
        "1".to_owned()
    } else {
        w.case.to_string()
    };
    for (k, v) in [
        ("{id}", id),
        ("{doc}", w.doc.to_string()),
        ("{number}", w.card.clone().unwrap_or_default()),
        ("{action}", action.map(|a| a.as_str().to_owned()).unwrap_or_default()),
        ("{step}", "names".to_owned()),
        ("{question}", "citizenship".to_owned()),
        ("{category}", "1".to_owned()),
        ("{key}", "1".to_owned()),
        ("{kind}", "countries".to_owned()),
        ("{seq}", "0".to_owned()),
        ("{n}", "1".to_owned()),
        ("{size}", "1".to_owned()),
        ("{file}", "site.css".to_owned()),
    ] {
        p = p.replace(k, &v);
    }
    p
}

/// Refused: not signed in, not allowed, or not found for this caller.
fn refused(r: &TestResponse) -> bool {
    matches!(r.status.as_u16(), 401 | 403 | 404)
        || (r.status == 303 && r.header("location").starts_with("/account/sign-in"))
}

async fn send(app: &TestApp, route: &Route, uri: &str, who: &Who, csrf: bool, registry_key: &str) -> TestResponse {
    let api = route.path.starts_with("/api/v1");
    let mut b = axum::http::Request::builder().method(route.method).uri(uri);
    if api {
        if matches!(route.allow, Allow::System(_)) && who.name == "registry" {
            b = b.header("authorization", format!("Bearer {registry_key}"));
        } else if !who.bearer.is_empty() {
            b = b.header("authorization", &who.bearer);
        }
        b = b.header("content-type", "application/json");
        return app.request(b.body(axum::body::Body::from("{}")).expect("request")).await;
    }
    if !who.cookie.is_empty() {
        b = b.header("cookie", &who.cookie);
    }
    let token = if csrf { who.csrf.as_str() } else { "" };
    let body = if route.method == "GET" {
        Vec::new()
    } else if route.path.ends_with("/documents") {
        let (ct, body) = crate::applications::multipart(
            &[("csrf", token), ("role", "passport")],
            Some(("a.pdf", b"%PDF-1.4\n%%EOF\n")),
        );
        b = b.header("content-type", ct);
        body
    } else {
        b = b.header("content-type", "application/x-www-form-urlencoded");
        format!("csrf={token}&note=x&office=department-KZ-71&reason=x").into_bytes()
    };
    app.request(b.body(axum::body::Body::from(body)).expect("request")).await
}

/// Who the rule lets through.
fn allowed(route: &Route, action: Option<CaseAction>, who: &Who) -> bool {
    match route.allow {
        Allow::Anyone => true,
        Allow::Owner => who.name == "owner",
        Allow::System(_) => who.name == "registry",
        Allow::Metrics => false,
        Allow::Case(None) => {
            who.role.is_some_and(|r| service::policy::allows(r, action.expect("an action")))
                && who.name != "officer elsewhere"
        }
        rule => {
            let roles = rule.roles().expect("a rule of roles");
            let office = match rule {
                // A case of KZ-75: staff of another office do not see it.
                Allow::View(service::policy::View::Case) | Allow::Case(_) => who.name != "officer elsewhere",
                _ => true,
            };
            who.role.is_some_and(|r| roles.contains(&r)) && office
        }
    }
}

#[tokio::test]
async fn every_route_is_in_the_table_and_the_table_is_served() {
    assert_eq!(web::route_table_gaps(), Vec::<String>::new(), "table entries no router serves");
    let mut seen = std::collections::BTreeSet::new();
    for r in TABLE {
        assert!(seen.insert((r.method, r.path)), "{} {} twice in the table", r.method, r.path);
        assert!(!(r.method != "GET" && !r.changes && r.path.starts_with("/api") && r.path != "/api/v1/eligibility"));
    }
}

/// Deny by default, walked from the table: for each route and each caller, the rule's callers get an
/// answer that is not a refusal, every other caller gets 303 (sign in), 401, 403 or 404 and changes
/// nothing; a form without its CSRF token is refused for everyone; nothing answers 500.
#[tokio::test]
async fn the_whole_route_table_walked_for_every_role() {
    on_each_backend(|app| async move {
        let mut anonymous = who(&app, "anonymous", None).await;
        // Forms shown before sign-in carry the anonymous CSRF cookie (double submit).
        (anonymous.cookie, anonymous.csrf) = crate::applications::sign_in_csrf(&app).await;
        let mut people = vec![anonymous];
        for (name, role, office) in STAFF {
            let u = new_staff(&app, &format!("{}@walk.kz", name.replace(' ', "-")), role, office).await;
            people.push(who(&app, name, Some(u)).await);
        }
        applicant(&app, "walk-other@example.com").await;
        let other = app.state.store.user_by_email("walk-other@example.com").await.expect("q").expect("u");
        people.push(who(&app, "other applicant", Some(other)).await);
        let now = app.state.clock.now().unix_timestamp();
        let registry_key =
            service::apikeys::add(app.state.store.as_ref(), "walk registry", service::cards::REGISTRY, 30, now)
                .await
                .expect("key")
                .1;
        people.push(who(&app, "registry", None).await);
        let shared = world(&app, true).await;
        let mut checked = 0;
        for route in TABLE {
            let actions: Vec<Option<CaseAction>> = if route.path.ends_with("{action}") {
                CaseAction::ALL.into_iter().map(Some).collect()
            } else {
                vec![None]
            };
            for action in actions {
                let fresh;
                let card_action = action.is_some_and(|a| a.as_str().starts_with("card"));
                let w = if route.changes {
                    fresh = world(&app, card_action || route.path.contains("{number}")).await;
                    &fresh
                } else {
                    &shared
                };
                let mut owner = who(&app, "owner", Some(w.owner.clone())).await;
                owner.name = "owner";
                // Another system calls the API only.
                let api = route.path.starts_with("/api/v1");
                let callers: Vec<&Who> =
                    people.iter().chain(std::iter::once(&owner)).filter(|c| api || c.name != "registry").collect();
                // Refused callers first (nothing may change), then the allowed ones.
                let mut order: Vec<&Who> = callers.iter().copied().filter(|c| !allowed(route, action, c)).collect();
                order.extend(callers.iter().copied().filter(|c| allowed(route, action, c)));
                for c in order {
                    let mut uri = path(route, action, w, c);
                    if uri.contains("SESSION") {
                        let own = match &c.user {
                            Some(u) => app
                                .state
                                .store
                                .sessions_of(u.id, app.state.clock.now().unix_timestamp())
                                .await
                                .expect("q"),
                            None => Vec::new(),
                        };
                        let id = own.first().map_or_else(|| "0000000000000000".into(), |s| s.id.clone());
                        uri = uri.replace("SESSION", &id);
                    }
                    let forms = route.method != "GET" && !route.path.starts_with("/api/v1");
                    let before = app.state.store.application(w.case).await.expect("q").expect("a").version;
                    if forms && !c.cookie.is_empty() {
                        let r = send(&app, route, &uri, c, false, &registry_key).await;
                        assert!(
                            refused(&r) || r.status == 403,
                            "{} {uri} as {} without its CSRF token: {}",
                            route.method,
                            c.name,
                            r.status
                        );
                        let after = app.state.store.application(w.case).await.expect("q").expect("a").version;
                        assert_eq!(before, after, "{} {uri} as {} without CSRF changed the case", route.method, c.name);
                    }
                    let r = send(&app, route, &uri, c, true, &registry_key).await;
                    assert!(r.status.as_u16() < 500, "{} {uri} as {}: {} {}", route.method, c.name, r.status, r.body);
                    let want = allowed(route, action, c);
                    if route.allow == Allow::Metrics {
                        // Behind its token or the machine itself: tested in `ops`.
                    } else if route.allow == Allow::Anyone {
                        assert!(
                            !matches!(r.status.as_u16(), 401 | 403),
                            "{} {uri} as {}: {}",
                            route.method,
                            c.name,
                            r.status
                        );
                    } else {
                        assert_eq!(
                            !refused(&r),
                            want,
                            "{} {uri} as {} ({:?}): {} {}",
                            route.method,
                            c.name,
                            route.allow,
                            r.status,
                            r.body.chars().take(300).collect::<String>()
                        );
                    }
                    if !want {
                        let after = app.state.store.application(w.case).await.expect("q").expect("a").version;
                        assert_eq!(before, after, "{} {uri} as {} changed the case", route.method, c.name);
                    }
                    checked += 1;
                }
                // Signing out or ending a session ends it: start the callers' sessions again.
                if route.path.contains("sign-out")
                    || route.path.contains("sessions")
                    || route.path.ends_with("auth/token")
                {
                    for p in &mut people {
                        if let Some(u) = &p.user {
                            let (cookie, csrf, bearer) = sessions(&app, u).await;
                            (p.cookie, p.csrf, p.bearer) = (cookie, csrf, bearer);
                        }
                    }
                }
            }
        }
        assert!(checked > 1500, "{checked} requests");
    })
    .await;
}
