// galley batch: shards, discovery, incremental keys, output mirroring and the
// runner (with a stand-in converter, and with the real pipeline for the
// ThreadSanitizer build).
#include <doctest/doctest.h>
#include <unistd.h>

#include <sys/wait.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "batch/batch.hpp"
#include "batch/cleanup.hpp"
#include "batch/discovery.hpp"
#include "batch/hash.hpp"
#include "batch/incremental.hpp"
#include "batch/progress.hpp"
#include "batch/shard.hpp"
#include "batch/limits.hpp"
#include "batch/worker_pool.hpp"
#include "util/error.hpp"
#include "util/output_file.hpp"

using namespace galley;
using namespace galley::batch;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> n{0};
    path = fs::temp_directory_path() /
           ("galley-batch-test-" + std::to_string(::getpid()) + "-" + std::to_string(n.fetch_add(1)));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Item> collect(const std::vector<std::string>& specs) {
  std::vector<Item> items;
  discover(resolve_sources(specs), [&](Item&& i) {
    items.push_back(std::move(i));
    return true;
  });
  return items;
}

// Writes "converted:INPUT" to each output, like a converter would.
pipeline::ConvertResult fake_convert(const fs::path& in, const fs::path& stem, const pipeline::ConvertOptions& o) {
  const std::string text = slurp(in);
  if (text.empty()) throw Error(in.string(), "empty input file");
  if (text.find('\0') != std::string::npos) throw Error(in.string(), "binary file, not text");
  pipeline::ConvertResult r;
  for (auto f : o.formats) {
    auto p = stem;
    p += "." + pipeline::extension(f);
    OutputFile out(p);
    std::ofstream(out.temp_path(), std::ios::binary) << "converted:" << in.generic_string() << " title:" << o.metadata.title;
    out.commit();
    r.outputs.push_back(p);
  }
  r.words = text.size();
  return r;
}

std::vector<nlohmann::json> read_report(const fs::path& p) {
  std::vector<nlohmann::json> lines;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("FNV-1a 64 is the standard, stable function") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("shards 0..N-1 partition any list, deterministically") {
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) keys.push_back("dir" + std::to_string(i % 7) + "/article-" + std::to_string(i));
  for (std::uint64_t n : {1, 2, 3, 4, 7, 16}) {
    std::vector<std::size_t> sizes(n, 0);
    for (const auto& k : keys) {
      int owners = 0;
      for (std::uint64_t s = 0; s < n; ++s)
        if (Shard{s, n}.contains(k)) {
          ++owners;
          ++sizes[s];
        }
      CHECK(owners == 1);
    }
    // Reasonably balanced: every shard within 25% of the mean.
    for (auto size : sizes) CHECK(static_cast<double>(size) > 0.75 * static_cast<double>(keys.size()) / static_cast<double>(n));
  }
  // Deterministic: the same key always lands in the same shard (fixed here so
  // a change of hash, which would reshuffle running job arrays, is noticed).
  CHECK(Shard{fnv1a64("sub/article") % 3, 3}.contains("sub/article"));
  CHECK(fnv1a64("sub/article") == 0x2c3ac15b2664aaa4ULL);
}

TEST_CASE("--shard parsing") {
  CHECK(parse_shard("0/1").count == 1);
  CHECK(parse_shard("2/3").index == 2);
  CHECK(parse_shard("2/3").str() == "2/3");
  for (const char* bad : {"3/3", "1/0", "-1/3", "a/3", "1/", "/3", "1", "1/3/5", "1 /3", ""})
    CHECK_THROWS_AS(parse_shard(bad), Error);
}

TEST_CASE("relative output stems mirror the input tree") {
  CHECK(relative_stem("a.txt") == "a");
  CHECK(relative_stem("sub/dir/a.md") == "sub/dir/a");
  CHECK(relative_stem("./sub/../b.markdown") == "b");
  CHECK(stem_for_listed_input("corpus/x/a.txt") == "corpus/x/a");
  CHECK(stem_for_listed_input("/abs/path/a.txt") == "a");
  CHECK(stem_for_listed_input("../up/a.txt") == "a");
  CHECK(output_path("out", "sub/a", pipeline::OutputFormat::Epub) == fs::path("out/sub/a.epub"));
  CHECK(output_path("out", "a", pipeline::OutputFormat::Pdf) == fs::path("out/a.pdf"));
  CHECK(state_path("out", "sub/a") == fs::path("out/sub/.a.galley-hash"));
  // Temporary files map back to their item, so shards clean only their own.
  CHECK(stem_of_temp("out", "out/sub/.a.epub.galley-tmp-12-3") == "sub/a");
  CHECK(stem_of_temp("out", "out/..a.galley-hash.galley-tmp-12-3") == "a");
  CHECK(stem_of_temp("out", "out/a.epub") == "");
}

