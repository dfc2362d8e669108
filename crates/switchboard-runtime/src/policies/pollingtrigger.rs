//! `pollingtrigger`: turn a list operation into a polling trigger (§3.4.16, state machine §4.4).
//!
//! The policy runs in two stages of a poll ([`Policy::runs_in`]):
//! - **Request**: take the state out of the `x-ms-trigger-state` query parameter (none: the
//!   initial poll), strip the leading `/trigger` path segment (the corpus' trigger paths have
//!   it, their backends do not), and set each `triggerConfig` query parameter from the state.
//! - **Response**: read the new items at `triggerDataPath` (`@triggerBody().data`), follow
//!   next links within the poll (at most [`MAX_PAGES`] more pages, same host, through the side
//!   call), compute the next state from the first page, and answer: the initial poll `202`
//!   (existing data never fires), new items `200` with the body, no new items `202` with the
//!   state unchanged, a backend error as it is — each with a `Location` that carries the state.
//!
//! Decisions `[I]`: missing or `null` data is "no items"; on the initial poll a `triggerConfig`
//! value that cannot be evaluated (no items yet) is left out of the state, later it fails the
//! poll; a 202 has no body; the merged body loses its next link only when every page was read.

mod state;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::Value;

pub use state::{STATE_PARAMETER, TriggerPoll, TriggerState, location};

use super::body_path::set;
use super::config::{Instance, Meta, required};
use super::expression::{EvalContext, EvalError, ExprKind, Root, Step, Syntax, Template};
use super::setqueryparameter::set_query;
use super::updatenextlink::same_origin_link;
use super::{BuildError, Policy, PolicyContext, PolicyError, Scope, Stage};
use crate::{Body, InvokeError, Phase, Request, Response};

/// Pages fetched within one poll after the first.
pub const MAX_PAGES: usize = 20;

/// The `triggerConfig` key naming the next-link property (not a query parameter).
const NEXT_LINK_KEY: &str = "x-ms-triggerConfig-nextLink";

/// The `parameters` of a `pollingtrigger` instance. Unknown keys are rejected (closed schema;
/// the 39 corpus instances use only these keys). The stage is not configurable.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingTriggerConfig {
    /// Query-parameter name → value expression evaluated on the previous poll's first page
    /// (`since: @{triggerBody().data[0].created_time}`); `x-ms-triggerConfig-nextLink` names
    /// the next-link property (default `@odata.nextLink`).
    #[serde(rename = "x-ms-apimTemplateParameter.triggerConfig")]
    pub trigger_config: serde_json::Map<String, Value>,
    /// The array of new items: a `@triggerBody()` path.
    #[serde(rename = "x-ms-apimTemplateParameter.triggerDataPath")]
    pub data_path: String,
    /// The trigger operation(s); required, since an unscoped instance would make every
    /// operation a trigger.
    #[serde(rename = "x-ms-apimTemplate-operationName", default)]
    pub operations: Vec<String>,
}

/// A built `pollingtrigger` instance.
#[derive(Debug)]
pub struct PollingTrigger {
    meta: Meta,
    filters: Vec<(String, Template)>,
    next_link: String,
    data_path: (String, Vec<Step>),
}

impl PollingTriggerConfig {
    /// Parses the filter expressions and the data path.
    pub fn build(self, title: &str) -> Result<PollingTrigger, String> {
        if self.operations.is_empty() {
            return Err("x-ms-apimTemplate-operationName must name the trigger operation(s)".into());
        }
        let meta = Meta::new(title, self.operations, None, &[Stage::Request], Stage::Request)?;
        let mut filters = Vec::new();
        let mut next_link = "@odata.nextLink".to_string();
        for (name, value) in self.trigger_config {
            let Value::String(text) = value else {
                return Err(format!("triggerConfig '{name}' must be a string, found {value}"));
            };
            if name == NEXT_LINK_KEY {
                required(NEXT_LINK_KEY, &text)?;
                next_link = text;
            } else if name.trim().is_empty() {
                return Err("triggerConfig has an empty query parameter name".into());
            } else if name == STATE_PARAMETER {
                return Err(format!(
                    "triggerConfig cannot set the runtime's own {STATE_PARAMETER}"
                ));
            } else {
                let template = Template::parse(&text, Syntax::default())
                    .map_err(|e| format!("triggerConfig '{name}': {e}"))?;
                filters.push((name, template));
            }
        }
        let parsed =
            Template::parse(self.data_path.trim(), Syntax::default()).map_err(|e| e.to_string())?;
        let data_path = match parsed.whole_expr().map(|e| &e.kind) {
            Some(ExprKind::Path { root: Root::TriggerBody, steps }) => {
                (self.data_path.clone(), steps.clone())
            }
            _ => {
                return Err(format!(
                    "triggerDataPath must be a @triggerBody() path, found `{}`",
                    self.data_path
                ));
            }
        };
        Ok(PollingTrigger { meta, filters, next_link, data_path })
    }
}

