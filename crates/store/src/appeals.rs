//! Hearings before an intended refusal and complaints against decisions: what the use cases in
//! `service::hearings` and `service::complaints` decided, recorded. Reads go through the pool
//! ([`AppealRepo`]); writes through the unit of work ([`AppealWork`], part of [`crate::Work`]).

use serde::Serialize;

use crate::StoreError;

/// A hearing asked for before an intended refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hearing {
    /// The id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// The proposal of refusal it answers (the time of its event).
    pub proposal_at: i64,
    /// The office that holds it.
    pub office: String,
    /// `online` or `in_person`.
    pub mode: String,
    /// When (Unix seconds).
    pub slot_at: i64,
    /// Who asked for it.
    pub requested_by: i64,
    /// When it was asked for.
    pub requested_at: i64,
    /// When it was moved, if it was (once at most).
    pub rescheduled_at: Option<i64>,
    /// Why it was moved.
    pub reschedule_reason: Option<String>,
    /// When the officer recorded it.
    pub recorded_at: Option<i64>,
    /// Who recorded it.
    pub recorded_by: Option<i64>,
    /// `yes` or `no`: whether the applicant (or the intermediary) came.
    pub attended: Option<String>,
    /// What was said.
    pub minutes: Option<String>,
}

/// A hearing to book.
#[derive(Debug, Clone)]
pub struct NewHearing {
    /// The application.
    pub application_id: i64,
    /// The proposal it answers.
    pub proposal_at: i64,
    /// The office.
    pub office: String,
    /// The mode.
    pub mode: String,
    /// The slot.
    pub slot_at: i64,
    /// Who asks.
    pub requested_by: i64,
    /// When.
    pub requested_at: i64,
}

/// A complaint against a decision or against silence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Complaint {
    /// The id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// `refusal`, `silence` or `revocation`.
    pub subject: String,
    /// What is asked for.
    pub request: String,
    /// Why the decision (or silence) is unlawful, in the complainant's words.
    pub grounds: String,
    /// The complainant's name, address and contact, as the complaint gives them.
    pub contact: String,
    /// Where it is.
    pub status: String,
    /// The office that decided (through which it is lodged).
    pub office: String,
    /// The higher body.
    pub appeals_office: String,
    /// Who lodged it.
    pub lodged_by: i64,
    /// When.
    pub lodged_at: i64,
    /// The last day of its current stage (ISO).
    pub due_on: String,
    /// When it was forwarded to the higher body.
    pub forwarded_at: Option<i64>,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Who decided it.
    pub decided_by: Option<i64>,
    /// What the outcome did (`reconsider`, `grant`, `reinstate`, `order_decision`, `none`).
    pub outcome: Option<String>,
    /// The written reason of the step last taken.
    pub reason: Option<String>,
}

/// A complaint to lodge.
#[derive(Debug, Clone)]
pub struct NewComplaint {
    /// The application.
    pub application_id: i64,
    /// Its subject.
    pub subject: String,
    /// What is asked for.
    pub request: String,
    /// The grounds.
    pub grounds: String,
    /// The complainant's particulars.
    pub contact: String,
    /// The office that decided.
    pub office: String,
    /// The higher body.
    pub appeals_office: String,
    /// Who lodges it.
    pub lodged_by: i64,
    /// When.
    pub lodged_at: i64,
    /// The office's last day to revise or forward it.
    pub due_on: String,
}

/// A complaint's step, as the use case computed it.
#[derive(Debug, Clone)]
pub struct ComplaintMove {
    /// The state read.
    pub from: String,
    /// The new state.
    pub to: String,
    /// When.
    pub at: i64,
    /// Who.
    pub by: i64,
    /// The last day of the new stage (kept when `None`).
    pub due_on: Option<String>,
    /// The outcome, when this step decides the complaint.
    pub outcome: Option<String>,
    /// The written reason.
    pub reason: String,
}

/// Reads of hearings and complaints.
#[async_trait::async_trait]
pub trait AppealRepo {
    /// The application's hearings, oldest first.
    async fn hearings(&self, application_id: i64) -> Result<Vec<Hearing>, StoreError>;
    /// The slots an office has booked between two instants (Unix seconds, inclusive).
    async fn taken_slots(&self, office: &str, from: i64, to: i64) -> Result<Vec<i64>, StoreError>;
    /// The application's complaints, oldest first.
    async fn complaints(&self, application_id: i64) -> Result<Vec<Complaint>, StoreError>;
    /// One complaint.
    async fn complaint(&self, id: i64) -> Result<Option<Complaint>, StoreError>;
    /// The complaints open at an office: lodged with it (the deciding office) or forwarded to it (the
    /// higher body), the earliest due first.
    async fn complaints_at(&self, office: &str) -> Result<Vec<Complaint>, StoreError>;
}

