//! What applications do, whoever asks (a page or the API): who may see which, drafts filled step by
//! step, the passport's MRZ, files (uploads are `crate::uploads`), submission with its notices,
//! corrections. Handlers only translate.

use std::collections::HashMap;

use domain::Lang;
use domain::application::{self, Action, Answers, Status, Step};
use domain::reference::Kind;
use store::{Application, Document, Event, MatchKeys, NewApplication, User};

pub use crate::access::{Access, Capacity, answers, is_intermediary, load};
use crate::app::App;
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::files::FileReader;
use crate::jobs::email_job;
use crate::mail;
pub use crate::notices::notices;
use crate::step::Move;

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

fn now(app: &App) -> i64 {
    app.clock.now().unix_timestamp()
}

/// The channel of an office: `embassy-MN` → `embassy`.
pub fn office_channel(office: &str) -> &'static str {
    if office.starts_with("embassy") {
        "embassy"
    } else if office.starts_with("department") {
        "department"
    } else {
        "foundation"
    }
}

/// The actions whose note the applicant (and the office that filed for them) is shown: the items to
/// correct with their reasons, and their own answer to an intended refusal. Other notes (officers'
/// case notes, proposals, countersignatures) are the office's; the decisions reach the applicant as
/// notices, with their grounds.
pub const NOTES_THE_APPLICANT_SEES: &[&str] = &["request_corrections", "respond"];

/// An application's history as its applicant is shown it: who acted by role and office, never by
/// person, and only the notes of [`NOTES_THE_APPLICANT_SEES`].
pub async fn history_for_applicant(app: &App, access: &Access) -> Result<Vec<store::Event>, AppError> {
    Ok(app
        .store
        .events(access.app.id)
        .await?
        .into_iter()
        .map(|e| store::Event {
            actor_id: None,
            note: e.note.filter(|_| NOTES_THE_APPLICANT_SEES.contains(&e.action.as_str())),
            ..e
        })
        .collect())
}

/// The other applications that look like the same person's, as the caller may see them. An office
/// that files for people sees only those it filed itself: what other offices hold, and whether a
/// passport number has applied anywhere, is the deciding officer's to see, not every embassy's.
/// Applicants see none.
pub async fn duplicates_seen_by(app: &App, access: &Access) -> Result<Vec<store::Duplicate>, AppError> {
    if access.role != Capacity::Intermediary {
        return Ok(Vec::new());
    }
    let own = access.app.office.as_deref();
    Ok(app
        .store
        .duplicates(access.app.id)
        .await?
        .into_iter()
        .filter(|d| own.is_some() && d.office.as_deref() == own)
        .collect())
}

/// The applications the caller may see.
pub async fn list(app: &App, user: &User) -> Result<Vec<Application>, AppError> {
    if is_intermediary(user) {
        let office = user.office.as_deref().unwrap_or_default();
        return Ok(app.store.applications_of_office(office).await?);
    }
    Ok(app.store.applications_of(user.id, &user.email).await?)
}

/// For an intermediary: on whose behalf, and who gets notices.
#[derive(Debug, Clone, Default)]
pub struct OnBehalf {
    /// The applicant's e-mail, if known.
    pub applicant_email: Option<String>,
    /// Whether the office gets the notices too.
    pub notify_office: bool,
}

