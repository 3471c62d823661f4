//! The application in the browser: a task list, one question per page, the passport's MRZ, documents
//! with uploads, "check your answers", submission, status and history. Every form is a POST with the
//! session's CSRF token; errors come back on the same page with a summary naming each field.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Multipart, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::application::{self, Input, Status, Step, radio_options};
use domain::reference::Kind;
use futures_util::StreamExt as _;
use serde_json::{Value, json};
use store::{Application, User};

use super::PageCtx;
use super::account::field_message;
use crate::auth::{self, MaybeUser};
use crate::error::{AppError, ErrorCode, InvalidField};
use service::applications::{self, Access, Capacity, OnBehalf};

/// The signed-in person of a page; anyone else is sent to sign in and come back.
pub struct SignedIn(pub store::Session, pub User);

impl axum::extract::FromRequestParts<crate::state::AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        app: &crate::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        match MaybeUser::from_request_parts(parts, app).await.map_err(IntoResponse::into_response)?.0 {
            Some((session, user)) => Ok(SignedIn(session, user)),
            None => Err(Redirect::to(&format!("/account/sign-in?next={}", parts.uri.path())).into_response()),
        }
    }
}

pub(crate) fn date_ts(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .map(|t| {
            let t = t.to_offset(service::KZ_OFFSET);
            format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
        })
        .unwrap_or_default()
}

fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("app-status-{}", status.replace('_', "-")))
}

/// GET /applications
pub async fn list(ctx: PageCtx, SignedIn(session, user): SignedIn) -> Result<Response, AppError> {
    render_list(&ctx, &session, &user, &[], None).await
}