pub(crate) fn build(instance: &Instance<'_>) -> Result<Box<dyn Policy>, BuildError> {
    if let Some(kind) = instance.kind.filter(|k| *k != "PollingTrigger") {
        return Err(
            instance.invalid(format!("instance type must be 'PollingTrigger', found '{kind}'"))
        );
    }
    instance.build(PollingTriggerConfig::build)
}

#[async_trait::async_trait]
impl Policy for PollingTrigger {
    fn template_id(&self) -> &'static str {
        "pollingtrigger"
    }
    fn title(&self) -> &str {
        &self.meta.title
    }
    /// The first stage it runs in; see [`Policy::runs_in`].
    fn stage(&self) -> Stage {
        Stage::Request
    }
    fn scope(&self) -> &Scope {
        &self.meta.scope
    }
    fn runs_in(&self, stage: Stage) -> bool {
        matches!(stage, Stage::Request | Stage::Response)
    }

    async fn apply(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        if cx.response.is_none() { self.request(cx) } else { self.response(cx).await }
    }
}

impl PollingTrigger {
    fn failed(&self, reason: impl Into<String>) -> PolicyError {
        PolicyError::Failed { title: self.meta.title.clone(), reason: reason.into() }
    }

    fn request(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let query = &mut cx.request.query;
        let states: Vec<String> =
            query.iter().filter(|(k, _)| k == STATE_PARAMETER).map(|(_, v)| v.clone()).collect();
        query.retain(|(k, _)| k != STATE_PARAMETER);
        let previous = match states.last() {
            None => None,
            Some(text) => Some(TriggerState::decode(text).map_err(|e| self.failed(e))?),
        };
        let inbound_path = cx.request.path.clone();
        if inbound_path == "/trigger" {
            cx.request.path = "/".into();
        } else if let Some(rest) = inbound_path.strip_prefix("/trigger/") {
            cx.request.path = format!("/{rest}");
        }
        if let Some(state) = &previous {
            for (name, _) in &self.filters {
                if let Some(value) = state.params.get(name) {
                    set_query(&mut cx.request.query, name, value.clone());
                }
            }
        }
        cx.effects.trigger_poll =
            Some(TriggerPoll { previous, inbound_path, next: None, fired: false });
        Ok(())
    }

    async fn response(&self, cx: &mut PolicyContext<'_>) -> Result<(), PolicyError> {
        let title = self.meta.title.clone();
        let Some(mut poll) = cx.effects.trigger_poll.take() else {
            return Err(self.failed("its Request stage did not run on this call"));
        };
        let status = cx.response.as_deref().map_or(0, |r| r.status);
        let (items, next) = if (200..300).contains(&status) {
            let scope = cx.eval_context(Stage::Response, &title)?;
            let items = self.items(&scope).map_err(|e| e.into_policy(&title))?;
            let next = self
                .next_state(&scope, poll.previous.as_ref(), items.len())
                .map_err(|e| e.into_policy(&title))?;
            (Some(items), next)
        } else {
            (None, poll.previous.clone())
        };
        let answered = items.is_some();
        let fired = poll.previous.is_some() && items.as_ref().is_some_and(|i| !i.is_empty());
        if fired && let Some(first) = items {
            self.merge_pages(cx, first).await?;
        }
        let state = if fired { next.as_ref() } else { poll.previous.as_ref().or(next.as_ref()) };
        let loc = location(cx.inbound_url, &poll.inbound_path, state);
        let Some(response) = cx.response.as_deref_mut() else {
            return Err(self.failed("no response"));
        };
        if answered && !fired {
            response.status = 202;
            response.body = Body::Empty;
            response.headers.remove("Content-Type");
            response.headers.remove("Content-Length");
        }
        response.headers.set("Location", loc);
        poll.next = state.cloned();
        poll.fired = fired;
        cx.effects.trigger_poll = Some(poll);
        Ok(())
    }

