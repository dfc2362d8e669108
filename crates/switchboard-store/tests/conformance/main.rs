//! The store conformance suite: every test is written once against `Harness` (an
//! `Arc<dyn Store>` plus raw access for the at-rest checks) and run against SQLite always and
//! against PostgreSQL when `SWITCHBOARD_TEST_DATABASE_URL` is set. Without it the PostgreSQL
//! variants say they were skipped, or fail when `SWITCHBOARD_REQUIRE_POSTGRES=1` (CI).

// Test code: a panic is a failed test with its reason; short names (`s` for the store, `h` for
// the harness, `t` for a tenant) keep the scenarios readable.
#![allow(clippy::unwrap_used, clippy::many_single_char_names, missing_docs)]

mod accounts;
mod catalog;
mod connections;
mod harness;
mod lifecycle;
mod rate_limits;

/// Declares each test once per backend: `sqlite::name` and `postgres::name`.
macro_rules! conformance {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let harness = crate::harness::Harness::sqlite().await;
                    crate::$module::$name(&harness).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(harness) = crate::harness::Harness::postgres(stringify!($name)).await
                    else {
                        return;
                    };
                    crate::$module::$name(&harness).await;
                    harness.cleanup().await;
                }
            )*
        }
    };
}

conformance!(
    accounts::tenants_and_users,
    accounts::token_lookup,
    accounts::groups_and_memberships,
    catalog::visibility_rules,
    catalog::catalog_pagination,
    catalog::versions_are_immutable_and_numbered_in_order,
    catalog::concurrent_updates_get_distinct_versions,
    catalog::shares,
    connections::connections_and_their_secrets,
    connections::oauth_states_are_taken_once,
    connections::no_plaintext_secret_at_rest,
    connections::another_key_cannot_read_secrets,
    lifecycle::cascade_and_cleanup_on_delete,
    lifecycle::data_survives_reopening,
    rate_limits::rate_limit_budget_is_shared_by_every_store,
    rate_limits::rate_limit_refills_over_time,
    rate_limits::concurrent_requests_never_overdraw_a_bucket,
);
