// One typed metadata model for every output (EPUB package, PDF info, title pages).
#pragma once

#include <string>
#include <vector>

namespace galley::doc {

struct Metadata {
  std::string title;
  std::string subtitle;
  std::vector<std::string> authors;
  std::string language;      // BCP 47; never empty after finalize()
  std::string date;          // as given (ISO 8601 preferred)
  std::string publisher;
  std::string rights;
  std::string identifier;    // e.g. urn:uuid:...; derived from content when not given
  std::string description;
  std::vector<std::string> subjects;
  std::string source;        // where the text came from (URL, citation)
  std::string cover;         // path of a cover image, if any
};

// Fields set in `over` replace those of `base` (command line over front matter
// over what the reader found).
void merge_metadata(Metadata& base, const Metadata& over);

// True for a well-formed BCP 47 tag such as "en", "en-US", "zh-Hans", "sr-Latn-RS".
bool is_valid_language_tag(const std::string& tag);

// "en_US" -> "en-US": a common spelling of locales, accepted as input.
std::string normalize_language_tag(const std::string& tag);

// Guess a BCP 47 language from the text's script: Latin -> en, Han -> zh,
// Kana -> ja, Hangul -> ko, Arabic -> ar, Cyrillic -> ru, Greek -> el,
// Hebrew -> he, Devanagari -> hi, Thai -> th; Latin script is told apart
// (en, de, fr, es, it, pt, nl) by frequent function words. Falls back to "en".
std::string guess_language(const std::string& utf8_text);

// True when `date` is a W3C date (YYYY, YYYY-MM, YYYY-MM-DD, or with a
// time and zone), the form EPUB's dc:date and PDF metadata require.
bool is_w3c_date(const std::string& date);

// True for an identifier a package can carry: non-empty printable text
// without surrounding spaces.
bool is_valid_identifier(const std::string& id);

}  // namespace galley::doc
