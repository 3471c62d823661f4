//! Administration: staff accounts (enrolment links, roles and offices with a second administrator's
//! approval where one person must not decide alone, disabling) and the working-day calendar's yearly
//! data. Only administrators; the command line (`atajoly staff-add`) uses the same rules.

use domain::account::Role;
use domain::calendar::{CalendarSource, Transfer, YearData};
use domain::reference::{Catalog, Kind, Origin, parse_iso_date};
use store::User;
use time::{Date, OffsetDateTime};

use crate::app::App;
use crate::error::{AppError, InvalidField};
use crate::policy::{self, StaffAction};

/// The administrator's role.
pub const ADMINISTRATOR: Role = policy::ADMINISTRATOR;

fn field(name: &str, problem: &'static str) -> InvalidField {
    InvalidField { field: name.to_owned(), problem }
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
        // The higher body's offices are named `ministry` or `ministry-…` (`Settings::appeals_office`).
        Role::Appeals if office == "ministry" || office.starts_with("ministry-") => Ok(Some(office.to_owned())),
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

/// A new staff account and its enrolment link, shown once to the administrator (and e-mailed).
#[derive(Debug, Clone)]
pub struct StaffCreated {
    /// The account (enrolment pending).
    pub user: User,
    /// The single-use enrolment link, valid [`crate::auth::ENROL_TOKEN_SECS`].
    pub link: String,
}

/// What creating a staff account needs: the store, the offices in the reference data, the time, the
/// password hashing, the messages, the secrets key (the e-mail with the link is sealed) and the public
/// address. No signing key, mailer or renderer: the command line creates staff on a database that has
/// none of them.
pub struct Staffing<'a> {
    /// The database.
    pub store: &'a dyn store::Store,
    /// Reference data (the offices).
    pub catalog: &'a Catalog,
    /// Now.
    pub now: OffsetDateTime,
    /// argon2id parameters.
    pub hash: crate::auth::HashParams,
    /// Messages (the enrolment e-mail).
    pub i18n: &'a crate::I18n,
    /// The secrets key ring.
    pub keys: &'a crate::files::FileKeys,
    /// The service's public address, for the link.
    pub public_url: &'a str,
    /// Attempts at sending the e-mail.
    pub max_attempts: i64,
}

impl<'a> Staffing<'a> {
    /// The parts of the service's state that creating staff uses.
    pub fn of(app: &'a App) -> Staffing<'a> {
        Staffing {
            store: app.store.as_ref(),
            catalog: &app.catalog,
            now: app.clock.now(),
            hash: app.settings.hash,
            i18n: &app.i18n,
            keys: &app.settings.secrets_keys,
            public_url: &app.settings.public_url,
            max_attempts: app.settings.mail.max_attempts,
        }
    }

    /// A new enrolment link for `email`: the token's hash to store, the link and its e-mail job.
    fn enrolment(
        &self,
        email: &str,
        name: &str,
        lang: domain::Lang,
    ) -> Result<(store::NewToken, String, store::NewJob), AppError> {
        let token = crate::auth::random_token()?;
        let t = self.now.unix_timestamp();
        let link = format!("{}/account/enrol?token={token}", self.public_url.trim_end_matches('/'));
        let args = [("link", link.clone()), ("name", name.to_owned())];
        let m = crate::mail::Email {
            to: email.to_owned(),
            subject: self.i18n.message(lang, "mail-enrol-subject", &args),
            body: self.i18n.message(lang, "mail-enrol-body", &args),
        };
        let job = crate::jobs::sealed_email_job_with(self.keys, &m, t, self.max_attempts)?;
        let new_token = store::NewToken {
            token_hash: crate::auth::digest(&token),
            purpose: store::TokenPurpose::Enrol,
            created_at: t,
            expires_at: t + crate::auth::ENROL_TOKEN_SECS,
        };
        Ok((new_token, link, job))
    }

    /// A hash of a random password nobody is told: an account waiting for enrolment has no password.
    async fn no_password(&self) -> Result<String, AppError> {
        crate::auth::hash_password(crate::auth::random_token()?, self.hash).await
    }
}

/// Whether a change from `from` to `to` waits for a second administrator: any change of an
/// administrator's role (their own included) and every grant of the supervisor or administrator role.
pub fn needs_second_admin(from: Role, to: Role) -> bool {
    from != to && (from == ADMINISTRATOR || matches!(to, Role::Supervisor | Role::Administrator))
}

fn staff_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid([field("name", "required")]));
    }
    if name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(AppError::invalid([field("name", "invalid")]));
    }
    Ok(name.to_owned())
}