TEST_CASE("discovery: folders recursed in order, files, hidden and foreign entries skipped") {
  TempDir t;
  const fs::path src = t.path / "src";
  write(src / "b.txt", "b");
  write(src / "a.md", "a");
  write(src / "c.markdown", "c");
  write(src / "README.TXT", "r");
  write(src / "notes.doc", "x");
  write(src / "sub" / "deep" / "d.txt", "d");
  write(src / "sub" / "e.txt", "e");
  write(src / ".hidden" / "h.txt", "h");
  write(src / ".h.txt", "h");
  write(t.path / "single.text", "s");
  const auto items = collect({src.string(), (t.path / "single.text").string()});
  std::vector<std::string> stems;
  for (const auto& i : items) stems.push_back(i.rel_stem);
  CHECK(stems == std::vector<std::string>{"README", "a", "b", "c", "sub/deep/d", "sub/e", "single"});
  CHECK(items[1].input == src / "a.md");
  for (const auto& i : items) CHECK(i.error.empty());
  CHECK_THROWS_AS(resolve_sources({(t.path / "missing").string()}), Error);
  CHECK_THROWS_AS(resolve_sources({"@" + (t.path / "missing.txt").string()}), Error);
}

TEST_CASE("discovery: manifests of paths and JSON lines with per-item overrides") {
  TempDir t;
  write(t.path / "list.txt",
        "# a comment\n"
        "corpus/a.txt\r\n"
        "\n"
        "  /abs/b.md  \n"
        "{\"input\": \"c.txt\", \"title\": \"Über C\", \"authors\": [\"X\", \"Y\"], \"lang\": \"de\", \"from\": \"markdown\"}\n"
        "{\"input\": \"d.txt\", \"output\": \"books/dee.epub\"}\n"
        "{\"input\": \"e.txt\", \"output\": \"../escape\"}\n"
        "{\"title\": \"no input\"}\n"
        "{not json\n"
        "{\"input\": \"f.txt\", \"lang\": \"not a tag!\"}\n");
  const auto items = collect({"@" + (t.path / "list.txt").string()});
  REQUIRE(items.size() == 8);
  CHECK(items[0].input == "corpus/a.txt");
  CHECK(items[0].rel_stem == "corpus/a");
  CHECK(items[1].input == "/abs/b.md");
  CHECK(items[1].rel_stem == "b");
  REQUIRE(items[2].metadata);
  CHECK(items[2].error.empty());
  CHECK(items[2].metadata->title == "Über C");
  CHECK(items[2].metadata->authors == std::vector<std::string>{"X", "Y"});
  CHECK(items[2].metadata->language == "de");
  CHECK(items[2].from == read::Format::Markdown);
  CHECK(items[3].rel_stem == "books/dee");
  for (int i = 4; i < 8; ++i) {
    CHECK_FALSE(items[i].error.empty());
    CHECK(items[i].error.find("list.txt:") != std::string::npos);
  }
  // Per-item metadata wins over batch-wide options; the rest is kept.
  pipeline::ConvertOptions base;
  base.metadata.title = "Batch title";
  base.metadata.publisher = "Press";
  const auto o = item_options(base, items[2]);
  CHECK(o.metadata.title == "Über C");
  CHECK(o.metadata.publisher == "Press");
  CHECK(item_options(base, items[0]).metadata.title == "Batch title");
}

