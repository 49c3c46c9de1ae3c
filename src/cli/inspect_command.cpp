#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "doc/json.hpp"

namespace galley::cli {

Runner add_inspect_command(CLI::App& app) {
  struct State {
    SharedOptions shared;
    std::string input;
    bool json = false;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("inspect", "Print the typed document tree of an input");
  cmd->add_option("INPUT", s->input, "Input file")->required();
  cmd->add_flag("--json", s->json, "Print the tree as JSON (the only form for now)");
  add_shared_options(*cmd, s->shared);
  return [s]() {
    try {
      const auto options = s->shared.resolve();
      Diagnostics diag;
      const auto document = pipeline::load_document(s->input, options, diag);
      for (const auto& w : diag.warnings) print_warning(w);
      std::cout << doc::to_json(document).dump(2) << '\n';
      return 0;
    } catch (const Error& e) {
      print_error(e.what());
      return e.file().empty() ? 2 : 1;
    }
  };
}

}  // namespace galley::cli
