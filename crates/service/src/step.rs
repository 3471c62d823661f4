//! A change of an application's status as one unit of work that the use case drives: lock the
//! application, ask the domain's state machine which status the action leads to from what was read
//! under the lock, write what the action brings (checks, the IIN, a card), then [`Move::finish`]:
//! the change, its audit event and the notices of the new status, committed together.

use domain::application::{Action, Status};
use store::{Application, Event, NewJob, StatusChange, User, Work};

use crate::app::App;
use crate::error::{AppError, ErrorCode};

/// A status change under way (see the module's documentation).
pub struct Move {
    /// The open transaction.
    pub work: Box<dyn Work>,
    /// The application as read under the lock.
    pub app: Application,
    /// The status the action leads to.
    pub to: Status,
    /// When.
    pub at: i64,
    /// The columns the change writes; `due_on` starts as the new status's statutory deadline.
    pub change: StatusChange,
    /// E-mails to send besides the notices of the new status.
    pub jobs: Vec<NewJob>,
    /// The decision letter the change brings: recorded with it, and its text is the notice's.
    pub letter: Option<Box<crate::letters::Facts>>,
}

/// The audit event of a step that changes no status (an answer, a hearing, a complaint's step), by
/// `actor` acting as `role`.
pub fn note_event(a: &Application, actor: &User, role: &str, action: &str, note: String, at: i64) -> Event {
    Event {
        at,
        actor_id: Some(actor.id),
        actor_role: role.to_owned(),
        office: actor.office.clone(),
        action: action.to_owned(),
        from_status: a.status.clone(),
        to_status: a.status.clone(),
        note: Some(note),
    }
}

/// Opens a unit of work and locks the application in it.
pub async fn lock(app: &App, id: i64) -> Result<(Box<dyn Work>, Application), AppError> {
    let mut work = app.store.begin().await?;
    let a = work.application(id).await?.ok_or_else(AppError::not_found)?;
    Ok((work, a))
}

impl Move {
    /// Locks the application `seen` and checks that `action` may be taken on it. Refused (409) when
    /// someone changed its status since it was seen, and when the state machine does not allow the
    /// action from its status.
    pub async fn begin(app: &App, seen: &Application, action: Action) -> Result<Move, AppError> {
        let (work, a) = lock(app, seen.id).await?;
        if a.status != seen.status {
            return Err(AppError::code(ErrorCode::Conflict));
        }
        Move::on(app, work, a, action)
    }

    /// `action` on the application `a`, locked in `work`.
    pub fn on(app: &App, work: Box<dyn Work>, a: Application, action: Action) -> Result<Move, AppError> {
        let from = Status::parse(&a.status).ok_or_else(|| AppError::internal(&"unknown status"))?;
        let to = from.after(action).ok_or_else(|| AppError::field("status", "wrong_state"))?;
        let at = app.clock.now().unix_timestamp();
        let change = StatusChange {
            from: a.status.clone(),
            to: to.as_str().to_owned(),
            at,
            due_on: crate::deadlines::due(app, to),
            ..StatusChange::default()
        };
        Ok(Move { work, app: a, to, at, change, jobs: Vec::new(), letter: None })
    }

    /// Leads the move to `to` instead, a status the domain computed another way (a resubmission goes
    /// back to the step its corrections interrupted); its statutory deadline with it.
    pub fn retarget(&mut self, app: &App, to: Status) {
        self.to = to;
        to.as_str().clone_into(&mut self.change.to);
        self.change.due_on = crate::deadlines::due(app, to);
    }

    /// The audit event of `actor` (acting as `role`) taking `action`.
    pub fn event(&self, actor: Option<&User>, role: &str, action: &str, note: Option<String>) -> Event {
        Event {
            at: self.at,
            actor_id: actor.map(|u| u.id),
            actor_role: role.to_owned(),
            office: actor.and_then(|u| u.office.clone()),
            action: action.to_owned(),
            from_status: self.change.from.clone(),
            to_status: self.change.to.clone(),
            note,
        }
    }

    /// Writes the change, its audit event, the notices of the new status (e-mail, the owner's inbox,
    /// the filing office's copies) and the extra jobs, and commits. Returns the application as changed.
    pub async fn finish(self, app: &App, event: &Event) -> Result<Application, AppError> {
        let Move { mut work, app: a, to, at, change, jobs, letter } = self;
        if !work.move_application(a.id, &change).await? {
            return Err(AppError::code(ErrorCode::Conflict));
        }
        let reference = change.reference.as_ref().or(a.reference.as_ref()).cloned().unwrap_or_default();
        let letter = match letter {
            Some(facts) => {
                let json = serde_json::to_value(&facts).map_err(|e| AppError::internal(&e))?;
                work.add_letter(a.id, facts.kind.as_str(), at, &json).await?;
                Some(crate::letters::build(app, &facts))
            }
            None => None,
        };
        for job in &jobs {
            work.enqueue(job, at).await?;
        }
        if let Some((subject, body)) =
            crate::notices::notices(app, &a, to, &reference, change.due_on.as_deref(), letter.as_ref())
        {
            // The office that filed for someone and asked for copies gets every notice too (the
            // submission has its own message to the office).
            let key = format!("notice:{}:{}:{at}", a.id, to.as_str());
            let copy = to != Status::Submitted;
            crate::inform::tell(app, work.as_mut(), &a, (&subject, &body), &key, at, copy).await?;
        }
        let changed = work.application(a.id).await?.ok_or_else(|| AppError::internal(&"application vanished"))?;
        // The audit event last: its leaf takes the log's head lock (decision 0019), held to the commit,
        // so the other writers wait for the commit alone, not for this move's notices.
        work.event(a.id, event).await?;
        work.commit().await?;
        Ok(changed)
    }
}
