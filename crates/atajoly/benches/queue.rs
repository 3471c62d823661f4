//! Benchmark: the office queue's first page on PostgreSQL with 1,000,000 applications of realistic
//! spread, with no filter and with each single filter, run side by side with two others on the same
//! database, each run in turn:
//! - baseline: the bare page, `SELECT * ... WHERE <filter> ORDER BY <queue order> LIMIT 25`, no count;
//! - ours: `store.queue` (the page and its count bounded at 1,001 rows, decision 0038);
//! - exact: the page and `SELECT COUNT(*)` of every matching row (what the queue did before).
//!
//! Reported: p50/p99 of each, ours/baseline and exact/baseline at p99, ours' p99 against the target of
//! 10 ms; then the plans of the page and of the bounded count. The generator is SQL
//! (`generate_series`) run in a schema of its own, dropped at the end.
//!
//! `cargo bench -p atajoly --bench queue` (PostgreSQL from `ATAJOLY_BENCH_PG`, default the local one;
//! `ROWS`, default 1000000; `RUNS` per filter, default 200).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    missing_docs,
    reason = "a benchmark fails loudly, on sizes it chose"
)]

use std::fmt::Write as _;
use std::time::Instant;

use store::{CaseRepo, QUEUE_COUNT_BOUND, QueueFilter, Store};

/// The same allocator as the `atajoly` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Applications spread like the real flows: a third from China, a fifth from Mongolia and Uzbekistan
/// each; Almaty and Astana take the most; most cases decided; open ones due within a month either way.
const GENERATOR: &str = "
INSERT INTO users (email, password_hash, lang, role, created_at, updated_at) VALUES ('gen@example.com', 'x', 'kk', 'applicant', 0, 0);
INSERT INTO applications (reference, status, owner_id, applicant_email, created_by, channel, office, notify_office, lang,
  answers, reopened, passport_number, birth_date, category, country, assigned_office, due_on, version, created_at,
  updated_at, submitted_at, last_officer_id)
SELECT 'AZ-2026-' || lpad(g::text, 7, '0') || '-0',
  s.status, 1, 'a' || g || '@example.com', 1,
  (ARRAY['web','app','app','app','embassy','embassy','department','foundation'])[1 + g % 8], NULL, 0, 'kk',
  '{\"surname_latin\":\"SURNAME' || g || '\",\"given_names_latin\":\"NAME\"}', '[]', 'P' || g,
  '1990-01-01', (ARRAY['1','2','2','3'])[1 + (g / 7) % 4],
  (ARRAY['CN','CN','CN','CN','CN','CN','CN','MN','MN','MN','MN','UZ','UZ','UZ','UZ','RU','RU','TR','DE','US'])[1 + (g / 3) % 20],
  'department-' || (ARRAY['KZ-75','KZ-75','KZ-75','KZ-71','KZ-71','KZ-79','KZ-19','KZ-63','KZ-55','KZ-47','KZ-35','KZ-31',
    'KZ-15','KZ-10','KZ-11','KZ-23','KZ-27','KZ-33','KZ-39','KZ-43','KZ-59','KZ-61','KZ-62'])[1 + (g / 11) % 23],
  CASE WHEN s.status IN ('granted', 'refused', 'corrections_requested', 'awaiting_iin') THEN NULL
       ELSE to_char(DATE '2026-11-24' + ((g::bigint * 7919) % 61 - 30)::int, 'YYYY-MM-DD') END,
  1, 1790000000 + g, 1790000000 + g, 1790000000 + g, 1 + g % 40
FROM generate_series(1, $ROWS) g
CROSS JOIN LATERAL (SELECT (ARRAY['granted','granted','granted','granted','granted','granted','granted','refused',
  'submitted','checks_pending','checks_pending','awaiting_iin','iin_recorded','refusal_pending','corrections_requested',
  'granted','granted','granted','granted','submitted'])[1 + (g * 13) % 20] AS status) s;
VACUUM ANALYZE applications;
";

/// The queue's conditions written out (the store binds them; these are the benchmark's own values).
fn conditions(f: &QueueFilter) -> String {
    let mut sql = format!("assigned_office = '{}'", f.office);
    for (col, v, op) in [
        ("status", &f.status, "="),
        ("category", &f.category, "="),
        ("country", &f.country, "="),
        ("channel", &f.channel, "="),
        ("due_on", &f.due_by, "<="),
    ] {
        if let Some(v) = v {
            let _ = write!(sql, " AND {col} {op} '{v}'");
        }
    }
    if let Some(officer) = f.last_actor {
        let _ = write!(sql, " AND last_officer_id = {officer}");
    }
    sql
}

/// The queue's order for the filter, as the store writes it.
fn order(f: &QueueFilter) -> &'static str {
    match f.sort.as_str() {
        "oldest" => "submitted_at ASC, id",
        "newest" => "submitted_at DESC, id DESC",
        "reference" => "reference, id",
        _ => "due_on ASC NULLS LAST, submitted_at, id",
    }
}

