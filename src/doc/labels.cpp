#include "doc/labels.hpp"

#include <utility>

namespace galley::doc {

Labels labels_for(const std::string& language) {
  const std::string primary = language.substr(0, language.find('-'));
  static const std::pair<const char*, Labels> table[] = {
      {"de", {"Inhalt", "Anmerkungen"}},     {"fr", {"Table des mati\u00e8res", "Notes"}},
      {"es", {"\u00cdndice", "Notas"}},       {"it", {"Indice", "Note"}},
      {"pt", {"Sum\u00e1rio", "Notas"}},      {"nl", {"Inhoud", "Noten"}},
      {"ru", {"\u0421\u043e\u0434\u0435\u0440\u0436\u0430\u043d\u0438\u0435", "\u041f\u0440\u0438\u043c\u0435\u0447\u0430\u043d\u0438\u044f"}},
      {"zh", {"\u76ee\u5f55", "\u6ce8\u91ca"}}, {"ja", {"\u76ee\u6b21", "\u6ce8"}},
      {"ar", {"\u0627\u0644\u0645\u062d\u062a\u0648\u064a\u0627\u062a", "\u0627\u0644\u062d\u0648\u0627\u0634\u064a"}},
  };
  for (const auto& [code, labels] : table)
    if (primary == code) return labels;
  return {"Contents", "Notes"};
}

}  // namespace galley::doc
