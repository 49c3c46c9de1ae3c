// Raw HTML found in Markdown: a small tokenizer, entity decoding and the
// element classes the reader needs. Nothing here ever emits markup: callers
// turn tokens into tree nodes (a safe subset) or drop them, keeping the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galley::read::markdown {

struct HtmlAttribute {
  std::string name;   // lower case
  std::string value;  // entities decoded
};

struct HtmlToken {
  enum class Kind { Text, StartTag, EndTag, Comment, Other };
  Kind kind = Kind::Text;
  std::string text;   // Text: raw text, entities NOT decoded
  std::string name;   // tags: lower-case element name
  std::vector<HtmlAttribute> attributes;
  bool self_closing = false;

  // Value of an attribute, or nullptr when absent.
  const std::string* attribute(std::string_view attr_name) const;
};

// Splits HTML into text, tags, comments and other markup (doctype, CDATA,
// processing instructions). Never fails: a '<' that does not start a tag is
// text. The content of raw-text elements (script, style, textarea, title,
// xmp, iframe, noembed, noframes) becomes one Text token between the start
// and end tags so that it cannot be mistaken for markup.
std::vector<HtmlToken> tokenize_html(std::string_view html);

// Decodes character references: numeric (&#233; &#xE9;) and the common named
// ones (the Latin-1 set, typographic punctuation, arrows, a few symbols).
// Unknown or unterminated references stay as written.
std::string decode_entities(std::string_view text);

// Elements whose whole content is dropped (script, style, template, ...).
bool is_dropped_element(std::string_view name);
// Elements that end a paragraph (p, div, aside, li, h1..h6, table, ...).
bool is_block_element(std::string_view name);
// h1..h6 -> 1..6, anything else -> 0.
int heading_level(std::string_view name);

// False for URLs whose scheme could run code or reach local files
// (javascript:, vbscript:, data:, file:, ...); relative URLs and http(s),
// mailto, ftp, tel are fine.
bool is_safe_link_url(std::string_view url);

// True for http:, https:, ftp: and protocol-relative //host URLs.
bool is_remote_url(std::string_view url);
// The lower-case scheme of a URL ("" when relative).
std::string url_scheme(std::string_view url);

}  // namespace galley::read::markdown
