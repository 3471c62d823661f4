//! A small S3 client for applicants' files: path-style URLs, AWS Signature Version 4, multipart
//! uploads in 5 MiB parts and streaming reads, over HTTP/1.1 (hyper). It moves opaque bytes: the
//! encryption stays in [`crate::files`] above it.
//!
//! Plain `http://` endpoints only: this version has no TLS of its own. To reach an `https://` store,
//! terminate TLS in a local proxy or sidecar (for example stunnel or an nginx `proxy_pass`) and point
//! the endpoint at it; an `https://` endpoint is refused with [`S3Error::Tls`].
//!
//! Every request (and every wait for the next piece of a response body) times out after 60 seconds
//! by default ([`S3::with_timeout`]); sending a 5 MiB part is one request, so the link must carry at
//! least about 90 KB/s. An upload dropped without [`S3Upload::finish`] or
//! [`S3Upload::abort`] is aborted in the background; a bucket lifecycle rule that expires incomplete
//! multipart uploads is still advisable for uploads cut off by a crash.

use std::fmt::Write as _;
use std::time::Duration;

use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, Uri};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use sha2::{Digest, Sha256};

/// S3's minimum size for every part but the last.
pub const PART_SIZE: usize = 5 * 1024 * 1024;
/// S3's largest part number.
const MAX_PARTS: u32 = 10_000;
/// The default time allowed for each request and each wait for response bytes.
#[expect(clippy::duration_suboptimal_units, reason = "Duration::from_mins is newer than rust-version 1.85")]
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How much of an error response is read to find its `<Code>`.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Where and how to reach the bucket.
#[derive(Clone)]
pub struct S3Config {
    /// `http://host:port` (path-style requests go to `{endpoint}/{bucket}/{key}`).
    pub endpoint: String,
    /// The signing region, e.g. `us-east-1`.
    pub region: String,
    /// The bucket.
    pub bucket: String,
    /// The access key id.
    pub access_key: String,
    /// The secret access key; never printed.
    pub secret_key: String,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("bucket", &self.bucket)
            .field("access_key", &self.access_key)
            .field("secret_key", &"***")
            .finish()
    }
}

/// What can go wrong talking to S3; no variant ever carries the secret key.
#[derive(Debug, thiserror::Error)]
pub enum S3Error {
    /// The configuration or a key is unusable.
    #[error("s3: invalid configuration: {0}")]
    Config(String),
    /// An `https://` endpoint: not supported in this version.
    #[error(
        "s3: https endpoints are not supported in this version; terminate TLS in a local proxy or sidecar \
         and give its http:// address as the endpoint"
    )]
    Tls,
    /// The connection failed (refused, reset, malformed HTTP).
    #[error("s3: transport: {0}")]
    Transport(String),
    /// No answer within the time allowed.
    #[error("s3: no answer within {0:?}")]
    Timeout(Duration),
    /// S3 refused the request: the HTTP status and S3's error code (e.g. `NoSuchKey`,
    /// `SignatureDoesNotMatch`, `InvalidAccessKeyId`; empty when the response had none).
    #[error("s3: the server answered {status} {}", if code.is_empty() { "(no error code)" } else { code })]
    Status {
        /// The HTTP status.
        status: u16,
        /// S3's `<Code>`.
        code: String,
    },
    /// An answer that does not fit the protocol (no upload id, no `ETag`, a body shorter than announced).
    #[error("s3: unexpected answer: {0}")]
    Protocol(String),
}

/// A client for one bucket.
#[derive(Clone)]
pub struct S3 {
    client: Client<HttpConnector, Full<Bytes>>,
    cfg: S3Config,
    /// The `Host` header: the endpoint's authority.
    host: String,
    /// `http://host:port`, without a trailing slash.
    base: String,
    timeout: Duration,
}

impl std::fmt::Debug for S3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3").field("cfg", &self.cfg).field("timeout", &self.timeout).finish_non_exhaustive()
    }
}

/// A multipart upload in progress; dropping it unfinished aborts it in the background.
pub struct S3Upload {
    s3: S3,
    key: String,
    /// `None` once finished or aborted.
    upload_id: Option<String>,
    buf: Vec<u8>,
    /// Part numbers and `ETag`s, in order.
    parts: Vec<(u32, String)>,
}

impl std::fmt::Debug for S3Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Upload")
            .field("key", &self.key)
            .field("parts_sent", &self.parts.len())
            .field("buffered", &self.buf.len())
            .finish_non_exhaustive()
    }
}

