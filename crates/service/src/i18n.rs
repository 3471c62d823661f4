//! Fluent messages in kk, ru and en, embedded in the binary.

use std::collections::HashMap;
use std::sync::Arc;

use domain::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// Each language is its main file followed by one file per area (`locales/{area}/{lang}.ftl`).
macro_rules! sources {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../locales/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/log/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/staff/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/desk/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/files/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/trust/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/journey/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/appeals/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/letters/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../locales/filed/", $lang, ".ftl")),
        )
    };
}

/// The Fluent sources, per language.
pub(crate) const SOURCES: [(Lang, &str); 3] =
    [(Lang::Kk, sources!("kk")), (Lang::Ru, sources!("ru")), (Lang::En, sources!("en"))];

/// Message bundles for every language.
#[derive(Clone)]
pub struct I18n {
    bundles: Arc<HashMap<Lang, FluentBundle<FluentResource>>>,
}

impl I18n {
    /// Loads the embedded messages; a syntax error in a message file is a build defect and is logged.
    pub fn load() -> I18n {
        let mut bundles = HashMap::new();
        for (lang, src) in SOURCES {
            let res = FluentResource::try_new(src.to_owned()).unwrap_or_else(|(res, errors)| {
                tracing::error!(lang = lang.code(), ?errors, "message file has errors");
                res
            });
            let langid = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(res) {
                tracing::error!(lang = lang.code(), ?errors, "duplicate messages");
            }
            bundles.insert(lang, bundle);
        }
        I18n { bundles: Arc::new(bundles) }
    }

    /// The message `id` in `lang` with arguments; the id itself when missing (a test forbids that).
    pub fn message(&self, lang: Lang, id: &str, args: &[(&str, String)]) -> String {
        let Some(bundle) = self.bundles.get(&lang) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(lang = lang.code(), id, "missing message");
            return id.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            // Numbers go in as numbers, so that plural categories (Russian one/few/many) select.
            match v.parse::<f64>() {
                Ok(n) if !v.contains('-') => fargs.set(*k, FluentValue::from(n)),
                _ => fargs.set(*k, FluentValue::from(v.clone())),
            }
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&fargs), &mut errors).into_owned()
    }

    /// Shorthand for a message without arguments.
    pub fn t(&self, lang: Lang, id: &str) -> String {
        self.message(lang, id, &[])
    }

    /// A date in words, as people of the language write it.
    pub fn day(&self, lang: Lang, d: time::Date) -> String {
        let month = self.t(lang, &format!("desk-month-{}", u8::from(d.month())));
        self.message(
            lang,
            "desk-date",
            &[("day", d.day().to_string()), ("month", month), ("year", d.year().to_string())],
        )
    }

    /// A date given as ISO text, in words (the text itself when it is no date).
    pub fn iso_day(&self, lang: Lang, iso: &str) -> String {
        domain::reference::parse_iso_date(iso).map_or_else(|| iso.to_owned(), |d| self.day(lang, d))
    }

    /// A moment (Unix seconds) in Astana time, with the zone named.
    pub fn moment(&self, lang: Lang, ts: i64) -> String {
        let Ok(t) = time::OffsetDateTime::from_unix_timestamp(ts) else { return String::new() };
        let t = t.to_offset(crate::clock::KZ_OFFSET);
        let time = format!("{:02}:{:02}", t.hour(), t.minute());
        self.message(lang, "desk-moment", &[("date", self.day(lang, t.date())), ("time", time)])
    }

    /// The message for a field's problem: `err-{field}-{problem}` when there is one, else the generic
    /// `app-problem-{problem}` with the field's label, else `{field}: {problem}`.
    pub fn field_problem(&self, lang: Lang, field: &str, problem: &str) -> String {
        self.field_problem_with(lang, field, problem, &[])
    }

    /// When to try again, in words ("in 15 minutes"): whole minutes from a minute up, else seconds.
    pub fn retry_when(&self, lang: Lang, secs: u64) -> String {
        let (unit, n) = if secs >= 60 { ("m", secs.div_ceil(60)) } else { ("s", secs) };
        self.message(lang, "retry-when", &[("unit", unit.to_owned()), ("n", n.to_string())])
    }

    /// The message of `f`, a problem of `err`; a 429's says when to try again (its `$when`).
    pub fn problem_of(&self, lang: Lang, err: &crate::AppError, f: &crate::InvalidField) -> String {
        let mut args: Vec<(&str, String)> = err.args.clone();
        args.extend(err.retry_after.map(|s| ("when", self.retry_when(lang, s))));
        self.field_problem_with(lang, &f.field, f.problem, &args)
    }

    /// For an error that says when to try again: "Try again in 15 minutes."
    pub fn retry_detail(&self, lang: Lang, err: &crate::AppError) -> Option<String> {
        err.retry_after.map(|s| self.message(lang, "error-retry", &[("when", self.retry_when(lang, s))]))
    }

    fn field_problem_with(&self, lang: Lang, field: &str, problem: &str, args: &[(&str, String)]) -> String {
        let (f, p) = (field.replace('_', "-"), problem.replace('_', "-"));
        let specific = format!("err-{f}-{p}");
        if self.has(lang, &specific) {
            return self.message(lang, &specific, args);
        }
        let label = [format!("app-field-{f}"), format!("account-field-{f}"), format!("app-step-{f}-title")]
            .into_iter()
            .find(|id| self.has(lang, id))
            .map_or_else(|| field.to_owned(), |id| self.t(lang, &id));
        let generic = format!("app-problem-{p}");
        if self.has(lang, &generic) {
            return self.message(lang, &generic, &[("label", label)]);
        }
        self.message(lang, "error-field", &[("field", label), ("problem", self.t(lang, &format!("problem-{p}")))])
    }

    /// Whether `lang` defines `id`.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles.get(&lang).is_some_and(|b| b.has_message(id))
    }
}
