//! A tenant full of principals, one per row of the authorisation matrix, created through the
//! store (fast) with real API tokens.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use switchboard_store::fixture::tiny_archive;
use switchboard_store::{
    ConnectionId, ConnectionStatus, ConnectorArchive, ConnectorId, Environment, Group,
    NewConnection, NewConnector, OAuthTokens, Permission, Principal, Role, SecretString, Store,
    Tenant, User, generate_api_token,
};

/// The example connector of this repository (clean under every profile).
fn taskforge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/taskforge")
}

/// The files of a connector folder, sorted by name (no subfolders).
fn folder_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read connector folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read file"))
        })
        .collect();
    files.sort();
    files
}

/// A connector folder as zip bytes (files at the root).
pub fn connector_zip(dir: &Path) -> Vec<u8> {
    zip_files(&folder_files(dir))
}

/// Zip bytes holding `files` at the root.
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The files of a zip, in archive order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            entry.read_to_end(&mut out).unwrap();
            (entry.name().unwrap().into_owned(), out)
        })
        .collect()
}

/// The files of `examples/taskforge`, sorted by name.
pub fn taskforge_files() -> Vec<(String, Vec<u8>)> {
    folder_files(&taskforge_dir())
}

/// `examples/taskforge` as zip bytes.
pub fn taskforge_zip() -> Vec<u8> {
    connector_zip(&taskforge_dir())
}

/// Who is asking, in the authorisation matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    /// Owner of the connector, member of its environment.
    Owner,
    /// Another member of the connector's environment.
    Member,
    /// Not a member; the connector is shared with them for `use`.
    SharedUse,
    /// Not a member; the connector is shared with them for `edit`.
    SharedEdit,
    /// A maker of the same tenant, member of another environment only.
    OtherEnv,
    /// A tenant administrator of another tenant.
    OtherTenant,
    /// No token.
    Anonymous,
    /// A tenant administrator of the connector's tenant (member of no environment).
    TenantAdmin,
    /// The platform administrator.
    PlatformAdmin,
}

impl Who {
    /// Every column of the matrix, in order.
    pub const ALL: [Who; 9] = [
        Who::Owner,
        Who::Member,
        Who::SharedUse,
        Who::SharedEdit,
        Who::OtherEnv,
        Who::OtherTenant,
        Who::Anonymous,
        Who::TenantAdmin,
        Who::PlatformAdmin,
    ];
}

/// Tenant A with an environment holding the connectors, another environment, a group, and a
/// user per [`Who`]; tenant B with its own administrator and environment.
#[derive(Clone, Debug)]
pub struct Principals {
    /// Tenant A.
    pub tenant: Tenant,
    /// Tenant A's environment of the connectors (members: owner, member).
    pub env: Environment,
    /// Tenant A's other environment (member: other_env).
    pub other_env: Environment,
    /// A group of tenant A (no members).
    pub group: Group,
    /// Tenant B.
    pub other_tenant: Tenant,
    /// Tenant B's environment.
    pub other_tenant_env: Environment,
    /// The users, with their tokens.
    pub users: Vec<(Who, User, String)>,
    /// The platform administrator's token.
    pub admin_token: String,
}

async fn user(store: &dyn Store, tenant: &Tenant, name: &str, role: Role) -> (User, String) {
    let user = store.create_user(&tenant.id, name, role).await.unwrap();
    let (token, hash) = generate_api_token();
    store.create_api_token(&user.id, "test", &hash, None).await.unwrap();
    (user, token.into_inner())
}

