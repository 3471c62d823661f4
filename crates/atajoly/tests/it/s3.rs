//! The file store on a real S3-compatible server over TLS (moto, with signatures checked, behind a
//! self-signed certificate the client is told to trust): multipart uploads, streamed reads, aborts,
//! files bound to their document, refused credentials, a missing bucket, an untrusted certificate.
//! No database.

use object_store::{ObjectStoreExt as _, PutPayload};
use service::files::{FileKeys, FileRef, FileStore, Location, StoreFileError};
use sha2::Digest as _;

use crate::servers::S3Server;

/// `len` deterministic bytes that differ everywhere (a misplaced or repeated part would show).
fn pattern(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

fn sha(data: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(data))
}

fn keys() -> FileKeys {
    FileKeys::single(1, [42u8; 32])
}

/// A checked store on a new bucket of `server`.
async fn store(server: &S3Server, bucket: &str) -> FileStore {
    server.create_bucket(bucket);
    FileStore::connect(&Location::S3(server.settings(bucket)), keys()).await.expect("the bucket answers over TLS")
}

async fn put(store: &FileStore, file: FileRef<'_>, data: &[u8], piece: usize) {
    let mut w = store.create(file).await.expect("create");
    for c in data.chunks(piece) {
        w.write(c).await.expect("write");
    }
    w.finish().await.expect("finish");
}

#[tokio::test]
async fn a_12_mib_file_goes_up_sealed_in_three_parts_and_comes_back_streamed() {
    let server = S3Server::start();
    let files = store(&server, "atajoly-files").await;
    let data = pattern(12 * 1024 * 1024);
    let key = FileStore::new_key().expect("key");
    let file = FileRef { application_id: 11, key: &key };
    put(&files, file, &data, 1_000_003).await;

    // In the bucket under its key, sealed: moto reports a multipart object's ETag as
    // "<md5 of the part md5s>-<parts>", and 12 MiB with headers and tags is three 5 MiB parts.
    let etag = server.boto(&["etag", "atajoly-files", &key]);
    assert!(etag.ends_with("-3\""), "expected a three-part ETag, got {etag}");
    let raw = files.objects().get(&files.path(&key).expect("path")).await.expect("get").bytes().await.expect("bytes");
    assert_eq!(raw.len(), 15 + data.len() + data.len().div_ceil(65_536) * 16);
    assert!(!raw.windows(32).any(|w| w == &data[1000..1032]), "sealed at rest");

    let mut reader = files.open(file, &sha(&data)).await.expect("open");
    let mut back = Vec::with_capacity(data.len());
    let mut chunks = 0;
    while let Some(c) = reader.next_chunk().await.expect("chunk") {
        assert!(c.len() <= 65_536, "a chunk at a time");
        back.extend_from_slice(&c);
        chunks += 1;
    }
    assert_eq!(chunks, 192);
    assert!(back == data, "the file read back differs from the one stored");

    // A small file is one part; removing is final; removing again is fine.
    let small = FileStore::new_key().expect("key");
    put(&files, FileRef { application_id: 11, key: &small }, b"%PDF-1.7 small", 5).await;
    files.remove(&key).await;
    assert!(matches!(files.open(file, &sha(&data)).await, Err(StoreFileError::Missing { .. })));
    files.remove(&key).await;
    assert_eq!(server.boto(&["keys", "atajoly-files"]), format!("[\"{small}\"]"));
}

