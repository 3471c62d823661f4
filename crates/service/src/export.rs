//! Everything the service keeps about a person, for them to download as one archive (the Law "On
//! Personal Data and its Protection" gives the subject access to their data; GDPR's article 15 is the
//! model followed): `data.json` (the account, each application with its answers, history as the
//! applicant is shown it, documents, who looked at it, and its cards with their events and
//! verification logs) and `files/`, every uploaded file decrypted, in a POSIX tar (ustar) archive that
//! any system opens. The archive is streamed: files are decrypted a chunk at a time and checked against
//! their recorded SHA-256, as downloads are.

use std::collections::VecDeque;

use serde_json::{Value, json};
use store::{Document, User};

use crate::app::App;
use crate::error::AppError;
use crate::files::{FileReader, FileStore};

/// One member of the archive.
#[derive(Debug, Clone)]
pub enum Member {
    /// Bytes made here (`data.json`).
    Data {
        /// Its path in the archive.
        path: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// An uploaded file, read from the store when its turn comes.
    File {
        /// Its path in the archive.
        path: String,
        /// The document it belongs to.
        doc: Document,
    },
}

/// What the archive will hold, gathered before the first byte is sent (so a failure to gather is an
/// error page, not a cut-off download).
#[derive(Debug, Clone)]
pub struct Archive {
    /// The members in order.
    pub members: Vec<Member>,
    /// Unix seconds when it was gathered (each member's time).
    pub at: i64,
}

fn iso(ts: i64) -> Value {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .map_or(Value::Null, Value::String)
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    }
}

/// Everything kept about `user`. Applications are those the person owns (an office's staff get their
/// own account's data, not the applications their office filed: those are the applicants').
pub async fn gather(app: &App, user: &User) -> Result<Archive, AppError> {
    let at = app.clock.now().unix_timestamp();
    let own = if user.role == domain::account::Role::Applicant {
        app.store.applications_of(user.id, &user.email).await?
    } else {
        Vec::new()
    };
    let mut members = Vec::new();
    let mut applications = Vec::new();
    for a in own {
        let access = crate::applications::Access { app: a.clone(), role: crate::applications::Capacity::Applicant };
        let history = crate::applications::history_for_applicant(app, &access).await?;
        let mut documents = Vec::new();
        for d in app.store.documents(a.id).await? {
            let path = format!("files/application-{}/document-{}.{}", a.id, d.id, extension(&d.content_type));
            documents.push(json!({
                "id": d.id, "item": d.item, "role": d.role, "foreign_language": d.foreign_language,
                "filename": d.filename, "content_type": d.content_type, "size": d.size, "sha256": d.sha256,
                "uploaded_at": iso(d.created_at), "file": path,
            }));
            members.push(Member::File { path, doc: d });
        }
        let looks: Vec<Value> = crate::audit::looks(app, a.id)
            .await?
            .into_iter()
            .map(|l| json!({ "at": iso(l.at), "office": l.office, "role": l.role, "action": l.action, "document_id": l.document_id }))
            .collect();
        let mut cards = Vec::new();
        for c in app.store.cards_of_application(a.id).await? {
            let events = crate::cards::holder_events(app.store.card_events(c.id).await?);
            let checks = app.store.verifications(c.id, 100_000).await?;
            cards.push(json!({
                "number": c.number, "state": c.state, "valid_from": c.valid_from, "valid_until": c.valid_until,
                "family_name": c.family_name, "given_names": c.given_names, "birth_date": c.birth_date,
                "citizenship": c.citizenship, "passport_number": c.passport_number, "iin": c.iin,
                "issued_at": iso(c.issued_at), "qr_text": c.qr_text,
                "events": events.iter().map(|e| json!({ "at": iso(e.at), "action": e.action, "from": e.from_state, "to": e.to_state })).collect::<Vec<_>>(),
                "checks": checks.iter().map(|v| json!({ "at": iso(v.at), "verifier": v.verifier, "channel": v.channel, "result": v.result })).collect::<Vec<_>>(),
            }));
        }
        // The decision letters, as sent: their text is the PDF's (which the application's page gives).
        let mut letters = Vec::new();
        for e in crate::letters::list(app, &access).await? {
            let l = crate::letters::open(app, &access, e.n).await?;
            letters.push(json!({ "n": e.n, "kind": e.kind, "at": iso(e.at), "subject": l.subject, "text": l.text() }));
        }
        applications.push(json!({
            "id": a.id, "reference": a.reference, "status": a.status, "channel": a.channel, "office": a.office,
            "assigned_office": a.assigned_office, "lang": a.lang, "answers": a.answers, "iin": a.iin,
            "due_on": a.due_on, "created_at": iso(a.created_at), "updated_at": iso(a.updated_at),
            "submitted_at": a.submitted_at.map_or(Value::Null, iso),
            "history": history.iter().map(|e| json!({
                "at": iso(e.at), "by_role": e.actor_role, "office": e.office, "action": e.action,
                "from": e.from_status, "to": e.to_status, "note": e.note,
            })).collect::<Vec<_>>(),
            "documents": documents, "who_looked": looks, "cards": cards, "letters": letters,
            "retention": retention(app, user, &a),
        }));
    }
    let sessions: Vec<Value> = crate::accounts::sessions(app, user)
        .await?
        .into_iter()
        .map(|s| json!({ "kind": s.kind, "device": s.user_agent, "created_at": iso(s.created_at), "last_seen_at": iso(s.last_seen_at) }))
        .collect();
    let data = json!({
        "format": "atajoly-personal-data/1",
        "exported_at": iso(at),
        "account": {
            "email": user.email, "lang": user.lang, "role": user.role, "office": user.office,
            "created_at": iso(user.created_at), "verified_at": user.verified_at.map_or(Value::Null, iso),
            "name": user.name,
        },
        "sessions": sessions,
        "applications": applications,
    });
    let bytes = serde_json::to_vec_pretty(&data).map_err(|e| AppError::internal(&e))?;
    members.insert(0, Member::Data { path: "data.json".into(), bytes });
    Ok(Archive { members, at })
}

