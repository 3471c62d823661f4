//! Both backends end their migrations with the same schema: the same tables, columns (name and whether
//! they may be null; type names differ by design), primary keys, indexes (columns, uniqueness, partial
//! or not) and foreign keys (with their `ON DELETE`). A migration written for one backend and forgotten,
//! or written differently, for the other fails here.

use std::collections::BTreeSet;

use sqlx::Row as _;

use crate::support::{Cleanup, fresh_store, pg_url};

/// One backend's schema, as comparable lines.
#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    tables: BTreeSet<String>,
    columns: BTreeSet<String>,
    primary_keys: BTreeSet<String>,
    indexes: BTreeSet<String>,
    foreign_keys: BTreeSet<String>,
}

async fn sqlite_schema(path: &std::path::Path) -> Schema {
    let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("sqlite");
    let mut s = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut c)
    .await
    .expect("tables");
    for t in &tables {
        s.tables.insert(t.clone());
        let mut pk: Vec<(i64, String)> = Vec::new();
        for r in sqlx::query("SELECT name, \"notnull\", pk FROM pragma_table_info($1)")
            .bind(t)
            .fetch_all(&mut c)
            .await
            .expect("columns")
        {
            let (name, notnull, pos): (String, i64, i64) = (r.get(0), r.get(1), r.get(2));
            // A primary-key column is never null, whether or not it says NOT NULL.
            s.columns.insert(format!("{t}.{name} {}", if notnull == 1 || pos > 0 { "not null" } else { "null" }));
            if pos > 0 {
                pk.push((pos, name));
            }
        }
        pk.sort();
        s.primary_keys.insert(format!("{t} ({})", pk.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join(", ")));
        for r in sqlx::query("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
            .bind(t)
            .fetch_all(&mut c)
            .await
            .expect("indexes")
        {
            let (name, unique, origin, partial): (String, i64, String, i64) = (r.get(0), r.get(1), r.get(2), r.get(3));
            if origin == "pk" {
                continue;
            }
            let cols: Vec<Option<String>> = sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&name)
                .fetch_all(&mut c)
                .await
                .expect("index columns");
            let cols: Vec<String> = cols.into_iter().map(|c| c.unwrap_or_else(|| "(expression)".into())).collect();
            s.indexes.insert(index_line(t, &cols, unique == 1, partial == 1));
        }
        for r in sqlx::query("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($1)")
            .bind(t)
            .fetch_all(&mut c)
            .await
            .expect("foreign keys")
        {
            let (to_table, from, to, on_delete): (String, String, Option<String>, String) =
                (r.get(0), r.get(1), r.get(2), r.get(3));
            let to = to.unwrap_or_else(|| "id".into());
            s.foreign_keys.insert(format!("{t}.{from} -> {to_table}.{to} on delete {}", on_delete.to_lowercase()));
        }
    }
    s
}

fn index_line(table: &str, cols: &[String], unique: bool, partial: bool) -> String {
    format!(
        "{table} ({}){}{}",
        cols.join(", "),
        if unique { " unique" } else { "" },
        if partial { " partial" } else { "" }
    )
}

async fn postgres_schema(schema: &str) -> Schema {
    let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(&pg_url()).await.expect("postgres");
    let mut s = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
    )
    .bind(schema)
    .fetch_all(&mut c)
    .await
    .expect("tables");
    s.tables.extend(tables);
    for r in sqlx::query(
        "SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns \
         WHERE table_schema = $1",
    )
    .bind(schema)
    .fetch_all(&mut c)
    .await
    .expect("columns")
    {
        let (t, name, nullable): (String, String, String) = (r.get(0), r.get(1), r.get(2));
        s.columns.insert(format!("{t}.{name} {}", if nullable == "YES" { "null" } else { "not null" }));
    }
    // Every index with its columns in order (an expression is 0 in indkey), unique, partial, primary.
    for r in sqlx::query(
        "SELECT t.relname::text, i.indisunique, i.indpred IS NOT NULL, i.indisprimary, \
                ARRAY(SELECT COALESCE(a.attname::text, '(expression)') \
                      FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord) \
                      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num \
                      ORDER BY k.ord) \
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = $1",
    )
    .bind(schema)
    .fetch_all(&mut c)
    .await
    .expect("indexes")
    {
        let (t, unique, partial, primary, cols): (String, bool, bool, bool, Vec<String>) =
            (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
        if primary {
            s.primary_keys.insert(format!("{t} ({})", cols.join(", ")));
        } else {
            s.indexes.insert(index_line(&t, &cols, unique, partial));
        }
    }
    // Tables without a primary key still get a line, as SQLite's side gives one.
    let with_pk: BTreeSet<String> =
        s.primary_keys.iter().filter_map(|l| l.split(' ').next().map(str::to_owned)).collect();
    for t in s.tables.clone() {
        if !with_pk.contains(&t) {
            s.primary_keys.insert(format!("{t} ()"));
        }
    }
    for r in sqlx::query(
        "SELECT t.relname::text, a.attname::text, f.relname::text, fa.attname::text, c.confdeltype::text \
         FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
         JOIN pg_class f ON f.oid = c.confrelid \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
         JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1] \
         WHERE c.contype = 'f' AND n.nspname = $1",
    )
    .bind(schema)
    .fetch_all(&mut c)
    .await
    .expect("foreign keys")
    {
        let (t, from, to_table, to, del): (String, String, String, String, String) =
            (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
        let on_delete = match del.as_str() {
            "c" => "cascade",
            "n" => "set null",
            "d" => "set default",
            "r" => "restrict",
            _ => "no action",
        };
        s.foreign_keys.insert(format!("{t}.{from} -> {to_table}.{to} on delete {on_delete}"));
    }
    s
}

fn differences(what: &str, sqlite: &BTreeSet<String>, postgres: &BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = sqlite.difference(postgres).map(|l| format!("{what} only on SQLite: {l}")).collect();
    out.extend(postgres.difference(sqlite).map(|l| format!("{what} only on PostgreSQL: {l}")));
    out
}

#[tokio::test]
async fn both_backends_end_with_the_same_schema() {
    let (lite, lite_cleanup) = fresh_store("sqlite").await;
    let (pg, pg_cleanup) = fresh_store("postgres").await;
    atajoly::migrate(lite.as_ref()).await.expect("sqlite migrates");
    atajoly::migrate(pg.as_ref()).await.expect("postgres migrates");
    let (Cleanup::File(path), Cleanup::Schema(name)) = (&lite_cleanup, &pg_cleanup) else {
        panic!("a file for SQLite and a schema for PostgreSQL");
    };
    let (a, b) = (sqlite_schema(path).await, postgres_schema(name).await);
    assert!(a.tables.len() > 20, "the whole schema was read: {:?}", a.tables);
    let mut diff = differences("table", &a.tables, &b.tables);
    diff.extend(differences("column", &a.columns, &b.columns));
    diff.extend(differences("primary key", &a.primary_keys, &b.primary_keys));
    diff.extend(differences("index", &a.indexes, &b.indexes));
    diff.extend(differences("foreign key", &a.foreign_keys, &b.foreign_keys));
    lite_cleanup.run().await;
    pg_cleanup.run().await;
    assert!(diff.is_empty(), "the backends' schemas differ:\n{}", diff.join("\n"));
}