/// The list of applications with the form that starts one (and its errors, when it was refused).
async fn render_list(
    ctx: &PageCtx,
    session: &store::Session,
    user: &User,
    errors: &[InvalidField],
    applicant_email: Option<&String>,
) -> Result<Response, AppError> {
    let apps = applications::list(&ctx.app, user).await?;
    let rows: Vec<Value> = apps
        .iter()
        .map(|a| {
            let answers = applications::answers(a);
            let name = format!("{} {}", answers.surname_latin, answers.given_names_latin).trim().to_owned();
            json!({
                "id": a.id,
                "reference": a.reference,
                "status": status_label(ctx, &a.status),
                "name": if name.is_empty() { ctx.t("app-unnamed") } else { name },
                "updated": date_ts(a.updated_at),
            })
        })
        .collect();
    let key = auth::random_token()?;
    let res = ctx.render(
        "app_list.html",
        json!({
            "apps": rows,
            "csrf": session.csrf,
            "idempotency_key": key,
            "intermediary": applications::is_intermediary(user),
            "office": user.office,
            "errors": errors
                .iter()
                .map(|x| json!({ "href": format!("#{}", x.field.replace('_', "-")), "text": field_message(ctx, &x.field, x.problem) }))
                .collect::<Vec<_>>(),
            "applicant_email": applicant_email,
        }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// POST /applications: a new draft (a repeated key, from a double click, gives the same draft).
pub async fn create(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let on_behalf = OnBehalf {
        applicant_email: f.get("applicant_email").cloned(),
        notify_office: f.get("notify_office").is_some_and(|v| v == "yes"),
    };
    let key = f.get("idempotency_key").filter(|k| !k.is_empty() && k.len() <= 100).cloned();
    match applications::create(&ctx.app, &user, Some(on_behalf), "web", ctx.lang, key).await {
        Ok(a) => Ok(Redirect::to(&format!("/applications/{}", a.id)).into_response()),
        Err(e) if !e.fields.is_empty() => render_list(&ctx, &session, &user, &e.fields, f.get("applicant_email")).await,
        Err(e) => Err(e.into()),
    }
}

async fn access(ctx: &PageCtx, user: &User, id: i64) -> Result<Access, AppError> {
    Ok(applications::load(&ctx.app, user, id).await?)
}

fn options(ctx: &PageCtx, field: &str) -> Vec<Value> {
    let day = ctx.day;
    let cat = &ctx.app.catalog;
    let label = |t: &domain::Text| t.get(ctx.lang).to_owned();
    match field {
        "citizenship" | "residence_country" | "business_country" => {
            let mut v: Vec<(String, String)> = cat
                .in_force(Kind::Country, day)
                .map(|l| l.items.iter().map(|i| (i.key.clone(), label(&i.name))).collect())
                .unwrap_or_default();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v.into_iter().map(|(k, n)| json!({ "value": k, "label": n })).collect()
        }
        "cat1_row" => cat
            .in_force(Kind::ProfessionCat1, day)
            .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": format!("{}. {}", i.key, label(&i.name)) })).collect())
            .unwrap_or_default(),
        "cat2_code" => cat
            .in_force(Kind::ProfessionCat2, day)
            .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": format!("{} — {}", i.key, label(&i.name)) })).collect())
            .unwrap_or_default(),
        "region" => cat
            .in_force(Kind::Region, day)
            .map(|l| l.items.iter().map(|i| json!({ "value": i.key, "label": label(&i.name) })).collect())
            .unwrap_or_default(),
        _ => radio_options(field)
            .iter()
            .map(|v| json!({ "value": v, "label": ctx.t(&format!("app-opt-{}-{}", field.replace('_', "-"), v.replace('_', "-"))) }))
            .collect(),
    }
}

/// A value for display: an option's label, or the text.
fn display(ctx: &PageCtx, field: &str, value: &str) -> String {
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
        _ => value.to_owned(),
    }
}

fn problem_text(ctx: &PageCtx, field: &str, problem: &str) -> String {
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
    Ok(super::private(res, !errors.is_empty()))
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
    SignedIn(session, user): SignedIn,
    Path((id, slug)): Path<(i64, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
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

/// GET /applications/{id}
pub async fn overview(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let a = &acc.app;
    let answers = applications::answers(a);
    let docs = ctx.app.store.documents(id).await?;
    let problems = applications::problems(&ctx.app, a, &docs);
    let tasks: Vec<Value> = Step::ALL
        .into_iter()
        .filter(|s| s.applies(&answers))
        .map(|s| {
            let done =
                !answers.step_empty(s) && !problems.iter().any(|p| s.fields().iter().any(|(f, _)| *f == p.field));
            json!({
                "title": ctx.t(&format!("app-step-{}-title", s.slug())),
                "href": format!("/applications/{id}/steps/{}", s.slug()),
                "editable": applications::editable(a, s.slug()),
                "done": done,
                "id": s.slug(),
            })
        })
        .collect();
    let docs_done = !problems.iter().any(|p| p.field.starts_with("doc_"));
    let events = ctx.app.store.events(id).await?;
    let history: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "at": date_ts(e.at),
                "what": ctx.t(&format!("app-event-{}", e.action.replace('_', "-"))),
                "who": ctx.t(&format!("app-role-{}", e.actor_role.replace('_', "-"))),
                "office": e.office,
                "status": status_label(&ctx, &e.to_status),
                "note": e.note.as_deref().filter(|_| e.action == "request_corrections"),
            })
        })
        .collect();
    let duplicates = if acc.role == Capacity::Intermediary { ctx.app.store.duplicates(id).await? } else { Vec::new() };
    let dups: Vec<Value> = duplicates
        .iter()
        .map(|d| json!({ "reference": d.reference.clone().unwrap_or_else(|| format!("#{}", d.id)), "reason": ctx.t(&format!("app-duplicate-{}", d.reason.replace('_', "-"))) }))
        .collect();
    let status = Status::parse(&a.status);
    let res = ctx.render(
        "app_overview.html",
        json!({
            "id": id,
            "reference": a.reference,
            "status": status_label(&ctx, &a.status),
            "status_key": a.status,
            "draft": status == Some(Status::Draft),
            "reopened": status == Some(Status::CorrectionsRequested),
            "submittable": matches!(status, Some(Status::Draft | Status::CorrectionsRequested)),
            "tasks": tasks,
            "docs_done": docs_done,
            "docs_editable": answers_docs_editable(a),
            "history": history,
            "notices": notices_text(&ctx, a),
            "channel": ctx.t(&format!("app-channel-{}", a.channel)),
            "office": a.office,
            "duplicates": dups,
            "csrf": session.csrf,
            "mrz_editable": applications::editable(a, "passport"),
            "refusal_pending": status == Some(Status::RefusalPending),
            "response_until": a.due_on,
        }),
    )?;
    Ok(super::private(res, false))
}

