//! paconn's `settings.json`: which files make up the connector and where it is deployed.

use crate::json::Value;

/// A view of `settings.json`.
#[derive(Clone, Copy, Debug)]
pub struct Settings<'a> {
    /// The root value.
    pub root: &'a Value,
}

impl<'a> Settings<'a> {
    /// A view of `root`.
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// `connectorId` (set after the first `create`).
    pub fn connector_id(&self) -> Option<&'a str> {
        self.root.get_str("connectorId")
    }

    /// `environment` (a Power Platform environment id).
    pub fn environment(&self) -> Option<&'a str> {
        self.root.get_str("environment")
    }

    /// `apiDefinition` file name (default `apiDefinition.swagger.json`).
    pub fn api_definition(&self) -> &'a str {
        self.root.get_str("apiDefinition").unwrap_or(crate::connector::SWAGGER_FILE)
    }

    /// `apiProperties` file name (default `apiProperties.json`).
    pub fn api_properties(&self) -> &'a str {
        self.root.get_str("apiProperties").unwrap_or(crate::connector::PROPERTIES_FILE)
    }

    /// `icon` file name (default `icon.png`).
    pub fn icon(&self) -> &'a str {
        self.root.get_str("icon").unwrap_or(crate::connector::ICON_FILE)
    }

    /// `script` file name (default `script.csx`).
    pub fn script(&self) -> &'a str {
        self.root.get_str("script").unwrap_or(crate::connector::SCRIPT_FILE)
    }

    /// `powerAppsUrl`.
    pub fn power_apps_url(&self) -> Option<&'a str> {
        self.root.get_str("powerAppsUrl")
    }
}
