#include "pdf/reorder.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>

namespace galley::pdf {

namespace {

struct Object {
  long number = 0;
  std::size_t begin = 0, end = 0;  // bytes of "N 0 obj ... endobj\n"
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The number after `key` in text ("/Root 12 0 R" -> 12), or nullopt.
std::optional<long> ref_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + key.size();
  while (i < text.size() && text[i] == ' ') ++i;
  if (i >= text.size() || !is_digit(text[i])) return std::nullopt;
  long n = 0;
  while (i < text.size() && is_digit(text[i])) n = n * 10 + (text[i++] - '0');
  if (text.substr(i, 4) != " 0 R") return std::nullopt;
  return n;
}

// The array after `key` ("/Kids [ 3 0 R 4 0 R ]"): its byte range inside
// text (from '[' to ']' included) and its references. nullopt when the
// array holds anything but indirect references.
struct RefArray {
  std::size_t begin = 0, end = 0;
  std::vector<std::string> refs;  // "3 0 R"
};
std::optional<RefArray> ref_array_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + key.size();
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
  if (i >= text.size() || text[i] != '[') return std::nullopt;
  RefArray out;
  out.begin = i++;
  while (true) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    if (i >= text.size()) return std::nullopt;
    if (text[i] == ']') break;
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == start || text.substr(i, 4) != " 0 R") return std::nullopt;
    i += 4;
    out.refs.emplace_back(text.substr(start, i - start));
  }
  out.end = i + 1;
  return out;
}

std::string join_refs(const std::vector<std::string>& refs) {
  std::string out = "[";
  for (const auto& r : refs) out += " " + r;
  return out + " ]";
}

// Moves the last n entries to the front.
void rotate_back(std::vector<std::string>& v, std::size_t n) {
  std::rotate(v.begin(), v.end() - static_cast<std::ptrdiff_t>(n), v.end());
}

std::string pdf_string(const std::string& s) {
  std::string out = "(";
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), is_digit);
}

// A page-label number tree: a decimal run is one entry, other labels one
// entry each.
std::string labels_object(long number, const std::vector<std::string>& labels) {
  std::string out = std::to_string(number) + " 0 obj\n<< /Nums [\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string& l = labels[i];
    if (all_digits(l)) {
      if (i > 0 && all_digits(labels[i - 1]) && std::atol(l.c_str()) == std::atol(labels[i - 1].c_str()) + 1) continue;
      out += "   " + std::to_string(i) + " << /S /D /St " + std::to_string(std::atol(l.c_str())) + " >>\n";
    } else {
      out += "   " + std::to_string(i) + " << /P " + pdf_string(l) + " >>\n";
    }
  }
  return out + "  ]\n>>\nendobj\n";
}

// The classic cross-reference table Cairo writes: one subsection from 0.
bool read_objects(std::string_view pdf, std::vector<Object>& objects, std::size_t& xref_at, long& size) {
  const std::size_t sx = pdf.rfind("startxref\n");
  if (sx == std::string_view::npos) return false;
  xref_at = static_cast<std::size_t>(std::strtoul(std::string(pdf.substr(sx + 10, 20)).c_str(), nullptr, 10));
  if (xref_at >= pdf.size() || pdf.substr(xref_at, 7) != "xref\n0 ") return false;
  std::size_t i = xref_at + 7;
  size = 0;
  while (i < pdf.size() && is_digit(pdf[i])) size = size * 10 + (pdf[i++] - '0');
  if (i >= pdf.size() || pdf[i] != '\n' || size <= 1) return false;
  ++i;
  if (i + static_cast<std::size_t>(size) * 20 > pdf.size()) return false;
  for (long n = 0; n < size; ++n, i += 20) {
    const std::string_view entry = pdf.substr(i, 20);
    if (entry[17] != 'n') continue;
    const std::size_t off = static_cast<std::size_t>(std::strtoul(std::string(entry.substr(0, 10)).c_str(), nullptr, 10));
    if (entry.substr(10, 7) != " 00000 ") return false;
    objects.push_back(Object{n, off, 0});
  }
  std::sort(objects.begin(), objects.end(), [](const Object& a, const Object& b) { return a.begin < b.begin; });
  for (std::size_t k = 0; k < objects.size(); ++k) {
    objects[k].end = k + 1 < objects.size() ? objects[k + 1].begin : xref_at;
    const std::string head = std::to_string(objects[k].number) + " 0 obj";
    if (objects[k].begin >= objects[k].end || pdf.substr(objects[k].begin, head.size()) != head) return false;
  }
  return !objects.empty();
}

}  // namespace

