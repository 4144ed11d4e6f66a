#include "beraad/workflow/Guards.h"

namespace beraad::workflow {

const std::vector<GuardSpec>& knownGuards() {
    static const std::vector<GuardSpec> guards{
        {"content-valid",
         {},
         "the latest content is valid against its schema, names only registered partners, and a "
         "convenant names a kernpartner of every required kind and only admitted strategische "
         "partners"},
        {"kostenverdeling-complete",
         {},
         "the kostenverdeling shares of a convenant add up to 100%"},
        {"decision-rule-met",
         {},
         "the decision rule of the convenant is met by the decisions on the latest content hash"},
        {"decision-rule-available",
         {},
         "an agenda's region has a samenwerkingsconvenant whose decision rule governs it or will "
         "(decided on, or still on its way there)"},
        {"every-party-signed", {}, "every partij of the convenant signed the latest content hash"},
        {"period-fits",
         {"min-years", "max-years", "within"},
         "the period spans between min-years and max-years and, with within=beleidsagenda, lies "
         "inside the period of the document's beleidsagenda"},
        {"actions-match-ambitions",
         {},
         "every actie refers to an ambitie of the uitvoeringsagenda's beleidsagenda"},
        {"impulsbudget-within-limit",
         {},
         "per year, the impulsbudget allocated to actions does not exceed the region's "
         "impulsbudget"},
        {"beleidsagenda-vastgesteld", {}, "the document's beleidsagenda is in an adopted state"},
        {"start-date-reached", {}, "today is on or after the start of the period (ingangsdatum)"},
        {"end-date-reached", {}, "today is after the end of the period"},
    };
    return guards;
}

const std::vector<GuardSpec>& knownEffects() {
    static const std::vector<GuardSpec> effects{
        {"supersede-amended",
         {"transition"},
         "when a wijziging comes into force, fire `transition` on the convenant it amends"},
        {"revise-previous",
         {"transition"},
         "when an uitvoeringsagenda is vastgesteld, fire `transition` on the other adopted "
         "uitvoeringsagenda(s) of the same beleidsagenda"},
    };
    return effects;
}

}  // namespace beraad::workflow