/// Sorts the times and gives their median and 99th percentile.
fn quantiles(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((q * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
    (pick(0.5), pick(0.99))
}

/// Prints the plans of each case's page and bounded count, with the conditions the store builds.
async fn plans(conn: &mut sqlx::PgConnection, cases: &[(&str, QueueFilter)]) {
    // The plans, with the same conditions the store builds.
    for (name, f) in cases {
        for (what, sql) in [
            ("page", format!("SELECT id FROM applications WHERE {} ORDER BY {} LIMIT 25", conditions(f), order(f))),
            (
                "bounded count",
                format!("SELECT COUNT(*) FROM (SELECT 1 FROM applications WHERE {} LIMIT 1001) AS b", conditions(f)),
            ),
        ] {
            let plan: Vec<String> = sqlx::query_scalar(&format!("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}"))
                .fetch_all(&mut *conn)
                .await
                .expect("explain");
            println!("\n-- plan, {name}, {what}:\n{}", plan.join("\n"));
        }
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let url = std::env::var("ATAJOLY_BENCH_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let rows = env_usize("ROWS", 1_000_000);
    let runs = env_usize("RUNS", 200);
    let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let store = store::PgStore::connect(&url, Some(&schema)).await.expect("PostgreSQL");
        store.migrate().await.expect("migrate");
        let start = Instant::now();
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await.expect("connect");
        sqlx::query(&format!("SET search_path = {schema}")).execute(&mut conn).await.expect("path");
        for statement in
            GENERATOR.replace("$ROWS", &rows.to_string()).split(";\n").map(str::trim).filter(|s| !s.is_empty())
        {
            sqlx::query(statement).execute(&mut conn).await.unwrap_or_else(|e| panic!("{e}: {statement}"));
        }
        println!("generated {rows} applications in {:.1} s", start.elapsed().as_secs_f64());
        let office = "department-KZ-75";
        let in_office: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications WHERE assigned_office = $1")
            .bind(office)
            .fetch_one(&mut conn)
            .await
            .expect("count");
        println!("office {office}: {in_office} cases");
        let base = QueueFilter { office: office.into(), page: 1, per_page: 25, ..QueueFilter::default() };
        let cases: [(&str, QueueFilter); 10] = [
            ("no filter", base.clone()),
            ("status = checks_pending", QueueFilter { status: Some("checks_pending".into()), ..base.clone() }),
            ("category = 3", QueueFilter { category: Some("3".into()), ..base.clone() }),
            ("country = DE", QueueFilter { country: Some("DE".into()), ..base.clone() }),
            ("channel = foundation", QueueFilter { channel: Some("foundation".into()), ..base.clone() }),
            ("overdue (due_on <= 2026-11-23)", QueueFilter { due_by: Some("2026-11-23".into()), ..base.clone() }),
            ("oldest first", QueueFilter { sort: "oldest".into(), ..base.clone() }),
            ("newest first", QueueFilter { sort: "newest".into(), ..base.clone() }),
            ("by reference", QueueFilter { sort: "reference".into(), ..base.clone() }),
            ("assigned to me (1 of 40)", QueueFilter { last_actor: Some(7), ..base.clone() }),
        ];
        println!(
            "{:<32} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>6}",
            "first page, filter",
            "base p50",
            "base p99",
            "ours p50",
            "ours p99",
            "exact50",
            "exact99",
            "ours/b",
            "exact/b",
            "shown"
        );
        let mut worst: f64 = 0.0;
        let mut worst_ratio: f64 = 0.0;
        for (name, f) in &cases {
            let page_sql = format!("SELECT * FROM applications WHERE {} ORDER BY {} LIMIT 25", conditions(f), order(f));
            let count_sql = format!("SELECT COUNT(*) FROM applications WHERE {}", conditions(f));
            let (mut base_t, mut ours_t, mut exact_t) = (Vec::new(), Vec::new(), Vec::new());
            let mut shown = String::new();
            for _ in 0..runs {
                let t = Instant::now();
                let rows = sqlx::query(&page_sql).fetch_all(&mut conn).await.expect("baseline");
                base_t.push(t.elapsed().as_secs_f64() * 1000.0);
                let t = Instant::now();
                let page = store.queue(f).await.expect("queue");
                ours_t.push(t.elapsed().as_secs_f64() * 1000.0);
                assert_eq!(page.rows.len(), rows.len(), "{name}: the same page");
                let t = Instant::now();
                let rows = sqlx::query(&page_sql).fetch_all(&mut conn).await.expect("exact page");
                let n: i64 = sqlx::query_scalar(&count_sql).fetch_one(&mut conn).await.expect("exact count");
                exact_t.push(t.elapsed().as_secs_f64() * 1000.0);
                assert!(rows.len() <= 25);
                assert_eq!(page.more, n > QUEUE_COUNT_BOUND, "{name}: more than the bound exactly when there are");
                assert_eq!(page.counted, n.min(QUEUE_COUNT_BOUND), "{name}: the count up to the bound");
                shown = if page.more { format!(">{}", page.counted) } else { page.counted.to_string() };
            }
            let (b, o, e) = (quantiles(&mut base_t), quantiles(&mut ours_t), quantiles(&mut exact_t));
            worst = worst.max(o.1);
            worst_ratio = worst_ratio.max(o.1 / b.1);
            println!(
                "{name:<32} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>7.2} {:>7.2} {shown:>6}",
                b.0,
                b.1,
                o.0,
                o.1,
                e.0,
                e.1,
                o.1 / b.1,
                e.1 / b.1
            );
        }
        println!("worst p99 of ours: {worst:.2} ms (target < 10 ms): {}", if worst < 10.0 { "met" } else { "NOT met" });
        println!("worst ours/baseline at p99: {worst_ratio:.2}");
        plans(&mut conn, &cases).await;
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&mut conn).await.expect("drop");
    });
}