bool move_front_pages(std::string& pdf, std::size_t pages, std::size_t elements,
                      const std::vector<std::string>& labels) {
  const std::string_view view(pdf);
  std::vector<Object> objects;
  std::size_t xref_at = 0;
  long size = 0;
  if (!read_objects(view, objects, xref_at, size)) return false;
  auto body_of = [&](long number) -> std::optional<std::string_view> {
    for (const Object& o : objects)
      if (o.number == number) return view.substr(o.begin, o.end - o.begin);
    return std::nullopt;
  };
  const std::size_t trailer_at = view.find("trailer\n", xref_at);
  if (trailer_at == std::string_view::npos) return false;
  const std::size_t trailer_end = view.find("startxref\n", trailer_at);
  const auto root = ref_after(view.substr(trailer_at), "/Root");
  if (!root || trailer_end == std::string_view::npos) return false;
  const auto catalog = body_of(*root);
  if (!catalog) return false;
  const auto pages_ref = ref_after(*catalog, "/Pages");
  const auto labels_ref = ref_after(*catalog, "/PageLabels");
  const auto tree_ref = ref_after(*catalog, "/StructTreeRoot");
  if (!pages_ref || !labels_ref || !tree_ref) return false;

  // New bodies of the three objects that change.
  std::vector<std::pair<long, std::string>> replaced;
  {
    const auto body = body_of(*pages_ref);
    if (!body) return false;
    auto kids = ref_array_after(*body, "/Kids");
    if (!kids || kids->refs.size() != labels.size() || pages > kids->refs.size()) return false;
    rotate_back(kids->refs, pages);
    std::string b(*body);
    b.replace(kids->begin, kids->end - kids->begin, join_refs(kids->refs));
    replaced.emplace_back(*pages_ref, std::move(b));
  }
  {
    const auto tree = body_of(*tree_ref);
    if (!tree) return false;
    const auto top = ref_array_after(*tree, "/K");
    if (!top || top->refs.size() != 1) return false;
    const long document = std::atol(top->refs[0].c_str());
    const auto body = body_of(document);
    if (!body || body->find("/S /Document") == std::string_view::npos) return false;
    auto kids = ref_array_after(*body, "/K");
    if (!kids || elements > kids->refs.size()) return false;
    rotate_back(kids->refs, elements);
    std::string b(*body);
    b.replace(kids->begin, kids->end - kids->begin, join_refs(kids->refs));
    replaced.emplace_back(document, std::move(b));
  }
  replaced.emplace_back(*labels_ref, labels_object(*labels_ref, labels));

  // Copy: the header, every object (three of them new), a new xref table,
  // the trailer as it was.
  std::string out;
  out.reserve(pdf.size() + 4096);
  out.append(view.substr(0, objects.front().begin));
  std::vector<std::size_t> offsets(static_cast<std::size_t>(size), 0);
  for (const Object& o : objects) {
    offsets[static_cast<std::size_t>(o.number)] = out.size();
    auto it = std::find_if(replaced.begin(), replaced.end(), [&](const auto& r) { return r.first == o.number; });
    if (it == replaced.end()) {
      out.append(view.substr(o.begin, o.end - o.begin));
    } else {
      // Keep the separator Cairo wrote after "endobj".
      const std::string_view old = view.substr(o.begin, o.end - o.begin);
      const std::size_t endobj = old.rfind("endobj");
      if (endobj == std::string_view::npos) return false;
      std::string body = it->second;
      const std::size_t new_end = body.rfind("endobj");
      if (new_end == std::string::npos) return false;
      body.resize(new_end);
      out += body;
      out.append(old.substr(endobj));
    }
  }
  const std::size_t new_xref = out.size();
  out += "xref\n0 " + std::to_string(size) + "\n";
  const std::size_t old_entries = xref_at + view.substr(xref_at).find('\n', 5) + 1;
  for (long n = 0; n < size; ++n) {
    const std::string_view entry = view.substr(old_entries + static_cast<std::size_t>(n) * 20, 20);
    if (entry[17] != 'n') {
      out.append(entry);
      continue;
    }
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offsets[static_cast<std::size_t>(n)]);
    out.append(line, 20);
  }
  out.append(view.substr(trailer_at, trailer_end - trailer_at));
  out += "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
  pdf.swap(out);
  return true;
}

}  // namespace galley::pdf