#[tokio::test]
async fn an_aborted_upload_leaves_no_object_and_no_parts() {
    let server = S3Server::start();
    let files = store(&server, "atajoly-aborts").await;
    let key = FileStore::new_key().expect("key");
    let mut w = files.create(FileRef { application_id: 1, key: &key }).await.expect("create");
    w.write(&pattern(6 * 1024 * 1024)).await.expect("write (one part sent)");
    w.abort().await.expect("abort");
    // Dropped unfinished: aborted in the background.
    let dropped = FileStore::new_key().expect("key");
    let mut w = files.create(FileRef { application_id: 1, key: &dropped }).await.expect("create");
    w.write(&pattern(6 * 1024 * 1024)).await.expect("write");
    drop(w);
    let mut uploads = String::new();
    for _ in 0..50 {
        uploads = server.boto(&["uploads", "atajoly-aborts"]);
        if uploads == "0" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(uploads, "0", "no incomplete multipart upload is left");
    assert_eq!(server.boto(&["keys", "atajoly-aborts"]), "[]", "no object");
}

#[tokio::test]
async fn a_sealed_file_copied_under_another_documents_key_is_refused() {
    let server = S3Server::start();
    let files = store(&server, "atajoly-moves").await;
    let data = pattern(200_000);
    let (a, b) = (FileStore::new_key().expect("key"), FileStore::new_key().expect("key"));
    put(&files, FileRef { application_id: 4, key: &a }, &data, 65_536).await;
    let sealed = files.objects().get(&files.path(&a).expect("path")).await.expect("get").bytes().await.expect("bytes");
    files.objects().put(&files.path(&b).expect("path"), PutPayload::from(sealed)).await.expect("copy");
    let moved = files.open(FileRef { application_id: 4, key: &b }, &sha(&data)).await.expect("open");
    assert!(matches!(moved.read_all().await, Err(StoreFileError::Crypto)));
    let own = files.open(FileRef { application_id: 4, key: &a }, &sha(&data)).await.expect("open");
    assert!(own.read_all().await.expect("its own key opens") == data);
}

#[tokio::test]
async fn wrong_credentials_a_missing_bucket_and_an_untrusted_certificate_are_clear_errors() {
    let server = S3Server::start();
    server.create_bucket("atajoly-auth");
    let connect = |s: service::files::S3Settings| async move { FileStore::connect(&Location::S3(s), keys()).await };

    let mut wrong = server.settings("atajoly-auth");
    wrong.secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into();
    let err = connect(wrong.clone()).await.expect_err("refused");
    let message = err.to_string();
    assert!(matches!(err, StoreFileError::Refused { .. }), "{err:?}");
    assert!(message.contains("refused the credentials") && message.contains("ATAJOLY_S3_SECRET_KEY"), "{message}");
    assert!(message.contains("SignatureDoesNotMatch"), "the store's own word is kept: {message}");
    assert!(!message.contains(&wrong.secret_key) && !format!("{err:?}").contains(&wrong.secret_key));
    wrong.access_key = "AKIAUNKNOWNUNKNOWN00".into();
    let err = connect(wrong).await.expect_err("refused");
    assert!(matches!(err, StoreFileError::Refused { .. }) && err.to_string().contains("InvalidAccessKeyId"), "{err}");

    let err = connect(server.settings("no-such-bucket")).await.expect_err("no bucket");
    assert!(matches!(err, StoreFileError::NoBucket { .. }), "{err:?}");
    assert!(err.to_string().contains("no-such-bucket") && err.to_string().contains("create the bucket"), "{err}");

    // Without the certificate the server is not trusted: verification is on.
    let mut untrusted = server.settings("atajoly-auth");
    untrusted.ca_file = None;
    let err = connect(untrusted).await.expect_err("untrusted");
    assert!(matches!(err, StoreFileError::Store { .. }), "{err:?}");
    // Plain HTTP only when allowed; keys are required (else a cloud metadata service would be asked).
    let mut http = server.settings("atajoly-auth");
    http.endpoint = format!("http://127.0.0.1:{}", server.port);
    assert!(matches!(connect(http).await, Err(StoreFileError::Config(m)) if m.contains("ATAJOLY_S3_ALLOW_HTTP")));
    let mut keyless = server.settings("atajoly-auth");
    keyless.secret_key = String::new();
    assert!(matches!(connect(keyless).await, Err(StoreFileError::Config(m)) if m.contains("required")));

    // The right settings still work.
    connect(server.settings("atajoly-auth")).await.expect("the right keys");
}
