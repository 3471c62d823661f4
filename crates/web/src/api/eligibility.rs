//! The eligibility check over JSON, and the explanation of an outcome shared with the result page.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use domain::Lang;
use domain::eligibility::{self, Outcome, RawAnswers, Statement};
use domain::reference::Kind;
use serde_json::{Value, json};
use time::Date;

use super::basis_json;
use crate::error::{AppError, InvalidField};
use crate::lang::ReqLang;
use crate::state::{App, AppState};

const FIELDS: [&str; 7] = ["citizenship", "ethnicity", "residence", "profession", "business", "passport_expiry", "on"];

/// Reads the JSON body into raw answers, naming every field of the wrong type or unknown.
fn read_body(body: &[u8]) -> Result<(RawAnswers, Option<String>), AppError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| AppError { code: crate::error::ErrorCode::BadRequest, fields: Vec::new() })?;
    let Some(obj) = value.as_object() else {
        return Err(AppError { code: crate::error::ErrorCode::BadRequest, fields: Vec::new() });
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
pub async fn check(State(app): State<AppState>, ReqLang(lang): ReqLang, body: Bytes) -> Result<Json<Value>, AppError> {
    let (raw, on) = read_body(&body)?;
    let day = match on.as_deref() {
        None | Some("") => app.clock.today(),
        Some(v) => domain::reference::parse_iso_date(v)
            .ok_or_else(|| AppError::invalid([InvalidField { field: "on".into(), problem: "invalid_date" }]))?,
    };
    let answers =
        raw.parse(&app.catalog, day).map_err(|errs| AppError::invalid(errs.into_iter().map(InvalidField::from)))?;
    let outcome = eligibility::assess(&answers, day);
    let mut body = explain(&app, lang, day, &outcome);
    super::set(&mut body, "on", json!(day.to_string()));
    super::set(&mut body, "lang", json!(lang.code()));
    Ok(Json(body))
}

fn statement(app: &App, lang: Lang, day: Date, s: &Statement, args: &[(&str, String)]) -> Value {
    json!({
        "code": s.code,
        "message": app.i18n.message(lang, &format!("outcome-{}", s.code.replace('_', "-")), args),
        "basis": basis_json(app, lang, day, s),
    })
}

/// The outcome with every statement in words, in `lang`, and its legal basis.
pub fn explain(app: &App, lang: Lang, day: Date, o: &Outcome) -> Value {
    let until = o.card_valid_until.map(|d| d.to_string()).unwrap_or_default();
    let args = [("date", until.clone())];
    let categories: Vec<Value> = o
        .categories
        .iter()
        .map(|c| {
            let title = app
                .catalog
                .in_force(Kind::Category, day)
                .and_then(|l| l.item(c.category))
                .map(|i| i.name.get(lang).to_owned());
            let item = c.item.as_ref().and_then(|k| {
                let kind = super::profession_kind(c.category)?;
                let i = app.catalog.in_force(kind, day)?.item(k)?;
                Some(json!({
                    "key": i.key,
                    "name": i.name.get(lang),
                    "code": i.code,
                    "requirements": i.text.as_ref().map(|t| t.get(lang).to_owned()),
                    "href": format!("/professions/{}/{}", c.category, i.key),
                }))
            });
            let name = item.as_ref().and_then(|i| i.get("name")).and_then(Value::as_str).unwrap_or_default().to_owned();
            json!({
                "category": c.category,
                "title": title,
                "item": item,
                "reason": statement(app, lang, day, &c.reason, &[("profession", name)]),
            })
        })
        .collect();
    let documents: Vec<Value> = o
        .documents
        .iter()
        .map(|d| {
            let item = app.catalog.in_force(Kind::Document, day).and_then(|l| l.item(d.document));
            json!({
                "document": d.document,
                "name": item.map(|i| i.name.get(lang).to_owned()),
                "reason": statement(app, lang, day, &d.reason, &[]),
            })
        })
        .collect();
    let list = |v: &[Statement]| -> Vec<Value> { v.iter().map(|s| statement(app, lang, day, s, &args)).collect() };
    json!({
        "may_apply": o.may_apply,
        "summary": app.i18n.t(lang, if o.may_apply { "outcome-summary-may-apply" } else { "outcome-summary-cannot-apply" }),
        "blockers": list(&o.blockers),
        "categories": categories,
        "documents": documents,
        "warnings": list(&o.warnings),
        "card_valid_until": o.card_valid_until.map(|d| d.to_string()),
    })
}
