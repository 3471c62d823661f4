//! The records of actions that change no state of a case, as the audit log keeps them: built from who
//! acted, appended outside a unit of work. Nothing here knows `App`, so the signing keys' and the
//! sweeps' records are made without it.

use store::log::LogRecord;
use store::{Store, StoreError};

/// Appends a record of an action that changes no state of a case (a sign-in, a read, an
/// administrator's action outside a unit of work).
pub async fn record(store: &dyn Store, record: &LogRecord) -> Result<u64, StoreError> {
    store.log_append(record).await
}

/// A record of what a member of staff did that is no case's or card's state change (an
/// administrator's action, a sign-in).
pub fn staff_record(user: &store::User, kind: &str, action: &str, subject: Option<String>, at: i64) -> LogRecord {
    LogRecord {
        kind: kind.into(),
        at,
        application_id: None,
        card_id: None,
        actor_id: Some(user.id),
        actor_role: user.role.as_str().to_owned(),
        office: user.office.clone(),
        action: action.into(),
        subject,
        from: None,
        to: None,
        note: None,
    }
}

/// A record of the system's or an operator's action (no person signed in).
pub fn system_record(kind: &str, role: &str, action: &str, subject: Option<String>, at: i64) -> LogRecord {
    LogRecord {
        kind: kind.into(),
        at,
        application_id: None,
        card_id: None,
        actor_id: None,
        actor_role: role.into(),
        office: None,
        action: action.into(),
        subject,
        from: None,
        to: None,
        note: None,
    }
}
