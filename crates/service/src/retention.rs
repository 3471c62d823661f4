//! Retention (`docs/retention.md`): what is kept how long, and the sweep that deletes what is due, in
//! batches, each kind's count recorded in the audit log. Also the applicant's own deletion of a draft.
//!
//! A draft is erased rather than deleted: its row and its history stay (the history is append-only and
//! in the audit log, and holds no answers), while its answers, the keys that find duplicates, the
//! e-mail it was filed under and its documents (rows and files) go. Erased drafts are invisible
//! everywhere (lists, pages, the API answer 404).
//!
//! A refused or granted case loses its documents and answers after its period ([`sweep_decided`])
//! but stays visible to its applicant and the office, which are told what went and when.

use store::Event;

use crate::app::App;
use crate::applications::{Access, Capacity};
use crate::error::{AppError, ErrorCode, InvalidField};
pub use crate::settings::{Decided, Periods};

/// Rows deleted per statement: short transactions, so a sweep never holds up applicants.
pub const BATCH: i64 = 500;
/// Batches of one kind per sweep (what is left waits for the next sweep).
const MAX_BATCHES: usize = 40;

/// What one sweep deleted, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Swept {
    /// Drafts erased.
    pub drafts: u64,
    /// Files removed with them.
    pub files: u64,
    /// Sessions deleted.
    pub sessions: u64,
    /// E-mail tokens deleted.
    pub tokens: u64,
    /// Finished jobs deleted.
    pub jobs: u64,
    /// Card checks deleted.
    pub verifications: u64,
    /// Decided cases whose documents and answers were erased.
    pub decided: DecidedSwept,
    /// Rate limits' ended windows deleted.
    pub rate_limits: u64,
}

const DAY: i64 = 86_400;

async fn batches<F, Fut>(mut one: F) -> Result<u64, store::StoreError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<u64, store::StoreError>>,
{
    let mut total = 0;
    for _ in 0..MAX_BATCHES {
        let n = one().await?;
        total += n;
        if n < u64::try_from(BATCH).unwrap_or(u64::MAX) {
            break;
        }
    }
    Ok(total)
}

/// Erases draft `id` recording `event`, then removes its files: how many, or `None` when it is not an
/// unerased draft.
async fn erase(app: &App, id: i64, event: &Event) -> Result<Option<u64>, store::StoreError> {
    let Some(keys) = app.store.erase_draft(id, event).await? else {
        return Ok(None);
    };
    // After the commit: a file whose removal fails is an orphan with no row (it cannot be opened
    // without its document's key and row), logged for the operator.
    for key in &keys {
        app.files.remove(key).await;
    }
    Ok(Some(keys.len() as u64))
}

/// Deletes everything due under `app.settings.retention`, in batches; records each kind's count in
/// the audit log (kind `system`, role `retention`, action `retention_delete`, subject the kind).
pub async fn sweep(app: &App) -> Result<Swept, store::StoreError> {
    let p = app.settings.retention;
    let now = app.clock.now().unix_timestamp();
    let mut swept = Swept::default();
    for _ in 0..MAX_BATCHES {
        let ids = app.store.idle_drafts(now - p.draft_idle_days * DAY, BATCH).await?;
        for id in &ids {
            let event = Event {
                at: now,
                actor_id: None,
                actor_role: "system".into(),
                office: None,
                action: "erase".into(),
                from_status: "draft".into(),
                to_status: "draft".into(),
                note: Some(format!("retention: unchanged for {} days", p.draft_idle_days)),
            };
            if let Some(files) = erase(app, *id, &event).await? {
                swept.drafts += 1;
                swept.files += files;
            }
        }
        if ids.len() < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            break;
        }
    }
    swept.sessions = batches(|| app.store.purge_sessions(now - p.session_days * DAY, BATCH)).await?;
    swept.tokens = batches(|| app.store.purge_tokens(now - p.token_days * DAY, BATCH)).await?;
    swept.jobs = batches(|| app.store.purge_jobs(now - p.job_days * DAY, BATCH)).await?;
    swept.verifications = batches(|| app.store.purge_verifications(now - p.verification_days * DAY, BATCH)).await?;
    swept.decided = sweep_decided(app, now).await?;
    swept.rate_limits = batches(|| app.store.purge_rate_limits(now - crate::limits::LONGEST_WINDOW, BATCH)).await?;
    for (kind, n) in [
        ("drafts", swept.drafts),
        ("sessions", swept.sessions),
        ("tokens", swept.tokens),
        ("jobs", swept.jobs),
        ("verifications", swept.verifications),
        ("rate_limits", swept.rate_limits),
    ] {
        if n > 0 {
            let mut r = crate::audit::system_record("system", "retention", "retention_delete", Some(kind.into()), now);
            r.note = Some(format!("deleted:{n}"));
            app.store.log_append(&r).await?;
            tracing::info!(kind, deleted = n, "retention");
        }
    }
    Ok(swept)
}

