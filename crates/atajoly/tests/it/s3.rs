//! The S3 client against a real S3-compatible server (moto, with signatures checked): multipart
//! uploads, streaming reads, aborts, deletes, refused credentials, timeouts. No database.

use std::time::Duration;

use service::s3::{S3, S3Error, S3Object};

use crate::support::S3Server;

/// The size of an encrypted chunk in the file store: 64 KiB and a 16-byte tag.
const READ_CHUNK: usize = 64 * 1024 + 16;

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

/// Reads the whole object the way the file store will: fixed-size chunks, a short last one.
async fn read_in_chunks(object: &mut S3Object) -> Vec<u8> {
    let total = usize::try_from(object.len()).expect("fits");
    let mut out = Vec::with_capacity(total);
    let mut buf = vec![0u8; READ_CHUNK];
    while out.len() < total {
        let n = READ_CHUNK.min(total - out.len());
        object.read_exact(&mut buf[..n]).await.expect("read_exact");
        out.extend_from_slice(&buf[..n]);
    }
    out
}

async fn client(server: &S3Server, bucket: &str) -> S3 {
    let s3 = S3::new(server.config(bucket)).expect("client");
    s3.create_bucket_if_missing().await.expect("create bucket");
    // A second start finds the bucket there.
    s3.create_bucket_if_missing().await.expect("bucket already there is fine");
    s3
}

fn assert_status(result: Result<impl Sized, S3Error>, status: u16, code: &str) {
    match result {
        Err(S3Error::Status { status: s, code: c }) => {
            assert_eq!((s, c.as_str()), (status, code));
        }
        Err(e) => panic!("expected {status} {code}, got {e}"),
        Ok(_) => panic!("expected {status} {code}, got success"),
    }
}

#[tokio::test]
async fn a_12_mib_object_goes_up_in_three_parts_and_comes_back_in_chunks() {
    let server = S3Server::start();
    let s3 = client(&server, "atajoly-files").await;
    let data = pattern(12 * 1024 * 1024);

    let mut upload = s3.start_upload("ab/0123456789abcdef.bin").await.expect("start");
    // Odd sizes that straddle the 5 MiB part boundaries.
    let sizes = [1, 777, 65_537, 1_000_003, 3, 4_999_999, 2_345_678];
    let (mut at, mut i) = (0, 0);
    while at < data.len() {
        let n = sizes[i % sizes.len()].min(data.len() - at);
        upload.write(&data[at..at + n]).await.expect("write");
        at += n;
        i += 1;
    }
    upload.finish().await.expect("finish");

    let mut object = s3.get("ab/0123456789abcdef.bin").await.expect("get");
    assert_eq!(object.len(), 12 * 1024 * 1024);
    let back = read_in_chunks(&mut object).await;
    assert!(back == data, "the object read back differs from the one uploaded");
    // Nothing is left past the end.
    let mut one = [0u8; 1];
    assert!(matches!(object.read_exact(&mut one).await, Err(S3Error::Protocol(_))));

    // Moto reports a multipart object's ETag as "<md5 of the part md5s>-<parts>": three parts.
    let etag = moto_etag(&server, "atajoly-files", "ab/0123456789abcdef.bin");
    assert!(etag.ends_with("-3\""), "expected a three-part ETag, got {etag}");

    // A small object is a single (last) part.
    let small = pattern(1000);
    let mut upload = s3.start_upload("small.bin").await.expect("start");
    upload.write(&small).await.expect("write");
    upload.finish().await.expect("finish");
    let mut object = s3.get("small.bin").await.expect("get");
    assert_eq!(read_in_chunks(&mut object).await, small);

    // Deleted means gone; deleting again is fine.
    s3.delete("ab/0123456789abcdef.bin").await.expect("delete");
    assert_status(s3.get("ab/0123456789abcdef.bin").await, 404, "NoSuchKey");
    s3.delete("ab/0123456789abcdef.bin").await.expect("deleting a missing object is fine");
    // The other object is still there.
    assert!(s3.get("small.bin").await.is_ok());
}

