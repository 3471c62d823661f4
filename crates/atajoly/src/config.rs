//! Configuration: safe defaults, then an optional TOML file, then `ATAJOLY_*` environment variables.

use serde::Deserialize;

/// The settings of `docs/retention.md`, in the order of `Config::retention_days`.
pub const RETENTION_VARS: [&str; 5] = [
    "ATAJOLY_RETENTION_DRAFT_DAYS",
    "ATAJOLY_RETENTION_SESSION_DAYS",
    "ATAJOLY_RETENTION_TOKEN_DAYS",
    "ATAJOLY_RETENTION_JOB_DAYS",
    "ATAJOLY_RETENTION_CHECK_DAYS",
];

/// The settings of decided cases' retention (`docs/retention.md`), in the order of
/// `Config::decided_retention_days`: the appeal window, then the days after it a refused case keeps its
/// documents and answers, then the days a granted case keeps them.
pub const DECIDED_RETENTION_VARS: [&str; 3] =
    ["ATAJOLY_RETENTION_APPEAL_DAYS", "ATAJOLY_RETENTION_REFUSED_DAYS", "ATAJOLY_RETENTION_GRANTED_DAYS"];

/// The service's configuration.
#[derive(Clone, Deserialize)]
#[expect(clippy::struct_excessive_bools, reason = "each is an independent switch an operator sets")]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://...` (default, a file under `./data`) or `postgres://...`.
    pub database_url: String,
    /// Address to listen on.
    pub listen: String,
    /// Whether cookies carry `Secure`; turn off only for plain-HTTP development on other hosts.
    pub cookie_secure: bool,
    /// Whether `serve` applies migrations and loads reference data at start.
    pub auto_migrate: bool,
    /// Log format: `json` or `text`.
    pub log_format: String,
    /// The public address of the service, for links in e-mails.
    pub public_url: String,
    /// The mail relay: `smtps://[user:password@]host[:port]` (implicit TLS), `smtp+starttls://...`
    /// (STARTTLS required) or `smtp://host[:port]` (in clear, no credentials: a relay on this machine);
    /// empty to write e-mails as files into `outbox_dir`.
    pub smtp_url: String,
    /// A PEM file of certificates the relay's may be signed by, besides the system's; empty: none.
    pub smtp_ca_file: String,
    /// The sender of e-mails.
    pub mail_from: String,
    /// Where e-mails go without SMTP.
    pub outbox_dir: String,
    /// Whether this instance runs the job worker (any number of instances may).
    pub run_jobs: bool,
    /// Where applicants' files are kept, encrypted.
    pub files_dir: String,
    /// The file holding the keys (`ID:HEX`, one a line) that seal them; made on first start, a key added
    /// by `atajoly files-key rotate`.
    pub files_key_file: String,
    /// The audit log's signing key (an Ed25519 seed in hex), kept outside the database; made on first
    /// start. Not the card-signing key.
    pub log_key_file: String,
    /// The file holding the keys (`ID:HEX`, one a line) that seal staff's TOTP secrets and queued e-mails
    /// with links; made on first start, a key added by `atajoly secrets-key rotate`.
    pub secrets_key_file: String,
    /// Minutes a staff session lasts without a request.
    pub staff_idle_minutes: i64,
    /// Hours a staff session lasts in all.
    pub staff_session_hours: i64,
    /// clamd's address (`tcp://host:port`, `unix:///path`): every upload is scanned before it is
    /// accepted; empty: uploads are not scanned (development only: the service warns at start).
    pub clamd: String,
    /// Days each kind of data is kept (`docs/retention.md`): idle drafts, ended sessions, expired
    /// e-mail tokens, finished jobs, card checks.
    pub retention_days: [i64; 5],
    /// Days decided cases keep their documents and answers (`docs/retention.md`): the appeal window of
    /// a refusal, a refused case after it, a granted case.
    pub decided_retention_days: [i64; 3],
    /// An S3-compatible endpoint (`https://host:port`) for the files instead of `files_dir`; empty: local.
    pub s3_endpoint: String,
    /// The S3 signing region.
    pub s3_region: String,
    /// The S3 bucket.
    pub s3_bucket: String,
    /// The S3 access key id.
    pub s3_access_key: String,
    /// The S3 secret key; never printed.
    pub s3_secret_key: String,
    /// A PEM file of certificates the S3 endpoint may be signed by, besides the system's; empty: none.
    pub s3_ca_file: String,
    /// Whether an `http://` S3 endpoint is allowed (development only).
    pub s3_allow_http: bool,
    /// Working days an applicant has to answer an intended refusal; never fewer than the law's notice
    /// before the decision (3, APPC Art. 73, `data/procedure/appc.toml`).
    pub refusal_response_days: u32,
    /// The higher body complaints are forwarded to: an office of the appeals role (`ministry`, `ministry-…`).
    pub appeals_office: String,
    /// The hours (Astana time) at which offices hold hearings on each working day, comma-separated.
    pub hearing_hours: String,
    /// Whether a request for corrections pauses the statutory clock.
    pub deficiency_pauses_clock: bool,
    /// The routing rule: empty sends each case to the regional department of the region of settlement;
    /// an office (`department-KZ-71`) sends every case there.
    pub route_all_to: String,
    /// Where generated card-signing keys are kept (`<kid>.ed25519`, mode 0600).
    pub keys_dir: String,
    /// A card-signing key given as a secret file (64 hex digits); empty: generated into `keys_dir`.
    pub signing_key_file: String,
    /// Seconds a verifier may cache a status list.
    pub status_list_ttl: i64,
    /// Seconds a stored file with no document row is left alone (an upload in flight writes its file
    /// before its row); older ones are deleted by the sweep (`ATAJOLY_ORPHAN_GRACE_SECS`).
    pub orphan_grace_secs: i64,
    /// Public verifications a client may make a minute.
    pub verify_per_minute: u32,
    /// The bearer token Prometheus gives to read `/metrics`; empty: only the machine itself (a loopback
    /// connection with no proxy in between) may.
    pub metrics_token: String,
    /// The addresses of the service's own reverse proxies, comma-separated (their `X-Forwarded-For`
    /// names the client for rate limits); empty: none.
    pub trusted_proxies: String,
    /// Offices' own e-mail addresses for the copies of the notices of applications they filed, as
    /// `office=address` pairs, comma-separated (`embassy-MN=consul@example.kz`); an office not named
    /// gets them at its intermediaries' addresses.
    pub office_mail: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://data/atajoly.db".into(),
            listen: "127.0.0.1:8080".into(),
            cookie_secure: true,
            auto_migrate: true,
            log_format: "json".into(),
            public_url: "http://127.0.0.1:8080".into(),
            smtp_url: String::new(),
            smtp_ca_file: String::new(),
            mail_from: "Ata Zholy <no-reply@atajoly.kz>".into(),
            outbox_dir: "data/outbox".into(),
            run_jobs: true,
            files_dir: "data/files".into(),
            clamd: String::new(),
            retention_days: [180, 30, 30, 90, 730],
            decided_retention_days: [90, 365, 1825],
            files_key_file: "data/keys/files.key".into(),
            log_key_file: "data/keys/log.key".into(),
            secrets_key_file: "data/keys/secrets.key".into(),
            staff_idle_minutes: 30,
            staff_session_hours: 12,
            keys_dir: "data/keys/signing".into(),
            signing_key_file: String::new(),
            status_list_ttl: 86_400,
            orphan_grace_secs: 3600,
            verify_per_minute: 60,
            metrics_token: String::new(),
            trusted_proxies: String::new(),
            office_mail: String::new(),
            s3_endpoint: String::new(),
            s3_region: "us-east-1".into(),
            s3_bucket: "atajoly-files".into(),
            s3_access_key: String::new(),
            s3_secret_key: String::new(),
            s3_ca_file: String::new(),
            s3_allow_http: false,
            refusal_response_days: 5,
            appeals_office: "ministry".into(),
            hearing_hours: "10,11,15,16".into(),
            deficiency_pauses_clock: true,
            route_all_to: String::new(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &store::redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("cookie_secure", &self.cookie_secure)
            .field("auto_migrate", &self.auto_migrate)
            .field("log_format", &self.log_format)
            .field("public_url", &self.public_url)
            .field("smtp_url", &store::redact_url(&self.smtp_url))
            .field("smtp_ca_file", &self.smtp_ca_file)
            .field("mail_from", &self.mail_from)
            .field("outbox_dir", &self.outbox_dir)
            .field("run_jobs", &self.run_jobs)
            .field("files_dir", &self.files_dir)
            .field("clamd", &self.clamd)
            .field("retention_days", &self.retention_days)
            .field("decided_retention_days", &self.decided_retention_days)
            .field("keys_dir", &self.keys_dir)
            .field("signing_key_file", &self.signing_key_file)
            .field("status_list_ttl", &self.status_list_ttl)
            .field("orphan_grace_secs", &self.orphan_grace_secs)
            .field("verify_per_minute", &self.verify_per_minute)
            .field("metrics_token", &if self.metrics_token.is_empty() { "" } else { "***" })
            .field("trusted_proxies", &self.trusted_proxies)
            .field("office_mail", &self.office_mail)
            .field("files_key_file", &self.files_key_file)
            .field("log_key_file", &self.log_key_file)
            .field("secrets_key_file", &self.secrets_key_file)
            .field("staff_idle_minutes", &self.staff_idle_minutes)
            .field("staff_session_hours", &self.staff_session_hours)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_region", &self.s3_region)
            .field("s3_bucket", &self.s3_bucket)
            .field("s3_access_key", &self.s3_access_key)
            .field("s3_secret_key", &if self.s3_secret_key.is_empty() { "" } else { "***" })
            .field("s3_ca_file", &self.s3_ca_file)
            .field("s3_allow_http", &self.s3_allow_http)
            .field("refusal_response_days", &self.refusal_response_days)
            .field("appeals_office", &self.appeals_office)
            .field("hearing_hours", &self.hearing_hours)
            .field("deficiency_pauses_clock", &self.deficiency_pauses_clock)
            .field("route_all_to", &self.route_all_to)
            .finish()
    }
}

