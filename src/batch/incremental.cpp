#include "batch/incremental.hpp"

#include <elf.h>
#include <link.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>

#include "batch/hash.hpp"
#include "util/error.hpp"
#include "util/output_file.hpp"

namespace galley::batch {

namespace fs = std::filesystem;

namespace {

// The GNU build id of the running executable (a hash the linker computes over
// the whole program), or "" when it has none.
std::string gnu_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) -> int {
        // The first object is the main program.
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::string(name, 3) == "GNU") {
              static const char* digits = "0123456789abcdef";
              auto& s = *static_cast<std::string*>(out);
              for (unsigned k = 0; k < note->n_descsz; ++k) {
                const auto b = static_cast<unsigned char>(desc[k]);
                s += digits[b >> 4];
                s += digits[b & 15];
              }
              return 1;
            }
            p = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &id);
  return id;
}

}  // namespace

std::string build_identity() {
  static std::once_flag once;
  static std::string identity;
  std::call_once(once, [] {
    std::string id = gnu_build_id();
    if (id.empty()) {
      // No build id: the executable's size and time stand in for it.
      std::error_code ec;
      const auto exe = fs::read_symlink("/proc/self/exe", ec);
      if (!ec) {
        id = std::to_string(fs::file_size(exe, ec)) + "-" +
             std::to_string(fs::last_write_time(exe, ec).time_since_epoch().count());
      }
    }
    identity = std::string("galley ") + GALLEY_VERSION + " " + id;
  });
  return identity;
}

std::string options_text(const pipeline::ConvertOptions& o) {
  nlohmann::json j;
  auto& formats = j["formats"] = nlohmann::json::array();
  for (auto f : o.formats) formats.push_back(pipeline::extension(f));
  const auto& m = o.metadata;
  j["metadata"] = {{"title", m.title},         {"subtitle", m.subtitle},   {"authors", m.authors},
                   {"language", m.language},   {"date", m.date},           {"publisher", m.publisher},
                   {"rights", m.rights},       {"identifier", m.identifier}, {"description", m.description},
                   {"subjects", m.subjects},   {"source", m.source},       {"cover", m.cover}};
  j["from"] = o.from ? (*o.from == read::Format::Markdown ? "markdown" : "text") : "";
  j["drop_boilerplate"] = o.read.drop_boilerplate;
  j["smart"] = o.smart;
  j["no_cover"] = o.no_cover;
  j["style"] = {{"style", o.style.style},
                {"page_size", o.style.page_size},
                {"margin", o.style.margin},
                {"font_size", o.style.font_size}};
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  j["source_date_epoch"] = epoch ? epoch : "";
  return j.dump();  // object keys are sorted: canonical
}

std::string conversion_key(const fs::path& input, const pipeline::ConvertOptions& options, const std::string& build) {
  Fingerprint f;
  f.add(build);
  f.add(options_text(options));
  f.add_file(input);
  return f.hex();
}

fs::path state_path(const fs::path& out_dir, const std::string& rel_stem) {
  const fs::path rel(rel_stem);
  return out_dir / rel.parent_path() / ("." + rel.filename().string() + kStateSuffix);
}

fs::path output_path(const fs::path& out_dir, const std::string& rel_stem, pipeline::OutputFormat format) {
  return pipeline::output_path(out_dir / fs::path(rel_stem), format);
}

std::optional<ItemState> up_to_date(const fs::path& out_dir, const std::string& rel_stem,
                                    const std::vector<pipeline::OutputFormat>& formats, const std::string& key) {
  std::ifstream in(state_path(out_dir, rel_stem));
  if (!in) return std::nullopt;
  ItemState state;
  try {
    const auto j = nlohmann::json::parse(in);
    state.key = j.at("key").get<std::string>();
    state.pages = j.value("pages", 0);
    state.words = j.value("words", std::size_t{0});
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // damaged: convert again
  }
  if (state.key != key) return std::nullopt;
  std::error_code ec;
  for (auto f : formats)
    if (!fs::is_regular_file(output_path(out_dir, rel_stem, f), ec)) return std::nullopt;
  return state;
}

void write_state(const fs::path& out_dir, const std::string& rel_stem, const ItemState& state) {
  OutputFile file(state_path(out_dir, rel_stem));
  {
    std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
    out << nlohmann::json{{"key", state.key}, {"pages", state.pages}, {"words", state.words}}.dump() << '\n';
    out.flush();
    if (!out) throw Error(file.final_path().string(), "cannot write batch state");
  }
  file.commit();
}

}  // namespace galley::batch