#[tokio::test]
async fn an_aborted_upload_leaves_no_object() {
    let server = S3Server::start();
    let s3 = client(&server, "atajoly-aborts").await;
    let mut upload = s3.start_upload("aborted.bin").await.expect("start");
    upload.write(&pattern(6 * 1024 * 1024)).await.expect("write (one part sent)");
    upload.abort().await.expect("abort");
    assert_status(s3.get("aborted.bin").await, 404, "NoSuchKey");

    // A missing bucket is an error, not a silent success.
    let other = S3::new(server.config("no-such-bucket")).expect("client");
    assert_status(other.delete("x").await, 404, "NoSuchBucket");
    assert_status(other.start_upload("x").await, 404, "NoSuchBucket");
}

#[tokio::test]
async fn wrong_credentials_are_refused_with_a_clear_error() {
    let server = S3Server::start();
    let s3 = client(&server, "atajoly-auth").await;
    let mut upload = s3.start_upload("k").await.expect("start");
    upload.write(b"secret bytes").await.expect("write");
    upload.finish().await.expect("finish");

    let mut cfg = server.config("atajoly-auth");
    cfg.secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into();
    let wrong = S3::new(cfg.clone()).expect("client");
    let err = wrong.get("k").await.expect_err("refused");
    let message = err.to_string();
    assert!(matches!(&err, S3Error::Status { status: 403, code } if code == "SignatureDoesNotMatch"), "{err:?}");
    assert!(message.contains("403") && message.contains("SignatureDoesNotMatch"), "{message}");
    assert!(!message.contains(&cfg.secret_key) && !format!("{err:?}").contains(&cfg.secret_key));
    assert_status(wrong.start_upload("k2").await, 403, "SignatureDoesNotMatch");
    assert_status(wrong.delete("k").await, 403, "SignatureDoesNotMatch");

    cfg.access_key = "AKIAUNKNOWNUNKNOWN00".into();
    assert_status(S3::new(cfg).expect("client").get("k").await, 403, "InvalidAccessKeyId");

    // The object is untouched by the refused delete.
    let mut object = s3.get("k").await.expect("get");
    assert_eq!(read_in_chunks(&mut object).await, b"secret bytes");
}

#[tokio::test]
async fn a_silent_server_times_out_and_a_closed_port_is_a_transport_error() {
    // Accepts connections (the kernel's backlog) and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let mut cfg = service::s3::S3Config {
        endpoint: format!("http://{}", silent.local_addr().expect("addr")),
        region: "us-east-1".into(),
        bucket: "atajoly".into(),
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: "x".into(),
    };
    let s3 = S3::new(cfg.clone()).expect("client").with_timeout(Duration::from_millis(300));
    let started = std::time::Instant::now();
    assert!(matches!(s3.get("k").await, Err(S3Error::Timeout(_))));
    assert!(started.elapsed() < Duration::from_secs(5));

    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
    cfg.endpoint = format!("http://{closed}");
    let s3 = S3::new(cfg).expect("client");
    let err = s3.delete("k").await.expect_err("refused");
    assert!(matches!(err, S3Error::Transport(_)), "{err:?}");
    drop(silent);
}

/// The object's `ETag` as moto reports it on a HEAD request (outside the client: an independent look).
fn moto_etag(server: &S3Server, bucket: &str, key: &str) -> String {
    use std::io::Write as _;
    // moto checks signatures, so sign the HEAD with the same keys, through an independent signer:
    // Python's botocore (installed with moto).
    let script = format!(
        "import boto3\n\
         s3 = boto3.client('s3', endpoint_url='{}', region_name='us-east-1', \
         aws_access_key_id='{}', aws_secret_access_key='{}')\n\
         print(s3.head_object(Bucket='{bucket}', Key='{key}')['ETag'])\n",
        server.endpoint(),
        server.access_key,
        server.secret_key
    );
    let mut child = std::process::Command::new(crate::support::python())
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python");
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("script");
    let output = child.wait_with_output().expect("python output");
    assert!(output.status.success(), "boto3 head_object failed: {}", String::from_utf8_lossy(&output.stderr));
    let out = String::from_utf8(output.stdout).expect("utf-8");
    out.trim().to_owned()
}