    /// The items of a page: missing or null data is none.
    fn items(&self, scope: &EvalContext<'_>) -> Result<Vec<Value>, EvalError> {
        let scope = EvalContext { trigger_body: scope.body, ..*scope };
        let (source, steps) = &self.data_path;
        if scope.trigger_body.is_none() {
            return Ok(Vec::new());
        }
        match scope.navigate(source, Root::TriggerBody, steps) {
            Ok(Value::Array(items)) => Ok(items.clone()),
            Ok(Value::Null) => Ok(Vec::new()),
            Err(e) if e.missing => Ok(Vec::new()),
            Ok(other) => Err(EvalError {
                expression: source.clone(),
                reason: format!("the trigger data is not an array: {other}"),
                missing: false,
            }),
            Err(e) => Err(e),
        }
    }

    /// The state for the next poll, from the first page (§4.4 step 6).
    fn next_state(
        &self,
        scope: &EvalContext<'_>,
        previous: Option<&TriggerState>,
        items: usize,
    ) -> Result<Option<TriggerState>, EvalError> {
        let scope = EvalContext { trigger_body: scope.body, ..*scope };
        let mut params = BTreeMap::new();
        match previous {
            Some(prev) if items == 0 => return Ok(Some(prev.clone())),
            Some(prev) => {
                params.clone_from(&prev.params);
                for (name, template) in &self.filters {
                    params.insert(name.clone(), template.eval_text(&scope)?);
                }
            }
            None => {
                for (name, template) in &self.filters {
                    if let Ok(value) = template.eval_text(&scope) {
                        params.insert(name.clone(), value);
                    }
                }
            }
        }
        Ok(Some(TriggerState::new(params)))
    }

    /// Follows next links from the first page and replaces the item array with all items.
    async fn merge_pages(
        &self,
        cx: &mut PolicyContext<'_>,
        mut items: Vec<Value>,
    ) -> Result<(), PolicyError> {
        let title = self.meta.title.clone();
        let request_url = cx.request.url();
        let next_of = |body: Option<&Value>| {
            body.and_then(|b| b.get(&self.next_link))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut link = next_of(cx.response.as_deref().and_then(|r| r.body.as_json()));
        let mut pages = 0;
        while let Some(next) = link.take() {
            if pages == MAX_PAGES {
                link = Some(next);
                break;
            }
            let url = same_origin_link(&request_url, &next).map_err(|e| self.failed(e))?;
            let page = self.fetch(cx, &url).await?;
            let scope = EvalContext {
                body: page.body.as_json(),
                ..cx.eval_context(Stage::Response, &title)?
            };
            items.extend(self.items(&scope).map_err(|e| e.into_policy(&title))?);
            link = next_of(page.body.as_json());
            pages += 1;
        }
        if pages == 0 {
            return Ok(());
        }
        let (_, steps) = &self.data_path;
        let Some(body) = cx.json_body_mut(Stage::Response, &title)? else { return Ok(()) };
        set(body, steps, Value::Array(items)).map_err(|e| self.failed(e))?;
        if link.is_none()
            && let Value::Object(root) = body
        {
            root.shift_remove(&self.next_link);
        }
        Ok(())
    }

    async fn fetch(&self, cx: &PolicyContext<'_>, url: &url::Url) -> Result<Response, PolicyError> {
        let title = self.meta.title.clone();
        let base = url.origin().ascii_serialization();
        let request = Request {
            method: "GET".into(),
            base_url: base,
            path: url.path().to_string(),
            query: url.query_pairs().into_owned().collect(),
            headers: cx.request.headers.clone(),
            body: Body::Empty,
        };
        let target = request.to_string();
        let page = cx
            .side_call
            .send(request)
            .await
            .map_err(|source| PolicyError::SideCall { title: title.clone(), source })?;
        if !(200..300).contains(&page.status) {
            let message = format!("policy '{title}': next page {target} answered {}", page.status);
            let source = InvokeError::upstream(
                Phase::ResponsePolicies,
                "SideCallFailed",
                page.status,
                page.status >= 500,
                message,
            );
            return Err(PolicyError::SideCall { title, source });
        }
        Ok(page)
    }
}
