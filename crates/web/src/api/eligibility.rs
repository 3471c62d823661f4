//! The eligibility check over JSON, and the explanation of an outcome shared with the result page.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use domain::Lang;
use domain::eligibility::{self, CategoryMatch, DocumentNeed, Outcome, Statement};
use domain::reference::{Kind, ListVersion};

use axum::response::{IntoResponse, Response};
use serde::Serialize;
use time::Date;

use super::answers::read_body;
use crate::error::{AppError, InvalidField};
use crate::fragments::{Fragments, Reader};
use crate::lang::ReqLang;
use crate::state::{App, AppState};

/// Checks the answers and says which categories may apply, what to bring and what to watch.
pub async fn check(State(app): State<AppState>, ReqLang(lang): ReqLang, body: Bytes) -> Result<Response, AppError> {
    let (raw, on) = read_body(&body)?;
    let day = match on.as_deref() {
        None | Some("") => app.clock.today(),
        Some(v) => domain::reference::parse_iso_date(v)
            .ok_or_else(|| AppError::invalid([InvalidField { field: "on".into(), problem: "invalid_date" }]))?,
    };
    let answers =
        raw.parse(&app.catalog, day).map_err(|errs| AppError::invalid(errs.into_iter().map(InvalidField::from)))?;
    let outcome = eligibility::assess(&answers, day);
    // Written into a buffer sized for the usual answer (about 6 KB), not grown from 128 bytes.
    let mut buf = Vec::with_capacity(8 * 1024);
    explain_json(&app, &app.fragments, lang, day, &outcome, &mut buf).map_err(|e| AppError::internal(&e))?;
    if cfg!(debug_assertions) {
        // Tests run unoptimised: every answer they get is checked against the plain serialization.
        let plain = serde_json::to_vec(&explain(&app, lang, day, &outcome)).map_err(|e| AppError::internal(&e))?;
        if plain != buf {
            return Err(AppError::internal(&"the eligibility answer from fragments differs from its serialization"));
        }
    }
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], buf).into_response())
}

/// A statement in words, with the item of reference data it rests on.
#[derive(Serialize)]
pub struct Said<'a> {
    code: &'static str,
    message: String,
    basis: Basis<'a>,
}

/// The legal basis of a statement: list, version and item (the list's source is in `sources`).
#[derive(Serialize)]
struct Basis<'a> {
    kind: Kind,
    key: &'a str,
    version: Option<&'a str>,
    item: Option<&'a str>,
}

/// A list's legal source, given once per result.
#[derive(Serialize)]
struct SourceOut<'a> {
    version: &'a str,
    title: &'a str,
    reference: &'a str,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    key: &'a str,
    name: &'a str,
    code: Option<&'a str>,
    requirements: Option<&'a str>,
    href: String,
}

#[derive(Serialize)]
struct CategoryOut<'a> {
    category: &'static str,
    title: Option<&'a str>,
    item: Option<ItemOut<'a>>,
    reason: Said<'a>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    document: &'static str,
    name: Option<&'a str>,
    reason: Said<'a>,
}

/// The outcome in words, in one language, with the legal basis of every statement.
#[derive(Serialize)]
pub struct Explained<'a> {
    may_apply: bool,
    summary: String,
    blockers: Vec<Said<'a>>,
    categories: Vec<CategoryOut<'a>>,
    documents: Vec<DocumentOut<'a>>,
    warnings: Vec<Said<'a>>,
    card_valid_until: Option<String>,
    sources: BTreeMap<&'static str, SourceOut<'a>>,
    on: String,
    lang: &'static str,
}

struct Explainer<'a> {
    app: &'a App,
    lang: Lang,
    day: Date,
}

