//! A unit of work: one write transaction that a use case drives step by step. The use case locks the
//! row it acts on, asks the domain whether the change is allowed on what it read under the lock, and
//! writes the change, its audit event, its jobs and its card in the same transaction; nothing is kept
//! unless it commits (dropping the handle rolls back).
//!
//! The store only records: every decision (which status follows, who may act, what a card says and
//! how it is signed) is taken by the caller between these steps.

use crate::StoreError;
use crate::accounts::NewJob;
use crate::applications::{Application, Event};
use crate::cards::{Card, CardEvent, NewCard, Signed};
use domain::card::CardState;

/// The columns a status change writes on an application, as the domain and the use case computed
/// them. `from` is the status read under the lock; the write happens only while it still holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusChange {
    /// The status read.
    pub from: String,
    /// The new status.
    pub to: String,
    /// When.
    pub at: i64,
    /// A reference number to give if the application has none yet.
    pub reference: Option<String>,
    /// Items reopened for correction (replaces the list; empty closes them).
    pub reopened: Vec<String>,
    /// What the application holds when corrections are asked (`None` clears it).
    pub reopened_snapshot: Option<serde_json::Value>,
    /// Route the case to this office (kept when `None`).
    pub assign_office: Option<String>,
    /// The statutory deadline of the new status (ISO date; `None` clears it).
    pub due_on: Option<String>,
    /// The IIN to record (kept when `None`).
    pub iin: Option<String>,
    /// Working days left on a paused statutory clock (`None` clears it).
    pub clock_left: Option<i64>,
}

