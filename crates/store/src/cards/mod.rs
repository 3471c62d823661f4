//! The card: issued in the grant's transaction, its state changes with their audit events, the
//! requests that need a second person (revocation, reissue on a new passport), the status-list
//! slots, the verification log, the signing keys' public halves and the API keys of other systems.

use crate::StoreError;

mod types;
pub use types::*;

/// Cards.
#[async_trait::async_trait]
pub trait CardRepo {
    /// Every signing key, oldest first.
    async fn signing_keys(&self) -> Result<Vec<KeyRecord>, StoreError>;
    /// Adds a signing key; the window of every open, not withdrawn key closes where the new one's opens.
    async fn add_signing_key(&self, key: &KeyRecord) -> Result<(), StoreError>;
    /// Withdraws a key (compromised): its cards no longer verify. `false` when unknown or withdrawn.
    async fn withdraw_signing_key(&self, kid: &str, at: i64) -> Result<bool, StoreError>;
    /// A card by serial.
    async fn card(&self, id: i64) -> Result<Option<Card>, StoreError>;
    /// A card by number.
    async fn card_by_number(&self, number: &str) -> Result<Option<Card>, StoreError>;
    /// An application's cards, newest first.
    async fn cards_of_application(&self, application_id: i64) -> Result<Vec<Card>, StoreError>;
    /// A holder's cards, newest first: those of their account, and those of applications filed for
    /// them (no owner) under their verified address `email`, when given.
    async fn cards_of_holder(&self, holder_id: i64, email: Option<&str>) -> Result<Vec<Card>, StoreError>;
    /// The valid or invalidated cards of the applications with this IIN.
    async fn cards_by_iin(&self, iin: &str) -> Result<Vec<Card>, StoreError>;
    /// A card's audit trail, oldest first.
    async fn card_events(&self, card_id: i64) -> Result<Vec<CardEvent>, StoreError>;
    /// The entries of a status list that are not `valid`: index and state.
    async fn status_entries(&self, list_id: i64) -> Result<Vec<(i64, String)>, StoreError>;
    /// The highest status list in use (1 when there are no cards).
    async fn last_status_list(&self) -> Result<i64, StoreError>;
    /// Opens a request, with its audit event; `None` when one of the kind is already open on the card.
    async fn add_card_request(
        &self,
        card_id: i64,
        kind: &str,
        payload: &serde_json::Value,
        by: Option<i64>,
        event: &CardEvent,
    ) -> Result<Option<i64>, StoreError>;
    /// A request by id.
    async fn card_request(&self, id: i64) -> Result<Option<CardRequest>, StoreError>;
    /// A card's requests, newest first.
    async fn card_requests(&self, card_id: i64) -> Result<Vec<CardRequest>, StoreError>;
    /// Open requests of a kind on the valid cards of an office's cases, oldest first.
    async fn open_card_requests(&self, kind: &str, office: &str) -> Result<Vec<CardRequest>, StoreError>;
    /// Marks valid cards whose `exp` has passed as expired, each with its event; returns them.
    async fn expire_cards(&self, now: i64) -> Result<Vec<Card>, StoreError>;
    /// Logs online verifications, all in one transaction.
    async fn log_verifications(&self, entries: &[(Option<i64>, VerificationEntry)]) -> Result<(), StoreError>;
    /// A card's verification log, newest first (at most `limit`).
    async fn verifications(&self, card_id: i64, limit: i64) -> Result<Vec<VerificationEntry>, StoreError>;
    /// The API key with this token hash, unless revoked or expired at `now`.
    async fn api_key(&self, token_hash: &str, now: i64) -> Result<Option<ApiKey>, StoreError>;
    /// Adds an API key that works until `expires_at`.
    async fn add_api_key(
        &self,
        name: &str,
        role: &str,
        token_hash: &str,
        at: i64,
        expires_at: i64,
    ) -> Result<i64, StoreError>;
    /// Every API key, newest first, with when it was made, when it expires and whether it was revoked.
    async fn api_keys(&self) -> Result<Vec<ApiKeyInfo>, StoreError>;
    /// Revokes key `id` at `at`; `false` when there is no such key or it was revoked already.
    async fn revoke_api_key(&self, id: i64, at: i64) -> Result<bool, StoreError>;
}

