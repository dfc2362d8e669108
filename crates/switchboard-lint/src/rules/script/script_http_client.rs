use std::sync::LazyLock;

use regex::bytes::Regex;

use super::common::{CSharp, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// `new HttpClient(`, possibly qualified.
static NEW_HTTP_CLIENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnew\s+(?:global::)?(?:System\.Net\.Http\.)?HttpClient\s*[({]")
        .expect("valid regex")
});

declare_rule! {
    /// ## What it does
    /// Finds `new HttpClient(…)` in script.csx (comments and strings ignored).
    ///
    /// ## Why it matters
    /// Custom code should send requests with `this.Context.SendAsync`, which goes through the
    /// connector's policies, honours the 5-second budget and the cancellation token. Microsoft
    /// documents that creating an `HttpClient` is discouraged and will be blocked in the
    /// future.
    ///
    /// ## Example
    /// ```csharp
    /// var client = new HttpClient();
    /// var response = await client.SendAsync(request);
    /// ```
    ///
    /// ## Fix
    /// ```csharp
    /// var response = await this.Context.SendAsync(request, this.CancellationToken);
    /// ```
    pub ScriptHttpClient {
        code: "CS005",
        name: "script-http-client",
        group: Script,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ScriptHttpClient {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        for m in NEW_HTTP_CLIENT.find_iter(&code.masked) {
            let end = m.end() - 1;
            cx.report_in(
                &script.file,
                None,
                span(m.start(), end),
                "custom code creates an HttpClient: send requests with this.Context.SendAsync instead",
            )
            .set_help("use `await this.Context.SendAsync(request, this.CancellationToken)`; Microsoft will block HttpClient in custom code");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptHttpClient,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn context_send_async_passes() {
        assert!(check(&ScriptHttpClient, &Fixture::new().build()).is_empty());
        assert!(script("var r = await this.Context.SendAsync(req, this.CancellationToken);\n// new HttpClient()\nvar s = \"new HttpClient()\";").is_empty());
    }

    #[test]
    fn new_http_client_fails_at_each_use() {
        let d =
            script("var a = new HttpClient();\nvar b = new System.Net.Http.HttpClient(handler);\n");
        assert_eq!(d.len(), 2);
        assert_eq!((d[1].location.line, d[1].location.column), (2, 9));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