TEST_CASE("incremental: the key follows the input bytes, the options and the build") {
  TempDir t;
  write(t.path / "a.txt", "Hello world\n");
  pipeline::ConvertOptions o;
  o.formats = {pipeline::OutputFormat::Epub};
  const std::string k = conversion_key(t.path / "a.txt", o, "build-1");
  CHECK(k.size() == 32);
  CHECK(conversion_key(t.path / "a.txt", o, "build-1") == k);
  CHECK(conversion_key(t.path / "a.txt", o, "build-2") != k);
  auto o2 = o;
  o2.metadata.title = "T";
  CHECK(conversion_key(t.path / "a.txt", o2, "build-1") != k);
  auto o3 = o;
  o3.formats = {pipeline::OutputFormat::Epub, pipeline::OutputFormat::Pdf};
  CHECK(conversion_key(t.path / "a.txt", o3, "build-1") != k);
  auto o4 = o;
  o4.read.drop_boilerplate = true;
  CHECK(conversion_key(t.path / "a.txt", o4, "build-1") != k);
  auto o5 = o;
  o5.style.page_size = "a5";
  CHECK(conversion_key(t.path / "a.txt", o5, "build-1") != k);
  auto o6 = o;
  o6.smart = false;  // --no-smart
  CHECK(conversion_key(t.path / "a.txt", o6, "build-1") != k);
  write(t.path / "a.txt", "Hello world!\n");
  CHECK(conversion_key(t.path / "a.txt", o, "build-1") != k);
  CHECK_THROWS_AS(conversion_key(t.path / "none.txt", o, "build-1"), Error);
  CHECK_FALSE(build_identity().empty());

  // up to date only with the same key and every output present
  const fs::path out = t.path / "out";
  CHECK_FALSE(up_to_date(out, "sub/a", o.formats, k));
  write(out / "sub" / "a.epub", "x");
  CHECK_FALSE(up_to_date(out, "sub/a", o.formats, k));
  write_state(out, "sub/a", ItemState{k, 3, 42});
  const auto st = up_to_date(out, "sub/a", o.formats, k);
  REQUIRE(st);
  CHECK(st->pages == 3);
  CHECK(st->words == 42);
  CHECK_FALSE(up_to_date(out, "sub/a", o.formats, "other"));
  CHECK_FALSE(up_to_date(out, "sub/a", o3.formats, k));  // the PDF is missing
  write(state_path(out, "sub/a"), "{damaged");
  CHECK_FALSE(up_to_date(out, "sub/a", o.formats, k));
}

TEST_CASE("--timeout and --max-memory parsing") {
  CHECK(parse_timeout("600") == 600);
  CHECK(parse_timeout("0.2") == doctest::Approx(0.2));
  for (const char* bad : {"", "0", "-1", "abc", "1s", "1e3", "nan"}) CHECK_THROWS_AS(parse_timeout(bad), Error);
  CHECK(parse_memory_size("512M") == 512ull << 20);
  CHECK(parse_memory_size("2G") == 2ull << 30);
  CHECK(parse_memory_size("2g") == 2ull << 30);
  CHECK(parse_memory_size("1.5GiB") == 3ull << 29);
  CHECK(parse_memory_size("100000K") == 100000ull << 10);
  for (const char* bad : {"", "G", "10M", "-1G", "2X", "1..5G", "2 G"}) CHECK_THROWS_AS(parse_memory_size(bad), Error);
}

TEST_CASE("a worker's end is named by its signal or status") {
  int status = 0;
  const pid_t crash = ::fork();
  if (crash == 0) {
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
    ::_exit(0);
  }
  ::waitpid(crash, &status, 0);
  CHECK(describe_exit(status) == "killed by signal 11 (SIGSEGV)");
  const pid_t exits = ::fork();
  if (exits == 0) ::_exit(3);
  ::waitpid(exits, &status, 0);
  CHECK(describe_exit(status) == "exited with status 3");
}

TEST_CASE("progress line") {
  CHECK(Progress::format(50, 200, true, 2.0, 1) == "50/200, 25.0 docs/s, ETA 0:06, 1 failed");
  CHECK(Progress::format(5, 9, false, 1.0, 0) == "5/9+, 5.0 docs/s, ETA --:--, 0 failed");
}

namespace {

struct Corpus {
  TempDir t;
  fs::path src = t.path / "src";
  fs::path out = t.path / "out";
  Corpus() {
    for (int i = 0; i < 30; ++i)
      write(src / (i % 3 ? "" : "sub") / ("art-" + std::to_string(i) + ".txt"), "Article " + std::to_string(i) + "\n");
    write(src / "bad.txt", std::string("\0\1\2", 3));
    write(src / "empty.md", "");
  }
  BatchOptions options(unsigned jobs = 4) const {
    BatchOptions o;
    o.sources = resolve_sources({src.string()});
    o.out_dir = out;
    o.convert.formats = {pipeline::OutputFormat::Epub};
    o.jobs = jobs;
    o.quiet = true;
    o.build = "test-build";
    o.converter = fake_convert;
    return o;
  }
};

}  // namespace

