//! The phases of one invocation over one per-call context:
//! resolve route → authenticate → request policies → send → response policies → on failure.

mod authenticate;
pub mod build;
mod follow;
mod policy_stage;
mod send;

use std::collections::BTreeMap;

use crate::compile::{CompiledConnector, OperationSpec, PolicySlot};
use crate::policies::{Effects, Stage};
use crate::trace::Recorder;
use crate::{
    Call, Connection, InvokeError, OAuthToken, Outcome, Phase, Request, Response, Runtime, Trace,
};

/// Everything one invocation carries between phases.
pub(crate) struct CallCx<'a> {
    pub(crate) rt: &'a Runtime,
    pub(crate) connector: &'a CompiledConnector,
    pub(crate) op: &'a OperationSpec,
    pub(crate) connection: &'a Connection,
    pub(crate) call: &'a Call,
    pub(crate) arguments: BTreeMap<String, serde_json::Value>,
    pub(crate) recorder: Recorder,
    pub(crate) effects: Effects,
    /// A token obtained during this call, handed back to the caller.
    pub(crate) refreshed: Option<OAuthToken>,
    /// The bearer token injected, when the connector uses OAuth.
    pub(crate) bearer: Option<String>,
    pub(crate) backend_requests: u32,
}

pub(crate) async fn invoke(
    rt: &Runtime,
    connector: &CompiledConnector,
    connection: &Connection,
    call: &Call,
) -> (Result<Outcome, InvokeError>, Trace) {
    let secrets = if call.trace { secrets(connector, connection) } else { Vec::new() };
    let mut recorder = Recorder::new(call.trace, secrets);
    let (op, built) = match resolve_route(connector, call, &mut recorder) {
        Ok(r) => r,
        Err(e) => return (Err(e), recorder.into_trace().unwrap_or_default()),
    };
    let mut cx = CallCx {
        rt,
        connector,
        op,
        connection,
        call,
        arguments: built.arguments,
        recorder,
        effects: Effects::default(),
        refreshed: None,
        bearer: None,
        backend_requests: 0,
    };
    let result = run(&mut cx, built.request).await;
    let trace = cx.recorder.into_trace();
    let result = result.map(|response| Outcome {
        response,
        refreshed_token: cx.refreshed,
        effects: cx.effects,
        backend_requests: cx.backend_requests,
        trace: trace.clone(),
    });
    (result, trace.unwrap_or_default())
}

/// Resolve route: find the operation, refuse what cannot run, build the request.
fn resolve_route<'a>(
    connector: &'a CompiledConnector,
    call: &Call,
    recorder: &mut Recorder,
) -> Result<(&'a OperationSpec, build::BuiltRequest), InvokeError> {
    let Some(op) = connector.operation(&call.operation_id) else {
        let hint = connector
            .operations
            .keys()
            .find(|k| k.eq_ignore_ascii_case(&call.operation_id))
            .map(|k| format!(" (did you mean '{k}'?)"))
            .unwrap_or_default();
        return Err(InvokeError::client(
            Phase::ResolveRoute,
            "UnknownOperation",
            404,
            format!(
                "connector '{}' has no operation '{}'{hint}",
                connector.name, call.operation_id
            ),
        ));
    };
    if op.script {
        return Err(InvokeError::internal(
            Phase::ResolveRoute,
            "CustomCodeNotSupported",
            501,
            format!(
                "custom code (script.csx) is not supported: operation '{}' of connector '{}' runs the connector's script (Switchboard does not execute C#); port the script to a code hook or take the operation out of scriptOperations",
                op.id, connector.name
            ),
        ));
    }
    for slot in &connector.policies {
        if let PolicySlot::Failed { scope, message } = slot
            && scope.applies_to(&op.id)
        {
            return Err(InvokeError::internal(
                Phase::ResolveRoute,
                "PolicyNotBuilt",
                500,
                format!("operation '{}' cannot run: {message}", op.id),
            ));
        }
    }
    if connector.base_url.is_empty() {
        return Err(InvokeError::internal(
            Phase::ResolveRoute,
            "NoBaseUrl",
            500,
            format!(
                "connector '{}' has no host; give a base URL (switchboard invoke --base-url)",
                connector.name
            ),
        ));
    }
    let mut built = build::build_request(connector, op, call)?;
    if !built.request.headers.contains("x-ms-client-request-id") {
        let id = format!("{:016x}{:016x}", crate::clock::random_u64(), crate::clock::random_u64());
        built.request.headers.set("x-ms-client-request-id", id);
    }
    for w in &built.warnings {
        recorder.record(Phase::ResolveRoute, || format!("warning: {w}"), None, None);
    }
    recorder.record(
        Phase::ResolveRoute,
        || format!("built request for '{}' ({} {})", op.id, op.method, op.path.text),
        Some(&built.request),
        None,
    );
    Ok((op, built))
}