/// Starts a draft. Applicants own theirs; an intermediary's draft records the office and channel and
/// who receives notices. A repeated idempotency key returns the first draft.
pub async fn create(
    app: &App,
    user: &User,
    on_behalf: Option<OnBehalf>,
    channel: &str,
    lang: Lang,
    idempotency_key: Option<String>,
) -> Result<Application, AppError> {
    crate::policy::check_filer(user)?;
    let new = if is_intermediary(user) {
        let b = on_behalf.unwrap_or_default();
        let email = match b.applicant_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => Some(
                domain::account::Email::parse(e)
                    .map_err(|p| AppError::invalid([field("applicant_email", p.as_str())]))?
                    .to_string(),
            ),
            None => None,
        };
        if email.is_none() && !b.notify_office {
            // Someone must hear about the case.
            return Err(AppError::invalid([field("notify_office", "required_without_email")]));
        }
        let office = user.office.clone().unwrap_or_default();
        NewApplication {
            owner_id: None,
            applicant_email: email.clone(),
            created_by: user.id,
            channel: office_channel(&office).to_owned(),
            office: Some(office),
            notify_office: b.notify_office,
            lang: lang.code().to_owned(),
            answers: serde_json::to_value(Answers { contact_email: email.unwrap_or_default(), ..Answers::default() })
                .unwrap_or_default(),
            idempotency_key,
            now: now(app),
        }
    } else if user.role == domain::account::Role::Applicant {
        NewApplication {
            owner_id: Some(user.id),
            applicant_email: Some(user.email.clone()),
            created_by: user.id,
            channel: channel.to_owned(),
            office: None,
            notify_office: false,
            lang: lang.code().to_owned(),
            answers: serde_json::to_value(Answers { contact_email: user.email.clone(), ..Answers::default() })
                .unwrap_or_default(),
            idempotency_key,
            now: now(app),
        }
    } else {
        return Err(AppError::code(ErrorCode::Forbidden));
    };
    Ok(app.store.create_application(&new).await?)
}

/// Whether the caller may change the item (`names`, `doc:passport`, ...) now.
pub fn editable(a: &Application, item: &str) -> bool {
    match Status::parse(&a.status) {
        Some(Status::Draft) => true,
        Some(Status::CorrectionsRequested) => a.reopened.iter().any(|r| r == item),
        _ => false,
    }
}

fn keys(a: &Answers) -> MatchKeys {
    let (latin, kk) = application::name_keys(a);
    let opt = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    MatchKeys {
        passport_number: opt(&a.passport_number),
        name_key_latin: opt(&latin),
        name_key_kk: opt(&kk),
        birth_date: opt(&a.birth_date),
        category: opt(&a.category),
        country: opt(&a.citizenship),
    }
}

/// Saves some fields. Each field's step must be editable; every problem of the fields given is named
/// and nothing is saved unless all are valid. A stale `version` is a conflict.
pub async fn save_fields<H: std::hash::BuildHasher + Sync>(
    app: &App,
    access: &Access,
    values: &HashMap<String, String, H>,
    version: Option<i64>,
) -> Result<Application, AppError> {
    let a = &access.app;
    let mut answers = answers(a);
    let mut unknown = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    for (k, v) in values {
        let step = Step::ALL.into_iter().find(|s| s.fields().iter().any(|(f, _)| f == k));
        let Some(step) = step else {
            unknown.push(field(k, "unknown_field"));
            continue;
        };
        if !editable(a, step.slug()) {
            unknown.push(field(k, "not_editable"));
            continue;
        }
        answers.set(k, v);
        if !steps.contains(&step) {
            steps.push(step);
        }
    }
    if !unknown.is_empty() {
        return Err(AppError::invalid(unknown));
    }
    let today = app.clock.today();
    let mut problems: Vec<InvalidField> = Vec::new();
    for step in &steps {
        for p in application::check_step(*step, &answers, &app.catalog, today) {
            if values.contains_key(p.field) {
                problems.push(field(p.field, p.problem));
            }
        }
    }
    // Keep the page order of fields.
    problems.sort_by_key(|p| Step::ALL.iter().flat_map(|s| s.fields()).position(|(f, _)| *f == p.field));
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let json = serde_json::to_value(&answers).map_err(|e| AppError::internal(&e))?;
    if !app.store.save_answers(a.id, version.unwrap_or(a.version), &json, &keys(&answers), now(app)).await? {
        return Err(AppError::code(ErrorCode::Conflict));
    }
    app.store.application(a.id).await?.ok_or_else(AppError::not_found)
}

