use switchboard_model::Span;

use crate::text::has_word;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// An authentication kind and the words that show a readme explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    OAuth,
    ApiKey,
    Basic,
}

impl Scheme {
    fn describe(self) -> &'static str {
        match self {
            Scheme::OAuth => "OAuth 2.0 sign-in",
            Scheme::ApiKey => "an API key",
            Scheme::Basic => "a username and password",
        }
    }

    /// Phrases (lowercase substrings) that count as documenting this kind.
    fn phrases(self) -> &'static [&'static str] {
        match self {
            Scheme::OAuth => &[
                "oauth",
                "sign in",
                "sign-in",
                "signin",
                "sign into",
                "log in",
                "login",
                "log-in",
                "logon",
                "azure ad",
                "active directory",
                "entra",
                "microsoft account",
                "authoriz",
                "authoris",
                "consent",
                "app registration",
                "register an app",
                "register your app",
                "client id",
                "single sign",
                "account",
            ],
            Scheme::ApiKey => {
                &["api key", "api-key", "apikey", "api_key", "access key", "subscription key"]
            }
            Scheme::Basic => &["username", "user name", "password", "basic auth", "credentials"],
        }
    }

    /// Whole words that count as documenting this kind.
    fn words(self) -> &'static [&'static str] {
        match self {
            Scheme::OAuth => &[],
            Scheme::ApiKey => {
                &["key", "keys", "token", "tokens", "secret", "credentials", "credential"]
            }
            Scheme::Basic => &["login"],
        }
    }

    fn documented_in(self, text: &str, lower: &str) -> bool {
        self.phrases().iter().any(|p| lower.contains(p))
            || self.words().iter().any(|w| has_word(text, w))
    }
}

declare_rule! {
    /// ## What it does
    /// Checks that `readme.md` explains the authentication the connector actually uses: OAuth
    /// (mentions OAuth, signing in, authorizing, consent, Azure AD/Entra or an app
    /// registration), an API key (mentions a key, token, secret or credentials) or basic
    /// authentication (mentions a username, password, credentials, or the key or token used
    /// as one). The kinds come from the swagger's
    /// `securityDefinitions`, or, when it has none, from the types of apiProperties'
    /// connection parameters (`oauthSetting`, `securestring`). Connectors without
    /// authentication are not checked. This is the part of catalog rule BX026 that RM010
    /// (publisher) and RM011 (operations listed) do not cover.
    ///
    /// ## Why it matters
    /// The readme is where users — and certification reviewers — learn how to create a
    /// connection. A readme that explains API keys for a connector that signs in with OAuth
    /// (usually a leftover from an earlier version or a template) sends users looking for a
    /// key that does not exist.
    ///
    /// ## Example
    /// A connector with `"securityDefinitions": { "oauth2_auth": { "type": "oauth2", … } }` whose
    /// readme's "Obtaining Credentials" section only says "Copy your API token from Settings".
    ///
    /// ## Fix
    /// Describe in "Obtaining Credentials" how users get what the connection dialog asks for:
    /// the account to sign in with for OAuth, where to create the API key, or which
    /// username and password to use.
    pub ReadmeAuthUndocumented {
        code: "BX026",
        name: "readme-auth-undocumented",
        group: Beyond,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ReadmeAuthUndocumented {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(readme) = cx.connector().readme.as_ref() else { return };
        let kinds = configured(cx);
        if kinds.is_empty() {
            return;
        }
        let Some(scanned) = cx.texts().of(readme) else { return };
        let text = scanned.text();
        let lower = scanned.lower();
        let missing: Vec<Scheme> =
            kinds.into_iter().filter(|k| !k.documented_in(text, lower)).collect();
        if missing.is_empty() {
            return;
        }
        let span = credentials_heading(text).unwrap_or(Span::at(0));
        let what = missing.iter().map(|k| k.describe()).collect::<Vec<_>>().join(" or ");
        cx.report_in(&readme.file, None, span, format!("The readme does not explain how to authenticate with {what}, which the connector uses"))
            .set_help("describe under \"Obtaining Credentials\" how users get what the connection dialog asks for");
    }
}

/// The authentication kinds the connector is configured with.
fn configured(cx: &Context<'_>) -> Vec<Scheme> {
    let mut out = Vec::new();
    let add = |out: &mut Vec<Scheme>, k: Scheme| {
        if !out.contains(&k) {
            out.push(k);
        }
    };
    if let Some(sw) = cx.swagger() {
        for scheme in sw.doc.security_definitions() {
            match scheme.scheme_type() {
                Some("oauth2") => add(&mut out, Scheme::OAuth),
                Some("apiKey") => add(&mut out, Scheme::ApiKey),
                Some("basic") => add(&mut out, Scheme::Basic),
                _ => {}
            }
        }
    }
    if out.is_empty()
        && let Some(props) = cx.properties()
    {
        let types = props
            .connection_parameters()
            .chain(props.parameter_set_parameters().map(|(_, p)| p))
            .filter_map(|p| p.param_type());
        for t in types {
            match t {
                "oauthSetting" => add(&mut out, Scheme::OAuth),
                "securestring" => add(&mut out, Scheme::ApiKey),
                _ => {}
            }
        }
    }
    out
}

/// The span of the "Obtaining Credentials" (or similar) heading line.
fn credentials_heading(text: &str) -> Option<Span> {
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            let title = trimmed.trim_start_matches('#').trim().to_lowercase();
            if title.contains("credential")
                || title.contains("authentication")
                || title.contains("api key")
            {
                let start = offset + (line.len() - line.trim_start().len());
                return Some(Span::new(start as u32, (start + trimmed.len()) as u32));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};
    use serde_json::json;

    #[test]
    fn documented_auth_passes() {
        assert!(check(&ReadmeAuthUndocumented, &Fixture::new().build()).is_empty());
        // No authentication: nothing to document.
        let c = Fixture::new()
            .swagger(json!({"securityDefinitions": null, "security": null}))
            .properties(json!({"properties": {"connectionParameters": null}}))
            .build();
        assert!(check(&ReadmeAuthUndocumented, &c).is_empty());
    }

    #[test]
    fn undocumented_oauth_fails_at_the_credentials_heading() {
        let c = Fixture::new()
            .swagger(json!({"securityDefinitions": {"api_key": null, "oauth": {
                "type": "oauth2", "flow": "accessCode",
                "authorizationUrl": "https://login.taskforge.io/authorize", "tokenUrl": "https://login.taskforge.io/token", "scopes": {}
            }}}))
            .set("readme.md", b"# Taskforge\n\nTasks.\n\n## Obtaining Credentials\n\nCopy your API key from Settings.\n".to_vec())
            .build();
        let d = check(&ReadmeAuthUndocumented, &c);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (5, 1));
        assert!(d[0].message.contains("OAuth 2.0 sign-in"), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn connection_parameters_are_the_fallback() {
        let c = Fixture::new()
            .swagger(json!({"securityDefinitions": null, "security": null}))
            .set("readme.md", b"# Taskforge\n\nNothing about connecting.\n".to_vec())
            .build();
        let d = check(&ReadmeAuthUndocumented, &c);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("an API key"));
        assert_eq!(d[0].location.line, 1);
    }
}
