#include "pdf/reorder.hpp"

#include "pdf/edit.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>

namespace galley::pdf {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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
  return out + "  ]\n>>\nendobj";
}

// The object with the array after `key` rotated; nullopt when it has none
// or fewer than n entries (expected entries: 0 for any).
std::optional<std::string> rotated(std::string_view object, std::string_view key, std::size_t n, std::size_t expected) {
  auto array = ref_array_after(object, key);
  if (!array || n > array->refs.size() || (expected > 0 && array->refs.size() != expected)) return std::nullopt;
  rotate_back(array->refs, n);
  std::string body(object);
  body.replace(array->begin, array->end - array->begin, join_refs(array->refs));
  return body;
}

}  // namespace

bool move_front_pages(std::string& pdf, std::size_t pages, std::size_t elements,
                      const std::vector<std::string>& labels) {
  PdfEdit edit;
  if (!edit.open(pdf) || !move_front_pages(edit, pages, elements, labels)) return false;
  pdf = edit.write();
  return true;
}

bool move_front_pages(PdfEdit& edit, std::size_t pages, std::size_t elements, const std::vector<std::string>& labels) {
  const std::string_view catalog = *edit.object(edit.root());
  const auto pages_ref = ref_after(catalog, "/Pages");
  const auto labels_ref = ref_after(catalog, "/PageLabels");
  const auto tree_ref = ref_after(catalog, "/StructTreeRoot");
  if (!pages_ref || !labels_ref || !tree_ref) return false;
  const auto page_tree = edit.object(*pages_ref);
  const auto tree = edit.object(*tree_ref);
  if (!page_tree || !tree) return false;
  const auto kids = rotated(*page_tree, "/Kids", pages, labels.size());
  // The structure tree's one top-level element: Document.
  const auto top = ref_array_after(*tree, "/K");
  if (!kids || !top || top->refs.size() != 1) return false;
  const long document = std::atol(top->refs[0].c_str());
  const auto document_object = edit.object(document);
  if (!document_object || document_object->find("/S /Document") == std::string_view::npos) return false;
  const auto children = rotated(*document_object, "/K", elements, 0);
  if (!children) return false;
  edit.replace(*pages_ref, *kids);
  edit.replace(document, *children);
  edit.replace(*labels_ref, labels_object(*labels_ref, labels));
  return true;
}

}  // namespace galley::pdf
