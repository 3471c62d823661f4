//! The OpenAPI document cannot drift from the API: every response the suite receives from
//! `/api/v1` or `/.well-known/atajoly` is checked against the operation it answers (the status is
//! documented, the media type is documented, a JSON body fits the schema). The check is stricter than
//! JSON Schema in one way: an object schema that lists `properties` and says nothing about
//! `additionalProperties` is closed, so a field the server adds without documenting it fails.
//! Keywords this checker does not understand fail too, so nothing passes unchecked.

use std::sync::LazyLock;

use serde_json::Value;

/// The document the server publishes.
pub static DOC: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(include_str!("../../../web/openapi.json")).expect("openapi.json is JSON"));

/// Keywords that only describe.
const ANNOTATIONS: [&str; 6] = ["description", "title", "examples", "default", "deprecated", "$comment"];

/// The operation's path template in the document for a request path, if any (literal segments win
/// over parameters).
fn template(path: &str) -> Option<String> {
    let (rel, prefixed) = match path.strip_prefix("/api/v1") {
        Some(rel) => (rel, true),
        None if path.starts_with("/.well-known/atajoly/") => (path, false),
        None => return None,
    };
    let segs: Vec<&str> = rel.split('/').collect();
    let mut best: Option<(usize, String)> = None;
    for key in DOC["paths"].as_object().expect("paths").keys() {
        if key.starts_with("/.well-known/") == prefixed {
            continue;
        }
        let t: Vec<&str> = key.split('/').collect();
        if t.len() != segs.len() {
            continue;
        }
        let mut literal = 0;
        let fits = t.iter().zip(&segs).all(|(t, s)| {
            if t.starts_with('{') {
                !s.is_empty()
            } else {
                literal += usize::from(t == s);
                t == s
            }
        });
        if fits && best.as_ref().is_none_or(|(n, _)| literal > *n) {
            best = Some((literal, key.clone()));
        }
    }
    best.map(|(_, k)| k)
}

fn resolve(schema: &Value) -> &Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("unsupported $ref {r}"));
            let target = &DOC["components"]["schemas"][name];
            assert!(!target.is_null(), "$ref to a schema that is not there: {r}");
            resolve(target)
        }
        None => schema,
    }
}

fn type_fits(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        other => panic!("unknown type {other} in the document"),
    }
}

/// The problems of `v` against `schema`, each with its JSON pointer.
pub fn problems(schema: &Value, v: &Value, at: &str) -> Vec<String> {
    let schema = resolve(schema);
    let mut out = Vec::new();
    let Some(obj) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            out.push(format!("{at}: nothing is allowed here"));
        }
        return out;
    };
    if ["properties", "additionalProperties", "required"].iter().any(|k| obj.contains_key(*k)) {
        out.extend(object_problems(obj, v, at));
    }
    for (k, s) in obj {
        match k.as_str() {
            "type" => {
                let types: Vec<&str> = match s {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => panic!("bad type at {at}"),
                };
                if !types.iter().any(|t| type_fits(t, v)) {
                    out.push(format!("{at}: {v} is not of type {s}"));
                }
            }
            "enum" => {
                if !s.as_array().expect("enum is a list").contains(v) {
                    out.push(format!("{at}: {v} is not one of {s}"));
                }
            }
            "const" => {
                if s != v {
                    out.push(format!("{at}: {v} is not {s}"));
                }
            }
            "properties" | "additionalProperties" | "required" => {}
            "items" => {
                if let Some(items) = v.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        out.extend(problems(s, item, &format!("{at}/{i}")));
                    }
                }
            }
            "oneOf" | "anyOf" => {
                let fits = s.as_array().expect("a list").iter().filter(|s| problems(s, v, at).is_empty()).count();
                if fits == 0 || (k == "oneOf" && fits > 1) {
                    out.push(format!("{at}: {v} fits {fits} of the {k} alternatives"));
                }
            }
            "allOf" => {
                for s in s.as_array().expect("a list") {
                    out.extend(problems(s, v, at));
                }
            }
            "format" => out.extend(format_problem(s.as_str().unwrap_or_default(), v, at)),
            "maxLength" | "minLength" => {
                if let Some(text) = v.as_str() {
                    let n = text.chars().count() as u64;
                    let bound = s.as_u64().expect("a length");
                    if (k == "maxLength" && n > bound) || (k == "minLength" && n < bound) {
                        out.push(format!("{at}: {n} characters breaks {k} {bound}"));
                    }
                }
            }
            "minimum" | "maximum" => {
                if let (Some(n), Some(bound)) = (v.as_f64(), s.as_f64())
                    && ((k == "minimum" && n < bound) || (k == "maximum" && n > bound))
                {
                    out.push(format!("{at}: {n} breaks {k} {bound}"));
                }
            }
            "minItems" | "maxItems" => {
                if let Some(items) = v.as_array() {
                    let bound = usize::try_from(s.as_u64().expect("a count")).expect("fits");
                    if (k == "minItems" && items.len() < bound) || (k == "maxItems" && items.len() > bound) {
                        out.push(format!("{at}: {} items break {k} {bound}", items.len()));
                    }
                }
            }
            "pattern" => {
                // Only request fields have patterns; a response schema with one would go unchecked.
                panic!("{at}: a pattern in a response schema cannot be checked here");
            }
            other if ANNOTATIONS.contains(&other) || other == "$ref" => {}
            other => panic!("{at}: the checker does not understand the keyword {other}"),
        }
    }
    out
}