TEST_CASE("runner: mirrored outputs, report lines, failures named, exit code") {
  Corpus c;
  auto o = c.options();
  o.report = c.t.path / "report.jsonl";
  const auto s = run_batch(o);
  CHECK(s.total == 32);
  CHECK(s.converted == 30);
  CHECK(s.failed == 2);
  CHECK(s.exit_code() == 1);
  for (int i = 0; i < 30; ++i) {
    const fs::path p = c.out / (i % 3 ? "" : "sub") / ("art-" + std::to_string(i) + ".epub");
    CHECK(fs::exists(p));
  }
  const auto lines = read_report(o.report);
  REQUIRE(lines.size() == 33);
  std::map<std::string, std::string> status;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const auto& l = lines[i];
    for (const char* key : {"input", "outputs", "status", "error", "warnings", "pages", "words", "seconds"})
      CHECK(l.contains(key));
    status[fs::path(l["input"].get<std::string>()).filename().string()] = l["status"];
    if (l["status"] == "failed") CHECK(l["error"].is_string());
    else CHECK(l["error"].is_null());
  }
  CHECK(status["bad.txt"] == "failed");
  CHECK(status["empty.md"] == "failed");
  CHECK(status["art-7.txt"] == "ok");
  const auto& summary = lines.back()["summary"];
  CHECK(summary["total"] == 32);
  CHECK(summary["failed"] == 2);
  CHECK(summary["converted"] == 30);
  // Nothing temporary is left behind.
  for (const auto& e : fs::recursive_directory_iterator(c.t.path))
    CHECK_FALSE(is_temp_output_name(e.path().filename().string()));
}

TEST_CASE("runner: --incremental skips what is up to date, redoes what changed") {
  Corpus c;
  auto o = c.options();
  run_batch(o);
  o.incremental = true;
  auto s = run_batch(o);
  CHECK(s.skipped == 30);
  CHECK(s.converted == 0);
  write(c.src / "art-1.txt", "changed\n");
  s = run_batch(o);
  CHECK(s.converted == 1);
  CHECK(s.skipped == 29);
  o.convert.metadata.title = "New title";  // options changed: everything again
  s = run_batch(o);
  CHECK(s.converted == 30);
  o.build = "another-build";
  s = run_batch(o);
  CHECK(s.converted == 30);
  // A killed batch: the output is there but its state is not -> converted again.
  fs::remove(state_path(c.out, "art-2"));
  s = run_batch(o);
  CHECK(s.converted == 1);
}

TEST_CASE("runner: shards 0..2 together convert every input exactly once") {
  Corpus c;
  std::multiset<std::string> seen;
  for (std::uint64_t k = 0; k < 3; ++k) {
    auto o = c.options(2);
    o.shard = Shard{k, 3};
    o.report = c.t.path / ("r" + std::to_string(k) + ".jsonl");
    run_batch(o);
    for (const auto& l : read_report(o.report))
      if (l.contains("input")) seen.insert(l["input"].get<std::string>());
  }
  CHECK(seen.size() == 32);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 32);
}

TEST_CASE("runner: leftovers of killed runs are removed, only by their shard") {
  Corpus c;
  write(c.out / "sub" / ".art-0.epub.galley-tmp-999-1", "partial");
  write(c.out / ".art-1.galley-hash.galley-tmp-999-2", "partial");
  write(c.out / "keep.epub", "not ours");
  Shard other{(fnv1a64("sub/art-0") + 1) % 2, 2};
  CHECK(remove_stale_temps(c.out, other) == (Shard{fnv1a64("art-1") % 2, 2}.index == other.index ? 1u : 0u));
  CHECK(remove_stale_temps(c.out, Shard{}) >= 1u);
  CHECK_FALSE(fs::exists(c.out / "sub" / ".art-0.epub.galley-tmp-999-1"));
  CHECK_FALSE(fs::exists(c.out / ".art-1.galley-hash.galley-tmp-999-2"));
  CHECK(fs::exists(c.out / "keep.epub"));
}

TEST_CASE("runner: two inputs with the same output fail the second, not silently overwrite") {
  TempDir t;
  write(t.path / "src" / "a.txt", "text\n");
  write(t.path / "src" / "a.md", "markdown\n");
  BatchOptions o;
  o.sources = resolve_sources({(t.path / "src").string()});
  o.out_dir = t.path / "out";
  o.convert.formats = {pipeline::OutputFormat::Epub};
  o.jobs = 2;
  o.quiet = true;
  o.build = "b";
  o.converter = fake_convert;
  const auto s = run_batch(o);
  CHECK(s.converted == 1);
  CHECK(s.failed == 1);
  // A rerun replaces the outputs of the earlier batch without complaint.
  const auto s2 = run_batch(o);
  CHECK(s2.converted == 1);
  CHECK(s2.failed == 1);
}

TEST_CASE("runner: --fail-fast stops scheduling after the first failure") {
  TempDir t;
  write(t.path / "src" / "0-bad.txt", "");
  for (int i = 0; i < 200; ++i) write(t.path / "src" / ("x" + std::to_string(i) + ".txt"), "x\n");
  BatchOptions o;
  o.sources = resolve_sources({(t.path / "src").string()});
  o.out_dir = t.path / "out";
  o.convert.formats = {pipeline::OutputFormat::Epub};
  o.jobs = 1;
  o.quiet = true;
  o.build = "b";
  o.fail_fast = true;
  o.converter = fake_convert;
  const auto s = run_batch(o);
  CHECK(s.failed == 1);
  CHECK(s.stopped == "fail-fast");
  CHECK(s.total < 10);
  CHECK(s.exit_code() == 1);
}