/// Writes of hearings and complaints, inside a unit of work.
#[async_trait::async_trait]
pub trait AppealWork: Send {
    /// Books a hearing; a conflict when its slot is taken or the proposal has one already.
    async fn add_hearing(&mut self, h: &NewHearing) -> Result<i64, StoreError>;
    /// Moves a hearing not yet moved nor recorded; `false` when it was; a conflict when the slot is taken.
    async fn reschedule_hearing(&mut self, id: i64, slot_at: i64, reason: &str, at: i64) -> Result<bool, StoreError>;
    /// Records a hearing held; `false` when it was recorded already.
    async fn record_hearing(
        &mut self,
        id: i64,
        by: i64,
        at: i64,
        attended: &str,
        minutes: &str,
    ) -> Result<bool, StoreError>;
    /// Lodges a complaint; a conflict when one is open on the application.
    async fn add_complaint(&mut self, c: &NewComplaint) -> Result<i64, StoreError>;
    /// A complaint's step; `false` when it is no longer in `from`.
    async fn move_complaint(&mut self, id: i64, m: &ComplaintMove) -> Result<bool, StoreError>;
    /// Sets the deadline of an application's current stage (a decision ordered on a complaint).
    async fn set_due(&mut self, application_id: i64, due_on: &str, at: i64) -> Result<(), StoreError>;
}

pub(crate) const HEARING_COLUMNS: &str = "id, application_id, proposal_at, office, mode, slot_at, requested_by, \
     requested_at, rescheduled_at, reschedule_reason, recorded_at, recorded_by, attended, minutes";
pub(crate) const COMPLAINT_COLUMNS: &str = "id, application_id, subject, request, grounds, contact, status, office, \
     appeals_office, lodged_by, lodged_at, due_on, forwarded_at, decided_at, decided_by, outcome, reason";

/// A unique index refused the write: a taken slot, a second hearing, a second open complaint.
pub(crate) fn taken(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict("taken".into()),
        other => other.into(),
    }
}

