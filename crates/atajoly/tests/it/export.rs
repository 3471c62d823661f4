//! The applicant's export: everything kept about them as one archive, read back by an independent
//! implementation (Python's `tarfile`).

use serde_json::Value;
use sha2::Digest as _;

use crate::applications::{PDF, applicant, good_answers, page_session, patch, send, upload};
use crate::support::on_each_backend;

/// Reads a tar archive with Python's `tarfile` (an independent implementation): each member's name,
/// size and SHA-256, and `data.json` parsed.
pub fn python_tar(bytes: &[u8]) -> Value {
    use std::io::Write as _;
    let script = r#"
import sys, tarfile, io, json, hashlib
t = tarfile.open(fileobj=io.BytesIO(sys.stdin.buffer.read()), mode="r:")
out = {"members": [], "data": None}
for m in t.getmembers():
    b = t.extractfile(m).read()
    out["members"].append({"name": m.name, "size": m.size, "sha256": hashlib.sha256(b).hexdigest(), "regular": m.isreg()})
    if m.name == "data.json":
        out["data"] = json.loads(b)
print(json.dumps(out))
"#;
    let mut child = std::process::Command::new(crate::support::python())
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python");
    child.stdin.take().expect("stdin").write_all(bytes).expect("write");
    let out = child.wait_with_output().expect("python");
    assert!(out.status.success(), "tarfile could not read the archive: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[tokio::test]
async fn an_applicant_downloads_everything_kept_about_them_as_one_archive() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "mine@example.com").await;
        let other = applicant(&app, "other@example.com").await;
        let id =
            send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"].as_i64().expect("id");
        assert_eq!(patch(&app, &auth, id, &good_answers()).await.status, 200);
        let jpeg = [&crate::images::jpeg(16, 8)[..], &[0u8; 700][..]].concat();
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("passport.pdf", PDF)).await.status, 201);
        assert_eq!(upload(&app, &auth, id, "passport", &[], ("page2.jpg", &jpeg)).await.status, 201);
        let theirs = send(&app, "POST", "/api/v1/applications", &other, "", vec![], &[]).await.json()["id"]
            .as_i64()
            .expect("id");
        assert_eq!(upload(&app, &other, theirs, "passport", &[], ("theirs.pdf", PDF)).await.status, 201);

        let r = app.get_with("/api/v1/me/data", &[("authorization", &auth)]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("content-type"), "application/x-tar");
        assert_eq!(r.header("cache-control"), "private, no-store");
        assert!(r.header("content-disposition").starts_with("attachment; filename=\"atajoly-data-"));
        assert_eq!(r.header("content-length"), r.raw.len().to_string(), "the length is announced right");
        let tar = python_tar(&r.raw);
        let data = &tar["data"];
        assert_eq!(data["account"]["email"], "mine@example.com");
        assert!(data["account"].get("password_hash").is_none());
        let apps = data["applications"].as_array().expect("applications");
        assert_eq!(apps.len(), 1, "only the person's own applications: {apps:?}");
        assert_eq!(apps[0]["answers"]["surname_kk"], "Беков");
        assert_eq!(apps[0]["history"][0]["action"], "create");
        assert!(apps[0]["history"][0].get("actor_id").is_none(), "no staff ids");
        let docs = apps[0]["documents"].as_array().expect("documents");
        assert_eq!(docs.len(), 2);
        let members = tar["members"].as_array().expect("members");
        for (d, original) in docs.iter().zip([Some(PDF), None]) {
            let m = members.iter().find(|m| m["name"] == d["file"]).unwrap_or_else(|| panic!("{d} not in {members:?}"));
            if let Some(bytes) = original {
                assert_eq!(m["sha256"], hex::encode(sha2::Sha256::digest(bytes)), "the file decrypted, byte for byte");
            } else {
                assert_ne!(m["sha256"], hex::encode(sha2::Sha256::digest(&jpeg)), "the image as written anew");
            }
            assert_eq!(m["sha256"], d["sha256"], "and as recorded");
        }
        assert_eq!(members.len(), 3, "data.json and the two files: {members:?}");
        // The page: the same archive, from the account page's link.
        let (cookie, _) = page_session(&app, "mine@example.com").await;
        let home = app.get_with("/account", &[("cookie", &cookie)]).await;
        assert!(home.body.contains("href=\"/account/data.tar\""), "{}", home.body);
        let r = app.get_with("/account/data.tar", &[("cookie", &cookie)]).await;
        assert_eq!(r.status, 200);
        assert_eq!(python_tar(&r.raw)["members"].as_array().map(Vec::len), Some(3));
        // Nobody else's, and not without signing in.
        assert_eq!(app.get("/api/v1/me/data").await.status, 401);
        assert_eq!(app.get("/account/data.tar").await.status, 303);
        let r = app.get_with("/api/v1/me/data", &[("authorization", &other)]).await;
        let theirs = python_tar(&r.raw);
        assert_eq!(theirs["data"]["account"]["email"], "other@example.com");
        assert_eq!(theirs["data"]["applications"].as_array().map(Vec::len), Some(1));
    })
    .await;
}
