//! The service's error as an HTTP response: the body is filled in by the language middleware, which
//! knows the language, the request id and whether the caller is the API or a person.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use service::{ErrorCode, InvalidField};

/// An error a handler returns: a use case's error, or one the HTTP layer finds itself.
#[derive(Debug, Clone)]
pub struct AppError(pub service::AppError);

impl std::ops::Deref for AppError {
    type Target = service::AppError;
    fn deref(&self) -> &service::AppError {
        &self.0
    }
}

impl From<service::AppError> for AppError {
    fn from(e: service::AppError) -> Self {
        AppError(e)
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        AppError(e.into())
    }
}

impl AppError {
    /// A 404.
    pub fn not_found() -> AppError {
        AppError(service::AppError::not_found())
    }

    /// A 422 listing the invalid fields.
    pub fn invalid(fields: impl IntoIterator<Item = InvalidField>) -> AppError {
        AppError(service::AppError::invalid(fields))
    }

    /// An error with no field list.
    pub fn code(code: ErrorCode) -> AppError {
        AppError(service::AppError::code(code))
    }

    /// A 422 for one field.
    pub fn field(field: &str, problem: &'static str) -> AppError {
        AppError(service::AppError::field(field, problem))
    }

    /// A 500; the cause is logged, never shown.
    pub fn internal(cause: &dyn std::fmt::Display) -> AppError {
        AppError(service::AppError::internal(cause))
    }
}

/// The HTTP status of an error code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = status_of(self.code).into_response();
        res.extensions_mut().insert(self);
        res
    }
}

/// Sets `Retry-After` (seconds) on the response to `err` when it says when to try again (every 429).
pub(crate) fn set_retry_after(res: &mut Response, err: &service::AppError) {
    if let Some(secs) = err.retry_after {
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
}

/// A multipart body that cannot be read: 413 when it passed its size limit, else 400.
pub(crate) fn multipart_error(e: &axum::extract::multipart::MultipartError) -> service::AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        service::AppError::code(ErrorCode::PayloadTooLarge)
    } else {
        tracing::info!(error = %e, "unreadable multipart body");
        service::AppError::code(ErrorCode::BadRequest)
    }
}

/// A body that is not `multipart/form-data` where a file is expected: the service's own problem (400),
/// not the extractor's plain text.
pub(crate) fn not_multipart(r: &axum::extract::multipart::MultipartRejection) -> service::AppError {
    tracing::info!(error = %r, "not a multipart body");
    service::AppError::code(ErrorCode::BadRequest)
}
