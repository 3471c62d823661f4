//! The audit log's rows: every event as a leaf of a Merkle tree (docs/audit-log.md), appended in the
//! transaction of the change it records; the complete subtrees' hashes; the signed checkpoints.
//!
//! The store records; it decides nothing. It keeps the tree's hashes because they are part of what it
//! writes (a leaf without its nodes would be half a write). Signing checkpoints, proofs and verification
//! are the service's (`service::audit`), over the [`LogRepo`] reads.
//!
//! A leaf's record and its encoding are in `leaf`; the rows read back (entries, checkpoints, a search) in
//! `types`.

mod leaf;
mod types;

pub use leaf::{LogRecord, decode, encode};
pub use tlog::{Hash, NodeId};
pub use types::{LogEntry, LogQuery, StoredCheckpoint};

use crate::StoreError;

/// The key of a stored subtree: its level above its index.
pub(crate) fn node_key(id: NodeId) -> i64 {
    (i64::from(id.level) << 56) | i64::try_from(id.index).unwrap_or(i64::MAX)
}

/// What the log keeps and how it is read.
#[async_trait::async_trait]
pub trait LogRepo {
    /// Appends one record in its own transaction (reads, sign-ins: things with no other write).
    async fn log_append(&self, record: &LogRecord) -> Result<u64, StoreError>;
    /// Leaves in the tree (sealed: their subtree hashes stored).
    async fn log_size(&self) -> Result<u64, StoreError>;
    /// Adds the entries that follow the tree, in order, to it (their subtree hashes), until the first
    /// number with no entry; returns the tree's size and that missing number when entries follow it.
    async fn log_seal(&self) -> Result<(u64, Option<u64>), StoreError>;
    /// The numbers from `from` on that no entry has, below the largest one written (at most `limit`,
    /// in order): the numbers a sealing pass will wait for, all found at once.
    async fn log_missing(&self, from: u64, limit: u32) -> Result<Vec<u64>, StoreError>;
    /// Fills a number whose transaction never committed with a `void` leaf (waits for one in flight);
    /// `false` when an entry took it meanwhile.
    async fn log_fill(&self, seq: u64, at: i64) -> Result<bool, StoreError>;
    /// The stored hashes of these subtrees, in order; a missing one is corruption.
    async fn log_hashes(&self, ids: &[NodeId]) -> Result<Vec<Hash>, StoreError>;
    /// Up to `limit` entries from `from` on, in order.
    async fn log_entries(&self, from: u64, limit: u32) -> Result<Vec<LogEntry>, StoreError>;
    /// Entries matching a search, newest first.
    async fn log_search(&self, q: &LogQuery) -> Result<Vec<LogEntry>, StoreError>;
    /// Stored subtree hashes with keys in `[from, to)`, by key.
    async fn log_node_rows(&self, from: i64, to: i64, limit: u32) -> Result<Vec<(i64, Vec<u8>)>, StoreError>;
    /// The records of the event rows (application and card) whose leaves are in `[from, to)`, by
    /// leaf, re-encoded from the rows as they stand.
    async fn event_records(&self, from: u64, to: u64) -> Result<Vec<(u64, LogRecord)>, StoreError>;
    /// Event rows that name no leaf of the log (none, or one beyond its size).
    async fn unlogged_events(&self) -> Result<i64, StoreError>;
    /// Every signed checkpoint, smallest first.
    async fn log_checkpoints(&self) -> Result<Vec<StoredCheckpoint>, StoreError>;
    /// The largest signed checkpoint.
    async fn latest_checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError>;
    /// Keeps a signed checkpoint (one of that size already kept stays).
    async fn add_checkpoint(&self, c: &StoredCheckpoint) -> Result<(), StoreError>;
    /// Appends the event rows written before the log existed, oldest first; returns how many.
    async fn log_adopt(&self) -> Result<u64, StoreError>;
}

