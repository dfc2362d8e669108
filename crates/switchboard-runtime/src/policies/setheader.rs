//! `setheader`: set, append or keep a header (§3.4.1).
//!
//! The value is a string template evaluated against the message of the instance's stage: in
//! the Request stage it sees (and changes) the request headers, in the Response and Failure
//! stages the response headers. `override` replaces every value, `skip` adds the header only
//! when it is absent, `append` adds one more value.

use super::config::{ExistsAction, Instance, Meta, policy_meta, required};
use super::expression::{Syntax, Template};
use super::{BuildError, Policy, PolicyContext, PolicyError, Stage};

/// The `parameters` of a `setheader` instance. Unknown keys are rejected: the schema closes the
/// object and every corpus instance (191) uses only these keys.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetHeaderConfig {
    /// The header name (literal).
    #[serde(rename = "x-ms-apimTemplateParameter.name")]
    pub name: String,
    /// The value: literal text with expressions.
    #[serde(rename = "x-ms-apimTemplateParameter.value")]
    pub value: String,
    /// What to do when the header exists (default `override`).
    #[serde(rename = "x-ms-apimTemplateParameter.existsAction", default)]
    pub exists_action: ExistsAction,
    /// `Request` (default), `Response` or `Failure`.
    #[serde(rename = "x-ms-apimTemplate-policySection", default)]
    pub section: Option<String>,
    /// The operations it applies to (empty: all).
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `setheader` instance.
#[derive(Debug)]
pub struct SetHeader {
    meta: Meta,
    name: String,
    value: Template,
    exists_action: ExistsAction,
}

impl SetHeaderConfig {
    /// Validates the header name and parses the value.
    pub fn build(self, title: &str) -> Result<SetHeader, String> {
        let stages = [Stage::Request, Stage::Response, Stage::Failure];
        let meta =
            Meta::new(title, self.operations, self.section.as_deref(), &stages, Stage::Request)?;
        required("name", &self.name)?;
        check_header_name(&self.name)?;
        if self.value.contains(['\r', '\n']) {
            return Err("a header value cannot contain line breaks".into());
        }
        let value = Template::parse(&self.value, Syntax::default()).map_err(|e| e.to_string())?;
        Ok(SetHeader { meta, name: self.name, value, exists_action: self.exists_action })
    }
}

/// Header names are RFC 9110 tokens; anything else cannot be sent.
pub(crate) fn check_header_name(name: &str) -> Result<(), String> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.chars().all(token) {
        Ok(())
    } else {
        Err(format!("'{name}' is not a valid HTTP header name"))
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    instance.build(SetHeaderConfig::build)
}

#[async_trait::async_trait]
impl Policy for SetHeader {
    policy_meta!("setheader");

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let (title, stage) = (self.meta.title.as_str(), self.meta.stage);
        let value = {
            let scope = cx.eval_context(stage, title)?;
            self.value.eval_text(&scope).map_err(|e| e.into_policy(title))?
        };
        if value.contains(['\r', '\n']) {
            return Err(PolicyError::Evaluation {
                title: title.to_string(),
                expression: self.value.source().to_string(),
                reason: "the value contains a line break".into(),
            });
        }
        let headers = cx.headers_mut(stage, title)?;
        match self.exists_action {
            ExistsAction::Override => headers.set(&self.name, value),
            ExistsAction::Skip if headers.contains(&self.name) => {}
            ExistsAction::Skip | ExistsAction::Append => headers.append(&self.name, value),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::{Call, inline, json_response, policies, policy};
    use super::*;

    fn instance(name: &str, value: &str, action: &str) -> serde_json::Value {
        json!({"templateId": "setheader", "title": "t", "parameters": {
            "x-ms-apimTemplateParameter.name": name,
            "x-ms-apimTemplateParameter.value": value,
            "x-ms-apimTemplateParameter.existsAction": action,
            "x-ms-apimTemplate-policySection": "Request"}})
    }

    fn call() -> Call {
        let mut call = Call::new("Op", "GET", "https://api.example.com", "/x");
        call.request.headers.append("test", "foo");
        call
    }

    #[test]
    fn facebook_sets_accept_on_every_request() {
        // Facebook: `Accept: application/json`, `setHeader` casing, no existsAction.
        let p = policy("Facebook", "Set HTTP header");
        assert_eq!((p.template_id(), p.stage()), ("setheader", Stage::Request));
        let mut call = Call::new("MyFeeds", "GET", "https://graph.facebook.com", "/me/feed");
        call.request.headers.append("accept", "text/html");
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request.headers.iter().collect::<Vec<_>>(),
            [("accept", "application/json")]
        );
    }

