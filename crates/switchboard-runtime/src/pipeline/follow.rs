//! Follow-up requests the backend asks for: long-running operations (`202` + `Location`,
//! spec §5.2) and next links of `x-ms-pageable` operations (spec §5.1). Both go to URLs the
//! backend chose, so both refuse other origins: the connection's credentials never leave the
//! backend's host.

use std::time::Instant;

use serde_json::Value as Json;

use super::{CallCx, Exchange, exchange};
use crate::call::LroMode;
use crate::retry::parse_retry_after;
use crate::{Body, Headers, InvokeError, Phase, Request, Response};

/// Polls a 202's `Location` until a status other than 202, honouring `Retry-After`, within the
/// runtime's long-running-operation timeout. Polls carry credentials and request policies, but
/// keep the `Location` as the backend wrote it ([`Exchange::FollowUp`]).
pub(super) async fn long_running(
    cx: &mut CallCx<'_>,
    request: &Request,
    response: Response,
) -> Result<Response, InvokeError> {
    let wanted = match cx.call.lro {
        LroMode::Never => false,
        LroMode::Always => true,
        LroMode::Declared => cx.op.long_running,
    };
    if !wanted || response.status != 202 {
        return Ok(response);
    }
    let Some(mut location) = response.headers.get("Location").map(str::to_string) else {
        return Ok(response);
    };
    let options = &cx.rt.options;
    let deadline = Instant::now() + options.lro_timeout;
    let mut base = request.url();
    let mut current = response;
    let mut polls = 0u32;
    loop {
        let wait = current
            .headers
            .get("Retry-After")
            .and_then(parse_retry_after)
            .unwrap_or(options.lro_default_interval);
        let left = deadline.saturating_duration_since(Instant::now());
        if wait > left {
            tokio::time::sleep(left).await;
            return Err(InvokeError::upstream(
                Phase::Send,
                "LongRunningTimeout",
                504,
                true,
                format!(
                    "operation '{}' was still running (HTTP 202) after {:?} and {polls} status poll(s)",
                    cx.op.id, options.lro_timeout
                ),
            ));
        }
        tokio::time::sleep(wait).await;
        let url = follow_url(cx, &base, &location, "Location")?;
        let mut poll = get_request(&url);
        polls += 1;
        cx.recorder.record(Phase::Send, || format!("status poll {polls}: GET {url}"), None, None);
        current = exchange(cx, &mut poll, Exchange::FollowUp).await?;
        if current.status != 202 {
            cx.recorder.record(
                Phase::Send,
                || {
                    format!(
                        "long-running operation finished after {polls} poll(s): HTTP {}",
                        current.status
                    )
                },
                None,
                None,
            );
            return Ok(current);
        }
        if let Some(l) = current.headers.get("Location") {
            location = l.to_string();
        }
        base = url;
    }
}

/// Follows next links, concatenating the item arrays, up to `call.max_pages` pages. When the
/// limit stops paging the merged body keeps the next link, so the caller knows there is more.
pub(super) async fn pages(
    cx: &mut CallCx<'_>,
    request: &Request,
    mut response: Response,
) -> Result<Response, InvokeError> {
    let Some(pageable) = cx.op.pageable.clone() else { return Ok(response) };
    if cx.call.max_pages <= 1 || !(200..300).contains(&response.status) {
        return Ok(response);
    }
    let Body::Json(Json::Object(first)) = &mut response.body else { return Ok(response) };
    let Some(Json::Array(mut items)) = first.get(&pageable.item_name).cloned() else {
        return Ok(response);
    };
    let link_of = |obj: &serde_json::Map<String, Json>| {
        obj.get(&pageable.next_link_name)
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut next = link_of(first);
    let mut base = request.url();
    let mut count = 1u32;
    while let Some(link) = next.clone() {
        if count >= cx.call.max_pages {
            cx.recorder.record(
                Phase::Send,
                || {
                    format!(
                        "page limit of {} reached; the next link stays in the body",
                        cx.call.max_pages
                    )
                },
                None,
                None,
            );
            break;
        }
        let url = follow_url(cx, &base, &link, &pageable.next_link_name)?;
        let mut page_request = get_request(&url);
        count += 1;
        cx.recorder.record(Phase::Send, || format!("page {count}: GET {url}"), None, None);
        let page = exchange(cx, &mut page_request, Exchange::FollowUp).await?;
        if !(200..300).contains(&page.status) {
            return Err(InvokeError::upstream(
                Phase::Send,
                "PageFailed",
                502,
                page.status == 429 || page.status >= 500,
                format!("page {count} of operation '{}' answered HTTP {}", cx.op.id, page.status),
            ));
        }
        let Body::Json(Json::Object(obj)) = page.body else {
            return Err(InvokeError::upstream(
                Phase::Send,
                "MalformedResponse",
                502,
                false,
                format!("page {count} of operation '{}' is not a JSON object", cx.op.id),
            ));
        };
        if let Some(Json::Array(more)) = obj.get(&pageable.item_name) {
            items.extend(more.iter().cloned());
        }
        next = link_of(&obj);
        base = url;
    }
    let total = items.len();
    first.insert(pageable.item_name.clone(), Json::Array(items));
    match &next {
        Some(link) => {
            first.insert(pageable.next_link_name.clone(), Json::String(link.clone()));
        }
        None => {
            first.remove(&pageable.next_link_name);
        }
    }
    cx.recorder.record(
        Phase::Send,
        || format!("merged {count} page(s): {total} item(s) in '{}'", pageable.item_name),
        None,
        None,
    );
    Ok(response)
}

/// Resolves `link` against `base` and refuses another origin.
fn follow_url(cx: &CallCx<'_>, base: &str, link: &str, what: &str) -> Result<String, InvokeError> {
    let bad = |reason: String| {
        InvokeError::upstream(
            Phase::Send,
            "UnfollowableLink",
            502,
            false,
            format!("operation '{}': the backend's {what} '{link}' {reason}", cx.op.id),
        )
    };
    let base_url = url::Url::parse(base).map_err(|e| bad(format!("cannot be resolved: {e}")))?;
    let target = base_url.join(link).map_err(|e| bad(format!("is not a URL: {e}")))?;
    if target.origin() != base_url.origin() {
        return Err(bad(format!(
            "points to another origin than {}; credentials are not sent there",
            base_url.origin().ascii_serialization()
        )));
    }
    Ok(target.to_string())
}

/// A GET of an absolute URL, as a [`Request`] policies and the sender understand.
fn get_request(url: &str) -> Request {
    let parsed = url::Url::parse(url).ok();
    let (base_url, path, query) = match &parsed {
        Some(u) => (
            u.origin().ascii_serialization(),
            u.path().to_string(),
            u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
        ),
        None => (url.to_string(), "/".to_string(), Vec::new()),
    };
    let mut headers = Headers::new();
    headers.set("Accept", "application/json");
    Request { method: "GET".into(), base_url, path, query, headers, body: Body::Empty }
}
