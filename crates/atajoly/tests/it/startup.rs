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
