//! The service's state: built once, shared by every use case (and by every request of the web layer).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use domain::reference::{Catalog, Kind};
use domain::search::SearchIndex;
use store::Store;
use time::Date;

use crate::clock::Clock;
use crate::i18n::I18n;
use crate::settings::Settings;

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
    pub log: crate::audit::checkpoints::AuditLog,
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
        let origin = crate::audit::checkpoints::origin_of(&settings.public_url);
        let log = match &settings.log_key_file {
            Some(path) => crate::audit::checkpoints::AuditLog::load_or_create(path, &origin),
            None => crate::audit::checkpoints::AuditLog::ephemeral(&origin),
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
        crate::secrets::seal_clear_secrets(app.store.as_ref(), &app.settings.secrets_keys).await?;
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