/// One write transaction (see the module's documentation).
#[async_trait::async_trait]
pub trait Work: crate::appeals::AppealWork + Send {
    /// The application, locked until the end of the transaction (`FOR UPDATE` on PostgreSQL; SQLite's
    /// `BEGIN IMMEDIATE` already holds the database).
    async fn application(&mut self, id: i64) -> Result<Option<Application>, StoreError>;
    /// Writes a status change; `false` (nothing written) when the status is no longer `from`.
    async fn move_application(&mut self, id: i64, change: &StatusChange) -> Result<bool, StoreError>;
    /// Replaces the recorded IIN of an application that has one and is not decided; `false` otherwise.
    async fn correct_iin(&mut self, id: i64, iin: &str, at: i64) -> Result<bool, StoreError>;
    /// Adds an audit event to an application's history.
    async fn event(&mut self, application_id: i64, event: &Event) -> Result<(), StoreError>;
    /// Appends a record to the audit log that is no application's or card's event (an administrator's
    /// action, for one); returns its sequence number.
    async fn log(&mut self, record: &crate::log::LogRecord) -> Result<u64, StoreError>;
    /// Queues a job; `false` when one with its deduplication key exists.
    async fn enqueue(&mut self, job: &NewJob, at: i64) -> Result<bool, StoreError>;
    /// Leaves a message in an account's inbox.
    async fn inbox(&mut self, user_id: i64, subject: &str, body: &str, at: i64) -> Result<(), StoreError>;
    /// Records a decision letter of an application: its kind and its facts (JSON).
    async fn add_letter(
        &mut self,
        application_id: i64,
        kind: &str,
        at: i64,
        facts: &serde_json::Value,
    ) -> Result<(), StoreError>;
    /// Asks an agency for a background check, answer due on `due_on` (ISO).
    async fn request_check(
        &mut self,
        application_id: i64,
        agency: &str,
        at: i64,
        due_on: &str,
    ) -> Result<(), StoreError>;
    /// Records an agency's answer on an open check of the application; `false` when it is closed.
    async fn answer_check(
        &mut self,
        check_id: i64,
        application_id: i64,
        result: &str,
        reference: &str,
        by: i64,
        at: i64,
    ) -> Result<bool, StoreError>;
    /// How many of the application's checks are still unanswered.
    async fn open_checks(&mut self, application_id: i64) -> Result<i64, StoreError>;
    /// A card, locked until the end of the transaction.
    async fn card(&mut self, id: i64) -> Result<Option<Card>, StoreError>;
    /// Moves a card between states (its open requests lapse with it); `false` when it is no longer in
    /// `from`.
    async fn set_card_state(
        &mut self,
        id: i64,
        from: CardState,
        to: CardState,
        note: Option<&str>,
        at: i64,
    ) -> Result<bool, StoreError>;
    /// Adds an entry to a card's audit trail.
    async fn card_event(&mut self, card_id: i64, event: &CardEvent) -> Result<(), StoreError>;
    /// Decides an open request on a card; `false` when it is no longer open.
    async fn close_card_request(
        &mut self,
        request_id: i64,
        card_id: i64,
        outcome: &str,
        by: Option<i64>,
        at: i64,
    ) -> Result<bool, StoreError>;
    /// Allocates the serial of a new card (its number and status-list slot derive from it).
    async fn card_serial(&mut self, at: i64) -> Result<i64, StoreError>;
    /// Stores a new, valid card under the serial allocated for it, signed by the caller, with its
    /// `issue` event.
    async fn insert_card(
        &mut self,
        serial: i64,
        card: &NewCard,
        signed: &Signed,
        replaces: Option<i64>,
        event: &CardEvent,
    ) -> Result<(), StoreError>;
    /// The valid cards of a person: those with this IIN, or this passport (issuing state, number).
    async fn valid_cards_of(
        &mut self,
        iin: Option<&str>,
        citizenship: &str,
        passport_number: &str,
    ) -> Result<Vec<Card>, StoreError>;
    /// The registry's standing (not withdrawn) report that the person with this IIN became a citizen.
    async fn standing_report(&mut self, iin: &str) -> Result<Option<CitizenshipReport>, StoreError>;
    /// Holds the person with this IIN until the end of the transaction, so that a grant and a registry
    /// report of the same person, on any instance, take turns (PostgreSQL: a transaction-scoped
    /// advisory lock; SQLite's write transaction holds the whole database already).
    async fn lock_person(&mut self, iin: &str) -> Result<(), StoreError>;
    /// Keeps a registry report; when one already stands for the IIN, nothing is written and it is
    /// returned as the error.
    async fn add_report(
        &mut self,
        iin: &str,
        reference: &str,
        by: &str,
        at: i64,
    ) -> Result<Result<CitizenshipReport, CitizenshipReport>, StoreError>;
    /// Withdraws the standing report for the IIN (the registry's correction); `false` when none stands.
    async fn withdraw_report(&mut self, iin: &str, reference: &str, at: i64) -> Result<bool, StoreError>;
    /// Leaves a copy of a notice in the shared inbox of the office that filed the application.
    async fn office_notice(
        &mut self,
        office: &str,
        application_id: i64,
        subject: &str,
        body: &str,
        at: i64,
    ) -> Result<(), StoreError>;
    /// Keeps the hash of a new claim code for the application, replacing one not yet used; `false`
    /// (nothing written) when its code was used.
    async fn set_claim_code(
        &mut self,
        application_id: i64,
        code_hash: &str,
        by: i64,
        at: i64,
    ) -> Result<bool, StoreError>;
    /// Uses the application's unused claim code `code_hash`: the account becomes the application's owner
    /// (its notices go to `email`) and the holder of its cards that have none; `false` (nothing
    /// written) when the code is not that one, was used, or the application has an owner.
    async fn take_application(
        &mut self,
        application_id: i64,
        code_hash: &str,
        owner_id: i64,
        email: &str,
        at: i64,
    ) -> Result<bool, StoreError>;
    /// Keeps everything written.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// The citizenship registry's report that a person became a Kazakh citizen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CitizenshipReport {
    /// The id.
    pub id: i64,
    /// The person's IIN.
    pub iin: String,
    /// The decree or the registry's record.
    pub reference: String,
    /// Which system reported it (the API key's name).
    pub reported_by: String,
    /// When.
    pub reported_at: i64,
    /// When the registry withdrew it, if it did.
    pub withdrawn_at: Option<i64>,
    /// The registry's reference for the withdrawal.
    pub withdrawn_reference: Option<String>,
}

