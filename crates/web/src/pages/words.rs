//! Values in words in the page's language: dates as people of that language write them, moments in
//! Astana time with the zone named, offices by name, an application's status, and lists in the order of
//! the language.

use domain::reference::Kind;
use time::Date;

use super::PageCtx;

/// A date (`2026-12-03`) as the page's language writes it ("3 December 2026", «3 декабря 2026 г.»,
/// «2026 жылғы 3 желтоқсан»); the text itself when it is no date.
pub(crate) fn date(ctx: &PageCtx, iso: &str) -> String {
    ctx.app.i18n.iso_day(ctx.lang, iso)
}

/// A date in words.
pub(crate) fn day(ctx: &PageCtx, d: Date) -> String {
    ctx.app.i18n.day(ctx.lang, d)
}

/// A moment (Unix seconds) in Astana time, with the zone named.
pub(crate) fn moment(ctx: &PageCtx, ts: i64) -> String {
    ctx.app.i18n.moment(ctx.lang, ts)
}

/// A whole number with its digits grouped as the page's language writes them: "1,000" in English,
/// «1 000» (a no-break space) in Kazakh and Russian.
pub(crate) fn number(ctx: &PageCtx, n: i64) -> String {
    let sep = if ctx.lang == domain::lang::Lang::En { ',' } else { '\u{a0}' };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The name of a reference item in the page's language, or the key when the list lacks it.
pub(crate) fn item(ctx: &PageCtx, kind: Kind, key: &str) -> String {
    ctx.app
        .catalog
        .in_force(kind, ctx.day)
        .and_then(|l| l.item(key))
        .map_or_else(|| key.to_owned(), |i| i.name.get(ctx.lang).to_owned())
}

/// An office (`department-KZ-75`, `embassy-CN`, `foundation`) by name.
pub(crate) fn office(ctx: &PageCtx, key: &str) -> String {
    service::inform::office(&ctx.app, ctx.lang, key)
}

/// An application's status (`iin_recorded`) in words.
pub(crate) fn status(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("app-status-{}", status.replace('_', "-")))
}

/// `(value, label)` pairs sorted by label in the order of the page's language.
pub(crate) fn sorted(ctx: &PageCtx, mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    domain::collate::sort_by(ctx.lang, &mut pairs, |p| p.1.as_str());
    pairs
}

/// Every item of a list as `(key, name)`, sorted by name in the page's language.
pub(crate) fn list_sorted(ctx: &PageCtx, kind: Kind) -> Vec<(String, String)> {
    let pairs = ctx
        .app
        .catalog
        .in_force(kind, ctx.day)
        .map(|l| l.items.iter().map(|i| (i.key.clone(), i.name.get(ctx.lang).to_owned())).collect())
        .unwrap_or_default();
    sorted(ctx, pairs)
}
