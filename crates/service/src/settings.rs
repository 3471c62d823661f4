//! The service's settings, with their defaults: the plain values `App` is built from and every use case
//! reads (`app.settings`). Nothing here knows `App`.

use std::sync::Arc;
use std::time::Duration;

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whether cookies carry `Secure` (true unless explicitly turned off for plain-HTTP development).
    pub cookie_secure: bool,
    /// The service's public address, for links in e-mails (no trailing slash).
    pub public_url: String,
    /// argon2id parameters for passwords.
    pub hash: crate::password::HashParams,
    /// Outgoing e-mail.
    pub mail: crate::mail::MailSettings,
    /// Where applicants' files are kept (sealed): a local directory, an S3-compatible bucket, memory.
    pub files: crate::files::Location,
    /// The keys that seal them (new files under the highest id).
    pub files_keys: crate::files::FileKeys,
    /// The malware scanner every upload goes through before it is accepted (clamd).
    pub scanner: crate::files::ScannerAt,
    /// How long each kind of data is kept (`docs/retention.md`).
    pub retention: Periods,
    /// How long decided cases keep their documents and answers (`docs/retention.md`).
    pub decided_retention: Decided,
    /// The keys that seal staff's TOTP secrets and queued e-mails with links (`crate::secrets`), kept
    /// outside the database like the file keys.
    pub secrets_keys: crate::files::FileKeys,
    /// Seconds a staff session lasts without a request before it ends.
    pub staff_idle_secs: i64,
    /// Seconds a staff session lasts in all, however busy.
    pub staff_session_secs: i64,
    /// Bytes per file.
    pub max_file_bytes: u64,
    /// Pixels (width × height) an uploaded image may have, read from its header before it is decoded
    /// (decision 0024).
    pub max_image_pixels: u64,
    /// Files per application.
    pub max_files: i64,
    /// Bytes per application.
    pub max_application_bytes: i64,
    /// Route every submitted case to this office instead of the regional department of the region of
    /// settlement (the routing rule's setting).
    pub route_all_to: Option<String>,
    /// Kazakhstan's working-day calendar as embedded in the binary: the base that administrators' edits
    /// go over. Deadlines never count it directly; they count `App::calendar()`, the one in force.
    pub base_calendar: Arc<domain::calendar::Calendar>,
    /// Working days the applicant has to respond to an intended refusal before it can be countersigned;
    /// never fewer than the law's notice before the decision (APPC Art. 73, `data/procedure/appc.toml`).
    pub refusal_response_days: u32,
    /// The higher body complaints are forwarded to (an office of the appeals role: `ministry`, `ministry-…`).
    pub appeals_office: String,
    /// The hours (Astana time) at which offices hold hearings, on each working day.
    pub hearing_hours: Vec<u8>,
    /// Whether a request for corrections pauses the statutory clock (it resumes with the days it had left
    /// when the applicant resubmits), or lets it run on.
    pub deficiency_pauses_clock: bool,
    /// Where generated card-signing keys are kept (one `<kid>.ed25519` file each, mode 0600).
    pub keys_dir: std::path::PathBuf,
    /// A signing key given as a secret file (hex seed); registered at start if new.
    pub signing_key_file: Option<std::path::PathBuf>,
    /// Seconds a verifier may cache a status list (`ttl`).
    pub status_list_ttl: i64,
    /// Seconds a stored file with no document row is left alone before the sweep deletes it (an upload
    /// in flight writes its file first, its row after).
    pub orphan_grace_secs: i64,
    /// Seconds after which a status list must not be used (`exp` - `iat`).
    pub status_list_validity: i64,
    /// Public verifications (page and API) a client network may make a minute.
    pub verify_per_minute: u32,
    /// The unit of the delays that slow guesses at one account or card from many networks (decision
    /// 0023: 1, 2, 4, … units, at most 16).
    pub slow_down_unit: Duration,
    /// The service's own reverse proxies: behind them, rate limits count the forwarded client address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The audit log's signing key (a hex Ed25519 seed, made when missing); none: a random key kept
    /// nowhere (tests; its checkpoints cannot be verified after a restart).
    pub log_key_file: Option<std::path::PathBuf>,
    /// The bearer token that reads `/metrics`; none: only loopback connections with no proxy may.
    pub metrics_token: Option<String>,
    /// Offices' own e-mail addresses (office code → address) for the copies of the notices of the
    /// applications they filed; an office without one gets them at its intermediaries' addresses
    /// (decision 0028).
    pub office_mail: std::collections::BTreeMap<String, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            cookie_secure: true,
            public_url: "http://127.0.0.1:8080".into(),
            hash: crate::password::HashParams::default(),
            mail: crate::mail::MailSettings::default(),
            files: crate::files::Location::Dir(std::path::PathBuf::from("data/files")),
            files_keys: crate::files::FileKeys::single(0, [0u8; 32]),
            scanner: crate::files::ScannerAt::None,
            retention: Periods::default(),
            decided_retention: Decided::default(),
            secrets_keys: crate::files::FileKeys::single(0, [0u8; 32]),
            staff_idle_secs: 30 * 60,
            staff_session_secs: 12 * 3600,
            max_file_bytes: 25 * 1024 * 1024,
            max_image_pixels: 40_000_000,
            max_files: 40,
            max_application_bytes: 200 * 1024 * 1024,
            route_all_to: None,
            base_calendar: Arc::new(domain::calendar::Calendar::default()),
            refusal_response_days: 5,
            appeals_office: "ministry".into(),
            hearing_hours: vec![10, 11, 15, 16],
            deficiency_pauses_clock: true,
            keys_dir: std::path::PathBuf::from("data/keys"),
            signing_key_file: None,
            status_list_ttl: 86_400,
            orphan_grace_secs: 3600,
            status_list_validity: 7 * 86_400,
            verify_per_minute: 60,
            slow_down_unit: SLOW_DOWN_UNIT,
            trusted_proxies: Vec::new(),
            log_key_file: None,
            metrics_token: None,
            office_mail: std::collections::BTreeMap::new(),
        }
    }
}

/// Days each kind of data is kept (the settings of `docs/retention.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    /// A draft not changed for this many days is erased (the applicant is told in advance by the
    /// draft page's notice).
    pub draft_idle_days: i64,
    /// Days an ended session is kept (for a person's "where you are signed in" and investigations).
    pub session_days: i64,
    /// Days an e-mail link's token is kept after it expired.
    pub token_days: i64,
    /// Days a finished job (a sent e-mail) is kept after it finished.
    pub job_days: i64,
    /// Days a card check is kept in the card's log of checks.
    pub verification_days: i64,
}

impl Default for Periods {
    fn default() -> Self {
        Periods { draft_idle_days: 180, session_days: 30, token_days: 30, job_days: 90, verification_days: 730 }
    }
}

/// Days the documents and answers of decided cases are kept, each counted from the decision becoming
/// final (the settings of `docs/retention.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    /// Days after its countersignature in which a refusal may be appealed: it is final only then.
    pub appeal_days: i64,
    /// Days a refused case's documents and answers are kept once the refusal is final.
    pub refused_days: i64,
    /// Days a granted case's documents, and the answers its card does not need, are kept after the grant.
    pub granted_days: i64,
}

impl Default for Decided {
    fn default() -> Self {
        Decided { appeal_days: 90, refused_days: 365, granted_days: 1825 }
    }
}

/// The default unit of the delays (`Settings::slow_down_unit`).
pub const SLOW_DOWN_UNIT: Duration = Duration::from_secs(1);
