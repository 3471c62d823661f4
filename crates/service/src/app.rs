//! The service's state: built once, shared by every use case (and by every request of the web layer).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use domain::reference::{Catalog, Kind};
use domain::search::SearchIndex;
use store::Store;
use time::{Date, OffsetDateTime};

use crate::i18n::I18n;

/// Kazakhstan's time zone (UTC+5): "today" for every deadline.
pub const KZ_OFFSET: time::UtcOffset = match time::UtcOffset::from_hms(5, 0, 0) {
    Ok(o) => o,
    Err(_) => time::UtcOffset::UTC,
};

/// Where "today" comes from: passed in, so that tests fix the date.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> OffsetDateTime;
    /// Today's date in Kazakhstan (UTC+5).
    fn today(&self) -> Date {
        self.now().to_offset(KZ_OFFSET).date()
    }
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

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
    pub retention: crate::retention::Periods,
    /// How long decided cases keep their documents and answers (`docs/retention.md`).
    pub decided_retention: crate::retention::Decided,
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
    /// Seconds after which a status list must not be used (`exp` - `iat`).
    pub status_list_validity: i64,
    /// Public verifications (page and API) a client network may make a minute.
    pub verify_per_minute: u32,
    /// The unit of the delays that slow guesses at one account or card from many networks (decision
    /// 0023: 1, 2, 4, … units, at most 16).
    pub slow_down_unit: std::time::Duration,
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
            retention: crate::retention::Periods::default(),
            decided_retention: crate::retention::Decided::default(),
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
            status_list_validity: 7 * 86_400,
            verify_per_minute: 60,
            slow_down_unit: crate::limits::SLOW_DOWN_UNIT,
            trusted_proxies: Vec::new(),
            log_key_file: None,
            metrics_token: None,
            office_mail: std::collections::BTreeMap::new(),
        }
    }
}

/// Everything a use case may use.
pub struct App {
    /// The database.
    pub store: Arc<dyn Store>,
    /// Reference data, every version.
    pub catalog: Catalog,
    /// The administrative procedure's periods (hearing, complaint), with their basis.
    pub procedure: domain::procedure::Procedure,
    /// Messages in every language.
    pub i18n: I18n,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub settings: Settings,
    /// Outgoing e-mail.
    pub mailer: crate::mail::Mailer,
    /// The working-day calendar in force: the embedded years with administrators' edits over them.
    calendar: std::sync::RwLock<Arc<domain::calendar::Calendar>>,
    /// Applicants' files.
    pub files: crate::files::FileStore,
    /// The card's keys and signed status lists.
    pub cards: crate::cards::keys::CardRuntime,
    /// The audit log's key and name.
    pub log: crate::audit::AuditLog,
    indexes: Mutex<HashMap<(String, String), Arc<SearchIndex>>>,
}

/// The shared state.
pub type AppState = Arc<App>;

impl App {
    /// Builds the state; loads reference data from the store.
    pub async fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        settings: Settings,
    ) -> Result<AppState, store::StoreError> {
        let catalog = Catalog::new(store.load_all_lists().await?);
        let procedure = domain::procedure::Procedure::embedded().map_err(store::StoreError::Config)?;
        let i18n = I18n::load();
        let mailer = crate::mail::Mailer::new(&settings.mail).map_err(|e| store::StoreError::Config(e.to_string()))?;
        let files = crate::files::FileStore::connect(&settings.files, settings.files_keys.clone())
            .await
            .map_err(|e| store::StoreError::Config(e.to_string()))?;
        let calendar = std::sync::RwLock::new(settings.base_calendar.clone());
        let origin = crate::audit::origin_of(&settings.public_url);
        let log = match &settings.log_key_file {
            Some(path) => crate::audit::AuditLog::load_or_create(path, &origin),
            None => crate::audit::AuditLog::ephemeral(&origin),
        }
        .map_err(|e| store::StoreError::Config(format!("audit log key: {e}")))?;
        crate::cards::keys::ensure_signing_key(
            &store,
            &settings.keys_dir,
            settings.signing_key_file.as_deref(),
            clock.now().unix_timestamp(),
        )
        .await?;
        let app = Arc::new(App {
            cards: crate::cards::keys::CardRuntime::default(),
            log,
            calendar,
            files,
            store,
            catalog,
            procedure,
            i18n,
            clock,
            settings,
            mailer,
            indexes: Mutex::new(HashMap::new()),
        });
        app.reload_calendar().await?;
        crate::admin::seal_clear_secrets(&app).await?;
        app.cards.reload(app.store.as_ref(), &app.settings.keys_dir, app.settings.signing_key_file.as_deref()).await?;
        // Build today's index now, not on the first search.
        let _ = app.search_index(app.clock.today());
        Ok(app)
    }

    /// The working-day calendar in force.
    pub fn calendar(&self) -> Arc<domain::calendar::Calendar> {
        self.calendar.read().map_or_else(|p| p.into_inner().clone(), |c| c.clone())
    }

    /// Rebuilds the calendar from the embedded years and the years administrators saved (theirs win).
    pub async fn reload_calendar(&self) -> Result<(), store::StoreError> {
        let base = &self.settings.base_calendar;
        let mut years: std::collections::BTreeMap<i32, domain::calendar::YearData> =
            base.years().filter_map(|y| base.year_data(y).map(|d| (y, d.clone()))).collect();
        for (year, json) in self.store.calendar_years().await? {
            let data: domain::calendar::YearData = serde_json::from_str(&json)?;
            years.insert(i32::try_from(year).unwrap_or(data.year), data);
        }
        let calendar = domain::calendar::Calendar::new(years.into_values())
            .map_err(|e| store::StoreError::Corrupt(format!("calendar: {e}")))?;
        let mut slot = self.calendar.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = Arc::new(calendar);
        Ok(())
    }

    /// The profession search index over the versions in force on `day` (built once per pair of versions).
    pub fn search_index(&self, day: Date) -> Arc<SearchIndex> {
        let c1 = self.catalog.in_force(Kind::ProfessionCat1, day);
        let c2 = self.catalog.in_force(Kind::ProfessionCat2, day);
        let key =
            (c1.map(|v| v.version.clone()).unwrap_or_default(), c2.map(|v| v.version.clone()).unwrap_or_default());
        let mut cache = self.indexes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.entry(key).or_insert_with(|| Arc::new(SearchIndex::build(c1, c2))).clone()
    }
}
