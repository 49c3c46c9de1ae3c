#include "pdf/structure.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "pdf/edit.hpp"

namespace galley::pdf {

TagTree::TagTree() : nodes_(1), open_{0} {}

void TagTree::begin(const std::string& name, int id) {
  const std::size_t index = nodes_.size();
  nodes_.push_back(Node{name, id, {}});
  nodes_[open_.back()].children.push_back(index);
  open_.push_back(index);
}

void TagTree::end() {
  if (open_.size() > 1) open_.pop_back();
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One entry of a structure element's /K: a marked-content id, a reference
// (a child element) or a dictionary (a marked-content or object reference).
struct Item {
  enum Kind { Mcid, Ref, Dict } kind = Mcid;
  long value = 0;
  std::string text;  // Dict
};

struct Elem {
  long number = 0;
  std::string_view text;  // the object, "N 0 obj ... endobj", in the edit (valid until it is replaced)
  std::string name;
  std::optional<long> parent, page;
  std::vector<Item> items;
  std::size_t k_begin = 0, k_end = 0;  // the /K value in text
  std::vector<long> children() const {
    std::vector<long> out;
    for (const Item& i : items)
      if (i.kind == Item::Ref) out.push_back(i.value);
    return out;
  }
};

// Parses a number or "N 0 R" at text[i]; advances i.
std::optional<Item> number_or_ref(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == start) return std::nullopt;
  Item item;
  item.value = std::atol(std::string(text.substr(start, i - start)).c_str());
  if (text.substr(i, 4) == " 0 R") {
    item.kind = Item::Ref;
    i += 4;
  }
  return item;
}

std::optional<Elem> parse_elem(const PdfEdit& edit, long number) {
  const auto object = edit.object(number);
  if (!object || object->find("/Type /StructElem") == std::string_view::npos) return std::nullopt;
  Elem e;
  e.number = number;
  e.text = *object;
  const std::string_view t = e.text;
  const std::size_t s = t.find("/S /");
  if (s == std::string_view::npos) return std::nullopt;
  std::size_t n = s + 4;
  while (n < t.size() && t[n] != ' ' && t[n] != '\n' && t[n] != '/') ++n;
  e.name = std::string(t.substr(s + 4, n - s - 4));
  e.parent = ref_after(t, "/P ");
  e.page = ref_after(t, "/Pg ");
  const std::size_t k = t.find("/K ");
  if (k == std::string_view::npos) return e;  // no content
  std::size_t i = k + 3;
  e.k_begin = i;
  const bool array = t[i] == '[';
  if (array) ++i;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n')) ++i;
    if (i >= t.size()) return std::nullopt;
    if (array && t[i] == ']') {
      ++i;
      break;
    }
    if (t.substr(i, 2) == "<<") {
      const std::size_t close = t.find(">>", i);
      if (close == std::string_view::npos) return std::nullopt;
      e.items.push_back(Item{Item::Dict, 0, std::string(t.substr(i, close + 2 - i))});
      i = close + 2;
    } else {
      auto item = number_or_ref(t, i);
      if (!item) return std::nullopt;
      e.items.push_back(*item);
    }
    if (!array) break;
  }
  e.k_end = i;
  return e;
}

