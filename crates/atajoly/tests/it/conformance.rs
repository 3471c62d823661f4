//! The repository conformance suite: every method of every repository, on both backends, as one story.

use domain::reference::{Catalog, Kind, ListVersion};
use store::{ImportOutcome, StoreError};
use time::macros::date;

use crate::support::{backends, fresh_store};

fn right_list(version: &str, from: &str, name_en: &str) -> ListVersion {
    let text = format!(
        r#"kind = "right"
version = "{version}"
effective_from = "{from}"
[source]
kk = "Заң"
ru = "Закон"
en = "Law"
reference = "test"
[[items]]
key = "a"
origin = "project"
name = {{ kk = "құқық", ru = "право", en = "{name_en}" }}
text = {{ kk = "мәтін", ru = "текст", en = "text" }}
aliases = {{ en = ["alias"] }}
[[items]]
key = "b"
origin = "reconstructed"
name = {{ kk = "екі", ru = "два", en = "two" }}
fragments = ["ек", "і"]
"#
    );
    ListVersion::parse("test.toml", &text).expect("valid list")
}

#[tokio::test]
async fn repository_story_on_every_backend() {
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        assert_eq!(store.backend(), backend);
        store.ping().await.expect("ping");

        // Migrations apply once, then never again.
        assert_eq!(store.migrate().await.expect("migrate"), 1, "{backend}");
        assert_eq!(store.migrate().await.expect("migrate again"), 0, "{backend}");

        // Import is idempotent and all-or-nothing.
        let v1 = right_list("v1", "2023-07-01", "right");
        assert_eq!(store.import_list(&v1, "right/v1.toml").await.expect("import"), ImportOutcome::Inserted);
        assert_eq!(store.import_list(&v1, "right/v1.toml").await.expect("re-import"), ImportOutcome::Unchanged);
        let changed = right_list("v1", "2023-07-01", "changed");
        let err = store.import_list(&changed, "right/v1.toml").await.expect_err("changed content is refused");
        assert!(matches!(err, StoreError::Conflict(_)), "{backend}: {err}");
        let v2 = right_list("v2", "2025-01-01", "right, amended");
        assert_eq!(store.import_list(&v2, "right/v2.toml").await.expect("import v2"), ImportOutcome::Inserted);

        // Versions come back oldest first with their metadata.
        let versions = store.list_versions(Kind::Right).await.expect("versions");
        assert_eq!(versions.iter().map(|v| v.version.as_str()).collect::<Vec<_>>(), ["v1", "v2"], "{backend}");
        assert_eq!(versions[0].items, 2);
        assert_eq!(versions[0].content_sha256, v1.content_hash());
        assert_eq!(versions[0].effective_from, date!(2023 - 07 - 01));
        assert_eq!(versions[0].file, "right/v1.toml");
        assert!(store.list_versions(Kind::Country).await.expect("none").is_empty());

        // A loaded list equals what was stored, item order and all.
        let loaded = store.load_list(Kind::Right, "v1").await.expect("load").expect("present");
        assert_eq!(loaded, v1, "{backend}");
        assert!(store.load_list(Kind::Right, "v9").await.expect("load").is_none());

        // Everything loads, and the version in force follows the date asked.
        let all = store.load_all_lists().await.expect("all");
        assert_eq!(all.len(), 2);
        let catalog = Catalog::new(all);
        assert_eq!(catalog.in_force(Kind::Right, date!(2024 - 12 - 31)).expect("v1").version, "v1");
        assert_eq!(catalog.in_force(Kind::Right, date!(2025 - 01 - 01)).expect("v2").version, "v2");

        // The real data files load on top, and a second load changes nothing.
        let first = atajoly::migrate(store.as_ref()).await.expect("data");
        assert!(first.inserted >= 11, "{backend}: {first:?}");
        let second = atajoly::migrate(store.as_ref()).await.expect("data again");
        assert_eq!((second.schema, second.inserted, second.unchanged), (0, 0, first.inserted));
        cleanup.run().await;
    }
}

#[tokio::test]
async fn concurrent_migrations_do_not_collide() {
    for backend in backends() {
        let (store, cleanup) = fresh_store(backend).await;
        let (a, b) = tokio::join!(atajoly::migrate(store.as_ref()), atajoly::migrate(store.as_ref()));
        let (a, b) = (a.expect("first"), b.expect("second"));
        assert_eq!(a.schema + b.schema, 1, "{backend}");
        let files = atajoly::reference_lists().expect("files").len();
        assert_eq!(a.inserted + b.inserted, files, "{backend}: each list stored exactly once");
        assert_eq!(a.unchanged + b.unchanged, files, "{backend}");
        assert_eq!(store.load_all_lists().await.expect("all").len(), files, "{backend}");
        cleanup.run().await;
    }
}