pub(crate) const REPORT_COLUMNS: &str =
    "id, iin, reference, reported_by, reported_at, withdrawn_at, withdrawn_reference";

/// Generates the unit of work for one backend: `$lock` is appended to a locking read.
macro_rules! impl_work {
    ($db:ty, $lock:expr, $person_lock:expr) => {
        fn report_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::work::CitizenshipReport, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::work::CitizenshipReport {
                id: r.try_get("id")?,
                iin: r.try_get("iin")?,
                reference: r.try_get("reference")?,
                reported_by: r.try_get("reported_by")?,
                reported_at: r.try_get("reported_at")?,
                withdrawn_at: r.try_get("withdrawn_at")?,
                withdrawn_reference: r.try_get("withdrawn_reference")?,
            })
        }

        /// The unit of work on this backend.
        pub(crate) struct Unit(pub(crate) sqlx::Transaction<'static, $db>);

        #[async_trait::async_trait]
        impl $crate::work::Work for Unit {
            async fn application(
                &mut self,
                id: i64,
            ) -> Result<Option<$crate::applications::Application>, $crate::StoreError> {
                let sql =
                    format!("SELECT {} FROM applications WHERE id = $1 AND erased_at IS NULL{}", $crate::applications::APP_COLUMNS, $lock);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *self.0).await?;
                Ok(row.as_ref().map(app_row).transpose()?)
            }

            async fn move_application(
                &mut self,
                id: i64,
                c: &$crate::work::StatusChange,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE applications SET status = $1, reference = COALESCE(reference, $2), reopened = $3, \
                     submitted_at = CASE WHEN $1 = 'submitted' THEN COALESCE(submitted_at, $4) ELSE submitted_at END, \
                     updated_at = $4, version = version + 1, assigned_office = COALESCE($7, assigned_office), \
                     due_on = $8, iin = COALESCE($9, iin), clock_left = $10, reopened_snapshot = $11 \
                     WHERE id = $5 AND status = $6",
                )
                .bind(&c.to)
                .bind(&c.reference)
                .bind(serde_json::to_string(&c.reopened)?)
                .bind(c.at)
                .bind(id)
                .bind(&c.from)
                .bind(&c.assign_office)
                .bind(&c.due_on)
                .bind(&c.iin)
                .bind(c.clock_left)
                .bind(c.reopened_snapshot.as_ref().map(serde_json::Value::to_string))
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn correct_iin(&mut self, id: i64, iin: &str, at: i64) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE applications SET iin = $1, updated_at = $2, version = version + 1 \
                     WHERE id = $3 AND iin IS NOT NULL AND status NOT IN ('granted', 'refused')",
                )
                .bind(iin)
                .bind(at)
                .bind(id)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn event(
                &mut self,
                application_id: i64,
                e: &$crate::applications::Event,
            ) -> Result<(), $crate::StoreError> {
                event_in(&mut self.0, application_id, e).await
            }

            async fn log(&mut self, record: &$crate::log::LogRecord) -> Result<u64, $crate::StoreError> {
                let seq = log_append_in(&mut self.0, record).await?;
                Ok(u64::try_from(seq).unwrap_or_default())
            }

            async fn enqueue(&mut self, job: &$crate::accounts::NewJob, at: i64) -> Result<bool, $crate::StoreError> {
                enqueue_in(&mut self.0, job, at).await
            }

            async fn add_letter(
                &mut self,
                application_id: i64,
                kind: &str,
                at: i64,
                facts: &serde_json::Value,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO letters (application_id, kind, at, facts) VALUES ($1, $2, $3, $4)")
                    .bind(application_id)
                    .bind(kind)
                    .bind(at)
                    .bind(facts.to_string())
                    .execute(&mut *self.0)
                    .await?;
                Ok(())
            }

            async fn inbox(&mut self, user_id: i64, subject: &str, body: &str, at: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO inbox (user_id, subject, body, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(user_id)
                    .bind(subject)
                    .bind(body)
                    .bind(at)
                    .execute(&mut *self.0)
                    .await?;
                Ok(())
            }

            async fn request_check(
                &mut self,
                application_id: i64,
                agency: &str,
                at: i64,
                due_on: &str,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO checks (application_id, agency, requested_at, due_on) VALUES ($1, $2, $3, $4)")
                    .bind(application_id)
                    .bind(agency)
                    .bind(at)
                    .bind(due_on)
                    .execute(&mut *self.0)
                    .await?;
                Ok(())
            }

            async fn answer_check(
                &mut self,
                check_id: i64,
                application_id: i64,
                result: &str,
                reference: &str,
                by: i64,
                at: i64,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE checks SET answered_at = $1, result = $2, reference = $3, answered_by = $4 \
                     WHERE id = $5 AND application_id = $6 AND answered_at IS NULL",
                )
                .bind(at)
                .bind(result)
                .bind(reference)
                .bind(by)
                .bind(check_id)
                .bind(application_id)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn open_checks(&mut self, application_id: i64) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM checks WHERE application_id = $1 AND answered_at IS NULL")
                    .bind(application_id)
                    .fetch_one(&mut *self.0)
                    .await?)
            }

            async fn card(&mut self, id: i64) -> Result<Option<$crate::cards::Card>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM cards WHERE id = $1{}", $crate::cards::CARD_COLUMNS, $lock);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *self.0).await?;
                Ok(row.as_ref().map(card_row).transpose()?)
            }

            async fn set_card_state(
                &mut self,
                id: i64,
                from: domain::card::CardState,
                to: domain::card::CardState,
                note: Option<&str>,
                at: i64,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE cards SET state = $1, state_at = $2, state_note = $3 WHERE id = $4 AND state = $5",
                )
                .bind(to.as_str())
                .bind(at)
                .bind(note)
                .bind(id)
                .bind(from.as_str())
                .execute(&mut *self.0)
                .await
                .map_err($crate::cards::one_card_per_person)?;
                if r.rows_affected() != 1 {
                    return Ok(false);
                }
                // Requests still open on a card that is no longer valid lapse with it.
                sqlx::query(
                    "UPDATE card_requests SET decided_at = $1, outcome = 'lapsed', open_key = NULL \
                     WHERE card_id = $2 AND decided_at IS NULL",
                )
                .bind(at)
                .bind(id)
                .execute(&mut *self.0)
                .await?;
                Ok(true)
            }

            async fn card_event(&mut self, card_id: i64, e: &$crate::cards::CardEvent) -> Result<(), $crate::StoreError> {
                card_event_in(&mut self.0, card_id, e).await
            }

            async fn close_card_request(
                &mut self,
                request_id: i64,
                card_id: i64,
                outcome: &str,
                by: Option<i64>,
                at: i64,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE card_requests SET decided_by = $1, decided_at = $2, outcome = $3, open_key = NULL \
                     WHERE id = $4 AND card_id = $5 AND decided_at IS NULL",
                )
                .bind(by)
                .bind(at)
                .bind(outcome)
                .bind(request_id)
                .bind(card_id)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn card_serial(&mut self, at: i64) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar("INSERT INTO card_serials (created_at) VALUES ($1) RETURNING id")
                    .bind(at)
                    .fetch_one(&mut *self.0)
                    .await?)
            }

            async fn insert_card(
                &mut self,
                serial: i64,
                card: &$crate::cards::NewCard,
                signed: &$crate::cards::Signed,
                replaces: Option<i64>,
                event: &$crate::cards::CardEvent,
            ) -> Result<(), $crate::StoreError> {
                insert_card_in(&mut self.0, serial, card, signed, replaces, event).await
            }

            async fn valid_cards_of(
                &mut self,
                iin: Option<&str>,
                citizenship: &str,
                passport_number: &str,
            ) -> Result<Vec<$crate::cards::Card>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM cards WHERE state = 'valid' AND (iin = $1 OR (citizenship = $2 AND passport_number = $3))",
                    $crate::cards::CARD_COLUMNS
                );
                let rows = sqlx::query(&sql)
                    .bind(iin)
                    .bind(citizenship)
                    .bind(passport_number.trim().to_uppercase())
                    .fetch_all(&mut *self.0)
                    .await?;
                Ok(rows.iter().map(card_row).collect::<Result<_, _>>()?)
            }

            async fn lock_person(&mut self, iin: &str) -> Result<(), $crate::StoreError> {
                let sql: &str = $person_lock;
                if !sql.is_empty() {
                    sqlx::query(sql).bind(iin).execute(&mut *self.0).await?;
                }
                Ok(())
            }

            async fn standing_report(
                &mut self,
                iin: &str,
            ) -> Result<Option<$crate::work::CitizenshipReport>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM citizenship_reports WHERE iin = $1 AND withdrawn_at IS NULL",
                    $crate::work::REPORT_COLUMNS
                );
                let row = sqlx::query(&sql).bind(iin).fetch_optional(&mut *self.0).await?;
                Ok(row.as_ref().map(report_row).transpose()?)
            }

            async fn add_report(
                &mut self,
                iin: &str,
                reference: &str,
                by: &str,
                at: i64,
            ) -> Result<
                Result<$crate::work::CitizenshipReport, $crate::work::CitizenshipReport>,
                $crate::StoreError,
            > {
                if let Some(standing) = self.standing_report(iin).await? {
                    return Ok(Err(standing));
                }
                let sql = format!(
                    "INSERT INTO citizenship_reports (iin, reference, reported_by, reported_at) VALUES ($1, $2, $3, $4) \
                     RETURNING {}",
                    $crate::work::REPORT_COLUMNS
                );
                let row = sqlx::query(&sql).bind(iin).bind(reference).bind(by).bind(at).fetch_one(&mut *self.0).await?;
                Ok(Ok(report_row(&row)?))
            }

            async fn withdraw_report(&mut self, iin: &str, reference: &str, at: i64) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE citizenship_reports SET withdrawn_at = $1, withdrawn_reference = $2 \
                     WHERE iin = $3 AND withdrawn_at IS NULL",
                )
                .bind(at)
                .bind(reference)
                .bind(iin)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn office_notice(
                &mut self,
                office: &str,
                application_id: i64,
                subject: &str,
                body: &str,
                at: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO office_inbox (office, application_id, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(office)
                .bind(application_id)
                .bind(subject)
                .bind(body)
                .bind(at)
                .execute(&mut *self.0)
                .await?;
                Ok(())
            }

            async fn set_claim_code(
                &mut self,
                application_id: i64,
                code_hash: &str,
                by: i64,
                at: i64,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "INSERT INTO claim_codes (application_id, code_hash, issued_by, issued_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (application_id) DO UPDATE SET code_hash = $2, issued_by = $3, issued_at = $4 \
                     WHERE claim_codes.used_at IS NULL",
                )
                .bind(application_id)
                .bind(code_hash)
                .bind(by)
                .bind(at)
                .execute(&mut *self.0)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn take_application(
                &mut self,
                application_id: i64,
                code_hash: &str,
                owner_id: i64,
                email: &str,
                at: i64,
            ) -> Result<bool, $crate::StoreError> {
                take_in(&mut self.0, application_id, code_hash, owner_id, email, at).await
            }

            async fn commit(self: Box<Self>) -> Result<(), $crate::StoreError> {
                Ok(self.0.commit().await?)
            }
        }
    };
}

pub(crate) use impl_work;
