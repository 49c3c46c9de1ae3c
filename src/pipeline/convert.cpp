#include "pipeline/convert.hpp"

#include <glib.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <exception>
#include <sstream>
#include <thread>

#include "cover/cover.hpp"
#include "doc/finalize.hpp"
#include "epub/epub_writer.hpp"
#include "layout/layout.hpp"
#include "layout/page_stream.hpp"
#include "pdf/pdf_writer.hpp"
#include "read/input.hpp"
#include "util/output_file.hpp"
#include "util/resources.hpp"

namespace galley::pipeline {

namespace {

// GALLEY_TIMINGS=1 prints how long each phase of a conversion took, on
// stderr: where the time of a slow document goes, without a profiler.
class PhaseTimer {
 public:
  PhaseTimer() : on_(std::getenv("GALLEY_TIMINGS") != nullptr), last_(std::chrono::steady_clock::now()) {}
  void mark(const char* phase) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "galley: timing: %-8s %7.1f ms\n", phase,
                 std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

std::vector<OutputFormat> available_formats() { return {OutputFormat::Epub, OutputFormat::Pdf, OutputFormat::Cover}; }

std::string extension(OutputFormat f) {
  return f == OutputFormat::Epub ? "epub" : f == OutputFormat::Pdf ? "pdf" : "cover";
}

std::filesystem::path output_path(const std::filesystem::path& stem, OutputFormat f) {
  auto path = stem;
  path += f == OutputFormat::Cover ? "-cover.pdf" : "." + extension(f);
  return path;
}

std::vector<OutputFormat> parse_formats(const std::string& list) {
  std::vector<OutputFormat> out;
  std::stringstream ss(list);
  std::string item;
  const auto available = available_formats();
  while (std::getline(ss, item, ',')) {
    OutputFormat f;
    if (item == "epub") f = OutputFormat::Epub;
    else if (item == "pdf") f = OutputFormat::Pdf;
    else if (item == "cover") f = OutputFormat::Cover;
    else throw Error("", "unknown format '" + item + "' (expected epub, pdf, cover or a list such as epub,pdf)");
    if (std::find(available.begin(), available.end(), f) == available.end())
      throw Error("", "format '" + item + "' is not supported by this build");
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  if (out.empty()) throw Error("", "no output format given");
  return out;
}

doc::Document load_document(const std::filesystem::path& input, const ConvertOptions& options, Diagnostics& diag) {
  diag.file = input.string();
  const read::Format format = options.from ? *options.from : read::format_for(input);
  const std::string text = read::load_text_file(input);
  doc::Document document;
  read::ReadOptions read_options = options.read;
  read_options.title = options.metadata.title;
  try {
    document = format == read::Format::Markdown
                   ? read::read_markdown(text, std::filesystem::absolute(input).parent_path(), read_options, diag)
                   : read::read_plain_text(text, read_options, diag);
  } catch (const Error& e) {
    if (!e.file().empty()) throw;
    throw Error(input.string(), e.detail(), e.line());
  }
  document.source_path = input.string();
  doc::finalize(document, doc::FinalizeInput{options.metadata, input.stem().string(), &diag, options.smart});
  return document;
}

// The PDF writer's errors name the temporary file it writes; the user is
// told the input and the output the error was for.
Error pdf_error(const std::filesystem::path& input, const OutputFile& pdf, const Error& e) {
  if (e.file() != pdf.temp_path().string()) return e;
  return Error(input.string(), e.detail() + " (" + pdf.final_path().string() + ")", e.line());
}

void write_pdf_for(const std::filesystem::path& input, const doc::Document& document,
                   const layout::PagedDocument& paged, const OutputFile& pdf, Diagnostics& diag,
                   const pdf::PrintReady& print_ready) {
  try {
    pdf::write_pdf(document, paged, pdf.temp_path(), diag, print_ready);
  } catch (const Error& e) {
    throw pdf_error(input, pdf, e);
  }
}

// Runs of characters between spaces; Chinese and Japanese put no spaces
// between words, which average about two characters: every two Han
// ideographs or kana count as a word, so that the count measures length in
// every script (the article/book choice).
std::size_t count_words(const doc::Document& doc) {
  const std::string text = doc::plain_text(doc.body);
  std::size_t words = 0, cjk = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const gunichar cp = g_utf8_get_char_validated(text.data() + i, static_cast<gssize>(text.size() - i));
    const std::size_t len = cp < 0x110000 ? static_cast<std::size_t>(g_unichar_to_utf8(cp, nullptr)) : 1;
    i += len;
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF)) {  // kana, Han
      ++cjk;
      in_word = false;
      continue;
    }
    const bool space = cp == ' ' || cp == '\n' || cp == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words + (cjk + 1) / 2;
}

namespace {

// The print style; the default one chooses by the document's structure. It
// sets the EPUB's layout too (one file or a file per chapter, title block or
// title page). A .css file styles the EPUB alone.
layout::Style print_style(const ConvertOptions& options, const doc::Document& document, std::size_t words) {
  const StyleOptions& o = options.style;
  layout::Style style = layout::load_style(o.style.ends_with(".css") ? "default" : o.style, styles_dir(),
                                           layout::wants_book(document, words));
  layout::apply_overrides(style, o.page_size, o.margin, o.font_size);
  return style;
}

// The output files of one conversion, under temporary names until committed.
struct Outputs {
  std::vector<std::unique_ptr<OutputFile>> files;
  const OutputFile* epub = nullptr;  // null when the format is not wanted
  const OutputFile* pdf = nullptr;
  const OutputFile* cover = nullptr;
};

Outputs open_outputs(const std::filesystem::path& output_stem, const std::vector<OutputFormat>& formats) {
  Outputs out;
  for (OutputFormat f : formats) {
    out.files.push_back(std::make_unique<OutputFile>(output_path(output_stem, f)));
    (f == OutputFormat::Epub ? out.epub : f == OutputFormat::Pdf ? out.pdf : out.cover) = out.files.back().get();
  }
  return out;
}

// What the phases of one conversion share.
struct Conversion {
  Conversion(const std::filesystem::path& input, const ConvertOptions& options, const doc::Document& document,
             const Outputs& out, Diagnostics& diag, PhaseTimer& timer)
      : input(input), options(options), document(document), out(out), diag(diag), timer(timer) {}

