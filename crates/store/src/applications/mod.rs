//! Applications, their documents and their audit trail. Every change of status is written in a unit
//! of work ([`crate::Work::move_application`]), which checks the status it expects (so that two people
//! acting at once cannot both win), with the audit event, the notices and the inbox message in the same
//! transaction.

use crate::StoreError;
mod types;
pub use types::*;

/// Applications, documents, the audit trail.
#[async_trait::async_trait]
pub trait ApplicationRepo {
    /// Creates a draft with its `created` audit event; with an idempotency key already used by the same
    /// creator, returns that draft instead.
    async fn create_application(&self, new: &NewApplication) -> Result<Application, StoreError>;
    /// An application by id.
    async fn application(&self, id: i64) -> Result<Option<Application>, StoreError>;
    /// The applications a person may see as applicant: owned, or filed for their address.
    async fn applications_of(&self, user_id: i64, email: &str) -> Result<Vec<Application>, StoreError>;
    /// The applications an office filed, newest first.
    async fn applications_of_office(&self, office: &str) -> Result<Vec<Application>, StoreError>;
    /// Saves answers while the application is a draft or reopened; `false` (nothing written) when it is
    /// not editable or `version` is stale.
    async fn save_answers(
        &self,
        id: i64,
        version: i64,
        answers: &serde_json::Value,
        keys: &MatchKeys,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// The audit trail, oldest first.
    async fn events(&self, id: i64) -> Result<Vec<Event>, StoreError>;
    /// Adds an event that changes no status (an applicant's response, a reassignment).
    async fn record_event(&self, id: i64, event: &Event) -> Result<(), StoreError>;
    /// Moves a case to another office, with its audit event, in one transaction; `false` when the case
    /// is closed or not routed.
    async fn reassign(&self, id: i64, office: &str, event: &Event) -> Result<bool, StoreError>;
    /// Adds a file's record while the application is editable for `item` and within `limits`.
    async fn add_document(
        &self,
        doc: &Document,
        limits: DocumentLimits,
        editable: &[&str],
    ) -> Result<DocumentAdded, StoreError>;
    /// The files of an application, in upload order.
    async fn documents(&self, application_id: i64) -> Result<Vec<Document>, StoreError>;
    /// Removes a file's record while the application is editable; returns it.
    async fn remove_document(
        &self,
        application_id: i64,
        doc_id: i64,
        editable: &[&str],
    ) -> Result<Option<Document>, StoreError>;
    /// Other applications with the same passport number, or the same name (any script) and birth date.
    async fn duplicates(&self, id: i64) -> Result<Vec<Duplicate>, StoreError>;
}

pub(crate) const APP_COLUMNS: &str = "id, reference, status, owner_id, applicant_email, created_by, channel, office, \
     notify_office, lang, answers, reopened, version, created_at, updated_at, submitted_at, assigned_office, due_on, iin, \
     clock_left, reopened_snapshot, content_erased_at";
pub(crate) const DOC_COLUMNS: &str =
    "id, application_id, item, role, foreign_language, filename, content_type, size, sha256, blob_key, created_at";

/// Generates [`ApplicationRepo`] for one backend (the same SQL serves both).
macro_rules! impl_applications {
    ($store:ty, $db:ty) => {
        fn app_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::applications::Application, sqlx::Error> {
            use sqlx::Row as _;
            let answers: String = r.try_get("answers")?;
            let reopened: String = r.try_get("reopened")?;
            let decode = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
            Ok($crate::applications::Application {
                id: r.try_get("id")?,
                reference: r.try_get("reference")?,
                status: r.try_get("status")?,
                owner_id: r.try_get("owner_id")?,
                applicant_email: r.try_get("applicant_email")?,
                created_by: r.try_get("created_by")?,
                channel: r.try_get("channel")?,
                office: r.try_get("office")?,
                notify_office: r.try_get::<i64, _>("notify_office")? != 0,
                lang: r.try_get("lang")?,
                answers: serde_json::from_str(&answers).map_err(decode)?,
                reopened: serde_json::from_str(&reopened).map_err(decode)?,
                reopened_snapshot: r
                    .try_get::<Option<String>, _>("reopened_snapshot")?
                    .map(|s| serde_json::from_str(&s))
                    .transpose()
                    .map_err(decode)?,
                version: r.try_get("version")?,
                created_at: r.try_get("created_at")?,
                updated_at: r.try_get("updated_at")?,
                submitted_at: r.try_get("submitted_at")?,
                assigned_office: r.try_get("assigned_office")?,
                due_on: r.try_get("due_on")?,
                iin: r.try_get("iin")?,
                clock_left: r.try_get("clock_left")?,
                content_erased_at: r.try_get("content_erased_at")?,
            })
        }

        fn doc_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::applications::Document, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::applications::Document {
                id: r.try_get("id")?,
                application_id: r.try_get("application_id")?,
                item: r.try_get("item")?,
                role: r.try_get("role")?,
                foreign_language: r.try_get::<i64, _>("foreign_language")? != 0,
                filename: r.try_get("filename")?,
                content_type: r.try_get("content_type")?,
                size: r.try_get("size")?,
                sha256: r.try_get("sha256")?,
                blob_key: r.try_get("blob_key")?,
                created_at: r.try_get("created_at")?,
            })
        }