impl Principals {
    /// Creates everything; `admin_token` is the server's platform administrator token.
    pub async fn create(store: &dyn Store, admin_token: &str) -> Principals {
        let tenant = store.create_tenant("tenant-a").await.unwrap();
        let env = store.create_environment(&tenant.id, "prod", "europe").await.unwrap();
        let other_env = store.create_environment(&tenant.id, "dev", "europe").await.unwrap();
        let group = store.create_group(&tenant.id, "readers").await.unwrap();
        let other_tenant = store.create_tenant("tenant-b").await.unwrap();
        let other_tenant_env =
            store.create_environment(&other_tenant.id, "prod", "europe").await.unwrap();
        let mut users = Vec::new();
        for (who, name, role) in [
            (Who::Owner, "owner", Role::Maker),
            (Who::Member, "member", Role::Maker),
            (Who::SharedUse, "shared-use", Role::Maker),
            (Who::SharedEdit, "shared-edit", Role::Maker),
            (Who::OtherEnv, "other-env", Role::Maker),
            (Who::TenantAdmin, "admin", Role::TenantAdmin),
        ] {
            let (u, token) = user(store, &tenant, name, role).await;
            users.push((who, u, token));
        }
        let (b_admin, b_token) = user(store, &other_tenant, "admin", Role::TenantAdmin).await;
        store.add_environment_member(&other_tenant_env.id, &b_admin.id).await.unwrap();
        users.push((Who::OtherTenant, b_admin, b_token));
        let p = Principals {
            tenant,
            env,
            other_env,
            group,
            other_tenant,
            other_tenant_env,
            users,
            admin_token: admin_token.to_owned(),
        };
        for who in [Who::Owner, Who::Member] {
            store.add_environment_member(&p.env.id, &p.user(who).id).await.unwrap();
        }
        store.add_environment_member(&p.other_env.id, &p.user(Who::OtherEnv).id).await.unwrap();
        p
    }

    /// The user playing `who` (panics for the administrator and anonymous).
    pub fn user(&self, who: Who) -> &User {
        &self.users.iter().find(|(w, _, _)| *w == who).expect("a user for this role").1
    }

    /// The bearer token of `who`; `None` for anonymous.
    pub fn token(&self, who: Who) -> Option<&str> {
        match who {
            Who::Anonymous => None,
            Who::PlatformAdmin => Some(&self.admin_token),
            _ => self.users.iter().find(|(w, _, _)| *w == who).map(|(_, _, t)| t.as_str()),
        }
    }

    /// A new connector in [`Principals::env`] owned by the owner, shared for `use` and `edit`
    /// with the shared users.
    pub async fn connector(&self, store: &dyn Store, name: &str) -> ConnectorId {
        let archive = ConnectorArchive::from_files(&folder_files(&taskforge_dir()))
            .unwrap_or_else(|_| tiny_archive("TaskForge").unwrap());
        self.connector_with(store, name, "TaskForge", archive).await
    }

    /// Like [`Principals::connector`], with `files` (paconn names at the root).
    pub async fn connector_from(
        &self,
        store: &dyn Store,
        name: &str,
        title: &str,
        files: &[(String, Vec<u8>)],
    ) -> ConnectorId {
        let archive = ConnectorArchive::from_files(files).unwrap();
        self.connector_with(store, name, title, archive).await
    }

    async fn connector_with(
        &self,
        store: &dyn Store,
        name: &str,
        title: &str,
        archive: ConnectorArchive,
    ) -> ConnectorId {
        let (c, _) = store
            .create_connector(NewConnector {
                environment_id: self.env.id.clone(),
                owner_id: self.user(Who::Owner).id.clone(),
                name: name.to_owned(),
                title: title.to_owned(),
                archive,
                warnings: serde_json::json!([]),
            })
            .await
            .unwrap();
        for (who, permission) in
            [(Who::SharedUse, Permission::Use), (Who::SharedEdit, Permission::Edit)]
        {
            let principal = Principal::User(self.user(who).id.clone());
            store.share_connector(&c.id, &principal, permission).await.unwrap();
        }
        c.id
    }

    /// A connection of `who` to `connector` (in [`Principals::env`]) with `parameters`, and
    /// OAuth `tokens` if given (then it is connected).
    pub async fn connection(
        &self,
        store: &dyn Store,
        who: Who,
        connector: &ConnectorId,
        parameters: &[(&str, &str)],
        tokens: Option<OAuthTokens>,
    ) -> ConnectionId {
        let connection = store
            .create_connection(NewConnection {
                connector_id: connector.clone(),
                environment_id: self.env.id.clone(),
                owner_id: self.user(who).id.clone(),
                display_name: "test connection".to_owned(),
                parameters: parameters
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), SecretString::new(*v)))
                    .collect(),
                status: if tokens.is_some() {
                    ConnectionStatus::Connected
                } else {
                    ConnectionStatus::PendingOAuth
                },
            })
            .await
            .unwrap();
        if let Some(tokens) = tokens {
            store.store_oauth_tokens(&connection.id, &tokens).await.unwrap();
        }
        connection.id
    }
}
