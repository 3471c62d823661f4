//! Test support: a fresh database per test on each backend, the app driven in-process, a fixed clock.
//! The real servers (SMTP, S3, clamd, the service on a socket) are in `servers.rs`.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use store::Store;
use time::OffsetDateTime;
use tower::ServiceExt;

/// A fixed clock: 2026-11-24 10:00 in Astana.
pub(crate) struct FixedClock(pub OffsetDateTime);

impl service::Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

pub(crate) fn fixed_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(time::macros::datetime!(2026-11-24 05:00 UTC)))
}

/// The role named `name` (tests name roles as the store keeps them).
pub(crate) fn role(name: &str) -> domain::account::Role {
    domain::account::Role::parse(name).unwrap_or_else(|| panic!("no role {name:?}"))
}

/// The PostgreSQL server tests use: `ATAJOLY_TEST_PG`, default the local one.
pub(crate) fn pg_url() -> String {
    std::env::var("ATAJOLY_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Which backends to run on: both; `ATAJOLY_TEST_BACKENDS=sqlite` narrows it locally. With `CI=true`
/// both are required and a missing PostgreSQL fails loudly.
pub(crate) fn backends() -> Vec<&'static str> {
    match std::env::var("ATAJOLY_TEST_BACKENDS").as_deref() {
        Ok("sqlite") if std::env::var("CI").as_deref() != Ok("true") => vec!["sqlite"],
        Ok("postgres") => vec!["postgres"],
        _ => vec!["sqlite", "postgres"],
    }
}

/// A store on `backend`, empty, in its own file or schema.
pub(crate) async fn fresh_store(backend: &str) -> (Arc<dyn Store>, Cleanup) {
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    if backend == "postgres" {
        {
            let store = store::PgStore::connect(&pg_url(), Some(&name)).await.unwrap_or_else(|e| {
                panic!("PostgreSQL is required for the tests ({e}); set ATAJOLY_TEST_PG or start it")
            });
            (Arc::new(store), Cleanup::Schema(name))
        }
    } else {
        {
            let dir = std::env::temp_dir().join("atajoly-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{name}.db"));
            let store =
                store::SqliteStore::connect(&format!("sqlite://{}", path.display())).await.expect("sqlite opens");
            (Arc::new(store), Cleanup::File(path))
        }
    }
}

/// What to remove after a test (and where the test's database is).
#[derive(Clone)]
pub(crate) enum Cleanup {
    File(std::path::PathBuf),
    Schema(String),
}

impl Cleanup {
    pub(crate) async fn run(self) {
        match self {
            Cleanup::File(p) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
                }
            }
            Cleanup::Schema(s) => {
                if let Ok(mut c) = <sqlx::PgConnection as sqlx::Connection>::connect(&pg_url()).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {s} CASCADE")).execute(&mut c).await;
                }
            }
        }
    }
}

/// A migrated app on `backend`.
pub(crate) struct TestApp {
    pub router: Router,
    pub state: service::AppState,
    pub backend: &'static str,
}

impl TestApp {
    pub(crate) async fn get(&self, uri: &str) -> TestResponse {
        self.request(Request::get(uri).body(Body::empty()).expect("request")).await
    }

    pub(crate) async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut b = Request::get(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.request(b.body(Body::empty()).expect("request")).await
    }

    pub(crate) async fn post_json(&self, uri: &str, body: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut b = Request::post(uri).header("content-type", "application/json");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.request(b.body(Body::from(body.to_owned())).expect("request")).await
    }

    pub(crate) async fn post_json_auth(&self, uri: &str, body: &str, auth: &str) -> TestResponse {
        self.post_json(uri, body, &[("authorization", auth)]).await
    }

    /// Sends a request; every API answer is checked against the OpenAPI document on the way.
    pub(crate) async fn request(&self, req: Request<Body>) -> TestResponse {
        let (method, path) = (req.method().to_string(), req.uri().path().to_owned());
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let res = TestResponse::read(res).await;
        // Every 429, of a page or the API, says when to try again.
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(
                res.header("retry-after").parse::<u64>().is_ok_and(|s| s >= 1),
                "{method} {path}: 429 without Retry-After"
            );
        }
        crate::openapi::check(&method, &path, res.status.as_u16(), res.header("content-type"), &res.raw);
        res
    }
}

/// A response with its body read.
pub(crate) struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body's bytes as sent (`body` is their lossy UTF-8 reading).
    pub raw: Vec<u8>,
}

impl TestResponse {
    async fn read(res: Response<Body>) -> TestResponse {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), raw: bytes.to_vec() }
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// Settings for tests: cheaper argon2id (same algorithm), e-mail into a fresh directory.
pub(crate) fn test_settings() -> service::Settings {
    let outbox = std::env::temp_dir().join("atajoly-tests").join(format!("outbox-{}", uuid::Uuid::new_v4().simple()));
    service::Settings {
        hash: service::auth::HashParams { m_cost: 1024, t_cost: 1, p_cost: 1 },
        public_url: "https://atajoly.test".into(),
        metrics_token: Some("test-metrics-token".into()),
        mail: service::mail::MailSettings { outbox_dir: outbox.clone(), ..service::mail::MailSettings::default() },
        files: service::files::Location::Dir(outbox.with_file_name(format!("files-{}", uuid::Uuid::new_v4().simple()))),
        keys_dir: outbox.with_file_name(format!("keys-{}", uuid::Uuid::new_v4().simple())),
        base_calendar: std::sync::Arc::new(atajoly::calendar().expect("calendar data")),
        files_keys: service::files::FileKeys::single(
            1,
            *uuid::Uuid::new_v4().as_bytes().repeat(2).first_chunk::<32>().expect("32"),
        ),
        ..service::Settings::default()
    }
}