/// Creates a staff account waiting for its enrolment and e-mails the link (no acting administrator:
/// the command line, which bootstraps the first administrator). Nobody but the person who opens the
/// link sets the password and second factor.
pub async fn create_staff_unchecked(
    s: &Staffing<'_>,
    email: &str,
    name: &str,
    role: &str,
    office: &str,
) -> Result<StaffCreated, AppError> {
    let parsed = domain::account::Email::parse(email);
    let mut errors = Vec::new();
    if let Err(p) = &parsed {
        errors.push(field("email", p.as_str()));
    }
    let name = staff_name(name).map_err(|e| errors.extend(e.fields));
    let today = s.now.to_offset(crate::clock::KZ_OFFSET).date();
    let role_office = staff_role(role).and_then(|r| Ok((r, office_for(s.catalog, today, r, office)?)));
    let role_office = role_office.map_err(|e| errors.extend(e.fields));
    let (Ok(email), Ok(name), Ok((role, office))) = (parsed, name, role_office) else {
        return Err(AppError::invalid(errors));
    };
    let lang = domain::Lang::Kk;
    let (token, link, job) = s.enrolment(email.as_str(), &name, lang)?;
    let staff = store::NewStaff {
        email: email.to_string(),
        name,
        lang: lang.code().to_owned(),
        role,
        office,
        password_hash: s.no_password().await?,
        now: s.now.unix_timestamp(),
    };
    let user = s
        .store
        .create_enrolling_staff(&staff, &token, &job)
        .await?
        .ok_or_else(|| AppError::invalid([field("email", "taken")]))?;
    Ok(StaffCreated { user, link })
}

/// An administrator creates a staff account; its enrolment link is e-mailed and shown to them once. The
/// supervisor and administrator roles are never given at creation: a second administrator approves them
/// as a role change.
pub async fn create_staff(
    app: &App,
    admin: &User,
    email: &str,
    name: &str,
    role: &str,
    office: &str,
) -> Result<StaffCreated, AppError> {
    policy::check_staff(admin, StaffAction::Create)?;
    if staff_role(role).is_ok_and(|r| needs_second_admin(Role::Applicant, r)) {
        return Err(AppError::invalid([field("role", "needs_second_admin")]));
    }
    let created = create_staff_unchecked(&Staffing::of(app), email, name, role, office).await?;
    let note =
        Some(format!("{email}: {role}{}", if office.is_empty() { String::new() } else { format!(", {office}") }));
    crate::audit::admin_action(app, admin, "staff_create", format!("user:{}", created.user.id), note).await?;
    Ok(created)
}

/// What a role change came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleOutcome {
    /// Applied at once.
    Applied,
    /// Waits for a second administrator (the proposal's id).
    Proposed(i64),
}

/// An administrator changes a staff member's role and office. A change of an administrator's role
/// (their own too) and every grant of the supervisor role waits for a second administrator.
pub async fn update_staff(app: &App, admin: &User, id: i64, role: &str, office: &str) -> Result<RoleOutcome, AppError> {
    policy::check_staff(admin, StaffAction::ChangeRole)?;
    let role = staff_role(role)?;
    let office = office_for(&app.catalog, app.clock.today(), role, office)?;
    let staff =
        app.store.user_by_id(id).await?.filter(|u| u.role != Role::Applicant).ok_or_else(AppError::not_found)?;
    if staff.role == role && staff.office == office {
        return Ok(RoleOutcome::Applied);
    }
    if needs_second_admin(staff.role, role) {
        let change = store::NewRoleChange {
            user_id: id,
            from_role: staff.role,
            role,
            office,
            proposed_by: admin.id,
            now: app.clock.now().unix_timestamp(),
        };
        let note =
            Some(format!("{} -> {} {}", staff.role.as_str(), role.as_str(), change.office.as_deref().unwrap_or("")));
        return match app.store.propose_role_change(&change).await? {
            Some(p) => {
                crate::audit::admin_action(app, admin, "role_change_propose", format!("user:{id}"), note).await?;
                Ok(RoleOutcome::Proposed(p))
            }
            None => Err(AppError::invalid([field("role", "change_pending")])),
        };
    }
    if app.store.update_staff(id, role, office.as_deref()).await? {
        let note = Some(format!("{} -> {} {}", staff.role.as_str(), role.as_str(), office.as_deref().unwrap_or("")));
        crate::audit::admin_action(app, admin, "role_change", format!("user:{id}"), note).await?;
        Ok(RoleOutcome::Applied)
    } else {
        Err(AppError::not_found())
    }
}

/// A second administrator approves (the change applies) or rejects a proposed role change; never one
/// they proposed or one of their own role.
pub async fn decide_role_change(
    app: &App,
    admin: &User,
    id: i64,
    approve: bool,
) -> Result<store::RoleChange, AppError> {
    policy::check_staff(admin, StaffAction::DecideRoleChange)?;
    match app.store.decide_role_change(id, admin.id, approve, app.clock.now().unix_timestamp()).await? {
        store::RoleDecision::Decided(c) => {
            let action = if approve { "role_change_approve" } else { "role_change_reject" };
            crate::audit::admin_action(
                app,
                admin,
                action,
                format!("user:{}", c.user_id),
                Some(format!("proposal {id}")),
            )
            .await?;
            Ok(c)
        }
        store::RoleDecision::NotFound => Err(AppError::not_found()),
        store::RoleDecision::OwnChange => Err(AppError::invalid([field("decision", "own_change")])),
        store::RoleDecision::Stale => Err(AppError::invalid([field("decision", "stale")])),
    }
}