TEST_CASE("runner: a crash, a hang or a runaway allocation fails that input only, and is retried") {
  TempDir t;
  for (const char* name : {"crash", "hang", "greedy", "fine-1", "fine-2", "fine-3"})
    write(t.path / "src" / (std::string(name) + ".txt"), std::string(name) + "\n");
  BatchOptions o;
  o.sources = resolve_sources({(t.path / "src").string()});
  o.out_dir = t.path / "out";
  o.report = t.path / "report.jsonl";
  o.convert.formats = {pipeline::OutputFormat::Epub};
  o.jobs = 2;
  o.quiet = true;
  o.build = "b";
  o.timeout = 1;
  o.timeout_text = "1";
  o.max_memory = 256ull << 20;
  o.max_memory_text = "256M";
  o.converter = [](const fs::path& in, const fs::path& stem, const pipeline::ConvertOptions& opt) {
    const std::string name = in.stem().string();
    if (name == "crash") std::raise(SIGSEGV);
    if (name == "hang") ::pause();
    if (name == "greedy") std::vector<char> huge(1ull << 30);
    return fake_convert(in, stem, opt);
  };
  const auto s = run_batch(o);
  CHECK(s.converted == 3);
  CHECK(s.failed == 3);
  std::map<std::string, std::string> error;
  const auto lines = read_report(o.report);
  REQUIRE(lines.size() == 7);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    if (lines[i]["status"] == "failed") error[fs::path(lines[i]["input"].get<std::string>()).stem().string()] = lines[i]["error"];
  CHECK(error["crash"].find("killed by signal 11 (SIGSEGV)") != std::string::npos);
  CHECK(error["hang"].find("took longer than --timeout 1 s") != std::string::npos);
#if !defined(__SANITIZE_ADDRESS__)  // ASan's operator new aborts instead of throwing std::bad_alloc
  CHECK(error["greedy"].find("used more than --max-memory 256M") != std::string::npos);
#endif
  CHECK(lines.back()["summary"]["failed"] == 3);
  // No state was written for the failures: --incremental retries exactly them.
  o.incremental = true;
  const auto again = run_batch(o);
  CHECK(again.skipped == 3);
  CHECK(again.failed == 3);
}

TEST_CASE("runner: JSON-lines overrides reach the converter") {
  TempDir t;
  write(t.path / "a.txt", "a\n");
  const std::string a = (t.path / "a.txt").string();
  write(t.path / "m.jsonl", "{\"input\": \"" + a + "\", \"title\": \"Override\", \"output\": \"x/y\"}\n" + a + "\n");
  BatchOptions o;
  o.sources = resolve_sources({"@" + (t.path / "m.jsonl").string()});
  o.out_dir = t.path / "out";
  o.convert.formats = {pipeline::OutputFormat::Epub};
  o.convert.metadata.title = "Batch";
  o.quiet = true;
  o.build = "b";
  o.converter = fake_convert;
  CHECK(run_batch(o).converted == 2);
  CHECK(slurp(t.path / "out" / "x" / "y.epub").find("title:Override") != std::string::npos);
  CHECK(slurp(t.path / "out" / "a.epub").find("title:Batch") != std::string::npos);
}

// The real pipeline with several threads at once: run under the
// ThreadSanitizer build (-DGALLEY_TSAN=ON) to check the readers and writers
// (Pango, Cairo, fontconfig, libzip) are thread-safe.
TEST_CASE("runner: real conversions in parallel") {
  const fs::path articles = fs::path(GALLEY_TEST_DATA) / "articles-txt";
  REQUIRE(fs::is_directory(articles));
  TempDir t;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(articles))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 8);
  files.resize(8);
  fs::create_directories(t.path / "src");
  for (const auto& f : files) fs::copy_file(f, t.path / "src" / f.filename());
  BatchOptions o;
  o.sources = resolve_sources({(t.path / "src").string()});
  o.out_dir = t.path / "out";
  o.jobs = 4;
  o.quiet = true;
  o.report = t.path / "r.jsonl";
  const auto s = run_batch(o);
  CHECK(s.total == files.size());
  CHECK(s.failed == 0);
  for (const auto& l : read_report(o.report))
    if (l.contains("status") && l["status"] != "ok") MESSAGE(l.dump());
}
