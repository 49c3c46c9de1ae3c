#include "epub/nav.hpp"

#include <tinyxml2.h>

#include "epub/text_utils.hpp"
#include "epub/xhtml.hpp"

using tinyxml2::XMLElement;

namespace galley::epub {

std::string toc_label(const doc::TocEntry& e) {
  return e.text.find_first_not_of(" \t\n") == std::string::npos ? std::string("Untitled section") : e.text;
}

namespace {

void toc_list(XhtmlPage& page, XMLElement* parent, const std::vector<doc::TocEntry>& entries, const NavInput& in) {
  XMLElement* ol = page.add_block(parent, "ol");
  page.add_text(ol, "\n");
  for (const auto& e : entries) {
    XMLElement* li = page.add_block(ol, "li");
    XMLElement* a = page.add(li, "a");
    set_attr(a, "href", in.href_of(e));
    page.add_text(a, toc_label(e));
    if (!e.children.empty()) toc_list(page, li, e.children, in);
  }
}

int depth(const std::vector<doc::TocEntry>& entries) {
  int d = 0;
  for (const auto& e : entries) d = std::max(d, 1 + depth(e.children));
  return d;
}

XMLElement* add(tinyxml2::XMLDocument& d, XMLElement* parent, const char* name) {
  XMLElement* e = d.NewElement(name);
  parent->InsertEndChild(e);
  return e;
}

void nav_points(tinyxml2::XMLDocument& d, XMLElement* parent, const std::vector<doc::TocEntry>& entries,
                const NavInput& in, int& order) {
  for (const auto& e : entries) {
    XMLElement* np = add(d, parent, "navPoint");
    ++order;
    np->SetAttribute("id", ("navpoint-" + std::to_string(order)).c_str());
    np->SetAttribute("playOrder", order);
    add(d, add(d, np, "navLabel"), "text")->SetText(xml_clean(toc_label(e)).c_str());
    add(d, np, "content")->SetAttribute("src", xml_clean(in.href_of(e)).c_str());
    nav_points(d, np, e.children, in, order);
  }
}

}  // namespace

std::string nav_document(const NavInput& in) {
  const doc::Document& doc = *in.doc;
  XhtmlPage page(in.lang, in.rtl, in.contents_label, in.css_href, "frontmatter");
  XMLElement* nav = page.add_block(page.body(), "nav");
  nav->SetAttribute("epub:type", "toc");
  nav->SetAttribute("role", "doc-toc");
  nav->SetAttribute("id", "toc");
  nav->SetAttribute("aria-labelledby", "toc-title");
  page.add_text(nav, "\n");
  XMLElement* h = page.add_block(nav, "h1");
  h->SetAttribute("id", "toc-title");
  page.add_text(h, in.contents_label);
  if (!doc.toc.entries.empty()) {
    toc_list(page, nav, doc.toc.entries, in);
  } else {
    XMLElement* ol = page.add_block(nav, "ol");
    XMLElement* a = page.add(page.add(ol, "li"), "a");
    set_attr(a, "href", in.fallback_href);
    page.add_text(a, doc.metadata.title);
  }

  XMLElement* lm = page.add_block(page.body(), "nav");
  lm->SetAttribute("epub:type", "landmarks");
  lm->SetAttribute("id", "landmarks");
  lm->SetAttribute("hidden", "hidden");
  lm->SetAttribute("aria-labelledby", "landmarks-title");
  page.add_text(lm, "\n");
  XMLElement* h2 = page.add_block(lm, "h2");
  h2->SetAttribute("id", "landmarks-title");
  page.add_text(h2, "Landmarks");
  XMLElement* ol = page.add_block(lm, "ol");
  page.add_text(ol, "\n");
  auto landmark = [&](const char* type, const std::string& href, const std::string& label) {
    XMLElement* a = page.add(page.add_block(ol, "li"), "a");
    a->SetAttribute("epub:type", type);
    set_attr(a, "href", href);
    page.add_text(a, label);
  };
  landmark("titlepage", in.title_page_href, "Title page");
  landmark("toc", "nav.xhtml#toc", in.contents_label);
  if (!in.body_start_href.empty()) landmark("bodymatter", in.body_start_href, "Start of content");

  // The print edition's pages, one link per page-break marker.
  if (!in.page_list.empty()) {
    XMLElement* pl = page.add_block(page.body(), "nav");
    pl->SetAttribute("epub:type", "page-list");
    pl->SetAttribute("role", "doc-pagelist");
    pl->SetAttribute("id", "page-list");
    pl->SetAttribute("hidden", "hidden");
    pl->SetAttribute("aria-labelledby", "page-list-title");
    page.add_text(pl, "\n");
    XMLElement* h3 = page.add_block(pl, "h2");
    h3->SetAttribute("id", "page-list-title");
    page.add_text(h3, "Pages");
    XMLElement* pol = page.add_block(pl, "ol");
    page.add_text(pol, "\n");
    for (const auto& marker : in.page_list) {
      XMLElement* a = page.add(page.add_block(pol, "li"), "a");
      set_attr(a, "href", marker.href);
      page.add_text(a, marker.label);
    }
  }
  return page.str();
}

std::string ncx_document(const NavInput& in) {
  const doc::Document& doc = *in.doc;
  tinyxml2::XMLDocument d;
  d.InsertEndChild(d.NewDeclaration());
  XMLElement* ncx = d.NewElement("ncx");
  d.InsertEndChild(ncx);
  ncx->SetAttribute("xmlns", "http://www.daisy.org/z3986/2005/ncx/");
  ncx->SetAttribute("version", "2005-1");
  ncx->SetAttribute("xml:lang", xml_clean(in.lang).c_str());
  XMLElement* head = add(d, ncx, "head");
  auto meta = [&](const char* name, const std::string& content) {
    XMLElement* m = add(d, head, "meta");
    m->SetAttribute("name", name);
    m->SetAttribute("content", xml_clean(content).c_str());
  };
  meta("dtb:uid", doc.metadata.identifier);
  meta("dtb:depth", std::to_string(std::max(1, depth(doc.toc.entries))));
  meta("dtb:totalPageCount", "0");
  meta("dtb:maxPageNumber", "0");
  add(d, add(d, ncx, "docTitle"), "text")->SetText(xml_clean(doc.metadata.title).c_str());
  XMLElement* map = add(d, ncx, "navMap");
  int order = 0;
  if (!doc.toc.entries.empty()) {
    nav_points(d, map, doc.toc.entries, in, order);
  } else {
    XMLElement* np = add(d, map, "navPoint");
    np->SetAttribute("id", "navpoint-1");
    np->SetAttribute("playOrder", 1);
    add(d, add(d, np, "navLabel"), "text")->SetText(xml_clean(doc.metadata.title).c_str());
    add(d, np, "content")->SetAttribute("src", xml_clean(in.fallback_href).c_str());
  }
  tinyxml2::XMLPrinter printer(nullptr, false);
  d.Print(&printer);
  return std::string(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() > 0 ? printer.CStrSize() - 1 : 0));
}

}  // namespace galley::epub
