use crate::{Check, Context, Levels, Severity, declare_rule};

/// Host-name tokens that mark non-production environments.
const TOKENS: &[&str] =
    &["localhost", "dev", "test", "staging", "stage", "sandbox", "qa", "uat", "preprod", "demo"];

declare_rule! {
    /// ## What it does
    /// Checks that `host` does not look like a non-production host: one of its labels or
    /// `-`/`_`-separated words is `localhost`, `dev`, `test`, `staging`, `stage`, `sandbox`,
    /// `qa`, `uat`, `preprod` or `demo` (so `api-dev.contoso.com` and `test.com` match,
    /// `developer.contoso.com` does not), or it is a loopback address. The top-level domain
    /// is not considered: `api.mockster.dev` is a production host.
    ///
    /// ## Why it matters
    /// Certified connectors must call the production service: "Staging, dev, and test host
    /// URLs aren't allowed" (policy 5000.2.6.4). This is a heuristic, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// { "host": "contoso-dev.azurewebsites.net" }
    /// ```
    ///
    /// ## Fix
    /// Use the production host (`"host": "api.contoso.com"`). If the host really is the
    /// production one, say so to the reviewer.
    pub HostNonProduction {
        code: "SW042",
        name: "host-non-production",
        group: Paths,
        levels: Levels::cert(Severity::Warning),
    }
}

/// The token that marks `host` as non-production, if any.
fn non_production_token(host: &str) -> Option<&'static str> {
    let name = host.split(':').next().unwrap_or_default().to_ascii_lowercase();
    if name.starts_with("127.") || name == "0.0.0.0" {
        return Some("localhost");
    }
    // The top-level domain names a registry, not an environment (`mockster.dev`, `.qa`).
    let labels = match name.rsplit_once('.') {
        Some((rest, _tld)) => rest,
        None => name.as_str(),
    };
    labels.split(['.', '-', '_']).find_map(|w| TOKENS.iter().copied().find(|t| *t == w))
}

impl Check for HostNonProduction {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(node) = sw.root().get("host") else { return };
        let Some(host) = node.as_str() else { return };
        if let Some(token) = non_production_token(host) {
            cx.report_value(node, format!("The host '{host}' looks like a non-production host ('{token}'): staging, dev, and test host URLs aren't allowed"))
                .set_help("use the production host of the service");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn production_hosts_pass() {
        assert!(check_swagger(&HostNonProduction, json!({})).is_empty());
        assert!(
            check_swagger(&HostNonProduction, json!({"host": "developer.contoso.com"})).is_empty()
        );
        assert!(
            check_swagger(&HostNonProduction, json!({"host": "latest.contoso.com"})).is_empty()
        );
        assert!(check_swagger(&HostNonProduction, json!({"host": "api.mockster.dev"})).is_empty());
    }

    #[test]
    fn dev_and_loopback_hosts_fail() {
        let d = check_swagger(
            &HostNonProduction,
            json!({"host": "bb-fa-mpconnector-dev.azurewebsites.net"}),
        );
        assert_eq!(pointers(&d), ["/host"]);
        assert!(d[0].message.contains("('dev')"));
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(check_swagger(&HostNonProduction, json!({"host": "127.0.0.1:8080"})).len(), 1);
        assert_eq!(check_swagger(&HostNonProduction, json!({"host": "localhost:4433"})).len(), 1);
        assert_eq!(
            check_swagger(&HostNonProduction, json!({"host": "api.demo.bloomflow.com"})).len(),
            1
        );
    }
}
