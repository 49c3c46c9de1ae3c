#include <iostream>

#include "cli/commands.hpp"
#include "doc/metadata_file.hpp"
#include "layout/style.hpp"
#include "pdf/prepress.hpp"
#include "read/input.hpp"

namespace galley::cli {

void print_error(const std::string& message) { std::cerr << "galley: error: " << message << '\n'; }
void print_warning(const std::string& message) { std::cerr << "galley: warning: " << message << '\n'; }

void add_shared_options(CLI::App& cmd, SharedOptions& o) {
  auto& m = o.convert.metadata;
  cmd.add_option("--format", o.formats, "Output formats: epub, pdf, cover (the print cover, STEM-cover.pdf) or a list such as epub,pdf,cover (default: epub,pdf)");
  cmd.add_option("--from", o.from, "Reader: text or markdown (default: by extension)");
  cmd.add_option("--title", m.title, "Title (default: the text's headline, else the file name)");
  cmd.add_option("--subtitle", m.subtitle, "Subtitle");
  cmd.add_option("--author", m.authors, "Author; repeat for several")->expected(1)->take_all();
  cmd.add_option("--lang", m.language, "Language as a BCP 47 tag (default: guessed from the text)");
  cmd.add_option("--date", m.date, "Publication date, e.g. 2024-05-01");
  cmd.add_option("--publisher", m.publisher, "Publisher");
  cmd.add_option("--rights", m.rights, "Rights statement");
  cmd.add_option("--identifier", m.identifier, "Identifier (default: a UUID derived from the content)");
  cmd.add_option("--description", m.description, "Description");
  cmd.add_option("--subject", m.subjects, "Subject; repeat for several")->expected(1)->take_all();
  cmd.add_option("--metadata", o.metadata_file, "YAML or JSON file of metadata (options given here win)")
      ->check(CLI::ExistingFile);
  auto& st = o.convert.style;
  cmd.add_option("--style", st.style, "Print style: default (book or article, chosen by the document's structure), book, article, "
                 "another name under styles/, or a .style file");
  cmd.add_option("--page-size", st.page_size, "PDF page size: a4, a5, letter, 6x9in or WxH (mm, in, pt)");
  cmd.add_option("--margin", st.margin, "PDF margins: TOP,SIDES or TOP,OUTER,BOTTOM,INNER (e.g. 20mm,18mm)");
  cmd.add_option("--font-size", st.font_size, "PDF body type size, e.g. 10.5pt");
  // Print-ready PDF (pdf/prepress.hpp).
  auto& pr = o.convert.print_ready;
  cmd.add_flag("--print-ready", pr.enabled, "PDF/X-4 for a printer: trim and bleed boxes, output intent, XMP metadata");
  cmd.add_option_function<std::string>(
         "--bleed",
         [&pr](const std::string& v) {
           const auto points = pdf::parse_bleed(v);
           if (!points) throw CLI::ValidationError("--bleed", "invalid bleed '" + v + "' (expected e.g. 3mm or 0.125in, at most 1in)");
           pr.bleed_pt = *points;
         },
         "With --print-ready: extend every page by LENGTH on each side for the printer to trim (e.g. 3mm, 0.125in)")
      ->type_name("LENGTH");
  cmd.add_flag("--crop-marks", pr.crop_marks, "With --print-ready: trim and registration marks outside the bleed");
  // Covers (issue 10): the EPUB's cover image; --format cover writes the print cover.
  auto* cover = cmd.add_option("--cover", m.cover, "EPUB cover image (PNG, JPEG, GIF or SVG); default: one generated from the style")
                    ->check(CLI::ExistingFile);
  cmd.add_flag("--no-cover", o.convert.no_cover, "No generated EPUB cover (a cover the metadata names is still used)")
      ->excludes(cover);
  cmd.add_flag("--strip-boilerplate", o.convert.read.drop_boilerplate,
               "Drop a Project Gutenberg header and footer instead of keeping them as front and back matter");
  cmd.add_flag("--smart,!--no-smart", o.convert.smart,
               "Typographic quotes, dashes and ellipses in the document's language (default: on)");
}

pipeline::ConvertOptions SharedOptions::resolve() const {
  pipeline::ConvertOptions out = convert;
  if (!formats.empty()) out.formats = pipeline::parse_formats(formats);
  if (!from.empty()) {
    out.from = read::parse_format(from);
    if (!out.from) throw Error("", "unknown reader '" + from + "' (expected text or markdown)");
  }
  if (!metadata_file.empty()) {
    doc::Metadata file_meta = doc::parse_metadata_yaml(read::load_text_file(metadata_file), metadata_file, 1,
                                                       std::filesystem::absolute(metadata_file).parent_path());
    doc::merge_metadata(file_meta, convert.metadata);
    out.metadata = file_meta;
  }
  {
    // Check the print options early: a usage error, not a failed conversion.
    layout::Style probe;
    layout::apply_overrides(probe, out.style.page_size, out.style.margin, out.style.font_size);
  }
  out.metadata.language = doc::normalize_language_tag(out.metadata.language);
  if (!out.metadata.language.empty() && !doc::is_valid_language_tag(out.metadata.language))
    throw Error("", "invalid --lang '" + out.metadata.language + "' (expected BCP 47, e.g. en or pt-BR)");
  if (!convert.metadata.date.empty() && !doc::is_w3c_date(convert.metadata.date))
    throw Error("", "invalid --date '" + convert.metadata.date + "' (expected YYYY, YYYY-MM or YYYY-MM-DD)");
  if (!convert.metadata.identifier.empty() && !doc::is_valid_identifier(convert.metadata.identifier))
    throw Error("", "invalid --identifier '" + convert.metadata.identifier +
                        "' (expected printable text without surrounding spaces, e.g. urn:isbn:9780000000000)");
  return out;
}

}  // namespace galley::cli
