use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the root has a `host` string.
    ///
    /// ## Why it matters
    /// The platform builds the backend URL from `scheme://host/basePath`; without a host the
    /// connector cannot call its service (paconn and the import refuse it). Even connectors
    /// that rewrite the URL with a policy need a default host.
    ///
    /// ## Example
    /// ```json
    /// { "basePath": "/v1", "schemes": ["https"] }
    /// ```
    ///
    /// ## Fix
    /// Add the production host name, without scheme or path: `"host": "api.contoso.com"`.
    pub HostMissing {
        code: "SW040",
        name: "host-missing",
        group: Paths,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for HostMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let root = sw.root();
        if root.as_object().is_none() {
            return; // JS005 reports it.
        }
        match root.get("host") {
            None => {
                cx.report_value(root, "The 'host' property is required.").set_help(
                    "add the production host name, for example \"host\": \"api.contoso.com\"",
                );
            }
            Some(h) if h.as_str().is_none() => {
                cx.report_value(
                    h,
                    format!(
                        "The 'host' value must be a string, found {}",
                        h.json_type().article_name()
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn host_passes() {
        assert!(check_swagger(&HostMissing, json!({})).is_empty());
    }

    #[test]
    fn missing_fails_at_the_root() {
        let d = check_swagger(&HostMissing, json!({"host": null}));
        assert_eq!(pointers(&d), [""]);
        assert_eq!(d[0].message, "The 'host' property is required.");
    }

    #[test]
    fn mistyped_fails_at_the_value() {
        let d = check_swagger(&HostMissing, json!({"host": ["a.io"]}));
        assert_eq!(pointers(&d), ["/host"]);
    }
}
