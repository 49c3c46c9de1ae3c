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
    // The print styles of styles/ share default.css.
    if (!fs::is_regular_file(o.styles_dir / (style + ".style"), ec))
      diag.warn("style '" + style + "' has no EPUB stylesheet; using default.css");
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
  bool linear = true;  // in the reading order (else reached by links only)
};

constexpr const char* kArticleFile = "article.xhtml";

// What the content documents of one book share.
struct Parts {
  const doc::Document& doc;
  Renderer& renderer;
  std::string lang;
  bool rtl = false;
  std::string notes_label;
  int body_top = 1;  // doc::top_heading_level of the body
};

// Front or back matter as a section of `parent`.
void matter_section(XhtmlPage& page, tinyxml2::XMLElement* parent, const Parts& p, const doc::Blocks& blocks,
                    const char* id, const std::string& file) {
  auto* section = page.add_block(parent, "section");
  section->SetAttribute("class", id);
  set_attr(section, "id", p.renderer.free_id(id));
  page.add_text(section, "\n");
  HeadingLevels levels(doc::top_heading_level(blocks));
  p.renderer.blocks(page, section, blocks, file, levels);
}

// Body section s as a `section` element of `parent`.
void body_section(XhtmlPage& page, tinyxml2::XMLElement* parent, const Parts& p, std::size_t s, const char* cls,
                  const std::string& file) {
  const doc::Section& sec = p.doc.sections[s];
  auto* section = page.add_block(parent, "section");
  section->SetAttribute("class", sec.has_heading ? cls : (std::string(cls) + " opening").c_str());
  if (!sec.has_heading) set_attr(section, "id", p.renderer.free_id("opening"));
  page.add_text(section, "\n");
  HeadingLevels levels(p.body_top);
  const std::size_t end = std::min(sec.end, p.doc.body.size());
  p.renderer.body_blocks(page, section, std::min(sec.begin, end), end, file, levels);
}

// A book: front matter, each top-level section, notes and back matter in
// files of their own.
void book_files(const Parts& p, std::vector<ContentFile>& content) {
  const doc::Document& doc = p.doc;
  const std::string& title = doc.metadata.title;
  if (!doc.front_matter.empty()) {
    XhtmlPage page(p.lang, p.rtl, title, kCssHref, "frontmatter");
    matter_section(page, page.body(), p, doc.front_matter, "front-matter", "front.xhtml");
    content.push_back({"front-matter", "front.xhtml", page.str(), ""});
  }
  for (std::size_t s = 0; s < doc.sections.size(); ++s) {
    const doc::Section& sec = doc.sections[s];
    const std::string file = section_file(s);
    XhtmlPage page(p.lang, p.rtl, sec.has_heading && !sec.title.empty() ? sec.title : title, kCssHref, "bodymatter");
    body_section(page, page.body(), p, s, "chapter", file);
    content.push_back({file.substr(0, file.size() - 6), file, page.str(), ""});
  }
  if (!doc.footnotes.empty())
    content.push_back({"notes", "notes.xhtml", p.renderer.notes_page(p.lang, p.rtl, p.notes_label, kCssHref), ""});
  if (!doc.back_matter.empty()) {
    XhtmlPage page(p.lang, p.rtl, title, kCssHref, "backmatter");
    matter_section(page, page.body(), p, doc.back_matter, "back-matter", "back.xhtml");
    content.push_back({"back-matter", "back.xhtml", page.str(), ""});
  }
}

// An article: title block, front matter, sections, notes and back matter
// in one file.
ContentFile article_file(const Parts& p, bool title_block) {
  const doc::Document& doc = p.doc;
  XhtmlPage page(p.lang, p.rtl, doc.metadata.title, kCssHref, "bodymatter");
  if (title_block) {
    auto* header = page.add_block(page.body(), "header");
    header->SetAttribute("class", "titleblock");
    set_attr(header, "id", p.renderer.free_id("title-block"));
    page.add_text(header, "\n");
    title_lines(page, header, doc.metadata);
  }
  if (!doc.front_matter.empty())
    matter_section(page, page.body(), p, doc.front_matter, "front-matter", kArticleFile);
  for (std::size_t s = 0; s < doc.sections.size(); ++s) body_section(page, page.body(), p, s, "section", kArticleFile);
  if (!doc.footnotes.empty()) p.renderer.notes_section(page, page.body(), p.notes_label);
  if (!doc.back_matter.empty())
    matter_section(page, page.body(), p, doc.back_matter, "back-matter", kArticleFile);
  return {"article", kArticleFile, page.str(), ""};
}

