//! apiProperties.json (catalog §3, AP001–AP042).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
