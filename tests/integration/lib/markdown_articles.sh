# Shared by markdown.sh (the articles of tests/data) and corpus_markdown.sh
# (every article of the shared corpus); sourced, with `galley`, `tmp` and
# `fail` set by the caller.
#
# convert_markdown INPUT...: each input converts to EPUB and PDF with exit 0
#   (remote images are warnings, never fetched).
# check_markdown_headings ROOT: for each ROOT/heading-eval/NAME.headings with a
#   ROOT/articles-md/NAME.md, the first level-1 entry is metadata.title of
#   `galley inspect NAME.md --json` and every other entry is a heading of its
#   body (same text, typographic punctuation folded to typed); every such
#   article must match.

convert_markdown() {
  local converted=0 warned=0 failed=() f name status
  (($# > 0)) || fail "no Markdown inputs"
  for f in "$@"; do
    name=$(basename "$f" .md)
    status=0
    "$galley" convert "$f" --format epub,pdf -o "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
    if [[ $status != 0 ]]; then
      failed+=("$name (exit $status: $(head -c 300 "$tmp/stderr"))")
      continue
    fi
    [[ -s "$tmp/out/$name.epub" ]] || { failed+=("$name (no $name.epub)"); continue; }
    [[ -s "$tmp/out/$name.pdf" ]] || { failed+=("$name (no $name.pdf)"); continue; }
    if grep -q 'remote' "$tmp/stderr"; then warned=$((warned + 1)); fi
    converted=$((converted + 1))
  done
  if [[ ${#failed[@]} -gt 0 ]]; then
    printf '  %s\n' "${failed[@]}" >&2
    fail "${#failed[@]} of $# Markdown inputs did not convert"
  fi
  echo "convert: $converted/$# Markdown inputs converted to EPUB and PDF ($warned with remote-image warnings)"
}

check_markdown_headings() {
  local root=$1 h name md
  rm -rf "$tmp/json"
  mkdir -p "$tmp/json"
  for h in "$root"/heading-eval/*.headings; do
    name=$(basename "$h" .headings)
    md="$root/articles-md/$name.md"
    [[ -f $md ]] || continue
    "$galley" inspect "$md" --json >"$tmp/json/$name.json" 2>/dev/null || fail "inspect $name.md failed"
  done
  python3 - "$root/heading-eval" "$tmp/json" <<'EOF' || fail "Markdown headings differ from the ground truth under $root"
import json, os, sys

eval_dir, json_dir = sys.argv[1], sys.argv[2]

# Smart punctuation (on by default) prints typographic quotes, dashes and
# French spacing; the ground truth has them as typed: both are folded.
FOLD = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201c': '"', '\u201d': '"',
                      '\u201e': '"', '\u00ab': '"', '\u00bb': '"', '\u2013': '--', '\u2014': '--',
                      '\u2026': '...', '\u202f': ' ', '\u00a0': ' '})

def norm(s):
    s = ' '.join(s.translate(FOLD).split())
    return s.replace(' ?', '?').replace(' !', '!').replace(' :', ':').replace(' ;', ';')

def headings(blocks, out):
    # Headings anywhere in the tree (block quotes and list items included).
    for b in blocks:
        if not isinstance(b, dict):
            continue
        if b.get('type') == 'heading':
            out.append(norm(b.get('text', '')))
        if isinstance(b.get('children'), list):
            headings(b['children'], out)
    return out

articles = all_ok = titles_ok = 0
found = expected = 0
problems = []
for fn in sorted(os.listdir(json_dir)):
    name = fn[:-5]
    with open(os.path.join(json_dir, fn), encoding='utf-8') as f:
        tree = json.load(f)
    entries = []
    with open(os.path.join(eval_dir, name + '.headings'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                continue
            level, _, text = line.partition('\t')
            entries.append((int(level), norm(text)))
    articles += 1
    body = headings(tree['blocks'], [])
    title_entry = next((t for lv, t in entries if lv == 1), None)
    title_ok = title_entry is not None and norm(tree['metadata']['title']) == title_entry
    titles_ok += title_ok
    if not title_ok:
        problems.append(f"{name}: title {tree['metadata']['title']!r}, expected {title_entry!r}")
    rest = list(entries)
    if title_entry is not None:
        rest.remove((1, title_entry))
    missing = [t for _, t in rest if t not in body]
    expected += len(rest)
    found += len(rest) - len(missing)
    if missing:
        problems.append(f"{name}: headings not found: {missing}")
    elif title_ok:
        all_ok += 1

print(f"headings: {all_ok}/{articles} articles fully matched; titles {titles_ok}/{articles}; "
      f"section headings {found}/{expected}")
for p in problems:
    print('  ' + p, file=sys.stderr)
sys.exit(0 if articles > 0 and all_ok == articles else 1)
EOF
}