/// Generates [`AppealRepo`] for a store and [`AppealWork`] for its unit of work (`Unit`, from
/// `impl_work!` in the same module).
macro_rules! impl_appeals {
    ($store:ty, $db:ty) => {
        fn hearing_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::appeals::Hearing, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::appeals::Hearing {
                id: r.try_get("id")?,
                application_id: r.try_get("application_id")?,
                proposal_at: r.try_get("proposal_at")?,
                office: r.try_get("office")?,
                mode: r.try_get("mode")?,
                slot_at: r.try_get("slot_at")?,
                requested_by: r.try_get("requested_by")?,
                requested_at: r.try_get("requested_at")?,
                rescheduled_at: r.try_get("rescheduled_at")?,
                reschedule_reason: r.try_get("reschedule_reason")?,
                recorded_at: r.try_get("recorded_at")?,
                recorded_by: r.try_get("recorded_by")?,
                attended: r.try_get("attended")?,
                minutes: r.try_get("minutes")?,
            })
        }

        fn complaint_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::appeals::Complaint, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::appeals::Complaint {
                id: r.try_get("id")?,
                application_id: r.try_get("application_id")?,
                subject: r.try_get("subject")?,
                request: r.try_get("request")?,
                grounds: r.try_get("grounds")?,
                contact: r.try_get("contact")?,
                status: r.try_get("status")?,
                office: r.try_get("office")?,
                appeals_office: r.try_get("appeals_office")?,
                lodged_by: r.try_get("lodged_by")?,
                lodged_at: r.try_get("lodged_at")?,
                due_on: r.try_get("due_on")?,
                forwarded_at: r.try_get("forwarded_at")?,
                decided_at: r.try_get("decided_at")?,
                decided_by: r.try_get("decided_by")?,
                outcome: r.try_get("outcome")?,
                reason: r.try_get("reason")?,
            })
        }

        #[async_trait::async_trait]
        impl $crate::appeals::AppealRepo for $store {
            async fn hearings(&self, application_id: i64) -> Result<Vec<$crate::appeals::Hearing>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM hearings WHERE application_id = $1 ORDER BY id",
                    $crate::appeals::HEARING_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(application_id).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(hearing_row).collect::<Result<_, _>>()?)
            }

            async fn taken_slots(&self, office: &str, from: i64, to: i64) -> Result<Vec<i64>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT slot_at FROM hearings WHERE office = $1 AND slot_at BETWEEN $2 AND $3")
                    .bind(office)
                    .bind(from)
                    .bind(to)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn complaints(
                &self,
                application_id: i64,
            ) -> Result<Vec<$crate::appeals::Complaint>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM complaints WHERE application_id = $1 ORDER BY id",
                    $crate::appeals::COMPLAINT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(application_id).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(complaint_row).collect::<Result<_, _>>()?)
            }

            async fn complaint(&self, id: i64) -> Result<Option<$crate::appeals::Complaint>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM complaints WHERE id = $1", $crate::appeals::COMPLAINT_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(complaint_row).transpose()?)
            }

            async fn complaints_at(&self, office: &str) -> Result<Vec<$crate::appeals::Complaint>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM complaints WHERE (status = 'lodged' AND office = $1) \
                     OR (status = 'forwarded' AND appeals_office = $1) ORDER BY due_on, id",
                    $crate::appeals::COMPLAINT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(office).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(complaint_row).collect::<Result<_, _>>()?)
            }
        }

        #[async_trait::async_trait]
        impl $crate::appeals::AppealWork for Unit {
            async fn add_hearing(&mut self, h: &$crate::appeals::NewHearing) -> Result<i64, $crate::StoreError> {
                sqlx::query_scalar(
                    "INSERT INTO hearings (application_id, proposal_at, office, mode, slot_at, requested_by, \
                     requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(h.application_id)
                .bind(h.proposal_at)
                .bind(&h.office)
                .bind(&h.mode)
                .bind(h.slot_at)
                .bind(h.requested_by)
                .bind(h.requested_at)
                .fetch_one(&mut *self.0)
                .await
                .map_err($crate::appeals::taken)
            }

            async fn reschedule_hearing(
                &mut self,
                id: i64,
                slot_at: i64,
                reason: &str,
                at: i64,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE hearings SET slot_at = $1, reschedule_reason = $2, rescheduled_at = $3 \
                     WHERE id = $4 AND rescheduled_at IS NULL AND recorded_at IS NULL",
                )
                .bind(slot_at)
                .bind(reason)
                .bind(at)
                .bind(id)
                .execute(&mut *self.0)
                .await
                .map_err($crate::appeals::taken)?;
                Ok(r.rows_affected() == 1)
            }

            async fn record_hearing(
                &mut self,
                id: i64,
                by: i64,
                at: i64,
                attended: &str,
                minutes: &str,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE hearings SET recorded_at = $1, recorded_by = $2, attended = $3, minutes = $4 \
                     WHERE id = $5 AND recorded_at IS NULL",
                )
                .bind(at)
                .bind(by)
                .bind(attended)
                .bind(minutes)
                .bind(id)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn add_complaint(&mut self, c: &$crate::appeals::NewComplaint) -> Result<i64, $crate::StoreError> {
                sqlx::query_scalar(
                    "INSERT INTO complaints (application_id, subject, request, grounds, contact, status, office, \
                     appeals_office, lodged_by, lodged_at, due_on) \
                     VALUES ($1, $2, $3, $4, $5, 'lodged', $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(c.application_id)
                .bind(&c.subject)
                .bind(&c.request)
                .bind(&c.grounds)
                .bind(&c.contact)
                .bind(&c.office)
                .bind(&c.appeals_office)
                .bind(c.lodged_by)
                .bind(c.lodged_at)
                .bind(&c.due_on)
                .fetch_one(&mut *self.0)
                .await
                .map_err($crate::appeals::taken)
            }

            async fn move_complaint(
                &mut self,
                id: i64,
                m: &$crate::appeals::ComplaintMove,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE complaints SET status = $1, due_on = COALESCE($2, due_on), reason = $3, \
                     forwarded_at = CASE WHEN $1 = 'forwarded' THEN $4 ELSE forwarded_at END, \
                     decided_at = CASE WHEN $5 IS NULL THEN decided_at ELSE $4 END, \
                     decided_by = CASE WHEN $5 IS NULL THEN decided_by ELSE $6 END, \
                     outcome = COALESCE($5, outcome) WHERE id = $7 AND status = $8",
                )
                .bind(&m.to)
                .bind(&m.due_on)
                .bind(&m.reason)
                .bind(m.at)
                .bind(&m.outcome)
                .bind(m.by)
                .bind(id)
                .bind(&m.from)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn set_due(&mut self, application_id: i64, due_on: &str, at: i64) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE applications SET due_on = $1, updated_at = $2, version = version + 1 WHERE id = $3",
                )
                .bind(due_on)
                .bind(at)
                .bind(application_id)
                .execute(&mut *self.0)
                .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_appeals;
