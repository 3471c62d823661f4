//! The dashboard of supervisors and auditors: counts by status and office, load, overdue cases, times.

use axum::extract::RawQuery;
use axum::response::Response;
use serde_json::{Value, json};
use service::cases;

use super::super::application::SignedIn;
use super::super::{PageCtx, words};
use super::chart::bars;
use crate::error::AppError;

/// GET /dashboard: supervisors and auditors.
pub async fn dashboard(ctx: PageCtx, SignedIn(_, user): SignedIn, RawQuery(q): RawQuery) -> Result<Response, AppError> {
    let (office, weeks) = super::flow::asked(q.as_deref());
    let d = cases::dashboard(&ctx.app, &user, office.as_deref()).await?;
    let flow = cases::flow(&ctx.app, &user, office.as_deref(), weeks).await?;
    let status_label = |s: &str| ctx.t(&format!("app-status-{}", s.replace('_', "-")));
    let mut by_status: Vec<(String, i64)> = Vec::new();
    for (_, status, n) in &d.counts {
        let label = status_label(status);
        match by_status.iter_mut().find(|(l, _)| *l == label) {
            Some(e) => e.1 += n,
            None => by_status.push((label, *n)),
        }
    }
    let mut by_office: Vec<(String, i64)> = Vec::new();
    for (office, _, n) in &d.counts {
        let office = words::office(&ctx, office);
        match by_office.iter_mut().find(|(o, _)| *o == office) {
            Some(e) => e.1 += n,
            None => by_office.push((office, *n)),
        }
    }
    let counts: Vec<Value> = d
        .counts
        .iter()
        .map(|(o, s, n)| {
            json!({
            "staff": true, "office": words::office(&ctx, o), "status": status_label(s), "count": n })
        })
        .collect();
    let csv = match &office {
        Some(o) => format!(
            "/dashboard.csv?weeks={weeks}&office={}",
            o.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
        ),
        None => format!("/dashboard.csv?weeks={weeks}"),
    };
    let res = ctx.render(
        "dashboard.html",
        json!({
            "flow": super::flow::context(&ctx, &flow, weeks),
            "csv": csv,
            "status_chart": bars(&ctx.t("dash-by-status"), &by_status),
            "office_chart": bars(&ctx.t("dash-by-office"), &by_office),
            "load_chart": bars(&ctx.t("dash-load"), &d.load),
            "counts": counts,
            "overdue": d.overdue.iter().map(|(id, r, due, late)| json!({ "id": id, "reference": r, "due_on": due, "late": late })).collect::<Vec<_>>(),
            "load": d.load.iter().map(|(e, n)| json!({ "officer": e, "count": n })).collect::<Vec<_>>(),
            "decided": d.decided,
            "median": d.median_days,
            "p90": d.p90_days,
        }),
    )?;
    Ok(super::super::private(res, false))
}
