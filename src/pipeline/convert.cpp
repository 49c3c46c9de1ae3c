#include "pipeline/convert.hpp"

#include <glib.h>

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
  const bool want_epub =
      std::find(options.formats.begin(), options.formats.end(), OutputFormat::Epub) != options.formats.end();
  const bool want_pdf =
      std::find(options.formats.begin(), options.formats.end(), OutputFormat::Pdf) != options.formats.end();
  const bool want_cover =
      std::find(options.formats.begin(), options.formats.end(), OutputFormat::Cover) != options.formats.end();
  std::vector<std::unique_ptr<OutputFile>> files;
  const OutputFile* epub_file = nullptr;
  const OutputFile* pdf_file = nullptr;
  const OutputFile* cover_file = nullptr;
  for (OutputFormat f : options.formats) {
    files.push_back(std::make_unique<OutputFile>(output_path(output_stem, f)));
    (f == OutputFormat::Epub ? epub_file : f == OutputFormat::Pdf ? pdf_file : cover_file) = files.back().get();
  }

  // Laid out once: the PDF is painted from the layout, the print cover's
  // spine follows its page count, and the EPUB gets a page-list of the PDF's
  // body pages. With the EPUB alone there is no print counterpart, so no
  // layout runs and the EPUB has no page-list.
  std::optional<layout::PagedDocument> paged;
  layout::LayoutInput li;
  pdf::PrintReady print_ready = options.print_ready;
  li.style = print_style(options, document, result.words);
  print_ready.enabled = print_ready.enabled || li.style.print_ready;
  if (want_pdf && !print_ready.enabled && (print_ready.bleed_pt > 0 || print_ready.crop_marks))
    diag.warn("--bleed and --crop-marks apply only to a print-ready PDF (--print-ready, or print_ready: true in the style)");
  if (want_pdf || want_cover) {
    li.fonts_dir = fonts_dir();
    li.cjk_file = cjk_font_file();
    li.parallel = options.parallel;
  }
  auto epub_options = [&] {
    epub::EpubOptions eo{fonts_dir(), styles_dir(), options.style.style, {}, {}, options.parallel};
    if (!options.no_cover && document.metadata.cover.empty()) eo.cover_image = cover::cover_png(document.metadata, li.style);
    eo.cover_alt = cover::alt_text(cover::cover_text(document.metadata));
    eo.one_file = !li.style.chapter_new_page;
    eo.title_block = li.style.title_block;
    if (paged) {
      for (const auto& s : paged->page_starts) eo.page_breaks.push_back({s.label, s.block, s.offset});
      const std::string title = document.metadata.title.empty() ? input.stem().string() : document.metadata.title;
      eo.page_source = title + " (galley PDF)";
    }
    return eo;
  };

  if (want_pdf && options.parallel) {
    // Two threads: layout and then the EPUB on a second one, while this one
    // paints the PDF's pages as layout hands them over (a book's chapters
    // are painted while later ones are still being laid out).
    layout::PageStream stream;
    li.stream = &stream;
    paged.emplace();
    Diagnostics worker_diag, epub_diag;
    worker_diag.file = epub_diag.file = diag.file;
    std::exception_ptr worker_error;
    std::thread worker([&] {
      PhaseTimer worker_timer;
      try {
        // Into `paged`, which outlives the painter: the pages it was handed
        // stay valid even if layout fails part way.
        layout::lay_out(document, li, worker_diag, *paged);
      } catch (...) {
        worker_error = std::current_exception();
      }
      stream.finish();
      worker_timer.mark("layout");
      if (worker_error || !want_epub) return;
      try {
        epub::write_epub(document, epub_options(), epub_file->temp_path(), epub_diag);
      } catch (...) {
        worker_error = std::current_exception();
      }
      worker_timer.mark("epub");
    });
    pdf::StreamedPdf painted = pdf::StreamedPdf::LayoutFailed;
    try {
      painted = pdf::write_pdf_streamed(document, stream, pdf_file->temp_path(), diag, print_ready);
    } catch (const Error& e) {
      worker.join();
      throw pdf_error(input, *pdf_file, e);
    } catch (...) {
      worker.join();
      throw;
    }
    timer.mark("pdf");
    worker.join();
    timer.mark("join");
    if (worker_error) std::rethrow_exception(worker_error);
    if (painted == pdf::StreamedPdf::NeedsRepaint) {  // the painted pages were freed: lay out again
      Diagnostics again;
      li.stream = nullptr;
      write_pdf_for(input, document, layout::lay_out(document, li, again), *pdf_file, diag, print_ready);
    }
    if (painted == pdf::StreamedPdf::LayoutFailed) throw Error(input.string(), "layout produced no pages");
    result.pages = static_cast<int>(paged->pages.size());
    std::vector<std::string> warnings = std::move(epub_diag.warnings);
    warnings.insert(warnings.end(), worker_diag.warnings.begin(), worker_diag.warnings.end());
    warnings.insert(warnings.end(), diag.warnings.begin(), diag.warnings.end());
    diag.warnings = std::move(warnings);
  } else {
    // One thread: layout, EPUB, PDF in turn.
    if (want_pdf || want_cover) {
      paged = layout::lay_out(document, li, diag);
      result.pages = static_cast<int>(paged->pages.size());
      timer.mark("layout");
    }
    Diagnostics epub_diag;
    epub_diag.file = diag.file;
    if (want_epub) {
      epub::write_epub(document, epub_options(), epub_file->temp_path(), epub_diag);
      timer.mark("epub");
    }
    if (want_pdf) {
      write_pdf_for(input, document, *paged, *pdf_file, diag, print_ready);
      timer.mark("pdf");
    }
    diag.warnings.insert(diag.warnings.begin(), epub_diag.warnings.begin(), epub_diag.warnings.end());
  }
  if (want_cover) {
    try {
      // The cover is for a printer whatever the interior: PDF/X-4 always, the
      // bleed of --bleed (else the style's), crop marks with the interior's.
      const cover::Wrap wrap = cover::print_wrap(li.style, static_cast<int>(paged->pages.size()),
                                                 options.print_ready.bleed_pt, document.metadata.language);
      cover::write_print_cover(document.metadata, li.style, wrap, print_ready.enabled && print_ready.crop_marks,
                               cover_file->temp_path(), diag);
    } catch (const Error& e) {
      throw Error(input.string(), e.detail() + " (" + cover_file->final_path().string() + ")");
    }
    timer.mark("cover");
  }
  for (auto& f : files) {
    f->commit();
    result.outputs.push_back(f->final_path());
  }
  result.warnings = std::move(diag.warnings);
  return result;
}

}  // namespace galley::pipeline
