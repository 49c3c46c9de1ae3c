#include "epub/svg_sanitize.hpp"

#include <tinyxml2.h>

#include <cctype>
#include <string_view>
#include <vector>

namespace galley::epub {

namespace {

using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The local name of "prefix:name".
std::string local_name(std::string_view name) {
  const auto colon = name.rfind(':');
  return lower(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

bool is_safe_reference(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
  value.remove_prefix(i);
  if (value.empty() || value.front() == '#') return true;
  const std::string v = lower(value.substr(0, 11));
  return v.rfind("data:image/", 0) == 0 && lower(value).find("svg") == std::string::npos;
}

// url(...) or @import reaching anything but a fragment or an image data: URI.
bool has_external_css_reference(std::string_view css) {
  const std::string l = lower(css);
  if (l.find("@import") != std::string::npos || l.find("expression(") != std::string::npos) return true;
  for (std::size_t at = l.find("url("); at != std::string::npos; at = l.find("url(", at + 4)) {
    std::size_t v = at + 4;
    while (v < l.size() && (l[v] == ' ' || l[v] == '"' || l[v] == '\'')) ++v;
    const std::size_t end = l.find(')', v);
    if (!is_safe_reference(std::string_view(css).substr(v, end == std::string::npos ? std::string::npos : end - v)))
      return true;
  }
  return false;
}

bool is_dropped_element(const std::string& name) {
  return name == "script" || name == "foreignobject" || name == "iframe" || name == "embed" || name == "object" ||
         name == "handler" || name == "listener";
}

// An element that only draws what it references (image, use, feImage),
// referencing something outside the file: nothing of it would be left.
bool references_outside(const XMLElement* e, const std::string& name) {
  if (name != "image" && name != "use" && name != "feimage") return false;
  for (const tinyxml2::XMLAttribute* a = e->FirstAttribute(); a; a = a->Next())
    if (local_name(a->Name()) == "href" && !is_safe_reference(a->Value())) return true;
  return false;
}

// Removes unsafe attributes of `e`; returns how many.
int clean_attributes(XMLElement* e) {
  std::vector<std::string> drop;
  for (const tinyxml2::XMLAttribute* a = e->FirstAttribute(); a; a = a->Next()) {
    const std::string name = local_name(a->Name());
    const std::string_view value = a->Value();
    if (name.rfind("on", 0) == 0) drop.emplace_back(a->Name());
    else if ((name == "href" || name == "src") && !is_safe_reference(value)) drop.emplace_back(a->Name());
    else if (name == "style" && has_external_css_reference(value)) drop.emplace_back(a->Name());
    else if (has_external_css_reference(value) && lower(value).find("url(") != std::string::npos)
      drop.emplace_back(a->Name());  // fill="url(http://...)"
  }
  for (const auto& n : drop) e->DeleteAttribute(n.c_str());
  return static_cast<int>(drop.size());
}

// Walks the tree iteratively (hostile nesting cannot exhaust the stack).
int clean_tree(XMLElement* root) {
  int removed = 0;
  std::vector<XMLElement*> todo{root};
  while (!todo.empty()) {
    XMLElement* e = todo.back();
    todo.pop_back();
    removed += clean_attributes(e);
    for (XMLNode* child = e->FirstChild(); child;) {
      XMLNode* next = child->NextSibling();
      if (XMLElement* ce = child->ToElement()) {
        const std::string name = local_name(ce->Name());
        const bool bad_style = name == "style" && ce->GetText() && has_external_css_reference(ce->GetText());
        if (is_dropped_element(name) || bad_style || references_outside(ce, name)) {
          e->DeleteChild(child);
          ++removed;
        } else {
          todo.push_back(ce);
        }
      } else if (child->ToUnknown() || child->ToDeclaration()) {
        e->DeleteChild(child);  // <!DOCTYPE ...>, <!ENTITY ...>, processing instructions
      }
      child = next;
    }
  }
  return removed;
}

}  // namespace

std::optional<SanitizedSvg> sanitize_svg(const std::string& svg, std::string& why) {
  // An internal DTD can define entities (billion laughs, external files):
  // an SVG that has one is refused rather than guessed at.
  if (lower(std::string_view(svg).substr(0, 4096)).find("<!entity") != std::string::npos) {
    why = "it defines XML entities";
    return std::nullopt;
  }
  tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
  if (doc.Parse(svg.data(), svg.size()) != tinyxml2::XML_SUCCESS) {
    why = std::string("it is not well-formed XML (") + doc.ErrorName() + ")";
    return std::nullopt;
  }
  XMLElement* root = doc.RootElement();
  if (!root || local_name(root->Name()) != "svg") {
    why = "its root element is not <svg>";
    return std::nullopt;
  }
  SanitizedSvg out;
  for (XMLNode* n = doc.FirstChild(); n;) {
    XMLNode* next = n->NextSibling();
    if (n->ToUnknown()) doc.DeleteChild(n);  // the DOCTYPE
    n = next;
  }
  out.removed = clean_tree(root);
  tinyxml2::XMLPrinter printer(nullptr, true);
  doc.Print(&printer);
  out.data.assign(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() > 0 ? printer.CStrSize() - 1 : 0));
  return out;
}

}  // namespace galley::epub
