#include "epub/package.hpp"

#include <tinyxml2.h>


#include "epub/text_utils.hpp"

using tinyxml2::XMLElement;

namespace galley::epub {

// W3CDTF: YYYY[-MM[-DD[Thh:mm[:ss[.s+]]TZD]]], TZD = Z or +hh:mm / -hh:mm.
// Parsed by hand: a std::regex costs more to build than the rest of an
// article's package document.

namespace {

std::string print(tinyxml2::XMLDocument& doc) {
  tinyxml2::XMLPrinter printer(nullptr, false);
  doc.Print(&printer);
  return std::string(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() > 0 ? printer.CStrSize() - 1 : 0));
}

XMLElement* add(tinyxml2::XMLDocument& d, XMLElement* parent, const char* name, const std::string& text = {}) {
  XMLElement* e = d.NewElement(name);
  parent->InsertEndChild(e);
  if (!text.empty()) e->SetText(xml_clean(text).c_str());
  return e;
}

void meta(tinyxml2::XMLDocument& d, XMLElement* md, const char* property, const std::string& value,
          const std::string& refines = {}, const char* scheme = nullptr) {
  XMLElement* m = add(d, md, "meta", value);
  if (!refines.empty()) m->SetAttribute("refines", refines.c_str());
  m->SetAttribute("property", property);
  if (scheme) m->SetAttribute("scheme", scheme);
}

bool nonblank(const std::string& s) { return s.find_first_not_of(" \t\r\n") != std::string::npos; }

}  // namespace

std::string package_document(const PackageInfo& info) {
  const doc::Metadata& m = info.metadata;
  tinyxml2::XMLDocument d;
  d.InsertEndChild(d.NewDeclaration());
  XMLElement* pkg = d.NewElement("package");
  d.InsertEndChild(pkg);
  pkg->SetAttribute("xmlns", "http://www.idpf.org/2007/opf");
  pkg->SetAttribute("version", "3.0");
  pkg->SetAttribute("unique-identifier", "pub-id");
  pkg->SetAttribute("xml:lang", xml_clean(m.language).c_str());
  if (info.rtl) pkg->SetAttribute("dir", "rtl");

  XMLElement* md = add(d, pkg, "metadata");
  md->SetAttribute("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  add(d, md, "dc:identifier", m.identifier)->SetAttribute("id", "pub-id");
  add(d, md, "dc:title", m.title)->SetAttribute("id", "title");
  meta(d, md, "title-type", "main", "#title");
  if (nonblank(m.subtitle)) {
    add(d, md, "dc:title", m.subtitle)->SetAttribute("id", "subtitle");
    meta(d, md, "title-type", "subtitle", "#subtitle");
  }
  add(d, md, "dc:language", m.language);
  int n = 0;
  for (const auto& a : m.authors) {
    if (!nonblank(a)) continue;
    const std::string id = "creator-" + std::to_string(++n);
    add(d, md, "dc:creator", a)->SetAttribute("id", id.c_str());
    meta(d, md, "role", "aut", "#" + id, "marc:relators");
  }
  if (doc::is_w3c_date(m.date)) add(d, md, "dc:date", m.date);
  if (nonblank(m.publisher)) add(d, md, "dc:publisher", m.publisher);
  if (nonblank(m.rights)) add(d, md, "dc:rights", m.rights);
  if (nonblank(m.description)) add(d, md, "dc:description", m.description);
  for (const auto& s : m.subjects)
    if (nonblank(s)) add(d, md, "dc:subject", s);
  if (nonblank(m.source)) add(d, md, "dc:source", m.source);
  const bool paged = nonblank(info.page_source);
  if (paged) {
    // The source of the page-break markers. EPUB Accessibility 1.1 names it
    // with a11y:pageBreakSource, which epubcheck 4.2 rejects as an undefined
    // property (OPF-027); the EPUB 3.2 form, a dc:source refined with
    // source-of "pagination", passes epubcheck and satisfies Ace's
    // epub-pagesource rule.
    add(d, md, "dc:source", info.page_source)->SetAttribute("id", "page-source");
    meta(d, md, "source-of", "pagination", "#page-source");
  }
  meta(d, md, "dcterms:modified", info.modified);

  // EPUB Accessibility 1.1 discovery metadata: only what the content is.
  const bool images_described = !info.has_images || info.all_images_alt;
  meta(d, md, "schema:accessMode", "textual");
  if (info.has_images) meta(d, md, "schema:accessMode", "visual");
  if (images_described) meta(d, md, "schema:accessModeSufficient", "textual");
  if (info.has_images) meta(d, md, "schema:accessModeSufficient", "textual,visual");
  if (info.has_headings) meta(d, md, "schema:accessibilityFeature", "structuralNavigation");
  meta(d, md, "schema:accessibilityFeature", "tableOfContents");
  meta(d, md, "schema:accessibilityFeature", "readingOrder");
  if (info.has_images && info.all_images_alt) meta(d, md, "schema:accessibilityFeature", "alternativeText");
  if (paged) {
    meta(d, md, "schema:accessibilityFeature", "pageBreakMarkers");
    meta(d, md, "schema:accessibilityFeature", "pageNavigation");
  }
  meta(d, md, "schema:accessibilityFeature", "displayTransformability");
  meta(d, md, "schema:accessibilityHazard", "none");
  std::string summary =
      "Reflowable text in a logical reading order";
  summary += info.has_headings ? ", structured with headings and a table of contents for navigation." :
                                 ", with a table of contents for navigation.";
  if (info.has_images)
    summary += info.all_images_alt ? " Images have text alternatives." :
                                     " Some images have no text alternative.";
  if (paged) summary += " Page-break markers and a page list follow the print edition.";
  summary += " Text size, font and colours can be changed by the reading system. No flashing, motion or sound hazards.";
  meta(d, md, "schema:accessibilitySummary", summary);
  if (images_described) meta(d, md, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
  if (!info.cover_id.empty()) {
    XMLElement* c = add(d, md, "meta");
    c->SetAttribute("name", "cover");
    c->SetAttribute("content", info.cover_id.c_str());
  }

  XMLElement* manifest = add(d, pkg, "manifest");
  for (const auto& item : info.manifest) {
    XMLElement* e = add(d, manifest, "item");
    e->SetAttribute("id", item.id.c_str());
    e->SetAttribute("href", xml_clean(item.href).c_str());
    e->SetAttribute("media-type", item.media_type.c_str());
    if (!item.properties.empty()) e->SetAttribute("properties", item.properties.c_str());
  }
  XMLElement* spine = add(d, pkg, "spine");
  if (!info.ncx_id.empty()) spine->SetAttribute("toc", info.ncx_id.c_str());
  if (info.rtl) spine->SetAttribute("page-progression-direction", "rtl");
  for (const auto& ref : info.spine) {
    XMLElement* e = add(d, spine, "itemref");
    e->SetAttribute("idref", ref.idref.c_str());
    if (!ref.linear) e->SetAttribute("linear", "no");
  }
  return print(d);
}

std::string container_xml(const std::string& opf_path) {
  tinyxml2::XMLDocument d;
  d.InsertEndChild(d.NewDeclaration());
  XMLElement* c = d.NewElement("container");
  d.InsertEndChild(c);
  c->SetAttribute("version", "1.0");
  c->SetAttribute("xmlns", "urn:oasis:names:tc:opendocument:xmlns:container");
  XMLElement* rf = add(d, add(d, c, "rootfiles"), "rootfile");
  rf->SetAttribute("full-path", opf_path.c_str());
  rf->SetAttribute("media-type", "application/oebps-package+xml");
  return print(d);
}

}  // namespace galley::epub
