#include "doc/title.hpp"

#include <cctype>
#include <cstring>
#include <vector>

namespace galley::doc {

namespace {

std::vector<std::string> split_words(std::string_view stem) {
  std::vector<std::string> words;
  std::string cur;
  for (const char c : stem) {
    if (c == '-' || c == '_' || c == '.' || c == ' ' || c == '+') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

bool all_digits(const std::string& w) {
  for (const char c : w)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !w.empty();
}

// A word of a language: letters (any script: bytes >= 0x80 count), perhaps
// an apostrophe, at most a few digits ("18f", "2nd"); an ASCII word of more
// than three letters has a vowel. Hashes and serials ("5606bfb668b87f54") fail.
bool reads_as_word(const std::string& w) {
  int letters = 0, digits = 0, vowels = 0, other = 0;
  bool non_ascii = false;
  for (const char ch : w) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) non_ascii = true, ++letters;
    else if (std::isalpha(c)) {
      ++letters;
      if (std::strchr("aeiouyAEIOUY", c)) ++vowels;
    } else if (std::isdigit(c)) ++digits;
    else if (c != '\'') ++other;
  }
  if (other > 0 || letters == 0 || digits > 2 || (digits > 0 && letters + digits > 6)) return false;
  return non_ascii || letters <= 3 || vowels > 0;
}

bool is_small_word(const std::string& w) {
  static const char* small[] = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "at", "by", "vs", "with", "as"};
  for (const char* s : small)
    if (w == s) return true;
  return false;
}

}  // namespace

std::string title_from_file_stem(std::string_view stem) {
  std::vector<std::string> words = split_words(stem);
  // A date (2014-05-29, 20140529) names when, not what.
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto size = [&](std::size_t k) { return k < words.size() && all_digits(words[k]) ? words[k].size() : 0; };
    if (size(i) == 8) words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
    else if (size(i) == 4 && size(i + 1) >= 1 && size(i + 1) <= 2 && size(i + 2) >= 1 && size(i + 2) <= 2)
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i), words.begin() + static_cast<std::ptrdiff_t>(i + 3));
  }
  int real = 0;
  for (const auto& w : words) {
    if (!all_digits(w) && !reads_as_word(w)) return {};
    if (!all_digits(w)) ++real;
  }
  if (real == 0 || (real == 1 && words.size() == 1 && words[0].size() < 2)) return {};
  std::string title;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    bool lower = true;
    for (const char c : w) lower = lower && !std::isupper(static_cast<unsigned char>(c));
    // Words typed in lower case get capitals, except small ones inside;
    // words with capitals of their own (COTS, iOS) stay as typed.
    if (lower && !(i > 0 && i + 1 < words.size() && is_small_word(w)))
      w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    title += (i ? " " : "") + w;
  }
  return title;
}

std::string complete_title(Document& doc, std::string_view stem) {
  if (!doc.metadata.title.empty()) return {};
  if (std::string t = title_from_file_stem(stem); !t.empty()) {
    doc.metadata.title = t;
    return "no title in the text: using the file name, \"" + t + "\" (give one with --title)";
  }
  for (const auto& b : doc.body)
    if (const auto* h = std::get_if<Heading>(&b.node)) {
      if (std::string t = plain_text(h->content); !t.empty()) {
        doc.metadata.title = t;
        return "no title in the text: using the first heading, \"" + t + "\" (give one with --title)";
      }
    }
  doc.metadata.title = "Untitled";
  return "no title in the text, its file name or a heading: \"Untitled\" (give one with --title)";
}

}  // namespace galley::doc
