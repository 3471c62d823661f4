//! The eligibility check, one question per page (GOV.UK pattern): answers travel in the query string, so
//! nothing is stored and every step is a plain GET that works without JavaScript.

use std::fmt::Write as _;

use axum::extract::{OriginalUri, Path};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::eligibility::{self, Field, Problem, RawAnswers};
use domain::reference::Kind;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::PageCtx;
use crate::error::AppError;

/// Everything the screener's forms carry, as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Form {
    citizenship: String,
    kazakh: String,
    ethnicity: String,
    residence: String,
    profession: String,
    business: String,
    passport_day: String,
    passport_month: String,
    passport_year: String,
    /// The date whose rules apply, if not today.
    on: String,
    /// Set by a question's submit button.
    #[serde(skip_serializing)]
    submitted: String,
    /// `answers` when the question was opened from the check-your-answers page.
    #[serde(rename = "return")]
    ret: String,
}

/// The questions, in order: URL slug and field.
const QUESTIONS: [(&str, Field); 7] = [
    ("citizenship", Field::Citizenship),
    ("kazakh", Field::Kazakh),
    ("ethnicity", Field::Ethnicity),
    ("residence", Field::Residence),
    ("profession", Field::Profession),
    ("business", Field::Business),
    ("passport", Field::PassportExpiry),
];

impl Form {
    /// Reads the form from a query string; a repeated name keeps its last value, unknown names are ignored.
    fn from_query(query: Option<&str>) -> Form {
        let map: serde_json::Map<String, serde_json::Value> = query
            .map(crate::lang::serde_urlencoded_pairs)
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect();
        serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default()
    }

    /// The passport date as an ISO string, or what was typed when it is not a date.
    fn passport_iso(&self) -> Option<String> {
        let (d, m, y) = (self.passport_day.trim(), self.passport_month.trim(), self.passport_year.trim());
        if d.is_empty() && m.is_empty() && y.is_empty() {
            return None;
        }
        match (d.parse::<u8>(), m.parse::<u8>(), y.parse::<u16>()) {
            (Ok(d), Ok(m), Ok(y)) if y >= 1000 => Some(format!("{y:04}-{m:02}-{d:02}")),
            _ => Some(format!("{y}-{m}-{d}-invalid")),
        }
    }

    fn raw(&self) -> RawAnswers {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        RawAnswers {
            citizenship: opt(&self.citizenship),
            kazakh: opt(&self.kazakh),
            ethnicity: opt(&self.ethnicity),
            residence: opt(&self.residence),
            profession: opt(&self.profession),
            business: opt(&self.business),
            passport_expiry: self.passport_iso(),
        }
    }

    /// The answers as a query string (without the submit marker).
    fn query(&self) -> String {
        let mut f = self.clone();
        f.ret.clear();
        let pairs: Vec<(String, String)> = serde_json::to_value(&f)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|o| {
                o.into_iter()
                    .filter_map(|(k, v)| v.as_str().filter(|s| !s.is_empty()).map(|s| (k, s.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
    }

    /// Hidden inputs carrying every answer except those of `field`.
    fn hidden_except(&self, field: Field) -> Vec<serde_json::Value> {
        let mine: &[&str] = match field {
            Field::Citizenship => &["citizenship"],
            Field::Kazakh => &["kazakh"],
            Field::Ethnicity => &["ethnicity"],
            Field::Residence => &["residence"],
            Field::Profession => &["profession"],
            Field::Business => &["business"],
            Field::PassportExpiry => &["passport_day", "passport_month", "passport_year"],
        };
        let mut out: Vec<serde_json::Value> = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|o| {
                o.into_iter()
                    .filter(|(k, v)| {
                        !mine.contains(&k.as_str()) && k != "return" && v.as_str().is_some_and(|s| !s.is_empty())
                    })
                    .map(|(k, v)| json!({ "name": k, "value": v }))
                    .collect()
            })
            .unwrap_or_default();
        if !self.ret.is_empty() {
            out.push(json!({ "name": "return", "value": self.ret }));
        }
        out
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned())]).into_response()
}

fn slug_of(field: Field) -> &'static str {
    QUESTIONS.iter().find(|(_, f)| *f == field).map_or("citizenship", |(s, _)| s)
}

/// The start page of the check.
pub async fn start(p: PageCtx) -> Result<Response, AppError> {
    p.render("check_start.html", json!({}))
}

