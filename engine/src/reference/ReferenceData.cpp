#include "beraad/reference/ReferenceData.h"

#include <libxml/tree.h>

#include "xml/Xml.h"

namespace beraad {
namespace {

Result<xml::DocPtr> loadValidated(const char* path) {
    xml::DocPtr doc = xml::parseResource(path);
    auto problems = xml::validate(xml::schema("schemas/referentiedata.xsd"), doc.get());
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidContent,
                         std::string("shipped reference data ") + path + " is invalid",
                         std::move(problems));
    }
    return doc;
}

}  // namespace

Result<ReferenceData> shippedReferenceData() {
    auto regions = loadValidated("engine/data/arbeidsmarktregios.xml");
    if (!regions) return regions.error();
    auto budget = loadValidated("engine/data/budgetten.xml");
    if (!budget) return budget.error();

    ReferenceData data;
    const xmlNode* regionRoot = xmlDocGetRootElement(regions.value().get());
    for (const xmlNode* node : xml::children(regionRoot, "regio")) {
        data.regions.push_back(Region{
            xml::attribute(node, "code"), xml::attribute(node, "naam"),
            xml::attribute(node, "centrumgemeente"), xml::attribute(node, "bevestigd") == "true",
            xml::attribute(node, "bron"), xml::attribute(node, "opmerking")});
    }
    const xmlNode* budgetRoot = xmlDocGetRootElement(budget.value().get());
    std::string source = xml::attribute(budgetRoot, "bron");
    std::string date = xml::attribute(budgetRoot, "peildatum");
    for (const xmlNode* node : xml::children(budgetRoot, "jaar")) {
        data.budget.push_back(BudgetYear{std::stoi(xml::attribute(node, "jaar")),
                                         std::stoll(xml::attribute(node, "impulsbudget")),
                                         std::stoll(xml::attribute(node, "structureel")), source,
                                         date});
    }
    return data;
}

std::optional<BudgetYear> budgetFor(const std::vector<BudgetYear>& budget, int year) {
    std::optional<BudgetYear> last;
    for (const auto& row : budget) {
        if (row.year == year) return row;
        if (!last || row.year > last->year) last = row;
    }
    if (!last || year < last->year) return std::nullopt;
    last->year = year;
    return last;
}

}  // namespace beraad
