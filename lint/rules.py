"""The rules table: codes, severities, messages and documentation, read from ``rules.yaml``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from termguard.locales import N_, _

__all__ = [
    "SEVERITIES",
    "KINDS",
    "Rule",
    "RuleSet",
    "load_rules",
    "severity_rank",
    "format_rules",
]

#: Severities from least to most severe.
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
#: The checks that raise findings; each rule instance in rules.yaml names one of them.
KINDS: tuple[str, ...] = (
    "loaded", "deprecated", "foreign", "inconsistent",
    "unreadable", "binary", "encoding", "empty", "syntax",
    # Source-versus-edition checks of the QA engine (termguard.qa).
    "term-missing", "loaded-unquoted", "invented-term", "invented-name", "number", "empty-target", "identical",
    "missing-paragraph", "extra-paragraph", "merged", "missing-sentence", "extra-sentence", "runaway", "german-words",
    "german-sentence", "glued", "unbalanced-quotes", "german-quotes", "link", "tag", "footnote", "placeholder",
)
#: Kinds about the input rather than its terminology: an error among them exits with 2.
INPUT_KINDS = frozenset({"unreadable", "binary", "encoding", "empty", "syntax"})
_DOC_SECTIONS = (("what", N_("What it does")), ("why", N_("Why")), ("example", N_("Example")),
                 ("instead", N_("Use instead")))


def severity_rank(severity: str) -> int:
    """0 for info, 1 for warning, 2 for error.

    >>> severity_rank("warning") > severity_rank("info")
    True
    >>> severity_rank("fatal")
    Traceback (most recent call last):
    ...
    ValueError: unknown severity 'fatal' (expected one of: info, warning, error)
    """
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        raise ValueError(f"unknown severity {severity!r} (expected one of: {', '.join(SEVERITIES)})") from None


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the rules table."""

    code: str
    name: str
    kind: str
    severity: str
    message: str
    fix: str
    doc: Mapping[str, str]
    quoted: bool = False
    supersedes: tuple[str, ...] = ()

    @property
    def is_input(self) -> bool:
        return self.kind in INPUT_KINDS

    def format_message(self, fields: Mapping[str, Any], suggestion: str | None) -> str:
        """The finding's message in the UI language (rules.yaml's templates are in the catalog)."""
        message = _(self.message).format_map(fields)
        if self.fix and "{suggestion}" not in self.fix:
            return f"{message}; {_(self.fix)}"  # the same advice whatever the term (e.g. in a quotation)
        if suggestion and self.fix:
            message += "; " + _(self.fix).format(suggestion=suggestion)
        elif fields.get("advice"):
            message += f"; {fields['advice']}"  # the termbase's advice where no neutral form exists
        return message


@dataclass(frozen=True)
class RuleSet:
    """The rules table with a selection (ruff-style code prefixes) and severity overrides applied.

    >>> rules = load_rules().configured(ignore=["TG2"], severity={"TG102": "warning"})
    >>> rules.enabled("TG201"), rules.enabled("TG101"), rules.severity("TG102")
    (False, True, 'warning')
    >>> load_rules().configured(select=["TG7"])
    Traceback (most recent call last):
    ...
    ValueError: unknown rule code or prefix 'TG7'
    """

    rules: Mapping[str, Rule]
    redirects: Mapping[str, str] = field(default_factory=dict)
    select: tuple[str, ...] = ("TG",)
    ignore: tuple[str, ...] = ()
    overrides: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kinds: dict[tuple[str, bool], Rule] = {}
        for rule in self.rules.values():
            kinds.setdefault((rule.kind, rule.quoted), rule)
        object.__setattr__(self, "_kinds", kinds)
        object.__setattr__(self, "_enabled", {})
        object.__setattr__(self, "_severities", {})

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules.values())

    def __getitem__(self, code: str) -> Rule:
        return self.rules[self.redirects.get(code, code)]

    def for_kind(self, kind: str, quoted: bool = False) -> Rule:
        """The rule a check of ``kind`` raises (its quoted variant inside a quotation, if any)."""
        kinds: dict[tuple[str, bool], Rule] = self._kinds  # type: ignore[attr-defined]
        return kinds.get((kind, quoted)) or kinds[kind, False]

    def resolve(self, code_or_prefix: str) -> str:
        """A code or prefix checked against the table (redirects followed); raises ValueError."""
        code = self.redirects.get(code_or_prefix.strip().upper(), code_or_prefix.strip().upper())
        if code == "ALL":
            return "TG"
        if not code or not any(c.startswith(code) for c in self.rules):
            raise ValueError(f"unknown rule code or prefix {code_or_prefix!r}")
        return code

    def configured(self, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                   extend_select: Iterable[str] = (), severity: Mapping[str, str] | None = None) -> RuleSet:
        """A copy with another selection and severity overrides (codes and prefixes validated)."""
        sel = tuple(self.resolve(c) for c in select) if select is not None else self.select
        sel += tuple(self.resolve(c) for c in extend_select)
        ign = self.ignore + tuple(self.resolve(c) for c in ignore)
        overrides = dict(self.overrides)
        for code, sev in (severity or {}).items():
            severity_rank(sev)
            overrides[self.resolve(code)] = sev
        return RuleSet(self.rules, self.redirects, sel, ign, overrides)

    def enabled(self, code: str) -> bool:
        """The most specific matching prefix decides; on a tie ``ignore`` wins (as in ruff)."""
        memo: dict[str, bool] = self._enabled  # type: ignore[attr-defined]
        answer = memo.get(code)
        if answer is None:  # asked once per finding: worked out once per code
            best_sel = max((len(p) for p in self.select if code.startswith(p)), default=-1)
            best_ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
            answer = memo[code] = best_sel > best_ign
        return answer

    def severity(self, code: str) -> str:
        memo: dict[str, str] = self._severities  # type: ignore[attr-defined]
        answer = memo.get(code)
        if answer is None:
            best = max((p for p in self.overrides if code.startswith(p)), key=len, default=None)
            answer = memo[code] = self.overrides[best] if best is not None else self.rules[code].severity
        return answer


