//! Uploads, whoever sends them (a page or the API): a file is checked by its content as it streams,
//! scanned by clamd, sealed and recorded with its document. A PDF streams straight to the sealed store;
//! a JPEG or PNG is held (at most the per-file limit) and kept only as written anew from its decoded
//! pixels (`files::image`, decision 0024): the original is never stored, and the document's size and
//! SHA-256 are those of the bytes kept.

use std::borrow::Cow;

use domain::application;
use sha2::{Digest as _, Sha256};
use store::{Document, DocumentAdded, DocumentLimits};

use crate::app::App;
use crate::applications::{Access, answers, editable};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::files::scan::{Scan, Verdict};
use crate::files::{FileProblem, FileRef, FileStore, FileWriter, Inspector, Kind};

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

/// What an upload says about its file.
#[derive(Debug, Clone)]
pub struct UploadMeta {
    /// The checklist item.
    pub item: String,
    /// `original` or `translation`.
    pub role: String,
    /// For an original: in a language other than Kazakh or Russian.
    pub foreign_language: bool,
    /// The file's name as sent (display only).
    pub filename: String,
}

impl UploadMeta {
    /// The name shown for the file: as sent, without control characters, at most 200 characters.
    fn shown_name(&self) -> String {
        self.filename.chars().filter(|c| !c.is_control()).take(200).collect()
    }
}

/// Checks an upload's description before its bytes are read. A file attached to the answer to an
/// intended refusal ([`crate::hearings::RESPONSE_ITEM`]) is taken while the notice's window is open.
pub fn check_upload(app: &App, access: &Access, meta: &UploadMeta) -> Result<(), AppError> {
    if meta.item == crate::hearings::RESPONSE_ITEM {
        if !crate::hearings::window_open(app, &access.app) {
            return Err(AppError::invalid([field("file", "not_editable")]));
        }
        if meta.role != "original" {
            return Err(AppError::invalid([field("role", "unknown")]));
        }
        return Ok(());
    }
    let answers = answers(&access.app);
    if !application::documents_needed(&answers).contains(&meta.item.as_str()) {
        return Err(AppError::invalid([field("item", "unknown")]));
    }
    if !matches!(meta.role.as_str(), "original" | "translation") {
        return Err(AppError::invalid([field("role", "unknown")]));
    }
    if !editable(&access.app, &format!("doc:{}", meta.item)) {
        return Err(AppError::invalid([field("file", "not_editable")]));
    }
    Ok(())
}

/// Where the bytes of an upload go as they come.
enum Held {
    /// Too few bytes yet to know the kind: held.
    Undecided(Vec<u8>),
    /// A PDF: straight through to the sealed store.
    Through,
    /// An image: held whole, to be written anew from its pixels.
    Image(Vec<u8>),
}

impl Held {
    /// Takes a piece the inspector has passed (`kind`: what it has recognised so far); returns what to
    /// write to the sealed store now.
    fn take<'a>(&mut self, kind: Option<Kind>, chunk: &'a [u8]) -> Cow<'a, [u8]> {
        match self {
            Held::Through => Cow::Borrowed(chunk),
            Held::Image(original) => {
                original.extend_from_slice(chunk);
                Cow::Borrowed(&[])
            }
            Held::Undecided(start) => {
                start.extend_from_slice(chunk);
                match kind {
                    None => Cow::Borrowed(&[]),
                    Some(k) if k.is_image() => {
                        let original = std::mem::take(start);
                        *self = Held::Image(original);
                        Cow::Borrowed(&[])
                    }
                    Some(_) => {
                        let start = std::mem::take(start);
                        *self = Held::Through;
                        Cow::Owned(start)
                    }
                }
            }
        }
    }
}

