//! One error type with stable codes for every use case. The web layer renders it as RFC 9457 problem
//! details for the API and as a page for people, both carrying the request id. Internal text never
//! reaches a user.

use domain::eligibility::FieldError;

/// Stable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// AZ0400: the request is malformed.
    BadRequest,
    /// AZ0401: not signed in, or the credentials are wrong.
    Unauthorized,
    /// AZ0403: signed in, but not allowed (or the form's CSRF token is missing or wrong).
    Forbidden,
    /// AZ0404: no such resource.
    NotFound,
    /// AZ0409: the request conflicts with the current state.
    Conflict,
    /// AZ0413: the request body is over its limit.
    PayloadTooLarge,
    /// AZ0429: too many attempts; try again later.
    TooManyRequests,
    /// AZ0422: fields are invalid.
    Validation,
    /// AZ0500: something failed on our side.
    Internal,
    /// AZ0503: a dependency (the database) is unavailable.
    Unavailable,
}

impl ErrorCode {
    /// The stable code, e.g. `AZ0404`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "AZ0400",
            ErrorCode::Unauthorized => "AZ0401",
            ErrorCode::Forbidden => "AZ0403",
            ErrorCode::NotFound => "AZ0404",
            ErrorCode::Conflict => "AZ0409",
            ErrorCode::PayloadTooLarge => "AZ0413",
            ErrorCode::TooManyRequests => "AZ0429",
            ErrorCode::Validation => "AZ0422",
            ErrorCode::Internal => "AZ0500",
            ErrorCode::Unavailable => "AZ0503",
        }
    }

    /// The HTTP status code that carries it (the number in its stable code).
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::TooManyRequests => 429,
            ErrorCode::Validation => 422,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }

    /// The message id of the error's title.
    pub fn message_id(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "error-bad-request",
            ErrorCode::Unauthorized => "error-unauthorized",
            ErrorCode::Forbidden => "error-forbidden",
            ErrorCode::NotFound => "error-not-found",
            ErrorCode::Conflict => "error-conflict",
            ErrorCode::PayloadTooLarge => "error-too-large",
            ErrorCode::TooManyRequests => "error-too-many",
            ErrorCode::Validation => "error-validation",
            ErrorCode::Internal => "error-internal",
            ErrorCode::Unavailable => "error-unavailable",
        }
    }
}

/// A field-level problem for the API: field name and message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidField {
    /// The field's name as sent.
    pub field: String,
    /// A stable problem code (`required`, `unknown`, ...).
    pub problem: &'static str,
}

impl From<FieldError> for InvalidField {
    fn from(e: FieldError) -> Self {
        InvalidField { field: e.field.as_str().to_owned(), problem: e.problem.as_str() }
    }
}

/// An error a use case returns.
#[derive(Debug, Clone)]
pub struct AppError {
    /// The code.
    pub code: ErrorCode,
    /// Invalid fields, for validation errors.
    pub fields: Vec<InvalidField>,
    /// Values the fields' messages name (`name`: the file's name as sent).
    pub args: Vec<(&'static str, String)>,
    /// For a 429: the seconds until the attempt may be made again (the `Retry-After` header).
    pub retry_after: Option<u64>,
}

impl AppError {
    /// A 404.
    pub fn not_found() -> AppError {
        AppError::code(ErrorCode::NotFound)
    }

    /// An error with `fields`.
    pub fn with_fields(code: ErrorCode, fields: impl IntoIterator<Item = InvalidField>) -> AppError {
        AppError { code, fields: fields.into_iter().collect(), retry_after: None, args: Vec::new() }
    }

    /// A 429: try again in `retry_after` seconds; `fields` name where the form shows it.
    pub fn too_many(retry_after: u64, fields: impl IntoIterator<Item = InvalidField>) -> AppError {
        AppError { retry_after: Some(retry_after), ..AppError::with_fields(ErrorCode::TooManyRequests, fields) }
    }

    /// A 422 listing the invalid fields.
    pub fn invalid(fields: impl IntoIterator<Item = InvalidField>) -> AppError {
        AppError::with_fields(ErrorCode::Validation, fields)
    }

    /// An error with no field list.
    pub fn code(code: ErrorCode) -> AppError {
        AppError::with_fields(code, [])
    }

    /// A 422 for one field.
    pub fn field(field: &str, problem: &'static str) -> AppError {
        AppError::invalid([InvalidField { field: field.to_owned(), problem }])
    }

    /// A 500; the cause is logged, never shown.
    pub fn internal(cause: &dyn std::fmt::Display) -> AppError {
        tracing::error!(error = %cause, "internal error");
        AppError::code(ErrorCode::Internal)
    }
}

impl AppError {
    /// The same error with a value that its fields' messages name.
    #[must_use]
    pub fn with_arg(mut self, name: &'static str, value: String) -> AppError {
        self.args.push((name, value));
        self
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::Connect { .. } => {
                tracing::error!(error = %e, "database unavailable");
                AppError::code(ErrorCode::Unavailable)
            }
            other => AppError::internal(&other),
        }
    }
}