#: Version of the cached rules table's layout.
_RULES_CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """The shipped rules table (``lint/rules.yaml``), checked for consistency.

    The parsed table is cached (see termguard.cache), keyed on the file's bytes: parsing the
    YAML took a fifth of a small lint's start-up. Cached or parsed, it is checked the same way.
    """
    from termguard.cache import cache_dir, key_hash, private_dir, read_entry, write_entry

    source = (Path(__file__).parent / "rules.yaml").read_bytes()  # (importlib.resources: 8 ms of start-up)
    key = key_hash()
    key.update(f"{_RULES_CACHE_FORMAT}:".encode() + source)
    digest = key.hexdigest()
    directory = cache_dir()
    cache_file = directory / f"rules-{digest}.marshal"
    use_cache = private_dir(directory)
    cached = read_entry(cache_file) if use_cache else None
    if isinstance(cached, dict):
        try:
            return _rules_from_data(cached, "cache")
        except ValueError:
            pass  # not what termguard writes: parsed again
    import yaml

    data = yaml.load(source.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    rules = _rules_from_data(data, "rules.yaml")
    if use_cache:
        write_entry(cache_file, data)
    return rules


def _str_map(value: Any) -> bool:
    return type(value) is dict and all(type(k) is str and type(v) is str for k, v in value.items())


def _rules_from_data(data: Any, where: str) -> RuleSet:
    """The rules table from rules.yaml's data; raises ValueError (naming ``where``) on anything else."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), dict) or set(data) - {"rules", "redirects"}:
        raise ValueError(f"{where}: expected 'rules' and 'redirects' tables")
    rules: dict[str, Rule] = {}
    for code, raw in data["rules"].items():
        if not (type(code) is str and type(raw) is dict and all(type(raw.get(k)) is str for k in _RULE_TEXTS)
                and type(raw.get("fix", "")) is str and type(raw.get("quoted", False)) is bool
                and _str_map(raw["doc"]) and set(raw) <= {*_RULE_TEXTS, "doc", "fix", "quoted", "supersedes"}
                and type(raw.get("supersedes", [])) is list and all(type(c) is str for c in raw.get("supersedes", []))):
            raise ValueError(f"{where}: {code}: not a rule (name, kind, severity, message, doc, fix, quoted, "
                             "supersedes)")
        rule = Rule(code=code, name=raw["name"], kind=raw["kind"], severity=raw["severity"],
                    message=raw["message"], fix=raw.get("fix", ""), doc=dict(raw["doc"]),
                    quoted=raw.get("quoted", False), supersedes=tuple(raw.get("supersedes", ())))
        if rule.kind not in KINDS:
            raise ValueError(f"{where}: {code}: unknown kind {rule.kind!r}")
        severity_rank(rule.severity)
        rules[code] = rule
    for rule in rules.values():
        unknown = [c for c in rule.supersedes if c not in rules]
        if unknown:
            raise ValueError(f"{where}: {rule.code}: supersedes unknown code(s) {', '.join(unknown)}")
    redirects = data.get("redirects") or {}
    if not _str_map(redirects):
        raise ValueError(f"{where}: redirects: expected a table of code -> code")
    return RuleSet(rules, dict(redirects))


_RULE_TEXTS = ("name", "kind", "severity", "message")


def format_rules(rules: RuleSet, fmt: str = "text", code: str | None = None) -> str:
    """The rules table as plain text, Markdown (for docs/lint.md) or one rule's documentation."""
    selected = [rules[code]] if code else list(rules)
    if fmt == "markdown":
        lines = ["| Code | Name | Default severity | What it does |", "|---|---|---|---|"]
        lines += [f"| {r.code} | {r.name} | {r.severity} | {' '.join(r.doc['what'].split())} |" for r in selected]
        for r in selected:
            lines += ["", f"### {r.code} {r.name}", ""]
            for key, title in _DOC_SECTIONS:
                body = " ".join(r.doc[key].split())
                lines += [f"**{title}.**", "", f"> {body}"] if key == "example" else [f"**{title}.** {body}"]
                lines.append("")
            lines.pop()
        return "\n".join(lines) + "\n"
    if code:
        r = selected[0]
        out = [f"{r.code} {r.name} ({r.severity})", ""]
        for key, title in _DOC_SECTIONS:
            out += [f"{_(title)}:", "    " + " ".join(r.doc[key].split()), ""]
        return "\n".join(out)
    width = max(len(r.name) for r in selected)
    return "\n".join(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {' '.join(r.doc['what'].split())}"
                     for r in selected) + "\n"
