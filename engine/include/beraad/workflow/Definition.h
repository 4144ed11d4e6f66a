#pragma once
// Workflow definitions: the lifecycle of a document kind as data
// (schemas/workflow.xsd, shipped in schemas/workflows/). A definition names
// its states (one initial, final ones marked), the transitions between them
// with the roles that may fire them, the guards that must hold and the
// effects that follow, and the deadlines the overview watches.
//
// loadDefinition validates the XML against the schema and then checks the
// graph: every state a transition or deadline names exists, every state is
// reachable from the initial one, no transition leaves a final state, a
// transition name is unique per source state, and every guard and effect is
// one the engine knows (with the parameters it accepts). Every problem is
// reported, not just the first.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beraad/base/Actor.h"
#include "beraad/base/Result.h"
#include "beraad/records/DocumentKind.h"

namespace beraad::workflow {

struct StateDefinition {
    std::string name;
    std::string description;
    bool final = false;
    bool editable = false;    // new content versions may be added
    bool decisions = false;   // partners' decisions are recorded here
    bool signatures = false;  // parties sign here
    bool adopted = false;     // the document is vastgesteld / in force here
    bool governs = false;     // a convenant's rule governs the region's agendas here
};

// A guard or effect with its parameters, as named in the definition.
struct Invocation {
    std::string name;
    std::map<std::string, std::string> params;
};

// When a timed transition is due (docs/workflow.md, "Timed transitions"):
// at 00:00 Europe/Amsterdam on the document's start date, or on the day
// after its end date (the period is over).
struct TimerDefinition {
    enum class At { PeriodStart, PeriodEnd };
    At at = At::PeriodStart;
};

struct TransitionDefinition {
    std::string name;
    std::string from;
    std::string to;
    std::vector<Role> roles;
    bool reasonRequired = false;
    std::string description;
    std::vector<Invocation> guards;
    std::vector<Invocation> effects;
    // Fired by the system when due, like a BPMN timer event; the role
    // systeem must be among `roles`.
    std::optional<TimerDefinition> timer;

    bool allows(Role role) const;
};

struct DeadlineDefinition {
    enum class Basis { Entered, PeriodEnd };
    std::string name;
    std::string state;
    Basis basis = Basis::Entered;
    int years = 0;
    std::string description;
};

struct Definition {
    std::string name;
    int version = 0;
    DocumentKind kind = DocumentKind::Samenwerkingsconvenant;
    std::string description;
    std::string initial;
    std::vector<StateDefinition> states;
    std::vector<TransitionDefinition> transitions;  // in definition order
    std::vector<DeadlineDefinition> deadlines;
    std::string sourceXml;  // the text it was loaded from

    const StateDefinition* state(std::string_view name) const;
    // The transition with this name that leaves `from`.
    const TransitionDefinition* transition(std::string_view from, std::string_view name) const;
    std::vector<const TransitionDefinition*> transitionsFrom(std::string_view from) const;
};

// Parses, validates and checks a definition; InvalidInput with one detail
// per problem when it is refused.
Result<Definition> loadDefinition(std::string_view xml);

// The definitions compiled into the engine (one per document kind).
const std::vector<Definition>& shippedDefinitions();

}  // namespace beraad::workflow