async fn run(cx: &mut CallCx<'_>, mut request: Request) -> Result<Response, InvokeError> {
    let mut response = exchange(cx, &mut request, Exchange::Operation).await?;
    response = follow::long_running(cx, &request, response).await?;
    response = follow::pages(cx, &request, response).await?;
    let stages: &[Stage] = if response.status >= 500 {
        &[Stage::Response, Stage::Failure]
    } else {
        &[Stage::Response]
    };
    if !stages.iter().any(|s| policy_stage::applies(cx, *s)) {
        cx.recorder.record(Phase::ResponsePolicies, || "no response policies".into(), None, None);
        return Ok(response);
    }
    cx.recorder.record(
        Phase::ResponsePolicies,
        || "response before response policies".into(),
        None,
        Some(&response),
    );
    for stage in stages {
        policy_stage::run(cx, *stage, &mut request, Some(&mut response)).await?;
    }
    cx.recorder.record(
        Phase::ResponsePolicies,
        || "response after response policies".into(),
        None,
        Some(&response),
    );
    Ok(response)
}

/// What an exchange is for, which decides how request policies apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exchange {
    /// The operation's own request: every request policy in scope runs.
    Operation,
    /// A request to a URL the backend gave (a next link, a long-running operation's status
    /// `Location`): request policies in scope run for what they add (headers, query
    /// parameters, credentials written by `setheader`), but the URL's origin and path and the
    /// GET stay as the backend wrote them — routing policies (`dynamichosturl`,
    /// `routerequesttoendpoint`) address the operation's own route, and applied to an absolute
    /// link they would prepend a base path twice or replace the link's path. `pollingtrigger`
    /// does not run: a follow-up is not a poll.
    FollowUp,
}

/// Authenticate → request policies → send with retries; a 401 on an OAuth connection
/// refreshes the token once and replays once. Failure-stage policies run on 5xx answers (in
/// [`run`]); a transport failure leaves no response for them.
pub(crate) async fn exchange(
    cx: &mut CallCx<'_>,
    request: &mut Request,
    kind: Exchange,
) -> Result<Response, InvokeError> {
    authenticate::inject(cx, request, false).await?;
    match kind {
        Exchange::Operation => policy_stage::run(cx, Stage::Request, request, None).await?,
        Exchange::FollowUp => {
            let address = (request.method.clone(), request.base_url.clone(), request.path.clone());
            policy_stage::run_follow_up(cx, request).await?;
            if (&request.method, &request.base_url, &request.path)
                != (&address.0, &address.1, &address.2)
            {
                (request.method, request.base_url, request.path) = address;
                cx.recorder.record(
                    Phase::RequestPolicies,
                    || "follow-up: the backend's URL and GET kept (routing policies apply to the operation's own route)".into(),
                    Some(request),
                    None,
                );
            }
        }
    }
    if cx.effects.host_from_caller_input {
        cx.connector.check_caller_host(request, Phase::RequestPolicies)?;
    }
    let response = match send::with_retries(cx, request).await {
        Ok(r) => r,
        Err(e) => {
            if e.phase == Phase::Send {
                // Failure-stage instances act on the response; without one there is nothing to
                // change, and the transport error is what the caller must see.
                policy_stage::skip_without_response(cx, Stage::Failure);
            }
            return Err(e);
        }
    };
    if response.status == 401 && authenticate::replace_bearer_after_401(cx, request).await? {
        return send::with_retries(cx, request).await;
    }
    Ok(response)
}

/// Values masked in traces: securestring parameters, OAuth tokens, client secrets.
fn secrets(connector: &CompiledConnector, connection: &Connection) -> Vec<String> {
    let mut out: Vec<String> =
        connector.secret_parameters.iter().filter_map(|p| connection.text(p)).collect();
    for (k, _) in
        connection.values.iter().filter(|(k, _)| k.to_ascii_lowercase().contains("secret"))
    {
        out.extend(connection.text(k));
    }
    if let Some(t) = connection.oauth_token() {
        out.push(t.access_token);
        out.extend(t.refresh_token);
    }
    out.retain(|s| !s.is_empty());
    out
}
