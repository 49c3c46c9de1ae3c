#include "batch/worker.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <new>
#include <nlohmann/json.hpp>
#include <vector>

#include "batch/worker_pool.hpp"
#include "util/error.hpp"

namespace galley::batch {

namespace fs = std::filesystem;

namespace {

nlohmann::json metadata_json(const doc::Metadata& m) {
  return {{"title", m.title},         {"subtitle", m.subtitle},   {"authors", m.authors},
          {"language", m.language},   {"date", m.date},           {"publisher", m.publisher},
          {"rights", m.rights},       {"identifier", m.identifier}, {"description", m.description},
          {"subjects", m.subjects},   {"source", m.source},       {"cover", m.cover}};
}

doc::Metadata metadata_of(const nlohmann::json& j) {
  doc::Metadata m;
  m.title = j.at("title");
  m.subtitle = j.at("subtitle");
  m.authors = j.at("authors").get<std::vector<std::string>>();
  m.language = j.at("language");
  m.date = j.at("date");
  m.publisher = j.at("publisher");
  m.rights = j.at("rights");
  m.identifier = j.at("identifier");
  m.description = j.at("description");
  m.subjects = j.at("subjects").get<std::vector<std::string>>();
  m.source = j.at("source");
  m.cover = j.at("cover");
  return m;
}

// Paths travel as hex: a file name need not be UTF-8, JSON text must be.
std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

fs::path unhex(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
  return fs::path(out);
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// The test hook (see worker.hpp).
bool hook_matches(const char* variable, const std::string& input) {
  const char* value = std::getenv(variable);
  return value && *value && input.find(value) != std::string::npos;
}

void run_test_hooks(const std::string& input) {
  if (hook_matches("GALLEY_TEST_CRASH_ON", input)) std::raise(SIGSEGV);
  if (hook_matches("GALLEY_TEST_HANG_ON", input))
    for (std::atomic<unsigned long> spin{0};;) spin.fetch_add(1, std::memory_order_relaxed);
  if (hook_matches("GALLEY_TEST_BLOAT_ON", input)) {
    std::vector<char*> blocks;
    for (;;) {
      blocks.push_back(new char[64u << 20]);
      std::memset(blocks.back(), 1, 64u << 20);
    }
  }
}

// Converts one request; the reply line. Sets `fatal` when the process must
// end after replying (its heap is no longer trustworthy).
std::string convert_request(const std::string& line, const WorkerSetup& setup, bool& fatal) {
  std::string input;
  nlohmann::json reply;
  try {
    const auto request = nlohmann::json::parse(line);
    Item item;
    item.input = unhex(request.at("input").get<std::string>());
    input = item.input.string();
    if (!request.at("metadata").is_null()) item.metadata = metadata_of(request.at("metadata"));
    if (!request.at("from").is_null()) item.from = static_cast<read::Format>(request.at("from").get<int>());
    const fs::path stem = unhex(request.at("stem").get<std::string>());
    run_test_hooks(input);
    const auto result = setup.convert(item.input, stem, item_options(setup.base, item));
    auto& outputs = reply["outputs"] = nlohmann::json::array();
    for (const auto& o : result.outputs) outputs.push_back(hex(o.native()));
    reply["warnings"] = result.warnings;
    reply["pages"] = result.pages;
    reply["words"] = result.words;
  } catch (const std::bad_alloc&) {
    fatal = true;
    reply["fatal"] = true;
    reply["error"] = input + ": " +
                     (setup.max_memory ? "used more than --max-memory " + setup.max_memory_text : "out of memory");
  } catch (const Error& e) {
    reply["error"] = e.file().empty() ? input + ": " + e.what() : std::string(e.what());
  } catch (const fs::filesystem_error& e) {
    reply["error"] = input + ": " + e.code().message() + (e.path1().empty() ? "" : " (" + e.path1().string() + ")");
  } catch (const std::exception& e) {
    reply["error"] = input + ": " + e.what();
  } catch (...) {
    reply["error"] = input + ": unexpected error";
  }
  return dump(reply);
}

// The address space the process maps now (the binary, libraries, and under
// a sanitizer its shadow memory), in bytes; 0 when unknown.
std::uint64_t mapped_now() {
  std::uint64_t pages = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%" SCNu64, &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}


}  // namespace

void warm_up(const WorkerSetup& setup) {
  std::string dir = (fs::temp_directory_path() / "galley-warm-up-XXXXXX").string();
  if (!::mkdtemp(dir.data())) return;
  try {
    const fs::path input = fs::path(dir) / "warm-up.txt";
    std::FILE* f = std::fopen(input.c_str(), "wb");
    if (f) {
      std::fputs("Warm-up\n\nA short paragraph, set once so that the fonts are loaded.\n", f);
      std::fclose(f);
      Item item;
      item.input = input;
      setup.convert(input, fs::path(dir) / "warm-up", item_options(setup.base, item));
    }
  } catch (...) {
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

void worker_main(int in, int out, const WorkerSetup& setup) {
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);  // a crash costs no core file
  if (setup.max_memory) {
    // --max-memory is what a conversion may add to the worker as it starts.
    const rlim_t bytes = mapped_now() + setup.max_memory;
    const rlimit limit{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &limit);
  }
  std::string buffer;
  char chunk[4096];
  for (;;) {
    const auto nl = buffer.find('\n');
    if (nl == std::string::npos) {
      const ssize_t n = ::read(in, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ::_exit(0);  // the supervisor closed the pipe
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    const std::string line = buffer.substr(0, nl);
    buffer.erase(0, nl + 1);
    bool fatal = false;
    const std::string reply = convert_request(line, setup, fatal);
    if (!write_all(out, reply + '\n') || fatal) ::_exit(fatal ? 3 : 0);
  }
}

std::string encode_request(const Item& item, const fs::path& output_stem) {
  nlohmann::json j;
  j["input"] = hex(item.input.native());
  j["stem"] = hex(output_stem.native());
  j["metadata"] = item.metadata ? metadata_json(*item.metadata) : nlohmann::json(nullptr);
  j["from"] = item.from ? nlohmann::json(static_cast<int>(*item.from)) : nlohmann::json(nullptr);
  return dump(j);
}

WorkerReply decode_reply(const std::string& line) {
  WorkerReply r;
  try {
    const auto j = nlohmann::json::parse(line);
    if (j.contains("error")) {
      r.error = j.at("error").get<std::string>();
      r.fatal = j.value("fatal", false);
      return r;
    }
    for (const auto& o : j.at("outputs")) r.result.outputs.push_back(unhex(o.get<std::string>()));
    r.result.warnings = j.at("warnings").get<std::vector<std::string>>();
    r.result.pages = j.at("pages").get<int>();
    r.result.words = j.at("words").get<std::size_t>();
    r.ok = true;
  } catch (const std::exception& e) {
    r.error = std::string("unreadable reply from a worker process: ") + e.what();
  }
  return r;
}

}  // namespace galley::batch
