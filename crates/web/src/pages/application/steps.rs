//! One question per page, and the passport's machine-readable zone that fills the names and the passport.

use std::collections::HashMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::application::{self, Input, Step, radio_options};
use domain::reference::Kind;
use serde_json::{Value, json};
use store::Application;

use super::{SignedIn, SignedPost, access};
use crate::error::{AppError, ErrorCode, InvalidField};
use crate::pages::PageCtx;
use service::applications;

fn options(ctx: &PageCtx, field: &str) -> Vec<Value> {
    let day = ctx.day;
    let cat = &ctx.app.catalog;
    let label = |t: &domain::Text| t.get(ctx.lang).to_owned();
    match field {
        "citizenship" | "residence_country" | "business_country" => crate::pages::words::list_sorted(ctx, Kind::Country)
            .into_iter()
            .map(|(k, n)| json!({ "value": k, "label": n }))
            .collect(),
        "cat1_row" => cat
            .in_force(Kind::ProfessionCat1, day)
            .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": format!("{}. {}", i.key, label(&i.name)) })).collect())
            .unwrap_or_default(),
        "cat2_code" => cat
            .in_force(Kind::ProfessionCat2, day)
            .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": format!("{} — {}", i.key, label(&i.name)) })).collect())
            .unwrap_or_default(),
        "region" => crate::pages::words::list_sorted(ctx, Kind::Region)
            .into_iter()
            .map(|(k, n)| json!({ "value": k, "label": n }))
            .collect(),
        _ => radio_options(field)
            .iter()
            .map(|v| json!({ "value": v, "label": ctx.t(&format!("app-opt-{}-{}", field.replace('_', "-"), v.replace('_', "-"))) }))
            .collect(),
    }
}

/// A value for display: an option's label, or the text.
pub(crate) fn display(ctx: &PageCtx, field: &str, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let kind = Step::ALL.iter().flat_map(|s| s.fields()).find(|(f, _)| *f == field).map(|(_, k)| *k);
    match kind {
        Some(Input::Select | Input::Radios) => options(ctx, field)
            .into_iter()
            .find(|o| o["value"] == value)
            .and_then(|o| o.get("label").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| value.to_owned()),
        Some(Input::Checkbox) => ctx.t("answer-yes"),
        Some(Input::Date) => crate::pages::words::date(ctx, value),
        _ => value.to_owned(),
    }
}

pub(super) fn problem_text(ctx: &PageCtx, field: &str, problem: &str) -> String {
    ctx.app.i18n.field_problem(ctx.lang, field, problem)
}

fn step_fields(ctx: &PageCtx, step: Step, values: &HashMap<String, String>, errors: &[InvalidField]) -> Vec<Value> {
    step.fields()
        .iter()
        .map(|(name, kind)| {
            let id = name.replace('_', "-");
            let v = values.get(*name).cloned().unwrap_or_default();
            let error = errors.iter().find(|e| e.field == *name).map(|e| problem_text(ctx, name, e.problem));
            let hint_id = format!("app-hint-{id}");
            let (d, m, y) = {
                let parts: Vec<&str> = v.splitn(3, '-').collect();
                match parts.as_slice() {
                    [y, m, d] => (d.trim_start_matches('0').to_owned(), m.trim_start_matches('0').to_owned(), (*y).to_owned()),
                    _ => (String::new(), String::new(), String::new()),
                }
            };
            json!({
                "name": name,
                "id": id,
                "kind": match kind { Input::Text => "text", Input::TextArea => "textarea", Input::Date => "date", Input::Select => "select", Input::Radios => "radios", Input::Checkbox => "checkbox" },
                "label": ctx.t(&format!("app-field-{id}")),
                "hint": if ctx.app.i18n.has(ctx.lang, &hint_id) { ctx.t(&hint_id) } else { String::new() },
                "value": v,
                "date": { "day": d, "month": m, "year": y },
                "options": if matches!(kind, Input::Select | Input::Radios) { options(ctx, name) } else { vec![] },
                "error": error,
                "autocomplete": match *name { "phone" => "tel", "contact_email" => "email", "residence_address" => "street-address", "surname_latin" => "family-name", "given_names_latin" => "given-name", _ => "off" },
            })
        })
        .collect()
}

fn summary(ctx: &PageCtx, errors: &[InvalidField]) -> Vec<Value> {
    errors
        .iter()
        .map(|e| {
            let kind = Step::ALL.iter().flat_map(|s| s.fields()).find(|(f, _)| *f == e.field).map(|(_, k)| *k);
            let suffix = match kind {
                Some(Input::Date) => "-day",
                Some(Input::Radios) => "-0",
                _ => "",
            };
            json!({ "href": format!("#{}{suffix}", e.field.replace('_', "-")), "text": problem_text(ctx, &e.field, e.problem) })
        })
        .collect()
}

