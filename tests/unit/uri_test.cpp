// Link URIs made valid for an href and a PDF /URI (issue 12): non-ASCII
// hosts in their IDNA form, hosts no parser takes told apart.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "doc/document.hpp"
#include "read/reader.hpp"
#include "util/error.hpp"
#include "util/uri.hpp"

using namespace galley;

TEST_CASE("uri: a non-ASCII host becomes its IDNA form, as written or percent-encoded") {
  CHECK(percent_encode_uri("http://\U0001F344.ga/") == "http://xn--ei8h.ga/");  // an emoji: UTS #46
  CHECK(percent_encode_uri("http://x\U0001F344.ga/") == "http://xn--x-jq2s.ga/");
  CHECK(percent_encode_uri("http://%F0%9F%8D%84.ga/") == "http://xn--ei8h.ga/");
  CHECK(percent_encode_uri("https://user@B\u00dcCHER.de:8080/b\u00fccher?q=\u00fc") ==
        "https://user@xn--bcher-kva.de:8080/b%C3%BCcher?q=%C3%BC");
  CHECK(percent_encode_uri("https://example.com/%F0%9F%8D%84") == "https://example.com/%F0%9F%8D%84");
  CHECK(percent_encode_uri(percent_encode_uri("http://\U0001F344.ga/")) == "http://xn--ei8h.ga/");
  CHECK(host_to_ascii("b\u00fccher.de") == "xn--bcher-kva.de");
  CHECK_FALSE(host_to_ascii("a\u202eb.com").has_value());  // a bidi override: never in a host
  CHECK(percent_encode_uri("http://a\u202eb.com/") == "http://a%E2%80%AEb.com/");
}

TEST_CASE("uri: hosts no parser takes are told apart") {
  CHECK(uri_host_valid("http://example.com/a"));
  CHECK(uri_host_valid("https://user@sub.ex-ample.org.:8080/"));
  CHECK(uri_host_valid("http://\U0001F344.ga/"));
  CHECK(uri_host_valid("http://[::1]/"));
  CHECK(uri_host_valid("mailto:a@b.c"));
  CHECK(uri_host_valid("/relative/path"));
  CHECK(uri_host_valid("file:///tmp/x"));
  CHECK_FALSE(uri_host_valid("http://foo.bar.`baz"));
  CHECK_FALSE(uri_host_valid("http://foo.bar.%60baz"));
  CHECK_FALSE(uri_host_valid("http://../"));
  CHECK_FALSE(uri_host_valid("http:///path"));
  CHECK_FALSE(uri_host_valid("http://a\u202eb.com/"));
}

TEST_CASE("uri: a Markdown link whose host is not valid is kept as text, with a warning") {
  Diagnostics diag;
  diag.file = "links.md";
  const doc::Document d =
      read::read_markdown("<http://foo.bar.`baz> and [ok](http://\U0001F344.ga/)\n", ".", {}, diag);
  REQUIRE(d.body.size() == 1);
  const auto& p = std::get<doc::Paragraph>(d.body[0].node);
  int links = 0;
  for (const auto& in : p.content)
    if (const auto* l = std::get_if<doc::Link>(&in.node)) {
      ++links;
      CHECK(l->url == "http://\U0001F344.ga/");  // made ASCII when written (percent_encode_uri)
    }
  CHECK(links == 1);
  CHECK(doc::plain_text(p.content).find("http://foo.bar.`baz") != std::string::npos);
  REQUIRE(diag.warnings.size() == 1);
  CHECK(diag.warnings[0].find("links.md:1:") != std::string::npos);
  CHECK(diag.warnings[0].find("host is not valid") != std::string::npos);
}
