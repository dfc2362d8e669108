//! `switchboard.toml`: the settings of `validate` kept with a repository of connectors, so
//! that CI and every author run the same checks (what `ruff.toml` or an ESLint config is to
//! those tools). The command line wins over the file; lists (`ignore`) add up.
//!
//! ```toml
//! [validate]
//! profile = "certification"
//! min-severity = "warning"
//! ignore = ["RM011"]
//! exclude = ["archive"]
//!
//! [validate.severity]
//! SW076 = "error"
//!
//! [[validate.overrides]]
//! paths = ["legacy/*"]
//! ignore = ["SW001"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use switchboard_diagnostics::{Diagnostic, Severity};
use switchboard_lint::{find_rule, rules};
use switchboard_model::connector::absolute;
use toml::Spanned;

use crate::args::{MinSeverity, ProfileArg};

/// The file looked for.
pub const FILE_NAME: &str = "switchboard.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileContents {
    #[serde(default)]
    validate: ValidateSection,
}

/// The `[validate]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ValidateSection {
    /// As `--profile`.
    pub profile: Option<ProfileArg>,
    /// As `--min-severity`.
    pub min_severity: Option<MinSeverity>,
    /// As `--max-warnings`.
    pub max_warnings: Option<usize>,
    /// Rules not run, as `--ignore`.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Globs of connectors (or folders) not searched for.
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    /// A rule's severity in every profile, or `off`.
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Level>,
    /// Settings for the connectors under some globs.
    #[serde(default)]
    overrides: Vec<OverrideSection>,
    /// A baseline file (see `--baseline`), relative to this file's folder.
    baseline: Option<PathBuf>,
}

/// One `[[validate.overrides]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideSection {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Level>,
}

/// A severity in the file; `off` turns the rule off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A loaded `switchboard.toml`.
#[derive(Debug)]
pub struct Config {
    /// Where it was read from, as found.
    pub path: PathBuf,
    text: String,
    /// Its `[validate]` table.
    pub validate: ValidateSection,
}

impl Config {
    /// The `switchboard.toml` of `dir` or of its nearest ancestor, if any.
    pub fn discover(dir: &Path) -> anyhow::Result<Option<Config>> {
        for folder in absolute(dir).ancestors() {
            let candidate = folder.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    /// Reads and checks `path`; errors name the file, line and column.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = fs_err::read_to_string(path)?;
        let contents: FileContents = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.to_string().trim_end()))?;
        Ok(Config { path: path.to_path_buf(), text, validate: contents.validate })
    }

    /// The `baseline` file, relative to this file's folder.
    pub fn baseline(&self) -> Option<PathBuf> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        self.validate.baseline.as_ref().map(|b| dir.join(b))
    }

    /// `file:line:column` of a byte offset in the file, for errors about a value.
    fn locate(&self, offset: usize) -> String {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{column}", self.path.display())
    }

    /// The rules that need not run at all: those `[validate]` turns off (its `ignore` list and
    /// its `off` severities) that no override gives a severity back.
    pub fn ignored(&self) -> anyhow::Result<Vec<&'static str>> {
        let revived = self.revived()?;
        Ok(self.turned_off()?.into_iter().filter(|c| !revived.contains(c)).collect())
    }

    /// What `[validate]` turns off everywhere.
    fn turned_off(&self) -> anyhow::Result<Vec<&'static str>> {
        let v = &self.validate;
        let off = v.severity.iter().filter(|(_, l)| **l == Level::Off).map(|(k, _)| k);
        let mut codes = Vec::new();
        for name in v.ignore.iter().chain(off) {
            codes.extend(self.rule(name)?);
        }
        Ok(codes)
    }

    /// The rules some override gives a severity: they must run, even if turned off globally.
    fn revived(&self) -> anyhow::Result<Vec<&'static str>> {
        let mut codes = Vec::new();
        for o in &self.validate.overrides {
            for (name, _) in o.severity.iter().filter(|(_, l)| **l != Level::Off) {
                codes.extend(self.rule(name)?);
            }
        }
        Ok(codes)
    }

    /// What the file changes in the findings of each connector (the rules of
    /// [`Config::ignored`] are not in it: they do not run at all).
    pub fn policy(&self) -> anyhow::Result<Policy> {
        let v = &self.validate;
        let base = absolute(self.path.parent().unwrap_or(Path::new(".")));
        let mut global = Adjust::default();
        // Turned off everywhere but given a severity by an override: they run, and their
        // findings are dropped except where the override applies.
        let revived = self.revived()?;
        for code in self.turned_off()?.into_iter().filter(|c| revived.contains(c)) {
            global.set(Some(code), None);
        }
        for (name, level) in v.severity.iter().filter(|(_, l)| **l != Level::Off) {
            global.set(self.rule(name)?, level.severity());
        }
        let mut overrides = Vec::new();
        for o in &v.overrides {
            let mut adjust = Adjust::default();
            for name in &o.ignore {
                adjust.set(self.rule(name)?, None);
            }
            for (name, level) in &o.severity {
                adjust.set(self.rule(name)?, level.severity());
            }
            if o.paths.is_empty() {
                anyhow::bail!("{}: `paths` of an override is empty", self.path.display());
            }
            overrides.push((self.globs(&o.paths)?, adjust));
        }
        let exclude = if v.exclude.is_empty() { None } else { Some(self.globs(&v.exclude)?) };
        Ok(Policy { base, exclude, global, overrides })
    }

    /// The code of the rule `name` names; `None` for a catalog rule that is not checked.
    fn rule(&self, name: &Spanned<String>) -> anyhow::Result<Option<&'static str>> {
        resolve_rule(name.get_ref())
            .map_err(|e| anyhow::anyhow!("{}: {e}", self.locate(name.span().start)))
    }

    fn globs(&self, patterns: &[Spanned<String>]) -> anyhow::Result<GlobSet> {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            let pattern = p.get_ref().trim_end_matches('/');
            // As in .gitignore: `*` stays within a folder, `**` crosses folders.
            let glob = GlobBuilder::new(pattern).literal_separator(true).build().map_err(|e| {
                anyhow::anyhow!(
                    "{}: bad glob {pattern:?}: {}",
                    self.locate(p.span().start),
                    e.kind()
                )
            })?;
            set.add(glob);
        }
        set.build().with_context(|| format!("{}: bad globs", self.path.display()))
    }
}

