//! The person's own data as one archive (`service::export`): from the account page, and over the API.

use axum::response::Response;

use super::PageCtx;
use super::application::SignedIn;
use crate::error::AppError;

/// GET /account/data.tar: everything kept about the signed-in person.
pub async fn archive(ctx: PageCtx, SignedIn(_, user): SignedIn) -> Result<Response, AppError> {
    crate::shared::archive_response(&ctx.app, &user).await
}
