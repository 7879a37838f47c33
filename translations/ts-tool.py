#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Works with translations/cimdiag_<lang>.ts for translators and CI (see translations/README.md).

  ts-tool.py export LANG [--all] > todo.json   unfinished messages (all with --all) as JSON
  ts-tool.py import LANG todo.json [--strict]  writes the "translation" fields back, marked finished
  ts-tool.py stats                             finished / unfinished counts per language
  ts-tool.py check --lupdate PATH --list FILE  the CI check (ctest TranslationsUpToDate)

The .ts files stay byte for byte in lupdate's format: an import edits the XML with ElementTree and
then lets lconvert (same package and same writer as lupdate) write the file, so the CI check
"lupdate would not change a .ts file" stays green after an import.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
LANGUAGES = ("de", "fr", "ja")
QT_BIN = "/usr/lib/qt6/bin"  # Debian's qt6-l10n-tools puts lupdate, lconvert and lrelease here
# %1..%99 and %n (numerus), as QString::arg() and tr(..., n) replace them; %% is not a placeable.
PLACEHOLDER = re.compile(r"%(?:L?[1-9][0-9]?|n|Ln)")


def ts_path(language):
    if language not in LANGUAGES:
        sys.exit(f"ts-tool: unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    return os.path.join(HERE, f"cimdiag_{language}.ts")


def tool(name, given=None):
    """lupdate or lconvert: the given path, then Qt's bin directory, then PATH."""
    for candidate in (given, os.path.join(QT_BIN, name), shutil.which(name)):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit(f"ts-tool: {name} not found (Debian package qt6-l10n-tools)")


def message_key(context, source, comment):
    """A stable key: the same message keeps it across lupdate runs (it is what lupdate matches on)."""
    digest = hashlib.sha1("\x00".join((context, source, comment or "")).encode("utf-8")).hexdigest()
    return digest[:16]


def text_of(element):
    return "" if element is None or element.text is None else element.text


def messages(tree):
    """Yields (context name, message element) in file order."""
    for context in tree.getroot().iter("context"):
        name = text_of(context.find("name"))
        for message in context.iter("message"):
            yield name, message


def describe(context, message):
    """The exportable fields of one message."""
    source = text_of(message.find("source"))
    comment = text_of(message.find("comment"))
    translation = message.find("translation")
    numerus = message.get("numerus") == "yes"
    entry = {
        "key": message_key(context, source, comment),
        "context": context,
        "source": source,
    }
    if comment:
        entry["disambiguation"] = comment
    extra = text_of(message.find("extracomment"))
    if extra:
        entry["comment"] = extra
    translator_comment = text_of(message.find("translatorcomment"))
    if translator_comment:
        entry["translatorcomment"] = translator_comment
    if numerus:
        forms = translation.findall("numerusform") if translation is not None else []
        entry["numerus"] = True
        entry["forms"] = max(1, len(forms))
        entry["translation"] = [text_of(form) for form in forms]
    else:
        entry["translation"] = text_of(translation)
    entry["finished"] = is_finished(message)
    return entry


def is_finished(message):
    """Finished: no type attribute (unfinished, vanished, obsolete) and no empty form."""
    translation = message.find("translation")
    if translation is None or translation.get("type"):
        return False
    if message.get("numerus") == "yes":
        forms = translation.findall("numerusform")
        return bool(forms) and all(text_of(form) for form in forms)
    return bool(text_of(translation))


def accelerators(text):
    """The &-accelerators of a text (a && is a literal ampersand, not one)."""
    return re.findall(r"&(?!&)(?=[^\s&;])", text.replace("&&", ""))


def check_placeables(entry, translation):
    """Warnings for a translation whose placeholders or accelerator differ from the source's."""
    problems = []
    source = entry["source"]
    forms = translation if isinstance(translation, list) else [translation]
    wanted = sorted(set(PLACEHOLDER.findall(source)))
    for index, form in enumerate(forms):
        found = sorted(set(PLACEHOLDER.findall(form)))
        # A numerus form may leave %n out (e.g. Japanese "1 件" written out) but adds nothing new.
        missing = [p for p in wanted if p not in found and not (entry.get("numerus") and p == "%n")]
        extra = [p for p in found if p not in wanted]
        where = f" (form {index + 1})" if len(forms) > 1 else ""
        if missing or extra:
            problems.append(f"placeholders differ{where}: source {wanted}, translation {found}")
        if len(accelerators(source)) != len(accelerators(form)):
            problems.append(f"&-accelerator count differs{where}: {source!r} vs {form!r}")
        if source.endswith("\n") != form.endswith("\n"):
            problems.append(f"trailing newline differs{where}")
    return problems


def command_export(args):
    tree = ET.parse(ts_path(args.language))
    entries = [describe(c, m) for c, m in messages(tree)]
    if not args.all:
        entries = [e for e in entries if not e["finished"]]
    json.dump(entries, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    print(f"ts-tool: {len(entries)} message(s) exported from cimdiag_{args.language}.ts", file=sys.stderr)
    return 0


def command_import(args):
    path = ts_path(args.language)
    with open(args.file, encoding="utf-8") as handle:
        entries = json.load(handle)
    tree = ET.parse(path)
    by_key = {}
    for context, message in messages(tree):
        source = text_of(message.find("source"))
        by_key[message_key(context, source, text_of(message.find("comment")))] = message

    imported = skipped = warned = 0
    for entry in entries:
        translation = entry.get("translation")
        if translation in (None, "", []) or (isinstance(translation, list) and not any(translation)):
            continue
        message = by_key.get(entry.get("key"))
        label = f"{entry.get('context')}: {entry.get('source', '')[:60]!r}"
        if message is None:
            print(f"ts-tool: not in the .ts (source changed? export again): {label}", file=sys.stderr)
            skipped += 1
            continue
        numerus = message.get("numerus") == "yes"
        if numerus != isinstance(translation, list):
            print(f"ts-tool: {label}: {'a list of forms' if numerus else 'one string'} expected", file=sys.stderr)
            skipped += 1
            continue
        problems = check_placeables(entry | {"numerus": numerus, "source": text_of(message.find("source"))},
                                    translation)
        for problem in problems:
            print(f"ts-tool: warning: {label}: {problem}", file=sys.stderr)
        if problems:
            warned += 1
            if args.strict:
                skipped += 1
                continue
        element = message.find("translation")
        if element is None:
            element = ET.SubElement(message, "translation")
        element.attrib.pop("type", None)
        if numerus:
            want = len(element.findall("numerusform")) or len(translation)
            if len(translation) != want:
                print(f"ts-tool: warning: {label}: {len(translation)} numerus form(s), the language has {want}",
                      file=sys.stderr)
            for child in list(element):
                element.remove(child)
            element.text = None
            for form in translation:
                ET.SubElement(element, "numerusform").text = form
        else:
            for child in list(element):
                element.remove(child)
            element.text = translation
        if not is_finished(message):
            element.set("type", "unfinished")  # an empty numerus form stays unfinished
        imported += 1

    # lconvert writes the file in lupdate's exact format (indentation, entities, attribute order).
    with tempfile.TemporaryDirectory() as scratch:
        raw = os.path.join(scratch, "raw.ts")
        tree.write(raw, encoding="utf-8", xml_declaration=True)
        subprocess.run([tool("lconvert"), "-i", raw, "-o", path], check=True)
    print(f"ts-tool: {imported} imported, {skipped} skipped, {warned} with warnings into cimdiag_{args.language}.ts",
          file=sys.stderr)
    return 1 if args.strict and (skipped or warned) else 0


def counts(path):
    tree = ET.parse(path)
    total = finished = 0
    offenders = []
    for context, message in messages(tree):
        total += 1
        if is_finished(message):
            finished += 1
        else:
            offenders.append(f"{context}: {text_of(message.find('source'))[:70]!r}")
    return total, finished, offenders


def command_stats(_args):
    for language in LANGUAGES:
        total, finished, _ = counts(ts_path(language))
        print(f"{language}: {finished} of {total} finished, {total - finished} unfinished")
    return 0


def required_languages():
    """translations/complete-languages.txt: one language per line (# comments); each must be complete."""
    path = os.path.join(HERE, "complete-languages.txt")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        lines = [line.split("#", 1)[0].strip() for line in handle]
    return [line for line in lines if line]


def command_check(args):
    failed = False
    # 1. lupdate over the same sources with the same options must not change a committed .ts file.
    with tempfile.TemporaryDirectory() as scratch:
        copies = []
        for language in LANGUAGES:
            copy = os.path.join(scratch, f"cimdiag_{language}.ts")
            shutil.copyfile(ts_path(language), copy)
            copies.append(copy)
        command = [tool("lupdate", args.lupdate), *args.option, f"@{args.list}", "-ts", *copies]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL: lupdate exited with {run.returncode}:\n{run.stdout}{run.stderr}")
            return 1
        # With -silent lupdate prints only problems, e.g. "Class 'X' lacks Q_OBJECT macro": that tr() is
        # filed under a context the program does not look up, so the text would never be translated.
        warnings = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
        if warnings:
            failed = True
            print("FAIL: lupdate warns (use a Q_OBJECT class, Q_DECLARE_TR_FUNCTIONS or translate() with a literal"
                  " context):")
            print("\n".join(warnings[:20]))
        for language, copy in zip(LANGUAGES, copies):
            with open(ts_path(language), encoding="utf-8") as a, open(copy, encoding="utf-8") as b:
                committed, fresh = a.read().splitlines(), b.read().splitlines()
            if committed != fresh:
                failed = True
                import difflib
                diff = list(difflib.unified_diff(committed, fresh, f"translations/cimdiag_{language}.ts",
                                                 "after lupdate", lineterm="", n=1))
                print(f"FAIL: lupdate would change translations/cimdiag_{language}.ts "
                      f"(run: cmake --build <build dir> --target update_translations). First lines of the diff:")
                print("\n".join(diff[:40]))
    # 2. Every language listed in complete-languages.txt must have no unfinished message.
    for language in required_languages():
        total, finished, offenders = counts(ts_path(language))
        if offenders:
            failed = True
            print(f"FAIL: cimdiag_{language}.ts is listed in complete-languages.txt but {len(offenders)} of "
                  f"{total} message(s) are unfinished or untranslated; the first ones:")
            for offender in offenders[:10]:
                print(f"  {offender}")
    for language in LANGUAGES:
        total, finished, _ = counts(ts_path(language))
        state = "required complete" if language in required_languages() else "not yet required complete"
        print(f"{language}: {finished} of {total} finished ({state})")
    if not failed:
        print("PASS: the .ts files are what lupdate makes of the sources")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="unfinished messages of LANG as JSON on standard output")
    export.add_argument("language")
    export.add_argument("--all", action="store_true", help="every message, finished ones too")
    export.set_defaults(run=command_export)
    importing = sub.add_parser("import", help="write the translations of a JSON file into LANG's .ts")
    importing.add_argument("language")
    importing.add_argument("file")
    importing.add_argument("--strict", action="store_true",
                           help="skip translations with placeholder warnings and exit 1")
    importing.set_defaults(run=command_import)
    stats = sub.add_parser("stats", help="finished and unfinished counts")
    stats.set_defaults(run=command_stats)
    check = sub.add_parser("check", help="the CI check")
    check.add_argument("--lupdate", help="the lupdate binary")
    check.add_argument("--list", required=True, help="lupdate's source list (build/translations/lupdate-sources.lst)")
    check.add_argument("--option", action="append", default=[], help="an lupdate option (repeat)")
    check.set_defaults(run=command_check)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
