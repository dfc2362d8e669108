//! Catalog query latency at N connectors (default 10,000), on SQLite and, when
//! `SWITCHBOARD_TEST_DATABASE_URL` is set, on PostgreSQL (in a fresh schema, dropped after).
//!
//! ```text
//! cargo run --release -p switchboard-store --example catalog_bench -- [N] [ITERATIONS]
//! ```
//!
//! Each query is timed ITERATIONS times (default 300) through the `Store` trait, so the
//! numbers include the pool, the statement cache and row decoding, not the HTTP layer.

#![allow(clippy::unwrap_used, missing_docs)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use sqlx::ConnectOptions as _;
use switchboard_store::fixture::{CatalogFixture, seed_catalog};
use switchboard_store::{
    PageRequest, Role, SecretKey, Store, Viewer, open_postgres_with, open_sqlite,
};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(10_000), |a| a.parse()).context("N")?;
    let iterations: usize = args.next().map_or(Ok(300), |a| a.parse()).context("ITERATIONS")?;
    let key = SecretKey::generate();

    let temp = tempfile::tempdir()?;
    let sqlite: Arc<dyn Store> = Arc::new(open_sqlite(&temp.path().join("data"), &key).await?);
    run("sqlite", sqlite, n, iterations, 1).await?;

    if let Ok(url) = std::env::var("SWITCHBOARD_TEST_DATABASE_URL") {
        let base: sqlx::postgres::PgConnectOptions = url.parse()?;
        let schema = format!("sbbench_{}", std::process::id());
        let mut admin = base.connect().await?;
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&mut admin).await?;
        sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&mut admin).await?;
        let options = base.clone().options([("search_path", schema.as_str())]);
        let pg: Arc<dyn Store> = Arc::new(open_postgres_with(options, &key).await?);
        let outcome = run("postgres", pg, n, iterations, 4).await;
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&mut admin).await?;
        outcome?;
    } else {
        println!("postgres: skipped (SWITCHBOARD_TEST_DATABASE_URL is not set)");
    }
    Ok(())
}

async fn run(
    backend: &str,
    store: Arc<dyn Store>,
    n: usize,
    iterations: usize,
    parallel: usize,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let fx = seed_catalog(Arc::clone(&store), "bench", n, parallel).await?;
    println!("{backend}: seeded {n} connectors in {:.1?}", started.elapsed());
    let admin = store.create_user(&fx.tenant.id, "admin", Role::TenantAdmin).await?;

    let member = Viewer::from(&fx.member);
    let outsider = Viewer::from(&fx.outsider);
    let first = PageRequest::first(50);

    // Cursors of every page, to time pages deep in the catalog too.
    let mut cursors = Vec::new();
    let mut page = first.clone();
    loop {
        let got = store.list_visible_connectors(&member, &fx.environment.id, &page).await?;
        assert!(!got.items.is_empty());
        match got.next {
            Some(next) => {
                cursors.push(next.clone());
                page.after = Some(next);
            }
            None => break,
        }
    }
    assert_eq!(cursors.len(), n.div_ceil(50) - 1);

    let env = &fx.environment.id;
    report(backend, "member, first page of 50", iterations, |_| {
        let (store, member, first) = (&store, &member, &first);
        async move { store.list_visible_connectors(member, env, first).await.map(|_| ()) }
    })
    .await?;
    report(backend, "member, page at a random depth", iterations, |i| {
        let page = PageRequest { limit: 50, after: Some(cursors[pick(i, cursors.len())].clone()) };
        let (store, member) = (&store, &member);
        async move { store.list_visible_connectors(member, env, &page).await.map(|_| ()) }
    })
    .await?;
    let visible = CatalogFixture::outsider_visible(n);
    report(
        backend,
        &format!("non-member via shares ({visible} visible), first page"),
        iterations,
        |_| {
            let (store, outsider, first) = (&store, &outsider, &first);
            async move { store.list_visible_connectors(outsider, env, first).await.map(|_| ()) }
        },
    )
    .await?;
    let admin = Viewer::from(&admin);
    report(backend, "tenant admin, first page", iterations, |_| {
        let (store, admin, first) = (&store, &admin, &first);
        async move { store.list_visible_connectors(admin, env, first).await.map(|_| ()) }
    })
    .await?;
    report(backend, "get one connector, visibility-checked", iterations, |i| {
        let id = fx.connectors[pick(i, fx.connectors.len())].clone();
        let (store, member) = (&store, &member);
        async move { store.get_visible_connector(member, &id).await.map(|_| ()) }
    })
    .await?;
    Ok(())
}

/// A spread of indexes without a random-number dependency.
fn pick(i: usize, len: usize) -> usize {
    (i.wrapping_mul(7919) + 13) % len
}

async fn report<F, Fut>(
    backend: &str,
    what: &str,
    iterations: usize,
    mut f: F,
) -> anyhow::Result<()>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = switchboard_store::Result<()>>,
{
    for i in 0..iterations.min(20) {
        f(i).await?; // warm the statement cache and the page cache
    }
    let mut times: Vec<Duration> = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let started = Instant::now();
        f(i).await?;
        times.push(started.elapsed());
    }
    times.sort_unstable();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    println!(
        "{backend}: {what:<52} p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
        at(50),
        at(99),
        times[times.len() - 1]
    );
    Ok(())
}