impl<'a> Explainer<'a> {
    fn list(&self, kind: Kind) -> Option<&'a ListVersion> {
        self.app.catalog.in_force(kind, self.day)
    }

    fn source(&self, l: &'a ListVersion) -> SourceOut<'a> {
        SourceOut {
            version: &l.version,
            title: match self.lang {
                Lang::Kk => &l.source.kk,
                Lang::Ru => &l.source.ru,
                Lang::En => &l.source.en,
            },
            reference: &l.source.reference,
        }
    }

    fn said(&self, s: &'a Statement, args: &[(&str, String)]) -> Said<'a> {
        let list = self.list(s.basis.kind);
        Said {
            code: s.code,
            message: self.app.i18n.message(self.lang, &format!("outcome-{}", s.code.replace('_', "-")), args),
            basis: Basis {
                kind: s.basis.kind,
                key: &s.basis.key,
                version: list.map(|l| l.version.as_str()),
                item: list.and_then(|l| l.item(&s.basis.key)).map(|i| i.name.get(self.lang)),
            },
        }
    }

    fn category(&self, c: &'a CategoryMatch) -> CategoryOut<'a> {
        let lang = self.lang;
        let title = self.list(Kind::Category).and_then(|l| l.item(c.category)).map(|i| i.name.get(lang));
        let item = c.item.as_ref().and_then(|k| {
            let i = self.list(super::profession_kind(c.category)?)?.item(k)?;
            Some(ItemOut {
                key: &i.key,
                name: i.name.get(lang),
                code: i.code.as_deref(),
                requirements: i.text.as_ref().map(|t| t.get(lang)),
                href: format!("/professions/{}/{}", c.category, i.key),
            })
        });
        let name = item.as_ref().map(|i| i.name.to_owned()).unwrap_or_default();
        let reason = self.said(&c.reason, &[("profession", name)]);
        CategoryOut { category: c.category, title, item, reason }
    }

    fn document(&self, d: &'a DocumentNeed) -> DocumentOut<'a> {
        DocumentOut {
            document: d.document,
            name: self.list(Kind::Document).and_then(|l| l.item(d.document)).map(|i| i.name.get(self.lang)),
            reason: self.said(&d.reason, &[]),
        }
    }

    fn summary(&self, may_apply: bool) -> String {
        self.app.i18n.t(self.lang, if may_apply { "outcome-summary-may-apply" } else { "outcome-summary-cannot-apply" })
    }

    /// The statements of an outcome, in the order the answer gives them.
    fn statements(o: &'a Outcome) -> impl Iterator<Item = &'a Statement> {
        o.categories
            .iter()
            .map(|c| &c.reason)
            .chain(o.documents.iter().map(|d| &d.reason))
            .chain(&o.blockers)
            .chain(&o.warnings)
    }

    /// The legal source of every list a statement rests on, by kind, in the order of the kinds' names
    /// (as the `BTreeMap` of [`Explained`] has them).
    fn sources(&self, o: &'a Outcome) -> Vec<(&'static str, &'a ListVersion)> {
        let mut kinds: Vec<Kind> = Self::statements(o).map(|s| s.basis.kind).collect();
        kinds.sort_unstable_by_key(|k| k.as_str());
        kinds.dedup();
        kinds.into_iter().filter_map(|k| Some((k.as_str(), self.list(k)?))).collect()
    }
}

/// The outcome with every statement in words, in `lang`, and its legal basis.
pub fn explain<'a>(app: &'a App, lang: Lang, day: Date, o: &'a Outcome) -> Explained<'a> {
    let ex = Explainer { app, lang, day };
    let args = [("date", o.card_valid_until.map(|d| d.to_string()).unwrap_or_default())];
    Explained {
        may_apply: o.may_apply,
        summary: ex.summary(o.may_apply),
        blockers: o.blockers.iter().map(|s| ex.said(s, &args)).collect(),
        categories: o.categories.iter().map(|c| ex.category(c)).collect(),
        documents: o.documents.iter().map(|d| ex.document(d)).collect(),
        warnings: o.warnings.iter().map(|s| ex.said(s, &args)).collect(),
        card_valid_until: o.card_valid_until.map(|d| d.to_string()),
        sources: ex.sources(o).into_iter().map(|(k, l)| (k, ex.source(l))).collect(),
        on: day.to_string(),
        lang: lang.code(),
    }
}

/// A fragment's key: each part written with its length first (four bytes), so that no two lists of
/// parts give the same key.
#[derive(Default)]
struct Key(Vec<u8>);

impl Key {
    fn start(&mut self, what: &str, lang: Lang) -> &mut Self {
        self.0.clear();
        self.part(what).part(lang.code())
    }

    fn part(&mut self, s: &str) -> &mut Self {
        self.0.extend_from_slice(&u32::try_from(s.len()).unwrap_or(u32::MAX).to_le_bytes());
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    /// An optional part: a byte saying whether it is there, then the part. (Each kind of fragment has
    /// a fixed sequence of parts, named by its first, so a key reads back one way only.)
    fn opt(&mut self, s: Option<&str>) -> &mut Self {
        if let Some(s) = s {
            self.0.push(1);
            self.part(s)
        } else {
            self.0.push(0);
            self
        }
    }

    /// What a statement's words and basis are made of.
    fn statement(&mut self, ex: &Explainer, s: &Statement) -> &mut Self {
        let version = ex.list(s.basis.kind).map(|l| l.version.as_str());
        self.part(s.code).part(s.basis.kind.as_str()).part(&s.basis.key).opt(version)
    }
}

/// [`explain`] written as JSON into `out`: the same bytes as `serde_json::to_writer(out, &explain(..))`,
/// assembled from [`Fragments`] (the debug build checks this on every answer).
fn explain_json(
    app: &App,
    fragments: &Fragments,
    lang: Lang,
    day: Date,
    o: &Outcome,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    let ex = Explainer { app, lang, day };
    let mut pieces = fragments.reader();
    let written = write_explained(&ex, &mut pieces, o, out);
    fragments.keep(pieces.done());
    written
}

fn write_explained<'a>(
    ex: &Explainer<'a>,
    fragments: &mut Reader,
    o: &'a Outcome,
    out: &mut Vec<u8>,
) -> serde_json::Result<()> {
    let (lang, day) = (ex.lang, ex.day);
    let until = o.card_valid_until.map(|d| d.to_string());
    let args = [("date", until.clone().unwrap_or_default())];
    let mut key = Key(Vec::with_capacity(256));
    out.extend_from_slice(if o.may_apply { b"{\"may_apply\":true" } else { b"{\"may_apply\":false" });
    out.extend_from_slice(b",\"summary\":");
    key.start("summary", lang).part(if o.may_apply { "1" } else { "0" });
    fragments.write(&key.0, out, |w| serde_json::to_writer(w, &ex.summary(o.may_apply)))?;
    out.extend_from_slice(b",\"blockers\":[");
    for (i, s) in o.blockers.iter().enumerate() {
        comma(out, i);
        said(ex, fragments, &mut key, out, s, &args)?;
    }
    out.extend_from_slice(b"],\"categories\":[");
    for (i, c) in o.categories.iter().enumerate() {
        comma(out, i);
        let titles = ex.list(Kind::Category).map(|l| l.version.as_str());
        let items = super::profession_kind(c.category).and_then(|k| ex.list(k)).map(|l| l.version.as_str());
        key.start("category", lang)
            .part(c.category)
            .opt(c.item.as_deref())
            .opt(titles)
            .opt(items)
            .statement(ex, &c.reason);
        fragments.write(&key.0, out, |w| serde_json::to_writer(w, &ex.category(c)))?;
    }
    out.extend_from_slice(b"],\"documents\":[");
    for (i, d) in o.documents.iter().enumerate() {
        comma(out, i);
        let names = ex.list(Kind::Document).map(|l| l.version.as_str());
        key.start("document", lang).part(d.document).opt(names).statement(ex, &d.reason);
        fragments.write(&key.0, out, |w| serde_json::to_writer(w, &ex.document(d)))?;
    }
    out.extend_from_slice(b"],\"warnings\":[");
    for (i, s) in o.warnings.iter().enumerate() {
        comma(out, i);
        said(ex, fragments, &mut key, out, s, &args)?;
    }
    out.extend_from_slice(b"],\"card_valid_until\":");
    serde_json::to_writer(&mut *out, &until)?;
    out.extend_from_slice(b",\"sources\":{");
    for (i, (kind, l)) in ex.sources(o).into_iter().enumerate() {
        comma(out, i);
        serde_json::to_writer(&mut *out, kind)?;
        out.push(b':');
        key.start("source", lang).part(kind).part(&l.version);
        fragments.write(&key.0, out, |w| serde_json::to_writer(w, &ex.source(l)))?;
    }
    out.extend_from_slice(b"},\"on\":");
    serde_json::to_writer(&mut *out, &day.to_string())?;
    out.extend_from_slice(b",\"lang\":");
    serde_json::to_writer(&mut *out, lang.code())?;
    out.push(b'}');
    Ok(())
}

/// A blocker or a warning, with the outcome's arguments.
fn said<'a>(
    ex: &Explainer<'a>,
    fragments: &mut Reader,
    key: &mut Key,
    out: &mut Vec<u8>,
    s: &'a Statement,
    args: &[(&str, String)],
) -> serde_json::Result<()> {
    key.start("said", ex.lang).statement(ex, s);
    for (k, v) in args {
        key.part(k).part(v);
    }
    fragments.write(&key.0, out, |w| serde_json::to_writer(w, &ex.said(s, args)))
}

fn comma(out: &mut Vec<u8>, i: usize) {
    if i > 0 {
        out.push(b',');
    }
}
