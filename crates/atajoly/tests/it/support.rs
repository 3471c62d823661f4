//! Test support: a fresh database per test on each backend, the app driven in-process, a fixed clock.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use store::Store;
use time::OffsetDateTime;
use tower::ServiceExt;

/// A fixed clock: 2026-11-24 10:00 in Astana.
pub struct FixedClock(pub OffsetDateTime);

impl service::Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

pub fn fixed_clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(time::macros::datetime!(2026-11-24 05:00 UTC)))
}

/// The role named `name` (tests name roles as the store keeps them).
pub fn role(name: &str) -> domain::account::Role {
    domain::account::Role::parse(name).unwrap_or_else(|| panic!("no role {name:?}"))
}

/// The PostgreSQL server tests use: `ATAJOLY_TEST_PG`, default the local one.
pub fn pg_url() -> String {
    std::env::var("ATAJOLY_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Which backends to run on: both; `ATAJOLY_TEST_BACKENDS=sqlite` narrows it locally. With `CI=true`
/// both are required and a missing PostgreSQL fails loudly.
pub fn backends() -> Vec<&'static str> {
    match std::env::var("ATAJOLY_TEST_BACKENDS").as_deref() {
        Ok("sqlite") if std::env::var("CI").as_deref() != Ok("true") => vec!["sqlite"],
        Ok("postgres") => vec!["postgres"],
        _ => vec!["sqlite", "postgres"],
    }
}

/// A store on `backend`, empty, in its own file or schema.
pub async fn fresh_store(backend: &str) -> (Arc<dyn Store>, Cleanup) {
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
pub enum Cleanup {
    File(std::path::PathBuf),
    Schema(String),
}

impl Cleanup {
    pub async fn run(self) {
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
pub struct TestApp {
    pub router: Router,
    pub state: service::AppState,
    pub backend: &'static str,
}

impl TestApp {
    pub async fn get(&self, uri: &str) -> TestResponse {
        self.request(Request::get(uri).body(Body::empty()).expect("request")).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut b = Request::get(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.request(b.body(Body::empty()).expect("request")).await
    }

    pub async fn post_json(&self, uri: &str, body: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut b = Request::post(uri).header("content-type", "application/json");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.request(b.body(Body::from(body.to_owned())).expect("request")).await
    }

    pub async fn post_json_auth(&self, uri: &str, body: &str, auth: &str) -> TestResponse {
        self.post_json(uri, body, &[("authorization", auth)]).await
    }

    /// Sends a request; every API answer is checked against the OpenAPI document on the way.
    pub async fn request(&self, req: Request<Body>) -> TestResponse {
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
pub struct TestResponse {
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

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// Settings for tests: cheaper argon2id (same algorithm), e-mail into a fresh directory.
pub fn test_settings() -> service::Settings {
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
pub async fn on_each_backend<F, Fut>(f: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    on_each_backend_with(test_settings, f).await;
}

/// Runs `f` against a freshly migrated app with `settings()` on every backend.
pub async fn on_each_backend_with<S, F, Fut>(settings: S, f: F)
where
    S: Fn() -> service::Settings,
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    on_each_backend_with_db(settings, |app, _| f(app)).await;
}

/// [`on_each_backend_with`], telling `f` where the database is (to open a second instance on it).
pub async fn on_each_backend_with_db<S, F, Fut>(settings: S, f: F)
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
pub fn python() -> String {
    if let Ok(p) = std::env::var("ATAJOLY_TEST_PYTHON") {
        return p;
    }
    let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/test-venv/bin/python");
    if std::path::Path::new(venv).exists() { venv.to_owned() } else { "python3".to_owned() }
}

/// A real SMTP server (aiosmtpd, `tests/smtp/server.py`) on a free port, recording what it receives.
pub struct SmtpServer {
    child: std::process::Child,
    pub port: u16,
    out: std::path::PathBuf,
}

impl SmtpServer {
    /// Starts the server; fails loudly when aiosmtpd is missing (run `scripts/install-test-deps.sh`).
    pub fn start() -> SmtpServer {
        SmtpServer::start_with(&[])
    }

    /// Starts the server with `args` after the port and the output (`tests/smtp/server.py`: a mode,
    /// `starttls` or `tls`, a certificate directory, credentials to require).
    pub fn start_with(args: &[&str]) -> SmtpServer {
        use std::io::BufRead as _;
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port();
        let out =
            std::env::temp_dir().join("atajoly-tests").join(format!("smtp-{}.jsonl", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(out.parent().expect("dir")).expect("temp dir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/smtp/server.py");
        let mut child = std::process::Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .arg(&out)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the test SMTP server with {} ({e}); run scripts/install-test-deps.sh", python())
            });
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line).expect("read");
        assert_eq!(
            line.trim(),
            "ready",
            "the test SMTP server did not start (is aiosmtpd installed? run scripts/install-test-deps.sh)"
        );
        SmtpServer { child, port, out }
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, decoded by Python's e-mail parser.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.out);
    }
}

/// The `token` query parameter of the first link in `text`.
pub fn link_token(text: &str) -> String {
    let start = text.find("token=").expect("a link with a token") + "token=".len();
    text[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

/// A real S3-compatible server over TLS (moto's standalone server, `python -m moto.server`, with a
/// self-signed certificate made by `tests/s3/moto_tls.py`) on a free port, with signature checking on:
/// its first three actions (unauthenticated) create an IAM user allowed everything and its access key,
/// which every later request must sign with. The service's client trusts the certificate through
/// `ATAJOLY_S3_CA_FILE`'s setting, never by turning verification off.
pub struct S3Server {
    child: std::process::Child,
    pub port: u16,
    pub access_key: String,
    pub secret_key: String,
    /// The server's certificate (PEM), the one root the client is told to trust.
    pub ca_file: std::path::PathBuf,
    dir: std::path::PathBuf,
}

/// `tests/s3/moto_tls.py`.
fn moto_tls() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/s3/moto_tls.py").to_owned()
}

/// Runs `tests/s3/moto_tls.py` with `args`; returns its output, fails loudly with its error.
fn run_moto_tls(args: &[&str]) -> String {
    let out = std::process::Command::new(python())
        .arg(moto_tls())
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {} with {} ({e}); run scripts/install-test-deps.sh", moto_tls(), python())
        });
    assert!(
        out.status.success(),
        "moto_tls.py {} failed (run scripts/install-test-deps.sh):\n{}",
        args.first().copied().unwrap_or_default(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8").trim().to_owned()
}

impl S3Server {
    /// Starts the server; fails loudly when moto or `cryptography` is missing (run
    /// `scripts/install-test-deps.sh`): with or without CI, an S3 test never skips.
    pub fn start() -> S3Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port();
        let dir = std::env::temp_dir().join("atajoly-tests").join(format!("moto-{}", uuid::Uuid::new_v4().simple()));
        run_moto_tls(&["cert", dir.to_str().expect("utf-8 path")]);
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        let log = std::fs::File::create(dir.join("log")).expect("log file");
        let child = std::process::Command::new(python())
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .arg("--ssl-cert")
            .arg(&cert)
            .arg("--ssl-key")
            .arg(&key)
            .env("INITIAL_NO_AUTH_ACTION_COUNT", "3")
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start moto's S3 server with {} ({e}); run scripts/install-test-deps.sh", python())
            });
        let mut server =
            S3Server { child, port, access_key: String::new(), secret_key: String::new(), ca_file: cert, dir };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "moto's S3 server exited ({status}; is moto[server] installed? run scripts/install-test-deps.sh):\n{}",
                    server.log_text()
                );
            }
            assert!(std::time::Instant::now() < deadline, "moto's S3 server did not start:\n{}", server.log_text());
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let ca = server.ca_file.to_str().expect("utf-8 path").to_owned();
        let keys: serde_json::Value =
            serde_json::from_str(&run_moto_tls(&["account", &server.endpoint(), &ca])).expect("keys as JSON");
        keys["access_key"].as_str().expect("access key").clone_into(&mut server.access_key);
        keys["secret_key"].as_str().expect("secret key").clone_into(&mut server.secret_key);
        server
    }

    /// `https://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// Settings for `bucket` with the server's credentials, trusting its certificate.
    pub fn settings(&self, bucket: &str) -> service::files::S3Settings {
        service::files::S3Settings {
            endpoint: self.endpoint(),
            region: "us-east-1".into(),
            bucket: bucket.into(),
            access_key: self.access_key.clone(),
            secret_key: self.secret_key.clone(),
            ca_file: Some(self.ca_file.clone()),
            allow_http: false,
        }
    }

    /// Makes the bucket (atajoly does not), through boto3.
    pub fn create_bucket(&self, bucket: &str) {
        self.boto(&["create-bucket", bucket]);
    }

    /// One S3 call through boto3 (an independent client), signed with the server's keys; its output.
    pub fn boto(&self, action: &[&str]) -> String {
        let (endpoint, ca) = (self.endpoint(), self.ca_file.to_str().expect("utf-8 path").to_owned());
        let mut args = vec!["s3", endpoint.as_str(), ca.as_str(), self.access_key.as_str(), self.secret_key.as_str()];
        args.extend_from_slice(action);
        run_moto_tls(&args)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A TOTP secret (Base32) sealed as the service stores it for the staff member with this address.
pub fn sealed_totp(app: &TestApp, email: &str) -> String {
    let secret = domain::totp::base32_decode(crate::cases::SECRET).expect("base32");
    service::secrets::seal_totp(&app.state.settings.secrets_keys, email, &secret).expect("seal")
}

/// The e-mail a job carries (its `to`, `subject` and `body`), opening a sealed one with the service's key.
pub fn mail(state: &service::App, job: &store::Job) -> serde_json::Value {
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
pub fn cli_config() -> atajoly::Config {
    let file = std::env::temp_dir().join(format!("atajoly-test-secrets-{}.key", std::process::id()));
    atajoly::Config { secrets_key_file: file.display().to_string(), ..atajoly::Config::default() }
}

/// Enrols through an enrolment link (its own password, the page's second factor confirmed with the code
/// of the step before now, so that the codes of now and later still sign in); the Base32 secret.
pub async fn enrol(app: &TestApp, link: &str, password: &str) -> String {
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

/// The EICAR anti-virus test string (harmless; every scanner is meant to report it), built from two
/// halves so that this source file itself is not reported.
pub fn eicar() -> Vec<u8> {
    [&b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$"[..], &b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"[..]].concat()
}

/// A real `ClamAV` daemon (Debian's `/usr/sbin/clamd`) on a free port, with a signature database made
/// here that knows the EICAR test file (no update server is reachable, and none is needed). Fails
/// loudly when clamd is missing (run `scripts/install-test-deps.sh`): a scan test never skips.
pub struct ClamdServer {
    child: Option<std::process::Child>,
    pub port: u16,
    dir: std::path::PathBuf,
}

impl ClamdServer {
    /// Starts clamd and waits until it answers `PING`.
    pub fn start() -> ClamdServer {
        let dir = std::env::temp_dir().join("atajoly-tests").join(format!("clamd-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(dir.join("db")).expect("clamd dir");
        let hex = hex::encode(eicar());
        std::fs::write(dir.join("db").join("atajoly-test.ndb"), format!("Atajoly.Test.EICAR:0:*:{hex}\n")).expect("db");
        let mut server = ClamdServer { child: None, port: 0, dir };
        server.spawn();
        server
    }

    fn spawn(&mut self) {
        let clamd = "/usr/sbin/clamd";
        assert!(
            std::path::Path::new(clamd).exists(),
            "{clamd} is missing: run scripts/install-test-deps.sh (it installs Debian's clamav-daemon)"
        );
        // A restart keeps the port: the service under test was told it once.
        let port = if self.port == 0 {
            std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port()
        } else {
            self.port
        };
        let conf = self.dir.join("clamd.conf");
        std::fs::write(
            &conf,
            format!(
                "Foreground yes\nDatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nStreamMaxLength 30M\nLogFile {}\n",
                self.dir.join("db").display(),
                self.dir.join("clamd.log").display()
            ),
        )
        .expect("clamd.conf");
        let child = std::process::Command::new(clamd)
            .arg(format!("--config-file={}", conf.display()))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {clamd} ({e}); run scripts/install-test-deps.sh"));
        self.child = Some(child);
        self.port = port;
        let deadline = std::time::Instant::now() + std::time::Duration::from_mins(1);
        loop {
            if let Some(Ok(Some(status))) = self.child.as_mut().map(std::process::Child::try_wait) {
                panic!("clamd exited ({status}):\n{}", self.log_text());
            }
            if self.pong() {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "clamd did not answer PING in 60 s:\n{}", self.log_text());
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    fn pong(&self) -> bool {
        use std::io::{Read as _, Write as _};
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else { return false };
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(2)));
        let mut answer = Vec::new();
        s.write_all(b"zPING\0").is_ok() && s.read_to_end(&mut answer).is_ok() && answer.starts_with(b"PONG")
    }

    /// Where the service reaches it.
    pub fn at(&self) -> service::files::ScannerAt {
        service::files::ScannerAt::Tcp(format!("127.0.0.1:{}", self.port))
    }

    /// Stops it (the scanner is down); [`ClamdServer::restart`] brings it back on the same port.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again after [`ClamdServer::stop`].
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(self.dir.join("clamd.log")).unwrap_or_default()
    }
}

impl Drop for ClamdServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The service on a real socket (SQLite), as `serve` runs it: its address, and a stop that shuts it
/// down and cleans up.
pub struct RealServer {
    pub addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<()>,
    cleanup: Cleanup,
}

impl RealServer {
    pub async fn start(limits: atajoly::Limits) -> RealServer {
        let (store, cleanup) = fresh_store("sqlite").await;
        atajoly::migrate(store.as_ref()).await.expect("migrate");
        let state = service::App::new(store, fixed_clock(), test_settings()).await.expect("app");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(atajoly::serve_http(listener, web::build_router(state), limits, async {
            let _ = stopped.await;
        }));
        RealServer { addr, stop, server, cleanup }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(std::time::Duration::from_secs(5), self.server).await.expect("shuts down").expect("task");
        self.cleanup.run().await;
    }
}
