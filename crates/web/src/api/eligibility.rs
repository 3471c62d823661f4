//! The eligibility check over JSON, and the explanation of an outcome shared with the result page.

use axum::body::Bytes;
use axum::extract::State;
use domain::Lang;
use domain::eligibility::{self, Outcome, RawAnswers, Statement};
use domain::reference::Kind;
use std::collections::BTreeMap;

use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use time::Date;

use crate::error::{AppError, InvalidField};
use crate::lang::ReqLang;
use crate::state::{App, AppState};

const FIELDS: [&str; 7] = ["citizenship", "ethnicity", "residence", "profession", "business", "passport_expiry", "on"];

/// Reads the JSON body into raw answers, naming every field of the wrong type or unknown.
fn read_body(body: &[u8]) -> Result<(RawAnswers, Option<String>), AppError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| AppError::code(crate::error::ErrorCode::BadRequest))?;
    let Some(obj) = value.as_object() else {
        return Err(AppError::code(crate::error::ErrorCode::BadRequest));
    };
    let mut invalid = Vec::new();
    for k in obj.keys() {
        if !FIELDS.contains(&k.as_str()) {
            invalid.push(InvalidField { field: k.clone(), problem: "unknown_field" });
        }
    }
    let mut get = |name: &str| -> Option<String> {
        match obj.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Bool(b)) if name == "ethnicity" || name == "business" => {
                Some(if *b { "yes" } else { "no" }.into())
            }
            Some(_) => {
                invalid.push(InvalidField { field: name.to_owned(), problem: "invalid_type" });
                None
            }
        }
    };
    let raw = RawAnswers {
        citizenship: get("citizenship"),
        ethnicity: get("ethnicity"),
        residence: get("residence"),
        profession: get("profession"),
        business: get("business"),
        passport_expiry: get("passport_expiry"),
    };
    let on = get("on");
    if invalid.is_empty() { Ok((raw, on)) } else { Err(AppError::invalid(invalid)) }
}

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
    // Serialized into a buffer sized for the usual answer (about 6 KB), not grown from 128 bytes.
    let mut buf = Vec::with_capacity(8 * 1024);
    serde_json::to_writer(&mut buf, &explain(&app, lang, day, &outcome)).map_err(|e| AppError::internal(&e))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], buf).into_response())
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
    sources: BTreeMap<&'static str, SourceOut<'a>>,
}

impl<'a> Explainer<'a> {
    fn said(&mut self, s: &'a Statement, args: &[(&str, String)]) -> Said<'a> {
        let list = self.app.catalog.in_force(s.basis.kind, self.day);
        if let Some(l) = list {
            let lang = self.lang;
            self.sources.entry(s.basis.kind.as_str()).or_insert_with(|| SourceOut {
                version: &l.version,
                title: match lang {
                    Lang::Kk => &l.source.kk,
                    Lang::Ru => &l.source.ru,
                    Lang::En => &l.source.en,
                },
                reference: &l.source.reference,
            });
        }
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
}

/// The outcome with every statement in words, in `lang`, and its legal basis.
pub fn explain<'a>(app: &'a App, lang: Lang, day: Date, o: &'a Outcome) -> Explained<'a> {
    let mut ex = Explainer { app, lang, day, sources: BTreeMap::new() };
    let until = o.card_valid_until.map(|d| d.to_string()).unwrap_or_default();
    let args = [("date", until)];
    let catalog = &app.catalog;
    let mut categories = Vec::with_capacity(o.categories.len());
    for c in &o.categories {
        let title = catalog.in_force(Kind::Category, day).and_then(|l| l.item(c.category)).map(|i| i.name.get(lang));
        let item = c.item.as_ref().and_then(|k| {
            let i = catalog.in_force(super::profession_kind(c.category)?, day)?.item(k)?;
            Some(ItemOut {
                key: &i.key,
                name: i.name.get(lang),
                code: i.code.as_deref(),
                requirements: i.text.as_ref().map(|t| t.get(lang)),
                href: format!("/professions/{}/{}", c.category, i.key),
            })
        });
        let name = item.as_ref().map(|i| i.name.to_owned()).unwrap_or_default();
        let reason = ex.said(&c.reason, &[("profession", name)]);
        categories.push(CategoryOut { category: c.category, title, item, reason });
    }
    let documents = o
        .documents
        .iter()
        .map(|d| DocumentOut {
            document: d.document,
            name: catalog.in_force(Kind::Document, day).and_then(|l| l.item(d.document)).map(|i| i.name.get(lang)),
            reason: ex.said(&d.reason, &[]),
        })
        .collect();
    let blockers = o.blockers.iter().map(|s| ex.said(s, &args)).collect();
    let warnings = o.warnings.iter().map(|s| ex.said(s, &args)).collect();
    Explained {
        may_apply: o.may_apply,
        summary: app
            .i18n
            .t(lang, if o.may_apply { "outcome-summary-may-apply" } else { "outcome-summary-cannot-apply" }),
        blockers,
        categories,
        documents,
        warnings,
        card_valid_until: o.card_valid_until.map(|d| d.to_string()),
        sources: ex.sources,
        on: day.to_string(),
        lang: lang.code(),
    }
}