    #[test]
    fn aranda_appends_a_connection_value() {
        // Aranda Service Management: `append` of `TokenAsms: @connectionParameters('api_key')`.
        let p = policy("Aranda Service Management", "Authorization token ASMS");
        let mut call = call().connection(json!({"api_key": "k1"}));
        call.request.headers.append("TokenAsms", "k0");
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.headers.get_all("tokenasms").collect::<Vec<_>>(), ["k0", "k1"]);
    }

    #[test]
    fn oneflow_skips_an_existing_content_type() {
        // Oneflow: `Content-Type: application/json` with `skip`, the idiom for a default.
        let p = policy("Oneflow", "AddApplicationJsonContentHeader");
        let mut call = call();
        call.apply(p.as_ref()).unwrap();
        assert_eq!(call.request.headers.get("content-type"), Some("application/json"));
        call.request.headers.set("Content-Type", "application/pdf");
        call.apply(p.as_ref()).unwrap();
        assert_eq!(
            call.request.headers.get_all("content-type").collect::<Vec<_>>(),
            ["application/pdf"]
        );
    }

    #[test]
    fn airmeet_sets_location_on_the_webhook_registration_response() {
        // Airmeet: Response-stage `Location` so the engine knows where to unsubscribe.
        let all = policies("Airmeet");
        let mut call =
            Call::new("AirmeetTriggers", "POST", "https://api.example.com/prod", "/hook")
                .connection(
                    json!({"region": "api-gateway.airmeet.com", "username": "u", "password": "p"}),
                );
        call.response = Some(json_response(200, json!({"ok": true})));
        call.run(&all, Stage::Response).unwrap();
        let response = call.response.as_ref().unwrap();
        assert_eq!(
            response.headers.get("Location"),
            Some("https://api-gateway.airmeet.com/prod/platform-integration/v1/webhook-deregister")
        );
        // Scoped: another operation's response is left alone.
        let mut other = Call::new("ListEvents", "GET", "https://x", "/events")
            .connection(json!({"region": "r"}));
        other.response = Some(json_response(200, json!({})));
        other.run(&all, Stage::Response).unwrap();
        assert!(!other.response.as_ref().unwrap().headers.contains("Location"));
    }

    #[test]
    fn documented_header_examples() {
        let mut call = call().connection(json!({}));
        call.apply(inline(&instance("test", "@headers('test')moo", "override")).unwrap().as_ref())
            .unwrap();
        assert_eq!(call.request.headers.get("test"), Some("foomoo"));
        let mut call = self::tests::call();
        call.apply(inline(&instance("test", "moo@headers('test')", "override")).unwrap().as_ref())
            .unwrap();
        assert_eq!(call.request.headers.get("test"), Some("moofoo"));
        call.apply(
            inline(&instance("name", "@connectionParameters('name', '')", "override"))
                .unwrap()
                .as_ref(),
        )
        .unwrap();
        assert_eq!(call.request.headers.get("name"), Some(""));
    }

    #[test]
    fn invalid_instances_do_not_build() {
        let err = |v| inline(&v).unwrap_err().to_string();
        assert_eq!(
            err(instance("[[Dummy]]", "x", "override")),
            "policy template #0 't' (setheader): '[[Dummy]]' is not a valid HTTP header name"
        );
        assert!(err(instance("a", "x", "replace")).contains("unknown variant `replace`"));
        assert!(err(instance("a", "@queryParamters('x')", "skip")).contains("unknown function"));
        let missing = json!({"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "a"}});
        assert!(err(missing).contains("missing field `x-ms-apimTemplateParameter.value`"));
    }

    #[test]
    fn a_missing_connection_parameter_fails_naming_the_title() {
        let p = policy("Cradl AI", "Set basic auth");
        let e = call().apply(p.as_ref()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "policy 'Set basic auth': cannot evaluate `@connectionParameters('api_key')`: \
             connection parameter 'api_key' is not set"
        );
    }
}
