//! A copy of the database, as a backup or a replica would hold it (SQLite's file with its write-ahead
//! log; PostgreSQL's `pg_dump`), searched byte for byte for every secret the service handed out: links,
//! session and app tokens, an API key, a second-factor secret. None is there; their hashes and sealed
//! forms are.

use crate::cases::{PASSWORD, staff};
use crate::support::{Cleanup, enrol, link_token, on_each_backend_with_db, pg_url, test_settings};

/// The whole database as bytes: the SQLite file and its `-wal`, or a plain-text `pg_dump` of the schema.
fn copy_of(db: &Cleanup) -> Vec<u8> {
    match db {
        Cleanup::File(p) => {
            let mut all = std::fs::read(p).expect("the database file");
            for suffix in ["-wal", "-journal"] {
                let side = std::path::PathBuf::from(format!("{}{suffix}", p.display()));
                if let Ok(more) = std::fs::read(side) {
                    all.extend(more);
                }
            }
            all
        }
        Cleanup::Schema(s) => {
            let out = std::process::Command::new("pg_dump")
                .args(["--no-owner", "--schema", s, "--dbname", &pg_url()])
                .output()
                .expect("pg_dump (Debian's postgresql-client) runs");
            assert!(out.status.success(), "pg_dump: {}", String::from_utf8_lossy(&out.stderr));
            out.stdout
        }
    }
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_raw_copy_of_the_database_holds_no_secret_that_was_handed_out() {
    on_each_backend_with_db(test_settings, |app, db| async move {
        let mut secrets: Vec<(&str, Vec<u8>)> = Vec::new();
        // An applicant's verification link and app token; a reset link.
        let body = format!(r#"{{"email":"copy@example.com","password":"{PASSWORD}"}}"#);
        assert_eq!(app.post_json("/api/v1/accounts", &body, &[]).await.status, 202);
        let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
        let verify = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
        let r = app.post_json("/api/v1/accounts/verify", &format!(r#"{{"token":"{verify}"}}"#), &[]).await;
        assert_eq!(r.status, 200);
        secrets.push(("verification link", verify.into_bytes()));
        let bearer = crate::applications::bearer(&app, "copy@example.com").await;
        secrets.push(("app token", bearer.trim_start_matches("Bearer ").as_bytes().to_vec()));
        let r = app.post_json("/api/v1/password-resets", r#"{"email":"copy@example.com"}"#, &[]).await;
        assert_eq!(r.status, 202);
        let job = app.state.store.jobs_in_state("pending").await.expect("jobs").pop().expect("job");
        let reset = link_token(crate::support::mail(&app.state, &job)["body"].as_str().expect("body"));
        secrets.push(("reset link", reset.into_bytes()));
        // A member of staff: the enrolment link, the second factor they set, a browser session.
        let (admin, acsrf) = staff(&app, "copy-admin@gov.kz", "administrator", None).await;
        secrets.push(("administrator's session", admin.split_once('=').expect("cookie").1.as_bytes().to_vec()));
        let link = crate::staff::new_officer_link(&app, &admin, &acsrf, "copy-officer@kz75.kz").await;
        secrets.push(("enrolment link", link_token(&link).into_bytes()));
        let totp = enrol(&app, &link, PASSWORD).await;
        let raw = domain::totp::base32_decode(&totp).expect("base32");
        secrets.push(("second factor (Base32)", totp.clone().into_bytes()));
        secrets.push(("second factor (hex)", hex::encode(&raw).into_bytes()));
        secrets.push(("second factor (bytes)", raw));
        // Another system's API key.
        let now = app.state.clock.now().unix_timestamp();
        let (_, key) = service::apikeys::add(app.state.store.as_ref(), "registry", service::cards::REGISTRY, 30, now)
            .await
            .expect("key");
        secrets.push(("API key", key.clone().into_bytes()));

        let copy = copy_of(&db);
        // The copy is the real thing: it holds what is kept in clear, and the tokens' hashes.
        assert!(holds(&copy, b"copy-officer@kz75.kz"), "the copy does not hold the staff member's address");
        let hash = service::auth::digest(&key);
        assert!(holds(&copy, hash.as_bytes()), "the copy does not hold the API key's hash");
        for (what, secret) in &secrets {
            assert!(secret.len() >= 16, "{what}: too short to search for");
            assert!(!holds(&copy, secret), "a copy of the {} database holds the {what}", app.backend);
        }
    })
    .await;
}
