//! Page templates (minijinja, embedded) with message lookup by the page's language.

use domain::Lang;
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State};

use service::I18n;

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The template environment.
pub(crate) struct Renderer {
    env: Environment<'static>,
}

fn lang_of(state: &State) -> Lang {
    state.lookup("lang").and_then(|v| v.as_str().and_then(Lang::parse)).unwrap_or_default()
}

impl Renderer {
    /// `site_host`: the host of the service's public address, shown on every page so that people can
    /// tell the real site from a copy.
    pub fn new(i18n: &I18n, site_host: &str) -> Renderer {
        let mut env = Environment::new();
        env.add_global("site_host", site_host.to_owned());
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        // Escape the five HTML-significant characters only: minijinja's default also escapes '/', which
        // makes every URL in the page harder to read and to test.
        env.set_formatter(|out, state, value| {
            if state.auto_escape() != minijinja::AutoEscape::Html
                || value.is_safe()
                || value.is_undefined()
                || value.is_none()
            {
                return minijinja::escape_formatter(out, state, value);
            }
            let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
            let mut escaped = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped)
                .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
        });
        for (name, src) in TEMPLATES {
            if let Err(e) = env.add_template(name, src) {
                tracing::error!(template = name, error = %e, "template does not parse");
            }
        }
        let msgs = i18n.clone();
        // t("id", name=value, ...): a message in the page's language.
        env.add_function("t", move |state: &State, id: String, kwargs: Kwargs| -> Result<String, minijinja::Error> {
            let args: Vec<(String, String)> = kwargs
                .args()
                .map(|k| Ok((k.to_owned(), kwargs.get::<Value>(k)?.to_string())))
                .collect::<Result<_, minijinja::Error>>()?;
            let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            Ok(msgs.message(lang_of(state), &id, &args))
        });
        // {{ text | tr }}: the page's language of a {kk, ru, en} object.
        env.add_filter("tr", |state: &State, v: Value| -> Result<String, minijinja::Error> {
            let lang = lang_of(state);
            let pick = v.get_attr(lang.code())?;
            let s = pick.as_str().filter(|s| !s.is_empty()).map(str::to_owned);
            Ok(s.unwrap_or_else(|| {
                v.get_attr("kk").ok().and_then(|k| k.as_str().map(str::to_owned)).unwrap_or_default()
            }))
        });
        Renderer { env }
    }

    /// Renders `name` with `ctx` (a JSON object) in `lang`; `path` is the page's own URL for the
    /// language switcher.
    pub fn render(
        &self,
        name: &str,
        lang: Lang,
        path: &str,
        ctx: &serde_json::Value,
    ) -> Result<String, minijinja::Error> {
        let tmpl = self.env.get_template(name)?;
        let switch: Vec<serde_json::Value> = Lang::ALL
            .iter()
            .map(|l| serde_json::json!({ "code": l.code(), "name": l.native_name(), "href": with_lang(path, *l), "current": *l == lang }))
            .collect();
        let globals = minijinja::context! { lang => lang.code(), languages => switch, path => path };
        tmpl.render(minijinja::context! { ..globals, ..Value::from_serialize(ctx) })
    }
}

/// `path` with its `lang` query parameter set to `lang`.
pub(crate) fn with_lang(path: &str, lang: Lang) -> String {
    let (p, q) = path.split_once('?').unwrap_or((path, ""));
    let mut parts: Vec<&str> = q.split('&').filter(|kv| !kv.is_empty() && !kv.starts_with("lang=")).collect();
    let l = format!("lang={}", lang.code());
    parts.push(&l);
    format!("{p}?{}", parts.join("&"))
}
