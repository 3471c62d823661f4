//! Administration: staff accounts (roles, offices, second factors) and the working-day calendar's yearly
//! data. Only administrators; the command line (`atajoly staff-add`) uses the same rules.

use domain::account::Role;
use domain::calendar::{CalendarSource, Transfer, YearData};
use domain::reference::{Catalog, Kind, Origin, parse_iso_date};
use store::{NewUser, User};
use time::{Date, OffsetDateTime};

use crate::app::App;
use crate::error::{AppError, ErrorCode, InvalidField};

/// The administrator's role.
pub const ADMINISTRATOR: Role = Role::Administrator;

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
}

fn acting(user: &User) -> Result<(), AppError> {
    if user.role == ADMINISTRATOR { Ok(()) } else { Err(AppError::code(ErrorCode::Forbidden)) }
}

/// The office a role takes: intermediaries any office, officers and supervisors a regional department,
/// the others none. `Err` names the problem.
pub fn office_for(catalog: &Catalog, today: Date, role: Role, office: &str) -> Result<Option<String>, AppError> {
    let known = |kind, key: &str| catalog.in_force(kind, today).is_some_and(|l| l.item(key).is_some());
    let department = office.strip_prefix("department-").is_some_and(|r| known(Kind::Region, r));
    let any_office = office == "foundation"
        || office.strip_prefix("embassy-").is_some_and(|c| known(Kind::Country, c))
        || department;
    match role {
        Role::Intermediary if any_office => Ok(Some(office.to_owned())),
        Role::Officer | Role::Supervisor if department => Ok(Some(office.to_owned())),
        Role::CheckerPolice | Role::CheckerKnb | Role::Auditor | Role::Administrator
            if office.is_empty() || office == "-" =>
        {
            Ok(None)
        }
        Role::Applicant => Err(AppError::invalid([field("role", "not_a_role")])),
        _ => Err(AppError::invalid([field("office", "unfit")])),
    }
}

/// Every staff role, in the order of the administrator's form (every role but the applicant's).
pub fn staff_roles() -> impl Iterator<Item = Role> {
    Role::ALL.into_iter().filter(|r| *r != Role::Applicant)
}

/// A staff role named in a form or on the command line (applicants sign up; they are no staff role).
pub fn staff_role(name: &str) -> Result<Role, AppError> {
    Role::parse(name.trim())
        .filter(|r| *r != Role::Applicant)
        .ok_or_else(|| AppError::invalid([field("role", "not_a_role")]))
}

/// A new staff account's credentials, shown once.
#[derive(Debug, Clone)]
pub struct StaffCreated {
    /// The account.
    pub user: User,
    /// The generated password, when none was given.
    pub password: Option<String>,
    /// The TOTP secret (Base32).
    pub totp_secret: String,
    /// The `otpauth://` URI for an authenticator app.
    pub totp_uri: String,
}

fn new_secret() -> Result<[u8; 20], AppError> {
    let mut secret = [0u8; 20];
    getrandom::fill(&mut secret).map_err(|e| AppError::internal(&e))?;
    Ok(secret)
}

/// What creating a staff account needs: the store, the offices in the reference data, the time and the
/// password hashing. No signing key, mailer or renderer: the command line creates staff on a database
/// that has none of them.
pub struct Staffing<'a> {
    /// The database.
    pub store: &'a dyn store::Store,
    /// Reference data (the offices).
    pub catalog: &'a Catalog,
    /// Now.
    pub now: OffsetDateTime,
    /// argon2id parameters.
    pub hash: crate::auth::HashParams,
}

