#include "pipeline/convert.hpp"

#include <algorithm>
#include <memory>
#include <exception>
#include <sstream>
#include <thread>

#include "doc/finalize.hpp"
#include "epub/epub_writer.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf_writer.hpp"
#include "read/input.hpp"
#include "util/output_file.hpp"
#include "util/resources.hpp"

namespace galley::pipeline {

std::vector<OutputFormat> available_formats() { return {OutputFormat::Epub, OutputFormat::Pdf}; }

std::string extension(OutputFormat f) { return f == OutputFormat::Epub ? "epub" : "pdf"; }

std::vector<OutputFormat> parse_formats(const std::string& list) {
  std::vector<OutputFormat> out;
  std::stringstream ss(list);
  std::string item;
  const auto available = available_formats();
  while (std::getline(ss, item, ',')) {
    OutputFormat f;
    if (item == "epub") f = OutputFormat::Epub;
    else if (item == "pdf") f = OutputFormat::Pdf;
    else throw Error("", "unknown format '" + item + "' (expected epub, pdf or epub,pdf)");
    if (std::find(available.begin(), available.end(), f) == available.end())
      throw Error("", "format '" + item + "' is not supported by this build");
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  if (out.empty()) throw Error("", "no output format given");
  return out;
}

doc::Document load_document(const std::filesystem::path& input, const ConvertOptions& options, Diagnostics& diag) {
  diag.file = input.string();
  const std::string text = read::load_text_file(input);
  const read::Format format = options.from.value_or(read::format_for(input));
  doc::Document document;
  try {
    document = format == read::Format::Markdown
                   ? read::read_markdown(text, std::filesystem::absolute(input).parent_path(), options.read, diag)
                   : read::read_plain_text(text, options.read, diag);
  } catch (const Error& e) {
    if (!e.file().empty()) throw;
    throw Error(input.string(), e.detail(), e.line());
  }
  document.source_path = input.string();
  doc::finalize(document, doc::FinalizeInput{options.metadata, input.stem().string()});
  return document;
}

std::size_t count_words(const doc::Document& doc) {
  const std::string text = doc::plain_text(doc.body);
  std::size_t words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

ConvertResult convert_file(const std::filesystem::path& input, const std::filesystem::path& output_stem,
                           const ConvertOptions& options) {
  Diagnostics diag;
  const doc::Document document = load_document(input, options, diag);
  ConvertResult result;
  result.words = count_words(document);

  // All outputs are written under temporary names first and renamed only
  // when every one succeeded.
  // With both formats, the EPUB is written on a second thread while the PDF
  // is laid out and painted (the document is shared read-only).
  std::vector<std::unique_ptr<OutputFile>> files;
  std::thread epub_thread;
  std::exception_ptr epub_error;
  Diagnostics epub_diag;
  epub_diag.file = diag.file;
  const bool parallel = options.formats.size() > 1;
  try {
    for (OutputFormat f : options.formats) {
      auto path = output_stem;
      path += "." + extension(f);
      files.push_back(std::make_unique<OutputFile>(path));
      if (f == OutputFormat::Epub) {
        epub::EpubOptions eo{fonts_dir(), styles_dir(), options.style.style};
        const auto temp = files.back()->temp_path();
        if (parallel) {
          epub_thread = std::thread([&document, eo, temp, &epub_diag, &epub_error] {
            try {
              epub::write_epub(document, eo, temp, epub_diag);
            } catch (...) {
              epub_error = std::current_exception();
            }
          });
        } else {
          epub::write_epub(document, eo, temp, diag);
        }
      } else {
        layout::LayoutInput li;
        li.style = layout::load_style(options.style.style, styles_dir());
        layout::apply_overrides(li.style, options.style.page_size, options.style.margin, options.style.font_size);
        li.fonts_dir = fonts_dir();
        const layout::PagedDocument paged = layout::lay_out(document, li, diag);
        pdf::write_pdf(document, paged, files.back()->temp_path(), diag);
        result.pages = static_cast<int>(paged.pages.size());
      }
    }
  } catch (...) {
    if (epub_thread.joinable()) epub_thread.join();
    throw;
  }
  if (epub_thread.joinable()) epub_thread.join();
  if (epub_error) std::rethrow_exception(epub_error);
  diag.warnings.insert(diag.warnings.begin(), epub_diag.warnings.begin(), epub_diag.warnings.end());
  for (auto& f : files) {
    f->commit();
    result.outputs.push_back(f->final_path());
  }
  result.warnings = std::move(diag.warnings);
  return result;
}

}  // namespace galley::pipeline
