//! Operations (catalog §2.3, SW060–SW081, SW167).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
