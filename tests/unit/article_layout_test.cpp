// Layout by structure: the default style chooses the book or the article
// style; an article's pages open with its title block and run on, its EPUB
// body is one file.
#include <doctest/doctest.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "doc/finalize.hpp"
#include "epub/epub_writer.hpp"
#include "layout/layout.hpp"
#include "layout/style.hpp"
#include "pipeline/convert.hpp"
#include "util/error.hpp"
#include "util/resources.hpp"

using namespace galley;
namespace fs = std::filesystem;

namespace {

// `sections` titled top-level sections after an untitled opening paragraph.
doc::Document make_doc(int sections, int paragraphs_each = 1, bool notes = false) {
  doc::Document d;
  d.body.push_back(doc::paragraph({doc::text("An opening paragraph before the first heading.")}));
  for (int s = 0; s < sections; ++s) {
    d.body.push_back(doc::heading(1, {doc::text("Section " + std::to_string(s + 1))}));
    for (int p = 0; p < paragraphs_each; ++p) {
      doc::Inlines content{doc::text("Some words of the section, enough to fill a line or two of the page, and more "
                                     "words after them so that the paragraph breaks into several lines.")};
      if (notes && p == 0) content.push_back(doc::Inline{doc::NoteRef{"n" + std::to_string(s), s + 1}});
      d.body.push_back(doc::paragraph(std::move(content)));
    }
    if (notes)
      d.footnotes.push_back(doc::Footnote{"n" + std::to_string(s), s + 1, {doc::paragraph({doc::text("A note.")})}});
  }
  d.back_matter.push_back(doc::paragraph({doc::text("Source: a closing note.")}));
  doc::Metadata m;
  m.title = "A Title";
  m.subtitle = "A subtitle";
  m.authors = {"A. Writer"};
  m.date = "2024-05-01";
  m.language = "en";
  doc::finalize(d, doc::FinalizeInput{m, "test"});
  return d;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "galley-article-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::vector<std::string> zip_names(const fs::path& p) {
  int err = 0;
  zip_t* z = zip_open(p.c_str(), ZIP_RDONLY, &err);
  REQUIRE(z != nullptr);
  std::vector<std::string> out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) out.push_back(zip_get_name(z, i, 0));
  zip_close(z);
  return out;
}

std::string zip_read(const fs::path& p, const std::string& name) {
  int err = 0;
  zip_t* z = zip_open(p.c_str(), ZIP_RDONLY, &err);
  REQUIRE(z != nullptr);
  zip_stat_t st;
  REQUIRE(zip_stat(z, name.c_str(), 0, &st) == 0);
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  std::string data(st.size, '\0');
  zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  zip_close(z);
  return data;
}

std::size_t count_of(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) ++n;
  return n;
}

// Pages with text of the document (not only a folio or running head: those
// carry no structure path).
std::size_t pages_with_text(const layout::PagedDocument& p) {
  std::size_t n = 0;
  for (const auto& page : p.pages) {
    bool text = false;
    for (const auto& e : page.elements) text = text || (!e.path.empty() && !e.runs.empty());
    n += text ? 1 : 0;
  }
  return n;
}

bool has_tag(const layout::Page& page, const std::string& name) {
  for (const auto& e : page.elements)
    for (const auto& tag : e.path)
      if (tag.name == name) return true;
  return false;
}

}  // namespace

TEST_CASE("documents with chapters, or long enough to want them, are books") {
  // Short articles with a few sections: articles, whatever their sections.
  CHECK_FALSE(layout::wants_book(make_doc(5), 1500));
  CHECK_FALSE(layout::wants_book(make_doc(12), 3800));
  CHECK_FALSE(layout::wants_book(make_doc(0), 39999));
  // A novel's length, with or without headings.
  CHECK(layout::wants_book(make_doc(0), 40000));
  // Chapters: a few top-level sections in a novella's length...
  CHECK(layout::wants_book(make_doc(3), 10000));
  CHECK_FALSE(layout::wants_book(make_doc(2), 30000));
  CHECK_FALSE(layout::wants_book(make_doc(3), 9999));
  // ... or many (stories, poems, letters) in a short book's.
  CHECK(layout::wants_book(make_doc(20), 5000));
  CHECK_FALSE(layout::wants_book(make_doc(19), 9000));
  CHECK_FALSE(layout::wants_book(make_doc(40), 4999));
}

TEST_CASE("words are counted in every script: two Han ideographs or kana make a word") {
  doc::Document d;
  d.body.push_back(doc::paragraph({doc::text("Two words, \u4e2d\u6587\u6587\u672c and \u3072\u3089\u304c\u306a end.")}));
  // "Two" "words," "and" "end." and 8 characters of Chinese and Japanese.
  CHECK(pipeline::count_words(d) == 4 + 4);
  d.body.push_back(doc::paragraph({doc::text("\u4e2d")}));
  CHECK(pipeline::count_words(d) == 4 + 5);  // an odd one out rounds up
}

TEST_CASE("the default style chooses the book or the article style; named styles are what they say") {
  const fs::path dir = styles_dir();
  const layout::Style book = layout::load_style("default", dir, true);
  const layout::Style article = layout::load_style("default", dir, false);
  CHECK(book.name == "book");
  CHECK(book.title_page);
  CHECK(book.print_toc);
  CHECK(book.chapter_new_page);
  CHECK_FALSE(book.title_block);
  CHECK(article.name == "article");
  CHECK_FALSE(article.title_page);
  CHECK_FALSE(article.print_toc);
  CHECK_FALSE(article.chapter_new_page);
  CHECK(article.title_block);
  CHECK(article.endnotes);
  CHECK_FALSE(book.endnotes);
  // --style book / article: the structure does not matter.
  CHECK(layout::load_style("book", dir, false).title_page);
  CHECK(layout::load_style("article", dir, true).title_block);
}