fn object_problems(obj: &serde_json::Map<String, Value>, v: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(fields) = v.as_object() else { return out };
    let props = obj.get("properties").and_then(Value::as_object);
    for name in obj.get("required").and_then(Value::as_array).into_iter().flatten() {
        let name = name.as_str().expect("a name");
        if !fields.contains_key(name) {
            out.push(format!("{at}: the required field {name} is missing"));
        }
    }
    for (name, value) in fields {
        let here = format!("{at}/{name}");
        match props.and_then(|p| p.get(name)).or_else(|| obj.get("additionalProperties")) {
            Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => out.push(format!("{here}: not in the document")),
            Some(s) => out.extend(problems(s, value, &here)),
            None if props.is_some() => out.push(format!("{here}: not in the document")),
            None => {}
        }
    }
    out
}

fn format_problem(format: &str, v: &Value, at: &str) -> Option<String> {
    let text = v.as_str()?;
    let ok = match format {
        "date" => domain::reference::parse_iso_date(text).is_some(),
        "date-time" => time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).is_ok(),
        _ => true,
    };
    (!ok).then(|| format!("{at}: {text:?} is not a {format}"))
}

/// Checks one response against the document; panics naming the operation and every problem.
pub fn check(method: &str, path: &str, status: u16, content_type: &str, body: &[u8]) {
    let Some(key) = template(path) else { return };
    let op = &DOC["paths"][key.as_str()][method.to_ascii_lowercase()];
    let name = format!("{method} {key} ({path}) answered {status}");
    if op.is_null() {
        // The router answers 405 for a method a path does not have; that is not an operation.
        assert_eq!(status, 405, "{name}: the method is not documented");
        return;
    }
    let response = &op["responses"][status.to_string()];
    assert!(!response.is_null(), "{name}: the status is not documented");
    if body.is_empty() {
        return;
    }
    let media = content_type.split(';').next().unwrap_or_default().trim();
    let Some(content) = response["content"].as_object() else {
        panic!("{name}: a {media} body where the document promises none");
    };
    let Some(entry) = content.get(media) else {
        panic!("{name}: the media type {media} is not documented (documented: {:?})", content.keys());
    };
    if media == "application/json" || media.ends_with("+json") {
        let value: Value = serde_json::from_slice(body).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        let schema = &entry["schema"];
        assert!(!schema.is_null(), "{name}: no schema for {media}");
        let found = problems(schema, &value, "");
        assert!(found.is_empty(), "{name}: the body breaks the document:\n  {}", found.join("\n  "));
    }
}

