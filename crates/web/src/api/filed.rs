//! Applications filed for someone over JSON (decision 0028): the filing office issues a claim code
//! (shown once, in this answer), and the applicant claims the application with it.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use super::path::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::accounts::read_strings;
use crate::auth::ApiUser;
use crate::error::AppError;
use crate::state::AppState;
use service::{applications, filed};

/// POST /applications/{id}/claim-code: a new claim code for an application the caller's office filed
/// (a code not yet used stops working). The code is in this answer only; the service keeps its hash.
pub async fn issue_code(State(app): State<AppState>, user: ApiUser, Path(id): Path<i64>) -> Result<Response, AppError> {
    let acc = applications::load(&app, &user.user, id).await?;
    let code = filed::issue_claim_code(&app, &acc, &user.user).await?;
    let body = json!({ "id": acc.app.id, "reference": acc.app.reference, "claim_code": code });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// POST /claims: `{application_reference, claim_code}`; the signed-in applicant becomes the application's owner.
pub async fn claim(State(app): State<AppState>, user: ApiUser, body: Bytes) -> Result<Response, AppError> {
    service::policy::check_claimer(&user.user)?;
    let f = read_strings(&body, &["application_reference", "claim_code"])?;
    let get = |k: &str| f.get(k).map_or("", String::as_str);
    let a = filed::claim(&app, &user.user, get("application_reference"), get("claim_code")).await?;
    Ok(Json(json!({ "id": a.id, "reference": a.reference, "status": a.status })).into_response())
}
