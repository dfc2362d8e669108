//! Parameters (catalog §2.5, SW100–SW125, SW141, SW150, SW151).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