/// Fills the passport fields from the machine-readable zone (every check digit verified).
pub async fn fill_from_mrz(app: &App, access: &Access, zone: &str) -> Result<Application, AppError> {
    let today = app.clock.today();
    let m = domain::mrz::parse(zone, today).map_err(|e| AppError::invalid([field("mrz", e.as_str())]))?;
    let alpha2 = |alpha3: &str| {
        app.catalog
            .in_force(Kind::Country, today)
            .and_then(|l| l.items.iter().find(|i| i.code.as_deref() == Some(alpha3)))
            .map(|i| i.key.clone())
            .unwrap_or_default()
    };
    let mut values = HashMap::new();
    values.insert("surname_latin".to_owned(), m.surname.clone());
    values.insert("given_names_latin".to_owned(), m.given_names.clone());
    values.insert("passport_number".to_owned(), m.number.clone());
    values.insert("passport_expires".to_owned(), m.expiry.to_string());
    values.insert("birth_date".to_owned(), m.birth_date.to_string());
    if matches!(m.sex, 'M' | 'F') {
        values.insert("sex".to_owned(), m.sex.to_string());
    }
    let citizenship = alpha2(&m.nationality);
    if !citizenship.is_empty() {
        values.insert("citizenship".to_owned(), citizenship);
    }
    // Fill only: the rest of each step (Cyrillic names, issue date) stays for the applicant. The checks
    // that concern these fields alone still apply (an expired passport, a citizen of Kazakhstan).
    let a = &access.app;
    for step in [Step::Names, Step::Birth, Step::Passport] {
        if !editable(a, step.slug()) {
            return Err(AppError::invalid([field("mrz", "not_editable")]));
        }
    }
    let mut answers = answers(a);
    for (k, v) in &values {
        answers.set(k, v);
    }
    let mut problems = Vec::new();
    for step in [Step::Names, Step::Birth, Step::Passport] {
        for p in application::check_step(step, &answers, &app.catalog, today) {
            if values.contains_key(p.field) {
                problems.push(field(p.field, p.problem));
            }
        }
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    save_fields(app, access, &values, None).await
}

/// The checklist: each needed item with its files, and what is missing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistItem {
    /// The `document` list key.
    pub item: &'static str,
    /// Its files.
    pub files: Vec<Document>,
    /// `missing`, `translation_missing` or none.
    pub problem: Option<&'static str>,
}

/// The document checklist of an application, with what each item still lacks.
pub fn checklist(a: &Answers, docs: &[Document]) -> Vec<ChecklistItem> {
    application::documents_needed(a)
        .into_iter()
        .map(|item| {
            let files: Vec<Document> = docs.iter().filter(|d| d.item == item).cloned().collect();
            let originals: Vec<&Document> = files.iter().filter(|d| d.role == "original").collect();
            let problem = if originals.is_empty() {
                Some("missing")
            } else if originals.iter().any(|d| d.foreign_language) && !files.iter().any(|d| d.role == "translation") {
                Some("translation_missing")
            } else {
                None
            };
            ChecklistItem { item, files, problem }
        })
        .collect()
}

/// A document of an application with its file opened for reading: decrypted a chunk at a time, and
/// checked against the document's recorded SHA-256 (a file that is not the recorded one is an error
/// before its last chunk is given out). The caller has already checked who may read it.
pub async fn open_document(app: &App, application_id: i64, doc_id: i64) -> Result<(Document, FileReader), AppError> {
    let docs = app.store.documents(application_id).await?;
    let d = docs.into_iter().find(|d| d.id == doc_id).ok_or_else(AppError::not_found)?;
    let reader = app.files.open_document(&d).await.map_err(|e| {
        tracing::error!(application_id, doc_id, error = %e, "a stored file cannot be read");
        AppError::internal(&e)
    })?;
    Ok((d, reader))
}

