//! PostgreSQL over TLS: the database URL's `sslmode` and `sslrootcert` are honoured by the store's
//! connections (`docs/operations.md`). Checked against the test server when it has `ssl = on` (Debian's
//! default, with its snakeoil certificate), and against a stand-in server that refuses TLS.

use sqlx::Connection as _;

use crate::support::{pg_url, python};

/// `url` with `params` added to its query.
fn with(url: &str, params: &str) -> String {
    format!("{url}{}{params}", if url.contains('?') { '&' } else { '?' })
}

/// `url` with its host replaced by `host`.
fn at_host(url: &str, host: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (auth, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let (user, hostport) = auth.rsplit_once('@').map_or(("", auth), |(u, h)| (u, h));
    let port = hostport.rsplit_once(':').map_or("", |(_, p)| p);
    let user = if user.is_empty() { String::new() } else { format!("{user}@") };
    let port = if port.is_empty() { String::new() } else { format!(":{port}") };
    format!("{scheme}://{user}{host}{port}/{tail}")
}

/// Whether each connection of the application named `name` is over TLS, as the server sees it.
async fn tls_of(admin: &mut sqlx::PgConnection, name: &str) -> Vec<bool> {
    sqlx::query_scalar(
        "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid WHERE a.application_name = $1",
    )
    .bind(name)
    .fetch_all(admin)
    .await
    .expect("pg_stat_ssl")
}

/// Opens the store at `url` (the service's own connection pool) and says what the server saw.
async fn open_and_look(admin: &mut sqlx::PgConnection, url: &str) -> Result<Vec<bool>, String> {
    let name = format!("atajoly-tls-{}", uuid::Uuid::new_v4().simple());
    let store = store::open(&with(url, &format!("application_name={name}"))).await.map_err(|e| e.to_string())?;
    store.ping().await.expect("ping");
    let seen = tls_of(admin, &name).await;
    drop(store);
    Ok(seen)
}

#[tokio::test]
async fn sslmode_is_honoured_by_the_stores_connections() {
    let base = pg_url();
    let mut admin = sqlx::PgConnection::connect(&base).await.expect("PostgreSQL is required for the tests");
    let ssl: String = sqlx::query_scalar("SHOW ssl").fetch_one(&mut admin).await.expect("show ssl");
    if ssl != "on" {
        // A server without TLS (the shared test server is not reconfigured): `require` is refused.
        eprintln!("the test PostgreSQL has ssl = {ssl}: only the refusal of sslmode=require is checked");
        let e = open_and_look(&mut admin, &with(&base, "sslmode=require")).await.expect_err("no TLS");
        assert!(e.contains("TLS"), "{e}");
        return;
    }
    // require: encrypted, whatever the certificate; disable: in clear (so that the check can fail).
    let seen = open_and_look(&mut admin, &with(&base, "sslmode=require")).await.expect("require");
    assert!(!seen.is_empty() && seen.iter().all(|s| *s), "{seen:?}");
    let seen = open_and_look(&mut admin, &with(&base, "sslmode=disable")).await.expect("disable");
    assert!(!seen.is_empty() && seen.iter().all(|s| !*s), "{seen:?}");

    // verify-full with a root that did not sign the server's certificate: refused, password hidden.
    let dir = std::env::temp_dir().join("atajoly-tests").join(format!("pgca-{}", uuid::Uuid::new_v4().simple()));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/tls/cert.py");
    let made = std::process::Command::new(python()).arg(script).arg(&dir).status().expect("cert.py runs");
    assert!(made.success(), "{script} failed; run scripts/install-test-deps.sh");
    let other = dir.join("cert.pem");
    let url = with(&base, &format!("sslmode=verify-full&sslrootcert={}", other.display()));
    let e = open_and_look(&mut admin, &url).await.expect_err("a root that did not sign it");
    assert!(e.contains("UnknownIssuer"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);

    // The server's own certificate (self-signed, as Debian's snakeoil is) as the root.
    let cert_file: String = sqlx::query_scalar("SHOW ssl_cert_file").fetch_one(&mut admin).await.expect("show");
    let cert_file = std::path::Path::new(&cert_file);
    assert!(
        cert_file.is_absolute() && cert_file.exists(),
        "the server's certificate {} is not readable here: run the tests on the database's machine",
        cert_file.display()
    );
    let root = format!("sslrootcert={}", cert_file.display());
    // verify-full: the chain and the name. Debian's snakeoil certificate names localhost (the machine's
    // host name as the package was installed) and no IP address.
    let named = at_host(&base, "localhost");
    let seen =
        open_and_look(&mut admin, &with(&named, &format!("sslmode=verify-full&{root}"))).await.unwrap_or_else(|e| {
            panic!("verify-full to localhost with the server's certificate ({e}): does it name localhost?")
        });
    assert!(!seen.is_empty() && seen.iter().all(|s| *s), "{seen:?}");
    let ip = at_host(&base, "127.0.0.1");
    let e = open_and_look(&mut admin, &with(&ip, &format!("sslmode=verify-full&{root}")))
        .await
        .expect_err("the certificate does not name 127.0.0.1");
    assert!(e.contains("not valid for name \"127.0.0.1\""), "{e}");
    // verify-ca: the chain; the name too with sqlx 0.8.6 and rustls >= 0.23.24 (sqlx issue 3793, fixed
    // in sqlx 0.9): it fails closed, as verify-full does. When this changes, docs/operations.md must too.
    let seen = open_and_look(&mut admin, &with(&named, &format!("sslmode=verify-ca&{root}")))
        .await
        .expect("verify-ca with the server's certificate");
    assert!(!seen.is_empty() && seen.iter().all(|s| *s), "{seen:?}");
    let e = open_and_look(&mut admin, &with(&ip, &format!("sslmode=verify-ca&{root}"))).await;
    assert!(e.as_ref().is_err_and(|e| e.contains("not valid for name")), "{e:?}");
}

#[tokio::test]
async fn sslmode_require_is_refused_clearly_by_a_server_without_tls() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    // A stand-in for a PostgreSQL built without TLS: it answers the SSLRequest with 'N'.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut request = [0u8; 8];
        socket.read_exact(&mut request).await.expect("SSLRequest");
        socket.write_all(b"N").await.expect("answer");
        request
    });
    let url = format!("postgres://atajoly:secret@127.0.0.1:{port}/atajoly?sslmode=require");
    let e = store::open(&url).await.err().expect("refused").to_string();
    assert!(e.contains("server does not support TLS"), "{e}");
    assert!(e.contains("atajoly:***@127.0.0.1") && !e.contains("secret"), "{e}");
    // The SSLRequest: length 8, code 80877103.
    assert_eq!(server.await.expect("server"), [0, 0, 0, 8, 4, 210, 22, 47]);
}
