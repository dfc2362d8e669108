//! Helpers shared by the security rules.

use switchboard_model::json::{Member, Value};
use switchboard_model::swagger::SecurityScheme;

use crate::SwaggerIndex;

/// One `name: [scopes]` entry of a security requirement, with who declares it.
pub(crate) struct Requirement<'a> {
    /// The member (`name` and its value).
    pub member: &'a Member,
    /// `the document` or `operation 'Id'`.
    pub owner: String,
}

/// Every entry of every security requirement: the root `security` and each operation's.
pub(crate) fn requirements<'a>(sw: &SwaggerIndex<'a>) -> Vec<Requirement<'a>> {
    let mut out = Vec::new();
    let mut push = |list: Option<&'a Value>, owner: &dyn Fn() -> String| {
        for req in list.into_iter().flat_map(Value::items) {
            for member in req.members() {
                out.push(Requirement { member, owner: owner() });
            }
        }
    };
    push(sw.root().get("security"), &|| "the document".to_string());
    for info in &sw.operations {
        push(info.op.node.get("security"), &|| format!("operation {}", info.op.label()));
    }
    out
}

/// The security definition named `name`.
pub(crate) fn definition<'a>(sw: &SwaggerIndex<'a>, name: &str) -> Option<SecurityScheme<'a>> {
    sw.doc.security_definitions().find(|s| s.name == name)
}
