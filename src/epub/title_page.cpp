// The title page document, and the same lines as an article's title block.
#include <tinyxml2.h>

#include "epub/xhtml.hpp"

using tinyxml2::XMLElement;

namespace galley::epub {

namespace {
bool nonblank(const std::string& s) { return s.find_first_not_of(" \t\r\n") != std::string::npos; }
}  // namespace

std::string title_page(const doc::Metadata& m, bool rtl, const std::string& css_href) {
  XhtmlPage page(m.language, rtl, m.title, css_href, "frontmatter");
  XMLElement* section = page.add_block(page.body(), "section");
  section->SetAttribute("epub:type", "titlepage");
  section->SetAttribute("class", "titlepage");
  section->SetAttribute("id", "title-page");
  page.add_text(section, "\n");
  title_lines(page, section, m);
  return page.str();
}

void title_lines(XhtmlPage& page, XMLElement* section, const doc::Metadata& m) {
  XMLElement* h1 = page.add_block(section, "h1");
  h1->SetAttribute("class", "title");
  page.add_text(h1, m.title);
  if (nonblank(m.subtitle)) {
    XMLElement* p = page.add_block(section, "p");
    p->SetAttribute("class", "subtitle");
    p->SetAttribute("epub:type", "subtitle");
    p->SetAttribute("role", "doc-subtitle");
    page.add_text(p, m.subtitle);
  }
  std::string authors;
  for (const auto& a : m.authors) {
    if (!nonblank(a)) continue;
    if (!authors.empty()) authors += ", ";
    authors += a;
  }
  if (!authors.empty()) {
    XMLElement* p = page.add_block(section, "p");
    p->SetAttribute("class", "authors");
    page.add_text(p, authors);
  }
  if (nonblank(m.publisher)) {
    XMLElement* p = page.add_block(section, "p");
    p->SetAttribute("class", "publisher");
    page.add_text(p, m.publisher);
  }
  if (nonblank(m.date)) {
    XMLElement* p = page.add_block(section, "p");
    p->SetAttribute("class", "date");
    page.add_text(p, m.date);
  }
}

}  // namespace galley::epub