/// The code of the rule `name` (a code or a name, any case) names; `Ok(None)` for a rule of
/// the catalog that Switchboard does not check (naming it is not a mistake).
pub fn resolve_rule(name: &str) -> anyhow::Result<Option<&'static str>> {
    let name = name.trim();
    if rules::not_checked().iter().any(|(id, _)| id.eq_ignore_ascii_case(name)) {
        return Ok(None);
    }
    if switchboard_lint::diff::find_kind(name).is_some() {
        anyhow::bail!("{name}: a change kind of `switchboard diff`, not a rule of validate");
    }
    match find_rule(name) {
        Some(rule) => Ok(Some(rule.meta().code)),
        None => anyhow::bail!(
            "{name}: no such rule (`switchboard rule --list` lists the codes and names)"
        ),
    }
}

/// Severity changes for some rules: `None` drops the rule's findings.
#[derive(Clone, Debug, Default)]
pub struct Adjust {
    levels: Vec<(&'static str, Option<Severity>)>,
}

impl Adjust {
    fn set(&mut self, code: Option<&'static str>, level: Option<Severity>) {
        let Some(code) = code else { return };
        self.levels.retain(|(c, _)| *c != code);
        self.levels.push((code, level));
    }

    fn merge(&mut self, other: &Adjust) {
        for &(code, level) in &other.levels {
            self.set(Some(code), level);
        }
    }

    /// Changes the severity of `diagnostics` (and drops those turned off).
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.levels.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.levels.iter().find(|(c, _)| *c == d.code) {
            Some((_, Some(level))) => {
                d.severity = *level;
                true
            }
            Some((_, None)) => false,
            None => true,
        });
    }
}

/// The file's settings that depend on the connector.
#[derive(Debug, Default)]
pub struct Policy {
    /// The file's folder: globs are relative to it.
    base: PathBuf,
    exclude: Option<GlobSet>,
    global: Adjust,
    overrides: Vec<(GlobSet, Adjust)>,
}