// The file a part of the book is written to: its own, or an article's one file.
std::string file_for(bool one_file, const std::string& own) { return one_file ? std::string(kArticleFile) : own; }

// Where every heading lives: heading id -> file.
std::unordered_map<std::string, std::string> heading_files(const doc::Document& doc, bool one_file) {
  std::unordered_map<std::string, std::string> id_file;
  map_heading_ids(doc.front_matter, 0, doc.front_matter.size(), file_for(one_file, "front.xhtml"), id_file);
  for (std::size_t s = 0; s < doc.sections.size(); ++s)
    map_heading_ids(doc.body, doc.sections[s].begin, doc.sections[s].end, file_for(one_file, section_file(s)), id_file);
  map_heading_ids(doc.back_matter, 0, doc.back_matter.size(), file_for(one_file, "back.xhtml"), id_file);
  return id_file;
}

// What the navigation document and the NCX are made from. Its href_of
// refers to `id_file`, which must outlive it.
NavInput nav_input(const Parts& p, const std::string& contents_label,
                   const std::unordered_map<std::string, std::string>& id_file, bool one_file, bool title_in_body) {
  const doc::Document& doc = p.doc;
  NavInput nav;
  nav.doc = &doc;
  nav.lang = p.lang;
  nav.rtl = p.rtl;
  nav.css_href = kCssHref;
  nav.contents_label = contents_label;
  nav.href_of = [&id_file, one_file](const doc::TocEntry& e) {
    auto it = id_file.find(e.id);
    return (it == id_file.end() ? file_for(one_file, section_file(static_cast<std::size_t>(e.section))) : it->second) +
           "#" + e.id;
  };
  nav.title_page_href = title_in_body ? kArticleFile + ("#" + p.renderer.free_id("title-block")) : "title.xhtml";
  nav.body_start_href = doc.sections.empty() ? std::string() : file_for(one_file, section_file(0));
  nav.fallback_href = one_file ? kArticleFile : doc.sections.empty() ? std::string("title.xhtml") : section_file(0);
  nav.page_list = p.renderer.page_markers();
  return nav;
}

// The cover image, when the metadata names one (else the one given), and a
// first page that shows it. Returns the image's manifest id, "" without one.
std::string add_cover(const Parts& p, const EpubOptions& options, ImageStore& images,
                      std::vector<ContentFile>& content) {
  const doc::Metadata& m = p.doc.metadata;
  const ImageItem* cover = !m.cover.empty()               ? images.get_as(m.cover, "cover-image")
                           : !options.cover_image.empty() ? images.add_data("(cover)", options.cover_image, "cover-image")
                                                          : nullptr;
  if (!cover) return {};
  content.insert(content.begin(),
                 ContentFile{"cover", "cover.xhtml", cover_page(m, p.lang, p.rtl, options.cover_alt, *cover), ""});
  return cover->id;
}

// The stylesheet after the embedded fonts' @font-face rules, under one @charset.
std::string book_css(const std::vector<EmbeddedFont>& fonts, const std::string& stylesheet) {
  return "@charset \"UTF-8\";\n" + font_face_css(fonts, "../fonts/") + "\n" +
         (stylesheet.rfind("@charset", 0) == 0 ? stylesheet.substr(stylesheet.find('\n') + 1) : stylesheet);
}

// What goes into the container besides the images.
struct BookFiles {
  std::vector<ContentFile> content;  // in reading order
  std::string ncx;
  std::string css;
  std::vector<EmbeddedFont> fonts;
  std::string cover_id;  // manifest id of the cover image, "" without one
};