// The references in text, each mapped through `to` when it is there.
std::string map_refs(std::string_view text, const std::map<long, long>& to) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_digit(text[i]) && (i == 0 || !is_digit(text[i - 1]))) {
      std::size_t j = i;
      const auto item = number_or_ref(text, j);
      if (item && item->kind == Item::Ref) {
        const auto it = to.find(item->value);
        out += std::to_string(it == to.end() ? item->value : it->second) + " 0 R";
        i = j;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

class Merger {
 public:
  Merger(PdfEdit& edit, const TagTree& tags) : edit_(edit), tags_(tags.nodes()) {}

  bool run(std::size_t front_elements) {
    const auto tree_ref = ref_after(*edit_.object(edit_.root()), "/StructTreeRoot");
    const auto tree = tree_ref ? edit_.object(*tree_ref) : std::nullopt;
    if (!tree) return false;
    parent_tree_ = ref_after(*tree, "/ParentTree");
    const std::size_t k = tree->find("/K [");
    if (!parent_tree_ || k == std::string_view::npos || tags_[0].children.size() != 1) return false;
    const auto parents = edit_.object(*parent_tree_);
    if (!parents || parents->find("/Nums") == std::string_view::npos || parents->find("/Kids") != std::string_view::npos)
      return false;
    std::size_t i = k + 4;
    while (i < tree->size() && (*tree)[i] == ' ') ++i;
    const auto document = number_or_ref(*tree, i);
    if (!document || document->kind != Item::Ref) return false;
    // The painter's Document children, in the file's order.
    children_ = std::vector<std::vector<std::size_t>>(tags_.size());
    for (std::size_t n = 0; n < tags_.size(); ++n) children_[n] = tags_[n].children;
    auto& top = children_[tags_[0].children[0]];
    if (front_elements > top.size()) return false;
    std::rotate(top.begin(), top.end() - static_cast<std::ptrdiff_t>(front_elements), top.end());
    number_.assign(tags_.size(), 0);
    if (!match(tags_[0].children[0], document->value)) return false;
    merge(tags_[0].children[0]);
    apply();
    return true;
  }

 private:
  // Pairs painter node `node` with element `number`, depth first.
  bool match(std::size_t node, long number) {
    auto elem = parse_elem(edit_, number);
    if (!elem || elem->name != tags_[node].name) return false;
    const std::vector<long> kids = elem->children();
    number_[node] = number;
    elems_.emplace(number, std::move(*elem));
    if (kids.size() != children_[node].size()) return false;
    for (std::size_t i = 0; i < kids.size(); ++i)
      if (!match(children_[node][i], kids[i])) return false;
    return true;
  }

  // Merges consecutive children of the same tag (footnotes at the foot of
  // a page may stand between the parts: they then follow the whole), then
  // their children.
  void merge(std::size_t node) {
    std::vector<std::size_t> kept;
    std::size_t last = 0;  // in kept, the last child that is not a note, + 1
    for (std::size_t c : children_[node]) {
      const bool note = tags_[c].name == "Note";
      if (last > 0 && !note && tags_[c].id >= 0 && tags_[kept[last - 1]].id == tags_[c].id &&
          tags_[kept[last - 1]].name == tags_[c].name) {
        const std::size_t into = kept[last - 1];
        absorbed_[number_[c]] = number_[into];
        fragments_[number_[into]].push_back(number_[c]);
        children_[into].insert(children_[into].end(), children_[c].begin(), children_[c].end());
        continue;
      }
      kept.push_back(c);
      if (!note) last = kept.size();
    }
    children_[node] = kept;
    for (std::size_t c : kept) merge(c);
  }

  // The /K of a surviving element: its items and its fragments', without
  // the children absorbed by others.
  std::string new_k(const Elem& e) const {
    std::vector<std::string> parts;
    auto add = [&](const Elem& from, bool fragment) {
      for (const Item& i : from.items) {
        if (i.kind == Item::Dict) parts.push_back(i.text);
        else if (i.kind == Item::Ref && !absorbed_.count(i.value)) parts.push_back(std::to_string(i.value) + " 0 R");
        else if (i.kind == Item::Mcid && fragment && from.page)
          parts.push_back("<< /Type /MCR /Pg " + std::to_string(*from.page) + " 0 R /MCID " + std::to_string(i.value) +
                          " >>");
        else if (i.kind == Item::Mcid) parts.push_back(std::to_string(i.value));
      }
    };
    add(e, false);
    if (const auto f = fragments_.find(e.number); f != fragments_.end())
      for (long n : f->second) add(elems_.at(n), true);
    std::string out = "[";
    for (const auto& p : parts) out += " " + p;
    return out + " ]";
  }

  void apply() {
    for (const auto& [number, e] : elems_) {
      if (absorbed_.count(number)) {
        edit_.replace(number, std::to_string(number) + " 0 obj\nnull\nendobj");
        continue;
      }
      bool changed = fragments_.count(number) > 0;
      for (const Item& i : e.items) changed = changed || (i.kind == Item::Ref && absorbed_.count(i.value));
      const bool reparent = e.parent && absorbed_.count(*e.parent);
      const bool header = e.name == "TH" && e.text.find("/A ") == std::string_view::npos;
      if (!changed && !reparent && !header) continue;
      std::string text(e.text);
      if (changed) text.replace(e.k_begin, e.k_end - e.k_begin, new_k(e));
      if (header && e.k_begin > 3) text.insert(e.k_begin - 3, "/A << /O /Table /Scope /Column >>\n   ");
      if (reparent) {
        const std::size_t p = text.find("/P ");
        const std::size_t end = text.find(" 0 R", p);
        text.replace(p + 3, end - p - 3, std::to_string(absorbed_.at(*e.parent)));
      }
      edit_.replace(number, std::move(text));
    }
    if (absorbed_.empty()) return;
    // The parent tree: per page, the element of each marked-content id.
    const std::string tree(*edit_.object(*parent_tree_));
    std::set<long> values;
    for (std::size_t i = tree.find("/Nums"); i != std::string::npos && i < tree.size(); ++i) {
      if (!is_digit(tree[i]) || is_digit(tree[i - 1])) continue;
      std::size_t j = i;
      const auto item = number_or_ref(tree, j);
      if (item && item->kind == Item::Ref) values.insert(item->value);
      i = j;
    }
    const std::string direct = map_refs(tree, absorbed_);
    if (direct != tree) edit_.replace(*parent_tree_, direct);
    for (long v : values) {
      const auto object = edit_.object(v);
      if (!object || object->find("/StructElem") != std::string_view::npos) continue;
      const std::size_t body = object->find("obj");
      std::string mapped = std::string(object->substr(0, body + 3)) + map_refs(object->substr(body + 3), absorbed_);
      if (mapped != *object) edit_.replace(v, std::move(mapped));
    }
  }

  PdfEdit& edit_;
  const std::vector<TagTree::Node>& tags_;
  std::optional<long> parent_tree_;
  std::vector<std::vector<std::size_t>> children_;  // per painter node, merged as we go
  std::vector<long> number_;                        // per painter node: its element's object number
  std::map<long, Elem> elems_;
  std::map<long, long> absorbed_;                   // element -> the element it continues
  std::map<long, std::vector<long>> fragments_;     // element -> the elements merged into it
};

}  // namespace

bool finish_structure(PdfEdit& edit, const TagTree& tags, std::size_t front_elements) {
  Merger merger(edit, tags);
  return merger.run(front_elements);
}

}  // namespace galley::pdf
