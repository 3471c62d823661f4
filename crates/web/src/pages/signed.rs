//! The signed-in person of a page, and a form they post with its CSRF token checked: the extractors
//! every page handler that needs a person takes.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use store::User;

use crate::auth::{self, MaybeUser};
use crate::error::AppError;
use crate::state::AppState;

/// The signed-in person of a page; anyone else is sent to sign in and come back.
pub struct SignedIn(pub store::Session, pub User);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        match MaybeUser::from_request_parts(parts, app).await.map_err(IntoResponse::into_response)?.0 {
            Some((session, user)) => Ok(SignedIn(session, user)),
            None => Err(Redirect::to(&format!("/account/sign-in?next={}", parts.uri.path())).into_response()),
        }
    }
}

/// A form posted by the signed-in person, its CSRF token checked against the session's. The sign-in,
/// the path's parameters `P` and the form are taken in this order, as separate extractors would.
pub struct SignedPost<P> {
    pub session: store::Session,
    pub user: User,
    pub path: P,
    pub form: HashMap<String, String>,
}

impl<P: DeserializeOwned + Send> FromRequest<AppState> for SignedPost<P> {
    type Rejection = Response;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let SignedIn(session, user) = SignedIn::from_request_parts(&mut parts, app).await?;
        let Path(path) = Path::<P>::from_request_parts(&mut parts, app).await.map_err(IntoResponse::into_response)?;
        let Form(form) = Form::<HashMap<String, String>>::from_request(Request::from_parts(parts, body), app)
            .await
            .map_err(IntoResponse::into_response)?;
        auth::check_session_csrf(&session, form.get("csrf")).map_err(|e| AppError::from(e).into_response())?;
        Ok(SignedPost { session, user, path, form })
    }
}
