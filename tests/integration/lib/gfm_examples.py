#!/usr/bin/env python3
"""The GFM spec examples as a conformance test (run by corpus_gfm_spec.sh).

  gfm_examples.py split CORPUS_COMMONMARK_DIR OUT_DIR
      writes OUT_DIR/{spec,ext,reg}-NNNN.md (the Markdown of each example)
      and OUT_DIR/expected.json (name -> the spec's expected HTML), skipping
      the examples cmark-gfm's own runner skips ("example disabled").
  gfm_examples.py compare OUT_DIR EPUB_DIR DEVIATIONS_FILE MIN_PERCENT
      compares the visible text of each EPUB with the spec's expected HTML,
      prints the rate and every deviation, and exits 1 when the rate is below
      MIN_PERCENT or a deviation is not listed in DEVIATIONS_FILE.

Visible text: tags stripped, entities decoded, whitespace collapsed, a space
at every block boundary, script and style content left out (a browser does
not show it). Examples whose expected HTML is <IGNORE> are converted and
checked but not compared. A missing image shows its alt text (galley's
placeholder, a browser's fallback), so <img alt="X"> counts as X on both
sides; a task-list checkbox counts as the ballot box galley prints.
"""

import html
import html.parser
import json
import re
import sys
import zipfile
from pathlib import Path

FENCE = "`" * 32
FILES = (("spec", "spec.txt"), ("ext", "extensions.txt"), ("reg", "regression.txt"))
INVISIBLE = {"script", "style"}  # a browser never shows their content
BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "td", "th", "section", "figure",
    "figcaption", "caption", "aside", "nav", "header", "footer", "dl", "dt", "dd",
}


def examples(text):
    """Yields (number, markdown, expected_html, disabled) of one spec file."""
    lines = text.split("\n")
    number = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(FENCE + " example"):
            number += 1
            disabled = "disabled" in line[len(FENCE):].split()
            md, out, part = [], [], 0
            i += 1
            while i < len(lines) and lines[i] != FENCE:
                if lines[i] == "." and part == 0:
                    part = 1
                else:
                    (md if part == 0 else out).append(lines[i])
                i += 1
            tab = lambda s: s.replace("\u2192", "\t")
            yield number, tab("\n".join(md) + "\n" if md else ""), tab("\n".join(out) + "\n" if out else ""), disabled
        i += 1


def split(src_dir, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for prefix, fname in FILES:
        text = (Path(src_dir) / fname).read_text(encoding="utf-8")
        for number, md, want, disabled in examples(text):
            if disabled:
                continue
            name = f"{prefix}-{number:04d}"
            (out / f"{name}.md").write_text(md, encoding="utf-8")
            expected[name] = want
    (out / "expected.json").write_text(json.dumps(expected, indent=0, sort_keys=True), encoding="utf-8")
    print(f"split {len(expected)} examples into {out_dir}")


class TextOf(html.parser.HTMLParser):
    """The visible text of an HTML or XHTML fragment (see the module doc)."""

    def __init__(self, skip_classes=()):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip_classes = set(skip_classes)
        self.skip_depth = 0
        self.stack = []

    def _start(self, tag, attrs, closed):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if self.skip_depth or classes & self.skip_classes or tag in INVISIBLE:
            if not closed:
                self.stack.append(tag)
                self.skip_depth += 1
            return
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if tag == "img":
            self.parts.append(a.get("alt") or "")
        elif tag == "input" and (a.get("type") or "").lower() == "checkbox":
            self.parts.append("\u2611" if "checked" in a else "\u2610")

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, tag in ("img", "input", "br", "hr", "meta", "link"))

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, True)

    def handle_endtag(self, tag):
        if self.skip_depth:
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()
                self.skip_depth -= 1
            return
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)

    def text(self):
        return " ".join("".join(self.parts).split())


def visible(markup, skip_classes=()):
    p = TextOf(skip_classes)
    p.feed(markup)
    p.close()
    return p.text()


def epub_text(epub_path):
    """The body text of galley's EPUB: every spine document but the cover,
    the title page and the navigation document, in spine order, without an
    article's title block."""
    with zipfile.ZipFile(epub_path) as z:
        container = z.read("META-INF/container.xml").decode("utf-8")
        opf_path = re.search(r'full-path="([^"]+)"', container).group(1)
        opf = z.read(opf_path).decode("utf-8")
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        items = {}
        for m in re.finditer(r"<item\b[^>]*>", opf):
            tag = m.group(0)
            iid = re.search(r'\bid="([^"]+)"', tag).group(1)
            href = re.search(r'\bhref="([^"]+)"', tag).group(1)
            items[iid] = (href, re.search(r'\bproperties="([^"]*)"', tag))
        texts = []
        for m in re.finditer(r'<itemref\b[^>]*\bidref="([^"]+)"', opf):
            href, props = items[m.group(1)]
            if props and "nav" in props.group(1).split():
                continue
            doc = z.read(base + html.unescape(href)).decode("utf-8")
            if re.search(r'epub:type="[^"]*\b(titlepage|cover)\b', doc) or re.search(r'epub:type="[^"]*\btoc\b', doc):
                continue
            body = re.search(r"<body\b[^>]*>(.*)</body>", doc, re.S)
            texts.append(visible(body.group(1) if body else "", skip_classes=("pagebreak-marker", "titleblock")))
        return " ".join(t for t in texts if t)


def read_deviations(path):
    listed = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        listed[name] = reason.strip()
    return listed


def compare(out_dir, epub_dir, deviations_file, min_percent):
    expected = json.loads((Path(out_dir) / "expected.json").read_text(encoding="utf-8"))
    listed = read_deviations(deviations_file)
    same, unlisted, listed_seen, fixed = 0, [], [], []
    ignored = [name for name in expected if expected[name].strip() == "<IGNORE>"]
    for name in ignored:
        del expected[name]
    for name in sorted(expected):
        epub = Path(epub_dir) / f"{name}.epub"
        want = visible(expected[name])
        got = epub_text(epub) if epub.exists() else "<no EPUB>"
        if got == want:
            same += 1
            if name in listed:
                fixed.append(name)
            continue
        line = f"  {name}: expected {want[:100]!r}\n  {' ' * len(name)}  got      {got[:100]!r}"
        if name in listed:
            listed_seen.append(f"{line}\n  {' ' * len(name)}  listed: {listed[name]}")
        else:
            unlisted.append(line)
    total = len(expected)
    rate = 100.0 * same / total
    print(f"gfm_spec: {same} of {total} examples ({rate:.1f} %) show the spec's text"
          f" ({len(ignored)} without expected HTML not compared)")
    if listed_seen:
        print(f"{len(listed_seen)} listed deviations:")
        print("\n".join(listed_seen))
    if fixed:
        print(f"listed but now equal (remove from {Path(deviations_file).name}): {' '.join(fixed)}")
    ok = True
    if unlisted:
        print(f"FAIL: {len(unlisted)} deviations not listed in {deviations_file}:")
        print("\n".join(unlisted))
        ok = False
    if rate < min_percent:
        print(f"FAIL: {rate:.1f} % is below {min_percent} %")
        ok = False
    return 0 if ok else 1


def main(argv):
    if len(argv) == 4 and argv[1] == "split":
        split(argv[2], argv[3])
        return 0
    if len(argv) == 6 and argv[1] == "compare":
        return compare(argv[2], argv[3], argv[4], float(argv[5]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