PackageInfo package_info(const Parts& p, const EpubOptions& options, const BookFiles& book, const ImageStore& images,
                         std::time_t now, bool has_page_list) {
  const doc::Metadata& m = p.doc.metadata;
  PackageInfo pkg;
  pkg.metadata = m;
  pkg.metadata.language = p.lang;
  pkg.modified = iso8601_utc(now);
  pkg.ncx_id = "ncx";
  pkg.rtl = p.rtl;
  pkg.cover_id = book.cover_id;
  pkg.has_headings = !p.doc.toc.entries.empty();
  pkg.has_images = p.renderer.any_image();
  pkg.all_images_alt = p.renderer.all_images_have_alt();
  if (has_page_list) pkg.page_source = options.page_source.empty() ? m.title : options.page_source;
  for (const auto& c : book.content) pkg.manifest.push_back({c.id, c.href, kXhtmlType, c.properties});
  pkg.manifest.push_back({"ncx", "toc.ncx", "application/x-dtbncx+xml", ""});
  pkg.manifest.push_back({"css", kCssHref, "text/css", ""});
  for (const auto& img : images.items())
    pkg.manifest.push_back({img.id, img.href, img.media_type, img.id == book.cover_id ? "cover-image" : ""});
  for (std::size_t i = 0; i < book.fonts.size(); ++i)
    pkg.manifest.push_back(
        {"font-" + std::to_string(i + 1), "fonts/" + book.fonts[i].file_name, book.fonts[i].media_type, ""});
  for (const auto& c : book.content) pkg.spine.push_back({c.id, c.linear});
  return pkg;
}

// The container; the content documents' text is moved into it.
void write_container(BookFiles& book, const ImageStore& images, const std::string& opf, std::time_t now,
                     const std::filesystem::path& out_path) {
  ZipWriter zip(now);
  zip.add("mimetype", "application/epub+zip", ZipWriter::Packing::Store);
  zip.add("META-INF/container.xml", container_xml("OEBPS/content.opf"));
  zip.add("OEBPS/content.opf", opf);
  for (auto& c : book.content) zip.add("OEBPS/" + c.href, std::move(c.xml));
  zip.add("OEBPS/toc.ncx", book.ncx);
  zip.add("OEBPS/" + std::string(kCssHref), book.css);
  for (const auto& img : images.items())
    zip.add("OEBPS/" + img.href, img.data, img.compressed ? ZipWriter::Packing::Store : ZipWriter::Packing::Text);
  for (const auto& f : book.fonts) zip.add("OEBPS/fonts/" + f.file_name, f.data, ZipWriter::Packing::Fast);
  zip.write_to(out_path);
}

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

  const bool one_file = options.one_file;
  const std::unordered_map<std::string, std::string> id_file = heading_files(doc, one_file);
  ImageStore images(diag);
  Renderer renderer(doc, images, diag);
  renderer.set_id_file(id_file);
  if (!doc.footnotes.empty()) renderer.set_notes_file(file_for(one_file, "notes.xhtml"));
  renderer.set_page_breaks(options.page_breaks);

  // In reading order. An article opens on its text (the title block at its
  // top) and prints no contents: the navigation document is off the
  // reading order (non-linear).
  const bool title_in_body = one_file && options.title_block;
  BookFiles book;
  std::vector<ContentFile>& content = book.content;
  if (!title_in_body) content.push_back({"title-page", "title.xhtml", title_page(m, rtl, kCssHref), ""});
  const std::size_t nav_index = content.size();
  content.push_back({"nav", "nav.xhtml", "", "nav", !one_file});  // filled below, once the TOC targets are known
  const Parts parts{doc, renderer, lang, rtl, notes_label, doc::top_heading_level(doc.body)};
  if (one_file) content.push_back(article_file(parts, title_in_body));
  else book_files(parts, content);

  const NavInput nav = nav_input(parts, contents_label, id_file, one_file, title_in_body);
  content[nav_index].xml = nav_document(nav);
  book.ncx = ncx_document(nav);
  book.cover_id = add_cover(parts, options, images, content);
  book.fonts = fonts_future.get();
  book.css = book_css(book.fonts, stylesheet);
  const PackageInfo pkg = package_info(parts, options, book, images, now, !nav.page_list.empty());
  write_container(book, images, package_document(pkg), now, out_path);
}

}  // namespace galley::epub