        async fn app_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: i64,
        ) -> Result<Option<$crate::applications::Application>, $crate::StoreError> {
            let sql = format!(
                "SELECT {} FROM applications WHERE id = $1 AND erased_at IS NULL",
                $crate::applications::APP_COLUMNS
            );
            let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await?;
            Ok(row.as_ref().map(app_row).transpose()?)
        }

        async fn event_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: i64,
            e: &$crate::applications::Event,
        ) -> Result<(), $crate::StoreError> {
            let seq = log_append_in(tx, &$crate::log::LogRecord::application(id, e)).await?;
            sqlx::query(
                "INSERT INTO application_events (application_id, at, actor_id, actor_role, office, action, \
                 from_status, to_status, note, log_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(id)
            .bind(e.at)
            .bind(e.actor_id)
            .bind(&e.actor_role)
            .bind(&e.office)
            .bind(&e.action)
            .bind(&e.from_status)
            .bind(&e.to_status)
            .bind(&e.note)
            .bind(seq)
            .execute(&mut **tx)
            .await?;
            // The queue's "assigned to me" reads the officer who acted last from the case itself.
            if e.actor_role == "officer" && e.actor_id.is_some() {
                sqlx::query("UPDATE applications SET last_officer_id = $1 WHERE id = $2")
                    .bind(e.actor_id)
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        }

        /// Whether the application takes changes to `item` now: a draft takes any; a reopened one only
        /// what was reopened.
        async fn editable_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: i64,
            items: &[&str],
        ) -> Result<bool, $crate::StoreError> {
            let Some(app) = app_in(tx, id).await? else {
                return Ok(false);
            };
            Ok(match app.status.as_str() {
                "draft" => true,
                "corrections_requested" => items.iter().all(|i| app.reopened.iter().any(|r| r == i)),
                // A file attached to the answer to an intended refusal (the service checks its window).
                "refusal_pending" => items.iter().all(|i| *i == "doc:response"),
                _ => false,
            })
        }

        /// The draft `new.created_by` already made with `new.idempotency_key`, if any.
        async fn created_with_key(
            tx: &mut sqlx::Transaction<'_, $db>,
            new: &$crate::applications::NewApplication,
        ) -> Result<Option<$crate::applications::Application>, $crate::StoreError> {
            let Some(key) = &new.idempotency_key else {
                return Ok(None);
            };
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM applications WHERE created_by = $1 AND idempotency_key = $2")
                    .bind(new.created_by)
                    .bind(key)
                    .fetch_optional(&mut **tx)
                    .await?;
            match existing {
                Some(id) => Ok(Some(app_in(tx, id).await?.ok_or_else(|| {
                    $crate::StoreError::Corrupt(format!("application {id} vanished"))
                })?)),
                None => Ok(None),
            }
        }

        #[async_trait::async_trait]
        impl $crate::applications::ApplicationRepo for $store {
            async fn create_application(
                &self,
                new: &$crate::applications::NewApplication,
            ) -> Result<$crate::applications::Application, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                if let Some(app) = created_with_key(&mut tx, new).await? {
                    tx.commit().await?;
                    return Ok(app);
                }
                // The same key at the same moment on another connection (another instance): the
                // unique (created_by, idempotency_key) decides, and the loser answers with the winner's
                // draft, never a unique violation.
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO applications (status, owner_id, applicant_email, created_by, channel, office, \
                     notify_office, lang, answers, idempotency_key, created_at, updated_at) \
                     VALUES ('draft', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
                     ON CONFLICT (created_by, idempotency_key) DO NOTHING RETURNING id",
                )
                .bind(new.owner_id)
                .bind(&new.applicant_email)
                .bind(new.created_by)
                .bind(&new.channel)
                .bind(&new.office)
                .bind(i64::from(new.notify_office))
                .bind(&new.lang)
                .bind(new.answers.to_string())
                .bind(&new.idempotency_key)
                .bind(new.now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    let app = created_with_key(&mut tx, new).await?.ok_or_else(|| {
                        $crate::StoreError::Corrupt("an idempotency key conflicted with no application".into())
                    })?;
                    tx.commit().await?;
                    return Ok(app);
                };
                let event = $crate::applications::Event {
                    at: new.now,
                    actor_id: Some(new.created_by),
                    actor_role: if new.office.is_some() { "intermediary" } else { "applicant" }.to_owned(),
                    office: new.office.clone(),
                    action: "create".into(),
                    from_status: "draft".into(),
                    to_status: "draft".into(),
                    note: Some(format!("channel {}", new.channel)),
                };
                event_in(&mut tx, id, &event).await?;
                let app = app_in(&mut tx, id)
                    .await?
                    .ok_or_else(|| $crate::StoreError::Corrupt(format!("application {id} vanished")))?;
                tx.commit().await?;
                Ok(app)
            }

            async fn application(
                &self,
                id: i64,
            ) -> Result<Option<$crate::applications::Application>, $crate::StoreError> {
                let sql = format!(
                "SELECT {} FROM applications WHERE id = $1 AND erased_at IS NULL",
                $crate::applications::APP_COLUMNS
            );
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(app_row).transpose()?)
            }

            async fn applications_of(
                &self,
                user_id: i64,
                email: &str,
            ) -> Result<Vec<$crate::applications::Application>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM applications WHERE erased_at IS NULL AND (owner_id = $1 OR (owner_id IS NULL AND \
                     applicant_email = $2)) ORDER BY created_at DESC, id DESC",
                    $crate::applications::APP_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(user_id).bind(email).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(app_row).collect::<Result<_, _>>()?)
            }

            async fn applications_of_office(
                &self,
                office: &str,
            ) -> Result<Vec<$crate::applications::Application>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM applications WHERE office = $1 AND erased_at IS NULL ORDER BY created_at DESC, id DESC",
                    $crate::applications::APP_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(office).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(app_row).collect::<Result<_, _>>()?)
            }

            async fn save_answers(
                &self,
                id: i64,
                version: i64,
                answers: &serde_json::Value,
                keys: &$crate::applications::MatchKeys,
                now: i64,
            ) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE applications SET answers = $1, passport_number = $2, name_key_latin = $3, \
                     name_key_kk = $4, birth_date = $5, updated_at = $6, version = version + 1, category = $9, \
                     country = $10 WHERE id = $7 AND version = $8 AND status IN ('draft', 'corrections_requested')",
                )
                .bind(answers.to_string())
                .bind(&keys.passport_number)
                .bind(&keys.name_key_latin)
                .bind(&keys.name_key_kk)
                .bind(&keys.birth_date)
                .bind(now)
                .bind(id)
                .bind(version)
                .bind(&keys.category)
                .bind(&keys.country)
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn events(&self, id: i64) -> Result<Vec<$crate::applications::Event>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT at, actor_id, actor_role, office, action, from_status, to_status, note \
                     FROM application_events WHERE application_id = $1 ORDER BY at, id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(app_event_row).collect::<Result<_, sqlx::Error>>()
                    .map_err($crate::StoreError::from)
            }

            async fn record_event(
                &self,
                id: i64,
                e: &$crate::applications::Event,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                event_in(&mut tx, id, e).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn reassign(
                &self,
                id: i64,
                office: &str,
                e: &$crate::applications::Event,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let r = sqlx::query(
                    "UPDATE applications SET assigned_office = $1, updated_at = $2, version = version + 1 \
                     WHERE id = $3 AND assigned_office IS NOT NULL AND status NOT IN ('draft', 'granted', 'refused')",
                )
                .bind(office)
                .bind(e.at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if r.rows_affected() != 1 {
                    return Ok(false);
                }
                event_in(&mut tx, id, e).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn add_document(
                &self,
                d: &$crate::applications::Document,
                limits: $crate::applications::DocumentLimits,
                editable: &[&str],
            ) -> Result<$crate::applications::DocumentAdded, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // Lock the application row while counting (PostgreSQL); SQLite's write lock is held already.
                sqlx::query("UPDATE applications SET version = version WHERE id = $1")
                    .bind(d.application_id)
                    .execute(&mut *tx)
                    .await?;
                if !editable_in(&mut tx, d.application_id, editable).await? {
                    return Ok($crate::applications::DocumentAdded::NotEditable);
                }
                // A retried upload (its answer lost, or the server gone before it): the same bytes for the
                // same item and role are the document recorded the first time.
                let sql = format!(
                    "SELECT {} FROM documents WHERE application_id = $1 AND item = $2 AND role = $3 AND sha256 = $4 \
                     ORDER BY id LIMIT 1",
                    $crate::applications::DOC_COLUMNS
                );
                let same = sqlx::query(&sql)
                    .bind(d.application_id)
                    .bind(&d.item)
                    .bind(&d.role)
                    .bind(&d.sha256)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(row) = same {
                    return Ok($crate::applications::DocumentAdded::Same(doc_row(&row)?));
                }
                let (count, total): (i64, Option<i64>) =
                    sqlx::query_as("SELECT COUNT(*), CAST(SUM(size) AS BIGINT) FROM documents WHERE application_id = $1")
                        .bind(d.application_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if count + 1 > limits.max_files || total.unwrap_or(0) + d.size > limits.max_total {
                    return Ok($crate::applications::DocumentAdded::LimitReached);
                }
                let sql = format!(
                    "INSERT INTO documents (application_id, item, role, foreign_language, filename, content_type, \
                     size, sha256, blob_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                     RETURNING {}",
                    $crate::applications::DOC_COLUMNS
                );
                let row = sqlx::query(&sql)
                    .bind(d.application_id)
                    .bind(&d.item)
                    .bind(&d.role)
                    .bind(i64::from(d.foreign_language))
                    .bind(&d.filename)
                    .bind(&d.content_type)
                    .bind(d.size)
                    .bind(&d.sha256)
                    .bind(&d.blob_key)
                    .bind(d.created_at)
                    .fetch_one(&mut *tx)
                    .await?;
                let doc = doc_row(&row)?;
                sqlx::query("UPDATE applications SET updated_at = $1, version = version + 1 WHERE id = $2")
                    .bind(d.created_at)
                    .bind(d.application_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok($crate::applications::DocumentAdded::Added(doc))
            }

            async fn documents(
                &self,
                application_id: i64,
            ) -> Result<Vec<$crate::applications::Document>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM documents WHERE application_id = $1 ORDER BY id",
                    $crate::applications::DOC_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(application_id).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(doc_row).collect::<Result<_, _>>()?)
            }

            async fn remove_document(
                &self,
                application_id: i64,
                doc_id: i64,
                editable: &[&str],
            ) -> Result<Option<$crate::applications::Document>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                if !editable_in(&mut tx, application_id, editable).await? {
                    return Ok(None);
                }
                let sql = format!(
                    "DELETE FROM documents WHERE id = $1 AND application_id = $2 RETURNING {}",
                    $crate::applications::DOC_COLUMNS
                );
                let row = sqlx::query(&sql).bind(doc_id).bind(application_id).fetch_optional(&mut *tx).await?;
                let doc = row.as_ref().map(doc_row).transpose()?;
                tx.commit().await?;
                Ok(doc)
            }

            async fn duplicates(
                &self,
                id: i64,
            ) -> Result<Vec<$crate::applications::Duplicate>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT o.id, o.reference, o.status, o.office, \
                     CASE WHEN o.iin = a.iin THEN 'iin' WHEN o.passport_number = a.passport_number THEN 'passport' \
                     ELSE 'name' END AS reason \
                     FROM applications a JOIN applications o ON o.id <> a.id \
                     WHERE a.id = $1 AND ( \
                       (a.iin IS NOT NULL AND o.iin = a.iin) \
                       OR (a.passport_number IS NOT NULL AND a.passport_number <> '' AND o.passport_number = a.passport_number) \
                       OR (a.birth_date IS NOT NULL AND a.birth_date <> '' AND o.birth_date = a.birth_date AND ( \
                         (a.name_key_latin <> '' AND o.name_key_latin = a.name_key_latin) \
                         OR (a.name_key_latin <> '' AND o.name_key_kk = a.name_key_latin) \
                         OR (a.name_key_kk <> '' AND o.name_key_kk = a.name_key_kk) \
                         OR (a.name_key_kk <> '' AND o.name_key_latin = a.name_key_kk)))) \
                     ORDER BY o.id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        let reason: String = r.try_get("reason")?;
                        Ok($crate::applications::Duplicate {
                            id: r.try_get("id")?,
                            reference: r.try_get("reference")?,
                            status: r.try_get("status")?,
                            office: r.try_get("office")?,
                            reason: match reason.as_str() {
                                "iin" => "iin",
                                "passport" => "passport",
                                _ => "name_and_birth_date",
                            },
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err($crate::StoreError::from)
            }
        }
    };
}

pub(crate) use impl_applications;