/// Removes a file while its item is editable.
pub async fn remove_upload(app: &App, access: &Access, doc_id: i64) -> Result<(), AppError> {
    let docs = app.store.documents(access.app.id).await?;
    let doc = docs.iter().find(|d| d.id == doc_id).ok_or_else(AppError::not_found)?;
    let item = format!("doc:{}", doc.item);
    match app.store.remove_document(access.app.id, doc_id, &[item.as_str()]).await? {
        Some(d) => {
            app.files.remove(&d.blob_key).await;
            Ok(())
        }
        None => Err(AppError::invalid([field("file", "not_editable")])),
    }
}

/// Everything that keeps an application from being submitted, named by field (`doc_<item>` for files).
pub fn problems(app: &App, a: &Application, docs: &[Document]) -> Vec<InvalidField> {
    let answers = answers(a);
    let mut out: Vec<InvalidField> = application::check_all(&answers, &app.catalog, app.clock.today())
        .into_iter()
        .map(|p| field(p.field, p.problem))
        .collect();
    for c in checklist(&answers, docs) {
        if let Some(p) = c.problem {
            out.push(InvalidField { field: format!("doc_{}", c.item), problem: p });
        }
    }
    out
}

/// The items reopened for correction that the applicant left as they were: each must change before
/// the application goes back (field: the step's slug, or `doc_<item>`; problem `unchanged`).
fn unchanged(a: &Application, docs: &[Document]) -> Vec<InvalidField> {
    let Some(snapshot) = &a.reopened_snapshot else { return Vec::new() };
    let before: Answers = serde_json::from_value(snapshot["answers"].clone()).unwrap_or_default();
    let had: Vec<i64> =
        snapshot["files"].as_array().into_iter().flatten().filter_map(serde_json::Value::as_i64).collect();
    let new_files: Vec<&str> = docs.iter().filter(|d| !had.contains(&d.id)).map(|d| d.item.as_str()).collect();
    application::unchanged_items(&a.reopened, &before, &answers(a), &new_files)
        .into_iter()
        .map(|item| {
            field(&item.strip_prefix("doc:").map_or_else(|| item.to_owned(), |d| format!("doc_{d}")), "unchanged")
        })
        .collect()
}

/// Submits (or, after corrections, resubmits) the application. Submitting what is already submitted
/// returns it unchanged, so a double click or a retried request files once.
pub async fn submit(app: &App, access: &Access, actor: &User) -> Result<Application, AppError> {
    let a = &access.app;
    let status = Status::parse(&a.status).ok_or_else(|| AppError::internal(&"unknown status"))?;
    if status == Status::Submitted {
        return Ok(a.clone());
    }
    let to = status.after(Action::Submit).ok_or_else(|| AppError::code(ErrorCode::Conflict))?;
    let docs = app.store.documents(a.id).await?;
    let mut problems = problems(app, a, &docs);
    problems.extend(unchanged(a, &docs));
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let year = app.clock.today().year();
    let reference = a.reference.clone().unwrap_or_else(|| application::reference_number(year, a.id));
    // The office that filed it and asked for copies hears of the submission at its address.
    let office_to = match crate::office::filing_office(a) {
        Some(office) if a.notify_office => crate::office::office_addresses(app, office).await?,
        _ => Vec::new(),
    };
    let mut step = match Move::begin(app, a, Action::Submit).await {
        Ok(step) => step,
        // Someone acted at the same moment: if it is filed now, that is the same outcome.
        Err(e) if e.code == ErrorCode::Conflict => {
            let now_app = app.store.application(a.id).await?.ok_or_else(AppError::not_found)?;
            return if now_app.status == Status::Submitted.as_str() { Ok(now_app) } else { Err(e) };
        }
        Err(e) => return Err(e),
    };
    let t = step.at;
    let lang = Lang::parse(&a.lang).unwrap_or_default();
    let args = [("reference", reference.clone())];
    for to in office_to {
        let m = mail::Email {
            subject: app.i18n.message(lang, "notice-office-submitted-subject", &args),
            body: app.i18n.message(lang, "notice-office-submitted-body", &args),
            to: to.clone(),
        };
        let dedup = format!("notice:{}:submitted:{t}:office:{to}", a.id);
        step.jobs.push(email_job(&m, t, Some(dedup), app.settings.mail.max_attempts));
    }
    // After corrections, back to the step they interrupted (the domain says where).
    let interrupted = step.app.reopened_snapshot.as_ref().and_then(|s| s["from"].as_str()).and_then(Status::parse);
    let to = match interrupted {
        Some(from) if status == Status::CorrectionsRequested => {
            let open = step.work.open_checks(a.id).await? > 0;
            application::resumed(from, open).ok_or_else(|| AppError::internal(&"corrections from a closed step"))?
        }
        _ => to,
    };
    step.retarget(app, to);
    step.change.reference = Some(reference);
    step.change.assign_office = Some(crate::deadlines::route(app, &answers(&step.app)));
    step.change.due_on = crate::deadlines::resumed_due(app, &step.app, to);
    let action = if status == Status::Draft { "submit" } else { "resubmit" };
    let event = step.event(Some(actor), access.role.as_str(), action, None);
    step.finish(app, &event).await
}

