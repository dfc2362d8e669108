//! Who sees which connector: the catalog query and the visibility-checked lookup.
//!
//! Both are a single statement over `connectors` whose visibility rule is a disjunction
//! (environment membership, ownership, a direct share, a share with a group the user is in),
//! so a page of the catalog costs one query whatever the number of shares and groups, and
//! pagination is keyset on the `(environment_id, title, id)` index.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::rows::{self, CONNECTOR_COLS};
use super::{DbArguments, SqlStore};
use crate::error::{Result, StoreError};
use crate::ids::{ConnectorId, EnvironmentId};
use crate::input::{Page, PageRequest};
use crate::types::{Role, Viewer, VisibleConnector};

/// Builds a statement with numbered placeholders and the values bound to them, in order.
struct Statement {
    args: Vec<Arg>,
}

enum Arg {
    Text(String),
    Int(i64),
}

impl Statement {
    fn new() -> Self {
        Self { args: Vec::new() }
    }

    /// Adds a text value; returns its placeholder.
    fn text(&mut self, value: &str) -> String {
        self.args.push(Arg::Text(value.to_owned()));
        format!("${}", self.args.len())
    }

    fn int(&mut self, value: i64) -> String {
        self.args.push(Arg::Int(value));
        format!("${}", self.args.len())
    }

    fn query(self, sql: &str) -> sqlx::query::Query<'_, super::Db, DbArguments<'_>> {
        let mut query = sqlx::query(sql);
        for arg in self.args {
            query = match arg {
                Arg::Text(text) => query.bind(text),
                Arg::Int(int) => query.bind(int),
            };
        }
        query
    }
}

/// `(predicate, access expression)` for `viewer` over the connector aliased `c`.
///
/// `env` is the placeholder of the listed environment, if any: the tenant and membership tests
/// then do not depend on the row, so both databases evaluate it once per query instead of per row. The
/// shared-with-me set is an uncorrelated `IN` for the same reason (SQLite materialises it,
/// PostgreSQL hashes it): a non-member's page costs one probe per scanned row.
fn rule(viewer: &Viewer, st: &mut Statement, env: Option<&str>) -> (String, String) {
    let env = env.unwrap_or("c.environment_id");
    match viewer {
        Viewer::PlatformAdmin => ("1 = 1".into(), "'edit'".into()),
        Viewer::User { tenant_id, role: Role::TenantAdmin, .. } => {
            let t = st.text(tenant_id.as_str());
            (in_tenant(&t, env), "'edit'".into())
        }
        Viewer::User { id, tenant_id, role: Role::Maker } => {
            let u = st.text(id.as_str());
            let t = st.text(tenant_id.as_str());
            let shared = |extra: &str| {
                format!(
                    "c.id IN (SELECT s.connector_id FROM connector_shares s \
                       WHERE s.user_id = {u}{extra} \
                     UNION ALL SELECT s.connector_id FROM connector_shares s \
                       JOIN group_members gm ON gm.group_id = s.group_id \
                       WHERE gm.user_id = {u}{extra})"
                )
            };
            let predicate = format!(
                "{tenant} AND (EXISTS (SELECT 1 FROM environment_members m \
                     WHERE m.environment_id = {env} AND m.user_id = {u}) \
                   OR c.owner_id = {u} OR {shared})",
                tenant = in_tenant(&t, env),
                shared = shared(""),
            );
            let access = format!(
                "CASE WHEN c.owner_id = {u} OR {edit} THEN 'edit' ELSE 'use' END",
                edit = shared(" AND s.permission = 'edit'"),
            );
            (predicate, access)
        }
    }
}

/// Defence in depth: shares and memberships cannot cross tenants, but the tenant is checked
/// here too, so a bug elsewhere cannot make a connector visible to another tenant.
fn in_tenant(tenant: &str, env: &str) -> String {
    format!("EXISTS (SELECT 1 FROM environments e WHERE e.id = {env} AND e.tenant_id = {tenant})")
}

pub(super) async fn list_visible_connectors(
    store: &SqlStore,
    viewer: &Viewer,
    env: &EnvironmentId,
    page: &PageRequest,
) -> Result<Page<VisibleConnector>> {
    let limit = page.effective_limit();
    let mut st = Statement::new();
    let env_p = st.text(env.as_str());
    let (predicate, access) = rule(viewer, &mut st, Some(&env_p));
    let after = match &page.after {
        Some(cursor) => {
            let (title, id) = decode_cursor(cursor)?;
            let title_p = st.text(&title);
            let id_p = st.text(&id);
            format!(" AND (c.title, c.id) > ({title_p}, {id_p})")
        }
        None => String::new(),
    };
    // One extra row tells whether there is a next page.
    let limit_p = st.int(i64::from(limit) + 1);
    let sql = format!(
        "SELECT {CONNECTOR_COLS}, {access} AS access FROM connectors c \
         WHERE c.environment_id = {env_p} AND {predicate}{after} \
         ORDER BY c.title, c.id LIMIT {limit_p}"
    );
    let found = st.query(&sql).fetch_all(&store.pool).await?;
    let mut items = Vec::with_capacity(found.len());
    for row in found.iter().take(limit as usize) {
        items.push(VisibleConnector {
            connector: rows::connector(row)?,
            access: rows::access(row)?,
        });
    }
    let next = (found.len() > limit as usize)
        .then(|| {
            items
                .last()
                .map(|last| encode_cursor(&last.connector.title, last.connector.id.as_str()))
        })
        .flatten();
    Ok(Page { items, next })
}

pub(super) async fn get_visible_connector(
    store: &SqlStore,
    viewer: &Viewer,
    id: &ConnectorId,
) -> Result<Option<VisibleConnector>> {
    let mut st = Statement::new();
    let id_p = st.text(id.as_str());
    let (predicate, access) = rule(viewer, &mut st, None);
    let sql = format!(
        "SELECT {CONNECTOR_COLS}, {access} AS access FROM connectors c \
         WHERE c.id = {id_p} AND {predicate}"
    );
    let Some(row) = st.query(&sql).fetch_optional(&store.pool).await? else { return Ok(None) };
    Ok(Some(VisibleConnector { connector: rows::connector(&row)?, access: rows::access(&row)? }))
}

/// The cursor is `id:title` in base64url: ids never contain `:`, titles may contain anything.
fn encode_cursor(title: &str, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{id}:{title}"))
}

fn decode_cursor(cursor: &str) -> Result<(String, String)> {
    let bad = || StoreError::Invalid("malformed page cursor".into());
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (id, title) = text.split_once(':').ok_or_else(bad)?;
    Ok((title.to_owned(), id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip() {
        let cursor = encode_cursor("A: title\nwith: colons", "0b7c-id");
        assert_eq!(
            decode_cursor(&cursor).unwrap(),
            ("A: title\nwith: colons".to_owned(), "0b7c-id".to_owned())
        );
        assert!(decode_cursor("!!").is_err());
    }
}
