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
  if (continues_on_next_line(lead.text)) return false;
  return !starts_lowercase(lead.text) && !starts_lowercase(next.text);
}

// Builds the units of lines [begin, end) one line at a time; a unit stays
// open while the lines after it may continue it.
class Segmenter {
 public:
  Segmenter(const std::vector<Line>& lines, std::size_t begin, std::size_t end, const Wrap& wrap,
            std::vector<Unit>& units)
      : lines_(lines), begin_(begin), end_(end), wrap_(wrap), units_(units), indent_min_(wrap.wrapped ? 2 : 4) {}

  void add_line(std::size_t i) {
    const Line& l = lines_[i];
    if (l.blank()) {
      flush();
      ++pending_blank_;
      return;
    }
    const bool group_start = i == begin_ || lines_[i - 1].blank();
    if (group_start) group_indented_ = indented_group(i);
    const bool soft = !group_start && wrap_.wrapped && soft_break(lines_[i - 1], l, wrap_.width);

    if (is_scene_break(l.text)) {
      start(UnitKind::Break, l, group_start);
      append(l.text, false);
      flush();
    } else if (is_quote_line(l.text)) {
      quote_line(l, group_start, soft);
    } else if (const ListMarker m = list_marker(l.text); m.found) {
      start(UnitKind::Item, l, group_start);
      cur_.ordered = m.ordered;
      cur_.number = m.number;
      cur_.content_column = l.indent + static_cast<int>(utf8_length(l.text.substr(0, m.content)));
      append(l.text.substr(m.content), false);
    } else if (!open_ || !continue_unit(i, soft)) {
      start(group_indented_ ? UnitKind::Indented : UnitKind::Text, l, group_start);
      append(l.text, false);
    }
  }

  // Closes the last unit; returns the blank lines after it.
  int finish() {
    flush();
    return pending_blank_;
  }

 private:
  void flush() {
    if (open_) units_.push_back(std::move(cur_));
    open_ = false;
    cur_ = Unit{};
  }
  void start(UnitKind kind, const Line& l, bool group_start) {
    flush();
    cur_.kind = kind;
    cur_.line = l.number;
    cur_.indent = l.indent;
    cur_.first_line = l.text;
    cur_.blank_before = group_start ? pending_blank_ : 0;
    pending_blank_ = 0;
    open_ = true;
  }
  void append(std::string_view part, bool hard_before) {
    if (!cur_.parts.empty()) cur_.hard.push_back(hard_before);
    cur_.parts.push_back(part);
  }

  // Whether every line of the group starting at lines_[i] is indented (list
  // items aside) and the group does not open with a list item.
  bool indented_group(std::size_t i) const {
    if (list_marker(lines_[i].text).found) return false;
    for (std::size_t j = i; j < end_ && !lines_[j].blank(); ++j)
      if (lines_[j].indent < indent_min_ && !list_marker(lines_[j].text).found) return false;
    return true;
  }

  void quote_line(const Line& l, bool group_start, bool soft) {
    std::string_view content = l.text.substr(1);
    while (!content.empty() && content[0] == '>') content.remove_prefix(1);  // nested quotes flattened
    content = trim(content);
    if (content.empty()) {  // "> " alone separates quoted paragraphs
      flush();
      return;
    }
    if (open_ && cur_.kind == UnitKind::Quote && wrap_.wrapped) append(content, !soft);
    else {
      start(UnitKind::Quote, l, group_start);
      append(content, false);
    }
  }

  // Appends lines_[i] (not a break, quote or item) to the open unit when it
  // continues it; false when it starts a unit of its own.
  bool continue_unit(std::size_t i, bool soft) {
    const Line& l = lines_[i];
    switch (cur_.kind) {
      case UnitKind::Item:
        if (l.indent <= cur_.indent && !soft) return false;
        append(l.text, !soft);
        return true;
      case UnitKind::Quote:
        if (!soft) return false;
        append(l.text, false);
        return true;
      case UnitKind::Indented:
        append(l.text, !soft);
        return true;
      case UnitKind::Text:
        if (wrap_.wrapped) {
          if (cur_.parts.size() == 1 && !soft && splittable_lead(lines_[i - 1], l, wrap_.width)) return false;
          append(l.text, !soft);
          return true;
        }
        // One paragraph per line, but a line that starts in lower case, or
        // follows a line that leaves its sentence open, continues the
        // paragraph of the line before, on a line of its own (a stray hard
        // wrap, or verse).
        if (l.indent > cur_.indent) return false;
        if (!starts_lowercase(l.text) && !continues_on_next_line(lines_[i - 1].text)) return false;
        append(l.text, true);
        return true;
      case UnitKind::Break:
        return false;
    }
    return false;
  }

  const std::vector<Line>& lines_;
  const std::size_t begin_, end_;
  const Wrap wrap_;
  std::vector<Unit>& units_;
  const int indent_min_;
  Unit cur_;
  bool open_ = false;
  int pending_blank_ = 0;
  bool group_indented_ = false;  // every line of the current group is indented
};

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
  Segmenter segmenter(lines, begin, end, wrap, seg.units);
  for (std::size_t i = begin; i < end; ++i) segmenter.add_line(i);
  const int trailing_blank = segmenter.finish();
  std::vector<Unit>& units = seg.units;
  for (std::size_t u = 0; u < units.size(); ++u)
    units[u].blank_after = u + 1 < units.size() ? units[u + 1].blank_before : trailing_blank;
  return seg;
}

}  // namespace galley::read::text
