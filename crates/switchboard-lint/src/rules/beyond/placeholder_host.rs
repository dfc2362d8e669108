use crate::{Check, Context, Levels, Severity, declare_rule};

/// Policy templates that replace the host at run time.
const HOST_POLICIES: &[&str] = &["dynamichosturl", "dynamicsubdomain"];

declare_rule! {
    /// ## What it does
    /// Reports a `host` that is a placeholder rather than the service's address: it contains
    /// `{`, `<` or `[`, is (under) `example.com`/`.org`/`.net`, names Contoso (Microsoft's
    /// fictitious company), or has a label starting with "your" (`youraccount.api.com`).
    /// Connectors that set the host at run time — with a `dynamichosturl` policy in
    /// apiProperties, `x-ms-parameterized-host`, or custom code (`script.csx`) — are not
    /// reported.
    ///
    /// ## Why it matters
    /// Without a policy rewriting it, every request goes to the placeholder host and fails.
    /// Connectors for per-tenant services need a `dynamichosturl` policy (with a connection
    /// parameter for the instance name) instead of a host users are expected to edit.
    ///
    /// ## Example
    /// ```json
    /// { "host": "yourinstance.service-now.com" }
    /// ```
    ///
    /// ## Fix
    /// Set the production host; for per-tenant hosts, add a connection parameter and a
    /// `dynamichosturl` policy template that builds the URL from it.
    pub PlaceholderHost {
        code: "BX017",
        name: "placeholder-host",
        group: Beyond,
        levels: Levels::all(Severity::Info),
    }
}

/// Why `host` looks like a placeholder.
fn placeholder(host: &str) -> Option<&'static str> {
    let lower = host.to_ascii_lowercase();
    if lower.contains(['{', '<', '[']) {
        return Some("contains a template marker");
    }
    let name = lower.split(':').next().unwrap_or_default();
    let labels: Vec<&str> = name.split('.').collect();
    if ["example.com", "example.org", "example.net"]
        .iter()
        .any(|e| name == *e || name.ends_with(&format!(".{e}")))
    {
        return Some("is an example domain");
    }
    if labels.iter().any(|l| l.contains("contoso")) {
        return Some("names the fictitious company Contoso");
    }
    if labels.iter().any(|l| l.starts_with("your")) {
        return Some("asks the user to fill in their own name");
    }
    None
}

impl Check for PlaceholderHost {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(node) = sw.root().get("host") else { return };
        let Some(host) = node.as_str() else { return };
        let Some(why) = placeholder(host) else { return };
        let rewritten = cx.connector().script.is_some()
            || sw.root().get("x-ms-parameterized-host").is_some()
            || cx.properties().is_some_and(|p| {
                p.policy_template_instances()
                    .filter_map(|i| i.template_id())
                    .any(|id| HOST_POLICIES.iter().any(|h| id.eq_ignore_ascii_case(h)))
            });
        if !rewritten {
            cx.report_value(node, format!("The host '{host}' {why}, and no dynamichosturl policy replaces it"))
                .set_help("set the production host, or add a dynamichosturl policy that builds the host from a connection parameter");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check, check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn real_host_passes() {
        assert!(check_swagger(&PlaceholderHost, json!({})).is_empty());
        assert!(check_swagger(&PlaceholderHost, json!({"host": "api.examples.com"})).is_empty());
    }

    #[test]
    fn placeholder_fails_at_the_host() {
        let d = check_swagger(&PlaceholderHost, json!({"host": "youraccount.api-us1.com"}));
        assert_eq!(pointers(&d), ["/host"]);
        assert!(d[0].message.contains("fill in"));
        assert_eq!(placeholder("api.contoso.com"), Some("names the fictitious company Contoso"));
        assert_eq!(placeholder("www.example.com"), Some("is an example domain"));
        assert_eq!(placeholder("{tenant}.service.io"), Some("contains a template marker"));
    }

    #[test]
    fn custom_code_exempts() {
        let c = Fixture::new()
            .swagger(json!({"host": "api.contoso.com"}))
            .set("script.csx", b"public class Script : ScriptBase { }".to_vec())
            .build();
        assert!(check(&PlaceholderHost, &c).is_empty());
    }

    #[test]
    fn dynamic_host_policy_exempts() {
        let c = Fixture::new()
            .swagger(json!({"host": "contoso.service-now.com"}))
            .properties(json!({"properties": {"policyTemplateInstances": [{
                "templateId": "dynamicHostUrl", "title": "Host",
                "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('instance')"}
            }]}}))
            .build();
        assert!(check(&PlaceholderHost, &c).is_empty());
    }
}
