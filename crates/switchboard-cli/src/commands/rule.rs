//! `switchboard rule`.

use std::io::Write;

use switchboard_lint::{Profile, RuleMeta, Severity, find_rule, rules};

use crate::args::RuleArgs;
use crate::exit::Exit;

pub fn run(args: &RuleArgs) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    if args.list {
        writeln!(
            out,
            "{:<6}  {:<13}  {:<13}  {:<38}  summary",
            "code", "default", "certification", "name"
        )?;
        for rule in rules::all() {
            let m = rule.meta();
            writeln!(
                out,
                "{:<6}  {:<13}  {:<13}  {:<38}  {}",
                m.code,
                level(m, Profile::Default),
                level(m, Profile::Certification),
                m.name,
                m.summary()
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{:<6}  not checked (catalog ids no rule can check offline)", "code")?;
        for (code, why) in rules::not_checked() {
            writeln!(out, "{code:<6}  {why}")?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<6}  {:<13}  {:<13}  {:<38}  summary   (change kinds of `switchboard diff`)",
            "code", "class", "severity", "name"
        )?;
        for kind in switchboard_lint::diff::all() {
            let m = kind.meta();
            let class = m.class.as_str();
            writeln!(
                out,
                "{:<6}  {class:<13}  {:<13}  {:<38}  {}",
                m.code,
                m.severity.as_str(),
                m.name,
                m.summary()
            )?;
        }
        return Ok(Exit::Clean);
    }
    let code = args.code.as_deref().unwrap_or_default();
    let Some(rule) = find_rule(code) else {
        // Change kinds of `switchboard diff` (BC…) are documented the same way.
        if let Some(m) = switchboard_lint::diff::find_kind(code) {
            writeln!(out, "# {} {}", m.code, m.name)?;
            writeln!(out)?;
            if m.code != "BC100" {
                writeln!(
                    out,
                    "Change kind (switchboard diff): {}, {}",
                    m.class.as_str(),
                    m.severity.as_str()
                )?;
            }
            if let Some(ms) = m.ms_name {
                writeln!(out, "Microsoft change type: {ms}")?;
            }
            writeln!(out)?;
            writeln!(out, "{}", m.docs())?;
            return Ok(Exit::Clean);
        }
        if let Some((id, why)) =
            rules::not_checked().iter().find(|(id, _)| id.eq_ignore_ascii_case(code))
        {
            writeln!(out, "# {id} (not checked)")?;
            writeln!(out)?;
            writeln!(out, "Not a rule: {why}.")?;
            return Ok(Exit::Clean);
        }
        anyhow::bail!("no rule named '{code}'; `switchboard rule --list` lists them");
    };
    let m = rule.meta();
    writeln!(out, "# {} {}", m.code, m.name)?;
    writeln!(out)?;
    writeln!(out, "Group: {}", m.group.as_str())?;
    writeln!(
        out,
        "Severity: {} (default), {} (certification), {} (independent publisher)",
        level(m, Profile::Default),
        level(m, Profile::Certification),
        level(m, Profile::IndependentPublisher)
    )?;
    if let Some(ms) = m.ms_rule {
        writeln!(out, "Microsoft rule: {ms}")?;
    }
    writeln!(out, "Since: {}", m.since)?;
    writeln!(out)?;
    writeln!(out, "{}", m.docs())?;
    Ok(Exit::Clean)
}

fn level(m: &RuleMeta, profile: Profile) -> &'static str {
    m.levels.for_profile(profile).map_or("off", Severity::as_str)
}