/// The applicant (or the office that filed it) deletes a draft: its content goes at once, as the
/// retention sweep would erase it. A filed application cannot be deleted this way (409, said so).
pub async fn delete_draft(app: &App, access: &Access, actor: &store::User) -> Result<(), AppError> {
    if access.app.status != "draft" {
        return Err(AppError {
            code: ErrorCode::Conflict,
            fields: vec![InvalidField { field: "application".into(), problem: "not_a_draft" }],
            retry_after: None,
            args: Vec::new(),
        });
    }
    let role = if access.role == Capacity::Intermediary { "intermediary" } else { "applicant" };
    let event = Event {
        at: app.clock.now().unix_timestamp(),
        actor_id: Some(actor.id),
        actor_role: role.into(),
        office: if access.role == Capacity::Intermediary { actor.office.clone() } else { None },
        action: "erase".into(),
        from_status: "draft".into(),
        to_status: "draft".into(),
        note: Some(format!("deleted by the {role}")),
    };
    match erase(app, access.app.id, &event).await? {
        Some(_) => Ok(()),
        None => Err(AppError::not_found()),
    }
}

/// The answers a granted case keeps for its card: a reissue on a new passport makes the new card from
/// them (`cards::verify::card_for`), with the new passport's fields.
pub const CARD_ANSWERS: [&str; 9] = [
    "surname_latin",
    "given_names_latin",
    "surname_kk",
    "given_names_kk",
    "birth_date",
    "citizenship",
    "passport_number",
    "passport_issued",
    "passport_expires",
];

/// What one sweep erased of decided cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecidedSwept {
    /// Refused cases whose documents and answers were erased.
    pub refused: u64,
    /// Granted cases whose documents and other answers were erased.
    pub granted: u64,
    /// Files removed with them.
    pub files: u64,
}

/// The answers of `a` that stay after its erasure: those its card needs for a grant, none for a refusal.
fn kept_answers(a: &store::Application, for_card: bool) -> serde_json::Value {
    let mut kept = serde_json::Map::new();
    if for_card && let Some(all) = a.answers.as_object() {
        for k in CARD_ANSWERS {
            if let Some(v) = all.get(k) {
                kept.insert(k.to_owned(), v.clone());
            }
        }
    }
    serde_json::Value::Object(kept)
}

/// Erases the documents and answers of refused and granted cases whose period has passed, in
/// batches; each kind's count goes to the audit log (subjects `refused_cases`, `granted_cases`). A
/// refusal's period starts when its appeal window closes. A granted case keeps its duplicate-finding
/// keys and the answers its card needs; a refused one keeps neither. Both keep their row, history,
/// notes and cards, and the e-mail that lets their applicant find them.
pub async fn sweep_decided(app: &App, now: i64) -> Result<DecidedSwept, store::StoreError> {
    let p = app.settings.decided_retention;
    let mut swept = DecidedSwept::default();
    let kinds = [
        ("refused", "refused_cases", p.appeal_days + p.refused_days, false),
        ("granted", "granted_cases", p.granted_days, true),
    ];
    for (status, subject, days, for_card) in kinds {
        let mut erased = 0;
        for _ in 0..MAX_BATCHES {
            let ids = app.store.decided_due(status, now - days * DAY, BATCH).await?;
            for id in &ids {
                let Some(a) = app.store.application(*id).await? else { continue };
                let event = Event {
                    at: now,
                    actor_id: None,
                    actor_role: "system".into(),
                    office: None,
                    action: "retention_erase".into(),
                    from_status: status.into(),
                    to_status: status.into(),
                    note: Some(format!("retention: {days} days after the decision became final")),
                };
                let kept = kept_answers(&a, for_card);
                let Some(keys) = app.store.erase_decided(*id, status, &kept, for_card, &event).await? else { continue };
                // After the commit, as for drafts: a file left behind has no row and no use.
                for key in &keys {
                    app.files.remove(key).await;
                }
                erased += 1;
                swept.files += keys.len() as u64;
            }
            if ids.len() < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                break;
            }
        }
        if erased > 0 {
            let mut r =
                crate::audit::system_record("system", "retention", "retention_delete", Some(subject.into()), now);
            r.note = Some(format!("deleted:{erased}"));
            app.store.log_append(&r).await?;
            tracing::info!(kind = subject, deleted = erased, "retention");
        }
        if status == "refused" {
            swept.refused = erased;
        } else {
            swept.granted = erased;
        }
    }
    Ok(swept)
}

/// The message that says a decided case's documents and answers went under the retention policy
/// (`$date` the day they went), or `None` while they are kept.
pub fn erased_message(a: &store::Application) -> Option<&'static str> {
    a.content_erased_at?;
    Some(if a.status == "granted" { "retention-erased-granted" } else { "retention-erased-refused" })
}