/// Every schema in the document, with where it is.
fn schemas(v: &Value, at: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(o) => {
            if o.contains_key("type") || o.contains_key("properties") || o.contains_key("enum") {
                out.push((at.to_owned(), v.clone()));
            }
            for (k, child) in o {
                schemas(child, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                schemas(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn names(v: &Value) -> Vec<String> {
    let mut n: Vec<String> =
        v.as_array().expect("an enum").iter().map(|s| s.as_str().expect("a name").to_owned()).collect();
    n.sort();
    n
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn the_document_describes_every_body_and_lists_every_value() {
    let mut all = Vec::new();
    schemas(&DOC, "", &mut all);
    // No body or field is a bare object: each lists its fields or says what its values are.
    let bare: Vec<&String> = all
        .iter()
        .filter(|(_, s)| {
            let is_object = s["type"] == "object" || s["type"].as_array().is_some_and(|t| t.contains(&"object".into()));
            is_object && s.get("properties").is_none() && s.get("additionalProperties").is_none()
        })
        .map(|(at, _)| at)
        .collect();
    assert!(bare.is_empty(), "bare objects: {bare:?}");
    // The enums the domain owns list every value it has.
    let s = &DOC["components"]["schemas"];
    let statuses: Vec<String> = domain::application::Status::ALL.iter().map(|s| s.as_str().to_owned()).collect();
    assert_eq!(names(&s["Status"]["enum"]), sorted(statuses));
    let states: Vec<String> = domain::card::CardState::ALL.iter().map(|s| s.as_str().to_owned()).collect();
    assert_eq!(names(&s["CardState"]["enum"]), sorted(states));
    let verifiers: Vec<String> = service::cards::VERIFIERS.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(names(&s["VerificationEntry"]["properties"]["verifier"]["enum"]), sorted(verifiers));
    let act = &DOC["paths"]["/cases/{id}/{action}"]["post"]["parameters"];
    let action = act.as_array().expect("parameters").iter().find(|p| p["name"] == "action").expect("action");
    let actions: Vec<String> = domain::case::CaseAction::ALL.iter().map(|a| a.as_str().to_owned()).collect();
    assert_eq!(names(&action["schema"]["enum"]), sorted(actions));
    // Every status an application can have is the one schema's, wherever a status is shown.
    for (at, schema) in &all {
        if at.ends_with("/properties/status")
            && schema.get("enum").is_some_and(|e| e.as_array().is_some_and(|e| e.len() > 2))
        {
            panic!("{at} lists statuses of its own instead of #/components/schemas/Status");
        }
    }
    // Staff sign in with their second factor's code.
    let sign_in = &DOC["paths"]["/auth/token"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(sign_in["properties"]["code"]["type"], "string");
    // The published key sets are described.
    for path in ["/.well-known/atajoly/keys.cose", "/.well-known/atajoly/jwks.json"] {
        assert!(DOC["paths"][path]["get"]["responses"]["200"]["content"].is_object(), "{path}");
    }
}

#[test]
fn the_checker_finds_what_breaks_a_schema() {
    let event = serde_json::json!({"$ref": "#/components/schemas/Event"});
    let good = serde_json::json!({
        "at": 1, "actor_id": null, "actor_role": "system", "office": null, "action": "submit",
        "from_status": "draft", "to_status": "submitted", "note": null,
    });
    assert!(problems(&event, &good, "").is_empty());
    let mut missing = good.clone();
    missing.as_object_mut().expect("object").remove("action");
    assert_eq!(problems(&event, &missing, ""), [": the required field action is missing"]);
    let mut extra = good.clone();
    extra["secret"] = "x".into();
    assert_eq!(problems(&event, &extra, ""), ["/secret: not in the document"]);
    let mut wrong = good.clone();
    wrong["at"] = "yesterday".into();
    assert_eq!(problems(&event, &wrong, "").len(), 1);
    let status = serde_json::json!({"$ref": "#/components/schemas/Status"});
    assert!(problems(&status, &"granted".into(), "").is_empty());
    assert_eq!(problems(&status, &"given".into(), "").len(), 1);
    let card = serde_json::json!({"$ref": "#/components/schemas/ShownCard"});
    let shown = serde_json::json!({"number": "AZ1", "family_name": "B.", "given_names": "N.", "citizenship": "MNG",
        "valid_until": "2031-13-01"});
    assert_eq!(problems(&card, &shown, ""), ["/valid_until: \"2031-13-01\" is not a date"]);
}
