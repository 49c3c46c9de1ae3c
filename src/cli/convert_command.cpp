#include <iostream>
#include <memory>

#include "cli/commands.hpp"

namespace galley::cli {

Runner add_convert_command(CLI::App& app) {
  struct State {
    SharedOptions shared;
    std::vector<std::string> inputs;
    std::string out_dir = ".";
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("convert", "Convert text or Markdown articles to EPUB (and PDF)");
  cmd->add_option("INPUT", s->inputs, "Input files (.txt, .md)")->required();
  cmd->add_option("-o,--output", s->out_dir, "Output folder (default: current folder)");
  add_shared_options(*cmd, s->shared);
  return [s]() {
    pipeline::ConvertOptions options;
    try {
      options = s->shared.resolve();
      std::filesystem::create_directories(s->out_dir);
    } catch (const Error& e) {
      print_error(e.what());
      return 2;
    } catch (const std::filesystem::filesystem_error& e) {
      print_error(s->out_dir + ": cannot create output folder: " + e.code().message());
      return 1;
    }
    int status = 0;
    for (const auto& input : s->inputs) {
      const std::filesystem::path in(input);
      try {
        auto result = pipeline::convert_file(in, std::filesystem::path(s->out_dir) / in.stem(), options);
        for (const auto& w : result.warnings) print_warning(w);
      } catch (const Error& e) {
        print_error(e.what());
        status = 1;
      } catch (const std::exception& e) {
        print_error(input + ": " + e.what());
        status = 1;
      }
    }
    return status;
  };
}

}  // namespace galley::cli
