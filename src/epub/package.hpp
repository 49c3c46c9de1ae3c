// The package document (content.opf) with the book's metadata, EPUB
// Accessibility 1.1 metadata, manifest and spine; and META-INF/container.xml.
#pragma once

#include <string>
#include <vector>

#include "doc/metadata.hpp"

namespace galley::epub {

struct ManifestItem {
  std::string id;
  std::string href;        // relative to the package document
  std::string media_type;
  std::string properties;  // e.g. "nav", "cover-image"; may be empty
};

struct SpineRef {
  std::string idref;
  bool linear = true;
};

struct PackageInfo {
  doc::Metadata metadata;
  std::string modified;        // CCYY-MM-DDThh:mm:ssZ
  std::vector<ManifestItem> manifest;
  std::vector<SpineRef> spine;
  std::string ncx_id;          // manifest id of toc.ncx
  bool has_headings = false;
  bool has_images = false;     // images shown in the content
  bool all_images_alt = true;  // every shown image has alt text
  bool rtl = false;            // page progression right to left
  std::string cover_id;        // manifest id of the cover image, if any
  // The print edition the page-list follows; empty: no page-break markers.
  std::string page_source;
};

std::string package_document(const PackageInfo& info);
std::string container_xml(const std::string& opf_path);


}  // namespace galley::epub
