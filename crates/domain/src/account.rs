//! Account values parsed once at the edge: an e-mail address and a password that meets the policy.

/// Why an account field was refused; `as_str` is the stable code used by the API and message ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountProblem {
    /// Nothing was given.
    Required,
    /// Not an e-mail address.
    InvalidEmail,
    /// Shorter than [`PASSWORD_MIN`] characters.
    TooShort,
    /// Longer than [`PASSWORD_MAX`] characters.
    TooLong,
    /// The same as the e-mail address, or one of the most common passwords.
    TooCommon,
    /// The confirmation differs from the password.
    Mismatch,
}

impl AccountProblem {
    /// A stable code for APIs and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountProblem::Required => "required",
            AccountProblem::InvalidEmail => "invalid_email",
            AccountProblem::TooShort => "too_short",
            AccountProblem::TooLong => "too_long",
            AccountProblem::TooCommon => "too_common",
            AccountProblem::Mismatch => "mismatch",
        }
    }
}

/// The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for 10).
pub const PASSWORD_MIN: usize = 10;
/// The longest password accepted (long enough for pass phrases, short enough to bound hashing).
pub const PASSWORD_MAX: usize = 128;

/// An e-mail address: trimmed, lower-cased, `local@domain.tld`, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses what a person typed.
    pub fn parse(raw: &str) -> Result<Email, AccountProblem> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(AccountProblem::Required);
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(AccountProblem::InvalidEmail);
        };
        let labels_ok = domain.split('.').count() >= 2
            && domain.split('.').all(|l| {
                !l.is_empty()
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | ',' | ';'));
        if s.chars().count() > 254 || !labels_ok || !local_ok {
            return Err(AccountProblem::InvalidEmail);
        }
        Ok(Email(s))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Passwords refused whatever their length: the commonest ones of public breach lists that are 10
/// characters or longer.
const COMMON: &[&str] = &[
    "1234567890",
    "0123456789",
    "1111111111",
    "0000000000",
    "qwertyuiop",
    "1q2w3e4r5t",
    "password123",
    "password1234",
    "qwerty12345",
    "qwerty123456",
    "123456789a",
    "iloveyou123",
    "abcdefghij",
    "1234567890a",
    "12345678910",
    "йцукенгшщз",
    "qazwsxedcrfv",
];

/// Checks a new password against the policy: length in characters, not the address, not a common one.
pub fn check_password(password: &str, email: Option<&Email>) -> Result<(), AccountProblem> {
    let n = password.chars().count();
    if n == 0 {
        return Err(AccountProblem::Required);
    }
    if n < PASSWORD_MIN {
        return Err(AccountProblem::TooShort);
    }
    if n > PASSWORD_MAX {
        return Err(AccountProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let same_as_email = email.is_some_and(|e| lower == e.as_str() || e.as_str().split('@').next() == Some(&lower));
    if same_as_email || COMMON.contains(&lower.as_str()) || lower.chars().all(|c| lower.starts_with(c)) {
        return Err(AccountProblem::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{AccountProblem, Email, check_password};

    #[test]
    fn addresses() {
        assert_eq!(Email::parse("  Aigerim@Mail.KZ ").map(|e| e.to_string()), Ok("aigerim@mail.kz".into()));
        assert_eq!(Email::parse("айгерім@пошта.қаз").map(|e| e.to_string()), Ok("айгерім@пошта.қаз".into()));
        assert_eq!(Email::parse(""), Err(AccountProblem::Required));
        for bad in ["aigerim", "a@b", "@mail.kz", "a b@mail.kz", "a@-x.kz", "a@mail..kz", "a@mail.kz>"] {
            assert_eq!(Email::parse(bad), Err(AccountProblem::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn passwords() {
        let email = Email::parse("nurlan.bekov@example.com").ok();
        assert_eq!(check_password("", email.as_ref()), Err(AccountProblem::Required));
        assert_eq!(check_password("short", email.as_ref()), Err(AccountProblem::TooShort));
        assert_eq!(check_password(&"x1".repeat(65), email.as_ref()), Err(AccountProblem::TooLong));
        assert_eq!(check_password("1234567890", email.as_ref()), Err(AccountProblem::TooCommon));
        assert_eq!(check_password("aaaaaaaaaaaa", email.as_ref()), Err(AccountProblem::TooCommon));
        assert_eq!(check_password("Nurlan.Bekov", email.as_ref()), Err(AccountProblem::TooCommon));
        // Length counts characters, not bytes: ten Kazakh letters are enough.
        assert_eq!(check_password("ата жолы қ", email.as_ref()), Ok(()));
        assert_eq!(check_password("жылқы-сүт-2026", email.as_ref()), Ok(()));
    }
}

/// What a person is to the service: an applicant, or staff of a kind. Stored as its name; parsed once
/// when read, so that code compares roles, never strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A person who applies for the card (accounts made by sign-up).
    Applicant,
    /// Staff of an embassy, a regional employment department or the Otandastar Foundation who file
    /// applications for people.
    Intermediary,
    /// Decides cases of a regional department.
    Officer,
    /// Countersigns refusals and revocations, reassigns, watches deadlines.
    Supervisor,
    /// Answers background checks for the police.
    CheckerPolice,
    /// Answers background checks for the National Security Committee.
    CheckerKnb,
    /// Reads the audit trail and statistics.
    Auditor,
    /// Manages staff and the working-day calendar.
    Administrator,
    /// Decides complaints forwarded to the higher body (the ministry's appeals office).
    Appeals,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 9] = [
        Role::Applicant,
        Role::Intermediary,
        Role::Officer,
        Role::Supervisor,
        Role::CheckerPolice,
        Role::CheckerKnb,
        Role::Auditor,
        Role::Administrator,
        Role::Appeals,
    ];

    /// The stored name (also used in the audit trail and in message ids).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Intermediary => "intermediary",
            Role::Officer => "officer",
            Role::Supervisor => "supervisor",
            Role::CheckerPolice => "checker_police",
            Role::CheckerKnb => "checker_knb",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
            Role::Appeals => "appeals",
        }
    }

    /// The role named `name`.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod role_tests {
    use super::Role;

    #[test]
    fn every_role_parses_back_from_its_name() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).expect("json"), r.as_str());
        }
        assert_eq!(Role::parse("Officer"), None);
        assert_eq!(Role::parse("janitor"), None);
    }
}
