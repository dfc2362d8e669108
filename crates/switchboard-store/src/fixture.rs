//! Cheap fixtures for tests and benchmarks: a tiny connector archive, and a catalog of N
//! connectors with members, owners and shares (the server's catalog benchmark reuses it).

use std::sync::Arc;

use crate::error::Result;
use crate::input::NewConnector;
use crate::{
    ConnectorArchive, ConnectorId, Environment, Group, Permission, Principal, Role, Store, Tenant,
    User,
};

/// A minimal connector (`apiDefinition.swagger.json` and `apiProperties.json`) titled `title`.
pub fn tiny_archive(title: &str) -> Result<ConnectorArchive> {
    let swagger = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": title, "description": "Fixture connector.", "version": "1.0"},
        "host": "api.example.com",
        "basePath": "/",
        "schemes": ["https"],
        "paths": {},
    });
    let properties = serde_json::json!({
        "properties": {"iconBrandColor": "#007ee5", "publisher": "Fixture"}
    });
    ConnectorArchive::from_files(&[
        ("apiDefinition.swagger.json".into(), swagger.to_string().into_bytes()),
        ("apiProperties.json".into(), properties.to_string().into_bytes()),
    ])
}

/// What [`seed_catalog`] created.
#[derive(Clone, Debug)]
pub struct CatalogFixture {
    /// The tenant.
    pub tenant: Tenant,
    /// The environment holding every connector.
    pub environment: Environment,
    /// Owner of every connector, and a member of the environment.
    pub owner: User,
    /// A maker who is a member of the environment: sees every connector.
    pub member: User,
    /// A maker who is not a member: sees only what is shared with them directly (every 100th
    /// connector) or through [`CatalogFixture::group`] (every 50th).
    pub outsider: User,
    /// A group with the outsider in it.
    pub group: Group,
    /// The connectors, in creation order.
    pub connectors: Vec<ConnectorId>,
}

impl CatalogFixture {
    /// How many connectors the outsider sees out of `n` seeded.
    pub fn outsider_visible(n: usize) -> usize {
        (0..n).filter(|i| i % 100 == 0 || i % 50 == 0).count()
    }
}

/// Seeds a tenant `name` with one environment of `n` connectors (titles `Connector 00042`, so
/// the catalog order is the creation order), using up to `parallel` concurrent writers.
pub async fn seed_catalog(
    store: Arc<dyn Store>,
    name: &str,
    n: usize,
    parallel: usize,
) -> Result<CatalogFixture> {
    let tenant = store.create_tenant(name).await?;
    let environment = store.create_environment(&tenant.id, "catalog", "europe").await?;
    let owner = store.create_user(&tenant.id, "owner", Role::Maker).await?;
    let member = store.create_user(&tenant.id, "member", Role::Maker).await?;
    let outsider = store.create_user(&tenant.id, "outsider", Role::Maker).await?;
    let group = store.create_group(&tenant.id, "readers").await?;
    store.add_group_member(&group.id, &outsider.id).await?;
    for user in [&owner, &member] {
        store.add_environment_member(&environment.id, &user.id).await?;
    }
    // One archive for all: the catalog query never reads archives, so their content is moot.
    let archive = tiny_archive("Fixture")?;
    let parallel = parallel.max(1);
    let mut connectors = Vec::with_capacity(n);
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..parallel {
        let store = Arc::clone(&store);
        let (env, owner_id, outsider_id, group_id) =
            (environment.id.clone(), owner.id.clone(), outsider.id.clone(), group.id.clone());
        let archive = archive.clone();
        tasks.spawn(async move {
            let mut made = Vec::new();
            for i in (worker..n).step_by(parallel) {
                let (connector, _) = store
                    .create_connector(NewConnector {
                        environment_id: env.clone(),
                        owner_id: owner_id.clone(),
                        name: format!("connector-{i:05}"),
                        title: format!("Connector {i:05}"),
                        archive: archive.clone(),
                        warnings: serde_json::json!([]),
                    })
                    .await?;
                if i % 100 == 0 {
                    let principal = Principal::User(outsider_id.clone());
                    store.share_connector(&connector.id, &principal, Permission::Use).await?;
                }
                if i % 50 == 0 {
                    let principal = Principal::Group(group_id.clone());
                    store.share_connector(&connector.id, &principal, Permission::Edit).await?;
                }
                made.push((i, connector.id));
            }
            Ok::<_, crate::StoreError>(made)
        });
    }
    let mut made = Vec::with_capacity(n);
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(part) => made.extend(part?),
            // A seeding task only fails to join by panicking: let the panic through.
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
    made.sort_by_key(|(i, _)| *i);
    connectors.extend(made.into_iter().map(|(_, id)| id));
    Ok(CatalogFixture { tenant, environment, owner, member, outsider, group, connectors })
}
