//! Running policy instances of one stage: the one place a `PolicyContext` is built.

use std::sync::atomic::{AtomicBool, Ordering};

use super::CallCx;
use super::send::Failure;
use crate::compile::{CompiledConnector, PolicySlot};
use crate::policies::{Policy, PolicyContext, PolicyError, SideCall, Stage};
use crate::{InvokeError, Phase, Request, Response, Runtime};

/// Runs the built instances of `stage` that apply to the operation, in array order, each
/// seeing the previous one's changes; records the message after each.
pub(super) async fn run(
    cx: &mut CallCx<'_>,
    stage: Stage,
    request: &mut Request,
    response: Option<&mut Response>,
) -> Result<(), InvokeError> {
    run_filtered(cx, stage, request, response, |_| true).await
}

/// The request stage of a follow-up request (a next link, a status poll): every request
/// policy in scope but `pollingtrigger` (a follow-up is not a poll).
pub(super) async fn run_follow_up(
    cx: &mut CallCx<'_>,
    request: &mut Request,
) -> Result<(), InvokeError> {
    run_filtered(cx, Stage::Request, request, None, |p| p.template_id() != "pollingtrigger").await
}

async fn run_filtered(
    cx: &mut CallCx<'_>,
    stage: Stage,
    request: &mut Request,
    mut response: Option<&mut Response>,
    keep: impl Fn(&dyn Policy) -> bool,
) -> Result<(), InvokeError> {
    let phase = match stage {
        Stage::Request => Phase::RequestPolicies,
        Stage::Response => Phase::ResponsePolicies,
        Stage::Failure => Phase::OnFailure,
    };
    let side = SideCaller {
        rt: cx.rt,
        connector: cx.connector,
        connection_id: &cx.call.connection_id,
        caller_host: AtomicBool::new(cx.effects.host_from_caller_input),
    };
    for slot in &cx.connector.policies {
        let PolicySlot::Built(policy) = slot else { continue };
        if !policy.runs_in(stage)
            || !cx.connector.policy_applies(policy.as_ref(), &cx.op.id)
            || !keep(policy.as_ref())
        {
            continue;
        }
        let mut pcx = PolicyContext {
            operation_id: &cx.op.id,
            original_method: cx.op.method.as_http(),
            arguments: &cx.arguments,
            connection: cx.connection,
            request: &mut *request,
            response: response.as_deref_mut(),
            side_call: &side,
            effects: &mut cx.effects,
            public_base_url: cx.call.public_base_url.as_deref(),
            inbound_url: cx.call.inbound_url.as_deref(),
        };
        if let Err(e) = policy.apply(&mut pcx).await {
            let message = format!("operation '{}': {e}", cx.op.id);
            return Err(match e {
                // A failed side call keeps the status the backend gave it.
                PolicyError::SideCall { source, .. } => {
                    let mut err =
                        InvokeError::internal(phase, "PolicyFailed", source.status, message);
                    err.retry_after = source.retry_after;
                    err
                }
                PolicyError::Evaluation { .. } | PolicyError::Failed { .. } => {
                    InvokeError::internal(phase, "PolicyFailed", 500, message)
                }
            });
        }
        side.caller_host.store(cx.effects.host_from_caller_input, Ordering::Relaxed);
        cx.recorder.record(
            phase,
            || format!("policy '{}' ({})", policy.title(), policy.template_id()),
            (stage == Stage::Request).then_some(&*request),
            response.as_deref(),
        );
    }
    Ok(())
}

/// Records that the instances of `stage` in scope did not run because the backend gave no
/// response (a transport failure).
pub(super) fn skip_without_response(cx: &mut CallCx<'_>, stage: Stage) {
    for slot in &cx.connector.policies {
        let PolicySlot::Built(policy) = slot else { continue };
        if policy.runs_in(stage) && cx.connector.policy_applies(policy.as_ref(), &cx.op.id) {
            cx.recorder.record(
                Phase::OnFailure,
                || {
                    format!(
                        "policy '{}' ({}) skipped: the backend gave no response to act on",
                        policy.title(),
                        policy.template_id()
                    )
                },
                None,
                None,
            );
        }
    }
}

/// Whether any built instance of `stage` applies to the operation.
pub(super) fn applies(cx: &CallCx<'_>, stage: Stage) -> bool {
    cx.connector.policies.iter().any(|slot| {
        matches!(slot, PolicySlot::Built(p) if p.runs_in(stage) && cx.connector.policy_applies(p.as_ref(), &cx.op.id))
    })
}

/// Side calls of policies (`setvaluefromurl`): rate limited and sent as built by the policy
/// (which derives them from the current request, credentials included), without the policy
/// chain and without retries.
struct SideCaller<'a> {
    rt: &'a Runtime,
    connector: &'a CompiledConnector,
    connection_id: &'a str,
    /// A policy before the side call took the host from caller input.
    caller_host: AtomicBool,
}

#[async_trait::async_trait]
impl SideCall for SideCaller<'_> {
    async fn send(&self, request: Request) -> Result<Response, InvokeError> {
        if self.caller_host.load(Ordering::Relaxed) {
            self.connector.check_caller_host(&request, Phase::RequestPolicies)?;
        }
        super::send::admit(self.rt, self.connection_id).await?;
        match super::send::send_once(
            self.rt,
            &request,
            &self.connector.wire_url(&request),
            self.rt.options.timeout,
        )
        .await
        {
            Ok(r) => Ok(r.response),
            Err(failure) => {
                let timeout = self.rt.options.timeout;
                let (code, status, why) = match failure {
                    Failure::Connect(e) => {
                        ("SideCallFailed", 502, format!("could not connect: {e}"))
                    }
                    Failure::Timeout => {
                        ("SideCallTimeout", 504, format!("no answer within {timeout:?}"))
                    }
                    Failure::Transport(e) | Failure::Invalid(e) => ("SideCallFailed", 502, e),
                    Failure::Refused(refused) => {
                        return Err(crate::egress::refused_error(
                            Phase::RequestPolicies,
                            "a policy's side call",
                            &refused,
                        ));
                    }
                    Failure::TooLarge => (
                        "SideCallFailed",
                        502,
                        format!(
                            "the answer is larger than {} bytes",
                            self.rt.options.max_body_bytes
                        ),
                    ),
                };
                Err(InvokeError::upstream(
                    Phase::RequestPolicies,
                    code,
                    status,
                    true,
                    // Without the query, which may carry a connection value.
                    format!("{} {}{}: {why}", request.method, request.base_url, request.path),
                ))
            }
        }
    }
}
