//! The dashboard over time: cases in and out per week, the share of each stage's steps taken on time
//! and the working days in each stage (median, 90th percentile), for all cases, per office and per
//! officer; as charts with their tables (on the dashboard) and as CSV (`/dashboard.csv`).

use std::fmt::Write as _;

use axum::extract::RawQuery;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::flow::{Flow, Group, StageRow};
use serde_json::{Value, json};
use service::cases;

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use super::chart::bars;
use crate::error::AppError;

/// The office (auditors) and the weeks asked for in the query.
pub(super) fn asked(q: Option<&str>) -> (Option<String>, u32) {
    let office = q.and_then(|q| crate::lang::query_value(q, "office"));
    let weeks = q.and_then(|q| crate::lang::query_value(q, "weeks")).and_then(|w| w.parse().ok());
    (office, weeks.unwrap_or(cases::WEEKS.0).clamp(1, cases::WEEKS.1))
}

fn group_name(ctx: &PageCtx, g: &Group) -> String {
    match g {
        Group::All => ctx.t("flow-all"),
        Group::Office(o) => words::office(ctx, o),
        Group::Officer(e) => e.clone(),
    }
}

fn stage_row(ctx: &PageCtx, r: &StageRow) -> Value {
    json!({
        "group": group_name(ctx, &r.group),
        "stage": words::status(ctx, r.stage.as_str()),
        "steps": r.steps,
        "on_time": r.on_time_percent().map(|p| format!("{p}\u{a0}%")),
        "with_deadline": r.with_deadline,
        "median": r.median,
        "p90": r.p90,
    })
}

/// What the dashboard's template shows of the flow: charts (inline SVG, as `bars`) and their tables.
pub(super) fn context(ctx: &PageCtx, f: &Flow, weeks: u32) -> Value {
    let week_label = |w: &domain::flow::Week| words::day(ctx, w.monday);
    let cases_in: Vec<(String, i64)> = f.weeks.iter().map(|w| (week_label(w), i64::from(w.cases_in))).collect();
    let cases_out: Vec<(String, i64)> = f.weeks.iter().map(|w| (week_label(w), i64::from(w.cases_out))).collect();
    let all: Vec<&StageRow> = f.stages.iter().filter(|r| r.group == Group::All).collect();
    let on_time: Vec<(String, i64)> = all
        .iter()
        .filter_map(|r| Some((words::status(ctx, r.stage.as_str()), i64::from(r.on_time_percent()?))))
        .collect();
    let median: Vec<(String, i64)> =
        all.iter().filter_map(|r| Some((words::status(ctx, r.stage.as_str()), r.median?))).collect();
    let rows = |pick: fn(&Group) -> bool| -> Vec<Value> {
        f.stages.iter().filter(|r| pick(&r.group)).map(|r| stage_row(ctx, r)).collect()
    };
    json!({
        "weeks": weeks,
        "in_chart": bars(&ctx.t("flow-in"), &cases_in),
        "out_chart": bars(&ctx.t("flow-out"), &cases_out),
        "on_time_chart": bars(&ctx.t("flow-on-time"), &on_time),
        "median_chart": bars(&ctx.t("flow-median"), &median),
        "week_rows": f.weeks.iter().map(|w| json!({ "week": week_label(w), "in": w.cases_in, "out": w.cases_out })).collect::<Vec<_>>(),
        "stage_rows": rows(|g| *g == Group::All),
        "office_rows": rows(|g| matches!(g, Group::Office(_))),
        "officer_rows": rows(|g| matches!(g, Group::Officer(_))),
    })
}

/// A CSV field: quoted when it must be, and never read as a formula by a spreadsheet.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// GET /dashboard.csv: the flow over time as one table, a row per week and per group and stage.
pub async fn csv(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let (office, weeks) = asked(q.as_deref());
    let f = cases::flow(&ctx.app, &user, office.as_deref(), weeks).await?;
    let mut out = String::from(
        "\u{feff}table,week,group,group_name,stage,stage_name,cases_in,cases_out,steps,with_deadline,on_time,\
         median_working_days,p90_working_days\r\n",
    );
    for w in &f.weeks {
        let _ = write!(
            out,
            "week,{},all,{},,,{},{},,,,,\r\n",
            w.monday,
            field(&ctx.t("flow-all")),
            w.cases_in,
            w.cases_out
        );
    }
    for r in &f.stages {
        let (kind, key) = match &r.group {
            Group::All => ("all", String::new()),
            Group::Office(o) => ("office", o.clone()),
            Group::Officer(e) => ("officer", e.clone()),
        };
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let _ = write!(
            out,
            "stage,,{},{},{},{},,,{},{},{},{},{}\r\n",
            if key.is_empty() { kind.to_owned() } else { field(&format!("{kind}:{key}")) },
            field(&group_name(&ctx, &r.group)),
            r.stage.as_str(),
            field(&words::status(&ctx, r.stage.as_str())),
            r.steps,
            r.with_deadline,
            r.on_time,
            opt(r.median),
            opt(r.p90),
        );
    }
    let mut res = out.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"dashboard.csv\""));
    Ok(super::super::private(res, false))
}
