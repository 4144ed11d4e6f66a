#include "beraad/workflow/Definition.h"

#include <libxml/tree.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "beraad/base/Resources.h"
#include "beraad/workflow/Guards.h"
#include "xml/Xml.h"

namespace beraad::workflow {

bool TransitionDefinition::allows(Role role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const StateDefinition* Definition::state(std::string_view wanted) const {
    for (const auto& candidate : states) {
        if (candidate.name == wanted) return &candidate;
    }
    return nullptr;
}

const TransitionDefinition* Definition::transition(std::string_view from,
                                                   std::string_view wanted) const {
    for (const auto& candidate : transitions) {
        if (candidate.from == from && candidate.name == wanted) return &candidate;
    }
    return nullptr;
}

std::vector<const TransitionDefinition*> Definition::transitionsFrom(std::string_view from) const {
    std::vector<const TransitionDefinition*> found;
    for (const auto& candidate : transitions) {
        if (candidate.from == from) found.push_back(&candidate);
    }
    return found;
}

namespace {

bool flag(const xmlNode* node, const char* name) {
    std::string value = xml::attribute(node, name);
    return value == "true" || value == "1";
}

int line(const xmlNode* node) {
    return static_cast<int>(xmlGetLineNo(node));
}

std::vector<Invocation> invocations(const xmlNode* node, const char* element) {
    std::vector<Invocation> found;
    for (const xmlNode* child : xml::children(node, element)) {
        Invocation invocation{xml::attribute(child, "name"), {}};
        for (const xmlNode* param : xml::children(child, "param")) {
            invocation.params[xml::attribute(param, "name")] = xml::attribute(param, "value");
        }
        found.push_back(std::move(invocation));
    }
    return found;
}

class GraphChecker {
  public:
    GraphChecker(const Definition& definition, std::vector<ErrorDetail>& problems)
        : definition_(definition), problems_(problems) {}

    void run(const std::vector<int>& transitionLines) {
        if (!definition_.state(definition_.initial)) {
            add("the initial state '" + definition_.initial + "' is not a declared state", 0,
                "/workflow/states/@initial");
        }
        std::set<std::pair<std::string, std::string>> seen;
        for (size_t i = 0; i < definition_.transitions.size(); ++i) {
            checkTransition(definition_.transitions[i], transitionLines[i], seen);
        }
        for (const auto& deadline : definition_.deadlines) {
            if (!definition_.state(deadline.state)) {
                add("deadline '" + deadline.name + "' watches unknown state '" + deadline.state +
                        "'",
                    0, "/workflow/deadlines");
            }
        }
        checkReachable();
    }

  private:
    void add(std::string message, int at, std::string where) {
        problems_.push_back(
            {std::move(message), at > 0 ? std::optional(at) : std::nullopt, std::move(where)});
    }

    void checkTransition(const TransitionDefinition& transition, int at,
                         std::set<std::pair<std::string, std::string>>& seen) {
        std::string where = "transition " + transition.name + " (from " + transition.from + ")";
        const StateDefinition* from = definition_.state(transition.from);
        if (!from)
            add("transition '" + transition.name + "' leaves unknown state '" + transition.from +
                    "'",
                at, where);
        if (!definition_.state(transition.to)) {
            add("transition '" + transition.name + "' leads to unknown state '" + transition.to +
                    "'",
                at, where);
        }
        if (from && from->final) {
            add("transition '" + transition.name + "' leaves final state '" + transition.from +
                    "'; nothing may leave a final state",
                at, where);
        }
        if (!seen.insert({transition.from, transition.name}).second) {
            add("transition name '" + transition.name + "' is used twice from state '" +
                    transition.from + "'",
                at, where);
        }
        for (const auto& guard : transition.guards)
            checkInvocation(guard, knownGuards(), "guard", at, where);
        if (transition.timer && !transition.allows(Role::Systeem)) {
            add("transition '" + transition.name +
                    "' has a timer, so the role systeem must be among its roles",
                at, where);
        }
        for (const auto& effect : transition.effects) {
            checkInvocation(effect, knownEffects(), "effect", at, where);
            auto fired = effect.params.find("transition");
            if (fired == effect.params.end()) {
                add("effect '" + effect.name + "' needs the parameter 'transition'", at, where);
                continue;
            }
            bool exists =
                std::any_of(definition_.transitions.begin(), definition_.transitions.end(),
                            [&](const TransitionDefinition& other) {
                                return other.name == fired->second && other.allows(Role::Systeem);
                            });
            if (!exists) {
                add("effect '" + effect.name + "' fires transition '" + fired->second +
                        "', which the definition does not have for the role systeem",
                    at, where);
            }
        }
    }

    void checkInvocation(const Invocation& invocation, const std::vector<GuardSpec>& known,
                         const std::string& what, int at, const std::string& where) {
        auto spec = std::find_if(known.begin(), known.end(), [&](const GuardSpec& candidate) {
            return candidate.name == invocation.name;
        });
        if (spec == known.end()) {
            std::string names;
            for (const auto& candidate : known)
                names += (names.empty() ? "" : ", ") + std::string(candidate.name);
            add("unknown " + what + " '" + invocation.name + "'; known: " + names, at, where);
            return;
        }
        for (const auto& [name, value] : invocation.params) {
            if (std::find(spec->params.begin(), spec->params.end(), name) == spec->params.end()) {
                add(what + " '" + invocation.name + "' has no parameter '" + name + "'", at, where);
            }
        }
        if (invocation.name == "period-fits") checkPeriodParams(invocation, at, where);
    }

    void checkPeriodParams(const Invocation& invocation, int at, const std::string& where) {
        for (const char* name : {"min-years", "max-years"}) {
            auto found = invocation.params.find(name);
            if (found == invocation.params.end()) continue;
            const std::string& value = found->second;
            bool digits = !value.empty() && value.size() < 4 &&
                          std::all_of(value.begin(), value.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
            if (!digits)
                add(std::string("period-fits: ") + name + " must be a whole number of years", at,
                    where);
        }
        auto within = invocation.params.find("within");
        if (within != invocation.params.end() && within->second != "beleidsagenda") {
            add("period-fits: within can only be 'beleidsagenda'", at, where);
        }
    }

    void checkReachable() {
        std::set<std::string> reached{definition_.initial};
        std::vector<std::string> frontier{definition_.initial};
        while (!frontier.empty()) {
            std::string current = frontier.back();
            frontier.pop_back();
            for (const auto* transition : definition_.transitionsFrom(current)) {
                if (reached.insert(transition->to).second) frontier.push_back(transition->to);
            }
        }
        for (const auto& state : definition_.states) {
            if (!reached.count(state.name)) {
                add("state '" + state.name + "' cannot be reached from the initial state '" +
                        definition_.initial + "'",
                    0, "state " + state.name);
            }
        }
    }

    const Definition& definition_;
    std::vector<ErrorDetail>& problems_;
};

}  // namespace

Result<Definition> loadDefinition(std::string_view text) {
    xml::Parsed parsed = xml::parseUntrusted(text);
    if (!parsed.doc) {
        return makeError(ErrorCode::InvalidInput, "the workflow definition is not well-formed XML",
                         std::move(parsed.problems));
    }
    auto problems = xml::validate(xml::schema("schemas/workflow.xsd"), parsed.doc.get());
    if (!problems.empty()) {
        // Counted before the details are moved into the error.
        std::string places = std::to_string(problems.size());
        return makeError(
            ErrorCode::InvalidInput,
            "the workflow definition breaks schemas/workflow.xsd in " + places + " place(s)",
            std::move(problems));
    }
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    Definition definition;
    definition.sourceXml = std::string(text);
    definition.name = xml::attribute(root, "name");
    definition.version = std::stoi(xml::attribute(root, "version"));
    definition.kind = *parseDocumentKind(xml::attribute(root, "kind"));
    definition.description = xml::text(xml::firstChild(root, "description"));
    const xmlNode* states = xml::firstChild(root, "states");
    definition.initial = xml::attribute(states, "initial");
    for (const xmlNode* node : xml::children(states, "state")) {
        definition.states.push_back(
            {xml::attribute(node, "name"), xml::text(xml::firstChild(node, "description")),
             flag(node, "final"), flag(node, "editable"), flag(node, "decisions"),
             flag(node, "signatures"), flag(node, "adopted"), flag(node, "governs")});
    }
    std::vector<int> transitionLines;
    for (const xmlNode* node : xml::children(xml::firstChild(root, "transitions"), "transition")) {
        TransitionDefinition transition;
        transition.name = xml::attribute(node, "name");
        transition.from = xml::attribute(node, "from");
        transition.to = xml::attribute(node, "to");
        std::istringstream roles(xml::attribute(node, "roles"));
        for (std::string role; roles >> role;)
            transition.roles.push_back(*parseRole(role));
        transition.reasonRequired = flag(node, "reason");
        transition.description = xml::text(xml::firstChild(node, "description"));
        transition.guards = invocations(node, "guard");
        transition.effects = invocations(node, "effect");
        if (const xmlNode* timer = xml::firstChild(node, "timer")) {
            transition.timer = TimerDefinition{xml::attribute(timer, "at") == "period-end"
                                                   ? TimerDefinition::At::PeriodEnd
                                                   : TimerDefinition::At::PeriodStart};
        }
        definition.transitions.push_back(std::move(transition));
        transitionLines.push_back(line(node));
    }
    for (const xmlNode* node : xml::children(xml::firstChild(root, "deadlines"), "deadline")) {
        std::string years = xml::attribute(node, "years");
        definition.deadlines.push_back(
            {xml::attribute(node, "name"), xml::attribute(node, "state"),
             xml::attribute(node, "basis") == "period-end" ? DeadlineDefinition::Basis::PeriodEnd
                                                           : DeadlineDefinition::Basis::Entered,
             years.empty() ? 0 : std::stoi(years), xml::attribute(node, "description")});
    }

    GraphChecker(definition, problems).run(transitionLines);
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidInput,
                         "workflow definition " + definition.name + " version " +
                             std::to_string(definition.version) + " is refused: " +
                             std::to_string(problems.size()) + " problem(s) in its graph",
                         std::move(problems));
    }
    return definition;
}

const std::vector<Definition>& shippedDefinitions() {
    static const std::vector<Definition> definitions = [] {
        std::vector<Definition> loaded;
        for (auto kind : {DocumentKind::Samenwerkingsconvenant, DocumentKind::Beleidsagenda,
                          DocumentKind::Uitvoeringsagenda}) {
            std::string path = "schemas/workflows/" + std::string(toString(kind)) + ".xml";
            auto text = resources::find(path);
            if (!text) throw std::logic_error("missing embedded workflow definition " + path);
            auto definition = loadDefinition(*text);
            if (!definition) {
                throw std::logic_error("shipped workflow definition " + path +
                                       " is invalid: " + definition.error().describe());
            }
            loaded.push_back(std::move(definition).value());
        }
        return loaded;
    }();
    return definitions;
}

}  // namespace beraad::workflow