  const std::filesystem::path& input;
  const ConvertOptions& options;
  const doc::Document& document;
  const Outputs& out;
  Diagnostics& diag;
  PhaseTimer& timer;
  layout::LayoutInput li;
  pdf::PrintReady print_ready;
  // Laid out once: the PDF is painted from the layout, the print cover's
  // spine follows its page count, and the EPUB gets a page-list of the PDF's
  // body pages. With the EPUB alone there is no print counterpart, so no
  // layout runs and the EPUB has no page-list.
  std::optional<layout::PagedDocument> paged;
};

// The print style, whether the PDF is print-ready, and the fonts when
// anything is laid out.
void prepare_layout(Conversion& c, std::size_t words) {
  c.print_ready = c.options.print_ready;
  c.li.style = print_style(c.options, c.document, words);
  c.print_ready.enabled = c.print_ready.enabled || c.li.style.print_ready;
  if (c.out.pdf && !c.print_ready.enabled && (c.print_ready.bleed_pt > 0 || c.print_ready.crop_marks))
    c.diag.warn("--bleed and --crop-marks apply only to a print-ready PDF (--print-ready, or print_ready: true in the style)");
  if (c.out.pdf || c.out.cover) {
    c.li.fonts_dir = fonts_dir();
    c.li.cjk_file = cjk_font_file();
    c.li.parallel = c.options.parallel;
  }
}

// Called once layout is done (if it runs): the page-list comes from it.
epub::EpubOptions epub_options(const Conversion& c) {
  const ConvertOptions& options = c.options;
  const doc::Metadata& metadata = c.document.metadata;
  epub::EpubOptions eo{fonts_dir(), styles_dir(), options.style.style, {}, {}, options.parallel};
  if (!options.no_cover && metadata.cover.empty()) eo.cover_image = cover::cover_png(metadata, c.li.style);
  eo.cover_alt = cover::alt_text(cover::cover_text(metadata));
  eo.one_file = !c.li.style.chapter_new_page;
  eo.title_block = c.li.style.title_block;
  if (c.paged) {
    for (const auto& s : c.paged->page_starts) eo.page_breaks.push_back({s.label, s.block, s.offset});
    const std::string title = metadata.title.empty() ? c.input.stem().string() : metadata.title;
    eo.page_source = title + " (galley PDF)";
  }
  return eo;
}

// Two threads: layout and then the EPUB on a second one, while this one
// paints the PDF's pages as layout hands them over (a book's chapters are
// painted while later ones are still being laid out).
void write_in_parallel(Conversion& c, ConvertResult& result) {
  layout::PageStream stream;
  c.li.stream = &stream;
  c.paged.emplace();
  Diagnostics worker_diag, epub_diag;
  worker_diag.file = epub_diag.file = c.diag.file;
  std::exception_ptr worker_error;
  std::thread worker([&] {
    PhaseTimer worker_timer;
    try {
      // Into `paged`, which outlives the painter: the pages it was handed
      // stay valid even if layout fails part way.
      layout::lay_out(c.document, c.li, worker_diag, *c.paged);
    } catch (...) {
      worker_error = std::current_exception();
    }
    stream.finish();
    worker_timer.mark("layout");
    if (worker_error || !c.out.epub) return;
    try {
      epub::write_epub(c.document, epub_options(c), c.out.epub->temp_path(), epub_diag);
    } catch (...) {
      worker_error = std::current_exception();
    }
    // The EPUB's tree is freed while the painter still grows: give its
    // pages back rather than leave them in this thread's arena.
    malloc_trim(0);
    worker_timer.mark("epub");
  });
  pdf::StreamedPdf painted = pdf::StreamedPdf::LayoutFailed;
  try {
    painted = pdf::write_pdf_streamed(c.document, stream, c.out.pdf->temp_path(), c.diag, c.print_ready);
  } catch (const Error& e) {
    worker.join();
    throw pdf_error(c.input, *c.out.pdf, e);
  } catch (...) {
    worker.join();
    throw;
  }
  c.timer.mark("pdf");
  worker.join();
  c.timer.mark("join");
  if (worker_error) std::rethrow_exception(worker_error);
  if (painted == pdf::StreamedPdf::NeedsRepaint) {  // the painted pages were freed: lay out again
    Diagnostics again;
    c.li.stream = nullptr;
    write_pdf_for(c.input, c.document, layout::lay_out(c.document, c.li, again), *c.out.pdf, c.diag, c.print_ready);
  }
  if (painted == pdf::StreamedPdf::LayoutFailed) throw Error(c.input.string(), "layout produced no pages");
  result.pages = static_cast<int>(c.paged->pages.size());
  std::vector<std::string> warnings = std::move(epub_diag.warnings);
  warnings.insert(warnings.end(), worker_diag.warnings.begin(), worker_diag.warnings.end());
  warnings.insert(warnings.end(), c.diag.warnings.begin(), c.diag.warnings.end());
  c.diag.warnings = std::move(warnings);
}

// One thread: layout, EPUB, PDF in turn.
void write_in_turn(Conversion& c, ConvertResult& result) {
  if (c.out.pdf || c.out.cover) {
    c.paged = layout::lay_out(c.document, c.li, c.diag);
    result.pages = static_cast<int>(c.paged->pages.size());
    c.timer.mark("layout");
  }
  Diagnostics epub_diag;
  epub_diag.file = c.diag.file;
  if (c.out.epub) {
    epub::write_epub(c.document, epub_options(c), c.out.epub->temp_path(), epub_diag);
    c.timer.mark("epub");
  }
  if (c.out.pdf) {
    write_pdf_for(c.input, c.document, *c.paged, *c.out.pdf, c.diag, c.print_ready);
    c.timer.mark("pdf");
  }
  c.diag.warnings.insert(c.diag.warnings.begin(), epub_diag.warnings.begin(), epub_diag.warnings.end());
}

void write_cover(Conversion& c) {
  try {
    // The cover is for a printer whatever the interior: PDF/X-4 always, the
    // bleed of --bleed (else the style's), crop marks with the interior's.
    const cover::Wrap wrap = cover::print_wrap(c.li.style, static_cast<int>(c.paged->pages.size()),
                                               c.options.print_ready.bleed_pt, c.document.metadata.language);
    cover::write_print_cover(c.document.metadata, c.li.style, wrap, c.print_ready.enabled && c.print_ready.crop_marks,
                             c.out.cover->temp_path(), c.diag);
  } catch (const Error& e) {
    throw Error(c.input.string(), e.detail() + " (" + c.out.cover->final_path().string() + ")");
  }
  c.timer.mark("cover");
}

}  // namespace

ConvertResult convert_file(const std::filesystem::path& input, const std::filesystem::path& output_stem,
                           const ConvertOptions& options) {
  PhaseTimer timer;
  Diagnostics diag;
  const doc::Document document = load_document(input, options, diag);
  timer.mark("read");
  ConvertResult result;
  result.words = count_words(document);

  // All outputs are written under temporary names first and renamed only
  // when every one succeeded.
  Outputs out = open_outputs(output_stem, options.formats);
  Conversion c(input, options, document, out, diag, timer);
  prepare_layout(c, result.words);
  if (out.pdf && options.parallel) write_in_parallel(c, result);
  else write_in_turn(c, result);
  if (out.cover) write_cover(c);
  for (auto& f : out.files) {
    f->commit();
    result.outputs.push_back(f->final_path());
  }
  result.warnings = std::move(diag.warnings);
  return result;
}

}  // namespace galley::pipeline
