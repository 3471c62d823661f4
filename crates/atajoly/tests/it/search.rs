//! Profession search: any language or script, small typos, the examples.

use serde_json::Value;

use crate::support::on_each_backend;

fn first(results: &Value) -> (String, String) {
    let r = &results["results"][0];
    (r["category"].as_str().unwrap_or("").to_owned(), r["key"].as_str().unwrap_or("").to_owned())
}

fn keys(results: &Value) -> Vec<(String, String)> {
    results["results"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| (r["category"].as_str().unwrap_or("").to_owned(), r["key"].as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn software_developer_is_found_first_in_every_script() {
    on_each_backend(|app| async move {
        for q in [
            "programmist",
            "бағдарламашы",
            "software developer",
            "разработчик программного обеспечения",
            "bağdarlamaşy",
            "Бағдарламалық қамтылым әзірлеушісі",
            "programist",
            "sofware developer",
            "программист",
        ] {
            let r = app.get(&format!("/api/v1/professions?q={}", enc(q))).await;
            assert_eq!(r.status, 200, "{q}");
            assert_eq!(first(&r.json()), ("1".into(), "28".into()), "{q} on {}: {:?}", app.backend, keys(&r.json()));
        }
    })
    .await;
}

#[tokio::test]
async fn neurosurgeon_finds_category_2_code_and_category_1_physician() {
    on_each_backend(|app| async move {
        for q in ["нейрохирург", "neurosurgeon", "neyrokhirurg", "neurosurgon", "Neurochirurg"] {
            let r = app.get(&format!("/api/v1/professions?q={}", enc(q))).await.json();
            let k = keys(&r);
            assert_eq!(k.first(), Some(&("2".to_owned(), "2217-4-001".to_owned())), "{q}: {k:?}");
            assert!(k.contains(&("1".to_owned(), "6".to_owned())), "{q}: {k:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn codes_and_other_professions_are_found() {
    on_each_backend(|app| async move {
        let by_code = app.get("/api/v1/professions?q=2511-3-001").await.json();
        assert_eq!(first(&by_code), ("2".into(), "2511-3-001".into()));
        let pilot = app.get(&format!("/api/v1/professions?q={}", enc("ұшқыш"))).await.json();
        assert_eq!(first(&pilot).0, "1");
        assert_eq!(pilot["results"][0]["key"], "11");
        let teacher = app.get(&format!("/api/v1/professions?q={}", enc("учитель"))).await.json();
        assert_eq!(first(&teacher), ("1".into(), "21".into()));
        let nothing = app.get("/api/v1/professions?q=zzzzqqq").await.json();
        assert!(keys(&nothing).is_empty());
    })
    .await;
}

#[tokio::test]
async fn bad_search_input_is_named() {
    on_each_backend(|app| async move {
        let r = app.get("/api/v1/professions?q=&limit=500&on=2024-13-01").await;
        assert_eq!(r.status, 422);
        assert_eq!(r.header("content-type"), "application/problem+json");
        let body = r.json();
        let fields: Vec<&str> =
            body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
        assert_eq!(fields, ["q", "limit", "on"]);
        let ru = app.get_with("/api/v1/professions?q=", &[("accept-language", "ru")]).await.json();
        let expected = app.state.i18n.t(domain::Lang::Ru, "err-q-required");
        assert_ne!(expected, app.state.i18n.t(domain::Lang::En, "err-q-required"), "Russian is translated");
        assert_eq!(ru["errors"][0]["message"], expected.as_str());
        assert_eq!(ru["errors"][0]["code"], "required");
    })
    .await;
}