fn render_step(
    ctx: &PageCtx,
    a: &Application,
    step: Step,
    values: &HashMap<String, String>,
    errors: &[InvalidField],
    csrf: &str,
    ret: bool,
) -> Result<Response, AppError> {
    let slug = step.slug().replace('-', "_");
    // The requirements of the decree's profession chosen, beside the answer about them.
    let requirements = (step == Step::Requirements1)
        .then(|| {
            let row = applications::answers(a).cat1_row;
            let item = ctx.app.catalog.in_force(Kind::ProfessionCat1, ctx.day)?.item(&row)?;
            Some(json!({
                "name": item.name.get(ctx.lang),
                "text": item.text.as_ref().map(|t| t.get(ctx.lang)),
                "href": format!("/professions/1/{row}"),
            }))
        })
        .flatten();
    let res = ctx.render(
        "app_step.html",
        json!({
            "title": ctx.t(&format!("app-step-{}-title", step.slug())),
            "lead": ctx.t(&format!("app-step-{}-lead", step.slug())),
            "step": slug,
            "action": format!("/applications/{}/steps/{}", a.id, step.slug()),
            "back": format!("/applications/{}", a.id),
            "fields": step_fields(ctx, step, values, errors),
            "errors": summary(ctx, errors),
            "csrf": csrf,
            "version": a.version,
            "return": ret,
            "requirements": requirements,
        }),
    )?;
    Ok(crate::pages::private(res, !errors.is_empty()))
}

fn current_values(a: &Application, step: Step) -> HashMap<String, String> {
    let answers = applications::answers(a);
    step.fields().iter().map(|(f, _)| ((*f).to_owned(), answers.get(f).unwrap_or_default().to_owned())).collect()
}

/// GET /applications/{id}/steps/{step}
pub async fn step_form(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path((id, slug)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let step = Step::from_slug(&slug).ok_or_else(AppError::not_found)?;
    if !applications::editable(&acc.app, step.slug()) {
        return Ok(Redirect::to(&format!("/applications/{id}")).into_response());
    }
    let ret = ctx.path.contains("return=check");
    render_step(&ctx, &acc.app, step, &current_values(&acc.app, step), &[], &session.csrf, ret)
}

/// Reads a step's form: dates from their three boxes.
fn read_step(step: Step, f: &HashMap<String, String>) -> HashMap<String, String> {
    step.fields()
        .iter()
        .map(|(name, kind)| {
            let v = match kind {
                Input::Date => {
                    let part = |p: &str| f.get(&format!("{name}_{p}")).map(|s| s.trim().to_owned()).unwrap_or_default();
                    let (d, m, y) = (part("day"), part("month"), part("year"));
                    if d.is_empty() && m.is_empty() && y.is_empty() {
                        String::new()
                    } else {
                        match (d.parse::<u8>(), m.parse::<u8>(), y.parse::<u16>()) {
                            (Ok(d), Ok(m), Ok(y)) if y >= 1000 => format!("{y:04}-{m:02}-{d:02}"),
                            _ => format!("{y}-{m}-{d}-invalid"),
                        }
                    }
                }
                Input::Checkbox => f.get(*name).filter(|v| *v == "yes").cloned().unwrap_or_default(),
                _ => f.get(*name).cloned().unwrap_or_default(),
            };
            ((*name).to_owned(), v)
        })
        .collect()
}

/// POST /applications/{id}/steps/{step}
pub async fn step_save(
    ctx: PageCtx,
    SignedPost { session, user, path: (id, slug), form: f }: SignedPost<(i64, String)>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let step = Step::from_slug(&slug).ok_or_else(AppError::not_found)?;
    let values = read_step(step, &f);
    let version = f.get("version").and_then(|v| v.parse().ok());
    let ret = f.get("return").is_some_and(|v| v == "check");
    match applications::save_fields(&ctx.app, &acc, &values, version).await {
        Ok(saved) => {
            let answers = applications::answers(&saved);
            // On to the next question that still needs an answer; the task list once there is none.
            let today = ctx.app.clock.today();
            let pending = Step::ALL.into_iter().skip_while(|s| *s != step).skip(1).find(|s| {
                s.applies(&answers)
                    && applications::editable(&saved, s.slug())
                    && !application::check_step(*s, &answers, &ctx.app.catalog, today).is_empty()
            });
            let next = match pending {
                _ if ret => format!("/applications/{id}/check"),
                Some(n) => format!("/applications/{id}/steps/{}", n.slug()),
                None => format!("/applications/{id}"),
            };
            Ok(Redirect::to(&next).into_response())
        }
        Err(e) if e.code == ErrorCode::Validation => {
            render_step(&ctx, &acc.app, step, &values, &e.fields, &session.csrf, ret)
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /applications/{id}/mrz
pub async fn mrz_form(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    render_mrz(&ctx, &acc.app, "", &[], &session.csrf)
}

fn render_mrz(
    ctx: &PageCtx,
    a: &Application,
    value: &str,
    errors: &[InvalidField],
    csrf: &str,
) -> Result<Response, AppError> {
    let errs: Vec<Value> =
        errors.iter().map(|e| json!({ "href": "#mrz", "text": problem_text(ctx, &e.field, e.problem) })).collect();
    let res = ctx.render("app_mrz.html", json!({ "id": a.id, "value": value, "errors": errs, "csrf": csrf }))?;
    Ok(crate::pages::private(res, !errors.is_empty()))
}

/// POST /applications/{id}/mrz
pub async fn mrz_save(
    ctx: PageCtx,
    SignedPost { session, user, path: id, form: f }: SignedPost<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let zone = f.get("mrz").cloned().unwrap_or_default();
    match applications::fill_from_mrz(&ctx.app, &acc, &zone).await {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}/steps/names")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => render_mrz(&ctx, &acc.app, &zone, &e.fields, &session.csrf),
        Err(e) => Err(e.into()),
    }
}