/// One question: shows it, or checks the answer and moves on.
pub async fn question(
    p: PageCtx,
    Path(slug): Path<String>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    let form = Form::from_query(uri.query());
    let Some(pos) = QUESTIONS.iter().position(|(s, _)| *s == slug) else {
        return Err(AppError::not_found());
    };
    let Some(&(_, field)) = QUESTIONS.get(pos) else {
        return Err(AppError::not_found());
    };
    let raw = form.raw();
    let mut error = None;
    if !form.submitted.is_empty() {
        match eligibility::check_field(field, &raw, &p.app.catalog, p.day) {
            Ok(()) => {
                let q = form.query();
                // A citizen of Kazakhstan, or someone who is not an ethnic Kazakh: the card is not for
                // them whatever else they answer, so the result comes at once.
                let citizen = field == Field::Citizenship && raw.citizenship.as_deref() == Some("KZ");
                let not_kazakh = field == Field::Kazakh && raw.kazakh.as_deref() == Some("no");
                let next = if citizen || not_kazakh {
                    "result".to_owned()
                } else if form.ret == "answers" {
                    "answers".to_owned()
                } else {
                    QUESTIONS.get(pos + 1).map_or("answers", |(s, _)| s).to_owned()
                };
                return Ok(see_other(&format!("/check/{next}?{q}")));
            }
            Err(problem) => error = Some(problem),
        }
    }
    let back = if pos == 0 {
        "/check".to_owned()
    } else {
        format!("/check/{}?{}", QUESTIONS.get(pos - 1).map_or("citizenship", |(s, _)| s), form.query())
    };
    let ctx = question_ctx(&p, field, &form, error)?;
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut res = p.render(
        "check_question.html",
        json!({ "q": ctx, "back": back, "hidden": form.hidden_except(field), "action": format!("/check/{slug}") }),
    )?;
    *res.status_mut() = status;
    Ok(res)
}

fn error_message(p: &PageCtx, field: Field, problem: Problem) -> String {
    p.t(&format!("err-{}-{}", field.as_str().replace('_', "-"), problem.as_str().replace('_', "-")))
}

fn countries(p: &PageCtx) -> Result<Vec<serde_json::Value>, AppError> {
    let list = p.list(Kind::Country)?;
    let mut opts: Vec<(String, String)> =
        list.items.iter().map(|c| (c.key.clone(), c.name.get(p.lang).to_owned())).collect();
    opts.sort_by_key(|a| a.1.to_lowercase());
    Ok(opts.into_iter().map(|(v, l)| json!({ "value": v, "label": l })).collect())
}

fn question_ctx(p: &PageCtx, field: Field, form: &Form, error: Option<Problem>) -> Result<serde_json::Value, AppError> {
    let id = field.as_str().replace('_', "-");
    let yes_no =
        || json!([{ "value": "yes", "label": p.t("answer-yes") }, { "value": "no", "label": p.t("answer-no") }]);
    let (kind, value, options, groups) = match field {
        Field::Citizenship => ("select", form.citizenship.clone(), countries(p)?, json!(null)),
        Field::Residence => ("select", form.residence.clone(), countries(p)?, json!(null)),
        Field::Kazakh => {
            ("radios", form.kazakh.clone(), serde_json::from_value(yes_no()).unwrap_or_default(), json!(null))
        }
        Field::Ethnicity => {
            ("radios", form.ethnicity.clone(), serde_json::from_value(yes_no()).unwrap_or_default(), json!(null))
        }
        Field::Business => {
            ("radios", form.business.clone(), serde_json::from_value(yes_no()).unwrap_or_default(), json!(null))
        }
        Field::Profession => {
            let g = |kind: Kind, cat: &str, label: &str| -> Result<serde_json::Value, AppError> {
                let items: Vec<serde_json::Value> = p
                    .list(kind)?
                    .items
                    .iter()
                    .map(|i| {
                        let label = match &i.code {
                            Some(code) => format!("{} ({code})", i.name.get(p.lang)),
                            None => format!("{}. {}", i.key, i.name.get(p.lang)),
                        };
                        json!({ "value": format!("{cat}-{}", i.key), "label": label })
                    })
                    .collect();
                Ok(json!({ "label": label, "options": items }))
            };
            let groups = json!([
                g(Kind::ProfessionCat1, "1", &p.t("check-profession-group-1"))?,
                g(Kind::ProfessionCat2, "2", &p.t("check-profession-group-2"))?,
                { "label": p.t("check-profession-group-none"), "options": [{ "value": "none", "label": p.t("check-profession-none") }] },
            ]);
            ("select", form.profession.clone(), Vec::new(), groups)
        }
        Field::PassportExpiry => ("date", String::new(), Vec::new(), json!(null)),
    };
    Ok(json!({
        "id": id,
        "name": field.as_str(),
        "kind": kind,
        "title": p.t(&format!("check-{id}-title")),
        "hint": p.t(&format!("check-{id}-hint")),
        "value": value,
        "options": options,
        "groups": groups,
        "date": { "day": form.passport_day, "month": form.passport_month, "year": form.passport_year },
        "error": error.map(|e| error_message(p, field, e)),
    }))
}