/// An object being read from its streaming body.
pub struct S3Object {
    body: Incoming,
    len: u64,
    /// Received but not yet handed out.
    pending: Bytes,
    timeout: Duration,
}

impl std::fmt::Debug for S3Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Object").field("len", &self.len).finish_non_exhaustive()
    }
}

/// A request to sign and send.
struct Call<'a> {
    method: Method,
    key: Option<&'a str>,
    /// Unencoded query parameters; a parameter without a value has `""`.
    query: &'a [(&'a str, &'a str)],
    body: Bytes,
}

impl S3 {
    /// A client for `cfg`; checks the endpoint and the bucket name, connects lazily.
    pub fn new(cfg: S3Config) -> Result<S3, S3Error> {
        let endpoint = cfg.endpoint.trim_end_matches('/');
        let uri: Uri = endpoint.parse().map_err(|_| S3Error::Config(format!("endpoint {endpoint:?} is not a URL")))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => return Err(S3Error::Tls),
            _ => return Err(S3Error::Config(format!("endpoint {endpoint:?} must start with http://"))),
        }
        let authority = uri.authority().ok_or_else(|| S3Error::Config(format!("endpoint {endpoint:?} has no host")))?;
        if authority.as_str().contains('@') {
            return Err(S3Error::Config("the endpoint must not carry credentials".into()));
        }
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(S3Error::Config(format!("endpoint {endpoint:?} must be http://host[:port] only")));
        }
        if !valid_bucket(&cfg.bucket) {
            return Err(S3Error::Config(format!("bucket name {:?} is not a valid S3 bucket name", cfg.bucket)));
        }
        if cfg.region.is_empty() || !cfg.region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(S3Error::Config(format!("region {:?} is not valid", cfg.region)));
        }
        if cfg.access_key.is_empty() || cfg.secret_key.is_empty() {
            return Err(S3Error::Config("the access key and the secret key must both be set".into()));
        }
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(DEFAULT_TIMEOUT));
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Ok(S3 {
            client,
            host: authority.as_str().to_owned(),
            base: format!("http://{authority}"),
            cfg,
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// The same client with another time limit per request (default 60 s).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> S3 {
        self.timeout = timeout;
        self
    }

    /// Creates the bucket unless it exists already (for first start and tests).
    pub async fn create_bucket_if_missing(&self) -> Result<(), S3Error> {
        // us-east-1 is the default location and must not be named.
        let body = if self.cfg.region == "us-east-1" {
            Bytes::new()
        } else {
            Bytes::from(format!(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
                 <LocationConstraint>{}</LocationConstraint></CreateBucketConfiguration>",
                self.cfg.region
            ))
        };
        let res = self.send(Call { method: Method::PUT, key: None, query: &[], body }).await?;
        match self.check(res).await {
            Ok(res) => self.drain(res).await,
            Err(S3Error::Status { code, .. }) if code == "BucketAlreadyOwnedByYou" => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Starts a multipart upload of the object `key` (`CreateMultipartUpload`).
    pub async fn start_upload(&self, key: &str) -> Result<S3Upload, S3Error> {
        check_key(key)?;
        let res = self
            .send(Call { method: Method::POST, key: Some(key), query: &[("uploads", "")], body: Bytes::new() })
            .await?;
        let res = self.check(res).await?;
        let xml = self.text(res, ERROR_BODY_LIMIT).await?;
        let upload_id = xml_text(&xml, "UploadId")
            .filter(|id| !id.is_empty())
            .ok_or_else(|| S3Error::Protocol("CreateMultipartUpload answered without an UploadId".into()))?;
        Ok(S3Upload {
            s3: self.clone(),
            key: key.to_owned(),
            upload_id: Some(upload_id),
            buf: Vec::new(),
            parts: Vec::new(),
        })
    }

    /// Opens the object `key` for reading (`GetObject`); the body streams as it is read.
    pub async fn get(&self, key: &str) -> Result<S3Object, S3Error> {
        check_key(key)?;
        let res = self.send(Call { method: Method::GET, key: Some(key), query: &[], body: Bytes::new() }).await?;
        let res = self.check(res).await?;
        let len = res
            .headers()
            .get(hyper::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| S3Error::Protocol("GetObject answered without a Content-Length".into()))?;
        Ok(S3Object { body: res.into_body(), len, pending: Bytes::new(), timeout: self.timeout })
    }

    /// Deletes the object `key` (`DeleteObject`); an object already gone is fine, a missing bucket is not.
    pub async fn delete(&self, key: &str) -> Result<(), S3Error> {
        check_key(key)?;
        let res = self.send(Call { method: Method::DELETE, key: Some(key), query: &[], body: Bytes::new() }).await?;
        match self.check(res).await {
            Ok(res) => self.drain(res).await,
            Err(S3Error::Status { status: 404, code }) if code != "NoSuchBucket" => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Signs and sends a request, waiting at most the timeout for the response head.
    async fn send(&self, call: Call<'_>) -> Result<Response<Incoming>, S3Error> {
        let path = match call.key {
            Some(key) => format!("/{}/{}", self.cfg.bucket, uri_encode(key, false)),
            None => format!("/{}", self.cfg.bucket),
        };
        let query = canonical_query(call.query);
        let payload_hash = hex::encode(Sha256::digest(&call.body));
        let amz_date = amz_date(time::OffsetDateTime::now_utc())?;
        let headers = [
            ("host", self.host.as_str()),
            ("x-amz-content-sha256", payload_hash.as_str()),
            ("x-amz-date", amz_date.as_str()),
        ];
        let authorization = authorization(
            &SigningKey {
                access_key: &self.cfg.access_key,
                secret_key: &self.cfg.secret_key,
                region: &self.cfg.region,
            },
            call.method.as_str(),
            &path,
            &query,
            &headers,
            &payload_hash,
            &amz_date,
        )?;
        let url =
            if query.is_empty() { format!("{}{path}", self.base) } else { format!("{}{path}?{query}", self.base) };
        let mut builder = Request::builder().method(call.method).uri(url);
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let req = builder
            .header(hyper::header::AUTHORIZATION, authorization)
            .header(hyper::header::CONTENT_LENGTH, call.body.len())
            .body(Full::new(call.body))
            .map_err(|e| S3Error::Config(format!("cannot build the request: {e}")))?;
        match tokio::time::timeout(self.timeout, self.client.request(req)).await {
            Err(_) => Err(S3Error::Timeout(self.timeout)),
            Ok(Err(e)) => Err(S3Error::Transport(transport_message(&e))),
            Ok(Ok(res)) => Ok(res),
        }
    }

    /// Passes a 2xx response; turns any other into [`S3Error::Status`] with S3's error code.
    async fn check(&self, res: Response<Incoming>) -> Result<Response<Incoming>, S3Error> {
        let status = res.status();
        if status.is_success() {
            return Ok(res);
        }
        // The code is a courtesy: an unreadable body still gives the status.
        let body = self.text(res, ERROR_BODY_LIMIT).await.unwrap_or_default();
        Err(S3Error::Status { status: status.as_u16(), code: xml_text(&body, "Code").unwrap_or_default() })
    }

    /// Reads a small response body as text (at most `limit` bytes are kept).
    async fn text(&self, res: Response<Incoming>, limit: usize) -> Result<String, S3Error> {
        let mut body = res.into_body();
        let mut out = Vec::new();
        while let Some(data) = next_data(&mut body, self.timeout).await? {
            let room = limit.saturating_sub(out.len());
            out.extend_from_slice(data.get(..room.min(data.len())).unwrap_or_default());
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// Reads and drops a response body, so that the connection can be reused.
    async fn drain(&self, res: Response<Incoming>) -> Result<(), S3Error> {
        let mut body = res.into_body();
        while next_data(&mut body, self.timeout).await?.is_some() {}
        Ok(())
    }
}

impl S3Upload {
    /// Adds bytes; sends an `UploadPart` each time 5 MiB are buffered. After an error the upload is
    /// unusable: abort it (or drop it, which aborts it in the background).
    pub async fn write(&mut self, data: &[u8]) -> Result<(), S3Error> {
        self.buf.extend_from_slice(data);
        while self.buf.len() >= PART_SIZE {
            let rest = self.buf.split_off(PART_SIZE);
            let part = std::mem::replace(&mut self.buf, rest);
            self.upload_part(Bytes::from(part)).await?;
        }
        Ok(())
    }

    /// Sends the last part and completes the upload (`CompleteMultipartUpload`); on failure the upload
    /// is aborted.
    pub async fn finish(mut self) -> Result<(), S3Error> {
        let result = self.complete().await;
        if result.is_err() {
            // Best effort: the error that matters is the first one.
            let _ = self.abort_now().await;
        }
        result
    }

    /// Abandons the upload (`AbortMultipartUpload`): the object is not created.
    pub async fn abort(mut self) -> Result<(), S3Error> {
        self.abort_now().await
    }

    async fn complete(&mut self) -> Result<(), S3Error> {
        if !self.buf.is_empty() || self.parts.is_empty() {
            let last = std::mem::take(&mut self.buf);
            self.upload_part(Bytes::from(last)).await?;
        }
        let upload_id = self.upload_id.clone().ok_or_else(|| S3Error::Protocol("the upload is over".into()))?;
        let mut xml = String::from("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (number, etag) in &self.parts {
            let _ = write!(xml, "<Part><PartNumber>{number}</PartNumber><ETag>{}</ETag></Part>", xml_escape(etag));
        }
        xml.push_str("</CompleteMultipartUpload>");
        let res = self
            .s3
            .send(Call {
                method: Method::POST,
                key: Some(&self.key),
                query: &[("uploadId", &upload_id)],
                body: Bytes::from(xml),
            })
            .await?;
        let res = self.s3.check(res).await?;
        // S3 may answer 200 and still fail the completion: the error is then in the body.
        let body = self.s3.text(res, ERROR_BODY_LIMIT).await?;
        if body.contains("<Error>") {
            return Err(S3Error::Status { status: 200, code: xml_text(&body, "Code").unwrap_or_default() });
        }
        self.upload_id = None;
        Ok(())
    }

    async fn upload_part(&mut self, data: Bytes) -> Result<(), S3Error> {
        let upload_id = self.upload_id.clone().ok_or_else(|| S3Error::Protocol("the upload is over".into()))?;
        let number = u32::try_from(self.parts.len()).map_or(u32::MAX, |n| n.saturating_add(1));
        if number > MAX_PARTS {
            return Err(S3Error::Protocol(format!("more than {MAX_PARTS} parts")));
        }
        let number_text = number.to_string();
        let res = self
            .s3
            .send(Call {
                method: Method::PUT,
                key: Some(&self.key),
                query: &[("partNumber", &number_text), ("uploadId", &upload_id)],
                body: data,
            })
            .await?;
        let res = self.s3.check(res).await?;
        let etag = res
            .headers()
            .get(hyper::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .ok_or_else(|| S3Error::Protocol(format!("UploadPart {number} answered without an ETag")))?;
        self.s3.drain(res).await?;
        self.parts.push((number, etag));
        Ok(())
    }

    async fn abort_now(&mut self) -> Result<(), S3Error> {
        let Some(upload_id) = self.upload_id.take() else { return Ok(()) };
        abort_upload(&self.s3, &self.key, &upload_id).await
    }
}

async fn abort_upload(s3: &S3, key: &str, upload_id: &str) -> Result<(), S3Error> {
    let res = s3
        .send(Call { method: Method::DELETE, key: Some(key), query: &[("uploadId", upload_id)], body: Bytes::new() })
        .await?;
    match s3.check(res).await {
        Ok(res) => s3.drain(res).await,
        // Already aborted or completed elsewhere: nothing is left to abort.
        Err(S3Error::Status { status: 404, code }) if code == "NoSuchUpload" => Ok(()),
        Err(e) => Err(e),
    }
}

impl Drop for S3Upload {
    fn drop(&mut self) {
        let Some(upload_id) = self.upload_id.take() else { return };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!(key = %self.key, "S3 upload dropped outside a runtime; not aborted");
            return;
        };
        let (s3, key) = (self.s3.clone(), std::mem::take(&mut self.key));
        runtime.spawn(async move {
            if let Err(e) = abort_upload(&s3, &key, &upload_id).await {
                tracing::warn!(key, error = %e, "S3 upload dropped unfinished and not aborted");
            }
        });
    }
}

impl S3Object {
    /// The object's size (its Content-Length).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the object has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Fills `buf` from the streaming body; an object that ends first is an error.
    pub async fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), S3Error> {
        let mut filled = 0;
        while filled < buf.len() {
            if self.pending.is_empty() {
                self.pending = next_data(&mut self.body, self.timeout)
                    .await?
                    .ok_or_else(|| S3Error::Protocol("the object ended before the bytes asked for".into()))?;
                continue;
            }
            let n = self.pending.len().min(buf.len() - filled);
            let (Some(dest), Some(src)) = (buf.get_mut(filled..filled + n), self.pending.get(..n)) else {
                return Err(S3Error::Protocol("read out of bounds".into()));
            };
            dest.copy_from_slice(src);
            let _ = self.pending.split_to(n);
            filled += n;
        }
        Ok(())
    }
}

/// The next data frame of `body` (trailers skipped), `None` at its end.
async fn next_data(body: &mut Incoming, timeout: Duration) -> Result<Option<Bytes>, S3Error> {
    loop {
        let frame = match tokio::time::timeout(timeout, body.frame()).await {
            Err(_) => return Err(S3Error::Timeout(timeout)),
            Ok(None) => return Ok(None),
            Ok(Some(Err(e))) => return Err(S3Error::Transport(e.to_string())),
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data()
            && !data.is_empty()
        {
            return Ok(Some(data));
        }
    }
}

/// A transport error with its causes (hyper-util's own message is only "client error (Connect)").
fn transport_message(e: &hyper_util::client::legacy::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let _ = write!(msg, ": {s}");
        source = s.source();
    }
    msg
}

/// S3's bucket naming rules (3 to 63 lowercase letters, digits, dots and hyphens).
fn valid_bucket(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && name.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Object keys: 1 to 1024 bytes, no control characters, no `.` or `..` segments (which proxies rewrite).
fn check_key(key: &str) -> Result<(), S3Error> {
    if key.is_empty() || key.len() > 1024 {
        return Err(S3Error::Config("an object key must have 1 to 1024 bytes".into()));
    }
    if key.chars().any(char::is_control) || key.split('/').any(|s| s == "." || s == "..") {
        return Err(S3Error::Config(format!("object key {key:?} is not allowed")));
    }
    Ok(())
}

/// AWS's URI encoding: every byte but `A-Za-z0-9-._~` as `%XX`; `/` kept when `slash` is false.
fn uri_encode(s: &str, encode_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (b == b'/' && !encode_slash) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The canonical query string: encoded names and values, sorted, `name=` for a bare name.
fn canonical_query(params: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> =
        params.iter().map(|(k, v)| (uri_encode(k, true), uri_encode(v, true))).collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// `YYYYMMDD'T'HHMMSS'Z'`.
fn amz_date(now: time::OffsetDateTime) -> Result<String, S3Error> {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    now.to_offset(time::UtcOffset::UTC).format(&format).map_err(|e| S3Error::Config(format!("the clock: {e}")))
}

/// Who signs, and for which region.
struct SigningKey<'a> {
    access_key: &'a str,
    secret_key: &'a str,
    region: &'a str,
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Result<[u8; 32], S3Error> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).map_err(|_| S3Error::Config("HMAC key".into()))?;
    mac.update(data);
    Ok(mac.finalize().into_bytes().into())
}

/// The `Authorization` header of AWS Signature Version 4 for service `s3`. `headers` are the signed
/// headers, lowercase names; `path` is already URI-encoded, `query` canonical.
fn authorization(
    who: &SigningKey<'_>,
    method: &str,
    path: &str,
    query: &str,
    headers: &[(&str, &str)],
    payload_hash: &str,
    amz_date: &str,
) -> Result<String, S3Error> {
    let mut sorted: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    sorted.sort();
    let canonical_headers = sorted.iter().fold(String::new(), |mut out, (k, v)| {
        let _ = writeln!(out, "{k}:{v}");
        out
    });
    let signed_headers = sorted.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(";");
    let canonical_request = format!("{method}\n{path}\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}");
    let date = amz_date.get(..8).ok_or_else(|| S3Error::Config("bad request date".into()))?;
    let scope = format!("{date}/{}/s3/aws4_request", who.region);
    let string_to_sign =
        format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
    let k_date = hmac_sha256(format!("AWS4{}", who.secret_key).as_bytes(), date.as_bytes())?;
    let k_region = hmac_sha256(&k_date, who.region.as_bytes())?;
    let k_service = hmac_sha256(&k_region, b"s3")?;
    let k_signing = hmac_sha256(&k_service, b"aws4_request")?;
    let signature = hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes())?);
    Ok(format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope},SignedHeaders={signed_headers},Signature={signature}",
        who.access_key
    ))
}

/// The text of the first `<tag>…</tag>` in `xml`, entities decoded.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let len = xml.get(start..)?.find(&close)?;
    let raw = xml.get(start..start + len)?;
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#34;", "\"")
            .replace("&amp;", "&"),
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::{S3, S3Config, S3Error, SigningKey, authorization, canonical_query, check_key, uri_encode, xml_text};

    /// The SHA-256 of no bytes.
    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn config(endpoint: &str) -> S3Config {
        S3Config {
            endpoint: endpoint.into(),
            region: "us-east-1".into(),
            bucket: "examplebucket".into(),
            access_key: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        }
    }

    /// AWS's published example: "Signature Calculations for the Authorization Header: Transferring
    /// Payload in a Single Chunk", GET Object with a Range header.
    #[test]
    fn signs_the_aws_get_object_example() {
        let who = SigningKey {
            access_key: "AKIAIOSFODNN7EXAMPLE",
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1",
        };
        let auth = authorization(
            &who,
            "GET",
            "/test.txt",
            "",
            &[
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", "20130524T000000Z"),
            ],
            EMPTY_SHA256,
            "20130524T000000Z",
        );
        assert_eq!(
            auth.ok().as_deref(),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
                 SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
                 Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
            )
        );
    }

    /// AWS's published `ListObjects` example from the same page: a canonical query with two parameters.
    #[test]
    fn signs_the_aws_list_objects_example() {
        let who = SigningKey {
            access_key: "AKIAIOSFODNN7EXAMPLE",
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1",
        };
        let auth = authorization(
            &who,
            "GET",
            "/",
            &canonical_query(&[("max-keys", "2"), ("prefix", "J")]),
            &[
                ("host", "examplebucket.s3.amazonaws.com"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", "20130524T000000Z"),
            ],
            EMPTY_SHA256,
            "20130524T000000Z",
        );
        assert!(
            auth.as_deref().is_ok_and(
                |a| a.ends_with("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
            ),
            "{auth:?}"
        );
    }

    #[test]
    fn encodes_keys_and_queries_the_aws_way() {
        assert_eq!(uri_encode("a b/c+d~e_f.g-h", false), "a%20b/c%2Bd~e_f.g-h");
        assert_eq!(uri_encode("a/b=", true), "a%2Fb%3D");
        assert_eq!(uri_encode("ж", false), "%D0%B6");
        assert_eq!(canonical_query(&[("uploads", "")]), "uploads=");
        assert_eq!(canonical_query(&[("uploadId", "x/y+z"), ("partNumber", "2")]), "partNumber=2&uploadId=x%2Fy%2Bz");
    }

    #[test]
    fn endpoints_are_checked_and_https_is_explained() {
        assert!(matches!(S3::new(config("https://s3.example.com")), Err(S3Error::Tls)));
        assert!(S3::new(config("https://s3.example.com")).err().is_some_and(|e| e.to_string().contains("proxy")));
        assert!(matches!(S3::new(config("ftp://x")), Err(S3Error::Config(_))));
        assert!(matches!(S3::new(config("http://host:9000/prefix")), Err(S3Error::Config(_))));
        assert!(matches!(S3::new(config("not a url")), Err(S3Error::Config(_))));
        assert!(S3::new(config("http://127.0.0.1:9000/")).is_ok());
        let mut bad = config("http://127.0.0.1:9000");
        bad.bucket = "Bad_Bucket".into();
        assert!(matches!(S3::new(bad), Err(S3Error::Config(_))));
    }

    #[test]
    fn the_secret_is_never_printed() {
        let cfg = config("http://127.0.0.1:9000");
        let secret = cfg.secret_key.clone();
        assert!(!format!("{cfg:?}").contains(&secret));
        assert!(format!("{cfg:?}").contains("AKIAIOSFODNN7EXAMPLE"));
        let s3 = S3::new(cfg);
        assert!(s3.as_ref().is_ok_and(|s| !format!("{s:?}").contains(&secret)));
    }

    #[test]
    fn keys_are_checked() {
        assert!(check_key("ab/0123.bin").is_ok());
        assert!(check_key("").is_err());
        assert!(check_key("a/../b").is_err());
        assert!(check_key("a\nb").is_err());
        assert!(check_key(&"k".repeat(1025)).is_err());
    }

    #[test]
    fn error_codes_are_found() {
        let body = "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone &amp; lost</Message></Error>";
        assert_eq!(xml_text(body, "Code").as_deref(), Some("NoSuchKey"));
        assert_eq!(xml_text(body, "Message").as_deref(), Some("gone & lost"));
        assert_eq!(xml_text(body, "UploadId"), None);
    }
}
