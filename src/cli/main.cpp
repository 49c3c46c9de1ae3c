// galley: offline e-book and print publishing pipeline.
#include <clocale>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "pipeline/versions.hpp"

int main(int argc, char** argv) {
  // Numbers in XML, CSS and PDF must use '.', whatever the user's locale.
  std::setlocale(LC_ALL, "C.UTF-8");
  CLI::App app{"galley: text and Markdown articles to EPUB 3 and print-ready PDF", "galley"};
  app.set_version_flag("--version", [] { return galley::pipeline::version_report(); });
  app.require_subcommand(1);
  std::map<std::string, galley::cli::Runner> runners{
      {"convert", galley::cli::add_convert_command(app)},
      {"inspect", galley::cli::add_inspect_command(app)},
      {"batch", galley::cli::add_batch_command(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  for (auto* sub : app.get_subcommands()) return runners.at(sub->get_name())();
  return 2;
}