/// An administrator starts a staff member's enrolment again (a lost phone, a forgotten password): the
/// old password and second factor stop working, every session ends, a new link is e-mailed and returned
/// to be shown once. The administrator never sees a password or a second factor.
pub async fn reset_factor(app: &App, admin: &User, id: i64) -> Result<String, AppError> {
    policy::check_staff(admin, StaffAction::ResetFactor)?;
    let staff =
        app.store.user_by_id(id).await?.filter(|u| u.role != Role::Applicant).ok_or_else(AppError::not_found)?;
    if staff.disabled_at.is_some() {
        return Err(AppError::invalid([field("reset_factor", "disabled")]));
    }
    let s = Staffing::of(app);
    let lang = domain::Lang::parse(&staff.lang).unwrap_or_default();
    let (token, link, job) = s.enrolment(&staff.email, staff.name.as_deref().unwrap_or(&staff.email), lang)?;
    if !app.store.restart_enrolment(id, &s.no_password().await?, &token, &job).await? {
        return Err(AppError::not_found());
    }
    crate::audit::admin_action(app, admin, "factor_reset", format!("user:{id}"), None).await?;
    Ok(link)
}

fn reason(text: &str) -> Result<&str, AppError> {
    let r = text.trim();
    if r.is_empty() {
        return Err(AppError::invalid([field("reason", "required")]));
    }
    if r.chars().count() > 1000 {
        return Err(AppError::invalid([field("reason", "too_long")]));
    }
    Ok(r)
}

/// An administrator disables (`true`) or re-enables a staff account, with a reason (required). A
/// disabled account's sessions and tokens end at once and it cannot sign in. Idempotent: disabling a
/// disabled account changes nothing. Administrators cannot disable themselves.
pub async fn set_disabled(app: &App, admin: &User, id: i64, disabled: bool, why: &str) -> Result<(), AppError> {
    policy::check_staff(admin, if disabled { StaffAction::Disable } else { StaffAction::Enable })?;
    let why = reason(why)?;
    if id == admin.id {
        return Err(AppError::invalid([field("reason", "own_account")]));
    }
    let staff =
        app.store.user_by_id(id).await?.filter(|u| u.role != Role::Applicant).ok_or_else(AppError::not_found)?;
    if staff.disabled_at.is_some() == disabled {
        return Ok(());
    }
    app.store.set_disabled(id, disabled, why, app.clock.now().unix_timestamp()).await?;
    let action = if disabled { "staff_disable" } else { "staff_enable" };
    crate::audit::admin_action(app, admin, action, format!("user:{id}"), Some(why.to_owned())).await?;
    Ok(())
}

/// Re-seals every TOTP secret and every queued sealed e-mail under the ring's current key (after
/// `atajoly secrets-key rotate` and a restart of every instance); returns how many of each moved. Once
/// no value names an old key id, that key can be deleted from the file.
pub async fn reseal_all(store: &dyn store::Store, keys: &crate::files::FileKeys) -> Result<(usize, usize), AppError> {
    let mut totps = 0;
    for (id, email, stored) in store.totp_secrets().await? {
        if let Some(new) = crate::secrets::reseal_totp(keys, &email, &stored)?
            && store.replace_totp_secret(id, &stored, &new).await?
        {
            totps += 1;
        }
    }
    let mut mails = 0;
    let current = keys.current().0;
    for (id, payload) in store.open_jobs(<crate::jobs::SendSealedEmail as crate::jobs::JobKind>::KIND).await? {
        let Some(sealed) = payload.get("sealed").and_then(|s| s.as_str()) else {
            continue;
        };
        if crate::secrets::key_id(sealed) == Some(current) {
            continue;
        }
        let Ok(clear) = crate::secrets::open(keys, crate::secrets::MAIL_PLACE, sealed) else {
            continue;
        };
        let resealed = crate::secrets::seal(keys, crate::secrets::MAIL_PLACE, &clear)?;
        store.set_job_payload(id, &serde_json::json!({ "sealed": resealed })).await?;
        mails += 1;
    }
    Ok((totps, mails))
}

/// How many stored secrets each key id seals (TOTP secrets and queued e-mails together); `None` for
/// values that are not sealed.
pub async fn secrets_by_key(store: &dyn store::Store) -> Result<Vec<(Option<u32>, usize)>, AppError> {
    let mut counts: std::collections::BTreeMap<Option<u32>, usize> = std::collections::BTreeMap::new();
    for (_, _, stored) in store.totp_secrets().await? {
        *counts.entry(crate::secrets::key_id(&stored)).or_default() += 1;
    }
    for (_, payload) in store.open_jobs(<crate::jobs::SendSealedEmail as crate::jobs::JobKind>::KIND).await? {
        if let Some(sealed) = payload.get("sealed").and_then(|s| s.as_str()) {
            *counts.entry(crate::secrets::key_id(sealed)).or_default() += 1;
        }
    }
    Ok(counts.into_iter().collect())
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
    policy::check_staff(admin, StaffAction::EditCalendar)?;
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
    crate::audit::admin_action(
        app,
        admin,
        "calendar_edit",
        format!("calendar:{year}"),
        Some(reference.trim().to_owned()),
    )
    .await?;
    app.reload_calendar().await?;
    Ok(())
}