fn parse_bool(name: &str, v: &str) -> anyhow::Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => anyhow::bail!("{name} must be true or false, not {v:?}"),
    }
}

impl Config {
    /// The trusted proxies' addresses.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<std::net::IpAddr>> {
        self.trusted_proxies
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| a.parse().map_err(|_| anyhow::anyhow!("ATAJOLY_TRUSTED_PROXIES: {a:?} is not an IP address")))
            .collect()
    }

    /// The hours at which hearings are held, checked: office hours, sorted, each once.
    pub fn hearing_hours(&self) -> anyhow::Result<Vec<u8>> {
        let mut hours = Vec::new();
        for h in self.hearing_hours.split(',').map(str::trim).filter(|h| !h.is_empty()) {
            let hour: u8 = h.parse().ok().filter(|n| (8..=18).contains(n)).ok_or_else(|| {
                anyhow::anyhow!("ATAJOLY_HEARING_HOURS: {h:?} is not an office hour (8 to 18, Astana time)")
            })?;
            if !hours.contains(&hour) {
                hours.push(hour);
            }
        }
        if hours.is_empty() {
            anyhow::bail!("ATAJOLY_HEARING_HOURS: at least one hour, or nobody can be heard");
        }
        hours.sort_unstable();
        Ok(hours)
    }

    /// The higher body's office, checked: an office of the appeals role.
    pub fn appeals_office(&self) -> anyhow::Result<String> {
        let o = self.appeals_office.trim();
        if o == "ministry" || o.strip_prefix("ministry-").is_some_and(|r| !r.is_empty()) {
            Ok(o.to_owned())
        } else {
            anyhow::bail!("ATAJOLY_APPEALS_OFFICE: {o:?} is not an office of the appeals role (ministry, ministry-…)")
        }
    }

    /// The offices' own addresses: `office=address` pairs, each address a valid one.
    pub fn office_mail(&self) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
        let mut out = std::collections::BTreeMap::new();
        for pair in self.office_mail.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (office, address) = pair
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("ATAJOLY_OFFICE_MAIL: {pair:?} is not office=address"))?;
            let address = domain::account::Email::parse(address.trim())
                .map_err(|_| anyhow::anyhow!("ATAJOLY_OFFICE_MAIL: {address:?} is not an e-mail address"))?;
            out.insert(office.trim().to_owned(), address.to_string());
        }
        Ok(out)
    }

    /// Where the files go: the S3-compatible bucket when `s3_endpoint` is set, else `files_dir`.
    pub fn files_location(&self) -> anyhow::Result<service::files::Location> {
        if self.s3_endpoint.is_empty() {
            return Ok(service::files::Location::Dir(self.files_dir.clone().into()));
        }
        anyhow::ensure!(!self.s3_bucket.is_empty(), "ATAJOLY_S3_BUCKET must name the bucket");
        Ok(service::files::Location::S3(service::files::S3Settings {
            endpoint: self.s3_endpoint.clone(),
            region: self.s3_region.clone(),
            bucket: self.s3_bucket.clone(),
            access_key: self.s3_access_key.clone(),
            secret_key: self.s3_secret_key.clone(),
            ca_file: Some(self.s3_ca_file.clone()).filter(|f| !f.is_empty()).map(Into::into),
            allow_http: self.s3_allow_http,
        }))
    }

    /// Loads the file at `path` (if given, or `ATAJOLY_CONFIG`), then applies the environment.
    #[allow(clippy::too_many_lines, reason = "one short block per setting, read in the order they are documented")]
    pub fn load(path: Option<&str>, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let path = path.map(str::to_owned).or_else(|| env("ATAJOLY_CONFIG"));
        let mut c = match path {
            Some(p) => {
                let text =
                    std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("cannot read config file {p}: {e}"))?;
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("config file {p}: {}", e.message()))?
            }
            None => Config::default(),
        };
        if let Some(v) = env("ATAJOLY_DATABASE_URL") {
            c.database_url = v;
        }
        if let Some(v) = env("ATAJOLY_LISTEN") {
            c.listen = v;
        }
        if let Some(v) = env("ATAJOLY_COOKIE_SECURE") {
            c.cookie_secure = parse_bool("ATAJOLY_COOKIE_SECURE", &v)?;
        }
        if let Some(v) = env("ATAJOLY_AUTO_MIGRATE") {
            c.auto_migrate = parse_bool("ATAJOLY_AUTO_MIGRATE", &v)?;
        }
        if let Some(v) = env("ATAJOLY_LOG_FORMAT") {
            c.log_format = v;
        }
        if let Some(v) = env("ATAJOLY_PUBLIC_URL") {
            c.public_url = v;
        }
        if let Some(v) = env("ATAJOLY_SMTP_URL") {
            c.smtp_url = v;
        }
        if let Some(v) = env("ATAJOLY_MAIL_FROM") {
            c.mail_from = v;
        }
        if let Some(v) = env("ATAJOLY_OUTBOX_DIR") {
            c.outbox_dir = v;
        }
        if let Some(v) = env("ATAJOLY_FILES_DIR") {
            c.files_dir = v;
        }
        if let Some(v) = env("ATAJOLY_FILES_KEY_FILE") {
            c.files_key_file = v;
        }
        if let Some(v) = env("ATAJOLY_SECRETS_KEY_FILE") {
            c.secrets_key_file = v;
        }
        for (name, slot) in [
            ("ATAJOLY_CLAMD", &mut c.clamd),
            ("ATAJOLY_SMTP_CA_FILE", &mut c.smtp_ca_file),
            ("ATAJOLY_S3_ENDPOINT", &mut c.s3_endpoint),
            ("ATAJOLY_S3_REGION", &mut c.s3_region),
            ("ATAJOLY_S3_BUCKET", &mut c.s3_bucket),
            ("ATAJOLY_S3_ACCESS_KEY", &mut c.s3_access_key),
            ("ATAJOLY_S3_SECRET_KEY", &mut c.s3_secret_key),
            ("ATAJOLY_S3_CA_FILE", &mut c.s3_ca_file),
            ("ATAJOLY_LOG_KEY_FILE", &mut c.log_key_file),
            ("ATAJOLY_METRICS_TOKEN", &mut c.metrics_token),
        ] {
            if let Some(v) = env(name) {
                *slot = v;
            }
        }
        if let Some(v) = env("ATAJOLY_S3_ALLOW_HTTP") {
            c.s3_allow_http = parse_bool("ATAJOLY_S3_ALLOW_HTTP", &v)?;
        }
        if let Some(v) = env("ATAJOLY_REFUSAL_RESPONSE_DAYS") {
            c.refusal_response_days = v
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("ATAJOLY_REFUSAL_RESPONSE_DAYS must be a number of days, not {v:?}"))?;
        }
        if let Some(v) = env("ATAJOLY_DEFICIENCY_PAUSES_CLOCK") {
            c.deficiency_pauses_clock = parse_bool("ATAJOLY_DEFICIENCY_PAUSES_CLOCK", &v)?;
        }
        if let Some(v) = env("ATAJOLY_ROUTE_ALL_TO") {
            c.route_all_to = v;
        }
        if let Some(v) = env("ATAJOLY_KEYS_DIR") {
            c.keys_dir = v;
        }
        if let Some(v) = env("ATAJOLY_SIGNING_KEY_FILE") {
            c.signing_key_file = v;
        }
        for (i, name) in RETENTION_VARS.iter().enumerate() {
            if let Some(v) = env(name)
                && let Some(slot) = c.retention_days.get_mut(i)
            {
                *slot = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| anyhow::anyhow!("{name} must be a number of days, not {v:?}"))?;
            }
        }
        for (name, slot) in DECIDED_RETENTION_VARS.iter().zip(c.decided_retention_days.iter_mut()) {
            if let Some(v) = env(name) {
                *slot = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| anyhow::anyhow!("{name} must be a number of days, not {v:?}"))?;
            }
        }
        if let Some(v) = env("ATAJOLY_STATUS_LIST_TTL") {
            c.status_list_ttl = v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| anyhow::anyhow!("ATAJOLY_STATUS_LIST_TTL must be a number of seconds, not {v:?}"))?;
        }
        if let Some(v) = env("ATAJOLY_ORPHAN_GRACE_SECS") {
            c.orphan_grace_secs = v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                anyhow::anyhow!("ATAJOLY_ORPHAN_GRACE_SECS must be a number of seconds (at least 1), not {v:?}")
            })?;
        }
        if let Some(v) = env("ATAJOLY_VERIFY_PER_MINUTE") {
            c.verify_per_minute = v
                .parse()
                .map_err(|_| anyhow::anyhow!("ATAJOLY_VERIFY_PER_MINUTE must be a whole number, not {v:?}"))?;
        }
        if let Some(v) = env("ATAJOLY_TRUSTED_PROXIES") {
            c.trusted_proxies = v;
        }
        if let Some(v) = env("ATAJOLY_OFFICE_MAIL") {
            c.office_mail = v;
        }
        if let Some(v) = env("ATAJOLY_APPEALS_OFFICE") {
            c.appeals_office = v;
        }
        if let Some(v) = env("ATAJOLY_HEARING_HOURS") {
            c.hearing_hours = v;
        }
        if let Some(v) = env("ATAJOLY_RUN_JOBS") {
            c.run_jobs = parse_bool("ATAJOLY_RUN_JOBS", &v)?;
        }
        if !matches!(c.log_format.as_str(), "json" | "text") {
            anyhow::bail!("log_format must be json or text, not {:?}", c.log_format);
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::Config;

    fn with_office_mail(v: &'static str) -> Config {
        Config::load(None, |k| (k == "ATAJOLY_OFFICE_MAIL").then(|| v.to_owned())).expect("config")
    }

    #[test]
    fn hearing_hours_and_the_higher_body_are_checked() {
        let with =
            |k: &'static str, v: &'static str| Config::load(None, |x| (x == k).then(|| v.to_owned())).expect("config");
        assert_eq!(with("ATAJOLY_HEARING_HOURS", "15, 9,15").hearing_hours().expect("hours"), [9, 15]);
        assert!(with("ATAJOLY_HEARING_HOURS", "25").hearing_hours().is_err());
        assert!(with("ATAJOLY_HEARING_HOURS", " ").hearing_hours().is_err());
        assert_eq!(Config::load(None, |_| None).expect("defaults").hearing_hours().expect("hours"), [10, 11, 15, 16]);
        assert_eq!(
            with("ATAJOLY_APPEALS_OFFICE", "ministry-appeals").appeals_office().expect("office"),
            "ministry-appeals"
        );
        assert!(with("ATAJOLY_APPEALS_OFFICE", "department-KZ-75").appeals_office().is_err());
    }

    #[test]
    fn offices_addresses_are_pairs_of_an_office_and_a_valid_address() {
        let m = with_office_mail("embassy-MN=consul@mfa.kz, department-KZ-75 = kz75@enbek.kz").office_mail();
        let m = m.expect("pairs");
        assert_eq!(m.get("embassy-MN").map(String::as_str), Some("consul@mfa.kz"));
        assert_eq!(m.get("department-KZ-75").map(String::as_str), Some("kz75@enbek.kz"));
        assert!(with_office_mail("").office_mail().expect("none").is_empty());
        assert!(with_office_mail("embassy-MN").office_mail().is_err(), "no address");
        assert!(with_office_mail("embassy-MN=not an address").office_mail().is_err());
    }
}