fn answers_docs_editable(a: &Application) -> bool {
    let answers = applications::answers(a);
    application::documents_needed(&answers).iter().any(|d| applications::editable(a, &format!("doc:{d}")))
}

/// Who receives which notices, in words both sides see.
fn notices_text(ctx: &PageCtx, a: &Application) -> Vec<String> {
    let mut out = Vec::new();
    match &a.applicant_email {
        Some(e) => out.push(ctx.app.i18n.message(ctx.lang, "app-notice-applicant-email", &[("email", e.clone())])),
        None => out.push(ctx.t("app-notice-applicant-none")),
    }
    if a.owner_id.is_some() || a.applicant_email.is_some() {
        out.push(ctx.t("app-notice-inbox"));
    }
    if a.notify_office {
        out.push(ctx.app.i18n.message(
            ctx.lang,
            "app-notice-office",
            &[("office", a.office.clone().unwrap_or_default())],
        ));
    }
    out
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
    Ok(super::private(res, !errors.is_empty()))
}

/// POST /applications/{id}/mrz
pub async fn mrz_save(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let acc = access(&ctx, &user, id).await?;
    let zone = f.get("mrz").cloned().unwrap_or_default();
    match applications::fill_from_mrz(&ctx.app, &acc, &zone).await {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}/steps/names")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => render_mrz(&ctx, &acc.app, &zone, &e.fields, &session.csrf),
        Err(e) => Err(e.into()),
    }
}

/// GET /applications/{id}/documents
pub async fn documents(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    render_documents(&ctx, &acc, &session.csrf, &[], None).await
}