/// The check-your-answers page.
pub async fn answers(p: PageCtx, OriginalUri(uri): OriginalUri) -> Result<Response, AppError> {
    let form = Form::from_query(uri.query());
    let raw = form.raw();
    let q = form.query();
    if let Some(missing) =
        QUESTIONS.iter().find(|(_, f)| eligibility::check_field(*f, &raw, &p.app.catalog, p.day).is_err())
    {
        return Ok(see_other(&format!("/check/{}?{q}", missing.0)));
    }
    let rows: Vec<serde_json::Value> = QUESTIONS
        .iter()
        .map(|(slug, f)| {
            json!({
                "label": p.t(&format!("check-{}-short", f.as_str().replace('_', "-"))),
                "value": display_answer(&p, *f, &raw),
                "href": format!("/check/{slug}?{q}&return=answers"),
                "field": slug,
            })
        })
        .collect();
    p.render("check_answers.html", json!({ "rows": rows, "result": format!("/check/result?{q}") }))
}

fn display_answer(p: &PageCtx, field: Field, raw: &RawAnswers) -> String {
    let get = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        Field::Citizenship | Field::Residence => {
            let code = if field == Field::Citizenship { get(&raw.citizenship) } else { get(&raw.residence) };
            p.list(Kind::Country).ok().and_then(|l| l.item(&code)).map_or(code, |c| c.name.get(p.lang).to_owned())
        }
        Field::Kazakh | Field::Ethnicity | Field::Business => {
            let v = match field {
                Field::Kazakh => get(&raw.kazakh),
                Field::Ethnicity => get(&raw.ethnicity),
                _ => get(&raw.business),
            };
            p.t(if v == "yes" { "answer-yes" } else { "answer-no" })
        }
        Field::Profession => profession_label(p, &get(&raw.profession)),
        Field::PassportExpiry => get(&raw.passport_expiry),
    }
}

fn profession_label(p: &PageCtx, value: &str) -> String {
    let item = match value.split_once('-') {
        Some(("1", k)) => p.list(Kind::ProfessionCat1).ok().and_then(|l| l.item(k)),
        Some(("2", k)) => p.list(Kind::ProfessionCat2).ok().and_then(|l| l.item(k)),
        _ => None,
    };
    item.map_or_else(|| p.t("check-profession-none"), |i| i.name.get(p.lang).to_owned())
}

/// The result.
pub async fn result(p: PageCtx, OriginalUri(uri): OriginalUri) -> Result<Response, AppError> {
    let form = Form::from_query(uri.query());
    let mut raw = form.raw();
    let q = form.query();
    let citizen = raw.citizenship.as_deref() == Some("KZ");
    if citizen || (raw.citizenship.is_some() && raw.kazakh.as_deref() == Some("no")) {
        // A citizen of Kazakhstan, or someone who is not an ethnic Kazakh, cannot hold the card; the
        // other answers do not matter.
        raw = RawAnswers {
            citizenship: raw.citizenship.clone(),
            kazakh: Some(if citizen { "yes" } else { "no" }.into()),
            ethnicity: Some("yes".into()),
            residence: raw.citizenship.clone(),
            profession: Some("none".into()),
            business: Some("no".into()),
            passport_expiry: Some(p.day.to_string()),
        };
    }
    let answers = match raw.parse(&p.app.catalog, p.day) {
        Ok(a) => a,
        Err(errors) => {
            let slug = errors.first().map_or("citizenship", |e| slug_of(e.field));
            return Ok(see_other(&format!("/check/{slug}?{q}")));
        }
    };
    let outcome = eligibility::assess(&answers, p.day);
    let explained = crate::api::explain(&p.app, p.lang, p.day, &outcome);
    // An eligible result leads to applying on this site, and names the other ways.
    let channels: Vec<String> = p.list(Kind::Channel)?.items.iter().map(|i| i.name.get(p.lang).to_owned()).collect();
    p.render(
        "check_result.html",
        json!({
            "r": explained,
            "restart": "/check",
            "answers": format!("/check/answers?{q}"),
            "channels": channels.join("; "),
        }),
    )
}