TEST_CASE("a style file of one's own: read as before, or choosing between named styles") {
  TempDir tmp;
  const fs::path own = tmp.path / "mine.style";
  std::ofstream(own) << "page:\n  size: a4\nrunning_heads: false\n";
  const layout::Style s = layout::load_style(own.string(), styles_dir(), false);
  CHECK(s.name == "mine");
  CHECK(s.page_width == doctest::Approx(595.276).epsilon(0.001));
  CHECK(s.title_page);  // keys left out keep the book's values
  CHECK_FALSE(s.title_block);

  const fs::path chooser = tmp.path / "chooser.style";
  std::ofstream(chooser) << "choose:\n  book: book\n  article: " << own.string() << "\n";
  CHECK(layout::load_style(chooser.string(), styles_dir(), false).name == "mine");
  CHECK(layout::load_style(chooser.string(), styles_dir(), true).name == "book");

  const fs::path half = tmp.path / "half.style";
  std::ofstream(half) << "choose:\n  book: book\n";
  CHECK_THROWS_AS(layout::load_style(half.string(), styles_dir(), true), Error);
  const fs::path loop = tmp.path / "loop.style";
  std::ofstream(loop) << "choose:\n  book: " << loop.string() << "\n  article: article\n";
  CHECK_THROWS_AS(layout::load_style(loop.string(), styles_dir(), true), Error);
}

TEST_CASE("an article's pages: title block on the first, sections running on, no blank page") {
  const doc::Document d = make_doc(6, 3, true);
  Diagnostics diag;
  layout::LayoutInput in;
  in.fonts_dir = fonts_dir();
  in.style = layout::load_style("article", styles_dir());
  const layout::PagedDocument article = layout::lay_out(d, in, diag);
  in.style = layout::load_style("book", styles_dir());
  const layout::PagedDocument book = layout::lay_out(d, in, diag);

  // No front pages: the body starts on page 1, every page carries text.
  CHECK(article.body_first_page == 0);
  CHECK(article.pages.front().label == "1");
  CHECK(pages_with_text(article) == article.pages.size());
  // The book has its title page, blank verso and contents before the body.
  CHECK(book.body_first_page >= 2);
  CHECK(pages_with_text(book) < book.pages.size());
  CHECK(article.pages.size() < book.pages.size());
  // The title block opens page 1 (an H1 above the first section's text) and
  // the page-list starts there.
  CHECK(has_tag(article.pages.front(), "H1"));
  REQUIRE(!article.page_starts.empty());
  CHECK(article.page_starts.front().page_index == 0);
  // Notes: the article's after its text (none at the foot of page 1, whose
  // sections refer to some), the book's at the foot of the referring page.
  CHECK_FALSE(has_tag(article.pages.front(), "Note"));
  CHECK(has_tag(article.pages.back(), "Note"));
  CHECK(has_tag(book.pages[book.body_first_page], "Note"));
}

TEST_CASE("an article's EPUB: one body file with the title block, sections, notes and back matter") {
  const doc::Document d = make_doc(4, 1, true);
  TempDir tmp;
  Diagnostics diag;
  epub::EpubOptions o{fonts_dir(), styles_dir(), "article", {}, {}, false};
  o.one_file = true;
  o.title_block = true;
  const fs::path article = tmp.path / "article.epub";
  epub::write_epub(d, o, article, diag);
  std::size_t xhtml = 0;
  for (const auto& n : zip_names(article)) xhtml += n.ends_with(".xhtml") ? 1 : 0;
  CHECK(xhtml == 2);  // nav.xhtml and article.xhtml
  const std::string body = zip_read(article, "OEBPS/article.xhtml");
  CHECK(count_of(body, "<section class=\"section") == 5);  // the opening and four sections
  CHECK(count_of(body, "class=\"titleblock\"") == 1);
  CHECK(body.find("A subtitle") < body.find("An opening paragraph"));
  CHECK(count_of(body, "epub:type=\"footnote\"") == 4);
  CHECK(body.find("epub:type=\"footnote\"") < body.find("Source: a closing note."));
  CHECK(count_of(body, "href=\"#fn-") == 4);  // note references within the file
  const std::string nav = zip_read(article, "OEBPS/nav.xhtml");
  for (int s = 1; s <= 4; ++s) CHECK(nav.find("article.xhtml#section-" + std::to_string(s)) != std::string::npos);
  const std::string opf = zip_read(article, "OEBPS/content.opf");
  CHECK(opf.find("<itemref idref=\"nav\" linear=\"no\"/>") != std::string::npos);

  // A book: a title page and a file per top-level section.
  o.one_file = o.title_block = false;
  const fs::path book = tmp.path / "book.epub";
  epub::write_epub(d, o, book, diag);
  std::vector<std::string> names = zip_names(book);
  auto has = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  CHECK(has("OEBPS/title.xhtml"));
  CHECK(has("OEBPS/section-005.xhtml"));
  CHECK(has("OEBPS/notes.xhtml"));
  CHECK_FALSE(has("OEBPS/article.xhtml"));
}