/// An officer's request for corrections: only `items` (step slugs, `doc:<item>`) reopen. Case work
/// (the officer's pages) calls this; the applicant is told by e-mail and in the inbox.
pub async fn request_corrections(
    app: &App,
    a: &Application,
    officer: &User,
    items: &[String],
    reason: &str,
) -> Result<Application, AppError> {
    let valid = |i: &String| {
        Step::from_slug(i).is_some()
            || i.strip_prefix("doc:").is_some_and(|d| application::documents_needed(&answers(a)).contains(&d))
    };
    if items.is_empty() || !items.iter().all(valid) {
        return Err(AppError::invalid([field("items", "unknown")]));
    }
    if reason.trim().is_empty() {
        return Err(AppError::invalid([field("reason", "required")]));
    }
    let mut step = Move::begin(app, a, Action::RequestCorrections).await?;
    step.change.reopened = items.to_vec();
    let files: Vec<i64> = app.store.documents(a.id).await?.iter().map(|d| d.id).collect();
    step.change.reopened_snapshot =
        Some(serde_json::json!({ "answers": step.app.answers, "files": files, "from": step.app.status }));
    // Paused: the days left are kept for the resubmission; running on: the deadline stays.
    if app.settings.deficiency_pauses_clock {
        step.change.due_on = None;
        step.change.clock_left =
            step.app.due_on.as_deref().and_then(|d| crate::deadlines::days_left(app, d)).map(|n| n.max(0));
    } else {
        step.change.due_on = step.app.due_on.clone();
    }
    let note = format!("{}: {}", items.join(", "), reason.trim());
    let event = step.event(Some(officer), officer.role.as_str(), "request_corrections", Some(note));
    step.finish(app, &event).await
}

/// The applicant's (or intermediary's) answer to an intended refusal, while its window is open: kept
/// with the case as a note, and in the history.
pub async fn respond_to_refusal(app: &App, access: &Access, actor: &User, text: &str) -> Result<(), AppError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 4000 {
        return Err(AppError::invalid([field("response", "required")]));
    }
    if access.app.status != Status::RefusalPending.as_str() {
        return Err(AppError::invalid([field("response", "not_open")]));
    }
    let t = now(app);
    app.store
        .add_note(access.app.id, &store::Note { author_id: actor.id, at: t, text: format!("[response] {text}") })
        .await?;
    let event = Event {
        at: t,
        actor_id: Some(actor.id),
        actor_role: access.role.as_str().to_owned(),
        office: actor.office.clone(),
        action: "respond".into(),
        from_status: access.app.status.clone(),
        to_status: access.app.status.clone(),
        note: None,
    };
    app.store.record_event(access.app.id, &event).await?;
    Ok(())
}
