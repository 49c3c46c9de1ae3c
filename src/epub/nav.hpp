// Navigation: the EPUB 3 navigation document (table of contents from
// doc.toc, landmarks) and the EPUB 2 NCX made from the same entries.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "epub/xhtml.hpp"

namespace galley::epub {

struct NavInput {
  const doc::Document* doc = nullptr;
  std::string lang;
  bool rtl = false;
  std::string css_href;
  // href (file#id) of a TOC entry.
  std::function<std::string(const doc::TocEntry&)> href_of;
  std::string title_page_href;   // landmark "titlepage"
  std::string body_start_href;   // landmark "bodymatter"; empty when no body
  std::string fallback_href;     // single entry used when the TOC is empty
  std::string contents_label = "Contents";
  // Page-break markers of the print edition; empty: no page-list.
  std::vector<PageMarker> page_list;
};

std::string nav_document(const NavInput& in);
std::string ncx_document(const NavInput& in);

// The label shown for a TOC entry (its text, or a placeholder when empty).
std::string toc_label(const doc::TocEntry& e);

}  // namespace galley::epub