/// Streams a file into the store: checked by content as it arrives, refused (and nothing kept) as soon as
/// it is over the limit or not a PDF, JPEG or PNG; an image is written anew from its pixels; recorded
/// only if the application still takes it.
pub async fn store_upload<S>(app: &App, access: &Access, meta: &UploadMeta, mut chunks: S) -> Result<Document, AppError>
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, AppError>> + Unpin,
{
    use futures_util::StreamExt as _;
    check_upload(app, access, meta)?;
    let filename = meta.shown_name();
    // The messages of an image's problems name the file and the limit.
    let named = if filename.is_empty() { meta.item.clone() } else { filename.clone() };
    let megapixels = (app.settings.max_image_pixels / 1_000_000).to_string();
    let file_err = |p: FileProblem| {
        AppError::invalid([field("file", p.as_str())])
            .with_arg("name", named.clone())
            .with_arg("megapixels", megapixels.clone())
    };
    // The scanner first: when it is down, the upload is refused before anything is written.
    let mut scan = Scan::start(&app.settings.scanner).await.map_err(|e| scanner_down(&e))?;
    let key = FileStore::new_key().map_err(|e| AppError::internal(&e))?;
    // Sealed for this application under this key: another document's key does not open it.
    let file = FileRef { application_id: access.app.id, key: &key };
    let mut writer = app.files.create(file).await.map_err(|e| AppError::internal(&e))?;
    let mut inspector = Inspector::new(app.settings.max_file_bytes);
    let mut held = Held::Undecided(Vec::new());
    let streamed: Result<(), AppError> = async {
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk?;
            inspector.update(&chunk).map_err(file_err)?;
            if let Some(scan) = scan.as_mut() {
                scan.write(&chunk).await.map_err(|e| scanner_down(&e))?;
            }
            let through = held.take(inspector.kind(), &chunk);
            if !through.is_empty() {
                writer.write(&through).await.map_err(|e| AppError::internal(&e))?;
            }
        }
        Ok(())
    }
    .await;
    let checked = match streamed.and_then(|()| inspector.finish().map_err(file_err)) {
        Ok(verdict) => match scan {
            Some(scan) => match scan.finish().await {
                Ok(Verdict::Clean) => Ok(verdict),
                Ok(Verdict::Infected(name)) => {
                    tracing::warn!(application_id = access.app.id, signature = %name, "an upload carried malware");
                    Err(AppError::invalid([field("file", "malware")]))
                }
                Err(e) => Err(scanner_down(&e)),
            },
            None => Ok(verdict),
        },
        Err(e) => Err(e),
    };
    // Scanned clean: what is kept of an image is its pixels, written anew.
    let kept = match checked {
        Ok(verdict) => keep(app, &mut writer, verdict, held).await.map_err(|e| match e {
            Kept::Refused(p) => file_err(p),
            Kept::Failed(e) => e,
        }),
        Err(e) => Err(e),
    };
    // A refused, cut-off, infected, unscanned or undecodable file is aborted before the answer:
    // nothing is kept.
    let (kind, size, sha256) = match kept {
        Ok(verdict) => verdict,
        Err(e) => {
            if let Err(abort) = writer.abort().await {
                tracing::warn!(key, error = %abort, "an upload was not aborted");
            }
            return Err(e);
        }
    };
    writer.finish().await.map_err(|e| AppError::internal(&e))?;
    let doc = Document {
        id: 0,
        application_id: access.app.id,
        item: meta.item.clone(),
        role: meta.role.clone(),
        foreign_language: meta.role == "original" && meta.foreign_language,
        filename: if filename.is_empty() { format!("{}.{}", meta.item, kind.extension()) } else { filename },
        content_type: kind.content_type().to_owned(),
        size: i64::try_from(size).unwrap_or(i64::MAX),
        sha256,
        blob_key: key.clone(),
        created_at: app.clock.now().unix_timestamp(),
    };
    let limits = DocumentLimits { max_files: app.settings.max_files, max_total: app.settings.max_application_bytes };
    let item_key = format!("doc:{}", meta.item);
    let outcome = app.store.add_document(&doc, limits, &[item_key.as_str()]).await;
    match outcome {
        Ok(DocumentAdded::Added(d)) => Ok(d),
        // Sent again (a retry after a lost answer): the document of the first time; this copy goes.
        Ok(DocumentAdded::Same(d)) => {
            app.files.remove(&key).await;
            Ok(d)
        }
        Ok(other) => {
            app.files.remove(&key).await;
            let problem = if other == DocumentAdded::LimitReached { "limit_reached" } else { "not_editable" };
            Err(AppError::invalid([field("file", problem)]))
        }
        Err(e) => {
            app.files.remove(&key).await;
            Err(e.into())
        }
    }
}

/// Why what was received is not kept.
enum Kept {
    /// The file's own fault (an image that does not decode, or has too many pixels).
    Refused(FileProblem),
    /// Ours.
    Failed(AppError),
}

/// Writes what is kept of a file that passed every check: a PDF has streamed through already (but
/// for a start too short to tell, written now); an image is decoded and written anew. Returns the
/// kind, size and SHA-256 of the bytes kept.
async fn keep(
    app: &App,
    writer: &mut FileWriter,
    verdict: (Kind, u64, String),
    held: Held,
) -> Result<(Kind, u64, String), Kept> {
    let failed = |e: crate::files::StoreFileError| Kept::Failed(AppError::internal(&e));
    let kind = verdict.0;
    match held {
        Held::Through => Ok(verdict),
        Held::Image(original) | Held::Undecided(original) if kind.is_image() => {
            let anew = crate::files::image::reencode_image(kind, original, app.settings.max_image_pixels)
                .await
                .map_err(Kept::Refused)?;
            writer.write(&anew).await.map_err(failed)?;
            Ok((kind, anew.len() as u64, hex::encode(Sha256::digest(&anew))))
        }
        Held::Image(start) | Held::Undecided(start) => {
            writer.write(&start).await.map_err(failed)?;
            Ok(verdict)
        }
    }
}

/// An upload refused because the malware scanner cannot be reached or failed: try again later.
fn scanner_down(e: &crate::files::scan::ScanError) -> AppError {
    tracing::error!(error = %e, "an upload was refused: the malware scanner is unavailable");
    AppError::with_fields(ErrorCode::Unavailable, [field("file", "scanner_unavailable")])
}
