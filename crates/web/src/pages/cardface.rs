//! The card's printable face (PDF) and downloads: what the holder's card pages and the office that
//! filed for someone (`application::filed`) both give out.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use store::Card;

use super::PageCtx;
use crate::error::AppError;

/// A country of the reference list by its alpha-3 code, in the page's language.
pub(crate) fn country(ctx: &PageCtx, alpha3: &str) -> String {
    ctx.app
        .catalog
        .in_force(domain::reference::Kind::Country, ctx.day)
        .and_then(|l| l.items.iter().find(|i| i.code.as_deref() == Some(alpha3)))
        .map_or_else(|| alpha3.to_owned(), |i| format!("{} ({alpha3})", i.name.get(ctx.lang)))
}

/// A file to download, never cached.
pub(crate) fn download(body: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The card as a PDF in the page's language.
pub fn card_pdf(ctx: &PageCtx, card: &Card) -> Result<Vec<u8>, AppError> {
    let (width, dark) = credential::qr_modules(&card.qr_text).map_err(|e| AppError::internal(&e))?;
    let t = |id: &str| ctx.t(id);
    let latin = format!("{} {}", card.family_name, card.given_names);
    let kk = match (&card.family_name_kk, &card.given_names_kk) {
        (Some(f), Some(g)) => format!("{f} {g}"),
        (Some(f), None) => f.clone(),
        (None, Some(g)) => g.clone(),
        (None, None) => String::new(),
    };
    let labels = [
        t("card-field-name-latin"),
        t("card-field-name-kk"),
        t("card-field-birth-date"),
        t("card-field-citizenship"),
        t("card-field-valid-from"),
        t("card-field-valid-until"),
    ];
    let citizenship = country(ctx, &card.citizenship);
    let values = [&latin, &kk, &card.birth_date, &citizenship, &card.valid_from, &card.valid_until];
    let fields: Vec<cardpdf::Field<'_>> = labels
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(l, v)| cardpdf::Field { label: l, value: v })
        .collect();
    let (title, issuer) = (t("card-pdf-title"), t("card-pdf-issuer"));
    let verify_url = format!("{}/verify", ctx.app.settings.public_url.trim_end_matches('/'));
    let note = ctx.app.i18n.message(ctx.lang, "card-pdf-note", &[("url", verify_url)]);
    let face = cardpdf::CardFace {
        lang: ctx.lang.code(),
        title: &title,
        issuer: &issuer,
        number: &card.number,
        fields: &fields,
        qr_width: width,
        qr_dark: &dark,
        note: &note,
    };
    cardpdf::render(&face).map_err(|e| AppError::internal(&e))
}