async fn render_documents(
    ctx: &PageCtx,
    acc: &Access,
    csrf: &str,
    errors: &[InvalidField],
    item_with_error: Option<&str>,
) -> Result<Response, AppError> {
    let a = &acc.app;
    let docs = ctx.app.store.documents(a.id).await?;
    let answers = applications::answers(a);
    let list = ctx.list(Kind::Document)?;
    let items: Vec<Value> = applications::checklist(&answers, &docs)
        .into_iter()
        .map(|c| {
            let name = list.item(c.item).map_or_else(|| c.item.to_owned(), |i| i.name.get(ctx.lang).to_owned());
            let files: Vec<Value> = c
                .files
                .iter()
                .map(|d| {
                    json!({
                        "id": d.id,
                        "name": d.filename,
                        "role": ctx.t(&format!("app-doc-role-{}", d.role)),
                        "foreign": d.foreign_language,
                        "size": format!("{:.1} MB", d.size as f64 / 1_048_576.0),
                        "href": format!("/applications/{}/documents/{}", a.id, d.id),
                    })
                })
                .collect();
            let err = if item_with_error == Some(c.item) {
                errors.iter().map(|e| problem_text(ctx, &e.field, e.problem)).collect::<Vec<_>>().join(" ")
            } else {
                String::new()
            };
            json!({
                "item": c.item,
                "id": c.item.replace('_', "-"),
                "name": name,
                "files": files,
                "problem": c.problem.map(|p| ctx.t(&format!("app-doc-{}", p.replace('_', "-")))),
                "editable": applications::editable(a, &format!("doc:{}", c.item)),
                "error": err,
            })
        })
        .collect();
    let summary: Vec<Value> = match item_with_error {
        Some(item) => errors.iter().map(|e| json!({ "href": format!("#file-{}", item.replace('_', "-")), "text": problem_text(ctx, &e.field, e.problem) })).collect(),
        None => vec![],
    };
    let mut res = ctx.render(
        "app_documents.html",
        json!({
            "id": a.id,
            "items": items,
            "csrf": csrf,
            "errors": summary,
            "max_mb": ctx.app.settings.max_file_bytes / 1_048_576,
        }),
    )?;
    if !errors.is_empty() {
        *res.status_mut() = if errors.iter().any(|e| e.problem == "too_large") {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
    }
    Ok(super::private(res, false))
}

/// POST /applications/{id}/documents (multipart: `csrf`, `item`, `role_choice`, then `file`). The file
/// streams to the encrypted store; the other fields must come first.
pub async fn upload(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut result: Option<Result<store::Document, AppError>> = None;
    while let Some(part) = multipart.next_field().await.map_err(|e| crate::error::multipart_error(&e))? {
        let name = part.name().unwrap_or_default().to_owned();
        if name == "file" {
            auth::check_session_csrf(&session, fields.get("csrf"))?;
            let choice = fields.get("role_choice").map_or("original-kk", String::as_str);
            let meta = applications::UploadMeta {
                item: fields.get("item").cloned().unwrap_or_default(),
                role: if choice == "translation" { "translation" } else { "original" }.to_owned(),
                foreign_language: choice == "original-foreign",
                filename: part.file_name().unwrap_or_default().to_owned(),
            };
            result = Some(
                applications::store_upload(
                    &ctx.app,
                    &acc,
                    &meta,
                    part.map(|r| r.map_err(|e| crate::error::multipart_error(&e))),
                )
                .await
                .map_err(AppError::from),
            );
            break;
        }
        if fields.len() < 8 {
            let text = part.text().await.map_err(|e| crate::error::multipart_error(&e))?;
            fields.insert(name, text.chars().take(200).collect());
        }
    }
    let item = fields.get("item").cloned().unwrap_or_default();
    match result {
        Some(Ok(_)) => {
            Ok(Redirect::to(&format!("/applications/{id}/documents#item-{}", item.replace('_', "-"))).into_response())
        }
        Some(Err(e)) if e.code == ErrorCode::Validation => {
            render_documents(&ctx, &acc, &session.csrf, &e.fields, Some(item.as_str())).await
        }
        Some(Err(e)) => Err(e),
        None => {
            auth::check_session_csrf(&session, fields.get("csrf"))?;
            render_documents(
                &ctx,
                &acc,
                &session.csrf,
                &[InvalidField { field: "file".into(), problem: "required" }],
                Some(item.as_str()),
            )
            .await
        }
    }
}

/// POST /applications/{id}/documents/{doc}/delete
pub async fn delete_document(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path((id, doc)): Path<(i64, i64)>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let acc = access(&ctx, &user, id).await?;
    applications::remove_upload(&ctx.app, &acc, doc).await?;
    Ok(Redirect::to(&format!("/applications/{id}/documents")).into_response())
}

/// GET /applications/{id}/documents/{doc}: the file, to its owner and the office only.
pub async fn download(
    ctx: PageCtx,
    SignedIn(_, user): SignedIn,
    Path((id, doc)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    crate::shared::file_response(&ctx.app, acc.app.id, doc).await
}

/// GET /applications/{id}/check: check your answers, then submit.
pub async fn check(ctx: PageCtx, SignedIn(session, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    render_check(&ctx, &acc, &session.csrf, &[]).await
}

async fn render_check(ctx: &PageCtx, acc: &Access, csrf: &str, errors: &[InvalidField]) -> Result<Response, AppError> {
    let a = &acc.app;
    let answers = applications::answers(a);
    let sections: Vec<Value> = Step::ALL
        .into_iter()
        .filter(|s| s.applies(&answers))
        .map(|s| {
            let rows: Vec<Value> = s
                .fields()
                .iter()
                .map(|(f, _)| {
                    json!({
                        "field": f.replace('_', "-"),
                        "label": ctx.t(&format!("app-field-{}", f.replace('_', "-"))),
                        "value": display(ctx, f, answers.get(f).unwrap_or_default()),
                    })
                })
                .collect();
            json!({
                "title": ctx.t(&format!("app-step-{}-title", s.slug())),
                "href": format!("/applications/{}/steps/{}?return=check", a.id, s.slug()),
                "editable": applications::editable(a, s.slug()),
                "rows": rows,
            })
        })
        .collect();
    let docs = ctx.app.store.documents(a.id).await?;
    let list = ctx.list(Kind::Document)?;
    let doc_rows: Vec<Value> = applications::checklist(&answers, &docs)
        .into_iter()
        .map(|c| {
            json!({
                "name": list.item(c.item).map(|i| i.name.get(ctx.lang).to_owned()).unwrap_or_default(),
                "count": c.files.len(),
                "problem": c.problem.map(|p| ctx.t(&format!("app-doc-{}", p.replace('_', "-")))),
            })
        })
        .collect();
    let errs: Vec<Value> = errors
        .iter()
        .map(|e| {
            let (href, text) = if let Some(item) = e.field.strip_prefix("doc_") {
                let name = list.item(item).map(|i| i.name.get(ctx.lang).to_owned()).unwrap_or_default();
                (
                    format!("/applications/{}/documents#item-{}", a.id, item.replace('_', "-")),
                    format!("{name}: {}", ctx.t(&format!("app-doc-{}", e.problem.replace('_', "-")))),
                )
            } else {
                let step = Step::ALL
                    .into_iter()
                    .find(|s| s.fields().iter().any(|(f, _)| *f == e.field))
                    .map_or("names", Step::slug);
                (format!("/applications/{}/steps/{step}?return=check", a.id), problem_text(ctx, &e.field, e.problem))
            };
            json!({ "href": href, "text": text })
        })
        .collect();
    let status = Status::parse(&a.status);
    let res = ctx.render(
        "app_check.html",
        json!({
            "id": a.id,
            "sections": sections,
            "documents": doc_rows,
            "errors": errs,
            "csrf": csrf,
            "submittable": matches!(status, Some(Status::Draft | Status::CorrectionsRequested)),
            "notices": notices_text(ctx, a),
        }),
    )?;
    Ok(super::private(res, !errors.is_empty()))
}

/// POST /applications/{id}/submit: once, however many times the button is pressed.
pub async fn submit(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let acc = access(&ctx, &user, id).await?;
    match applications::submit(&ctx.app, &acc, &user).await {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}/submitted")).into_response()),
        Err(e) if e.code == ErrorCode::Validation => render_check(&ctx, &acc, &session.csrf, &e.fields).await,
        Err(e) => Err(e.into()),
    }
}

/// GET /applications/{id}/submitted: the confirmation with the reference number.
pub async fn submitted(ctx: PageCtx, SignedIn(_, user): SignedIn, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = access(&ctx, &user, id).await?;
    if acc.app.status != Status::Submitted.as_str() {
        return Ok(Redirect::to(&format!("/applications/{id}")).into_response());
    }
    ctx.render(
        "app_submitted.html",
        json!({ "id": id, "reference": acc.app.reference, "notices": notices_text(&ctx, &acc.app) }),
    )
}

/// POST /applications/{id}/respond: the answer to an intended refusal, while its window is open.
pub async fn respond(
    ctx: PageCtx,
    SignedIn(session, user): SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    auth::check_session_csrf(&session, f.get("csrf"))?;
    let acc = access(&ctx, &user, id).await?;
    applications::respond_to_refusal(&ctx.app, &acc, &user, f.get("response").map_or("", String::as_str)).await?;
    Ok(Redirect::to(&format!("/applications/{id}")).into_response())
}