/// Generates the log for one backend.
macro_rules! impl_log {
    ($store:ty, $db:ty, $next_seq:expr, $lock:expr) => {
        /// An application's event from a row of `application_events`.
        pub(crate) fn app_event_row(
            r: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::applications::Event, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::applications::Event {
                at: r.try_get("at")?,
                actor_id: r.try_get("actor_id")?,
                actor_role: r.try_get("actor_role")?,
                office: r.try_get("office")?,
                action: r.try_get("action")?,
                from_status: r.try_get("from_status")?,
                to_status: r.try_get("to_status")?,
                note: r.try_get("note")?,
            })
        }

        /// A card's event from a row of `card_events`.
        pub(crate) fn card_event_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::cards::CardEvent, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::cards::CardEvent {
                at: r.try_get("at")?,
                actor_id: r.try_get("actor_id")?,
                actor_role: r.try_get("actor_role")?,
                action: r.try_get("action")?,
                from_state: r.try_get("from_state")?,
                to_state: r.try_get("to_state")?,
                note: r.try_get("note")?,
            })
        }

        fn log_entry_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::log::LogEntry, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::log::LogEntry {
                seq: u64::try_from(r.try_get::<i64, _>("seq")?).unwrap_or_default(),
                record: $crate::log::LogRecord {
                    kind: r.try_get("kind")?,
                    at: r.try_get("at")?,
                    application_id: r.try_get("application_id")?,
                    card_id: r.try_get("card_id")?,
                    actor_id: r.try_get("actor_id")?,
                    actor_role: r.try_get("actor_role")?,
                    office: r.try_get("office")?,
                    action: r.try_get("action")?,
                    subject: r.try_get("subject")?,
                    from: None,
                    to: None,
                    note: None,
                },
                data: r.try_get("data")?,
                leaf: r.try_get("leaf")?,
            })
        }

        fn checkpoint_row(r: &<$db as sqlx::Database>::Row) -> Result<$crate::log::StoredCheckpoint, sqlx::Error> {
            use sqlx::Row as _;
            Ok($crate::log::StoredCheckpoint {
                size: u64::try_from(r.try_get::<i64, _>("size")?).unwrap_or_default(),
                root: r.try_get("root")?,
                note: r.try_get("note")?,
                signed_at: r.try_get("signed_at")?,
            })
        }

        const LOG_COLUMNS: &str =
            "seq, at, kind, application_id, card_id, actor_id, actor_role, office, action, subject, data, leaf";

        /// The stored hashes of `ids`, in order.
        async fn log_hashes_on(
            conn: &mut <$db as sqlx::Database>::Connection,
            ids: &[$crate::log::NodeId],
        ) -> Result<Vec<$crate::log::Hash>, $crate::StoreError> {
            use sqlx::Row as _;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
            let sql = format!("SELECT node, hash FROM log_nodes WHERE node IN ({})", marks.join(", "));
            let mut q = sqlx::query(&sql);
            for id in ids {
                q = q.bind($crate::log::node_key(*id));
            }
            let rows = q.fetch_all(&mut *conn).await?;
            let mut found = std::collections::HashMap::new();
            for r in &rows {
                found.insert(r.try_get::<i64, _>("node")?, r.try_get::<Vec<u8>, _>("hash")?);
            }
            ids.iter()
                .map(|id| {
                    found
                        .get(&$crate::log::node_key(*id))
                        .and_then(|h| <$crate::log::Hash>::try_from(h.as_slice()).ok())
                        .ok_or_else(|| {
                            $crate::StoreError::Corrupt(format!(
                                "the audit log lacks the hash of subtree {} at level {}",
                                id.index, id.level
                            ))
                        })
                })
                .collect()
        }

        /// Appends `record` as the next leaf, in the caller's transaction; returns its sequence number.
        /// No lock is taken: the number comes from a sequence (PostgreSQL) or the transaction's own
        /// hold on the database (SQLite); the sealer adds the leaf to the tree ([`LogRepo::log_seal`]).
        async fn log_append_in(
            tx: &mut sqlx::Transaction<'_, $db>,
            record: &$crate::log::LogRecord,
        ) -> Result<i64, $crate::StoreError> {
            let seq: i64 = sqlx::query_scalar($next_seq).fetch_one(&mut **tx).await?;
            let useq = u64::try_from(seq).map_err(|_| $crate::StoreError::Corrupt("log sequence".into()))?;
            insert_entry(&mut **tx, useq, record, false).await?;
            Ok(seq)
        }

        /// Inserts the entry `seq` for `record`; with `fill`, only if no entry has that number (waiting
        /// for a transaction that holds it to end).
        async fn insert_entry(
            conn: &mut <$db as sqlx::Database>::Connection,
            seq: u64,
            record: &$crate::log::LogRecord,
            fill: bool,
        ) -> Result<bool, $crate::StoreError> {
            let data = $crate::log::encode(seq, record);
            let leaf = tlog::leaf_hash(data.as_bytes());
            let sql = format!(
                "INSERT INTO log_entries (seq, at, kind, application_id, card_id, actor_id, actor_role, office, \
                 action, subject, data, leaf) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12){}",
                if fill { " ON CONFLICT (seq) DO NOTHING" } else { "" }
            );
            let r = sqlx::query(&sql)
                .bind(i64::try_from(seq).unwrap_or(i64::MAX))
                .bind(record.at)
                .bind(&record.kind)
                .bind(record.application_id)
                .bind(record.card_id)
                .bind(record.actor_id)
                .bind(&record.actor_role)
                .bind(&record.office)
                .bind(&record.action)
                .bind(&record.subject)
                .bind(&data)
                .bind(leaf.to_vec())
                .execute(&mut *conn)
                .await?;
            Ok(r.rows_affected() == 1)
        }

        #[async_trait::async_trait]
        impl $crate::log::LogRepo for $store {
            async fn log_append(&self, record: &$crate::log::LogRecord) -> Result<u64, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let seq = log_append_in(&mut tx, record).await?;
                tx.commit().await?;
                Ok(u64::try_from(seq).unwrap_or_default())
            }

            async fn log_size(&self) -> Result<u64, $crate::StoreError> {
                let size: i64 =
                    sqlx::query_scalar("SELECT size FROM log_head WHERE id = 1").fetch_one(&self.pool).await?;
                Ok(u64::try_from(size).unwrap_or_default())
            }

            async fn log_seal(&self) -> Result<(u64, Option<u64>), $crate::StoreError> {
                use sqlx::Row as _;
                loop {
                    let mut tx = self.begin_write().await?;
                    let size: i64 = sqlx::query_scalar(&format!("SELECT size FROM log_head WHERE id = 1{}", $lock))
                        .fetch_one(&mut *tx)
                        .await?;
                    let start = u64::try_from(size).unwrap_or_default();
                    let rows = sqlx::query("SELECT seq, leaf FROM log_entries WHERE seq >= $1 ORDER BY seq LIMIT 2000")
                        .bind(size)
                        .fetch_all(&mut *tx)
                        .await?;
                    let edge = log_hashes_on(&mut *tx, &tlog::decompose(0, start)).await?;
                    let mut frontier = tlog::Frontier::from_edge(start, &edge);
                    let mut nodes = Vec::new();
                    let mut gap = None;
                    for r in &rows {
                        let seq = u64::try_from(r.try_get::<i64, _>("seq")?).unwrap_or_default();
                        if seq != frontier.size() {
                            gap = Some(frontier.size());
                            break;
                        }
                        let leaf: Vec<u8> = r.try_get("leaf")?;
                        let leaf = <$crate::log::Hash>::try_from(leaf.as_slice())
                            .map_err(|_| $crate::StoreError::Corrupt(format!("leaf {seq} is not 32 bytes")))?;
                        nodes.extend(frontier.push(leaf));
                    }
                    for chunk in nodes.chunks(200) {
                        let marks: Vec<String> =
                            (0..chunk.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
                        let sql = format!("INSERT INTO log_nodes (node, hash) VALUES {}", marks.join(", "));
                        let mut q = sqlx::query(&sql);
                        for (id, hash) in chunk {
                            q = q.bind($crate::log::node_key(*id)).bind(hash.to_vec());
                        }
                        q.execute(&mut *tx).await?;
                    }
                    let sealed = frontier.size();
                    if sealed > start {
                        sqlx::query("UPDATE log_head SET size = $1 WHERE id = 1")
                            .bind(i64::try_from(sealed).unwrap_or(i64::MAX))
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    if gap.is_some() || rows.len() < 2000 {
                        return Ok((sealed, gap));
                    }
                }
            }

            async fn log_missing(&self, from: u64, limit: u32) -> Result<Vec<u64>, $crate::StoreError> {
                // Each run of missing numbers: from the number after an entry with no successor to the
                // next entry written.
                let runs: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT e.seq + 1, (SELECT MIN(n.seq) FROM log_entries n WHERE n.seq > e.seq) FROM log_entries e \
                     WHERE e.seq >= $1 - 1 AND e.seq < (SELECT MAX(seq) FROM log_entries) \
                     AND NOT EXISTS (SELECT 1 FROM log_entries m WHERE m.seq = e.seq + 1) ORDER BY e.seq LIMIT $2",
                )
                .bind(i64::try_from(from).unwrap_or(i64::MAX))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::new();
                for (start, next) in runs {
                    for seq in start..next {
                        if out.len() >= limit as usize {
                            return Ok(out);
                        }
                        out.push(u64::try_from(seq).unwrap_or_default());
                    }
                }
                Ok(out)
            }

            async fn log_fill(&self, seq: u64, at: i64) -> Result<bool, $crate::StoreError> {
                let void = $crate::log::LogRecord {
                    kind: "void".into(),
                    at,
                    application_id: None,
                    card_id: None,
                    actor_id: None,
                    actor_role: "system".into(),
                    office: None,
                    action: "void".into(),
                    subject: None,
                    from: None,
                    to: None,
                    note: Some("a number taken by a change that did not commit".into()),
                };
                let mut conn = self.pool.acquire().await?;
                insert_entry(&mut conn, seq, &void, true).await
            }

            async fn log_hashes(
                &self,
                ids: &[$crate::log::NodeId],
            ) -> Result<Vec<$crate::log::Hash>, $crate::StoreError> {
                let mut out = Vec::with_capacity(ids.len());
                let mut conn = self.pool.acquire().await?;
                // A few hundred at a time: SQLite's limit on bound parameters is far above that.
                for chunk in ids.chunks(200) {
                    out.extend(log_hashes_on(&mut conn, chunk).await?);
                }
                Ok(out)
            }

            async fn log_entries(
                &self,
                from: u64,
                limit: u32,
            ) -> Result<Vec<$crate::log::LogEntry>, $crate::StoreError> {
                let sql = format!("SELECT {LOG_COLUMNS} FROM log_entries WHERE seq >= $1 ORDER BY seq LIMIT $2");
                let rows = sqlx::query(&sql)
                    .bind(i64::try_from(from).unwrap_or(i64::MAX))
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(log_entry_row).collect::<Result<_, _>>()?)
            }

            async fn log_search(
                &self,
                q: &$crate::log::LogQuery,
            ) -> Result<Vec<$crate::log::LogEntry>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {LOG_COLUMNS} FROM log_entries WHERE ($1 IS NULL OR application_id = $1) \
                     AND ($2 IS NULL OR card_id = $2) AND ($3 IS NULL OR actor_id = $3) \
                     AND ($4 IS NULL OR office = $4) AND ($5 IS NULL OR kind = $5) \
                     AND ($6 IS NULL OR action = $6) AND ($7 IS NULL OR at >= $7) AND ($8 IS NULL OR at < $8) \
                     AND ($9 IS NULL OR seq < $9) AND ($11 IS NULL OR subject = $11) ORDER BY seq DESC LIMIT $10"
                );
                let rows = sqlx::query(&sql)
                    .bind(q.application_id)
                    .bind(q.card_id)
                    .bind(q.actor_id)
                    .bind(&q.office)
                    .bind(&q.kind)
                    .bind(&q.action)
                    .bind(q.from_at)
                    .bind(q.until_at)
                    .bind(q.before_seq.map(|s| i64::try_from(s).unwrap_or(i64::MAX)))
                    .bind(i64::from(q.limit.clamp(1, 1000)))
                    .bind(&q.subject)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(log_entry_row).collect::<Result<_, _>>()?)
            }

            async fn log_node_rows(
                &self,
                from: i64,
                to: i64,
                limit: u32,
            ) -> Result<Vec<(i64, Vec<u8>)>, $crate::StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT node, hash FROM log_nodes WHERE node >= $1 AND node < $2 ORDER BY node LIMIT $3",
                )
                .bind(from)
                .bind(to)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("node")?, r.try_get("hash")?)))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(Into::into)
            }

            async fn event_records(
                &self,
                from: u64,
                to: u64,
            ) -> Result<Vec<(u64, $crate::log::LogRecord)>, $crate::StoreError> {
                use sqlx::Row as _;
                let (from, to) = (i64::try_from(from).unwrap_or(i64::MAX), i64::try_from(to).unwrap_or(i64::MAX));
                let mut out = Vec::new();
                let rows = sqlx::query(
                    "SELECT log_seq, application_id, at, actor_id, actor_role, office, action, from_status, to_status, \
                     note FROM application_events WHERE log_seq >= $1 AND log_seq < $2",
                )
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                for r in &rows {
                    let e = app_event_row(r)?;
                    let seq = u64::try_from(r.try_get::<i64, _>("log_seq")?).unwrap_or_default();
                    out.push((seq, $crate::log::LogRecord::application(r.try_get("application_id")?, &e)));
                }
                let rows = sqlx::query(
                    "SELECT log_seq, card_id, at, actor_id, actor_role, action, from_state, to_state, note \
                     FROM card_events WHERE log_seq >= $1 AND log_seq < $2",
                )
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                for r in &rows {
                    let e = card_event_row(r)?;
                    let seq = u64::try_from(r.try_get::<i64, _>("log_seq")?).unwrap_or_default();
                    out.push((seq, $crate::log::LogRecord::card(r.try_get("card_id")?, &e)));
                }
                out.sort_by_key(|(s, _)| *s);
                Ok(out)
            }

            async fn unlogged_events(&self) -> Result<i64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM application_events e WHERE e.log_seq IS NULL \
                     OR NOT EXISTS (SELECT 1 FROM log_entries l WHERE l.seq = e.log_seq)) \
                     + (SELECT COUNT(*) FROM card_events e WHERE e.log_seq IS NULL \
                     OR NOT EXISTS (SELECT 1 FROM log_entries l WHERE l.seq = e.log_seq))",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok(n)
            }

            async fn log_checkpoints(&self) -> Result<Vec<$crate::log::StoredCheckpoint>, $crate::StoreError> {
                let rows = sqlx::query("SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size")
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(checkpoint_row).collect::<Result<_, _>>()?)
            }

            async fn latest_checkpoint(&self) -> Result<Option<$crate::log::StoredCheckpoint>, $crate::StoreError> {
                let row =
                    sqlx::query("SELECT size, root, note, signed_at FROM log_checkpoints ORDER BY size DESC LIMIT 1")
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.as_ref().map(checkpoint_row).transpose()?)
            }

            async fn add_checkpoint(&self, c: &$crate::log::StoredCheckpoint) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (size) DO NOTHING",
                )
                .bind(i64::try_from(c.size).unwrap_or(i64::MAX))
                .bind(&c.root)
                .bind(&c.note)
                .bind(c.signed_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn log_adopt(&self) -> Result<u64, $crate::StoreError> {
                use sqlx::Row as _;
                let mut adopted = 0u64;
                loop {
                    let rows = sqlx::query(
                        "SELECT 'application' AS tbl, id, at FROM application_events WHERE log_seq IS NULL \
                         UNION ALL SELECT 'card' AS tbl, id, at FROM card_events WHERE log_seq IS NULL \
                         ORDER BY at, tbl, id LIMIT 500",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    if rows.is_empty() {
                        self.log_seal().await?;
                        return Ok(adopted);
                    }
                    let mut tx = self.begin_write().await?;
                    for r in &rows {
                        let (tbl, id): (String, i64) = (r.try_get("tbl")?, r.try_get("id")?);
                        let record = if tbl == "card" {
                            let r = sqlx::query(
                                "SELECT card_id, at, actor_id, actor_role, action, from_state, to_state, note \
                                 FROM card_events WHERE id = $1 AND log_seq IS NULL",
                            )
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                            let Some(r) = r else { continue };
                            let e = card_event_row(&r)?;
                            $crate::log::LogRecord::card(r.try_get("card_id")?, &e)
                        } else {
                            let r = sqlx::query(
                                "SELECT application_id, at, actor_id, actor_role, office, action, from_status, \
                                 to_status, note FROM application_events WHERE id = $1 AND log_seq IS NULL",
                            )
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                            let Some(r) = r else { continue };
                            let e = app_event_row(&r)?;
                            $crate::log::LogRecord::application(r.try_get("application_id")?, &e)
                        };
                        let seq = log_append_in(&mut tx, &record).await?;
                        let table = if tbl == "card" { "card_events" } else { "application_events" };
                        sqlx::query(&format!("UPDATE {table} SET log_seq = $1 WHERE id = $2"))
                            .bind(seq)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        adopted += 1;
                    }
                    tx.commit().await?;
                }
            }
        }
    };
}

pub(crate) use impl_log;