/// Runs `f` against a freshly migrated app on every backend.
pub(crate) async fn on_each_backend<F, Fut>(f: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    on_each_backend_with(test_settings, f).await;
}

/// Runs `f` against a freshly migrated app with `settings()` on every backend.
pub(crate) async fn on_each_backend_with<S, F, Fut>(settings: S, f: F)
where
    S: Fn() -> service::Settings,
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    on_each_backend_with_db(settings, |app, _| f(app)).await;
}

/// [`on_each_backend_with`], telling `f` where the database is (to open a second instance on it).
pub(crate) async fn on_each_backend_with_db<S, F, Fut>(settings: S, f: F)
where
    S: Fn() -> service::Settings,
    F: Fn(TestApp, Cleanup) -> Fut,
    Fut: Future<Output = ()>,
{
    use futures_util::FutureExt as _;
    let mut failed = Vec::new();
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        let run = async {
            atajoly::migrate(store.as_ref()).await.expect("migrate");
            let state = service::App::new(store, fixed_clock(), settings()).await.expect("state");
            let router = web::build_router(state.clone());
            f(TestApp { router, state, backend }, cleanup.clone()).await;
        };
        // Each backend runs to its end: a failure on one is reported with its name, and the other
        // still runs, so that a run tells which backends fail.
        if std::panic::AssertUnwindSafe(run).catch_unwind().await.is_err() {
            failed.push(backend);
        }
        cleanup.run().await;
    }
    assert!(failed.is_empty(), "failed on {} (the panic of each is printed above)", failed.join(" and "));
}

/// The Python that runs test helpers: `ATAJOLY_TEST_PYTHON`, else the venv `scripts/install-test-deps.sh`
/// makes, else `python3`.
pub(crate) fn python() -> String {
    if let Ok(p) = std::env::var("ATAJOLY_TEST_PYTHON") {
        return p;
    }
    let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/test-venv/bin/python");
    if std::path::Path::new(venv).exists() { venv.to_owned() } else { "python3".to_owned() }
}

/// The `token` query parameter of the first link in `text`.
pub(crate) fn link_token(text: &str) -> String {
    let start = text.find("token=").expect("a link with a token") + "token=".len();
    text[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

/// A TOTP secret (Base32) sealed as the service stores it for the staff member with this address.
pub(crate) fn sealed_totp(app: &TestApp, email: &str) -> String {
    let secret = domain::totp::base32_decode(crate::cases::SECRET).expect("base32");
    service::secrets::seal_totp(&app.state.settings.secrets_keys, email, &secret).expect("seal")
}

/// The e-mail a job carries (its `to`, `subject` and `body`), opening a sealed one with the service's key.
pub(crate) fn mail(state: &service::App, job: &store::Job) -> serde_json::Value {
    match job.payload.get("sealed") {
        Some(serde_json::Value::String(s)) => {
            // Sealed by the command line under its own key file: not this service's to open.
            service::secrets::open(&state.settings.secrets_keys, service::secrets::MAIL_PLACE, s)
                .ok()
                .and_then(|clear| serde_json::from_slice(&clear).ok())
                .unwrap_or_else(|| serde_json::json!({ "to": "", "subject": "", "body": "" }))
        }
        Some(_) => serde_json::json!({ "to": "", "subject": "", "body": "" }),
        None => job.payload.clone(),
    }
}

/// A configuration for the command line's staff tasks, with its own secrets key file.
pub(crate) fn cli_config() -> atajoly::Config {
    let file = std::env::temp_dir().join(format!("atajoly-test-secrets-{}.key", std::process::id()));
    atajoly::Config { secrets_key_file: file.display().to_string(), ..atajoly::Config::default() }
}

/// Enrols through an enrolment link (its own password, the page's second factor confirmed with the code
/// of the step before now, so that the codes of now and later still sign in); the Base32 secret.
pub(crate) async fn enrol(app: &TestApp, link: &str, password: &str) -> String {
    let token = link_token(link);
    let page = service::enrol::page(&app.state, &token, None).await.expect("enrolment page");
    let secret = domain::totp::base32_decode(&page.secret).expect("base32");
    let step = app.state.clock.now().unix_timestamp() / 30 - 1;
    let code = format!("{:06}", domain::totp::hotp(&secret, u64::try_from(step).expect("step")));
    let form =
        service::enrol::EnrolForm { token: &token, password, confirm: password, sealed: &page.sealed, code: &code };
    service::enrol::finish(&app.state, form, "test").await.expect("enrolled");
    page.secret
}

/// Gives the citizenship registry its API key (valid until 2100) and returns the bearer token.
pub(crate) async fn registry_key(app: &TestApp) -> &'static str {
    let token = "azk_0123456789abcdef0123456789abcdef";
    app.state
        .store
        .add_api_key("Citizenship registry", "registry", &service::auth::digest(token), 1, 4_102_444_800)
        .await
        .expect("key");
    token
}
