//! Snapshot support: values that change from run to run replaced with placeholders.

use serde_json::Value;

/// Replaces, at any depth, the non-null value of every member whose key `volatile` accepts
/// with `"[key]"`, and in every other string each `from` of `subs` with its `to`.
pub fn redact(value: &mut Value, volatile: &dyn Fn(&str) -> bool, subs: &[(&str, &str)]) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if volatile(key) && !v.is_null() {
                    *v = Value::String(format!("[{key}]"));
                } else {
                    redact(v, volatile, subs);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact(v, volatile, subs)),
        Value::String(text) => {
            for (from, to) in subs {
                *text = text.replace(from, to);
            }
        }
        _ => {}
    }
}

/// Whether a key names an identifier or a timestamp (`id`, `…_id`, `…_at`): the volatile keys
/// every server response has.
pub fn is_id_or_time(key: &str) -> bool {
    key == "id" || key.ends_with("_id") || key.ends_with("_at")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn volatile_members_and_substrings_are_replaced() {
        let mut v = json!({"id": "t1", "items": [{"user_id": 3, "note": "at 127.0.0.1:80"}],
                           "created_at": null, "name": "x"});
        redact(&mut v, &is_id_or_time, &[("127.0.0.1:80", "[server]")]);
        assert_eq!(
            v,
            json!({"id": "[id]", "items": [{"user_id": "[user_id]", "note": "at [server]"}],
                   "created_at": null, "name": "x"})
        );
    }
}
