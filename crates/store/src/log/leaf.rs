//! What one leaf says (the record) and its bytes: the encoding the tree hashes (docs/audit-log.md).

use serde::{Deserialize, Serialize};

/// What one leaf says. Its data is the JSON of [`Leaf`]: these fields, in this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRecord {
    /// `application` and `card` (a state change, with its row in `application_events` or
    /// `card_events`), `admin`, `staff`, `read`, `key`, `system`.
    pub kind: String,
    /// When (Unix seconds).
    pub at: i64,
    /// The application it is about.
    pub application_id: Option<i64>,
    /// The card it is about.
    pub card_id: Option<i64>,
    /// Who (none for the system or another system).
    pub actor_id: Option<i64>,
    /// In which role (`officer`, `system`, `registry`, ...).
    pub actor_role: String,
    /// From which office.
    pub office: Option<String>,
    /// What (`grant`, `staff_create`, `open_document`, ...).
    pub action: String,
    /// What else it is about (`user:12`, `document:40`, `key:ab12…`, `calendar:2027`).
    pub subject: Option<String>,
    /// The state before.
    pub from: Option<String>,
    /// The state after.
    pub to: Option<String>,
    /// Why, or what.
    pub note: Option<String>,
}

/// The leaf's data: the format's version, the sequence number, and the record.
#[derive(Serialize)]
struct Leaf<'a> {
    v: u8,
    seq: u64,
    kind: &'a str,
    at: i64,
    application: Option<i64>,
    card: Option<i64>,
    actor: Option<i64>,
    role: &'a str,
    office: Option<&'a str>,
    action: &'a str,
    subject: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    note: Option<&'a str>,
}

/// The leaf data of `record` at `seq`: compact JSON, fields in a fixed order (docs/audit-log.md).
pub fn encode(seq: u64, r: &LogRecord) -> String {
    let leaf = Leaf {
        v: 1,
        seq,
        kind: &r.kind,
        at: r.at,
        application: r.application_id,
        card: r.card_id,
        actor: r.actor_id,
        role: &r.actor_role,
        office: r.office.as_deref(),
        action: &r.action,
        subject: r.subject.as_deref(),
        from: r.from.as_deref(),
        to: r.to.as_deref(),
        note: r.note.as_deref(),
    };
    serde_json::to_string(&leaf).unwrap_or_default()
}

/// The sequence number and record of a leaf's data; `None` when it is not one of this format.
pub fn decode(data: &str) -> Option<(u64, LogRecord)> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Owned {
        v: u8,
        seq: u64,
        kind: String,
        at: i64,
        application: Option<i64>,
        card: Option<i64>,
        actor: Option<i64>,
        role: String,
        office: Option<String>,
        action: String,
        subject: Option<String>,
        from: Option<String>,
        to: Option<String>,
        note: Option<String>,
    }
    let o: Owned = serde_json::from_str(data).ok()?;
    let record = LogRecord {
        kind: o.kind,
        at: o.at,
        application_id: o.application,
        card_id: o.card,
        actor_id: o.actor,
        actor_role: o.role,
        office: o.office,
        action: o.action,
        subject: o.subject,
        from: o.from,
        to: o.to,
        note: o.note,
    };
    // The bytes must be the encoding itself, not merely JSON that says the same.
    (o.v == 1 && encode(o.seq, &record) == data).then_some((o.seq, record))
}

impl LogRecord {
    /// The record of an application's event.
    pub fn application(application_id: i64, e: &crate::applications::Event) -> LogRecord {
        LogRecord {
            kind: "application".into(),
            at: e.at,
            application_id: Some(application_id),
            card_id: None,
            actor_id: e.actor_id,
            actor_role: e.actor_role.clone(),
            office: e.office.clone(),
            action: e.action.clone(),
            subject: None,
            from: Some(e.from_status.clone()),
            to: Some(e.to_status.clone()),
            note: e.note.clone(),
        }
    }

    /// The record of a card's event.
    pub fn card(card_id: i64, e: &crate::cards::CardEvent) -> LogRecord {
        LogRecord {
            kind: "card".into(),
            at: e.at,
            application_id: None,
            card_id: Some(card_id),
            actor_id: e.actor_id,
            actor_role: e.actor_role.clone(),
            office: None,
            action: e.action.clone(),
            subject: None,
            from: Some(e.from_state.clone()),
            to: Some(e.to_state.clone()),
            note: e.note.clone(),
        }
    }
}
