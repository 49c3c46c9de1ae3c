#include "read/text/units.hpp"

#include <algorithm>

namespace galley::read::text {

namespace {

std::size_t first_word_length(std::string_view t) {
  const std::size_t end = t.find_first_of(" \t");
  return utf8_length(t.substr(0, end));
}

bool is_quote_line(std::string_view t) { return !t.empty() && t[0] == '>'; }

// A line that can take part in hard wrapping (not a list item, rule or quote).
bool plain(const Line& l) {
  return !l.blank() && !is_scene_break(l.text) && !list_marker(l.text).found && !is_quote_line(l.text);
}

struct Wrap {
  bool wrapped = false;
  std::size_t width = 0;
};

// The break after `a` is soft when `b`'s first word would not have fitted on `a`.
bool soft_break(const Line& a, const Line& b, std::size_t width) {
  const std::size_t slack = std::max<std::size_t>(2, width / 12);
  return a.length + 1 + first_word_length(b.text) + slack > width;
}

Wrap detect_wrap(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  std::vector<char> is_plain(end - begin + 1, 0);
  for (std::size_t i = begin; i < end; ++i) is_plain[i - begin] = plain(lines[i]);
  // Lengths of the lines that have a plain neighbour in their group: in
  // wrapped text nearly all of them end just under the wrap width.
  std::vector<std::size_t> lengths;
  for (std::size_t i = begin; i < end; ++i) {
    if (!is_plain[i - begin]) continue;
    const bool prev = i > begin && is_plain[i - 1 - begin];
    const bool next = i + 1 < end && is_plain[i + 1 - begin];
    if (prev || next) lengths.push_back(lines[i].length);
  }
  Wrap w;
  if (lengths.size() < 3) return w;
  std::vector<std::size_t> sorted = lengths;
  const std::size_t p90 = sorted.size() * 9 / 10;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(p90), sorted.end());
  const std::size_t width = sorted[p90];
  if (width < 30 || width > 100) return w;
  std::size_t pairs = 0, soft = 0;
  for (std::size_t i = begin; i + 1 < end; ++i) {
    if (!is_plain[i - begin] || !is_plain[i + 1 - begin]) continue;
    ++pairs;
    if (soft_break(lines[i], lines[i + 1], width)) ++soft;
  }
  if (soft * 2 < pairs) return w;
  w.wrapped = true;
  w.width = width;
  return w;
}

// In wrapped text, may the first line of a group stand apart from the lines
// after it (a heading or a lead line set directly above its paragraph)?
bool splittable_lead(const Line& lead, const Line& next, std::size_t width) {
  if (lead.length * 4 > width * 3) return false;
  const Ending e = ending(lead.text);
  if (e == Ending::Comma || e == Ending::Semicolon || e == Ending::Dash) return false;
  return !starts_lowercase(lead.text) && !starts_lowercase(next.text);
}

}  // namespace

std::string Unit::joined() const {
  std::string s;
  std::size_t n = 0;
  for (std::string_view p : parts) n += p.size() + 1;
  s.reserve(n);
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!s.empty()) s += ' ';
    s += p;
  }
  return s;
}

Segmentation segment(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  Segmentation seg;
  const Wrap wrap = detect_wrap(lines, begin, end);
  seg.wrapped = wrap.wrapped;
  seg.wrap_width = wrap.width;

  std::vector<Unit>& units = seg.units;
  Unit cur;
  bool open = false;
  int pending_blank = 0;
  bool group_indented = false;  // every line of the current group is indented
  const int indent_min = wrap.wrapped ? 2 : 4;

  auto flush = [&] {
    if (open) units.push_back(std::move(cur));
    open = false;
    cur = Unit{};
  };
  auto start = [&](UnitKind kind, const Line& l, bool group_start) {
    flush();
    cur.kind = kind;
    cur.line = l.number;
    cur.indent = l.indent;
    cur.first_line = l.text;
    cur.blank_before = group_start ? pending_blank : 0;
    pending_blank = 0;
    open = true;
  };
  auto append = [&](std::string_view part, bool hard_before) {
    if (!cur.parts.empty()) cur.hard.push_back(hard_before);
    cur.parts.push_back(part);
  };

  for (std::size_t i = begin; i < end; ++i) {
    const Line& l = lines[i];
    if (l.blank()) {
      flush();
      ++pending_blank;
      continue;
    }
    const bool group_start = i == begin || lines[i - 1].blank();
    if (group_start) {
      group_indented = true;
      for (std::size_t j = i; j < end && !lines[j].blank() && group_indented; ++j)
        group_indented = lines[j].indent >= indent_min || list_marker(lines[j].text).found;
      if (list_marker(l.text).found) group_indented = false;
    }
    const bool soft = !group_start && wrap.wrapped && soft_break(lines[i - 1], l, wrap.width);

    if (is_scene_break(l.text)) {
      start(UnitKind::Break, l, group_start);
      append(l.text, false);
      flush();
      continue;
    }
    if (is_quote_line(l.text)) {
      std::string_view content = l.text.substr(1);
      while (!content.empty() && content[0] == '>') content.remove_prefix(1);  // nested quotes flattened
      content = trim(content);
      if (content.empty()) {  // "> " alone separates quoted paragraphs
        flush();
        continue;
      }
      if (open && cur.kind == UnitKind::Quote && wrap.wrapped) append(content, !soft);
      else {
        start(UnitKind::Quote, l, group_start);
        append(content, false);
      }
      continue;
    }
    if (const ListMarker m = list_marker(l.text); m.found) {
      start(UnitKind::Item, l, group_start);
      cur.ordered = m.ordered;
      cur.number = m.number;
      cur.content_column = l.indent + static_cast<int>(utf8_length(l.text.substr(0, m.content)));
      append(l.text.substr(m.content), false);
      continue;
    }
    if (open) {
      switch (cur.kind) {
        case UnitKind::Item:
          if (l.indent > cur.indent || soft) {
            append(l.text, !soft);
            continue;
          }
          break;
        case UnitKind::Quote:
          if (soft) {
            append(l.text, false);
            continue;
          }
          break;
        case UnitKind::Indented:
          append(l.text, !soft);
          continue;
        case UnitKind::Text:
          if (wrap.wrapped) {
            if (cur.parts.size() == 1 && !soft && splittable_lead(lines[i - 1], l, wrap.width)) break;
            append(l.text, !soft);
            continue;
          }
          // One paragraph per line, but a line that starts in lower case
          // continues the sentence of the line before (a stray hard wrap).
          if (starts_lowercase(l.text) && l.indent <= cur.indent) {
            append(l.text, true);
            continue;
          }
          break;
        case UnitKind::Break:
          break;
      }
    }
    start(group_indented ? UnitKind::Indented : UnitKind::Text, l, group_start);
    append(l.text, false);
  }
  flush();
  for (std::size_t u = 0; u < units.size(); ++u)
    units[u].blank_after = u + 1 < units.size() ? units[u + 1].blank_before : pending_blank;
  return seg;
}

}  // namespace galley::read::text
