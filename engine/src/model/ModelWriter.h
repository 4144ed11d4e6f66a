#pragma once
// Writing model drafts (ModelDraft.h): an indenting XML writer and the
// parts the three kinds share. Internal.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "beraad/model/ModelDraft.h"

namespace beraad::model {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// Indented XML, every text and attribute value escaped.
class XmlWriter {
  public:
    XmlWriter();
    void comment(const std::vector<std::string>& lines);
    void open(std::string_view name, const Attributes& attributes = {});
    void close();
    void element(std::string_view name, std::string_view text, const Attributes& attributes = {});
    void empty(std::string_view name, const Attributes& attributes = {});
    std::string finish();

  private:
    void indent();
    void startTag(std::string_view name, const Attributes& attributes);
    std::string out_;
    std::vector<std::string> open_;
};

// The partner register seen through the Beraad: its partijen (kernpartners
// and admitted strategische partners, in the order of the kinds), and the
// first kernpartner of a kind.
struct Beraad {
    const Region& region;
    std::vector<const Partner*> partijen;
    std::vector<std::string> notes;

    const Partner* first(std::string_view kind) const;
    std::vector<const Partner*> ofKinds(std::initializer_list<std::string_view> kinds) const;
    // "Gemeente Enschede", or "de centrumgemeente" when none is registered.
    std::string centrumgemeenteName() const;
};

Beraad beraadOf(const ModelDraftInput& input);

// Refused with a detail per required kernpartner kind that is missing.
Result<void> requireKernpartners(const ModelDraftInput& input);

// Refused with a detail per partij without a representative or with text
// XML cannot hold.
Result<void> requireSignableParties(const ModelDraftInput& input, const Beraad& beraad);

// The comment that opens every draft: what it is and what to complete.
std::vector<std::string> openingComment(const ModelDraftInput& input,
                                        const std::vector<std::string>& toComplete,
                                        const std::vector<std::string>& notes);

// ISO dates: `years` later minus one day ("2027-01-01", 5 -> "2031-12-31").
Result<std::string> lastDayAfterYears(const std::string& begin, int years);
std::string dutchDate(const std::string& iso);

std::string generateConvenant(const ModelDraftInput& input, const Beraad& beraad,
                              const std::string& einddatum);
Result<ModelDraft> generateBeleidsagenda(const ModelDraftInput& input);
Result<ModelDraft> generateUitvoeringsagenda(const ModelDraftInput& input, const Beraad& beraad);

}  // namespace beraad::model
