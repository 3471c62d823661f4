//! Real servers the tests talk to: SMTP (aiosmtpd), an S3-compatible store over TLS (moto), `ClamAV`'s
//! daemon, and the service itself on a socket.

use crate::support::{Cleanup, fixed_clock, fresh_store, python, test_settings};

/// A real SMTP server (aiosmtpd, `tests/smtp/server.py`) on a free port, recording what it receives.
pub(crate) struct SmtpServer {
    child: std::process::Child,
    pub port: u16,
    out: std::path::PathBuf,
}

impl SmtpServer {
    /// Starts the server; fails loudly when aiosmtpd is missing (run `scripts/install-test-deps.sh`).
    pub(crate) fn start() -> SmtpServer {
        SmtpServer::start_with(&[])
    }

    /// Starts the server with `args` after the port and the output (`tests/smtp/server.py`: a mode,
    /// `starttls` or `tls`, a certificate directory, credentials to require).
    pub(crate) fn start_with(args: &[&str]) -> SmtpServer {
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
    pub(crate) fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, decoded by Python's e-mail parser.
    pub(crate) fn messages(&self) -> Vec<serde_json::Value> {
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

/// A real S3-compatible server over TLS (moto's standalone server, `python -m moto.server`, with a
/// self-signed certificate made by `tests/s3/moto_tls.py`) on a free port, with signature checking on:
/// its first three actions (unauthenticated) create an IAM user allowed everything and its access key,
/// which every later request must sign with. The service's client trusts the certificate through
/// `ATAJOLY_S3_CA_FILE`'s setting, never by turning verification off.
pub(crate) struct S3Server {
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
    pub(crate) fn start() -> S3Server {
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
    pub(crate) fn endpoint(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// Settings for `bucket` with the server's credentials, trusting its certificate.
    pub(crate) fn settings(&self, bucket: &str) -> service::files::S3Settings {
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
    pub(crate) fn create_bucket(&self, bucket: &str) {
        self.boto(&["create-bucket", bucket]);
    }

    /// One S3 call through boto3 (an independent client), signed with the server's keys; its output.
    pub(crate) fn boto(&self, action: &[&str]) -> String {
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

/// The EICAR anti-virus test string (harmless; every scanner is meant to report it), built from two
/// halves so that this source file itself is not reported.
pub(crate) fn eicar() -> Vec<u8> {
    [&b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$"[..], &b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"[..]].concat()
}

/// A real `ClamAV` daemon (Debian's `/usr/sbin/clamd`) on a free port, with a signature database made
/// here that knows the EICAR test file (no update server is reachable, and none is needed). Fails
/// loudly when clamd is missing (run `scripts/install-test-deps.sh`): a scan test never skips.
pub(crate) struct ClamdServer {
    child: Option<std::process::Child>,
    pub port: u16,
    dir: std::path::PathBuf,
}

impl ClamdServer {
    /// Starts clamd and waits until it answers `PING`.
    pub(crate) fn start() -> ClamdServer {
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
    pub(crate) fn at(&self) -> service::files::ScannerAt {
        service::files::ScannerAt::Tcp(format!("127.0.0.1:{}", self.port))
    }

    /// Stops it (the scanner is down); [`ClamdServer::restart`] brings it back on the same port.
    pub(crate) fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again after [`ClamdServer::stop`].
    pub(crate) fn restart(&mut self) {
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
pub(crate) struct RealServer {
    pub addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<()>,
    cleanup: Cleanup,
}

impl RealServer {
    pub(crate) async fn start(limits: atajoly::Limits) -> RealServer {
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

    pub(crate) async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(std::time::Duration::from_secs(5), self.server).await.expect("shuts down").expect("task");
        self.cleanup.run().await;
    }
}
