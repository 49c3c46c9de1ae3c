// The EPUB 3 writer: plans the files of the book, renders them, subsets the
// fonts on a second thread meanwhile, and zips everything deterministically.
#include "epub/epub_writer.hpp"

#include <cstdio>
#include <fstream>
#include <future>
#include <sstream>
#include <unordered_map>

#include "doc/labels.hpp"
#include "epub/fonts.hpp"
#include "epub/images.hpp"
#include "epub/nav.hpp"
#include "epub/package.hpp"
#include "epub/xhtml.hpp"
#include "epub/zip_writer.hpp"
#include "util/clock.hpp"

namespace galley::epub {

namespace {

constexpr const char* kCssHref = "css/book.css";
constexpr const char* kXhtmlType = "application/xhtml+xml";

bool is_rtl_language(const std::string& lang) {
  const std::string primary = lang.substr(0, lang.find('-'));
  for (const char* l : {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})
    if (primary == l) return true;
  return false;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(p.string(), "cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path find_stylesheet(const EpubOptions& o, Diagnostics& diag) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string style = o.style.empty() ? std::string("default") : o.style;
  if (style.size() > 4 && style.compare(style.size() - 4, 4, ".css") == 0 && fs::is_regular_file(style, ec))
    return style;
  const fs::path named = o.styles_dir / (style + ".css");
  if (fs::is_regular_file(named, ec)) return named;
  const fs::path fallback = o.styles_dir / "default.css";
  if (fs::is_regular_file(fallback, ec)) {
    if (style != "default") diag.warn("style '" + style + "' has no EPUB stylesheet; using default.css");
    return fallback;
  }
  throw Error(named.string(), "EPUB stylesheet not found");
}

std::string section_file(std::size_t i) {
  std::string n = std::to_string(i + 1);
  if (n.size() < 3) n.insert(0, 3 - n.size(), '0');
  return "section-" + n + ".xhtml";
}

void map_heading_ids(const doc::Blocks& bs, std::size_t begin, std::size_t end, const std::string& file,
                     std::unordered_map<std::string, std::string>& out) {
  for (std::size_t i = begin; i < end && i < bs.size(); ++i)
    if (const auto* h = std::get_if<doc::Heading>(&bs[i].node); h && !h->id.empty()) out.emplace(h->id, file);
}

// The cover page: the cover image alone, with its alt text.
std::string cover_page(const doc::Metadata& m, const std::string& lang, bool rtl, const std::string& alt,
                       const ImageItem& cover) {
  XhtmlPage page(lang, rtl, m.title, kCssHref, "cover");
  auto* section = page.add_block(page.body(), "section");
  section->SetAttribute("class", "cover");
  section->SetAttribute("id", "cover");
  auto* img = page.add_block(section, "img");
  set_attr(img, "src", cover.href);
  set_attr(img, "alt", alt.empty() ? m.title : alt);
  img->SetAttribute("role", "doc-cover");
  return page.str();
}

struct ContentFile {
  std::string id;
  std::string href;
  std::string xml;
  std::string properties;
};

}  // namespace

void write_epub(const doc::Document& doc, const EpubOptions& options, const std::filesystem::path& out_path,
                Diagnostics& diag) {
  const doc::Metadata& m = doc.metadata;
  const std::string lang = m.language.empty() ? std::string("en") : m.language;
  const bool rtl = is_rtl_language(lang);
  const std::time_t now = output_time();
  const doc::Labels localized = doc::labels_for(lang);
  const std::string contents_label = localized.contents;
  const std::string notes_label = localized.notes;

  // Fonts: the characters each face shows, subset on a second thread while
  // the documents are rendered (or in place when the caller runs one
  // document per core).
  const std::vector<std::string> labels{contents_label, notes_label, "Landmarks", "Title page", "Start of content",
                                        "Untitled section", ", ", "[image]", "Pages"};
  const FaceUsage usage = collect_usage(doc, labels);
  auto fonts_future = std::async(options.parallel ? std::launch::async : std::launch::deferred,
                                 [&options, &usage] { return subset_fonts(options.fonts_dir, usage); });

  const std::string stylesheet = read_file(find_stylesheet(options, diag));

  // Where every heading lives.
  std::unordered_map<std::string, std::string> id_file;
  const bool has_front = !doc.front_matter.empty();
  const bool has_back = !doc.back_matter.empty();
  const bool has_notes = !doc.footnotes.empty();
  if (has_front) map_heading_ids(doc.front_matter, 0, doc.front_matter.size(), "front.xhtml", id_file);
  for (std::size_t s = 0; s < doc.sections.size(); ++s)
    map_heading_ids(doc.body, doc.sections[s].begin, doc.sections[s].end, section_file(s), id_file);
  if (has_back) map_heading_ids(doc.back_matter, 0, doc.back_matter.size(), "back.xhtml", id_file);

  ImageStore images(diag);
  Renderer renderer(doc, images, diag);
  renderer.set_id_file(id_file);
  if (has_notes) renderer.set_notes_file("notes.xhtml");
  renderer.set_page_breaks(options.page_breaks);

  std::vector<ContentFile> content;  // in reading order
  content.push_back({"title-page", "title.xhtml", title_page(m, rtl, kCssHref), ""});
  content.push_back({"nav", "nav.xhtml", "", "nav"});  // filled below, once the TOC targets are known
  if (has_front) {
    XhtmlPage page(lang, rtl, m.title, kCssHref, "frontmatter");
    auto* section = page.add_block(page.body(), "section");
    section->SetAttribute("class", "front-matter");
    section->SetAttribute("id", "front-matter");
    page.add_text(section, "\n");
    HeadingLevels levels(doc::top_heading_level(doc.front_matter));
    renderer.blocks(page, section, doc.front_matter, "front.xhtml", levels);
    content.push_back({"front-matter", "front.xhtml", page.str(), ""});
  }
  const int top = doc::top_heading_level(doc.body);
  for (std::size_t s = 0; s < doc.sections.size(); ++s) {
    const doc::Section& sec = doc.sections[s];
    const std::string file = section_file(s);
    XhtmlPage page(lang, rtl, sec.has_heading && !sec.title.empty() ? sec.title : m.title, kCssHref, "bodymatter");
    auto* section = page.add_block(page.body(), "section");
    section->SetAttribute("class", sec.has_heading ? "chapter" : "chapter opening");
    if (!sec.has_heading) section->SetAttribute("id", "opening");
    page.add_text(section, "\n");
    HeadingLevels levels(top);
    const std::size_t end = std::min(sec.end, doc.body.size());
    const std::size_t begin = std::min(sec.begin, end);
    renderer.body_blocks(page, section, begin, end, file, levels);
    content.push_back({file.substr(0, file.size() - 6), file, page.str(), ""});
  }
  if (has_notes) content.push_back({"notes", "notes.xhtml", renderer.notes_page(lang, rtl, notes_label, kCssHref), ""});
  if (has_back) {
    XhtmlPage page(lang, rtl, m.title, kCssHref, "backmatter");
    auto* section = page.add_block(page.body(), "section");
    section->SetAttribute("class", "back-matter");
    section->SetAttribute("id", "back-matter");
    page.add_text(section, "\n");
    HeadingLevels levels(doc::top_heading_level(doc.back_matter));
    renderer.blocks(page, section, doc.back_matter, "back.xhtml", levels);
    content.push_back({"back-matter", "back.xhtml", page.str(), ""});
  }

  // Navigation.
  NavInput nav;
  nav.doc = &doc;
  nav.lang = lang;
  nav.rtl = rtl;
  nav.css_href = kCssHref;
  nav.contents_label = contents_label;
  nav.href_of = [&id_file](const doc::TocEntry& e) {
    auto it = id_file.find(e.id);
    return (it == id_file.end() ? section_file(static_cast<std::size_t>(e.section)) : it->second) + "#" + e.id;
  };
  nav.title_page_href = "title.xhtml";
  nav.body_start_href = doc.sections.empty() ? std::string() : section_file(0);
  nav.fallback_href = doc.sections.empty() ? std::string("title.xhtml") : section_file(0);
  nav.page_list = renderer.page_markers();
  content[1].xml = nav_document(nav);
  const std::string ncx = ncx_document(nav);

  // The cover image, when the metadata names one (else the one given), and
  // a first page that shows it.
  std::string cover_id;
  const ImageItem* cover = !m.cover.empty()               ? images.get_as(m.cover, "cover-image")
                           : !options.cover_image.empty() ? images.add_data("(cover)", options.cover_image, "cover-image")
                                                          : nullptr;
  if (cover) {
    cover_id = cover->id;
    content.insert(content.begin(), ContentFile{"cover", "cover.xhtml", cover_page(m, lang, rtl, options.cover_alt, *cover), ""});
  }

  const std::vector<EmbeddedFont> fonts = fonts_future.get();
  const std::string css = "@charset \"UTF-8\";\n" + font_face_css(fonts, "../fonts/") + "\n" +
                          (stylesheet.rfind("@charset", 0) == 0 ? stylesheet.substr(stylesheet.find('\n') + 1) : stylesheet);

  // Package document.
  PackageInfo pkg;
  pkg.metadata = m;
  pkg.metadata.language = lang;
  pkg.modified = iso8601_utc(now);
  pkg.ncx_id = "ncx";
  pkg.rtl = rtl;
  pkg.cover_id = cover_id;
  pkg.has_headings = !doc.toc.entries.empty();
  pkg.has_images = renderer.any_image();
  pkg.all_images_alt = renderer.all_images_have_alt();
  if (!nav.page_list.empty()) pkg.page_source = options.page_source.empty() ? m.title : options.page_source;
  for (const auto& c : content) pkg.manifest.push_back({c.id, c.href, kXhtmlType, c.properties});
  pkg.manifest.push_back({"ncx", "toc.ncx", "application/x-dtbncx+xml", ""});
  pkg.manifest.push_back({"css", kCssHref, "text/css", ""});
  for (const auto& img : images.items())
    pkg.manifest.push_back({img.id, img.href, img.media_type, img.id == cover_id ? "cover-image" : ""});
  for (std::size_t i = 0; i < fonts.size(); ++i)
    pkg.manifest.push_back({"font-" + std::to_string(i + 1), "fonts/" + fonts[i].file_name, fonts[i].media_type, ""});
  for (const auto& c : content) pkg.spine.push_back({c.id, true});

  // The container.
  ZipWriter zip(now);
  zip.add("mimetype", "application/epub+zip", true);
  zip.add("META-INF/container.xml", container_xml("OEBPS/content.opf"));
  zip.add("OEBPS/content.opf", package_document(pkg));
  for (auto& c : content) zip.add("OEBPS/" + c.href, std::move(c.xml));
  zip.add("OEBPS/toc.ncx", ncx);
  zip.add("OEBPS/" + std::string(kCssHref), css);
  for (const auto& img : images.items()) zip.add("OEBPS/" + img.href, img.data, img.compressed);
  for (const auto& f : fonts) zip.add("OEBPS/fonts/" + f.file_name, f.data);
  zip.write_to(out_path);
}

}  // namespace galley::epub