impl<'a> Staffing<'a> {
    /// The parts of the service's state that creating staff uses.
    pub fn of(app: &'a App) -> Staffing<'a> {
        Staffing { store: app.store.as_ref(), catalog: &app.catalog, now: app.clock.now(), hash: app.settings.hash }
    }
}

/// Creates a staff account with its second factor (no acting administrator: the command line).
pub async fn create_staff_unchecked(
    s: &Staffing<'_>,
    email: &str,
    role: &str,
    office: &str,
    password: Option<String>,
) -> Result<StaffCreated, AppError> {
    let email = domain::account::Email::parse(email).map_err(|p| AppError::invalid([field("email", p.as_str())]))?;
    let today = s.now.to_offset(crate::app::KZ_OFFSET).date();
    let role = staff_role(role)?;
    let office = office_for(s.catalog, today, role, office)?;
    let (password, generated) = if let Some(p) = password {
        (p, None)
    } else {
        let p: String = crate::auth::random_token()?.chars().take(20).collect();
        (p.clone(), Some(p))
    };
    domain::account::check_password(&password, Some(&email))
        .map_err(|p| AppError::invalid([field("password", p.as_str())]))?;
    let hash = crate::auth::hash_password(password, s.hash).await?;
    let secret = new_secret()?;
    let totp_secret = domain::totp::base32(&secret);
    let user =
        NewUser { email: email.to_string(), password_hash: hash, lang: "kk".into(), now: s.now.unix_timestamp() };
    let created = s
        .store
        .create_staff(&user, role, office.as_deref(), &totp_secret)
        .await?
        .ok_or_else(|| AppError::invalid([field("email", "taken")]))?;
    Ok(StaffCreated {
        user: created,
        password: generated,
        totp_uri: domain::totp::uri(&secret, email.as_str()),
        totp_secret,
    })
}

/// An administrator creates a staff account.
pub async fn create_staff(
    app: &App,
    admin: &User,
    email: &str,
    role: &str,
    office: &str,
) -> Result<StaffCreated, AppError> {
    acting(admin)?;
    create_staff_unchecked(&Staffing::of(app), email, role, office, None).await
}

/// An administrator changes a staff member's role and office.
pub async fn update_staff(app: &App, admin: &User, id: i64, role: &str, office: &str) -> Result<(), AppError> {
    acting(admin)?;
    let role = staff_role(role)?;
    if id == admin.id && role != ADMINISTRATOR {
        return Err(AppError::invalid([field("role", "own_role")]));
    }
    let office = office_for(&app.catalog, app.clock.today(), role, office)?;
    if app.store.update_staff(id, role, office.as_deref()).await? { Ok(()) } else { Err(AppError::not_found()) }
}

/// An administrator gives a staff member a new second factor (the old one stops working, every session
/// ends); returns the `otpauth://` URI to hand over once.
pub async fn reset_factor(app: &App, admin: &User, id: i64) -> Result<String, AppError> {
    acting(admin)?;
    let staff = app.store.user_by_id(id).await?.ok_or_else(AppError::not_found)?;
    let secret = new_secret()?;
    if !app.store.reset_factor(id, &domain::totp::base32(&secret)).await? {
        return Err(AppError::not_found());
    }
    Ok(domain::totp::uri(&secret, &staff.email))
}

/// Saves a year of the working-day calendar from an administrator's form: the date of Kurban Ait and
/// the transfers, one per line as `day-off working-day reference`. Checked like the data files; takes
/// effect at once (other instances pick it up within seconds).
pub async fn save_year(
    app: &App,
    admin: &User,
    year: i32,
    kurban_ait: &str,
    transfers: &str,
    reference: &str,
    verified: bool,
) -> Result<(), AppError> {
    acting(admin)?;
    let kurban =
        parse_iso_date(kurban_ait.trim()).ok_or_else(|| AppError::invalid([field("kurban_ait", "invalid_date")]))?;
    let mut list = Vec::new();
    for line in transfers.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, char::is_whitespace);
        let (Some(off), Some(work)) =
            (parts.next().and_then(parse_iso_date), parts.next().and_then(|w| parse_iso_date(w.trim())))
        else {
            return Err(AppError::invalid([field("transfers", "invalid_date")]));
        };
        let reference = parts.next().map(str::trim).unwrap_or_default();
        if reference.is_empty() {
            return Err(AppError::invalid([field("transfers", "reference_required")]));
        }
        list.push(Transfer { day_off: off, working_day: work, reference: reference.to_owned(), verified, note: None });
    }
    if reference.trim().is_empty() {
        return Err(AppError::invalid([field("source", "required")]));
    }
    let data = YearData {
        year,
        kurban_ait: kurban,
        transfers: list,
        origin: Origin::Project,
        source: CalendarSource { reference: reference.trim().to_owned(), links: Vec::new() },
        verified,
        note: Some(format!("edited by {} on {}", admin.email, app.clock.today())),
    };
    data.check("administrator's edit").map_err(|e| {
        tracing::info!(error = %e, "calendar edit refused");
        AppError::invalid([field("transfers", "invalid_calendar")])
    })?;
    let json = serde_json::to_string(&data).map_err(|e| AppError::internal(&e))?;
    app.store.save_calendar_year(i64::from(year), &json, admin.id, app.clock.now().unix_timestamp()).await?;
    app.reload_calendar().await?;
    Ok(())
}