/// What the retention policy erased of a decided case: when, and a sentence in the person's language;
/// null while everything is kept.
fn retention(app: &App, user: &User, a: &store::Application) -> Value {
    let (Some(id), Some(at)) = (crate::retention::erased_message(a), a.content_erased_at) else { return Value::Null };
    let lang = domain::Lang::parse(&user.lang).unwrap_or_default();
    let date = time::OffsetDateTime::from_unix_timestamp(at)
        .map(|t| t.to_offset(crate::clock::KZ_OFFSET).date().to_string())
        .unwrap_or_default();
    json!({ "erased_at": iso(at), "note": app.i18n.message(lang, id, &[("date", date)]) })
}

impl Archive {
    /// The archive's length in bytes: each member's header, bytes and padding, and the two empty
    /// blocks that end it.
    pub fn len(&self) -> u64 {
        let padded = |n: u64| 512 + n.div_ceil(512) * 512;
        self.members
            .iter()
            .map(|m| match m {
                Member::Data { bytes, .. } => padded(bytes.len() as u64),
                Member::File { doc, .. } => padded(u64::try_from(doc.size).unwrap_or(0)),
            })
            .sum::<u64>()
            + 1024
    }

    /// Whether it has no members (never: `data.json` is always there).
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// A ustar header for a regular file (mode 0644) of `size` bytes named `path` (ASCII, at most 100
/// bytes: the archive's own names are).
pub fn tar_header(path: &str, size: u64, mtime: i64) -> [u8; 512] {
    let mut h = [0u8; 512];
    let put = |h: &mut [u8; 512], at: usize, text: &[u8]| {
        for (slot, b) in h.iter_mut().skip(at).zip(text) {
            *slot = *b;
        }
    };
    put(&mut h, 0, path.as_bytes().get(..100).unwrap_or(path.as_bytes()));
    put(&mut h, 100, b"0000644\0");
    put(&mut h, 108, b"0000000\0");
    put(&mut h, 116, b"0000000\0");
    put(&mut h, 124, format!("{size:011o}\0").as_bytes());
    put(&mut h, 136, format!("{:011o}\0", mtime.max(0)).as_bytes());
    put(&mut h, 148, b"        ");
    put(&mut h, 156, b"0");
    put(&mut h, 257, b"ustar\0");
    put(&mut h, 263, b"00");
    let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
    put(&mut h, 148, format!("{sum:06o}\0 ").as_bytes());
    h
}

fn padding(size: u64) -> bytes::Bytes {
    let rest = usize::try_from(size % 512).unwrap_or(0);
    bytes::Bytes::from(vec![0u8; if rest == 0 { 0 } else { 512 - rest }])
}

struct Streaming {
    files: FileStore,
    queue: VecDeque<Member>,
    reader: Option<(FileReader, u64)>,
    at: i64,
    ended: bool,
}

/// The archive as a stream of bytes. A file that fails to read (or is not the recorded one) ends the
/// stream with an error: the download is cut off, never wrong.
pub fn stream(
    app: &App,
    archive: Archive,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'static {
    let state = Streaming {
        files: app.files.clone(),
        queue: archive.members.into(),
        reader: None,
        at: archive.at,
        ended: false,
    };
    futures_util::stream::unfold(Some(state), |state| async move {
        let mut s = state?;
        if let Some((mut reader, size)) = s.reader.take() {
            return match reader.next_chunk().await {
                Ok(Some(chunk)) => {
                    s.reader = Some((reader, size));
                    Some((Ok(bytes::Bytes::from(chunk)), Some(s)))
                }
                Ok(None) => Some((Ok(padding(size)), Some(s))),
                Err(e) => {
                    tracing::error!(error = %e, "a stored file failed while the personal-data archive was sent");
                    Some((Err(std::io::Error::other(e.to_string())), None))
                }
            };
        }
        match s.queue.pop_front() {
            Some(Member::Data { path, bytes }) => {
                let size = bytes.len() as u64;
                let mut out = tar_header(&path, size, s.at).to_vec();
                out.extend_from_slice(&bytes);
                out.extend_from_slice(&padding(size));
                Some((Ok(bytes::Bytes::from(out)), Some(s)))
            }
            Some(Member::File { path, doc }) => match s.files.open_document(&doc).await {
                Ok(reader) => {
                    let size = u64::try_from(doc.size).unwrap_or(0);
                    s.reader = Some((reader, size));
                    Some((Ok(bytes::Bytes::copy_from_slice(&tar_header(&path, size, s.at))), Some(s)))
                }
                Err(e) => {
                    tracing::error!(doc = doc.id, error = %e, "a stored file cannot be read for the personal-data archive");
                    Some((Err(std::io::Error::other(e.to_string())), None))
                }
            },
            None if !s.ended => {
                s.ended = true;
                Some((Ok(bytes::Bytes::from(vec![0u8; 1024])), Some(s)))
            }
            None => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::tar_header;

    #[test]
    fn a_header_has_its_checksum_and_octal_fields() {
        let h = tar_header("data.json", 1234, 1_700_000_000);
        assert_eq!(h.get(..9), Some(&b"data.json"[..]));
        assert_eq!(h.get(124..136), Some(&b"00000002322\0"[..]), "1234 in octal");
        assert_eq!(h.get(257..263), Some(&b"ustar\0"[..]));
        let mut blank = h;
        blank.get_mut(148..156).expect("field").copy_from_slice(b"        ");
        let sum: u32 = blank.iter().map(|b| u32::from(*b)).sum();
        let field = std::str::from_utf8(h.get(148..154).expect("field")).expect("ascii");
        assert_eq!(u32::from_str_radix(field, 8).ok(), Some(sum));
    }
}
