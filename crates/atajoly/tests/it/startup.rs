//! The binary at start: an unreachable database is one line naming the URL, password hidden.

use std::process::Command;

#[test]
fn unreachable_database_is_one_clear_line_and_a_failure() {
    let out = Command::new(env!("CARGO_BIN_EXE_atajoly"))
        .arg("migrate")
        .env("ATAJOLY_DATABASE_URL", "postgres://app:s3cret@127.0.0.1:1/atajoly")
        .env("ATAJOLY_LOG_FORMAT", "text")
        .env("RUST_LOG", "off")
        .output()
        .expect("binary runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("postgres://app:***@127.0.0.1:1/atajoly"), "{err}");
    assert!(!err.contains("s3cret"), "{err}");
}

#[test]
fn check_data_and_config_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_atajoly")).arg("check-data").output().expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("profession_cat1 decree-1587-brochure-2023"));
    let out = Command::new(env!("CARGO_BIN_EXE_atajoly"))
        .arg("config")
        .env("ATAJOLY_DATABASE_URL", "postgres://app:s3cret@db/x")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("app:***@db") && !text.contains("s3cret"), "{text}");
    let bad = Command::new(env!("CARGO_BIN_EXE_atajoly"))
        .arg("config")
        .env("ATAJOLY_COOKIE_SECURE", "maybe")
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ATAJOLY_COOKIE_SECURE"));
}

/// The server loop: a client that sends its headers too slowly is cut off (slowloris), one over the
/// connection limit is closed at once, and every request knows its peer (loopback may read metrics).
#[tokio::test]
async fn slow_clients_are_cut_off_and_connections_are_limited() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let limits = atajoly::Limits {
        header_read_timeout: std::time::Duration::from_millis(500),
        max_connections: 3,
        drain: std::time::Duration::from_secs(2),
        ..atajoly::Limits::default()
    };
    let server = crate::servers::RealServer::start(limits).await;
    let addr = server.addr;
    // An honest request, from the machine itself: answered, and /metrics knows it is local.
    let mut c = tokio::net::TcpStream::connect(addr).await.expect("connect");
    c.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.expect("write");
    let mut answer = String::new();
    c.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // Half a request, then silence: the server hangs up after the header timeout.
    let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.expect("write");
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), slow.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "still open after 5 s: a slow client holds the connection");
    assert!(started.elapsed() < std::time::Duration::from_secs(4));
    // Three idle connections take every slot; a fourth is closed without an answer.
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(tokio::net::TcpStream::connect(addr).await.expect("connect"));
    }
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut extra = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await;
    let mut got = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), extra.read_to_end(&mut got)).await;
    assert!(got.is_empty(), "over the limit: {}", String::from_utf8_lossy(&got));
    drop(held);
    server.stop().await;
}
