//! What pages and the API both present: the date whose rules a request asks for, a profession search
//! hit, an applicant's file as a download, and a decision letter as a PDF.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::reference::Kind;
use domain::search::ListRef;
use serde_json::json;
use time::Date;

use crate::error::{AppError, InvalidField};
use crate::lang::query_value;
use crate::state::AppState;

/// The `on` query parameter (the date whose rules apply), default today.
pub fn day_asked(query: Option<&str>, app: &AppState) -> Result<Date, AppError> {
    match query.and_then(|q| query_value(q, "on")).filter(|v| !v.is_empty()) {
        None => Ok(app.clock.today()),
        Some(v) => domain::reference::parse_iso_date(&v)
            .ok_or_else(|| AppError::invalid([InvalidField { field: "on".into(), problem: "invalid_date" }])),
    }
}

/// The kind and item behind a search hit, as JSON for templates and the API.
pub fn hit_json(
    app: &crate::state::App,
    day: time::Date,
    category: ListRef,
    key: &str,
    score: Option<f32>,
) -> Option<serde_json::Value> {
    let kind = match category {
        ListRef::Cat1 => Kind::ProfessionCat1,
        ListRef::Cat2 => Kind::ProfessionCat2,
    };
    let item = app.catalog.in_force(kind, day)?.item(key)?;
    let cat = match category {
        ListRef::Cat1 => "1",
        ListRef::Cat2 => "2",
    };
    Some(
        json!({ "category": cat, "key": key, "score": score, "name": item.name, "code": item.code, "group": item.group }),
    )
}

/// The decrypted file with safe headers: its recognised type, no sniffing, a sandboxing CSP, not cached.
pub async fn file_response(app: &crate::state::App, application_id: i64, doc_id: i64) -> Result<Response, AppError> {
    let (d, reader) = service::applications::open_document(app, application_id, doc_id).await?;
    Ok(serve_file(&d, reader))
}

/// The response of an opened file (see [`file_response`]).
pub fn serve_file(d: &store::Document, reader: service::files::FileReader) -> Response {
    let (application_id, doc_id) = (d.application_id, d.id);
    // A chunk that does not decrypt, or a file whose SHA-256 is not the recorded one, ends the body
    // before its last chunk: the client sees a cut-off download, never a wrong file whole.
    let stream = futures_util::stream::unfold(Some(reader), move |state| async move {
        let mut reader = state?;
        match reader.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok::<_, std::io::Error>(bytes::Bytes::from(chunk)), Some(reader))),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(application_id, doc_id, error = %e, "a stored file failed while it was sent");
                Some((Err(std::io::Error::other(e.to_string())), None))
            }
        }
    });
    let ext = match d.content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    let mut res = axum::body::Body::from_stream(stream).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&d.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}-{}.{ext}\"", d.item, d.id)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(u64::try_from(d.size).unwrap_or(0)));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert("content-security-policy", HeaderValue::from_static("default-src 'none'; sandbox"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    if let Ok(v) = HeaderValue::from_str(&d.sha256) {
        h.insert("x-content-sha256", v);
    }
    res
}

/// The archive's response: a tar, as an attachment, never cached.
pub async fn archive_response(app: &crate::state::App, user: &store::User) -> Result<Response, AppError> {
    let archive = service::export::gather(app, user).await?;
    let len = archive.len();
    let day = time::OffsetDateTime::from_unix_timestamp(archive.at)
        .map(|t| t.to_offset(service::KZ_OFFSET).date().to_string())
        .unwrap_or_default();
    let mut res = axum::body::Body::from_stream(service::export::stream(app, archive)).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-tar"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"atajoly-data-{day}.tar\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert("content-security-policy", HeaderValue::from_static("default-src 'none'; sandbox"));
    Ok(res)
}

/// A decision letter as a PDF (the card's fonts), word for word its e-mail's text.
pub fn letter_pdf(letter: &service::letters::Letter) -> Result<Vec<u8>, AppError> {
    let letterhead: Vec<&str> = letter.letterhead.iter().map(String::as_str).collect();
    let fields: Vec<cardpdf::Field<'_>> =
        letter.fields.iter().map(|(label, value)| cardpdf::Field { label, value }).collect();
    let blocks: Vec<cardpdf::Block<'_>> = letter
        .blocks
        .iter()
        .map(|b| match b {
            service::letters::Block::Heading(h) => cardpdf::Block::Heading(h),
            service::letters::Block::Paragraph(p) => cardpdf::Block::Paragraph(p),
        })
        .collect();
    let face = cardpdf::LetterFace {
        lang: letter.lang.code(),
        title: &letter.title,
        letterhead: &letterhead,
        fields: &fields,
        blocks: &blocks,
    };
    cardpdf::render_letter(&face).map_err(|e| AppError::internal(&e))
}

/// Letter `n` of an application as a PDF download, not cached.
pub fn letter_response(
    letter: &service::letters::Letter,
    reference: Option<&str>,
    n: usize,
) -> Result<Response, AppError> {
    let bytes = letter_pdf(letter)?;
    let name: String =
        reference.unwrap_or("letter").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}-letter-{n}.pdf\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