pub(crate) const CARD_COLUMNS: &str = "id, number, application_id, holder_id, state, list_id, list_idx, family_name, \
     given_names, family_name_kk, given_names_kk, birth_date, citizenship, passport_number, passport_expires, \
     valid_from, valid_until, issued_at, expires_at, kid, qr_text, replaces, state_at, state_note, iin";
pub(crate) const REQUEST_COLUMNS: &str =
    "id, card_id, kind, payload, requested_by, requested_at, decided_by, decided_at, outcome";

/// A write refused by the guard of one valid card per person (`cards_one_valid_*`: PostgreSQL names
/// the index, SQLite its columns) is a conflict the caller explains; any other error stays as it is.
pub(crate) fn one_card_per_person(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Database(d)
            if d.is_unique_violation()
                && (d.constraint().is_some_and(|c| c.starts_with("cards_one_valid"))
                    || d.message().contains("cards.iin")
                    || d.message().contains("cards.passport_number")) =>
        {
            StoreError::Conflict("one_valid_card_per_person".into())
        }
        other => other.into(),
    }
}

/// Generates [`CardRepo`] for one backend. `$keys_lock` serializes changes of the signing keys' windows
/// between instances where a write transaction alone does not (PostgreSQL's read committed: two
/// rotations at once would each close the window they saw and both leave their key open); `None` where
/// every write transaction is already one at a time (SQLite's `BEGIN IMMEDIATE`).
macro_rules! impl_cards {
    ($store:ty, $db:ty, $keys_lock:expr) => {
        fn card_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::cards::Card, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::cards::Card {
                id: r.try_get("id")?,
                number: r.try_get::<Option<String>, _>("number")?.unwrap_or_default(),
                application_id: r.try_get("application_id")?,
                holder_id: r.try_get("holder_id")?,
                state: {
                    let name: String = r.try_get("state")?;
                    domain::card::CardState::parse(&name)
                        .ok_or_else(|| sqlx::Error::Decode(format!("unknown card state {name:?}").into()))?
                },
                list_id: r.try_get("list_id")?,
                list_idx: r.try_get("list_idx")?,
                family_name: r.try_get("family_name")?,
                given_names: r.try_get("given_names")?,
                family_name_kk: r.try_get("family_name_kk")?,
                given_names_kk: r.try_get("given_names_kk")?,
                birth_date: r.try_get("birth_date")?,
                citizenship: r.try_get("citizenship")?,
                passport_number: r.try_get("passport_number")?,
                iin: r.try_get("iin")?,
                passport_expires: r.try_get("passport_expires")?,
                valid_from: r.try_get("valid_from")?,
                valid_until: r.try_get("valid_until")?,
                issued_at: r.try_get("issued_at")?,
                expires_at: r.try_get("expires_at")?,
                kid: r.try_get("kid")?,
                qr_text: r.try_get("qr_text")?,
                replaces: r.try_get("replaces")?,
                state_at: r.try_get("state_at")?,
                state_note: r.try_get("state_note")?,
            })
        }

        fn request_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::cards::CardRequest, sqlx::Error> {
            use sqlx::Row as _;
            let payload: String = r.try_get("payload")?;
            Ok($crate::cards::CardRequest {
                id: r.try_get("id")?,
                card_id: r.try_get("card_id")?,
                kind: r.try_get("kind")?,
                payload: serde_json::from_str(&payload).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                requested_by: r.try_get("requested_by")?,
                requested_at: r.try_get("requested_at")?,
                decided_by: r.try_get("decided_by")?,
                decided_at: r.try_get("decided_at")?,
                outcome: r.try_get("outcome")?,
            })
        }

        fn key_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::cards::KeyRecord, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::cards::KeyRecord {
                kid: r.try_get("kid")?,
                public_key: r.try_get("public_key")?,
                sign_from: r.try_get("sign_from")?,
                sign_until: r.try_get("sign_until")?,
                created_at: r.try_get("created_at")?,
                withdrawn_at: r.try_get("withdrawn_at")?,
            })
        }

        async fn card_event_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            card_id: i64,
            e: &$crate::cards::CardEvent,
        ) -> Result<(), $crate::StoreError> {
            let seq = log_append_in(tx, &$crate::log::LogRecord::card(card_id, e)).await?;
            sqlx::query(
                "INSERT INTO card_events (card_id, at, actor_id, actor_role, action, from_state, to_state, note, \
                 log_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(card_id)
            .bind(e.at)
            .bind(e.actor_id)
            .bind(&e.actor_role)
            .bind(&e.action)
            .bind(&e.from_state)
            .bind(&e.to_state)
            .bind(&e.note)
            .bind(seq)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// Allocates a serial, signs and inserts a card, with its `issue` event.
        async fn insert_card_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            serial: i64,
            c: &$crate::cards::NewCard,
            signed: &$crate::cards::Signed,
            replaces: Option<i64>,
            event: &$crate::cards::CardEvent,
        ) -> Result<(), $crate::StoreError> {
            let (list_id, list_idx) = $crate::cards::list_slot(serial);
            sqlx::query(
                "INSERT INTO cards (id, number, application_id, holder_id, state, list_id, list_idx, family_name, \
                 given_names, family_name_kk, given_names_kk, birth_date, citizenship, passport_number, \
                 passport_expires, valid_from, valid_until, issued_at, expires_at, kid, qr_text, replaces, state_at, iin) \
                 VALUES ($1, $2, $3, $4, 'valid', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
                 $19, $20, $21, $17, $22)",
            )
            .bind(serial)
            .bind(&signed.number)
            .bind(c.application_id)
            .bind(c.holder_id)
            .bind(list_id)
            .bind(list_idx)
            .bind(&c.family_name)
            .bind(&c.given_names)
            .bind(&c.family_name_kk)
            .bind(&c.given_names_kk)
            .bind(&c.birth_date)
            .bind(&c.citizenship)
            .bind(&c.passport_number)
            .bind(&c.passport_expires)
            .bind(&c.valid_from)
            .bind(&c.valid_until)
            .bind(c.issued_at)
            .bind(c.expires_at)
            .bind(&signed.kid)
            .bind(&signed.qr_text)
            .bind(replaces)
            .bind(&c.iin)
            .execute(&mut **tx)
            .await
            .map_err($crate::cards::one_card_per_person)?;
            let e = $crate::cards::CardEvent {
                from_state: String::new(),
                to_state: "valid".into(),
                action: "issue".into(),
                ..event.clone()
            };
            card_event_in(tx, serial, &e).await
        }

        async fn cards_where(
            pool: &sqlx::Pool<$db>,
            cond: &str,
            value: i64,
        ) -> Result<Vec<$crate::cards::Card>, $crate::StoreError> {
            let sql = format!("SELECT {} FROM cards WHERE {cond} ORDER BY id DESC", $crate::cards::CARD_COLUMNS);
            let rows = sqlx::query(&sql).bind(value).fetch_all(pool).await?;
            Ok(rows.iter().map(card_row).collect::<Result<_, _>>()?)
        }

        #[async_trait::async_trait]
        impl $crate::cards::CardRepo for $store {
            async fn signing_keys(&self) -> Result<Vec<$crate::cards::KeyRecord>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT kid, public_key, sign_from, sign_until, created_at, withdrawn_at FROM signing_keys \
                     ORDER BY created_at, kid",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.iter().map(key_row).collect::<Result<_, _>>()?)
            }

            async fn add_signing_key(&self, k: &$crate::cards::KeyRecord) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let lock: Option<&str> = $keys_lock;
                if let Some(lock) = lock {
                    sqlx::query(lock).execute(&mut *tx).await?;
                }
                let from = k.sign_from.unwrap_or(k.created_at);
                sqlx::query(
                    "UPDATE signing_keys SET sign_until = $1 WHERE sign_until IS NULL AND withdrawn_at IS NULL",
                )
                .bind(from)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO signing_keys (kid, public_key, sign_from, sign_until, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&k.kid)
                .bind(&k.public_key)
                .bind(from)
                .bind(k.sign_until)
                .bind(k.created_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn withdraw_signing_key(&self, kid: &str, at: i64) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query("UPDATE signing_keys SET withdrawn_at = $1 WHERE kid = $2 AND withdrawn_at IS NULL")
                    .bind(at)
                    .bind(kid)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn card(&self, id: i64) -> Result<Option<$crate::cards::Card>, $crate::StoreError> {
                Ok(cards_where(&self.pool, "id = $1", id).await?.into_iter().next())
            }

            async fn card_by_number(&self, number: &str) -> Result<Option<$crate::cards::Card>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM cards WHERE number = $1", $crate::cards::CARD_COLUMNS);
                let row = sqlx::query(&sql).bind(number).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(card_row).transpose()?)
            }

            async fn cards_of_application(
                &self,
                application_id: i64,
            ) -> Result<Vec<$crate::cards::Card>, $crate::StoreError> {
                cards_where(&self.pool, "application_id = $1", application_id).await
            }

            async fn cards_of_holder(
                &self,
                holder_id: i64,
                email: Option<&str>,
            ) -> Result<Vec<$crate::cards::Card>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM cards WHERE holder_id = $1 OR (holder_id IS NULL AND $2 IS NOT NULL AND \
                     application_id IN (SELECT id FROM applications WHERE owner_id IS NULL AND applicant_email = $2)) \
                     ORDER BY id DESC",
                    $crate::cards::CARD_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(holder_id).bind(email).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(card_row).collect::<Result<_, _>>()?)
            }

            async fn cards_by_iin(&self, iin: &str) -> Result<Vec<$crate::cards::Card>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM cards WHERE state IN ('valid', 'invalidated') AND application_id IN \
                     (SELECT id FROM applications WHERE iin = $1) ORDER BY id",
                    $crate::cards::CARD_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(iin).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(card_row).collect::<Result<_, _>>()?)
            }

            async fn card_events(&self, card_id: i64) -> Result<Vec<$crate::cards::CardEvent>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT at, actor_id, actor_role, action, from_state, to_state, note FROM card_events \
                     WHERE card_id = $1 ORDER BY at, id",
                )
                .bind(card_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(card_event_row).collect::<Result<_, sqlx::Error>>()
                    .map_err(Into::into)
            }

            async fn status_entries(&self, list_id: i64) -> Result<Vec<(i64, String)>, $crate::StoreError> {
                Ok(sqlx::query_as::<_, (i64, String)>(
                    "SELECT list_idx, state FROM cards WHERE list_id = $1 AND state <> 'valid' ORDER BY list_idx",
                )
                .bind(list_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn last_status_list(&self) -> Result<i64, $crate::StoreError> {
                let max: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(list_id) FROM cards").fetch_one(&self.pool).await?;
                Ok(max.unwrap_or(1).max(1))
            }

            async fn add_card_request(
                &self,
                card_id: i64,
                kind: &str,
                payload: &serde_json::Value,
                by: Option<i64>,
                event: &$crate::cards::CardEvent,
            ) -> Result<Option<i64>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // One statement: the request opens only while the card is valid (no check-then-insert race).
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO card_requests (card_id, kind, payload, requested_by, requested_at, open_key) \
                     SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM cards WHERE id = $1 AND state = 'valid') \
                     ON CONFLICT (open_key) DO NOTHING RETURNING id",
                )
                .bind(card_id)
                .bind(kind)
                .bind(payload.to_string())
                .bind(by)
                .bind(event.at)
                .bind(format!("{card_id}:{kind}"))
                .fetch_optional(&mut *tx)
                .await?;
                if id.is_some() {
                    let e = $crate::cards::CardEvent {
                        from_state: "valid".into(),
                        to_state: "valid".into(),
                        ..event.clone()
                    };
                    card_event_in(&mut tx, card_id, &e).await?;
                }
                tx.commit().await?;
                Ok(id)
            }

            async fn card_request(&self, id: i64) -> Result<Option<$crate::cards::CardRequest>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM card_requests WHERE id = $1", $crate::cards::REQUEST_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                Ok(row.as_ref().map(request_row).transpose()?)
            }

            async fn card_requests(
                &self,
                card_id: i64,
            ) -> Result<Vec<$crate::cards::CardRequest>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM card_requests WHERE card_id = $1 ORDER BY id DESC",
                    $crate::cards::REQUEST_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(card_id).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(request_row).collect::<Result<_, _>>()?)
            }

            async fn open_card_requests(
                &self,
                kind: &str,
                office: &str,
            ) -> Result<Vec<$crate::cards::CardRequest>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM card_requests WHERE kind = $1 AND decided_at IS NULL AND card_id IN \
                     (SELECT c.id FROM cards c JOIN applications a ON a.id = c.application_id \
                     WHERE c.state = 'valid' AND a.assigned_office = $2) ORDER BY id",
                    $crate::cards::REQUEST_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(kind).bind(office).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(request_row).collect::<Result<_, _>>()?)
            }

            async fn expire_cards(&self, now: i64) -> Result<Vec<$crate::cards::Card>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let sql = format!(
                    "UPDATE cards SET state = 'expired', state_at = $1 WHERE state = 'valid' AND expires_at <= $1 \
                     RETURNING {}",
                    $crate::cards::CARD_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(now).fetch_all(&mut *tx).await?;
                let cards: Vec<$crate::cards::Card> = rows.iter().map(card_row).collect::<Result<_, _>>()?;
                for card in &cards {
                    let e = $crate::cards::CardEvent {
                        at: now,
                        actor_id: None,
                        actor_role: "system".into(),
                        action: "expire".into(),
                        from_state: "valid".into(),
                        to_state: "expired".into(),
                        note: None,
                    };
                    card_event_in(&mut tx, card.id, &e).await?;
                    sqlx::query(
                        "UPDATE card_requests SET decided_at = $1, outcome = 'lapsed', open_key = NULL \
                         WHERE card_id = $2 AND decided_at IS NULL",
                    )
                    .bind(now)
                    .bind(card.id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(cards)
            }

            async fn log_verifications(
                &self,
                entries: &[(Option<i64>, $crate::cards::VerificationEntry)],
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                // A few hundred rows per statement keeps each under both backends' bind limits.
                for chunk in entries.chunks(200) {
                    let mut sql = String::from("INSERT INTO verifications (card_id, at, verifier, channel, result) VALUES ");
                    for i in 0..chunk.len() {
                        let b = i * 5;
                        if i > 0 {
                            sql.push_str(", ");
                        }
                        sql.push_str(&format!("(${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5));
                    }
                    let mut q = sqlx::query(&sql);
                    for (card_id, e) in chunk {
                        q = q.bind(*card_id).bind(e.at).bind(&e.verifier).bind(&e.channel).bind(&e.result);
                    }
                    q.execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn verifications(
                &self,
                card_id: i64,
                limit: i64,
            ) -> Result<Vec<$crate::cards::VerificationEntry>, $crate::StoreError> {
                Ok(sqlx::query_as::<_, (i64, String, String, String)>(
                    "SELECT at, verifier, channel, result FROM verifications WHERE card_id = $1 \
                     ORDER BY at DESC, id DESC LIMIT $2",
                )
                .bind(card_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(at, verifier, channel, result)| $crate::cards::VerificationEntry { at, verifier, channel, result })
                .collect())
            }

            async fn api_key(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<$crate::cards::ApiKey>, $crate::StoreError> {
                Ok(sqlx::query_as::<_, (i64, String, String)>(
                    "SELECT id, name, role FROM api_keys WHERE token_hash = $1 AND revoked_at IS NULL \
                     AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?
                .map(|(id, name, role)| $crate::cards::ApiKey { id, name, role }))
            }

            async fn add_api_key(
                &self,
                name: &str,
                role: &str,
                token_hash: &str,
                at: i64,
                expires_at: i64,
            ) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO api_keys (name, role, token_hash, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(name)
                .bind(role)
                .bind(token_hash)
                .bind(at)
                .bind(expires_at)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn api_keys(&self) -> Result<Vec<$crate::cards::ApiKeyInfo>, $crate::StoreError> {
                Ok(sqlx::query_as::<_, (i64, String, String, i64, i64, Option<i64>)>(
                    "SELECT id, name, role, created_at, expires_at, revoked_at FROM api_keys ORDER BY id DESC",
                )
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(id, name, role, created_at, expires_at, revoked_at)| $crate::cards::ApiKeyInfo {
                    key: $crate::cards::ApiKey { id, name, role },
                    created_at,
                    expires_at,
                    revoked_at,
                })
                .collect())
            }

            async fn revoke_api_key(&self, id: i64, at: i64) -> Result<bool, $crate::StoreError> {
                let r = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(at)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() == 1)
            }
        }
    };
}
pub(crate) use impl_cards;
