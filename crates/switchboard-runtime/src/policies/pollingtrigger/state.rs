//! The trigger state a `pollingtrigger` keeps between polls (§4.4 step 1), and the `Location`
//! that carries it back to the engine.
//!
//! The runtime is stateless per call (§4.7): the state travels in the runtime-owned query
//! parameter `x-ms-trigger-state` of the `Location` URL the engine calls next, as base64url
//! (no padding) of `{"v":1,"init":true,"params":{…}}`.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};

/// The query parameter that carries the trigger state.
pub const STATE_PARAMETER: &str = "x-ms-trigger-state";

/// What the next poll filters on.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerState {
    /// Format version (1).
    pub v: u32,
    /// The baseline poll has run (existing data never fires).
    pub init: bool,
    /// Filter query parameters for the next poll, by `triggerConfig` key.
    pub params: BTreeMap<String, String>,
}

impl TriggerState {
    /// A state after the baseline poll.
    pub fn new(params: BTreeMap<String, String>) -> Self {
        Self { v: 1, init: true, params }
    }

    /// The base64url form carried in `x-ms-trigger-state`.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    /// Decodes the base64url form (padded or not).
    pub fn decode(text: &str) -> Result<Self, String> {
        let bad = |why: String| format!("{STATE_PARAMETER} '{text}' is not a trigger state: {why}");
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .or_else(|_| URL_SAFE.decode(text))
            .map_err(|e| bad(e.to_string()))?;
        let state: Self = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
        if state.v != 1 {
            return Err(bad(format!("unsupported version {}", state.v)));
        }
        Ok(state)
    }
}

/// A poll in progress, kept in [`Effects::trigger_poll`](crate::policies::Effects) from the
/// Request stage to the Response stage, and reported to the caller afterwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TriggerPoll {
    /// The state the poll started from; `None` on the initial (baseline) poll.
    pub previous: Option<TriggerState>,
    /// The operation path the caller invoked, before `/trigger` was stripped (for a relative
    /// `Location`).
    pub inbound_path: String,
    /// The state for the next poll, once the Response stage ran.
    pub next: Option<TriggerState>,
    /// Whether the poll fires (200 with new items).
    pub fired: bool,
}

/// The `Location` for the next poll: `inbound_url` with `x-ms-trigger-state` replaced (its other
/// query parameters round-trip), or `inbound_path?x-ms-trigger-state=…` without one.
pub fn location(
    inbound_url: Option<&str>,
    inbound_path: &str,
    state: Option<&TriggerState>,
) -> String {
    if let Some(mut url) = inbound_url.and_then(|u| url::Url::parse(u).ok()) {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != STATE_PARAMETER)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.set_query(None);
        if !kept.is_empty() || state.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &kept {
                pairs.append_pair(k, v);
            }
            if let Some(state) = state {
                pairs.append_pair(STATE_PARAMETER, &state.encode());
            }
        }
        return url.to_string();
    }
    match state {
        Some(state) => format!("{inbound_path}?{STATE_PARAMETER}={}", state.encode()),
        None => inbound_path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_and_bad_ones_are_named() {
        let state = TriggerState::new(
            [("since".to_string(), "2024-05-01T10:00:00+0000".to_string())].into(),
        );
        let text = state.encode();
        assert!(!text.contains(['=', '+', '/']));
        assert_eq!(TriggerState::decode(&text).unwrap(), state);
        assert_eq!(TriggerState::decode(&format!("{text}==")).unwrap(), state);
        let e = TriggerState::decode("not-a-state").unwrap_err();
        assert!(e.starts_with("x-ms-trigger-state 'not-a-state' is not a trigger state:"), "{e}");
        let v2 = URL_SAFE_NO_PAD.encode(r#"{"v":2,"init":true,"params":{}}"#);
        assert!(TriggerState::decode(&v2).unwrap_err().ends_with("unsupported version 2"));
    }

    #[test]
    fn locations_keep_other_query_parameters() {
        let state = TriggerState::new(BTreeMap::new());
        let encoded = state.encode();
        assert_eq!(
            location(
                Some("https://sb/apim/fb/c1/trigger/me/feed?a=1&x-ms-trigger-state=old"),
                "/x",
                Some(&state)
            ),
            format!("https://sb/apim/fb/c1/trigger/me/feed?a=1&x-ms-trigger-state={encoded}")
        );
        assert_eq!(
            location(None, "/trigger/me/feed", Some(&state)),
            format!("/trigger/me/feed?x-ms-trigger-state={encoded}")
        );
        assert_eq!(
            location(Some("https://sb/t?x-ms-trigger-state=old"), "/t", None),
            "https://sb/t"
        );
    }
}