impl Policy {
    /// `path` relative to the file's folder (as globs see it), and its ancestors below it.
    fn candidates(&self, path: &Path) -> Vec<PathBuf> {
        let full = absolute(path);
        let rel = full.strip_prefix(&self.base).map_or_else(|_| full.clone(), Path::to_path_buf);
        rel.ancestors().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).collect()
    }

    /// Whether `exclude` covers the connector at `path` (or a folder holding it).
    pub fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|set| self.candidates(path).iter().any(|p| set.is_match(p)))
    }

    /// The severity changes for the connector at `path`: `[validate.severity]`, then each
    /// override whose globs cover it (or a folder holding it), in file order.
    pub fn adjust_for(&self, path: &Path) -> Adjust {
        let mut adjust = self.global.clone();
        if self.overrides.is_empty() {
            return adjust;
        }
        let candidates = self.candidates(path);
        for (set, o) in &self.overrides {
            if candidates.iter().any(|p| set.is_match(p)) {
                adjust.merge(o);
            }
        }
        adjust
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> anyhow::Result<Config> {
        // Tests run in parallel: a folder per call.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("sb-config-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, text)?;
        let loaded = Config::load(&path);
        let _ = std::fs::remove_dir_all(&dir);
        loaded
    }

    fn error(text: &str) -> String {
        let checked = config(text).and_then(|c| {
            c.ignored()?;
            c.policy()
        });
        format!("{:#}", checked.unwrap_err())
    }

    #[test]
    fn reads_every_key() {
        let c = config(
            r#"
[validate]
profile = "independent-publisher"
min-severity = "warning"
max-warnings = 3
ignore = ["RM011", "readme-operation-not-mentioned", "PZ014"]
exclude = ["archive/"]
[validate.severity]
SW076 = "error"
BX005 = "off"
[[validate.overrides]]
paths = ["legacy/*"]
ignore = ["BX010"]
severity = { SW076 = "info", output-property-undocumented = "warning" }
"#,
        )
        .unwrap();
        assert_eq!(c.validate.profile, Some(ProfileArg::IndependentPublisher));
        assert_eq!(c.validate.min_severity, Some(MinSeverity::Warning));
        assert_eq!(c.validate.max_warnings, Some(3));
        // Codes and names; the catalog rule that is not checked names nothing; BX005 (off)
        // runs, as an override gives it a severity.
        assert_eq!(c.ignored().unwrap(), ["RM011", "RM011"]);
        let p = c.policy().unwrap();
        let base = &p.base;
        assert!(p.excluded(&base.join("archive/Old")));
        assert!(!p.excluded(&base.join("current/archive-notes")));
        let finding = |code: &'static str| {
            Diagnostic::new(
                code,
                Severity::Warning,
                "m",
                switchboard_diagnostics::Location::file("f"),
            )
        };
        // What the policy leaves of one finding of each of `codes`, for a connector at `path`.
        let adjusted = |path: &str, codes: &[&'static str]| {
            let mut found: Vec<Diagnostic> = codes.iter().map(|c| finding(c)).collect();
            p.adjust_for(&base.join(path)).apply(&mut found);
            found.iter().map(|d| (d.code.to_string(), d.severity)).collect::<Vec<_>>()
        };
        let all = ["SW076", "BX010", "SW001", "BX005"];
        let (info, warning, error) = (Severity::Info, Severity::Warning, Severity::Error);
        let expect = |items: &[(&str, Severity)]| -> Vec<(String, Severity)> {
            items.iter().map(|(c, s)| ((*c).to_string(), *s)).collect()
        };
        let legacy = expect(&[("SW076", info), ("SW001", warning), ("BX005", warning)]);
        assert_eq!(adjusted("legacy/A", &all), legacy);
        let current = expect(&[("SW076", error), ("BX010", warning), ("SW001", warning)]);
        assert_eq!(adjusted("current/A", &all), current);
        // `*` stays within a folder; legacy/A/B is covered through its folder legacy/A.
        assert_eq!(adjusted("legacy/A/B", &["BX010"]), []);
        assert_eq!(adjusted("legacy", &["BX010"]), expect(&[("BX010", warning)]));
    }

    #[test]
    fn an_empty_file_changes_nothing() {
        let c = config("").unwrap();
        assert!(c.validate.profile.is_none() && c.ignored().unwrap().is_empty());
        let p = c.policy().unwrap();
        assert!(!p.excluded(Path::new("x")) && p.adjust_for(Path::new("x")).levels.is_empty());
    }

    #[test]
    fn mistakes_are_located() {
        for (text, expected) in [
            // TOML's own errors: line, column and what was expected.
            ("[validate]\nprofil = \"default\"\n", "line 2, column 1"),
            ("[validate]\nprofil = \"default\"\n", "unknown field `profil`"),
            ("[validate]\nprofile = \"strict\"\n", "unknown variant `strict`"),
            ("[validate.severity]\nSW001 = \"fatal\"\n", "unknown variant `fatal`"),
            // Ours, located the same way.
            (
                "[validate]\nignore = [\"SW001\",\n  \"BX999\"]\n",
                "switchboard.toml:3:3: BX999: no such rule",
            ),
            (
                "[validate.severity]\nBX999 = \"error\"\n",
                "switchboard.toml:2:1: BX999: no such rule",
            ),
            ("[validate]\nexclude = [\"a/[b\"]\n", "switchboard.toml:2:12: bad glob \"a/[b\""),
            ("[[validate.overrides]]\npaths = []\n", "`paths` of an override is empty"),
        ] {
            let e = error(text);
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }
}
