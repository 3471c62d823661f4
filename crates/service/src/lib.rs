//! The use cases of atajoly: what each action does and checks, its notices and jobs, over the store and
//! the domain's rules. No HTTP: the web layer and the command line both call these.

pub mod access;
pub mod accounts;
pub mod admin;
pub mod apikeys;
mod app;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod cards;
pub mod cases;
mod clock;
pub mod complaints;
pub mod deadlines;
pub mod enrol;
mod error;
pub mod export;
pub mod filed;
pub mod files;
pub mod granting;
pub mod hearings;
mod i18n;
pub mod inform;
pub mod invariants;
pub mod jobs;
pub mod letters;
pub mod limits;
pub mod mail;
mod notices;
mod office;
mod password;
pub mod policy;
pub mod retention;
pub mod secrets;
mod settings;
pub mod step;
pub mod tls;
pub mod uploads;
pub mod worker;

pub use app::{App, AppState};
pub use clock::{Clock, KZ_OFFSET, SystemClock};
pub use error::{AppError, ErrorCode, InvalidField};
pub use i18n::I18n;
pub use settings::Settings;

/// The message ids every locale must define (for the completeness test).
pub fn locale_sources() -> [(domain::Lang, &'static str); 3] {
    i18n::SOURCES
}
